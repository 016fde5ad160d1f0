/**
 * Several instances in one process: real servers on their own ports sharing one PostgreSQL schema
 * (each with its own PostgresStore, as separate processes would) and one update bus (the in-process
 * MemoryHub, or Redis), with real y-websocket providers on each. The same rules with real
 * processes, nginx and service restarts are in cluster.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard } from '../../server/access/boards';
import { ensureDemoBoard } from '../../server/access/demo';
import type { RunningServer } from '../../server/app';
import type { UpdateBus } from '../../server/bus/bus';
import { type MemoryBus, MemoryHub } from '../../server/bus/memory';
import { RedisBus } from '../../server/bus/redis';
import { createLogger } from '../../server/log';
import { PostgresStore } from '../../server/storage/postgres';
import type { BoardRecord } from '../../server/storage/store';
import { addNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import type { AuthorInput } from '../../shared/model/schema';
import { CloseCode, PERSON_REMOVED_REASON, type Seat } from '../../shared/protocol';
import { postgresAvailable, postgresProxy, rawClient, TEST_DATABASE_URL, testSchema } from '../helpers/postgres';
import { redisAvailable, TEST_REDIS_URL, testPrefix } from '../helpers/redis';
import { waitForSync } from '../helpers/server';
import { instance } from './multiInstance';
import {
  cleanupAfterEach,
  clientOf,
  closedEvent,
  countingClient,
  type Defer,
  note,
  noteTexts,
  seatedParticipant,
  sleep,
  storedNoteTexts,
  waitFor,
  waitForAsync,
} from './support';

const defer = cleanupAfterEach();

/** Two instances on one fresh schema, joined by a MemoryHub (or Redis when `redis` is set). */
async function pair(defer: Defer, options: { redis?: boolean; url?: string; outageBufferBytes?: number } = {}) {
  const schema = testSchema(defer);
  const hub = new MemoryHub();
  const prefix = testPrefix();
  const busFor = (name: string): UpdateBus =>
    options.redis ? new RedisBus({ url: TEST_REDIS_URL, log: createLogger('silent'), instanceId: `${prefix}-${name}`, prefix }) : hub.bus();
  const url = options.url ?? TEST_DATABASE_URL;
  const a = await instance(defer, { url, schema, bus: busFor('a'), ...options });
  const b = await instance(defer, { url, schema, bus: busFor('b'), ...options });
  const board = await createBoard(a.store, { title: 'Two instances', template: 'blank' });
  // Participants write notes only with a seat (G4); a seat in the shared store works on both.
  const ada = await seatedParticipant(a.store, board);
  return { a, b, board, schema, hub, ada };
}

function add(doc: Y.Doc, text: string, author: AuthorInput): void {
  addNote(doc, note(text, { author }), localOrigin('tester'));
}

async function readyz(server: RunningServer): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, string> }).checks };
}

const participant = (board: BoardRecord) => board.tokens.participant;

