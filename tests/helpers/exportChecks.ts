/**
 * What must hold for any board, however hostile (SPEC E7): the view, every report format, the
 * engagement figures and the JSON export -> import never throw, stay within a size that depends
 * on the number of records only, and agree with each other. Throws an Error naming the first
 * broken property; plain code (no Vitest) so that `npm run fuzz -- --exports` runs it too.
 */
import { strFromU8, unzipSync } from 'fflate';
import * as Y from 'yjs';
import { renderDocx } from '../../server/reports/docx';
import { parseCsvRows } from '../../shared/import/csv';
import { importRecords } from '../../shared/model/mutations/importBoard';
import { serverOrigin } from '../../shared/model/origin';
import { exportView } from '../../shared/report/bounds';
import { renderCsv } from '../../shared/report/csv';
import { MAX_TIME_BUCKETS } from '../../shared/report/engagement';
import { renderHtml } from '../../shared/report/html';
import { type BoardExport, exportJson, parseBoardExport } from '../../shared/report/json';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { type BoardView, boardView } from '../../shared/view/boardView';
import { FUZZ_NOW, type HostileBoard, hostileDoc } from './hostileBoards';
import { foreignTags, htmlNoteCount } from './htmlChecks';

/**
 * Output per record, in characters (bytes for the zipped Word file): a note's text is at most
 * 2,000 characters, escaping at most triples it (a backslash per character, a continuation per
 * line), and a link quotes two notes again. The figures are generous; what matters is that they
 * do not grow with the values.
 */
export const OUTPUT_BASE = 20_000;
export const OUTPUT_PER_RECORD = { md: 40_000, csv: 40_000, json: 80_000, docx: 80_000, html: 40_000 } as const;

