/** Board exports. They read the board as it is at this moment and never change it. */
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { attributionWords } from '../shared/i18n/attribution';
import { notesMap } from '../shared/model/doc';
import { migrate } from '../shared/model/migrations';
import { serverOrigin } from '../shared/model/origin';
import { readReportContent, readReportSource } from '../shared/model/reportContent';
import { BOARD_DOC, CONTROL_DOC, docKey, type DocName } from '../shared/protocol';
import { exportRecords, exportView } from '../shared/report/bounds';
import { renderCsv } from '../shared/report/csv';
import type { Participant } from '../shared/report/engagement';
import { renderHtml } from '../shared/report/html';
import { exportJson } from '../shared/report/json';
import { renderMarkdown } from '../shared/report/markdown';
import { buildReport, type ReportOptions, type Revision } from '../shared/report/report';
import { reportLocale, reportTranslator } from '../shared/report/words';
import { workshopRun } from '../shared/report/workshopRun';
import { type BoardPeople, type BoardView, boardView } from '../shared/view/boardView';
import { publishedVotes, readControl } from '../shared/workshop/control';
import type { ReadCache } from './http/readCache';
import { renderCharts } from './reports/charts';
import { renderDocx } from './reports/docx';
import { applyStoredState, type BoardRecord, type BoardStore, type HistoryEntry, type PersonRecord } from './storage/store';
import type { Rooms } from './sync/rooms';

