/**
 * The report as Markdown [RD1, RD9]: the Word report's sections in the same order, a contents list
 * in place of Word's contents field. Every piece of participant text is escaped: it renders as text.
 */
import type { Translator } from '../i18n/translate';
import type { TextBlock } from './content';
import { outline } from './outline';
import type { Report, ReportDimension, ReportGroup, ReportNote } from './report';
import { SECTION_HEADINGS } from './report';
import { coverFields, coverTitle, datesSentence, dimensionNarrative, peopleSentence, stepLine, votingSentence } from './sections';
import { bucketLabel, engagementHeader, figure, overTimeHeading, reportDate, richText, tandemHeader } from './words';

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

/** [RD12] "+2 me too", beside the votes; nothing while nobody said it. */
function meToo(words: Translator, count: number): string {
  return count > 0 ? ` ${words.t('report.meToo', { count })}` : '';
}

/** A note's marks after its text: votes, "me too", where it was carried from, who brought it in. */
function marks(words: Translator, note: ReportNote): string {
  const carried = note.carriedFrom ? ` *${words.t('report.carriedFrom', { board: escapeMarkdown(note.carriedFrom) })}*` : '';
  const source = note.source ? ` *(${escapeMarkdown(note.source)})*` : '';
  return `${votes(words, note.votes)}${meToo(words, note.meToo)}${carried}${source}`;
}

function noteLine(words: Translator, note: ReportNote, attribute: boolean): string {
  const who = attribute ? ` — *${escapeMarkdown(note.cluster)}*` : '';
  return `- ${escapeMarkdown(note.text, '  ')}${who}${marks(words, note)}`;
}

function group(words: Translator, lines: string[], g: ReportGroup, afterThemes: boolean): void {
  if (g.theme) {
    // An empty title would leave `****`, a thematic break.
    lines.push(`**${escapeMarkdown(g.theme.title) || words.t('report.theme.untitled')}**${votes(words, g.theme.votes)}`, '');
    if (g.theme.statement) lines.push(`> ${escapeMarkdown(g.theme.statement, '> ')}`, '');
  } else if (afterThemes) {
    // A label of its own, or Markdown would join these to the last theme's list.
    lines.push(`**${words.t('report.theme.none')}**`, '');
  }
  for (const note of g.notes) lines.push(noteLine(words, note, false));
  lines.push('');
}

const bold = (text: string) => `**${text}**`;
const escape = (text: string) => escapeMarkdown(text);

function table(lines: string[], header: string[], rows: string[][]): void {
  lines.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  lines.push('');
}

/** The facilitator's introduction or conclusion: paragraphs, bullets and numbered items [RD3]. */
function textBlocks(lines: string[], blocks: readonly TextBlock[]): void {
  let number = 0;
  blocks.forEach((block, i) => {
    const text = escapeMarkdown(block.text, '   ');
    if (block.kind === 'paragraph') {
      number = 0;
      lines.push(escapeMarkdown(block.text), '');
    } else if (block.kind === 'bullet') {
      number = 0;
      lines.push(`- ${text}`);
    } else {
      number++;
      lines.push(`${number}. ${text}`);
    }
    if (block.kind !== 'paragraph' && blocks[i + 1]?.kind !== block.kind) lines.push('');
  });
}

function cover(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  const { settings } = report.content;
  lines.push(`# ${escapeMarkdown(coverTitle(report))}`, '');
  // The board's own title, when the cover carries the deliverable's: which workshop this is.
  if (coverTitle(report) !== report.title && report.title.trim()) lines.push(`*${escapeMarkdown(report.title)}*`, '');
  if (settings.deliverable.trim()) lines.push(`**${t('report.cover.deliverable', { number: escapeMarkdown(settings.deliverable) })}**`, '');
  for (const field of coverFields(words, report)) lines.push(`- **${field.label}**: ${escapeMarkdown(field.value)}`);
  lines.push('');
  if (settings.funding.trim()) lines.push(`*${escapeMarkdown(settings.funding)}*`, '');
  const { notes, themes, links, votes: voteCount } = report.totals;
  lines.push(t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes: voteCount }), '');

  lines.push(`## ${t('report.revisions')}`, '');
  if (report.revisions.length === 0) lines.push(t('report.revisions.none'), '');
  else {
    const header = [t('report.revisions.number'), t('report.revisions.date'), t('report.revisions.author'), t('report.revisions.comment')];
    table(
      lines,
      header,
      report.revisions.map((r, i) => [figure(words, i + 1), reportDate(words, new Date(r.at)), escape(r.by), escape(r.comment)]),
    );
  }
}