export interface Figures {
  records: number;
  notes: number;
  sizes: { md: number; csv: number; json: number; docx: number; html: number };
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** The view as data, for comparison: what a board shows, without meta fields the import sets itself. */
export function comparable(view: BoardView): unknown {
  const { meta, invalid, notesById, ...rest } = view;
  void invalid;
  return JSON.parse(
    JSON.stringify({ ...rest, meta: { title: meta.title, template: meta.template, createdAt: meta.createdAt }, notesById: [...notesById.entries()] }),
  );
}

/** Items of the dimension sections: one per note. */
/** The list items of the annex, the report's last chapter, which lists every note once [RD8]. */
function markdownNoteItems(markdown: string): number {
  return markdown
    .slice(markdown.indexOf('\n## Annex'))
    .split('\n')
    .filter((line) => line.startsWith('- ')).length;
}

function reimport(file: BoardExport): Y.Doc {
  const copy = new Y.Doc();
  importRecords(copy, { ...file.board, notes: file.notes, themes: file.themes, links: file.links }, serverOrigin('template'));
  return copy;
}

export async function checkHostileBoard(input: HostileBoard, options: { docx: boolean } = { docx: true }): Promise<Figures> {
  const en = await reportTranslator('en');
  const doc = hostileDoc(input);
  const generatedAt = new Date(FUZZ_NOW);
  const votes = new Map(input.votes);
  const records = doc.getMap('notes').size + doc.getMap('themes').size + doc.getMap('links').size;

  // The raw view, as the board and the Engagement panel read it in every browser.
  const raw = boardView(doc);
  // Everyone who wrote a note joined the board, half of them without a cluster [AT3, AT5].
  const authors = [...new Set([...raw.notesById.values()].map((n) => n.authorId).filter((id) => id !== ''))];
  const people = authors.map((id, i) => ({ id, name: `Person ${i}`, cluster: i % 2 === 0 ? 'gaia' : null }));
  const joined = new Set(authors);
  const rawReport = buildReport(raw, { generatedAt, votes, people });
  check(rawReport.engagement.overTime.length <= MAX_TIME_BUCKETS, `the raw view's time chart has ${rawReport.engagement.overTime.length} bars`);
  renderMarkdown(rawReport, en);

  const view = exportView(doc, FUZZ_NOW);
  const longIds = [...raw.notesById.keys()].filter((id) => id.length > 64).length;
  check(
    view.noteCount === raw.noteCount - longIds,
    `the export shows ${view.noteCount} notes, the board ${raw.noteCount} (${longIds} under unusable ids)`,
  );

  const report = buildReport(view, { generatedAt, votes, people });
  const engagement = report.engagement;
  check(engagement.overTime.length <= MAX_TIME_BUCKETS, `the time chart has ${engagement.overTime.length} bars`);
  const participantNotes = [...view.notesById.values()].filter((n) => n.source === null && joined.has(n.authorId)).length;
  check(engagement.rows.reduce((sum, row) => sum + row.total, 0) === participantNotes, 'engagement rows do not add up to the notes');
  check(engagement.overTime.reduce((sum, bucket) => sum + bucket.notes, 0) <= participantNotes, 'the time chart counts more notes than there are');
  check(report.totals.notes === view.noteCount, 'the report total differs from the view');

  const md = renderMarkdown(report, en);
  const breaks = md.split('\n').filter((line) => /^ {0,3}([-*_])(\s*\1){2,}\s*$|^ {0,3}(#{1,6}\s|```|~~~|<)/.test(line) && !/^#{1,3} /.test(line));
  check(breaks.length === 0, `the Markdown has lines we never write: ${JSON.stringify(breaks.slice(0, 3))}`);
  check(markdownNoteItems(md) === view.noteCount, `the Markdown lists ${markdownNoteItems(md)} notes, the view ${view.noteCount}`);

  // [RG7] The printable page (its charts are drawn and checked on their own).
  const html = renderHtml(report, en, []);
  const foreign = foreignTags(html);
  check(foreign.length === 0, `the printable page has tags we never write: ${JSON.stringify(foreign.slice(0, 3))}`);
  check(htmlNoteCount(html) === view.noteCount, `the printable page shows ${htmlNoteCount(html)} notes, the view ${view.noteCount}`);

  const csv = renderCsv(view, en, votes);
  check(parseCsvRows(csv).length - 1 === view.noteCount, `the CSV has ${parseCsvRows(csv).length - 1} rows, the view ${view.noteCount} notes`);

  const file = exportJson(view, generatedAt, votes);
  const text = JSON.stringify(file);
  check(file.notes.length === view.noteCount, 'the JSON export has another note count');
  const parsed = parseBoardExport(JSON.parse(text), FUZZ_NOW);
  const copy = reimport(parsed);
  const again = boardView(copy);
  check(again.noteCount === view.noteCount, `the re-imported board has ${again.noteCount} notes, the export ${view.noteCount}`);
  check(JSON.stringify(comparable(again)) === JSON.stringify(comparable(view)), 'the re-imported view differs from the exported one');
  const second = exportJson(exportView(copy, FUZZ_NOW), generatedAt, votes);
  check(JSON.stringify(second) === text, 'exporting the re-imported board gives another file');

  let docx = 0;
  if (options.docx) {
    const buffer = await renderDocx(report, en);
    docx = buffer.length;
    const xml = strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml'] ?? new Uint8Array());
    // The document's own fields only: its contents (linking to its own headings) [RD2]; page numbers live in the footer.
    const instructions = [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((m) => (m[1] ?? '').trim());
    check(
      instructions.every((instruction) => /^(TOC \\h \\o &quot;1-2&quot;|PAGEREF _Toc\d+ \\h)$/.test(instruction)),
      `the Word document holds a field of its own making: ${JSON.stringify(instructions.slice(0, 3))}`,
    );
    check(!/<w:fldSimple\b/.test(xml), 'the Word document holds a simple field');
    check(
      [...xml.matchAll(/<w:hyperlink\b[^>]*>/g)].every(([tag]) => /w:anchor="_Toc\d+"/.test(tag) && !/r:id=/.test(tag)),
      'the Word document holds a hyperlink out of the document',
    );
    // eslint-disable-next-line no-control-regex
    check(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml), 'the Word document holds characters XML does not allow');
  }

  const sizes = { md: md.length, csv: csv.length, json: text.length, docx, html: html.length };
  for (const format of ['md', 'csv', 'json', 'docx', 'html'] as const) {
    const limit = OUTPUT_BASE + records * OUTPUT_PER_RECORD[format];
    check(sizes[format] <= limit, `the ${format} export is ${sizes[format]} long for ${records} records (limit ${limit})`);
  }
  return { records, notes: view.noteCount, sizes };
}
