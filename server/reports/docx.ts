/**
 * The report as a Word document (docx package): the same content as the Markdown report, with
 * real headings, bullet lists, an engagement table, a bar chart of notes (or votes, once a board
 * has them) per dimension and one of notes written over time, drawn as tables so they need no
 * image renderer.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Translator } from '../../shared/i18n/translate';
import { type Report, type ReportGroup, SECTION_HEADINGS } from '../../shared/report/report';
import { bucketLabel, engagementHeader, figure, overTimeHeading, reportDate, richText } from '../../shared/report/words';

const BAR = '█';

/**
 * What XML 1.0 does not allow in a document (C0 controls but tab and line breaks, U+FFFE/U+FFFF
 * and unpaired surrogates): Word refuses a file that holds one, so participant text loses them.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The report with every string made safe for XML [E3]. Text only ever goes into text runs (the
 * docx package escapes `<`, `&` and quotes there), never into a field code, hyperlink or
 * instruction, so `{ DDE ... }` or `=cmd|...` is shown as the characters it is.
 */
function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return value.replace(NOT_XML, '') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => xmlSafe(item)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, xmlSafe(item)])) as T;
  }
  return value;
}
const BAR_WIDTH = 30;

function bullet(children: TextRun[], level = 0): Paragraph {
  return new Paragraph({ children, bullet: { level } });
}

function votes(words: Translator, count: number): string {
  return count > 0 ? ` ${words.t('report.votes', { count })}` : '';
}

function group(words: Translator, g: ReportGroup, attribute: boolean, afterThemes: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  if (g.theme) {
    out.push(new Paragraph({ children: [new TextRun({ text: g.theme.title, bold: true }), new TextRun(votes(words, g.theme.votes))] }));
    if (g.theme.statement) out.push(new Paragraph({ children: [new TextRun({ text: g.theme.statement, italics: true })] }));
  } else if (afterThemes) {
    out.push(new Paragraph({ children: [new TextRun({ text: words.t('report.theme.none'), bold: true })] }));
  }
  for (const note of g.notes) {
    const runs = [new TextRun(note.text)];
    if (attribute) runs.push(new TextRun({ text: ` — ${note.cluster}`, italics: true }));
    if (note.votes > 0) runs.push(new TextRun(votes(words, note.votes)));
    if (note.carriedFrom) runs.push(new TextRun({ text: ` ${words.t('report.carriedFrom', { board: note.carriedFrom })}`, italics: true }));
    if (note.source) runs.push(new TextRun({ text: ` (${note.source})`, italics: true }));
    out.push(bullet(runs));
  }
  return out;
}

function cell(text: string, options: { bold?: boolean; width?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: options.align ?? AlignmentType.LEFT, children: [new TextRun({ text, bold: options.bold ?? false })] })],
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
  });
}

/** Notes (and votes) per dimension as horizontal bars, from the engagement figures [AT3]. */
function dimensionChart(words: Translator, report: Report): Table {
  return barChart(
    words,
    report.engagement.perDimension.map((d, i) => ({
      label: `${i + 1}. ${report.engagement.dimensions[i] ?? ''}`,
      value: report.totals.votes > 0 ? d.votes : d.notes,
    })),
  );
}

/** One bar per time slot (at most MAX_TIME_BUCKETS), labelled with its start (UTC), as in the Markdown report. */
function timeChart(words: Translator, report: Report): Table {
  return barChart(
    words,
    report.engagement.overTime.map((bucket) => ({ label: bucketLabel(words, bucket), value: bucket.notes })),
  );
}

/** Between none and a full bar, whatever the figures (a vote count is never trusted to be sane). */
function barLength(value: number, max: number): number {
  const length = Math.round((value / max) * BAR_WIDTH);
  return Number.isFinite(length) ? Math.min(BAR_WIDTH, Math.max(0, length)) : 0;
}

function barChart(words: Translator, rows: { label: string; value: number }[]): Table {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: rows.map(
      (r) =>
        new TableRow({
          children: [
            cell(r.label, { width: 40 }),
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              children: [new Paragraph({ children: [new TextRun({ text: BAR.repeat(barLength(r.value, max)), color: '1E4F80' })] })],
            }),
            cell(figure(words, r.value), { width: 10, align: AlignmentType.RIGHT }),
          ],
        }),
    ),
  });
}

