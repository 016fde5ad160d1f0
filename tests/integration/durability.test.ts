/** What reaches disk, and when (SPEC D1-D4). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/app';
import { MemoryStore } from '../../server/storage/memory';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardRecord } from '../../server/storage/store';
import { addNote, deleteNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { boardView } from '../../shared/view/boardView';
import { createTestBoard, waitForSync } from '../helpers/server';
import {
  boardOn,
  cleanupAfterEach,
  clientOf,
  docFromStored,
  gatedServer,
  note,
  noteTexts,
  serverFor,
  sleep,
  storedNoteTexts,
  TEMPLATE_NOTE_COUNT,
  waitFor,
  waitForAsync,
} from './support';

const defer = cleanupAfterEach();

describe('committing before forwarding', () => {
  it('[D1] when another client first sees a note, the note is already in the SQLite file', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const a = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    const b = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(a), waitForSync(b)]);

    // Read the file through a second connection at the very moment B receives the note.
    const reader = new SqliteStore(join(ts.dataDir, 'clusterboard.sqlite'));
    defer(() => reader.close());
    let storedWhenSeen: Promise<string[]> | null = null;
    b.doc.on('update', () => {
      if (storedWhenSeen === null && noteTexts(b.doc).includes('durable')) {
        storedWhenSeen = storedNoteTexts(reader, board.id);
      }
    });

    addNote(a.doc, note('durable'), localOrigin('a'));
    await waitFor(() => storedWhenSeen !== null, 'B sees the note');
    expect(await storedWhenSeen).toEqual(['durable']);
  });

  it('[D1] an update is not forwarded while its storage append is still pending', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    const a = clientOf(defer, server, board.id, board.tokens.facilitator);
    const b = clientOf(defer, server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(a), waitForSync(b)]);

    store.holdAppends = true;
    addNote(a.doc, note('held'), localOrigin('a'));
    await waitFor(() => store.pendingAppends === 1, 'the append is pending');
    // Barrier: the server sends on B's socket in order, so once B sees this awareness change any
    // eager forward of A's update would already have arrived.
    a.provider.awareness.setLocalStateField('mark', 1);
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.mark === 1, 'B sees the mark');
    expect(noteTexts(b.doc)).toEqual([]);
    expect(await storedNoteTexts(store.inner, board.id)).toEqual([]);

    store.releaseAll();
    await waitFor(() => noteTexts(b.doc).includes('held'), 'B sees the note once stored');
    expect(await storedNoteTexts(store.inner, board.id)).toEqual(['held']);
  });

  it("[D1] a joining client's first sync answer holds only what storage has committed", async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    const a = clientOf(defer, server, board.id, board.tokens.facilitator);
    await waitForSync(a);

    store.holdAppends = true;
    addNote(a.doc, note('first'), localOrigin('a'));
    await waitFor(() => store.pendingAppends === 1, 'the first append is pending');

    // B joins; its sync step 1 is queued behind the pending append. The provider sends its
    // awareness right after step 1, so seeing B's presence on the server means step 1 was handled.
    // (A fresh awareness state has clock 0, which peers ignore: set a field to bump it.)
    const b = clientOf(defer, server, board.id, board.tokens.participant);
    b.provider.awareness.setLocalStateField('user', { name: 'B' });
    const room = server.rooms.peek(board.id);
    await waitFor(() => room?.awareness.getStates().has(b.doc.clientID) === true, "the server has B's step 1");

    // A second edit reaches the room's doc, but not storage, before B is answered.
    addNote(a.doc, note('second'), localOrigin('a'));
    await waitFor(() => room !== null && noteTexts(room.doc).includes('second'), 'the room applied the second note');

    store.releaseOne();
    await waitForSync(b);
    expect(await storedNoteTexts(store.inner, board.id)).toEqual(['first']);
    expect(noteTexts(b.doc)).toEqual(['first']);

    store.releaseAll();
    await waitFor(() => noteTexts(b.doc).includes('second'), 'B gets the second note once stored');
    expect(await storedNoteTexts(store.inner, board.id)).toEqual(['first', 'second']);
  });
});

describe('restarts and compaction', () => {
  it('[D2] notes, edits and deletions survive a server restart', async () => {
    const handle = await serverFor(defer);
    const board = await boardOn(handle.current);
    const a = clientOf(defer, handle.current.server, board.id, board.tokens.facilitator);
    await waitForSync(a);
    const origin = localOrigin('a');
    const kept = addNote(a.doc, note('kept'), origin);
    addNote(a.doc, note('other', { dimension: 'communication', kind: 'good-practice' }), origin);
    const gone = addNote(a.doc, note('gone'), origin);
    editNoteText(a.doc, kept, 'kept and edited', origin);
    deleteNote(a.doc, gone, origin);
    const expected = ['kept and edited', 'other'];
    await waitForAsync(
      async () => JSON.stringify(await storedNoteTexts(handle.current.store, board.id)) === JSON.stringify(expected),
      'edits stored',
    );
    a.destroy();

    const restarted = await handle.restart();
    expect(restarted.server.rooms.size).toBe(0);
    const c = clientOf(defer, restarted.server, board.id, board.tokens.viewer);
    await waitForSync(c);
    expect(noteTexts(c.doc)).toEqual(expected);
    expect(boardView(c.doc).notesById.get(kept)?.text).toBe('kept and edited');
  });

  it('[D2] with compaction every 5 updates, 20 edits leave a snapshot and a short log, and survive a restart', async () => {
    const compactEvery = 5;
    const handle = await serverFor(defer, { overrides: { compactEvery } });
    const board = await boardOn(handle.current);
    const a = clientOf(defer, handle.current.server, board.id, board.tokens.facilitator);
    const b = clientOf(defer, handle.current.server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(a), waitForSync(b)]);

    const origin = localOrigin('a');
    const ids = Array.from({ length: 10 }, (_, i) => addNote(a.doc, note(`note ${i}`), origin));
    ids.forEach((id, i) => editNoteText(a.doc, id, `note ${i} edited`, origin));
    const expected = ids.map((_, i) => `note ${i} edited`).sort();
    await waitFor(() => JSON.stringify(noteTexts(b.doc)) === JSON.stringify(expected), 'B sees all 20 edits');

    await waitForAsync(async () => (await handle.current.store.loadState(board.id)).updates.length < compactEvery, 'compacted');
    const stored = await handle.current.store.loadState(board.id);
    const snapshotOnly = docFromStored({ snapshot: stored.snapshot, updates: [] });
    defer(() => snapshotOnly.destroy());
    // The snapshot itself (not the log) holds the notes: compaction really folded the log in.
    expect(boardView(snapshotOnly).noteCount).toBe(10);
    expect(await storedNoteTexts(handle.current.store, board.id)).toEqual(expected);

    a.destroy();
    b.destroy();
    const restarted = await handle.restart();
    const c = clientOf(defer, restarted.server, board.id, board.tokens.viewer);
    await waitForSync(c);
    expect(noteTexts(c.doc)).toEqual(expected);
  });
});

describe('idle rooms', () => {
  it('[D3] a room with no connections is flushed and unloaded after the idle timeout, and reloads with all data', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { idleUnloadMs: 200 } });
    const board = await boardOn(ts);
    const a = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    await waitForSync(a);
    addNote(a.doc, note('one'), localOrigin('a'));
    addNote(a.doc, note('two'), localOrigin('a'));
    await waitForAsync(async () => (await storedNoteTexts(ts.store, board.id)).length === 2, 'notes stored');

    // A room with a connection stays, however long it is quiet.
    await sleep(400);
    expect(ts.server.rooms.size).toBe(1);

    a.destroy();
    await waitFor(() => ts.server.rooms.size === 0, 'the room is unloaded', 2000);
    // Unloading compacts: everything is in the snapshot, the log is empty.
    await waitForAsync(async () => (await ts.store.loadState(board.id)).updates.length === 0, 'log compacted on unload');
    expect(await storedNoteTexts(ts.store, board.id)).toEqual(['one', 'two']);

    const b = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await waitForSync(b);
    expect(ts.server.rooms.size).toBe(1);
    expect(noteTexts(b.doc)).toEqual(['one', 'two']);
  });

  it('[D3] a client arriving while the room unloads waits for the flush and sees the last edit', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore(), { idleUnloadMs: 100 });
    const board = await createTestBoard(store);
    const a = clientOf(defer, server, board.id, board.tokens.facilitator);
    await waitForSync(a);

    store.holdAppends = true;
    addNote(a.doc, note('last edit'), localOrigin('a'));
    await waitFor(() => store.pendingAppends === 1, 'the append is pending');
    a.destroy();
    await waitFor(() => server.rooms.size === 0, 'the room starts unloading', 2000);

    const b = clientOf(defer, server, board.id, board.tokens.participant);
    await sleep(50);
    expect(b.provider.synced).toBe(false);
    store.releaseAll();
    await waitForSync(b);
    expect(noteTexts(b.doc)).toEqual(['last edit']);
    expect(await storedNoteTexts(store.inner, board.id)).toEqual(['last edit']);
  });
});

/** A server (SQLite, or a slow-loading store) holding one unloaded EXCITE D1.4 board. */
async function templateBoard(slowLoadMs: number): Promise<{ server: RunningServer; board: BoardRecord }> {
  if (slowLoadMs === 0) {
    const { current: ts } = await serverFor(defer);
    return { server: ts.server, board: await boardOn(ts, 'excite-d1.4') };
  }
  const gated = await gatedServer(defer, new MemoryStore());
  gated.store.loadDelayMs = slowLoadMs;
  return { server: gated.server, board: await createTestBoard(gated.store, 'excite-d1.4') };
}

