/**
 * [N2] Deleted notes, under the facilitator's control API:
 *   GET  /api/boards/:id/deleted-notes                      -> DeletedNotesAnswer  facilitator
 *   POST /api/boards/:id/deleted-notes/restore {noteIds?}   -> RestoreAnswer       facilitator
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { restoreRequest, type DeletedNotesAnswer } from '../../shared/workshop/deletedNotes';
import type { BoardStore } from '../storage/store';
import type { DeletedNotes } from '../workshop/deletedRestore';
import { authorise, bearerToken } from './auth';
import { HttpError, readJson, sendJson } from './respond';

const PATH = /^\/api\/boards\/([^/]+)\/deleted-notes(\/restore)?$/;
const BODY_LIMIT = 1024 * 1024;

/** Returns false when the path is not one of these endpoints. */
export async function handleDeletedNotesApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: BoardStore; deletedNotes: DeletedNotes },
): Promise<boolean> {
  const match = PATH.exec(url.pathname);
  if (!match?.[1]) return false;
  const restoring = match[2] !== undefined;
  if (req.method !== (restoring ? 'POST' : 'GET')) {
    throw new HttpError(405, restoring ? 'Use POST to restore deleted notes.' : 'Use GET to list deleted notes.');
  }
  const { board, role } = await authorise(deps.store, match[1], bearerToken(req, url));
  if (role !== 'facilitator') throw new HttpError(403, 'Only a facilitator can see and restore deleted notes.');
  if (!restoring) {
    sendJson(res, 200, { notes: await deps.deletedNotes.list(board.id) } satisfies DeletedNotesAnswer);
    return true;
  }
  const parsed = restoreRequest.safeParse(await readJson(req, BODY_LIMIT));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'The restore request is not valid.');
  sendJson(res, 200, await deps.deletedNotes.restore(board.id, parsed.data.noteIds));
  return true;
}
