/**
 * The Word report's chapters [RD1]: methodology, the clusters, one subsection per dimension, the
 * learning tandems, engagement and the annex. The wording comes from shared/report/sections.ts,
 * as the Markdown report's does, so the two say the same.
 */
import { ImageRun, Paragraph, TextRun } from 'docx';
import type { Translator } from '../../shared/i18n/translate';
import type { Report, ReportDimension, ReportGroup, ReportNote } from '../../shared/report/report';
import { SECTION_HEADINGS } from '../../shared/report/report';
import { datesSentence, dimensionNarrative, peopleSentence, stepLine, votingSentence } from '../../shared/report/sections';
import { engagementHeader, figure, reportDate, richText, tandemHeader } from '../../shared/report/words';
import type { RenderedChart } from './charts';
import { type Block, bullet, callout, fieldTable, gap, heading, type NewList, numbered, para, table } from './docxBlocks';

/** The text column of an A4 page with the default margins, in pixels at 96 to the inch. */
const TEXT_WIDTH_PX = 600;
const same = (text: string) => text;

function votes(words: Translator, count: number): string {
  return count > 0 ? ` ${words.t('report.votes', { count })}` : '';
}

/** A note's text and its marks: votes, "me too", where it was carried from, who brought it in. */
function noteRuns(words: Translator, note: ReportNote): TextRun[] {
  const runs = [new TextRun(note.text)];
  if (note.votes > 0) runs.push(new TextRun(votes(words, note.votes)));
  // [RD12] The voices added with "me too", beside the votes.
  if (note.meToo > 0) runs.push(new TextRun(` ${words.t('report.meToo', { count: note.meToo })}`));
  if (note.carriedFrom) runs.push(new TextRun({ text: ` ${words.t('report.carriedFrom', { board: note.carriedFrom })}`, italics: true }));
  if (note.source) runs.push(new TextRun({ text: ` (${note.source})`, italics: true }));
  return runs;
}

function group(words: Translator, g: ReportGroup, afterThemes: boolean): Block[] {
  const out: Block[] = [];
  if (g.theme) {
    out.push(para([new TextRun({ text: g.theme.title || words.t('report.theme.untitled'), bold: true }), new TextRun(votes(words, g.theme.votes))]));
    if (g.theme.statement) out.push(para(g.theme.statement, { italics: true }));
  } else if (afterThemes) {
    out.push(para([new TextRun({ text: words.t('report.theme.none'), bold: true })]));
  }
  for (const note of g.notes) out.push(bullet(noteRuns(words, note)));
  return out;
}

export function methodology(words: Translator, report: Report, newList: NewList): Block[] {
  const { t } = words;
  const out: Block[] = [para(t('report.methodology.dimensions', { count: report.dimensions.length }))];
  const dimensions = newList();
  for (const d of report.dimensions) out.push(numbered([new TextRun({ text: `${d.label}. `, bold: true }), d.hint], dimensions));
  const dates = datesSentence(words, report);
  if (dates) out.push(para(dates));
  if (report.run.steps.length > 0) {
    out.push(para(t('report.methodology.steps', { count: report.run.steps.length })));
    const steps = newList();
    for (const step of report.run.steps) out.push(numbered([stepLine(words, step, same)], steps));
  }
  const voting = votingSentence(words, report);
  if (voting) out.push(para(voting));
  out.push(para(peopleSentence(words, report)));
  for (const { cluster, names } of report.participantsByCluster) {
    out.push(bullet([new TextRun({ text: `${cluster}: `, bold: true }), names.join(', ')]));
  }
  return out;
}

export function clusters(words: Translator, report: Report): Block[] {
  const { t } = words;
  if (report.clusters.length === 0) return [para(t('report.clusters.none'))];
  return report.clusters.flatMap((cluster) => {
    const p = cluster.profile;
    const fields = [
      ...(p
        ? [
            { label: t('report.profile.fullName'), value: p.fullName },
            { label: t('report.profile.location'), value: p.location },
            { label: t('report.profile.membership'), value: p.membership },
            { label: t('report.profile.technologyFocus'), value: p.technologyFocus },
            { label: t('report.profile.created'), value: p.created },
          ]
        : []),
      { label: t('report.profile.participants'), value: cluster.participants.join(', ') },
    ].filter((f) => f.value.trim() !== '');
    return [heading(cluster.label, 2), ...(fields.length > 0 ? [fieldTable(fields), gap()] : [])];
  });
}

