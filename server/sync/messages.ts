/** Encoders for the y-websocket messages the server sends. */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/**
 * A document's sync step 2 answers (what the doc has that a client's state vector lacks), encoded
 * as rarely as possible. Each encode walks the whole board, so a client could otherwise make the
 * server encode the board once per message by varying its state vector.
 *
 * [K5] Any state vector that shares no clock with the doc (empty, or made up) gets the whole
 * board, and those bytes are the same for all of them: one encode per version of the doc, whatever
 * the vector says. Other vectors (a client that has part of the board) keep the last answer, which
 * serves a restart's reconnect wave (many clients, one vector); how often one connection may ask
 * at all is bounded in connection.ts (K4).
 */
export class SyncAnswers {
  /** Answers encoded so far (tests count them; cached answers are not encodes). */
  encodes = 0;
  private whole: Uint8Array | null = null;
  private last: { stateVector: Uint8Array; message: Uint8Array } | null = null;

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', () => {
      this.whole = null;
      this.last = null;
    });
  }

  /** The answer to `stateVector` (already decoded once by decode.ts, so well-formed). */
  answer(stateVector: Uint8Array): Uint8Array {
    if (this.sharesNothing(Y.decodeStateVector(stateVector))) return (this.whole ??= this.encode(EMPTY_STATE_VECTOR));
    if (this.last && Buffer.from(this.last.stateVector).equals(stateVector)) return this.last.message;
    const message = this.encode(stateVector);
    this.last = { stateVector: stateVector.slice(), message };
    return message;
  }

  /** Yjs writes every client's structs from the vector's clock, or 0 where it has none: the whole doc. */
  private sharesNothing(theirs: Map<number, number>): boolean {
    for (const [client, clock] of theirs) {
      if (clock > 0 && this.doc.store.clients.has(client)) return false;
    }
    return true;
  }

  private encode(stateVector: Uint8Array): Uint8Array {
    this.encodes++;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    return encoding.toUint8Array(encoder);
  }
}

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Per awareness, the last message encoded: its clients, their clocks and which were present. */
const presenceMessages = new WeakMap<awarenessProtocol.Awareness, { clients: number[]; clocks: number[]; message: Uint8Array }>();

/**
 * The presence of `clients`. Everyone who joins is sent everyone's presence: while nobody's
 * presence changes (people reconnecting, or a client cut off and back again and again), that
 * message is encoded once. A client's clock moves with every change of its state, and a removal
 * deletes the state: equal clocks and the same clients present mean equal bytes.
 */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, changed: number[]): Uint8Array {
  // [K3] A client who left may already be forgotten (presence.ts): there is no clock left to send.
  const clients = changed.filter((id) => awareness.meta.has(id));
  // A remote client's removal deletes its state but keeps its clock: both make the key.
  const clocks = clients.map((id) => {
    const clock = awareness.meta.get(id)?.clock ?? -1;
    return awareness.states.has(id) ? clock : -2 - clock;
  });
  const cached = presenceMessages.get(awareness);
  if (cached && sameNumbers(cached.clients, clients) && sameNumbers(cached.clocks, clocks)) return cached.message;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  const message = encoding.toUint8Array(encoder);
  presenceMessages.set(awareness, { clients: [...clients], clocks, message });
  return message;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** y-websocket's "permission denied" (message type 2): a refused update, with the reason. */
export function permissionDeniedMessage(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Frames of messages still in use: a broadcast, or a join storm's answer, goes to many peers. */
const frames = new WeakMap<Uint8Array, Buffer>();

/**
 * `message` as one unmasked binary WebSocket frame (RFC 6455 5.2), as a server sends it. Built
 * once per message however many peers it goes to; each peer's socket then takes one write of one
 * buffer, where ws would build a header for each and write header and payload as two.
 */
export function binaryFrame(message: Uint8Array): Buffer {
  const framed = frames.get(message);
  if (framed) return framed;
  const length = message.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, headerLength);
  frames.set(message, frame);
  return frame;
}
