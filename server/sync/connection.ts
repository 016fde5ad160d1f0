/**
 * One WebSocket, from upgrade to close. Lifecycle: authenticate (the `authenticate` hook says who
 * the socket is, or refuses it with a close code) -> load the room -> open (messages go to the room) -> closed. Messages that arrive before
 * the room is loaded are buffered, so the document is loaded before the first one is answered.
 *
 * [K7] The handshake is over once the socket is open *and* the client has spoken (a provider sends
 * sync step 1 as soon as its socket opens): a socket still short of that after
 * `handshakeTimeoutMs` holds a place for nothing and is closed.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { newId } from '../../shared/model/ids';
import type { RemoteOrigin } from '../../shared/model/origin';
import { CloseCode, type DocName, isBoardId, MessageType, type Role } from '../../shared/protocol';
import type { Logger } from '../log';
import { ServerBusyError, StorageOutageError, TooLargeError, TooManyError } from './errors';
import type { SocketRequest, SyncHooks } from './hooks';
import { Bucket, type Limits } from './limits';
import { binaryFrame } from './messages';
import { BadMessageError, type Peer, type PresenceIdentity, type Room } from './room';
import type { Rooms } from './rooms';

/** What a socket may send before its board is loaded; a client that floods is cut off. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

type ConnectionState =
  { status: 'authenticating'; buffered: Uint8Array[]; bufferedBytes: number } | { status: 'open'; room: Room; peer: Peer } | { status: 'closed' };

export interface ConnectionDeps {
  authenticate: SyncHooks['authenticate'];
  rooms: Rooms;
  log: Logger;
  limits: Limits;
  /** [K7] Time from upgrade to an open socket that has sent its first message. */
  handshakeTimeoutMs: number;
}

export interface ConnectionRequest extends Omit<SocketRequest, 'docName'> {
  /** Null when the path names no document of a board (closed like an unknown board). */
  docName: DocName | null;
}

export function acceptConnection(socket: WebSocket, request: ConnectionRequest, deps: ConnectionDeps): void {
  const { boardId, docName } = request;
  const id = newId(10);
  let state: ConnectionState = { status: 'authenticating', buffered: [], bufferedBytes: 0 };
  // [Z2] One client's flood is its own problem: past the rate, its socket closes (4429).
  const messages = new Bucket(deps.limits.messagesPerSecond, deps.limits.messageBurst);
  const bytes = new Bucket(deps.limits.bytesPerSecond, deps.limits.byteBurst);
  // [K4] Each sync step 1 costs an encode of the board: a few per minute, where a provider sends one.
  const syncRequests = new Bucket(deps.limits.syncRequestsPerMinute / 60, deps.limits.syncRequestBurst);
  let heard = false;
  // Judged after this turn's I/O (setImmediate): when the server itself stalled past the deadline,
  // the timer fires before the messages that waited meanwhile are read, and those count.
  const handshake = setTimeout(
    () =>
      setImmediate(() => {
        if (state.status === 'authenticating') {
          // Storage is slow to answer for this board: not the client's fault, so it may retry.
          deps.log.warn('socket not authenticated in time; closing', { board: boardId, connection: id });
          close(CloseCode.GoingAway, 'Server busy, retry shortly');
        } else if (state.status === 'open' && !heard) {
          // Retry, not 44xx: a browser tab frozen between the socket opening and its provider's first
          // message (a phone switching apps) is honest, and reconnects when it wakes.
          close(CloseCode.GoingAway, 'Handshake timed out');
        }
      }),
    deps.handshakeTimeoutMs,
  );
  handshake.unref();

  const close = (code: number, reason: string) => {
    clearTimeout(handshake);
    const previous = state;
    state = { status: 'closed' };
    if (previous.status === 'open') previous.room.leave(previous.peer);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
  };

  const deliver = (room: Room, peer: Peer, message: Uint8Array) => {
    try {
      room.receive(peer, message);
    } catch (error) {
      // Whatever went wrong, it goes no further than this connection.
      if (error instanceof TooLargeError) {
        deps.log.warn('message over a limit; closing connection', { board: boardId, connection: id, error: error.message });
        close(CloseCode.TooLarge, 'Too large');
        return;
      }
      if (error instanceof TooManyError) {
        deps.log.warn('connection over a count limit; closing', { board: boardId, connection: id, error: error.message });
        close(CloseCode.TooManyRequests, error.reason);
        return;
      }
      // [M4] Storage is away and the room holds all it may: the writer keeps its edits and
      // retries, about once a second for as long as the outage lasts, so one line, no stack.
      if (error instanceof StorageOutageError) {
        deps.log.info('storage away; writer told to retry later', { board: boardId, connection: id, reason: error.message });
        close(CloseCode.GoingAway, 'Storage unavailable, retry shortly');
        return;
      }
      const malformed = error instanceof BadMessageError;
      deps.log.warn(malformed ? 'malformed message; closing connection' : 'message failed; closing connection', {
        board: boardId,
        connection: id,
        error,
      });
      close(malformed ? CloseCode.BadMessage : CloseCode.GoingAway, malformed ? 'Malformed message' : 'Server error');
    }
  };

  socket.on('error', (error) => deps.log.warn('socket error', { board: boardId, connection: id, error }));
  socket.on('close', () => close(1000, 'closed'));
  socket.on('message', (data, isBinary) => {
    const message = toBytes(data);
    if (state.status !== 'closed' && (!messages.take(1) || !bytes.take(message.byteLength))) {
      deps.log.warn('connection over its rate; closing', { board: boardId, connection: id });
      close(CloseCode.TooManyRequests, 'Too many messages');
      return;
    }
    if (state.status !== 'closed' && isSyncStep1(message) && !syncRequests.take(1)) {
      deps.log.warn('connection over its sync requests; closing', { board: boardId, connection: id });
      close(CloseCode.TooManyRequests, 'Too many sync requests');
      return;
    }
    heard = true;
    if (state.status === 'open') clearTimeout(handshake);
    switch (state.status) {
      case 'authenticating':
        state.bufferedBytes += message.byteLength;
        if (!isBinary || state.bufferedBytes > MAX_BUFFERED_BYTES) {
          close(CloseCode.BadMessage, 'Unexpected message');
          return;
        }
        state.buffered.push(message);
        return;
      case 'open':
        if (!isBinary) {
          close(CloseCode.BadMessage, 'Text frames are not part of the protocol');
          return;
        }
        deliver(state.room, state.peer, message);
        return;
      case 'closed':
        return;
    }
  });

  void (async () => {
    if (!isBoardId(boardId) || !docName) return close(CloseCode.BoardNotFound, 'No such board');
    const admission = await deps.authenticate({ ...request, docName });
    if (admission.status === 'refused') return close(admission.code, admission.reason);
    let room = await deps.rooms.acquire(boardId, docName);
    // [WA2] What admitted the socket (its link) may have been revoked while it waited: asked again,
    // with no wait between this answer and joining, so a revocation either sees this socket or is
    // seen by it.
    let valid = await admission.stillValid();
    // [K6] Boards opened meanwhile may have evicted this one before anybody joined it: load it again.
    for (let tries = 0; !room.isOpen && tries < 3; tries++) {
      room = await deps.rooms.acquire(boardId, docName);
      valid = await admission.stillValid();
    }
    if (!valid) return close(CloseCode.LinkRevoked, 'This link was revoked');
    if (state.status !== 'authenticating') return;
    const peer = createPeer(socket, id, admission.role, admission.personId, admission.identity, close, deps.limits);
    const buffered = state.buffered;
    state = { status: 'open', room, peer };
    if (heard) clearTimeout(handshake);
    room.join(peer);
    for (const message of buffered) {
      if (state.status !== 'open') break;
      deliver(room, peer, message);
    }
  })().catch((error: unknown) => {
    if (error instanceof ServerBusyError) deps.log.warn('server busy; refusing a board', { board: boardId, error: error.message });
    else deps.log.error('could not open board', { board: boardId, connection: id, error });
    close(CloseCode.GoingAway, error instanceof ServerBusyError ? 'Server busy, retry shortly' : 'Board unavailable, retry shortly');
  });
}