/** The report as a Word document, in the language of `words` [LG5]. */
export async function renderDocx(untrusted: Report, words: Translator): Promise<Buffer> {
  const report = xmlSafe(untrusted);
  const { t } = words;
  const { notes, themes, links, votes: voteCount } = report.totals;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph(t('report.generated', { date: reportDate(words, report.generatedAt), notes, themes, links, votes: voteCount })),
    new Paragraph({ text: t('report.participants'), heading: HeadingLevel.HEADING_1 }),
  ];
  if (report.participantsByCluster.length === 0) children.push(new Paragraph(t('report.participants.none')));
  for (const { cluster, names } of report.participantsByCluster) {
    children.push(bullet([new TextRun({ text: `${cluster}: `, bold: true }), new TextRun(names.join(', '))]));
  }

  for (const dimension of report.dimensions) {
    children.push(new Paragraph({ text: `${dimension.number}. ${dimension.label}`, heading: HeadingLevel.HEADING_1 }));
    for (const section of dimension.sections) {
      children.push(new Paragraph({ text: t(SECTION_HEADINGS[section.kind]), heading: HeadingLevel.HEADING_2 }));
      if (section.groups.length === 0) {
        children.push(new Paragraph({ children: [new TextRun({ text: t('report.nothingYet'), italics: true })] }));
        continue;
      }
      const themed = section.groups.some((g) => g.theme !== null);
      for (const g of section.groups) children.push(...group(words, g, section.kind === 'good-practice', themed));
    }
  }

  // The labels are bold as a whole here, so their <b> part needs no mark of its own.
  const plain = (text: string) => text;
  children.push(new Paragraph({ text: t('report.tandems'), heading: HeadingLevel.HEADING_1 }));
  if (report.tandems.length === 0) children.push(new Paragraph(t('report.tandems.none')));
  for (const tandem of report.tandems) {
    const need = richText(words, 'report.tandem.need', { cluster: tandem.need.cluster }, plain);
    children.push(bullet([new TextRun({ text: `${need} `, bold: true }), new TextRun(tandem.need.text)]));
    for (const practice of tandem.practices) {
      const answered = richText(words, 'report.tandem.answeredBy', { cluster: practice.cluster }, plain);
      children.push(bullet([new TextRun({ text: `${answered} `, bold: true }), new TextRun(practice.text)], 1));
    }
    children.push(bullet([new TextRun(t('report.tandem.clusters', { clusters: tandem.clusters.join(', ') }))], 1));
  }

  children.push(new Paragraph({ text: t('report.engagement'), heading: HeadingLevel.HEADING_1 }));
  children.push(
    new Paragraph({
      text: report.totals.votes > 0 ? t('report.engagement.votesPerDimension') : t('report.engagement.notesPerDimension'),
      heading: HeadingLevel.HEADING_2,
    }),
  );
  children.push(dimensionChart(words, report));
  const short = (i: number) => t('report.dimension.short', { number: i + 1 });
  if (report.engagement.rows.length > 0) {
    children.push(new Paragraph({ text: t('report.engagement.byCluster'), heading: HeadingLevel.HEADING_2 }));
    const showVotes = report.totals.votes > 0;
    const header = engagementHeader(words, report, 'report.table.votes');
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
          ...report.engagement.rows.map(
            (row) =>
              new TableRow({
                children: [
                  cell(row.cluster),
                  ...[row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].map((v) =>
                    cell(figure(words, v), { align: AlignmentType.RIGHT }),
                  ),
                ],
              }),
          ),
        ],
      }),
    );
    children.push(new Paragraph(report.engagement.dimensions.map((label, i) => `${short(i)}: ${label}`).join('; ') + '.'));
  }
  if (report.engagement.overTime.length > 0) {
    children.push(new Paragraph({ text: overTimeHeading(words, report.engagement.bucketMinutes), heading: HeadingLevel.HEADING_2 }));
    children.push(timeChart(words, report));
  }

  const document = new Document({
    creator: 'Clusterboard',
    title: report.title,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
