/** Encoders for the y-websocket messages the server sends. */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MessageType } from '../../shared/protocol';

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Per doc, the last sync step 2 answer and the state vector it answered; dropped on any change. */
const answers = new WeakMap<Y.Doc, { stateVector: Uint8Array; message: Uint8Array }>();
const watched = new WeakSet<Y.Doc>();

/**
 * What the doc has that `stateVector` lacks. When everyone reconnects at once (a restart), most
 * ask with the same state vector (empty: a page without local storage) while the doc stands
 * still: the answer, the whole board, is encoded once and the same bytes go to each of them.
 */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const cached = answers.get(doc);
  if (cached && Buffer.from(cached.stateVector).equals(stateVector)) return cached.message;
  if (!watched.has(doc)) {
    watched.add(doc);
    doc.on('afterTransaction', () => answers.delete(doc));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  const message = encoding.toUint8Array(encoder);
  answers.set(doc, { stateVector: stateVector.slice(), message });
  return message;
}


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
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
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
