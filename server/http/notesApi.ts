/**
 * Notes for integrations (a CRM, a survey tool) and CSV imports:
 *   GET  /api/boards/:id/notes          every note, as the board shows it
 *   POST /api/boards/:id/notes          { text, dimension, kind, author, cluster? } -> 201 { id }
 *   POST /api/boards/:id/notes/import   text/csv -> { imported, problems: [{ line, reason }] }
 * Writes go through the board's room, so they appear live on every open screen and are stored
 * like any edit. Facilitator or participant token; viewers only read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { importNotesCsv } from '../../shared/import/csv';
import { addNote, addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { NOTE_TEXT_MAX, PERSON_NAME_MAX } from '../../shared/model/schema';
import { DIMENSION_IDS, KIND_IDS, parseClusterRef } from '../../shared/model/vocabulary';
import { CONTROL_DOC, canWrite } from '../../shared/protocol';
import { OPEN_LOCK, isLockedFor, readWriteRules } from '../../shared/workshop/control';
import { boardView } from '../../shared/view/boardView';
import type { BoardStore } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { authorise, bearerToken } from './auth';
import { whenStored } from './stored';
import { HttpError, readJson, readText, sendJson } from './respond';

const API_ORIGIN = serverOrigin('api');
const CSV_LIMIT = 2 * 1024 * 1024;

const newNote = z.object({
  text: z.string().trim().min(1, 'text must not be empty.').max(NOTE_TEXT_MAX, `text must be at most ${NOTE_TEXT_MAX} characters.`),
  dimension: z.enum(DIMENSION_IDS, { error: `dimension must be one of: ${DIMENSION_IDS.join(', ')}.` }),
  kind: z.enum(KIND_IDS, { error: `kind must be one of: ${KIND_IDS.join(', ')}.` }),
  author: z.string().trim().min(1, 'author must not be empty.').max(PERSON_NAME_MAX),
  cluster: z
    .string()
    .nullable()
    .optional()
    .refine((value) => value === null || value === undefined || parseClusterRef(value) !== null, {
      error: 'cluster must be a partner id (silicon-saxony, dti, business-hive-vilnius, mazovia, gaia, scs) or "other:<name>".',
    }),
});

const apiAuthor = (name: string) => `api:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`;

export async function handleNotesApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: BoardStore; rooms: Rooms },
  match: { boardSegment: string; action: 'notes' | 'import' },
): Promise<void> {
  const { board, role } = await authorise(deps.store, match.boardSegment, bearerToken(req, url));
  if (match.action === 'notes' && req.method === 'GET') {
    const room = await deps.rooms.acquire(board.id);
    const view = boardView(room.doc);
    sendJson(res, 200, {
      notes: [...view.notesById.values()].map((n) => ({
        id: n.id,
        text: n.text,
        dimension: n.dimension,
        kind: n.kind,
        themeId: n.themeId,
        author: n.authorName,
        cluster: n.cluster,
        linkedIds: n.linkedIds,
        createdAt: new Date(n.createdAt).toISOString(),
      })),
    });
    return;
  }
  if (req.method !== 'POST') throw new HttpError(405, 'Use GET to read notes, POST to add them.');
  if (!canWrite(role)) throw new HttpError(403, 'Adding notes needs a facilitator or participant link.');

  // [W2, W3] Locks bind participants here as on their sockets.
  const lock = role === 'participant' ? readWriteRules((await deps.rooms.acquire(board.id, CONTROL_DOC)).doc).lock : OPEN_LOCK;
  if (lock.board) throw new HttpError(423, 'The board is locked; notes cannot be added now.');

  if (match.action === 'notes') {
    const parsed = newNote.safeParse(await readJson(req, 64 * 1024));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Invalid note.');
    const { text, dimension, kind, author, cluster } = parsed.data;
    if (isLockedFor(lock, dimension)) throw new HttpError(423, 'That dimension is locked; notes cannot be added to it now.');
    const room = await deps.rooms.acquire(board.id);
    const id = addNote(room.doc, { text, dimension, kind, author: { id: apiAuthor(author), name: author, cluster: cluster ?? null } }, API_ORIGIN);
    // [N3] 201 only once storage has the note.
    await whenStored(room);
    sendJson(res, 201, { id });
    return;
  }

  const csv = await readText(req, CSV_LIMIT, ['text/csv', 'text/plain']);
  const parsedCsv = importNotesCsv(csv);
  const problems = [...parsedCsv.problems];
  const notes = parsedCsv.notes.filter((n) => {
    if (!isLockedFor(lock, n.dimension)) return true;
    problems.push({ line: n.line, reason: 'its dimension is locked' });
    return false;
  });
  problems.sort((a, b) => a.line - b.line);
  const room = await deps.rooms.acquire(board.id);
  addNotes(
    room.doc,
    notes.map((n) => ({ text: n.text, dimension: n.dimension, kind: n.kind, author: { id: apiAuthor(n.author), name: n.author, cluster: n.cluster } })),
    API_ORIGIN,
  );
  await whenStored(room);
  sendJson(res, 200, { imported: notes.length, problems });
}
