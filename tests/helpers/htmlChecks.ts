/** [RG7] What the printable page may hold: the tags shared/report/html.ts writes, and no other. */
const OUR_TAGS = new Set([
  '!doctype',
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'section',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'nav',
  'a',
  'ol',
  'em',
  'p',
  'ul',
  'li',
  'strong',
  'span',
  'br',
  'blockquote',
  'aside',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'figure',
]);

/**
 * The tags of the page outside its charts that html.ts never writes. Participant text is escaped,
 * so every `<` left is one of ours; a tag we do not write means text became markup. The charts'
 * SVG (Vega's markup, checked on its own) is taken out first.
 */
export function foreignTags(html: string): string[] {
  const withoutCharts = html.replace(/<svg[\s\S]*?<\/svg>/g, '');
  return [...withoutCharts.matchAll(/<\/?([!a-zA-Z][\w-]*)/g)].map((m) => (m[1] ?? '').toLowerCase()).filter((tag) => !OUR_TAGS.has(tag));
}

/** Notes shown in the page's sections: list items and good-practice call-outs. */
export function htmlNoteCount(html: string): number {
  return (html.match(/<li class="note">|<aside class="callout">/g) ?? []).length;
}