export function dimension(words: Translator, d: ReportDimension, pageBreak: boolean): Block[] {
  const { t } = words;
  const out: Block[] = [heading(`2.${d.number} ${d.label}`, 2, pageBreak), para(dimensionNarrative(words, d, same))];
  out.push(heading(t(SECTION_HEADINGS.challenge), 3));
  const challenges = d.sections.find((s) => s.kind === 'challenge');
  if (!challenges || challenges.groups.length === 0) out.push(para(t('report.nothingYet'), { italics: true }));
  else {
    const themed = challenges.groups.some((g) => g.theme !== null);
    for (const g of challenges.groups) out.push(...group(words, g, themed));
  }
  out.push(heading(t(SECTION_HEADINGS.need), 3));
  if (d.needs.length === 0) out.push(para(t('report.nothingYet'), { italics: true }));
  for (const need of d.needs) out.push(bullet(noteRuns(words, need)));
  for (const practice of d.practices) out.push(gap(), callout(t('report.goodPractice.label'), practice.cluster, noteRuns(words, practice)));
  if (d.practices.length > 0) out.push(gap());
  if (d.matches.length > 0) {
    out.push(heading(t('report.matchmaking'), 3));
    for (const m of d.matches) {
      // The labels are bold as a whole here, so their <b> part needs no mark of its own.
      const learn = richText(
        words,
        'report.matchmaking.learn',
        { learner: m.need.cluster, teacher: m.practice.cluster, practice: m.practice.text },
        same,
      );
      out.push(bullet([learn, ' ', new TextRun({ text: t('report.matchmaking.need', { need: m.need.text }), italics: true })]));
    }
  }
  return out;
}

export function tandems(words: Translator, report: Report): Block[] {
  const { t } = words;
  if (report.pairs.length === 0) return [para(t('report.tandems.none'))];
  const header = tandemHeader(words);
  const rows = report.pairs.map((p) => [p.need.cluster, p.need.text, p.practice.cluster, p.practice.text, figure(words, p.votes)]);
  return [para(t('report.tandems.lead')), table(header, rows, { numeric: (i) => i === 4, widths: [16, 30, 16, 30, 8] })];
}

/** The engagement table's columns: the cluster's name and "Participants" wide enough to read, the figures sharing the rest. */
function engagementWidths(report: Report): number[] {
  const figures = report.engagement.dimensions.length + 1 + (report.totals.votes > 0 ? 1 : 0);
  return [24, 16, ...Array.from({ length: figures }, () => 60 / figures)];
}

/** [RD7] The figures of the one counting function as tables, and the charts as pictures. */
export function engagement(words: Translator, report: Report, charts: readonly RenderedChart[]): Block[] {
  const { t } = words;
  const { notes, themes, links, votes: voteCount } = report.totals;
  const out: Block[] = [para(t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes: voteCount }))];
  if (report.engagement.rows.length === 0) out.push(para(t('report.engagement.none')));
  else {
    const showVotes = report.totals.votes > 0;
    const n = (value: number) => figure(words, value);
    out.push(heading(t('report.engagement.byCluster'), 3));
    out.push(
      table(
        engagementHeader(words, report, 'report.table.votes'),
        report.engagement.rows.map((row) => [
          row.cluster,
          n(row.participants),
          ...row.notes.map(n),
          n(row.total),
          ...(showVotes ? [n(row.votes)] : []),
        ]),
        { numeric: (i) => i > 0, widths: engagementWidths(report) },
      ),
    );
    const short = (i: number) => t('report.dimension.short', { number: i + 1 });
    out.push(para(report.engagement.dimensions.map((label, i) => `${short(i)}: ${label}`).join('; ') + '.'));
  }
  // Each chart draws its own title; the picture keeps with nothing, so no heading is left behind at a page's foot.
  for (const chart of charts) {
    const scale = Math.min(1, TEXT_WIDTH_PX / Math.max(1, chart.width));
    out.push(
      new Paragraph({
        spacing: { before: 240 },
        children: [
          new ImageRun({
            type: 'png',
            data: chart.png,
            transformation: { width: Math.round(chart.width * scale), height: Math.round(chart.height * scale) },
            altText: { name: chart.id, title: chart.title, description: chart.title },
          }),
        ],
      }),
    );
  }
  return out;
}

/** [RD8] Every note once, by dimension and kind, with its author and cluster. */
export function annex(words: Translator, report: Report): Block[] {
  const { t } = words;
  const out: Block[] = [para(t('report.annex.lead'))];
  const showVotes = report.totals.votes > 0;
  for (const d of report.dimensions) {
    out.push(heading(`${d.number}. ${d.label}`, 3));
    const notes = d.sections.flatMap((s) => s.groups.flatMap((g) => g.notes));
    if (notes.length === 0) {
      out.push(para(t('report.nothingYet'), { italics: true }));
      continue;
    }
    // The columns of a table of notes, as the CSV export names them.
    const header = [
      t('csv.column.kind'),
      t('csv.column.text'),
      t('csv.column.author'),
      t('csv.column.cluster'),
      ...(showVotes ? [t('csv.column.votes')] : []),
    ];
    const rows = notes.map((note) => [
      t(`common.kind.${note.kind}`),
      note.text,
      note.author,
      note.cluster,
      ...(showVotes ? [figure(words, note.votes)] : []),
    ]);
    const widths = showVotes ? [16, 44, 16, 16, 8] : [16, 48, 18, 18];
    out.push(table(header, rows, { numeric: (i) => i === 4, widths }), gap());
  }
  return out;
}
