/**
 * The report as a Word document (docx package): the same content as the Markdown report, with
 * real headings, bullet lists, an engagement table, a bar chart of notes (or votes, once a board
 * has them) per dimension and one of notes written over time, drawn as tables so they need no
 * image renderer.
 */
import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { bucketWidthLabel } from '../../shared/report/engagement';
import type { Report, ReportGroup } from '../../shared/report/report';

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

function votes(count: number): string {
  return count > 0 ? ` (${count} ${count === 1 ? 'vote' : 'votes'})` : '';
}

function group(g: ReportGroup, attribute: boolean, afterThemes: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  if (g.theme) {
    out.push(new Paragraph({ children: [new TextRun({ text: g.theme.title, bold: true }), new TextRun(votes(g.theme.votes))] }));
    if (g.theme.statement) out.push(new Paragraph({ children: [new TextRun({ text: g.theme.statement, italics: true })] }));
  } else if (afterThemes) {
    out.push(new Paragraph({ children: [new TextRun({ text: 'Not in a theme', bold: true })] }));
  }
  for (const note of g.notes) {
    const runs = [new TextRun(note.text)];
    if (attribute) runs.push(new TextRun({ text: ` — ${note.cluster}`, italics: true }));
    if (note.votes > 0) runs.push(new TextRun(votes(note.votes)));
    if (note.carriedFrom) runs.push(new TextRun({ text: ` (from “${note.carriedFrom}”)`, italics: true }));
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
function dimensionChart(report: Report): Table {
  return barChart(
    report.engagement.perDimension.map((d, i) => ({
      label: `${i + 1}. ${report.engagement.dimensions[i] ?? ''}`,
      value: report.totals.votes > 0 ? d.votes : d.notes,
    })),
  );
}

/** One bar per time slot (at most MAX_TIME_BUCKETS), labelled with its start (UTC), as in the Markdown report. */
function timeChart(report: Report): Table {
  return barChart(report.engagement.overTime.map((bucket) => ({ label: bucket.label, value: bucket.notes })));
}

/** Between none and a full bar, whatever the figures (a vote count is never trusted to be sane). */
function barLength(value: number, max: number): number {
  const length = Math.round((value / max) * BAR_WIDTH);
  return Number.isFinite(length) ? Math.min(BAR_WIDTH, Math.max(0, length)) : 0;
}

function barChart(rows: { label: string; value: number }[]): Table {
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
            cell(String(r.value), { width: 10, align: AlignmentType.RIGHT }),
          ],
        }),
    ),
  });
}

export async function renderDocx(untrusted: Report): Promise<Buffer> {
  const report = xmlSafe(untrusted);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph(
      `Report generated on ${report.generatedAt.toISOString().slice(0, 10)} from Clusterboard: ${report.totals.notes} notes, ${report.totals.themes} themes, ${report.totals.links} matchmaking links${report.totals.votes > 0 ? `, ${report.totals.votes} votes` : ''}.`,
    ),
    new Paragraph({ text: 'Participants', heading: HeadingLevel.HEADING_1 }),
  ];
  if (report.participantsByCluster.length === 0) children.push(new Paragraph('Nobody has joined this board yet.'));
  for (const { cluster, names } of report.participantsByCluster) {
    children.push(bullet([new TextRun({ text: `${cluster}: `, bold: true }), new TextRun(names.join(', '))]));
  }

  for (const dimension of report.dimensions) {
    children.push(new Paragraph({ text: `${dimension.number}. ${dimension.label}`, heading: HeadingLevel.HEADING_1 }));
    for (const section of dimension.sections) {
      children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_2 }));
      if (section.groups.length === 0) {
        children.push(new Paragraph({ children: [new TextRun({ text: 'Nothing yet.', italics: true })] }));
        continue;
      }
      const themed = section.groups.some((g) => g.theme !== null);
      for (const g of section.groups) children.push(...group(g, section.kind === 'good-practice', themed));
    }
  }

  children.push(new Paragraph({ text: 'Matchmaking: candidate learning tandems', heading: HeadingLevel.HEADING_1 }));
  if (report.tandems.length === 0) children.push(new Paragraph('No need has been linked to a good practice yet.'));
  for (const tandem of report.tandems) {
    children.push(bullet([new TextRun({ text: `Need (${tandem.need.cluster}): `, bold: true }), new TextRun(tandem.need.text)]));
    for (const practice of tandem.practices) {
      children.push(bullet([new TextRun({ text: `answered by ${practice.cluster}: `, bold: true }), new TextRun(practice.text)], 1));
    }
    children.push(bullet([new TextRun(`clusters involved: ${tandem.clusters.join(', ')}`)], 1));
  }

  children.push(new Paragraph({ text: 'Engagement', heading: HeadingLevel.HEADING_1 }));
  children.push(new Paragraph({ text: report.totals.votes > 0 ? 'Votes per dimension' : 'Notes per dimension', heading: HeadingLevel.HEADING_2 }));
  children.push(dimensionChart(report));
  if (report.engagement.rows.length > 0) {
    children.push(new Paragraph({ text: 'Contributions per cluster', heading: HeadingLevel.HEADING_2 }));
    const showVotes = report.totals.votes > 0;
    const header = ['Cluster', 'Participants', ...report.engagement.dimensions.map((_, i) => `D${i + 1}`), 'Notes', ...(showVotes ? ['Votes'] : [])];
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true })) }),
          ...report.engagement.rows.map(
            (row) =>
              new TableRow({
                children: [row.cluster, row.participants, ...row.notes, row.total, ...(showVotes ? [row.votes] : [])].map((v, i) =>
                  cell(String(v), i === 0 ? {} : { align: AlignmentType.RIGHT }),
                ),
              }),
          ),
        ],
      }),
    );
    children.push(new Paragraph(report.engagement.dimensions.map((label, i) => `D${i + 1}: ${label}`).join('; ') + '.'));
  }
  if (report.engagement.overTime.length > 0) {
    children.push(
      new Paragraph({ text: `Notes written per ${bucketWidthLabel(report.engagement.bucketMinutes)} (UTC)`, heading: HeadingLevel.HEADING_2 }),
    );
    children.push(timeChart(report));
  }

  const document = new Document({
    creator: 'Clusterboard',
    title: report.title,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
