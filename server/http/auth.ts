/** Who is calling: the board named in the path, and the role its token grants. */
import type { IncomingMessage } from 'node:http';
import { isBoardId, isTokenShaped, type Role } from '../../shared/protocol';
import { roleForToken } from '../access/boards';
import type { BoardRecord, BoardStore } from '../storage/store';
import { HttpError } from './respond';
import { decodeSegment } from './url';

/** The token from `Authorization: Bearer …`, or from `?token=` for links and scripts. */
export function bearerToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token');
}

/** The board named in the path and the role the token grants on it; 404 or 401 otherwise. */
export async function authorise(store: BoardStore, segment: string, token: string | null): Promise<{ board: BoardRecord; role: Role }> {
  const id = decodeSegment(segment);
  const board = id !== null && isBoardId(id) ? await store.getBoard(id) : null;
  if (!board) throw new HttpError(404, 'board.notFound');
  // A token of the wrong shape is no token: refused before it is compared with anything.
  if (token !== null && !isTokenShaped(token)) throw new HttpError(401, 'link.notValid');
  const role = roleForToken(board, token);
  if (!role) throw new HttpError(401, 'link.notValid');
  return { board, role };
}
