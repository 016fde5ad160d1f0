/**
 * The sync core's `authenticate` hook: a socket's token must be one of its board's three role
 * secrets, and its seat (if any) one of the board's people. Refusals carry the close code the
 * client acts on (44xx: do not retry).
 */
import { CloseCode, isTokenShaped } from '../../shared/protocol';
import type { BoardStore } from '../storage/store';
import type { Admission, SocketRequest } from '../sync/hooks';
import { roleForToken } from './boards';
import { personForSeat } from './people';

type AccessReads = Pick<BoardStore, 'getBoard' | 'getPerson'>;

export function socketAuthenticator(store: AccessReads): (request: SocketRequest) => Promise<Admission> {
  return async ({ boardId, docName, token, seat }) => {
    const refuse = (code: number, reason: string): Admission => ({ status: 'refused', code, reason });
    // Shapes first: nothing malformed reaches storage.
    if (!token || !isTokenShaped(token)) return refuse(CloseCode.Unauthorized, 'This link is not valid for this board');
    const board = await store.getBoard(boardId);
    if (!board) return refuse(CloseCode.BoardNotFound, 'No such board');
    const role = roleForToken(board, token);
    if (!role) return refuse(CloseCode.Unauthorized, 'This link is not valid for this board');
    const person = role === 'viewer' ? null : await personForSeat(store, boardId, seat);
    // [WA3] A private document opens only for its owner's seat.
    if (docName.kind === 'private' && person?.id !== docName.personId) {
      return refuse(CloseCode.Forbidden, 'These private notes belong to someone else');
    }
    return {
      status: 'admitted',
      role,
      personId: person?.id ?? null,
      identity: person ? { id: person.id, name: person.name, cluster: person.cluster, role } : null,
      // [WA2] The link may have been replaced since.
      stillValid: async () => {
        const current = await store.getBoard(boardId);
        return current !== null && roleForToken(current, token) === role;
      },
    };
  };
}
