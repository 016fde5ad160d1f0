/**
 * [RG6-RG8, RG10] The report as one self-contained HTML page, made to be printed: "Save as PDF" in
 * the browser gives a clean A4 document. The chapters are the Word and Markdown reports', in the
 * order of the one outline (outline.ts), with their sentences (sections.ts): a cover page, the
 * revision history, a contents list linking to each chapter, then the chapters (htmlSections.ts).
 * Every piece of participant text goes through `escapeHtml` [RG7].
 */
import type { Translator } from '../i18n/translate';
import { annex, clusters, dimension, engagement, type HtmlChart, methodology, tandems, textBlocks } from './htmlSections';
import { PRINT_STYLES } from './htmlStyles';
import { escapeHtml, htmlTable, paragraph } from './htmlText';
import { outline, type Part } from './outline';
import type { Report } from './report';
import { coverFields, coverTitle } from './sections';
import { figure, reportDate } from './words';

export { escapeHtml } from './htmlText';
export type { HtmlChart } from './htmlSections';

const same = (text: string) => text;

/** [RD2] The cover, a printed page of its own: title, deliverable, identity, funding; on screen, how to save it. */
function cover(words: Translator, report: Report): string {
  const { t } = words;
  const { settings } = report.content;
  // On screen, how to keep it comes first; on paper it is gone.
  const out = [paragraph(t('report.print.hint'), 'screen-only hint'), `<h1>${escapeHtml(coverTitle(report))}</h1>`];
  // The board's own title, when the cover carries the deliverable's: which workshop this is.
  if (coverTitle(report) !== report.title && report.title.trim()) out.push(paragraph(report.title, 'subtitle'));
  if (settings.deliverable.trim()) out.push(paragraph(t('report.cover.deliverable', { number: settings.deliverable.trim() }), 'deliverable'));
  const rows = coverFields(words, report).map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`);
  out.push(`<table class="fields"><tbody>${rows.join('')}</tbody></table>`);
  if (settings.funding.trim()) out.push(paragraph(settings.funding.trim(), 'funding'));
  return `<header class="cover">${out.join('')}</header>`;
}

/** [RD2] One row per named version of the board, oldest first. */
function revisions(words: Translator, report: Report): string {
  const { t } = words;
  const heading = `<h2>${escapeHtml(t('report.revisions'))}</h2>`;
  if (report.revisions.length === 0) return `<section class="front">${heading}${paragraph(t('report.revisions.none'))}</section>`;
  const header = [t('report.revisions.number'), t('report.revisions.date'), t('report.revisions.author'), t('report.revisions.comment')];
  const rows = report.revisions.map((r, i) => [
    escapeHtml(figure(words, i + 1)),
    escapeHtml(reportDate(words, new Date(r.at))),
    escapeHtml(r.by),
    escapeHtml(r.comment),
  ]);
  return `<section class="front">${heading}${htmlTable(header, rows)}</section>`;
}

/** Each part's anchor: a fixed word, or the dimension's number; never participant text. */
function anchor(part: Part): string {
  return part.id === 'dimension' ? `dimension-${part.number ?? 0}` : part.id;
}

/** [RG10] The contents: the outline's headings as in-page links, the dimensions under their chapter. */
function contents(words: Translator, parts: readonly Part[]): string {
  const items: string[] = [];
  parts.forEach((part, i) => {
    const link = `<a href="#${anchor(part)}">${escapeHtml(part.heading)}</a>`;
    const next = parts[i + 1];
    if (part.level === 1) items.push(next?.level === 2 ? `<li>${link}<ul>` : `<li>${link}</li>`);
    else items.push(next?.level === 2 ? `<li>${link}</li>` : `<li>${link}</li></ul></li>`);
  });
  return `<nav class="contents" aria-labelledby="contents"><h2 id="contents">${escapeHtml(words.t('report.contents'))}</h2><ul>${items.join('')}</ul></nav>`;
}

function chapterBody(words: Translator, report: Report, part: Part, charts: readonly HtmlChart[]): string {
  switch (part.id) {
    case 'introduction':
      return textBlocks(report.content.introduction);
    case 'methodology':
      return methodology(words, report);
    case 'clusters':
      return clusters(words, report);
    case 'assessment':
    case 'dimension':
      return '';
    case 'tandems':
      return tandems(words, report);
    case 'engagement':
      return engagement(words, report, charts);
    case 'conclusion':
      return textBlocks(report.content.conclusion);
    case 'annex':
      return annex(words, report);
  }
}

/** [RG10] The chapters in the outline's order; a dimension's subsection goes inside "2.", each on a page of its own. */
function chapters(words: Translator, report: Report, parts: readonly Part[], charts: readonly HtmlChart[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part.level === 2) {
      const d = report.dimensions.find((x) => x.number === part.number);
      if (d) out.push(dimension(words, d, anchor(part)));
      continue;
    }
    // A chapter's section closes before the next; "2." holds its dimensions.
    if (out.length > 0) out.push('</section>');
    out.push(`<section class="main" id="${anchor(part)}"><h2>${escapeHtml(part.heading)}</h2>${chapterBody(words, report, part, charts)}`);
  }
  if (out.length > 0) out.push('</section>');
  return out;
}

/** [RG6] The whole page: no script, nothing fetched; styles and charts inline. */
export function renderHtml(report: Report, words: Translator, charts: readonly HtmlChart[]): string {
  const parts = outline(words, report, same);
  const body = [cover(words, report), revisions(words, report), contents(words, parts), ...chapters(words, report, parts, charts)].join('\n');
  const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!doctype html>
<html lang="${escapeHtml(words.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(coverTitle(report))}</title>
<style>${PRINT_STYLES}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
