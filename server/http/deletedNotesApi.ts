/**
 * [N2] Deleted notes, under the facilitator's control API:
 *   GET  /api/boards/:id/deleted-notes                      -> DeletedNotesAnswer  facilitator
 *   POST /api/boards/:id/deleted-notes/restore {noteIds?}   -> RestoreAnswer       facilitator
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, matchPath, restoreRequest } from '../../shared/api/contract';
import type { DeletedNotesAnswer } from '../../shared/workshop/deletedNotes';
import type { BoardStore } from '../storage/store';
import type { DeletedNotes } from '../workshop/deletedRestore';
import { authorise, bearerToken } from './auth';
import { HttpError, parseBody, readJson, sendJson } from './respond';

const BODY_LIMIT = 1024 * 1024;

/** Returns false when the path is not one of these endpoints. */
export async function handleDeletedNotesApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { store: BoardStore; deletedNotes: DeletedNotes },
): Promise<boolean> {
  const restoreMatch = matchPath(API.restoreDeleted, url.pathname);
  const match = restoreMatch ?? matchPath(API.deletedNotes, url.pathname);
  if (!match?.board) return false;
  const restoring = restoreMatch !== null;
  if (req.method !== (restoring ? 'POST' : 'GET')) {
    throw new HttpError(
      405,
      { code: 'request.wrongMethod', values: { method: restoring ? 'POST' : 'GET' } },
      restoring ? 'Use POST to restore deleted notes.' : 'Use GET to list deleted notes.',
    );
  }
  const { board, role } = await authorise(deps.store, match.board, bearerToken(req, url));
  if (role !== 'facilitator') throw new HttpError(403, 'deletedNotes.facilitatorOnly');
  if (!restoring) {
    sendJson(res, 200, { notes: await deps.deletedNotes.list(board.id) } satisfies DeletedNotesAnswer);
    return true;
  }
  const { noteIds } = parseBody(restoreRequest, await readJson(req, BODY_LIMIT));
  sendJson(res, 200, await deps.deletedNotes.restore(board.id, noteIds));
  return true;
}
