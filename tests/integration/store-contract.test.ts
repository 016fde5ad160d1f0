/**
 * The BoardStore contract (SPEC S2, server/storage/store.ts), run against every adapter.
 * To add one (PostgreSQL), add a factory to ADAPTERS; `reopen` is for adapters whose data
 * outlives the store object.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/storage/memory';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardRecord, BoardStore } from '../../server/storage/store';
import { newId } from '../../shared/model/ids';
import { removeDataDir, tempDataDir } from '../helpers/server';
import { cleanupAfterEach, docFromStored } from './support';

interface Adapter {
  store: BoardStore;
  /** Closes the store and opens a new one on the same data; absent for in-memory adapters. */
  reopen?: () => Promise<BoardStore>;
}

interface AdapterFactory {
  name: string;
  /** Whether data outlives the store object (then `create` must provide `reopen`). */
  persistent: boolean;
  create(defer: (task: () => unknown) => void): Adapter;
}

const ADAPTERS: AdapterFactory[] = [
  {
    name: 'MemoryStore',
    persistent: false,
    create: (defer) => {
      const store = new MemoryStore();
      defer(() => store.close());
      return { store };
    },
  },
  {
    name: 'SqliteStore',
    persistent: true,
    create: (defer) => {
      const dir = tempDataDir();
      const file = join(dir, 'nested', 'clusterboard.sqlite');
      let store = new SqliteStore(file);
      defer(() => removeDataDir(dir));
      defer(() => store.close());
      return {
        store,
        async reopen() {
          await store.close();
          store = new SqliteStore(file);
          return store;
        },
      };
    },
  },
];

const defer = cleanupAfterEach();

function record(overrides: Partial<BoardRecord> = {}): BoardRecord {
  return {
    id: newId(20),
    title: 'Contract board',
    template: null,
    createdAt: 1_700_000_000_000,
    tokens: { facilitator: `f-${newId()}`, participant: `p-${newId()}`, viewer: `v-${newId()}` },
    ...overrides,
  };
}

/** Successive Yjs updates of one doc: each adds one key to the map "m". */
function updates(count: number, label = 'k'): { initial: Uint8Array; steps: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.getMap('m').set('created', true);
  const initial = Y.encodeStateAsUpdate(doc);
  const steps: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => steps.push(update));
  for (let i = 0; i < count; i++) doc.getMap('m').set(`${label}${i}`, i);
  doc.destroy();
  return { initial, steps };
}

function keysOf(state: Parameters<typeof docFromStored>[0]): string[] {
  const doc = docFromStored(state);
  const keys = [...doc.getMap('m').keys()].sort();
  doc.destroy();
  return keys;
}

