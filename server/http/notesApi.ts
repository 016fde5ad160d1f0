/**
 * Notes for integrations (a CRM, a survey tool) and CSV imports:
 *   GET  /api/boards/:id/notes          every note, as the board shows it
 *   POST /api/boards/:id/notes          { text, dimension, kind, author?, cluster? } -> 201 { id }
 *   POST /api/boards/:id/notes/import   text/csv -> { imported, problems: [{ line, reason }] }
 * Writes go through the board's room, so they appear live on every open screen and are stored
 * like any edit. Facilitator or participant token; viewers only read.
 *
 * [AT6] Attribution comes from the server. With a seat (`x-clusterboard-seat`) a posted note is that
 * person's own note, exactly like one written on the board (author and cluster in the body are
 * ignored: the person's record says who they are). Without one, the note's source is "API" and
 * `author`/`cluster` are kept as what the integration says, never counted as a participant. A CSV
 * import is sourced "CSV import by <the importing person>" (or "CSV import" without a seat).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CsvImportAnswer, type ListedNote, newNoteRequest } from '../../shared/api/contract';
import type { ErrorCode } from '../../shared/errors';
import { CsvTooLargeError, importNotesCsv } from '../../shared/import/csv';
import { notesMap } from '../../shared/model/doc';
import { addNote, addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { type NoteSource, sourceLabel } from '../../shared/model/schema';
import { CONTROL_DOC, type Role, SEAT_HEADER } from '../../shared/protocol';
import { boardView } from '../../shared/view/boardView';
import { isoTime } from '../../shared/view/time';
import { readWriteRules } from '../../shared/workshop/control';
import { mayWrite, OPEN_RULES, type WorkshopRules, type WriteRefusal } from '../../shared/workshop/writeRule';
import { personForSeat } from '../access/people';
import { boardPeople, peopleIndex } from '../exports';
import type { BoardStore, PersonRecord } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { authorise, bearerToken } from './auth';
import type { Quotas } from './quotas';
import type { ReadCache } from './readCache';
import { HttpError, parseBody, readCsv, readJson, sendJson } from './respond';
import { whenStored } from './stored';

const API_ORIGIN = serverOrigin('api');
const CSV_LIMIT = 2 * 1024 * 1024;

const API_SOURCE: NoteSource = { kind: 'api', label: 'API' };

/** What the notes API answers when the write rule refuses a note (HC2). */
const REFUSED: Record<WriteRefusal, { status: number; code: ErrorCode }> = {
  'read-only': { status: 403, code: 'note.add.readOnly' },
  'board-locked': { status: 423, code: 'note.add.boardLocked' },
  'private-writing': { status: 423, code: 'note.add.privateWriting' },
  'dimension-locked': { status: 423, code: 'note.add.dimensionLocked' },
};

/** [HC2] The one write rule, asked about a new note as the token's role (null: in any dimension). */
function admitNote(role: Role, rules: WorkshopRules, dimension: string | null): void {
  const verdict = mayWrite(role, rules, 'add', dimension);
  if (!verdict.ok) throw new HttpError(REFUSED[verdict.refusal].status, REFUSED[verdict.refusal].code);
}

/** The person whose seat came with the request, if any; a seat that is sent but not valid is refused. */
async function seatPerson(req: IncomingMessage, store: BoardStore, boardId: string): Promise<PersonRecord | null> {
  const seat = req.headers[SEAT_HEADER];
  if (seat === undefined) return null;
  const person = await personForSeat(store, boardId, typeof seat === 'string' ? seat : null);
  if (!person) throw new HttpError(401, 'seat.notValid');
  return person;
}

