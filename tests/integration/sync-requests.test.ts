/**
 * Sync step 1 costs the server an encode of the board, so it is bounded (SPEC K4, K5): any state
 * vector that shares nothing with the board is answered from one encode per document version, and
 * one connection may ask only a few times a minute. The work is counted (the room's encodes), not
 * timed.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import type { RunningServer } from '../../server/app';
import type { BoardRecord, BoardStore } from '../../server/storage/store';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, MessageType } from '../../shared/protocol';
import { waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, note, rawSocket, seatedParticipant, serverFor, sleep, waitFor } from './support';

const defer = cleanupAfterEach();
const me = localOrigin('me');

/** A sync step 1 frame claiming `clocks` (client id -> clock). */
function stepOne(clocks: [number, number][]): Uint8Array {
  const vector = encoding.createEncoder();
  encoding.writeVarUint(vector, clocks.length);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(vector, client);
    encoding.writeVarUint(vector, clock);
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.Sync);
  encoding.writeVarUint(message, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(vector));
  return encoding.toUint8Array(message);
}

/** Sync step 2 answers among a raw socket's messages. */
const answers = (messages: Uint8Array[]) => messages.filter((m) => m[0] === MessageType.Sync && m[1] === syncProtocol.messageYjsSyncStep2).length;

function roomOf(server: RunningServer, boardId: string) {
  const room = server.rooms.peek(boardId);
  if (!room) throw new Error('the board is not loaded');
  return room;
}

/** A board with some notes, written by a provider that stays connected; and the writer's client id. */
async function boardWithNotes(server: RunningServer, store: BoardStore, board: BoardRecord): Promise<number> {
  const boardId = board.id;
  const ada = await seatedParticipant(store, board);
  const writer = clientOf(defer, server, boardId, ada);
  await waitForSync(writer);
  for (let i = 0; i < 20; i++) addNote(writer.doc, note(`note ${i}`, { author: ada.author }), me);
  await waitFor(() => (roomOf(server, boardId).doc.getMap('notes').size ?? 0) >= 20, 'the notes reach the server');
  return writer.doc.clientID;
}

describe('sync requests', () => {
  it('[K5] fifty sync requests whose state vectors share nothing with the board cost one encode, and each gets the whole board', async () => {
    // The per-connection budget (K4) is lifted here: this is about what each request costs.
    const { current: ts } = await serverFor(defer, { overrides: { limits: { syncRequestBurst: 1000, syncRequestsPerMinute: 60_000 } } });
    const board = await boardOn(ts);
    await boardWithNotes(ts.server, ts.store, board);
    const room = roomOf(ts.server, board.id);
    const before = room.syncEncodes;
    const asker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await asker.opened;
    // Made-up client ids, each vector different; the first is empty (a page without local storage).
    asker.ws.send(stepOne([]));
    for (let i = 1; i < 50; i++)
      asker.ws.send(
        stepOne([
          [1_000_000 + i, i],
          [2_000_000 + i, 0],
        ]),
      );
    await waitFor(() => answers(asker.messages) === 50, 'fifty answers');
    expect(room.syncEncodes - before).toBe(1);
    const whole = asker.messages.filter((m) => m[1] === syncProtocol.messageYjsSyncStep2);
    expect(new Set(whole.map((m) => Buffer.from(m).toString('base64'))).size).toBe(1);
  });

  it('[K5] a change to the board makes one new encode for the next such request, not one per request', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { syncRequestBurst: 1000, syncRequestsPerMinute: 60_000 } } });
    const board = await boardOn(ts);
    await boardWithNotes(ts.server, ts.store, board);
    const room = roomOf(ts.server, board.id);
    const asker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await asker.opened;
    for (let i = 0; i < 10; i++) asker.ws.send(stepOne([[3_000_000 + i, 1]]));
    await waitFor(() => answers(asker.messages) === 10, 'ten answers');
    const before = room.syncEncodes;
    addNote(room.doc, note('one more'), me);
    for (let i = 0; i < 10; i++) asker.ws.send(stepOne([[4_000_000 + i, 1]]));
    await waitFor(() => answers(asker.messages) === 20, 'ten more answers');
    expect(room.syncEncodes - before).toBe(1);
  });

  it('[K4] a connection past its sync requests is closed with 4429 after a bounded number of encodes; the board carries on', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const writerId = await boardWithNotes(ts.server, ts.store, board);
    const room = roomOf(ts.server, board.id);
    const before = room.syncEncodes;
    const asker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await asker.opened;
    // Each vector shares the writer's clock, differently: no answer can be reused.
    for (let i = 0; i < 50; i++) asker.ws.send(stepOne([[writerId, 1 + i]]));
    expect(await asker.closed).toEqual({ code: CloseCode.TooManyRequests, reason: 'Too many sync requests' });
    // The default budget: four at once.
    expect(room.syncEncodes - before).toBeLessThanOrEqual(4);
    const reader = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(reader);
  });

  it('[K4] a provider that reconnects again and again is answered every time: the budget is per connection', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, board);
    const client = clientOf(defer, ts.server, board.id, ada);
    const closes: number[] = [];
    client.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    await waitForSync(client);
    for (let i = 0; i < 8; i++) {
      client.provider.disconnect();
      client.provider.connect();
      await waitFor(() => client.provider.synced, `sync ${i + 2}`);
      addNote(client.doc, note(`after reconnect ${i}`, { author: ada.author }), me);
    }
    await sleep(100);
    expect(closes.filter((code) => code !== 1000 && code !== 1005)).toEqual([]);
  });
});