describe.each(ADAPTERS)('BoardStore contract: $name', (factory) => {
  it('[S2] createBoard then getBoard returns the same record; an unknown id returns null', async () => {
    const { store } = factory.create(defer);
    const board = record({ template: 'excite-d1.4' });
    await store.createBoard(board, updates(0).initial);
    expect(await store.getBoard(board.id)).toEqual(board);
    expect(await store.getBoard('doesnotexist1234')).toBeNull();
  });

  it('[S2] createBoard refuses an id that exists and leaves the first board untouched', async () => {
    const { store } = factory.create(defer);
    const board = record();
    await store.createBoard(board, updates(0).initial);
    await expect(store.createBoard({ ...board, title: 'Impostor' }, updates(0).initial)).rejects.toThrow();
    expect((await store.getBoard(board.id))?.title).toBe('Contract board');
  });

  it('[S2] updateTitle changes only that board', async () => {
    const { store } = factory.create(defer);
    const a = record();
    const b = record();
    await store.createBoard(a, updates(0).initial);
    await store.createBoard(b, updates(0).initial);
    await store.updateTitle(a.id, 'Renamed');
    expect((await store.getBoard(a.id))?.title).toBe('Renamed');
    expect((await store.getBoard(b.id))?.title).toBe('Contract board');
  });

  it('[S2] a new board loads as its initial snapshot with an empty log', async () => {
    const { store } = factory.create(defer);
    const board = record();
    const { initial } = updates(0);
    await store.createBoard(board, initial);
    const state = await store.loadState(board.id);
    expect(state.snapshot).toEqual(initial);
    expect(state.updates).toEqual([]);
    expect(await store.loadState('doesnotexist1234')).toEqual({ snapshot: null, updates: [] });
  });

  it('[S2] appendUpdate returns increasing seqs, and loadState returns the log in seq order, per board', async () => {
    const { store } = factory.create(defer);
    const a = record();
    const b = record();
    const ua = updates(4, 'a');
    const ub = updates(4, 'b');
    await store.createBoard(a, ua.initial);
    await store.createBoard(b, ub.initial);

    // Interleaved appends to two boards.
    const seqsA: number[] = [];
    const seqsB: number[] = [];
    for (let i = 0; i < 4; i++) {
      seqsA.push(await store.appendUpdate(a.id, ua.steps[i] ?? new Uint8Array()));
      seqsB.push(await store.appendUpdate(b.id, ub.steps[i] ?? new Uint8Array()));
    }
    for (const list of [seqsA, seqsB]) {
      expect(list.every((seq, i) => i === 0 || seq > (list[i - 1] ?? Infinity))).toBe(true);
    }

    const state = await store.loadState(a.id);
    expect(state.updates.map((u) => u.seq)).toEqual(seqsA);
    expect(state.updates.map((u) => u.data)).toEqual(ua.steps);
    expect(keysOf(state)).toEqual(['a0', 'a1', 'a2', 'a3', 'created']);
    expect((await store.loadState(b.id)).updates.map((u) => u.seq)).toEqual(seqsB);
  });

  it('[S2] appendUpdate rejects an update for a board that does not exist', async () => {
    const { store } = factory.create(defer);
    await expect(store.appendUpdate('doesnotexist1234', updates(1).steps[0] ?? new Uint8Array())).rejects.toThrow();
  });

  it('[S2] stored bytes are a copy: changing the caller\'s array later does not change them', async () => {
    const { store } = factory.create(defer);
    const board = record();
    const { initial, steps } = updates(1);
    const step = (steps[0] ?? new Uint8Array()).slice();
    const initialCopy = initial.slice();
    await store.createBoard(board, initial);
    await store.appendUpdate(board.id, step);
    initial.fill(0);
    step.fill(0);
    const state = await store.loadState(board.id);
    expect(state.snapshot).toEqual(initialCopy);
    expect(state.updates[0]?.data).toEqual(steps[0]);
  });

  it('[S2] compact(id, snapshot, uptoSeq) replaces the snapshot and keeps only log entries after uptoSeq', async () => {
    const { store } = factory.create(defer);
    const board = record();
    const other = record();
    const { initial, steps } = updates(5);
    await store.createBoard(board, initial);
    await store.createBoard(other, initial);
    const seqs: number[] = [];
    for (const step of steps) seqs.push(await store.appendUpdate(board.id, step));
    const otherSeq = await store.appendUpdate(other.id, steps[0] ?? new Uint8Array());

    // A snapshot of the state up to the third update; the last two stay in the log.
    const upto = docFromStored({ snapshot: initial, updates: steps.slice(0, 3).map((data, i) => ({ seq: i, data })) });
    const snapshot = Y.encodeStateAsUpdate(upto);
    upto.destroy();
    await store.compact(board.id, snapshot, seqs[2] ?? 0);

    const state = await store.loadState(board.id);
    expect(state.snapshot).toEqual(snapshot);
    expect(state.updates.map((u) => u.seq)).toEqual(seqs.slice(3));
    expect(keysOf(state)).toEqual(['created', 'k0', 'k1', 'k2', 'k3', 'k4']);
    // Other boards' logs are untouched.
    expect((await store.loadState(other.id)).updates.map((u) => u.seq)).toEqual([otherSeq]);

    // Appends after a compaction keep counting up, and land after the snapshot.
    const later = updates(6).steps[5] ?? new Uint8Array();
    const laterSeq = await store.appendUpdate(board.id, later);
    expect(laterSeq).toBeGreaterThan(seqs[4] ?? Infinity);
    expect((await store.loadState(board.id)).updates.map((u) => u.seq)).toEqual([...seqs.slice(3), laterSeq]);
  });

  it('[S2] settings: unknown keys read null, set values read back, and setting again overwrites', async () => {
    const { store } = factory.create(defer);
    expect(await store.getSetting('instance.name')).toBeNull();
    await store.setSetting('instance.name', 'first');
    await store.setSetting('other', 'x');
    await store.setSetting('instance.name', 'second');
    expect(await store.getSetting('instance.name')).toBe('second');
    expect(await store.getSetting('other')).toBe('x');
  });

  it("[S2] a board's documents are stored apart: each has its own snapshot, log and compaction", async () => {
    const { store } = factory.create(defer);
    const board = record();
    const main = updates(2, 'main');
    const control = updates(3, 'control');
    await store.createBoard(board, main.initial);
    expect(await store.loadState(board.id, 'control')).toEqual({ snapshot: null, updates: [] });
    const mainSeq = await store.appendUpdate(board.id, main.steps[0] ?? new Uint8Array());
    const controlSeqs: number[] = [];
    for (const step of [control.initial, ...control.steps]) controlSeqs.push(await store.appendUpdate(board.id, step, 'control'));
    expect(keysOf(await store.loadState(board.id))).toEqual(['created', 'main0']);
    expect(keysOf(await store.loadState(board.id, 'control'))).toEqual(['control0', 'control1', 'control2', 'created']);

    await store.compact(board.id, Y.mergeUpdates([control.initial, ...control.steps.slice(0, 2)]), controlSeqs[2] ?? 0, 'control');
    expect((await store.loadState(board.id, 'control')).updates.map((u) => u.seq)).toEqual([controlSeqs[3]]);
    expect(keysOf(await store.loadState(board.id, 'control'))).toEqual(['control0', 'control1', 'control2', 'created']);
    // Compacting one document leaves the others' logs alone.
    expect((await store.loadState(board.id)).updates.map((u) => u.seq)).toEqual([mainSeq]);
    expect(await store.loadState(board.id, 'private/abcdefgh12')).toEqual({ snapshot: null, updates: [] });
  });

  it('[S2] setToken replaces one role\'s token only', async () => {
    const { store } = factory.create(defer);
    const board = record();
    await store.createBoard(board, updates(0).initial);
    await store.setToken(board.id, 'participant', 'new-participant-token');
    expect((await store.getBoard(board.id))?.tokens).toEqual({ ...board.tokens, participant: 'new-participant-token' });
  });

  it('[S2] people: added, read, renamed and listed per board in joining order; a duplicate id is refused', async () => {
    const { store } = factory.create(defer);
    const a = record();
    const b = record();
    await store.createBoard(a, updates(0).initial);
    await store.createBoard(b, updates(0).initial);
    const anna = { id: 'anna12345678', boardId: a.id, secretHash: 'aa', name: 'Anna', cluster: 'gaia', role: 'participant' as const, createdAt: 1 };
    const frida = { ...anna, id: 'frida1234567', name: 'Frida', cluster: null, role: 'facilitator' as const, createdAt: 2 };
    await store.addPerson(frida);
    await store.addPerson(anna);
    await store.addPerson({ ...anna, boardId: b.id });
    await expect(store.addPerson(anna)).rejects.toThrow();
    expect(await store.getPerson(a.id, 'anna12345678')).toEqual(anna);
    expect(await store.getPerson(a.id, 'nobody123456')).toBeNull();
    await store.updatePerson(a.id, 'anna12345678', { name: 'Anna K.', cluster: 'other:Tartu' });
    expect((await store.listPeople(a.id)).map((p) => [p.name, p.cluster])).toEqual([
      ['Anna K.', 'other:Tartu'],
      ['Frida', null],
    ]);
    expect((await store.getPerson(b.id, 'anna12345678'))?.name).toBe('Anna');
  });

  it('[S2] ballots: set, overwritten, removed at 0, per round and board', async () => {
    const { store } = factory.create(defer);
    const board = record();
    await store.createBoard(board, updates(0).initial);
    await store.setBallot(board.id, 'r1', { personId: 'p1', cluster: 'gaia', noteId: 'n1', count: 1 });
    await store.setBallot(board.id, 'r1', { personId: 'p1', cluster: 'gaia', noteId: 'n1', count: 2 });
    await store.setBallot(board.id, 'r1', { personId: 'p2', cluster: null, noteId: 'n1', count: 1 });
    await store.setBallot(board.id, 'r2', { personId: 'p1', cluster: 'gaia', noteId: 'n2', count: 1 });
    const sorted = async (round: string) => (await store.getBallots(board.id, round)).sort((x, y) => x.personId.localeCompare(y.personId));
    expect(await sorted('r1')).toEqual([
      { personId: 'p1', cluster: 'gaia', noteId: 'n1', count: 2 },
      { personId: 'p2', cluster: null, noteId: 'n1', count: 1 },
    ]);
    await store.setBallot(board.id, 'r1', { personId: 'p2', cluster: null, noteId: 'n1', count: 0 });
    expect((await sorted('r1')).map((b) => b.personId)).toEqual(['p1']);
    expect(await sorted('r2')).toHaveLength(1);
  });

  it('[S2] history: entries listed newest first with their state kept byte for byte', async () => {
    const { store } = factory.create(defer);
    const board = record();
    const { initial, steps } = updates(2);
    await store.createBoard(board, initial);
    await store.addHistory(board.id, { id: 'h1', name: 'Before step 1', createdAt: 10, notes: 3 }, initial);
    await store.addHistory(board.id, { id: 'h2', name: 'On demand', createdAt: 20, notes: 4 }, steps[0] ?? new Uint8Array());
    expect(await store.listHistory(board.id)).toEqual([
      { id: 'h2', name: 'On demand', createdAt: 20, notes: 4 },
      { id: 'h1', name: 'Before step 1', createdAt: 10, notes: 3 },
    ]);
    expect(await store.getHistoryState(board.id, 'h1')).toEqual(initial);
    expect(await store.getHistoryState(board.id, 'nope')).toBeNull();
  });
});

