/** The report as Markdown. Every piece of participant text is escaped: it renders as text. */
import { bucketWidthLabel } from './engagement';
import type { Report, ReportGroup, ReportNote } from './report';

/**
 * Characters that Markdown (CommonMark and GFM) or the HTML it may hold interprets anywhere in a
 * line: emphasis, code spans, links and images, link reference definitions, autolinks and raw
 * HTML, entities, tables, strikethrough, a heading's closing `#`s, and the backslash itself [E1].
 */
const INLINE = /[\\`*_[\]<>|~&#!]/g;

/**
 * C0 controls (except tab and line breaks), DEL and C1 controls: a Markdown reader shows them as
 * boxes or drops them (NUL becomes U+FFFD), and no participant has a reason to send them.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * One line of participant text, made to read as text wherever it lands [E1]. Inline syntax is
 * escaped first; then what would open a block if the line starts one (every line we write puts
 * participant text where a block may start: inside a list item, a quote, a continuation line).
 * After inline escaping, `#`, `>`, `*`, `_`, backticks, `~`, `|`, `<` and `[` are already
 * harmless, which leaves bullets (`- `, `+ `), thematic breaks and setext underlines (`---`,
 * `===`) and ordered-list markers (`1.`, `1)`). Leading blanks are dropped, so indented code cannot start either.
 */
function escapeLine(line: string): string {
  return (
    line
      .replace(/\t/g, ' ')
      .trim()
      .replace(INLINE, (c) => `\\${c}`)
      // Any leading -, + or = is escaped: a backslash before punctuation is always literal, and
      // spaced runs such as `-- -` are thematic breaks too.
      .replace(/^[-+=]/, (c) => `\\${c}`)
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
  );
}

/**
 * Escapes participant text so that it renders as the same text and never as markup [E1].
 * Without `continuation`, line breaks become spaces (headings, table cells, bold labels). With
 * it, each line break becomes a hard break (`\` at the end of the line) and the next line starts
 * with `continuation` (the indentation of a list item's content, or `> ` in a quote), so a
 * multi-line note stays inside its own list item or quote.
 */
export function escapeMarkdown(text: string, continuation?: string): string {
  const lines = text
    .replace(CONTROLS, '')
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map(escapeLine)
    .filter((line) => line !== '');
  return continuation === undefined ? lines.join(' ') : lines.join(`\\\n${continuation}`);
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function votes(count: number): string {
  return count > 0 ? ` (${count} ${count === 1 ? 'vote' : 'votes'})` : '';
}

function noteLine(note: ReportNote, attribute: boolean): string {
  const who = attribute ? ` — *${escapeMarkdown(note.cluster)}*` : '';
  const carried = note.carriedFrom ? ` *(from “${escapeMarkdown(note.carriedFrom)}”)*` : '';
  const source = note.source ? ` *(${escapeMarkdown(note.source)})*` : '';
  return `- ${escapeMarkdown(note.text, '  ')}${who}${votes(note.votes)}${carried}${source}`;
}

function group(lines: string[], g: ReportGroup, attribute: boolean, afterThemes: boolean): void {
  if (g.theme) {
    // An empty title would leave `****`, a thematic break.
    lines.push(`**${escapeMarkdown(g.theme.title) || 'Untitled theme'}**${votes(g.theme.votes)}`, '');
    if (g.theme.statement) lines.push(`> ${escapeMarkdown(g.theme.statement, '> ')}`, '');
  } else if (afterThemes) {
    // A label of its own, or Markdown would join these to the last theme's list.
    lines.push('**Not in a theme**', '');
  }
  for (const note of g.notes) lines.push(noteLine(note, attribute));
  lines.push('');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderMarkdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(report.title)}`, '');
  lines.push(
    `Report generated on ${formatDate(report.generatedAt)} from Clusterboard: ${count(report.totals.notes, 'note', 'notes')}, ${count(report.totals.themes, 'theme', 'themes')}, ${count(report.totals.links, 'matchmaking link', 'matchmaking links')}${report.totals.votes > 0 ? `, ${count(report.totals.votes, 'vote', 'votes')}` : ''}.`,
    '',
  );

  lines.push('## Participants', '');
  if (report.participantsByCluster.length === 0) lines.push('Nobody has joined this board yet.', '');
  for (const { cluster, names } of report.participantsByCluster) {
    lines.push(`- **${escapeMarkdown(cluster)}**: ${names.map((name) => escapeMarkdown(name)).join(', ')}`);
  }
  if (report.participantsByCluster.length > 0) lines.push('');

  for (const dimension of report.dimensions) {
    lines.push(`## ${dimension.number}. ${dimension.label}`, '');
    for (const section of dimension.sections) {
      lines.push(`### ${section.heading}`, '');
      if (section.groups.length === 0) {
        lines.push('*Nothing yet.*', '');
        continue;
      }
      const themed = section.groups.some((g) => g.theme !== null);
      for (const g of section.groups) group(lines, g, section.kind === 'good-practice', themed);
    }
  }

  lines.push('## Matchmaking: candidate learning tandems', '');
  if (report.tandems.length === 0) lines.push('No need has been linked to a good practice yet.', '');
  for (const tandem of report.tandems) {
    lines.push(`- **Need** (${escapeMarkdown(tandem.need.cluster)}): ${escapeMarkdown(tandem.need.text, '  ')}`);
    for (const practice of tandem.practices) {
      lines.push(`  - answered by **${escapeMarkdown(practice.cluster)}**: ${escapeMarkdown(practice.text, '    ')}`);
    }
    lines.push(`  - clusters involved: ${tandem.clusters.map((cluster) => escapeMarkdown(cluster)).join(', ')}`);
  }
  if (report.tandems.length > 0) lines.push('');

  lines.push('## Engagement', '');
  if (report.engagement.rows.length === 0) {
    lines.push('No participant contributions yet.', '');
  } else {
    const showVotes = report.totals.votes > 0;
    const header = [
      'Cluster',
      'Participants',
      ...report.engagement.dimensions.map((_, i) => `D${i + 1}`),
      'Notes',
      ...(showVotes ? ['Votes received'] : []),
    ];
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of report.engagement.rows) {
      lines.push(`| ${[escapeMarkdown(row.cluster), row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].join(' | ')} |`);
    }
    lines.push('', report.engagement.dimensions.map((label, i) => `D${i + 1}: ${label}`).join('; ') + '.', '');
    lines.push(`Notes written per ${bucketWidthLabel(report.engagement.bucketMinutes)} (UTC):`, '');
    for (const bucket of report.engagement.overTime) lines.push(`- ${bucket.label}: ${bucket.notes}`);
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