function createPeer(
  socket: WebSocket,
  id: string,
  role: Role,
  personId: string | null,
  identity: PresenceIdentity | null,
  close: (code: number, reason: string) => void,
  limits: Pick<Limits, 'presenceBacklogBytes' | 'sendBacklogBytes'>,
): Peer {
  const origin: RemoteOrigin = { kind: 'remote', connectionId: id };
  const raw = rawSocket(socket);
  return {
    origin,
    role,
    personId,
    identity,
    send(message) {
      if (socket.readyState !== socket.OPEN) return;
      if (!raw) {
        socket.send(message, { binary: true }, (error) => {
          if (error) close(CloseCode.GoingAway, 'Send failed');
        });
        return;
      }
      // A socket that reads slower than the board changes: presence waits for its next change,
      // and past the backlog limit the socket goes (its provider reconnects and resyncs).
      const backlog = raw.writableLength;
      if (backlog > limits.sendBacklogBytes) return close(CloseCode.GoingAway, 'Connection too slow');
      if (backlog > limits.presenceBacklogBytes && message[0] === MessageType.Awareness) return;
      // Write errors reach ws through the socket's 'error' event, which closes the connection.
      corkUntilNextTurn(raw);
      raw.write(binaryFrame(message));
    },
    close,
  };
}

/** Sockets corked during this turn of the event loop, uncorked together once its I/O is handled. */
const corked = new Set<Duplex>();

/**
 * Everything sent to a socket within one turn of the event loop leaves in one write: when the
 * server falls behind, several updates (and presence changes) are handled per turn, and each
 * socket then takes one system call for all of them instead of one per message. When it keeps
 * up, a message waits only for the end of the turn (setImmediate runs right after the I/O phase).
 */
function corkUntilNextTurn(raw: Duplex): void {
  if (corked.has(raw)) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  raw.cork();
  corked.add(raw);
}

function uncorkAll(): void {
  for (const raw of corked) raw.uncork();
  corked.clear();
}

/**
 * The TCP socket under a ws connection, to write frames built once per broadcast (binaryFrame).
 * Safe beside ws's own writes because this server never compresses or fragments: each ws write
 * (ping, close) is a whole frame too, and nothing is written once the connection is closing.
 * Null if ws stops exposing it, and sends go through ws again.
 */
function rawSocket(socket: WebSocket): Duplex | null {
  const raw = (socket as unknown as { _socket?: unknown })._socket;
  return raw !== null && typeof raw === 'object' && 'writableLength' in raw && 'write' in raw ? (raw as Duplex) : null;
}

/** A y-websocket sync step 1 (message type 0, sync type 0); decode.ts checks the rest. */
function isSyncStep1(message: Uint8Array): boolean {
  return message[0] === MessageType.Sync && message[1] === 0;
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