function methodology(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  lines.push(t('report.methodology.dimensions', { count: report.dimensions.length }), '');
  for (const d of report.dimensions) lines.push(`${d.number}. **${escape(d.label)}.** ${escape(d.hint)}`);
  lines.push('');
  const dates = datesSentence(words, report);
  if (dates) lines.push(dates, '');
  if (report.run.steps.length > 0) {
    lines.push(t('report.methodology.steps', { count: report.run.steps.length }), '');
    report.run.steps.forEach((step, i) => lines.push(`${i + 1}. ${stepLine(words, step, escape)}`));
    lines.push('');
  }
  const voting = votingSentence(words, report);
  if (voting) lines.push(voting, '');
  lines.push(peopleSentence(words, report), '');
  for (const { cluster, names } of report.participantsByCluster) {
    lines.push(`- **${escape(cluster)}**: ${names.map(escape).join(', ')}`);
  }
  lines.push('');
}

function clusters(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  if (report.clusters.length === 0) lines.push(t('report.clusters.none'), '');
  for (const cluster of report.clusters) {
    lines.push(`### ${escape(cluster.label)}`, '');
    const p = cluster.profile;
    const fields: [string, string][] = p
      ? [
          [t('report.profile.fullName'), p.fullName],
          [t('report.profile.location'), p.location],
          [t('report.profile.membership'), p.membership],
          [t('report.profile.technologyFocus'), p.technologyFocus],
          [t('report.profile.created'), p.created],
        ]
      : [];
    fields.push([t('report.profile.participants'), cluster.participants.join(', ')]);
    for (const [label, value] of fields) if (value.trim()) lines.push(`- **${label}**: ${escape(value)}`);
    lines.push('');
  }
}

function dimension(words: Translator, lines: string[], d: ReportDimension): void {
  const { t } = words;
  lines.push(`### 2.${d.number} ${escape(d.label)}`, '', dimensionNarrative(words, d, escape), '');
  const challenges = d.sections.find((s) => s.kind === 'challenge');
  lines.push(`**${t(SECTION_HEADINGS.challenge)}**`, '');
  if (!challenges || challenges.groups.length === 0) lines.push(`*${t('report.nothingYet')}*`, '');
  else {
    const themed = challenges.groups.some((g) => g.theme !== null);
    for (const g of challenges.groups) group(words, lines, g, themed);
  }
  lines.push(`**${t(SECTION_HEADINGS.need)}**`, '');
  if (d.needs.length === 0) lines.push(`*${t('report.nothingYet')}*`);
  for (const need of d.needs) lines.push(noteLine(words, need, false));
  lines.push('');
  // [RD6] Each good practice in a box of its own that names its cluster, as the seed prints them.
  const label = t('report.goodPractice.label').toLocaleUpperCase(words.locale);
  for (const practice of d.practices) {
    lines.push(`> **${label}** · *${escape(practice.cluster)}*\\`, `> ${escapeMarkdown(practice.text, '> ')}${marks(words, practice)}`, '');
  }
  if (d.matches.length > 0) {
    lines.push(`**${t('report.matchmaking')}**`, '');
    for (const m of d.matches) {
      const learn = richText(
        words,
        'report.matchmaking.learn',
        { learner: escape(m.need.cluster), teacher: escape(m.practice.cluster), practice: escape(m.practice.text) },
        bold,
      );
      lines.push(`- ${learn} ${t('report.matchmaking.need', { need: escape(m.need.text) })}`);
    }
    lines.push('');
  }
}

