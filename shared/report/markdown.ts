/** The report as Markdown. Every piece of participant text is escaped: it renders as text. */
import type { Translator } from '../i18n/translate';
import { type Report, type ReportGroup, type ReportNote, SECTION_HEADINGS } from './report';
import { bucketLabel, engagementHeader, figure, overTimeHeading, reportDate, richText } from './words';

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

function votes(words: Translator, count: number): string {
  return count > 0 ? ` ${words.t('report.votes', { count })}` : '';
}

function noteLine(words: Translator, note: ReportNote, attribute: boolean): string {
  const who = attribute ? ` — *${escapeMarkdown(note.cluster)}*` : '';
  const carried = note.carriedFrom ? ` *${words.t('report.carriedFrom', { board: escapeMarkdown(note.carriedFrom) })}*` : '';
  const source = note.source ? ` *(${escapeMarkdown(note.source)})*` : '';
  return `- ${escapeMarkdown(note.text, '  ')}${who}${votes(words, note.votes)}${carried}${source}`;
}

function group(words: Translator, lines: string[], g: ReportGroup, attribute: boolean, afterThemes: boolean): void {
  if (g.theme) {
    // An empty title would leave `****`, a thematic break.
    lines.push(`**${escapeMarkdown(g.theme.title) || words.t('report.theme.untitled')}**${votes(words, g.theme.votes)}`, '');
    if (g.theme.statement) lines.push(`> ${escapeMarkdown(g.theme.statement, '> ')}`, '');
  } else if (afterThemes) {
    // A label of its own, or Markdown would join these to the last theme's list.
    lines.push(`**${words.t('report.theme.none')}**`, '');
  }
  for (const note of g.notes) lines.push(noteLine(words, note, attribute));
  lines.push('');
}

const bold = (text: string) => `**${text}**`;

/** The report as Markdown, in the language of `words` [LG5]. */
export function renderMarkdown(report: Report, words: Translator): string {
  const { t } = words;
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(report.title)}`, '');
  const { notes, themes, links, votes: voteCount } = report.totals;
  lines.push(t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes: voteCount }), '');

  lines.push(`## ${t('report.participants')}`, '');
  if (report.participantsByCluster.length === 0) lines.push(t('report.participants.none'), '');
  for (const { cluster, names } of report.participantsByCluster) {
    lines.push(`- **${escapeMarkdown(cluster)}**: ${names.map((name) => escapeMarkdown(name)).join(', ')}`);
  }
  if (report.participantsByCluster.length > 0) lines.push('');

  for (const dimension of report.dimensions) {
    lines.push(`## ${dimension.number}. ${dimension.label}`, '');
    for (const section of dimension.sections) {
      lines.push(`### ${t(SECTION_HEADINGS[section.kind])}`, '');
      if (section.groups.length === 0) {
        lines.push(`*${t('report.nothingYet')}*`, '');
        continue;
      }
      const themed = section.groups.some((g) => g.theme !== null);
      for (const g of section.groups) group(words, lines, g, section.kind === 'good-practice', themed);
    }
  }

  lines.push(`## ${t('report.tandems')}`, '');
  if (report.tandems.length === 0) lines.push(t('report.tandems.none'), '');
  for (const tandem of report.tandems) {
    lines.push(
      `- ${richText(words, 'report.tandem.need', { cluster: escapeMarkdown(tandem.need.cluster) }, bold)} ${escapeMarkdown(tandem.need.text, '  ')}`,
    );
    for (const practice of tandem.practices) {
      lines.push(
        `  - ${richText(words, 'report.tandem.answeredBy', { cluster: escapeMarkdown(practice.cluster) }, bold)} ${escapeMarkdown(practice.text, '    ')}`,
      );
    }
    lines.push(`  - ${t('report.tandem.clusters', { clusters: tandem.clusters.map((cluster) => escapeMarkdown(cluster)).join(', ') })}`);
  }
  if (report.tandems.length > 0) lines.push('');

  lines.push(`## ${t('report.engagement')}`, '');
  if (report.engagement.rows.length === 0) {
    lines.push(t('report.engagement.none'), '');
  } else {
    const showVotes = report.totals.votes > 0;
    const short = (i: number) => t('report.dimension.short', { number: i + 1 });
    const header = engagementHeader(words, report, 'report.table.votesReceived');
    const n = (value: number) => figure(words, value);
    lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
    for (const row of report.engagement.rows) {
      lines.push(
        `| ${[escapeMarkdown(row.cluster), n(row.participants), ...row.notes.map(n), n(row.total), ...(showVotes ? [n(row.votes)] : [])].join(' | ')} |`,
      );
    }
    lines.push('', report.engagement.dimensions.map((label, i) => `${short(i)}: ${label}`).join('; ') + '.', '');
    lines.push(t('report.overTime.lead', { heading: overTimeHeading(words, report.engagement.bucketMinutes) }), '');
    for (const bucket of report.engagement.overTime) lines.push(`- ${bucketLabel(words, bucket)}: ${n(bucket.notes)}`);
    lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