describe.each(ADAPTERS.filter((a) => a.persistent))('BoardStore contract, persistent adapters: $name', (factory) => {
  it('[S2] data survives closing and reopening the store', async () => {
    const adapter = factory.create(defer);
    if (!adapter.reopen) throw new Error(`${factory.name} is persistent but cannot reopen`);
    const board = record();
    const { initial, steps } = updates(3);
    await adapter.store.createBoard(board, initial);
    const seqs: number[] = [];
    for (const step of steps) seqs.push(await adapter.store.appendUpdate(board.id, step));
    await adapter.store.compact(board.id, Y.mergeUpdates([initial, steps[0] ?? new Uint8Array()]), seqs[0] ?? 0);
    await adapter.store.updateTitle(board.id, 'Kept');
    await adapter.store.setSetting('key', 'value');

    const reopened = await adapter.reopen();
    expect(await reopened.getBoard(board.id)).toEqual({ ...board, title: 'Kept' });
    const state = await reopened.loadState(board.id);
    expect(state.updates.map((u) => u.seq)).toEqual(seqs.slice(1));
    expect(keysOf(state)).toEqual(['created', 'k0', 'k1', 'k2']);
    expect(await reopened.getSetting('key')).toBe('value');
    const next = await reopened.appendUpdate(board.id, updates(4).steps[3] ?? new Uint8Array());
    expect(next).toBeGreaterThan(seqs[2] ?? Infinity);
  });
});
