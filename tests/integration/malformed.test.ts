/** A malformed message costs only its own socket (SPEC P4). */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/storage/memory';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode } from '../../shared/protocol';
import { createTestBoard, waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, gatedServer, note, noteTexts, rawSocket, serverFor, syncUpdateFrame, waitFor } from './support';

const defer = cleanupAfterEach();

function frame(...values: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of values) encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

/** A real note update cut in half, framed correctly: the sync layer decodes, Yjs cannot. */
function truncatedUpdateFrame(): Uint8Array {
  const doc = new Y.Doc();
  addNote(doc, note('half a note'), localOrigin('m'));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return syncUpdateFrame(update.slice(0, Math.floor(update.length / 2)));
}

/** A real note update whose delete set is cut off: its structs decode, its tail does not. */
function corruptDeleteSetFrame(): Uint8Array {
  const doc = new Y.Doc();
  addNote(doc, note('structs without a delete set'), localOrigin('m'));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  // The encoded delete set of a fresh doc is one byte (zero clients); replace it with a count
  // that promises entries the frame does not have.
  const corrupt = new Uint8Array(update.length);
  corrupt.set(update.slice(0, -1));
  corrupt[corrupt.length - 1] = 3;
  return syncUpdateFrame(corrupt);
}

function badStateVectorFrame(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 0); // step 1
  encoding.writeVarUint8Array(encoder, new Uint8Array([5, 0xff, 0xff]));
  return encoding.toUint8Array(encoder);
}

const MALFORMED: { name: string; payload: () => Uint8Array | string }[] = [
  { name: 'garbage bytes', payload: () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]) },
  { name: 'an unknown message type', payload: () => frame(9, 0) },
  { name: 'an unknown sync message type', payload: () => frame(0, 7) },
  { name: 'a sync update whose length runs past the frame', payload: () => frame(0, 2, 200, 1, 2, 3) },
  { name: 'a truncated sync update', payload: truncatedUpdateFrame },
  { name: 'a sync update with a corrupt delete set', payload: corruptDeleteSetFrame },
  { name: 'a sync step 1 with a corrupt state vector', payload: badStateVectorFrame },
  { name: 'an awareness message that is not one', payload: () => frame(1, 3, 0xff, 0xff, 0xff) },
  { name: 'a text frame', payload: () => 'hello' },
];

describe('malformed messages', () => {
  it.each(MALFORMED)('[P4] $name closes only its own socket with 4400; the board keeps syncing', async ({ payload }) => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const a = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    const b = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    let otherCloses = 0;
    for (const client of [a, b]) client.provider.on('connection-close', () => otherCloses++);

    const bad = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    // Wait for the server's sync step 1, so the socket has joined the room.
    await waitFor(() => bad.messages.length > 0, 'the bad socket joined');
    bad.ws.send(payload());
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    addNote(a.doc, note('after the bad message'), localOrigin('a'));
    await waitFor(() => noteTexts(b.doc).includes('after the bad message'), 'B sees A after the bad message');
    const late = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(late);
    expect(noteTexts(late.doc)).toEqual(['after the bad message']);
    expect(otherCloses).toBe(0);
    const roomDoc = ts.server.rooms.peek(board.id)?.doc;
    expect(roomDoc && noteTexts(roomDoc)).toEqual(['after the bad message']);
  });

  it('[P4] an awareness message that breaks halfway leaves no presence behind', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const bad = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    await waitFor(() => bad.messages.length > 0, 'the bad socket joined');

    // Two entries: a well-formed "ghost" presence, then one whose state is not JSON.
    const entries = encoding.createEncoder();
    encoding.writeVarUint(entries, 2);
    for (const [clientId, state] of [
      [424242, JSON.stringify({ user: { name: 'Ghost' } })],
      [434343, '{not json'],
    ] as const) {
      encoding.writeVarUint(entries, clientId);
      encoding.writeVarUint(entries, 1);
      encoding.writeVarString(entries, state);
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, 1);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(entries));
    bad.ws.send(encoding.toUint8Array(message));
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    const late = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    late.provider.awareness.setLocalStateField('user', { name: 'Late' });
    const room = ts.server.rooms.peek(board.id);
    // Once the server holds the late joiner's presence, it has sent everything it knew before.
    await waitFor(() => room?.awareness.getStates().has(late.doc.clientID) === true, "the server has the late joiner's presence");
    expect(room?.awareness.getStates().has(424242)).toBe(false);
    expect(late.provider.awareness.getStates().has(424242)).toBe(false);
  });

  it.each([
    { name: 'a malformed binary message', payload: (): Uint8Array | string => frame(9) },
    { name: 'a text frame', payload: (): Uint8Array | string => 'hello' },
  ])('[P4] $name sent while the board is still loading is answered with 4400 too', async ({ payload }) => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    store.loadDelayMs = 150;
    const bad = rawSocket(defer, server, board.id, board.tokens.participant);
    await bad.opened;
    bad.ws.send(payload());
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    const a = clientOf(defer, server, board.id, board.tokens.facilitator);
    await waitForSync(a);
    expect(a.provider.wsconnected).toBe(true);
  });
});
