/**
 * One change as a client sends it, on a raw socket: what `change` writes on a copy of the
 * server's board goes out as one update, and the answer is y-websocket's "permission denied"
 * reason as sent (a coded refusal: LG4), or null when the update was let through.
 */
import * as decoding from 'lib0/decoding';
import { expect } from 'vitest';
import * as Y from 'yjs';
import { localOrigin } from '../../shared/model/origin';
import { BOARD_DOC, MessageType } from '../../shared/protocol';
import { type Defer, syncUpdateFrame } from './support';
import type { Caller, Workshop } from './workshopSupport';

const SOMEONE = localOrigin('someone');

export async function sendRawChange(w: Workshop, who: Caller, change: (doc: Y.Doc) => void, defer: Defer): Promise<string | null> {
  const room = await w.server.rooms.acquire(w.board.id);
  const doc = new Y.Doc();
  defer(() => doc.destroy());
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  // One transaction, one update, as a client sends a change.
  doc.transact(() => change(doc), SOMEONE);
  expect(updates.length, 'the change wrote something').toBeGreaterThan(0);
  const socket = w.record(BOARD_DOC, who);
  await socket.opened;
  socket.ws.send(syncUpdateFrame(Y.mergeUpdates(updates)));
  // The answer to a later request means the server has judged the update.
  await socket.fetchAll();
  for (const frame of socket.frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Auth) continue;
    decoding.readVarUint(decoder);
    return decoding.readVarString(decoder);
  }
  return null;
}
