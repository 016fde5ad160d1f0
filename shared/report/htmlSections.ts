/**
 * The printable page's chapters [RG10]: the Word report's, with the same sentences
 * (shared/report/sections.ts) and the same figures (AT3). Generated sentences are built from the
 * raw text and escaped whole; participant text anywhere else goes through `escapeHtml` [RG7].
 */
import type { Translator } from '../i18n/translate';
import type { TextBlock } from './content';
import { counts, escapeHtml, htmlTable, lines, noteMeta, paragraph } from './htmlText';
import type { Report, ReportDimension, ReportGroup, ReportNote } from './report';
import { SECTION_HEADINGS } from './report';
import { datesSentence, dimensionNarrative, peopleSentence, stepLine, votingSentence } from './sections';
import { engagementHeader, figure, reportDate, richText, tandemHeader } from './words';

/** A drawn chart: its SVG goes into the page as it is (Vega escapes the text it draws). */
export interface HtmlChart {
  id: string;
  title: string;
  svg: string;
}

const same = (text: string) => text;
const strong = (text: string) => `<strong>${text}</strong>`;

function noteItem(words: Translator, note: ReportNote): string {
  return `<li class="note">${lines(note.text)}${noteMeta(words, note)}</li>`;
}

/** [RG8] A good practice: a shaded call-out headed by the label and its cluster, as in the seed. */
function practiceCallout(words: Translator, note: ReportNote): string {
  const label = escapeHtml(words.t('report.goodPractice.label'));
  return `<aside class="callout"><p class="callout-from">${label} · ${escapeHtml(note.cluster)}</p><p>${lines(note.text)}${noteMeta(words, note)}</p></aside>`;
}

function nothingYet(words: Translator): string {
  return paragraph(words.t('report.nothingYet'), 'empty');
}

/** The facilitator's introduction or conclusion: paragraphs, bullets and numbered items [RD3]. */
export function textBlocks(blocks: readonly TextBlock[]): string {
  const out: string[] = [];
  let open: 'ul' | 'ol' | null = null;
  for (const block of blocks) {
    const list = block.kind === 'bullet' ? 'ul' : block.kind === 'numbered' ? 'ol' : null;
    if (open && open !== list) out.push(`</${open}>`);
    if (list && open !== list) out.push(`<${list}>`);
    open = list;
    out.push(list ? `<li>${lines(block.text)}</li>` : `<p>${lines(block.text)}</p>`);
  }
  if (open) out.push(`</${open}>`);
  return out.join('');
}

export function methodology(words: Translator, report: Report): string {
  const { t } = words;
  const out = [paragraph(t('report.methodology.dimensions', { count: report.dimensions.length }))];
  out.push(`<ol>${report.dimensions.map((d) => `<li><strong>${escapeHtml(d.label)}.</strong> ${escapeHtml(d.hint)}</li>`).join('')}</ol>`);
  const dates = datesSentence(words, report);
  if (dates) out.push(paragraph(dates));
  if (report.run.steps.length > 0) {
    out.push(paragraph(t('report.methodology.steps', { count: report.run.steps.length })));
    out.push(`<ol>${report.run.steps.map((step) => `<li>${escapeHtml(stepLine(words, step, same))}</li>`).join('')}</ol>`);
  }
  const voting = votingSentence(words, report);
  if (voting) out.push(paragraph(voting));
  out.push(paragraph(peopleSentence(words, report)));
  if (report.participantsByCluster.length > 0) {
    const items = report.participantsByCluster.map(
      ({ cluster, names }) => `<li><strong>${escapeHtml(cluster)}</strong>: ${names.map(escapeHtml).join(', ')}</li>`,
    );
    out.push(`<ul class="people">${items.join('')}</ul>`);
  }
  return out.join('');
}