describe('loading before answering', () => {
  it.each([
    { name: 'SQLite', slowLoadMs: 0 },
    { name: 'a store that loads slowly', slowLoadMs: 150 },
  ])("[D4] a client's first sync of a template board holds every template note ($name)", async ({ slowLoadMs }) => {
    const { server, board } = await templateBoard(slowLoadMs);
    expect(server.rooms.size).toBe(0);

    const doc = new Y.Doc();
    let countAtFirstSync: number | null = null;
    const client = clientOf(defer, server, board.id, board.tokens.viewer, doc);
    client.provider.once('sync', () => (countAtFirstSync = boardView(doc).noteCount));
    await waitForSync(client);

    expect(TEMPLATE_NOTE_COUNT).toBeGreaterThan(0);
    expect(countAtFirstSync).toBe(TEMPLATE_NOTE_COUNT);
    expect(boardView(doc).meta.template).toBe('excite-d1.4');
  });
});

describe('storage that fails', () => {
  it('[D5] a failed append closes every socket of the room with 4503 and unloads it; the providers reconnect and the lost edit arrives', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    const writer = clientOf(defer, server, board.id, board.tokens.facilitator);
    const reader = clientOf(defer, server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const first = server.rooms.peek(board.id);
    expect(first?.isOpen).toBe(true);

    const closeCode = (client: typeof writer) =>
      new Promise<number>((resolve) => client.provider.once('connection-close', (event) => resolve(event?.code ?? 0)));
    const closes = Promise.all([closeCode(writer), closeCode(reader)]);
    store.failAppendsTo = '';
    addNote(writer.doc, note('written while storage failed'), localOrigin('writer'));
    expect(await closes).toEqual([4503, 4503]);
    await waitFor(() => first?.isOpen === false && server.rooms.peek(board.id) !== first, 'the failed room to be unloaded');
    expect(noteTexts(reader.doc)).toEqual([]);

    store.failAppendsTo = null;
    await waitForAsync(
      async () => (await storedNoteTexts(store, board.id)).includes('written while storage failed'),
      'the resent edit to be stored',
      15_000,
    );
    await waitFor(() => noteTexts(reader.doc).includes('written while storage failed'), 'the reader to receive the resent edit', 15_000);
  });
});