describe.skipIf(!postgresAvailable)('several instances on one board', () => {
  it.each([
    { bus: 'MemoryBus', redis: false },
    { bus: 'RedisBus', redis: true },
  ])('[M1] clients on different instances ($bus) see each other edit, and a fresh client on either sees everything', async ({ redis }) => {
    if (redis && !redisAvailable) return;
    const { a, b, board, ada } = await pair(defer, { redis });
    const onA = clientOf(defer, a.server, board.id, ada);
    const onB = clientOf(defer, b.server, board.id, ada);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    for (let i = 0; i < 20; i++) {
      add(onA.doc, `a${i}`, ada.author);
      add(onB.doc, `b${i}`, ada.author);
    }
    const all = [...Array.from({ length: 20 }, (_, i) => `a${i}`), ...Array.from({ length: 20 }, (_, i) => `b${i}`)].sort();
    await waitFor(() => noteTexts(onA.doc).length === 40 && noteTexts(onB.doc).length === 40, 'both clients see all 40 notes');
    expect(noteTexts(onA.doc)).toEqual(all);
    expect(noteTexts(onB.doc)).toEqual(all);
    for (const server of [a.server, b.server]) {
      const fresh = clientOf(defer, server, board.id, participant(board));
      await waitForSync(fresh);
      expect(noteTexts(fresh.doc)).toEqual(all);
    }
    // Each instance stored what its own clients wrote: PostgreSQL holds all of it once.
    await waitForAsync(async () => (await storedNoteTexts(a.store, board.id)).length === 40, 'all notes stored');
    expect(await storedNoteTexts(b.store, board.id)).toEqual(all);
  });

  it('[M1] presence crosses instances: a client on one sees who is on the other, and sees them leave', async () => {
    const { a, b, board } = await pair(defer);
    const onA = clientOf(defer, a.server, board.id, participant(board));
    const onB = clientOf(defer, b.server, board.id, participant(board));
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    onB.provider.awareness.setLocalStateField('user', { name: 'Bea' });
    await waitFor(() => onA.provider.awareness.getStates().has(onB.doc.clientID), "B's presence at A");
    onB.provider.destroy();
    await waitFor(() => !onA.provider.awareness.getStates().has(onB.doc.clientID), "B's departure at A");
  });

  it('[M2] an instance that may have missed deliveries reloads from storage, and its clients get what it lacked', async () => {
    const { a, b, board, ada } = await pair(defer);
    const onB = clientOf(defer, b.server, board.id, participant(board));
    await waitForSync(onB);
    // Stored by "another instance" whose publish never arrived.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate((await b.server.rooms.acquire(board.id)).doc));
    const before = Y.encodeStateVector(writer);
    add(writer, 'stored but never published', ada.author);
    await a.store.appendUpdate(board.id, Y.encodeStateAsUpdate(writer, before));
    await sleep(100);
    expect(noteTexts(onB.doc)).toEqual([]);
    (b.bus as MemoryBus).simulateMissedDeliveries();
    await waitFor(() => noteTexts(onB.doc).length === 1, 'the reloaded note at the client');
    expect(noteTexts(onB.doc)).toEqual(['stored but never published']);
  });

  it('[M2] an update that arrives before what it builds on makes the instance reload, and its clients get both', async () => {
    const { a, b, board, hub } = await pair(defer);
    const onB = clientOf(defer, b.server, board.id, participant(board));
    await waitForSync(onB);
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate((await b.server.rooms.acquire(board.id)).doc));
    const start = Y.encodeStateVector(writer);
    const id = addNote(writer, note('first'), localOrigin('writer'));
    const first = Y.encodeStateAsUpdate(writer, start);
    const middle = Y.encodeStateVector(writer);
    editNoteText(writer, id, 'first, edited', localOrigin('writer'));
    const second = Y.encodeStateAsUpdate(writer, middle);
    await a.store.appendUpdate(board.id, first);
    await a.store.appendUpdate(board.id, second);
    // A third instance publishes only the edit: the note it edits never came over the bus.
    const third = await hub.bus().open(board.id, '');
    defer(() => third.close());
    third.publishUpdate(second, true);
    await waitFor(() => noteTexts(onB.doc).length === 1, 'the note at the client');
    expect(noteTexts(onB.doc)).toEqual(['first, edited']);
  });

  it('instances started together on an empty database make one demo board between them', async () => {
    const schema = testSchema(defer);
    const stores = await Promise.all([1, 2, 3].map(() => PostgresStore.open(TEST_DATABASE_URL, { schema })));
    for (const store of stores) defer(() => store.close());
    const results = await Promise.all(stores.map((store) => ensureDemoBoard(store)));
    expect(new Set(results.map((r) => r.board.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const raw = await rawClient(defer, schema);
    expect((await raw.query('SELECT count(*)::int AS boards FROM boards')).rows[0]).toEqual({ boards: 1 });
  });

  it("[M5] replacing a link on one instance closes the old link's sockets on the other (4410)", async () => {
    const { a, b, board } = await pair(defer);
    const onB = clientOf(defer, b.server, board.id, participant(board));
    await waitForSync(onB);
    const closed = closedEvent(onB);
    const response = await fetch(`${a.server.url}/api/boards/${board.id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify({ role: 'participant' }),
    });
    expect(response.status).toBe(200);
    expect((await closed).code).toBe(CloseCode.LinkRevoked);
  });

  it('[SE4][M5] removing a person on one instance closes their sockets on the other (4403)', async () => {
    const { a, b, board } = await pair(defer);
    const api = (path: string, token: string, body: unknown) =>
      fetch(`${a.server.url}/api/boards/${board.id}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const seat = (await (await api('/people', participant(board), { name: 'Ada', cluster: null })).json()) as Seat;
    const onB = countingClient(defer, b.server, board.id, { token: participant(board), seat: seat.seat });
    await waitForSync(onB);
    const closed = closedEvent(onB);
    expect((await api('/control', board.tokens.facilitator, { type: 'removePerson', personId: seat.personId })).status).toBe(204);
    expect(await closed).toEqual(expect.objectContaining({ code: CloseCode.Forbidden, reason: PERSON_REMOVED_REASON }));
  });

  it('[M4] with PostgreSQL away, both instances keep serving live edits, say not ready, and store everything once it is back', async () => {
    const proxy = await postgresProxy(defer);
    const { a, b, board, ada } = await pair(defer, { url: proxy.url });
    const onA = clientOf(defer, a.server, board.id, ada);
    const onB = clientOf(defer, b.server, board.id, ada);
    await Promise.all([waitForSync(onA), waitForSync(onB)]);
    add(onA.doc, 'before the outage', ada.author);
    await waitFor(() => noteTexts(onB.doc).length === 1, 'the first note at B');

    await proxy.cut();
    for (let i = 0; i < 5; i++) {
      add(onA.doc, `during a${i}`, ada.author);
      add(onB.doc, `during b${i}`, ada.author);
    }
    await waitFor(() => noteTexts(onA.doc).length === 11 && noteTexts(onB.doc).length === 11, 'live edits across instances', 15_000);
    for (const server of [a.server, b.server]) {
      const ready = await readyz(server);
      expect(ready.status).toBe(503);
      expect(ready.checks.storage).not.toBe('ok');
    }
    // Someone who joins (or reconnects) now is let in by the instance that serves the board.
    const late = clientOf(defer, b.server, board.id, participant(board));
    await waitForSync(late);
    expect(noteTexts(late.doc)).toEqual(noteTexts(onB.doc));
    // The API says so too, in words, instead of a 500.
    const api = await fetch(`${a.server.url}/api/boards/${board.id}/history`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } });
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: string }).error).toMatch(/storage is unavailable/i);

    await proxy.restore();
    await waitForAsync(async () => (await readyz(a.server)).status === 200 && (await readyz(b.server)).status === 200, 'ready again', 15_000);
    await waitForAsync(async () => (await storedNoteTexts(a.store, board.id)).length === 11, 'every note stored', 20_000);
    expect(await storedNoteTexts(a.store, board.id)).toEqual(noteTexts(onA.doc));
  });

  it('[M4] past the outage buffer, a writer is told to retry later (4503), and its edits arrive once storage is back', async () => {
    const proxy = await postgresProxy(defer);
    const { a, board, ada } = await pair(defer, { url: proxy.url, outageBufferBytes: 2_000 });
    const writer = clientOf(defer, a.server, board.id, ada);
    await waitForSync(writer);
    await proxy.cut();
    let closedWith: number | null = null;
    // 45xx is not a terminal close: the provider reports it and reconnects on its own.
    let reason = '';
    writer.provider.once('connection-close', (event) => {
      closedWith = event?.code ?? null;
      reason = event?.reason ?? '';
    });
    let written = 0;
    while (closedWith === null && written < 200) {
      add(writer.doc, `note ${written++} ${'x'.repeat(100)}`, ada.author);
      await sleep(20);
    }
    expect(closedWith).toBe(CloseCode.GoingAway);
    expect(reason).toBe('Storage unavailable, retry shortly');
    // Written past the close too: the provider keeps them for its next connection.
    for (let i = 0; i < 3; i++) add(writer.doc, `note ${written++} while disconnected`, ada.author);
    await proxy.restore();
    // The provider reconnects and resends what the server lacks.
    await waitForAsync(async () => (await storedNoteTexts(a.store, board.id)).length === written, `all ${written} notes stored`, 30_000);
    expect(await storedNoteTexts(a.store, board.id)).toEqual(noteTexts(writer.doc));
  });
});
