/**
 * Everything Clusterboard adds on top of the y-websocket wire protocol, in one place.
 *
 * Wire: `ws://HOST:PORT/ws/<boardId>[/<doc>]?token=<token>[&seat=<seat>]`, then y-websocket's
 * messages (varUint type 0 = sync, 1 = awareness). A board is several documents, one per trust
 * domain (see `DocName`); each is its own socket. Close codes follow y-websocket's convention:
 * 4400-4499 mean "reconnecting cannot help" (the stock provider stops retrying),
 * 4500-4599 mean "try again later".
 */

export const PROTOCOL_VERSION = 1;

export const WS_PATH_PREFIX = '/ws/';

export const MessageType = {
  Sync: 0,
  Awareness: 1,
  /** Server to client only: "permission denied" with a reason (a refused update). */
  Auth: 2,
} as const;

export const CloseCode = {
  /** The message could not be decoded or applied. Only that connection is closed. */
  BadMessage: 4400,
  /** No token, or a token that is not one of this board's. */
  Unauthorized: 4401,
  /** The token is valid but does not allow this document (another person's private notes). */
  Forbidden: 4403,
  /** No board with that id. */
  BoardNotFound: 4404,
  /** A facilitator replaced this role's link; the old one no longer opens the board. */
  LinkRevoked: 4410,
  /** A message, a presence state or the board itself is over a size limit. */
  TooLarge: 4413,
  /** Too many messages or bytes per second, or too many sockets from one address. */
  TooManyRequests: 4429,
  /** The server is shutting down or the room is being unloaded; reconnect shortly. */
  GoingAway: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The close reason (with 4403) of a socket whose person the facilitator removed from the board. */
export const PERSON_REMOVED_REASON = 'The facilitator removed you from this board';

export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}

export const ROLES = ['facilitator', 'participant', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Viewers sync down only; their document updates are dropped by the server. */
export function canWrite(role: Role): boolean {
  switch (role) {
    case 'facilitator':
    case 'participant':
      return true;
    case 'viewer':
      return false;
  }
}

/**
 * The documents of one board, one per trust domain, so "who may write this document" is the
 * whole write check:
 *  - board:   the notes, themes and links. Facilitators write; participants write unless locked
 *             out; viewers never.
 *  - control: run-sheet, timer, lock, voting results, readiness. Only the server writes it.
 *  - private: one person's notes written in private. Only that person reads or writes it.
 */
export type DocName = { kind: 'board' } | { kind: 'control' } | { kind: 'private'; personId: string };

export const BOARD_DOC: DocName = { kind: 'board' };
export const CONTROL_DOC: DocName = { kind: 'control' };

/** The storage key and URL suffix of a document: '', 'control' or 'private/<personId>'. */
export function docKey(name: DocName): string {
  switch (name.kind) {
    case 'board':
      return '';
    case 'control':
      return 'control';
    case 'private':
      return `private/${name.personId}`;
  }
}

export function parseDocKey(key: string): DocName | null {
  if (key === '') return BOARD_DOC;
  if (key === 'control') return CONTROL_DOC;
  const personId = /^private\/([A-Za-z0-9_-]{8,40})$/.exec(key)?.[1];
  return personId ? { kind: 'private', personId } : null;
}

/** The y-websocket room name of a document (the part of the URL after `/ws/`). */
export function roomName(boardId: string, name: DocName): string {
  const key = docKey(name);
  return key ? `${boardId}/${key}` : boardId;
}

/** The HTTP header (and `seat` socket parameter) carrying a person's seat: `<personId>.<secret>`. */
export const SEAT_HEADER = 'x-clusterboard-seat';

/** What `POST /api/boards/:id/people` answers: who this person is on the board, and their secret. */
export interface Seat {
  personId: string;
  /** `<personId>.<secret>`: sent with votes, readiness and the private document's socket. */
  seat: string;
}

/** What `GET /api/boards/:id` answers to a holder of a valid token. */
export interface BoardInfo {
  id: string;
  title: string;
  template: string | null;
  role: Role;
  protocolVersion: number;
}

/** What `POST /api/boards` answers. Links carry the token in the fragment, never sent to servers in logs. */
export interface CreatedBoard {
  id: string;
  title: string;
  links: Record<Role, string>;
}

/** A board link: the token travels in the URL fragment so it stays out of server and proxy logs. */
export function boardPath(boardId: string, token: string): string {
  return `/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`;
}

/** Role tokens and seat secrets are 32 base64url characters; anything else is refused before any lookup. */
export function isTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** Board ids are generated by the server; anything else in a URL is rejected before lookup. */
export function isBoardId(value: string): boolean {
  return /^[a-z0-9]{8,32}$/.test(value);
}
