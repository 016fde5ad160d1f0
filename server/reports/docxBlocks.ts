/**
 * The Word report's building blocks: headings, lists, tables and the shaded call-out box of a good
 * practice. Text only ever goes into text runs (the docx package escapes it), never into a field
 * code or hyperlink [E3]; the only fields are the document's own (contents, page numbers).
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  type TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { TextBlock } from '../../shared/report/content';

export type Block = Paragraph | Table | TableOfContents;

export const NUMBERED = 'report-numbered';
export const ACCENT = '1E4F80';
/** The good-practice box: the seed's light green, with a darker rule. */
const BOX_FILL = 'E6F0DC';
const BOX_RULE = '7FA65A';

/** The numbered-list definition the document declares; each list restarts at 1 with its own instance. */
export const NUMBERING = {
  config: [
    {
      reference: NUMBERED,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1.',
          alignment: AlignmentType.START,
          style: { paragraph: { indent: { left: 720, hanging: 360 } } },
        },
      ],
    },
  ],
};

/** Numbers a document's lists: each call starts a new list (its items share the number), restarting at 1. */
export type NewList = () => number;

export function listCounter(): NewList {
  let instance = 0;
  return () => ++instance;
}

export function heading(text: string, level: 1 | 2 | 3, pageBreakBefore = false): Paragraph {
  const style = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  // Kept with what follows, so a heading never ends a page.
  return new Paragraph({ text, heading: style, pageBreakBefore, keepNext: true });
}

/** Space around a paragraph of prose, so it stands apart from the lists and tables around it. */
const PROSE = { before: 80, after: 120 };

export function para(children: (TextRun | string)[] | string, options: { italics?: boolean } = {}): Paragraph {
  if (typeof children === 'string') {
    return new Paragraph({ spacing: PROSE, children: [new TextRun({ text: children, italics: options.italics ?? false })] });
  }
  return new Paragraph({ spacing: PROSE, children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)) });
}

export function bullet(children: (TextRun | string)[], level = 0): Paragraph {
  return new Paragraph({ children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)), bullet: { level } });
}

export function numbered(children: (TextRun | string)[], instance: number): Paragraph {
  return new Paragraph({
    children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)),
    numbering: { reference: NUMBERED, level: 0, instance },
  });
}

/** The facilitator's paragraphs and lists [RD3]. */
export function textBlocks(blocks: readonly TextBlock[], newList: NewList): Paragraph[] {
  let instance = newList();
  return blocks.map((block, i) => {
    if (block.kind === 'paragraph') return para(block.text);
    if (block.kind === 'bullet') return bullet([block.text]);
    if (i > 0 && blocks[i - 1]?.kind !== 'numbered') instance = newList();
    return numbered([block.text], instance);
  });
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** The text column of an A4 page with the default margins, in twentieths of a point. */
export const TEXT_WIDTH_DXA = 11906 - 2 * 1440;

interface CellOptions {
  bold?: boolean;
  align?: Align;
  fill?: string;
  /** In twentieths of a point. */
  width?: number;
  /** 9 pt, for the figures and columns of a data table. */
  small?: boolean;
}

function cell(text: string, options: CellOptions = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: options.align ?? AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.bold ?? false, ...(options.small ? { size: 18 } : {}) })],
      }),
    ],
    margins: { left: 80, right: 80 },
    ...(options.width !== undefined ? { width: { size: options.width, type: WidthType.DXA } } : {}),
    ...(options.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } } : {}),
  });
}

/**
 * A table with a shaded header row repeated on each page; `numeric` columns align right. `widths`
 * (percentages) are written as fixed column widths, which Word and LibreOffice both keep.
 */
export function table(header: string[], rows: string[][], options: { numeric?: (column: number) => boolean; widths?: number[] } = {}): Table {
  const numeric = options.numeric ?? (() => false);
  const columns = options.widths?.map((w) => Math.round((w / 100) * TEXT_WIDTH_DXA));
  const row = (values: string[], header = false) =>
    values.map((value, i) => {
      const width = columns?.[i];
      return cell(value, {
        small: true,
        ...(numeric(i) ? { align: AlignmentType.RIGHT } : {}),
        ...(width !== undefined ? { width } : {}),
        ...(header ? { bold: true, fill: 'DCE6F0' } : {}),
      });
    });
  return new Table({
    ...(columns
      ? { columnWidths: columns, layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH_DXA, type: WidthType.DXA } }
      : { width: { size: 100, type: WidthType.PERCENTAGE } }),
    rows: [
      new TableRow({ tableHeader: true, children: row(header, true) }),
      ...rows.map((values) => new TableRow({ cantSplit: true, children: row(values) })),
    ],
  });
}

/** Label and value pairs without rules: the cover's identity and a cluster's profile. */
export function fieldTable(fields: { label: string; value: string }[]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const label = Math.round(TEXT_WIDTH_DXA * 0.35);
  return new Table({
    columnWidths: [label, TEXT_WIDTH_DXA - label],
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH_DXA, type: WidthType.DXA },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: fields.map((f) => new TableRow({ children: [cell(f.label, { bold: true }), cell(f.value)] })),
  });
}

/** [RD6] A good practice as the seed prints it: a shaded box headed "GOOD PRACTICE", naming its cluster. */
export function callout(label: string, cluster: string, text: TextRun[]): Table {
  const rule = { style: BorderStyle.SINGLE, size: 6, color: BOX_RULE };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: BOX_FILL },
            margins: { top: 120, bottom: 120, left: 160, right: 160 },
            children: [
              new Paragraph({ children: [new TextRun({ text: label, bold: true, allCaps: true, color: '3F6A22' })] }),
              new Paragraph({ spacing: { before: 80 }, children: [new TextRun({ text: cluster, bold: true }), new TextRun(': '), ...text] }),
            ],
          }),
        ],
      }),
    ],
  });
}

/** Space after a table, so the next table or heading does not touch it. */
export function gap(): Paragraph {
  return new Paragraph({ children: [], spacing: { after: 120 } });
}
