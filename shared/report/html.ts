/**
 * [RG6-RG8] The report as one self-contained HTML page, made to be printed: "Save as PDF" in the
 * browser gives a clean A4 document. One function per section, in the report's order, so new
 * sections slot in between. Every piece of participant text goes through `escapeHtml` [RG7].
 */
import type { Translator } from '../i18n/translate';
import { PRINT_STYLES } from './htmlStyles';
import { type Report, type ReportGroup, type ReportNote, type ReportSection, SECTION_HEADINGS } from './report';
import { engagementHeader, figure, reportDate, richText } from './words';

/** A drawn chart: its SVG goes into the page as it is (Vega escapes the text it draws). */
export interface HtmlChart {
  id: string;
  title: string;
  svg: string;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** [RG7] Text that reads as itself in an element or a quoted attribute, never as markup. */
export function escapeHtml(text: string): string {
  return text.replace(CONTROLS, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Escaped, its line breaks kept as breaks. */
function lines(text: string): string {
  return escapeHtml(text.trim())
    .split(/\r\n?|\n|\u2028|\u2029/)
    .join('<br>');
}

/**
 * The footer's "Page 2 of 5" as a CSS `content` value: the translated sentence around the page
 * counters, each piece a CSS string.
 */
function pageCounter(words: Translator): string {
  const sentence = words.t('report.print.page', { page: '\uE000', pages: '\uE001' });
  const css = (text: string) => `"${text.replace(/[\\"<>\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
  return sentence
    .split(/(\uE000|\uE001)/)
    .filter((part) => part !== '')
    .map((part) => (part === '\uE000' ? 'counter(page)' : part === '\uE001' ? 'counter(pages)' : css(part)))
    .join(' ');
}

function votes(words: Translator, count: number): string {
  return count > 0 ? ` <span class="votes">${escapeHtml(words.t('report.votes', { count }))}</span>` : '';
}

/** What follows a note's text: its votes, where it was carried from, who brought it in. */
function noteMeta(words: Translator, note: ReportNote): string {
  const carried = note.carriedFrom ? ` <span class="meta">${escapeHtml(words.t('report.carriedFrom', { board: note.carriedFrom }))}</span>` : '';
  const source = note.source ? ` <span class="meta">(${escapeHtml(note.source)})</span>` : '';
  return `${votes(words, note.votes)}${carried}${source}`;
}

function noteItem(words: Translator, note: ReportNote): string {
  return `<li class="note">${lines(note.text)}${noteMeta(words, note)}</li>`;
}

/** [RG8] A good practice: a shaded call-out that names its cluster. */
function practiceCallout(words: Translator, note: ReportNote): string {
  const from = escapeHtml(words.t('report.practice.from', { cluster: note.cluster }));
  return `<aside class="callout"><p class="callout-from">${from}</p><p>${lines(note.text)}${noteMeta(words, note)}</p></aside>`;
}

function groupHtml(words: Translator, group: ReportGroup, practice: boolean, afterThemes: boolean): string {
  const parts: string[] = [];
  if (group.theme) {
    const title = escapeHtml(group.theme.title) || escapeHtml(words.t('report.theme.untitled'));
    parts.push(`<h4>${title}${votes(words, group.theme.votes)}</h4>`);
    if (group.theme.statement) parts.push(`<blockquote>${lines(group.theme.statement)}</blockquote>`);
  } else if (afterThemes) {
    parts.push(`<h4>${escapeHtml(words.t('report.theme.none'))}</h4>`);
  }
  parts.push(
    practice
      ? group.notes.map((note) => practiceCallout(words, note)).join('')
      : `<ul>${group.notes.map((note) => noteItem(words, note)).join('')}</ul>`,
  );
  return `<div class="group">${parts.join('')}</div>`;
}

function kindSection(words: Translator, section: ReportSection): string {
  const heading = `<h3>${escapeHtml(words.t(SECTION_HEADINGS[section.kind]))}</h3>`;
  if (section.groups.length === 0) return `${heading}<p class="empty">${escapeHtml(words.t('report.nothingYet'))}</p>`;
  const themed = section.groups.some((g) => g.theme !== null);
  return heading + section.groups.map((g) => groupHtml(words, g, section.kind === 'good-practice', themed)).join('');
}

/** The title, the report's date and figures, and (on screen only) how to save it as PDF. */
function titleSection(report: Report, words: Translator): string {
  const { notes, themes, links, votes: voteCount } = report.totals;
  const generated = words.t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes: voteCount });
  return `<header class="title"><h1>${escapeHtml(report.title)}</h1><p class="lead">${escapeHtml(generated)}</p><p class="screen-only hint">${escapeHtml(words.t('report.print.hint'))}</p></header>`;
}

function participantsSection(report: Report, words: Translator): string {
  const heading = `<h2>${escapeHtml(words.t('report.participants'))}</h2>`;
  if (report.participantsByCluster.length === 0) return `<section>${heading}<p>${escapeHtml(words.t('report.participants.none'))}</p></section>`;
  const items = report.participantsByCluster.map(
    ({ cluster, names }) => `<li><strong>${escapeHtml(cluster)}</strong>: ${names.map((name) => escapeHtml(name)).join(', ')}</li>`,
  );
  return `<section>${heading}<ul class="people">${items.join('')}</ul></section>`;
}

function dimensionSections(report: Report, words: Translator): string[] {
  return report.dimensions.map(
    (dimension) =>
      `<section class="main"><h2>${dimension.number}. ${escapeHtml(dimension.label)}</h2>${dimension.sections.map((s) => kindSection(words, s)).join('')}</section>`,
  );
}

function tandemsSection(report: Report, words: Translator): string {
  const heading = `<h2>${escapeHtml(words.t('report.tandems'))}</h2>`;
  if (report.tandems.length === 0) return `<section class="main">${heading}<p>${escapeHtml(words.t('report.tandems.none'))}</p></section>`;
  const strong = (text: string) => `<strong>${text}</strong>`;
  const tandems = report.tandems.map((tandem) => {
    const need = `${richText(words, 'report.tandem.need', { cluster: escapeHtml(tandem.need.cluster) }, strong)} ${lines(tandem.need.text)}`;
    const answers = tandem.practices.map(
      (p) => `<li>${richText(words, 'report.tandem.answeredBy', { cluster: escapeHtml(p.cluster) }, strong)} ${lines(p.text)}</li>`,
    );
    const clusters = escapeHtml(words.t('report.tandem.clusters', { clusters: tandem.clusters.join(', ') }));
    return `<div class="tandem"><p>${need}</p><ul>${answers.join('')}</ul><p class="meta">${clusters}</p></div>`;
  });
  return `<section class="main">${heading}${tandems.join('')}</section>`;
}

function engagementTable(report: Report, words: Translator): string {
  const showVotes = report.totals.votes > 0;
  const n = (value: number) => `<td class="num">${escapeHtml(figure(words, value))}</td>`;
  const header = engagementHeader(words, report, 'report.table.votesReceived')
    .map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`)
    .join('');
  const rows = report.engagement.rows.map(
    (row) =>
      `<tr><th scope="row">${escapeHtml(row.cluster)}</th>${[row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].map(n).join('')}</tr>`,
  );
  const key = report.engagement.dimensions.map((label, i) => `${words.t('report.dimension.short', { number: i + 1 })}: ${label}`).join('; ');
  return `<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table><p class="meta">${escapeHtml(key)}.</p>`;
}

function chartFigure(chart: HtmlChart): string {
  return `<figure class="chart" role="img" aria-label="${escapeHtml(chart.title)}">${chart.svg}</figure>`;
}

function engagementSection(report: Report, words: Translator, charts: readonly HtmlChart[]): string {
  const heading = `<h2>${escapeHtml(words.t('report.engagement'))}</h2>`;
  if (report.engagement.rows.length === 0) return `<section class="main">${heading}<p>${escapeHtml(words.t('report.engagement.none'))}</p></section>`;
  return `<section class="main">${heading}${engagementTable(report, words)}${charts.map(chartFigure).join('')}</section>`;
}

/** [RG6] The whole page: no script, nothing fetched; styles and charts inline. */
export function renderHtml(report: Report, words: Translator, charts: readonly HtmlChart[]): string {
  const body = [
    titleSection(report, words),
    participantsSection(report, words),
    ...dimensionSections(report, words),
    tandemsSection(report, words),
    engagementSection(report, words, charts),
  ].join('\n');
  const policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!doctype html>
<html lang="${escapeHtml(words.locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>${PRINT_STYLES}
@page { @bottom-center { content: ${pageCounter(words)}; } }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