export const EXPORT_FORMATS = ['md', 'csv', 'json', 'docx', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface Exported {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

/** Reads a document live when it is loaded; otherwise from storage, through a scratch doc. */
async function readDocument<T>(store: BoardStore, rooms: Rooms, boardId: string, name: DocName, read: (doc: Y.Doc) => T): Promise<T> {
  const room = rooms.peek(boardId, name);
  if (room) return read(room.doc);
  const stored = await store.loadState(boardId, docKey(name));
  const doc = new Y.Doc();
  try {
    applyStoredState(doc, stored);
    // As the room would on load, so an old board exports like a current one (scratch doc only).
    if (name.kind === 'board') migrate(doc, serverOrigin('migration'));
    return read(doc);
  } finally {
    doc.destroy();
  }
}

/** [AT2, AT3] The people who joined the board, from storage: whose notes count, and their current names. */
export async function boardPeople(store: BoardStore, boardId: string): Promise<Participant[]> {
  return participants(await store.listPeople(boardId));
}

function participants(records: readonly PersonRecord[]): Participant[] {
  return records.map((person) => ({ id: person.id, name: person.name, cluster: person.cluster }));
}

/**
 * [RD2][RD13] The revision history: the board's snapshots, oldest first, each by the facilitator
 * who took it (their name then). An entry with no author (taken before authors were recorded, or
 * by the server itself) names the board's facilitators: only they take snapshots and they answer
 * for every version of the board, and a deliverable's revision table reads better with the team
 * responsible than with a blank cell.
 */
export function revisions(history: readonly HistoryEntry[], records: readonly PersonRecord[]): Revision[] {
  const facilitators = records
    .filter((person) => person.role === 'facilitator')
    .map((person) => person.name)
    .join(', ');
  return [...history]
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((entry) => ({ at: entry.createdAt, comment: entry.name, by: entry.author || facilitators }));
}

export function peopleIndex(people: readonly Participant[]): BoardPeople {
  return new Map(people.map((person) => [person.id, { name: person.name, cluster: person.cluster }]));
}

/** The board as it is now (live if loaded, else from storage), names and clusters resolved from `people`. */
export function currentView(store: BoardStore, rooms: Rooms, boardId: string, people: readonly Participant[]): Promise<BoardView> {
  const index = peopleIndex(people);
  return readDocument(store, rooms, boardId, BOARD_DOC, (doc) => boardView(doc, index));
}

/** A file name from the board title: letters, digits and dashes only. */
function fileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'board';
}

/**
 * The board in `format`. [LG5] Reports and the CSV header are written in `language` when one is
 * asked for (`?lang=`, `--lang`), else in the board's language, else in English; a language the
 * product does not speak throws UnknownLanguageError before anything is read.
 */
export async function exportBoard(
  store: BoardStore,
  rooms: Rooms,
  board: BoardRecord,
  format: ExportFormat,
  now: Date,
  language: string | null = null,
): Promise<Exported> {
  reportLocale(language, null);
  const records = await store.listPeople(board.id);
  const people = participants(records);
  // Every format reads the same bounded board, whatever a client wrote into it [E6]; the report's
  // written content (cover, profiles, introduction, conclusion) is read from the same document.
  // [LG5] The export's language: the one asked for, else the board's; who wrote each note is
  // named in it ("kein Cluster"), as every heading is.
  const {
    board: boardRecords,
    content,
    reportSource,
  } = await readDocument(store, rooms, board.id, BOARD_DOC, (doc) => ({
    board: exportRecords(doc, now.getTime()),
    content: readReportContent(doc),
    reportSource: readReportSource(doc),
  }));
  const words = await reportTranslator(reportLocale(language, boardRecords.meta.language));
  const attribution = attributionWords(words);
  const view = exportView(boardRecords, now.getTime(), peopleIndex(people), attribution);
  const { votes, run } = await readDocument(store, rooms, board.id, CONTROL_DOC, (doc) => {
    const control = readControl(doc);
    return { votes: publishedVotes(control), run: workshopRun(control) };
  });
  const stem = `${fileStem(view.meta.title)}-${now.toISOString().slice(0, 10)}`;
  const reportOptions = async (): Promise<ReportOptions> => ({
    generatedAt: now,
    votes,
    people,
    content,
    words: attribution,
    run,
    revisions: revisions(await store.listHistory(board.id), records),
  });
  switch (format) {
    case 'md':
      return {
        filename: `${stem}.md`,
        contentType: 'text/markdown; charset=utf-8',
        body: renderMarkdown(buildReport(view, await reportOptions()), words),
      };
    case 'csv':
      return { filename: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: renderCsv(view, words, votes) };
    case 'docx': {
      // [RD7] The engagement charts go in as pictures.
      const report = buildReport(view, await reportOptions());
      return {
        filename: `${stem}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        body: await renderDocx(report, words, await renderCharts(report, words)),
      };
    }
    case 'html': {
      // [RG6] The printable report: the charts go in as SVG.
      const report = buildReport(view, await reportOptions());
      return {
        filename: `${stem}.html`,
        contentType: 'text/html; charset=utf-8',
        body: renderHtml(report, words, await renderCharts(report, words)),
      };
    }
    case 'json':
      return {
        filename: `${stem}.json`,
        contentType: 'application/json; charset=utf-8',
        body: `${JSON.stringify(exportJson(view, now, votes, people, reportSource), null, 2)}\n`,
      };
  }
}

/**
 * [Q3] The export as of the current version of the board and its control document, computed once
 * per version and shared by every request for it (http/readCache.ts), charged to the client's
 * read budget. The board is loaded to be read, as the notes list does; it unloads when idle. The
 * report's date is when it was computed.
 */
export async function sharedExport(
  store: BoardStore,
  rooms: Rooms,
  reads: ReadCache,
  req: IncomingMessage,
  board: BoardRecord,
  format: ExportFormat,
  language: string | null = null,
): Promise<Exported> {
  // Refused before the board is loaded or a read is charged.
  reportLocale(language, null);
  const room = await rooms.acquire(board.id);
  const control = await rooms.acquire(board.id, CONTROL_DOC);
  // One cached copy per language asked for; without one, the board's language (part of its version).
  return reads.read(
    req,
    language === null ? `export-${format}` : `export-${format}-${language}`,
    { doc: room.doc, notes: notesMap(room.doc).size },
    [control.doc],
    () => exportBoard(store, rooms, board, format, new Date(), language),
  );
}