export async function handleNotesApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: BoardStore; rooms: Rooms; quotas: Quotas; reads: ReadCache },
  match: { boardSegment: string; action: 'notes' | 'import' },
): Promise<void> {
  const { board, role } = await authorise(deps.store, match.boardSegment, bearerToken(req, url));
  if (match.action === 'notes' && req.method === 'GET') {
    const room = await deps.rooms.acquire(board.id);
    // People's names and clusters live in the control document's version too: a rename is a change.
    const control = await deps.rooms.acquire(board.id, CONTROL_DOC);
    // [Q3] Computed once per version of the board, shared, and charged to the caller's budget.
    const list = await deps.reads.read(req, 'notes', { doc: room.doc, notes: notesMap(room.doc).size }, [control.doc], async () => {
      const view = boardView(room.doc, peopleIndex(await boardPeople(deps.store, board.id)));
      const notes = [...view.notesById.values()].map((n): ListedNote => ({
        id: n.id,
        text: n.text,
        dimension: n.dimension,
        kind: n.kind,
        themeId: n.themeId,
        author: n.byline,
        cluster: n.cluster,
        source: n.source,
        linkedIds: n.linkedIds,
        // [AT4] null for a time no date can hold (a client may have written anything).
        createdAt: isoTime(n.createdAt) || null,
      }));
      return { filename: 'notes.json', contentType: 'application/json; charset=utf-8', body: JSON.stringify({ notes }) };
    });
    res.writeHead(200, { 'content-type': list.contentType, 'content-length': Buffer.byteLength(list.body), 'cache-control': 'no-store' });
    res.end(list.body);
    return;
  }
  if (req.method !== 'POST')
    throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'GET, POST' } }, 'Use GET to read notes, POST to add them.');

  // [W2, W3, HC2] Locks and private writing bind participants here as on their sockets: asked
  // first about a note anywhere (before the body is read), then about each note's dimension.
  // The rule reads the control document for participants only (it binds nobody else).
  const rules = role === 'participant' ? readWriteRules((await deps.rooms.acquire(board.id, CONTROL_DOC)).doc) : OPEN_RULES;
  admitNote(role, rules, null);

  if (match.action === 'notes') {
    const { text, dimension, kind, author, cluster } = parseBody(newNoteRequest, await readJson(req, 64 * 1024));
    const person = await seatPerson(req, deps.store, board.id);
    if (!person && author === undefined) throw new HttpError(400, 'note.authorMissing');
    admitNote(role, rules, dimension);
    const room = await deps.rooms.acquire(board.id);
    const id = addNote(
      room.doc,
      person
        ? { text, dimension, kind, author: { id: person.id, name: person.name, cluster: person.cluster } }
        : { text, dimension, kind, author: { id: '', name: author ?? '', cluster: cluster ?? null }, source: API_SOURCE },
      API_ORIGIN,
    );
    // [N3] 201 only once storage has the note.
    await whenStored(room);
    sendJson(res, 201, { id });
    return;
  }

  // [Q5] Metered per address like board creation; [Q2] a file past the rows per import is refused whole.
  deps.quotas.admitImportRows(req);
  const importer = await seatPerson(req, deps.store, board.id);
  const source: NoteSource = { kind: 'import', label: sourceLabel(importer ? `CSV import by ${importer.name}` : 'CSV import') };
  const csv = await readCsv(req, CSV_LIMIT);
  let parsedCsv;
  try {
    parsedCsv = importNotesCsv(csv);
  } catch (error) {
    if (error instanceof CsvTooLargeError) throw new HttpError(400, error.problem);
    throw error;
  }
  const problems = [...parsedCsv.problems];
  const notes = parsedCsv.notes.filter((n) => {
    const verdict = mayWrite(role, rules, 'add', n.dimension);
    if (verdict.ok) return true;
    // The write rule's clause ("the board is locked"), in English and as a code for the page.
    problems.push({ line: n.line, reason: verdict.reason, ...verdict.problem });
    return false;
  });
  problems.sort((a, b) => a.line - b.line);
  const room = await deps.rooms.acquire(board.id);
  addNotes(
    room.doc,
    notes.map((n) => ({
      text: n.text,
      dimension: n.dimension,
      kind: n.kind,
      author: { id: '', name: n.author === 'CSV import' ? source.label : n.author, cluster: n.cluster },
      source,
    })),
    API_ORIGIN,
  );
  await whenStored(room);
  sendJson(res, 200, { imported: notes.length, problems } satisfies CsvImportAnswer);
}