export function clusters(words: Translator, report: Report): string {
  const { t } = words;
  if (report.clusters.length === 0) return paragraph(t('report.clusters.none'));
  return report.clusters
    .map((cluster) => {
      const p = cluster.profile;
      const fields: [string, string][] = [
        ...(p
          ? ([
              [t('report.profile.fullName'), p.fullName],
              [t('report.profile.location'), p.location],
              [t('report.profile.membership'), p.membership],
              [t('report.profile.technologyFocus'), p.technologyFocus],
              [t('report.profile.created'), p.created],
            ] as [string, string][])
          : []),
        [t('report.profile.participants'), cluster.participants.join(', ')],
      ];
      const rows = fields
        .filter(([, value]) => value.trim() !== '')
        .map(([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${lines(value)}</td></tr>`);
      const table = rows.length > 0 ? `<table class="fields"><tbody>${rows.join('')}</tbody></table>` : '';
      return `<div class="profile"><h3>${escapeHtml(cluster.label)}</h3>${table}</div>`;
    })
    .join('');
}

function groupHtml(words: Translator, group: ReportGroup, afterThemes: boolean): string {
  const parts: string[] = [];
  if (group.theme) {
    const title = escapeHtml(group.theme.title) || escapeHtml(words.t('report.theme.untitled'));
    parts.push(`<h5>${title}${counts(words, group.theme.votes)}</h5>`);
    if (group.theme.statement) parts.push(`<blockquote>${lines(group.theme.statement)}</blockquote>`);
  } else if (afterThemes) {
    parts.push(`<h5>${escapeHtml(words.t('report.theme.none'))}</h5>`);
  }
  parts.push(`<ul>${group.notes.map((note) => noteItem(words, note)).join('')}</ul>`);
  return `<div class="group">${parts.join('')}</div>`;
}

/** [RD6] 2.N: narrative, challenges by theme, needs ranked, good practices as call-outs, matchmaking. */
export function dimension(words: Translator, d: ReportDimension, id: string): string {
  const { t } = words;
  const out = [`<h3>${escapeHtml(`2.${d.number} ${d.label}`)}</h3>`, paragraph(dimensionNarrative(words, d, same), 'narrative')];
  out.push(`<h4>${escapeHtml(t(SECTION_HEADINGS.challenge))}</h4>`);
  const challenges = d.sections.find((s) => s.kind === 'challenge');
  if (!challenges || challenges.groups.length === 0) out.push(nothingYet(words));
  else {
    const themed = challenges.groups.some((g) => g.theme !== null);
    out.push(...challenges.groups.map((g) => groupHtml(words, g, themed)));
  }
  out.push(`<h4>${escapeHtml(t(SECTION_HEADINGS.need))}</h4>`);
  out.push(d.needs.length === 0 ? nothingYet(words) : `<ul>${d.needs.map((need) => noteItem(words, need)).join('')}</ul>`);
  out.push(...d.practices.map((p) => practiceCallout(words, p)));
  if (d.matches.length > 0) {
    const items = d.matches.map((m) => {
      const learn = richText(
        words,
        'report.matchmaking.learn',
        { learner: escapeHtml(m.need.cluster), teacher: escapeHtml(m.practice.cluster), practice: escapeHtml(m.practice.text) },
        strong,
      );
      return `<li>${learn} <em>${escapeHtml(t('report.matchmaking.need', { need: m.need.text }))}</em></li>`;
    });
    out.push(`<h4>${escapeHtml(t('report.matchmaking'))}</h4><ul class="matches">${items.join('')}</ul>`);
  }
  return `<section class="dimension" id="${id}">${out.join('')}</section>`;
}

/** [RD7] Every need -> good practice link as a table, most backed first. */
export function tandems(words: Translator, report: Report): string {
  const { t } = words;
  if (report.pairs.length === 0) return paragraph(t('report.tandems.none'));
  const header = tandemHeader(words);
  const rows = report.pairs.map((p) => [
    escapeHtml(p.need.cluster),
    lines(p.need.text),
    escapeHtml(p.practice.cluster),
    lines(p.practice.text),
    escapeHtml(figure(words, p.votes)),
  ]);
  return paragraph(t('report.tandems.lead')) + htmlTable(header, rows, (i) => i === 4);
}

function chartFigure(chart: HtmlChart): string {
  return `<figure class="chart" role="img" aria-label="${escapeHtml(chart.title)}">${chart.svg}</figure>`;
}

/** [RD7] The figures of the one counting function (AT3) as a table, and the charts drawn inline. */
export function engagement(words: Translator, report: Report, charts: readonly HtmlChart[]): string {
  const { t } = words;
  const { notes, themes, links, votes } = report.totals;
  const out = [paragraph(t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes }))];
  if (report.engagement.rows.length === 0) out.push(paragraph(t('report.engagement.none')));
  else {
    const showVotes = report.totals.votes > 0;
    const n = (value: number) => escapeHtml(figure(words, value));
    const rows = report.engagement.rows.map((row) => [
      escapeHtml(row.cluster),
      ...[row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].map(n),
    ]);
    out.push(`<p class="caption">${escapeHtml(t('report.engagement.byCluster'))}</p>`);
    out.push(htmlTable(engagementHeader(words, report, 'report.table.votesReceived'), rows, (i) => i > 0));
    const key = report.engagement.dimensions.map((label, i) => `${t('report.dimension.short', { number: i + 1 })}: ${label}`).join('; ');
    out.push(paragraph(`${key}.`, 'meta'));
  }
  out.push(...charts.map(chartFigure));
  return out.join('');
}

/** [RD8] Every note once, by dimension and kind, with its author and cluster. */
export function annex(words: Translator, report: Report): string {
  const { t } = words;
  const out = [paragraph(t('report.annex.lead'))];
  for (const d of report.dimensions) {
    out.push(`<h3>${escapeHtml(`${d.number}. ${d.label}`)}</h3>`);
    const sections = d.sections.filter((s) => s.groups.some((g) => g.notes.length > 0));
    if (sections.length === 0) out.push(nothingYet(words));
    for (const section of sections) {
      const rows = section.groups
        .flatMap((g) => g.notes)
        .map((note) => {
          // A sourced note's byline is its source, already in its marks.
          const author = note.author && note.author !== note.source ? escapeHtml(note.author) : '';
          return [`${lines(note.text)}${noteMeta(words, note)}`, author, escapeHtml(note.cluster)];
        });
      out.push(
        `<h4>${escapeHtml(t(SECTION_HEADINGS[section.kind]))}</h4>`,
        htmlTable([t('csv.column.text'), t('csv.column.author'), t('csv.column.cluster')], rows),
      );
    }
  }
  return `<div class="annex">${out.join('')}</div>`;
}
