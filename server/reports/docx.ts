/**
 * The report as a Word document (docx package), shaped like the EXCITE D1.4 deliverable [RD1]: a
 * cover page with the deliverable's identity, the revision history, a contents field Word updates
 * on opening, then the chapters (docxSections.ts) with the deliverable's name in the header and
 * "Page n of m" in the footer; the engagement charts come in as pictures rendered elsewhere.
 */
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TableOfContents, TextRun } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import type { Translator } from '../../shared/i18n/translate';
import { outline } from '../../shared/report/outline';
import type { Report } from '../../shared/report/report';
import { coverFields, coverTitle, headerText } from '../../shared/report/sections';
import { reportDate } from '../../shared/report/words';
import type { RenderedChart } from './charts';
import { ACCENT, type Block, fieldTable, heading, listCounter, NUMBERING, para, table, textBlocks } from './docxBlocks';
import { annex, clusters, dimension, engagement, methodology, tandems } from './docxSections';

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
const same = (text: string) => text;

/** The cover page: title, deliverable, identity table, funding statement [RD2]. */
function cover(words: Translator, report: Report): Block[] {
  const { t } = words;
  const { settings } = report.content;
  const out: Block[] = [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: coverTitle(report), bold: true, size: 52, color: ACCENT })] }),
  ];
  // The board's own title, when the cover carries the deliverable's: which workshop this is.
  if (coverTitle(report) !== report.title && report.title.trim()) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120 },
        children: [new TextRun({ text: report.title, italics: true, size: 28 })],
      }),
    );
  }
  if (settings.deliverable.trim()) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 240, after: 960 },
        children: [new TextRun({ text: t('report.cover.deliverable', { number: settings.deliverable.trim() }), size: 32 })],
      }),
    );
  } else out.push(new Paragraph({ spacing: { after: 960 } }));
  out.push(fieldTable(coverFields(words, report)));
  if (settings.funding.trim()) {
    out.push(new Paragraph({ spacing: { before: 960 }, children: [new TextRun({ text: settings.funding.trim(), italics: true })] }));
  }
  return out;
}

/** A heading of the front matter, styled like a chapter's but kept out of the contents. */
function frontHeading(text: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    pageBreakBefore,
    spacing: { before: 240, after: 160 },
    children: [new TextRun({ text, bold: true, size: 32, color: ACCENT })],
  });
}

/** One row per named version of the board, oldest first [RD2]. */
function revisions(words: Translator, report: Report): Block[] {
  const { t } = words;
  if (report.revisions.length === 0) return [para(t('report.revisions.none'))];
  const header = [t('report.revisions.number'), t('report.revisions.date'), t('report.revisions.author'), t('report.revisions.comment')];
  const rows = report.revisions.map((r, i) => [String(i + 1), reportDate(words, new Date(r.at)), r.by, r.comment]);
  return [table(header, rows, { widths: [8, 20, 27, 45] })];
}

/** "Page 3 of 12", the numbers as Word fields, the words in the report's language. */
function pageFooter(words: Translator): Footer {
  // Placeholders from the private-use area, which no translation holds, mark where the fields go.
  const marker = '\uE000';
  const text = words.t('report.page', { current: `${marker}c`, total: `${marker}t` });
  const children = text.split(/(\uE000[ct])/).flatMap((part) => {
    if (part === `${marker}c`) return [PageNumber.CURRENT];
    if (part === `${marker}t`) return [PageNumber.TOTAL_PAGES];
    return part === '' ? [] : [part];
  });
  return new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children, size: 18 })] })] });
}

/**
 * The report as a Word document, in the language of `words` [LG5]. `charts` are the engagement
 * charts as pictures, placed in the Engagement chapter [RD7].
 */
export async function renderDocx(untrusted: Report, words: Translator, charts: readonly RenderedChart[] = []): Promise<Buffer> {
  const report = xmlSafe(untrusted);
  const safeCharts = charts.map((chart) => ({ ...chart, title: xmlSafe(chart.title), id: xmlSafe(chart.id) }));
  const { t } = words;
  const newList = listCounter();
  const body: Block[] = [frontHeading(t('report.revisions')), ...revisions(words, report)];
  body.push(frontHeading(t('report.contents'), true));
  // [RD2] A real contents field: Word fills in the page numbers when it updates fields on opening.
  body.push(new TableOfContents(t('report.contents'), { hyperlink: true, headingStyleRange: '1-2' }));

  let firstDimension = true;
  for (const part of outline(words, report, same)) {
    if (part.level === 2) {
      const d = report.dimensions.find((x) => x.number === part.number);
      // The first dimension follows its chapter's heading; each other starts a page, as in the seed.
      if (d) body.push(...dimension(words, d, !firstDimension));
      firstDimension = false;
      continue;
    }
    body.push(heading(part.heading, 1, true));
    switch (part.id) {
      case 'introduction':
        body.push(...textBlocks(report.content.introduction, newList));
        break;
      case 'methodology':
        body.push(...methodology(words, report, newList));
        break;
      case 'clusters':
        body.push(...clusters(words, report));
        break;
      case 'assessment':
      case 'dimension':
        break;
      case 'tandems':
        body.push(...tandems(words, report));
        break;
      case 'engagement':
        body.push(...engagement(words, report, safeCharts));
        break;
      case 'conclusion':
        body.push(...textBlocks(report.content.conclusion, newList));
        break;
      case 'annex':
        body.push(...annex(words, report));
        break;
    }
  }

  const document = new Document({
    creator: 'Clusterboard',
    title: coverTitle(report),
    // Word updates the fields on opening; the estimate writes the contents' page numbers meanwhile,
    // for readers that never update fields (LibreOffice, previews).
    features: { updateFields: true },
    pageNumbers: estimatePageNumbers,
    numbering: NUMBERING,
    styles: {
      default: {
        document: { run: { font: 'Calibri', size: 22 } },
        heading1: { run: { size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 160 } } },
        heading2: { run: { size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { run: { size: 22, bold: true, allCaps: true, color: '404040' }, paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections: [
      { children: cover(words, report) },
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText(report), size: 18, color: '606060' })] }),
            ],
          }),
        },
        footers: { default: pageFooter(words) },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