function tandems(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  if (report.pairs.length === 0) {
    lines.push(t('report.tandems.none'), '');
    return;
  }
  lines.push(t('report.tandems.lead'), '');
  const header = tandemHeader(words);
  table(
    lines,
    header,
    report.pairs.map((p) => [
      escape(p.need.cluster),
      escape(p.need.text),
      escape(p.practice.cluster),
      escape(p.practice.text),
      figure(words, p.votes),
    ]),
  );
}

function engagement(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  if (report.engagement.rows.length === 0) {
    lines.push(t('report.engagement.none'), '');
    return;
  }
  const showVotes = report.totals.votes > 0;
  const short = (i: number) => t('report.dimension.short', { number: i + 1 });
  const n = (value: number) => figure(words, value);
  table(
    lines,
    engagementHeader(words, report, 'report.table.votesReceived'),
    report.engagement.rows.map((row) => [
      escape(row.cluster),
      n(row.participants),
      ...row.notes.map(n),
      n(row.total),
      ...(showVotes ? [n(row.votes)] : []),
    ]),
  );
  lines.push(report.engagement.dimensions.map((label, i) => `${short(i)}: ${label}`).join('; ') + '.', '');
  lines.push(t('report.overTime.lead', { heading: overTimeHeading(words, report.engagement.bucketMinutes) }), '');
  for (const bucket of report.engagement.overTime) lines.push(`- ${bucketLabel(words, bucket)}: ${n(bucket.notes)}`);
  lines.push('');
}

/** [RD8] Every note once, by dimension and kind, with its author and cluster. */
function annex(words: Translator, lines: string[], report: Report): void {
  const { t } = words;
  lines.push(t('report.annex.lead'), '');
  for (const d of report.dimensions) {
    lines.push(`### ${d.number}. ${escape(d.label)}`, '');
    if (d.sections.every((section) => section.noteCount === 0)) lines.push(`*${t('report.nothingYet')}*`, '');
    for (const section of d.sections) {
      const notes = section.groups.flatMap((g) => g.notes);
      if (notes.length === 0) continue;
      lines.push(`**${t(SECTION_HEADINGS[section.kind])}**`, '');
      for (const note of notes) {
        // A sourced note's byline is its source, already in its marks.
        const author = note.author && note.author !== note.source ? ` · ${escape(note.author)}` : '';
        lines.push(`- ${escapeMarkdown(note.text, '  ')} — *${escape(note.cluster)}*${marks(words, note)}${author}`);
      }
      lines.push('');
    }
  }
}

/** The report as Markdown, in the language of `words` [LG5], section by section as the Word report [RD9]. */
export function renderMarkdown(report: Report, words: Translator): string {
  const lines: string[] = [];
  cover(words, lines, report);
  const parts = outline(words, report, escape);
  lines.push(`## ${words.t('report.contents')}`, '');
  // "1. The clusters" inside a list item would open an ordered list of its own.
  for (const part of parts) lines.push(`${part.level === 1 ? '-' : '  -'} ${part.heading.replace(/^(\d+)\.(?= )/, '$1\\.')}`);
  lines.push('');
  for (const part of parts) {
    if (part.level !== 1) continue;
    lines.push(`## ${part.heading}`, '');
    switch (part.id) {
      case 'introduction':
        textBlocks(lines, report.content.introduction);
        break;
      case 'methodology':
        methodology(words, lines, report);
        break;
      case 'clusters':
        clusters(words, lines, report);
        break;
      case 'assessment':
        for (const d of report.dimensions) dimension(words, lines, d);
        break;
      case 'tandems':
        tandems(words, lines, report);
        break;
      case 'engagement':
        engagement(words, lines, report);
        break;
      case 'conclusion':
        textBlocks(lines, report.content.conclusion);
        break;
      case 'annex':
        annex(words, lines, report);
        break;
    }
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
