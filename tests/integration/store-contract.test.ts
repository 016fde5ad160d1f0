/**
 * The BoardStore contract (SPEC S2, server/storage/store.ts), run against every adapter.
 * To add one, add a factory to ADAPTERS; `reopen` is for adapters whose data outlives the store
 * object, `sibling` for shared ones (several server instances on one database).
 *
 * PostgreSQL runs at TEST_DATABASE_URL (tests/helpers/postgres.ts): always in CI, skipped with a
 * warning elsewhere when it does not answer.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../../server/storage/memory';
import { PostgresStore } from '../../server/storage/postgres';
import { SqliteStore } from '../../server/storage/sqlite';
import { type BoardRecord, type BoardStore, StorageUnavailableError } from '../../server/storage/store';
import { newId } from '../../shared/model/ids';
import { postgresAvailable, postgresProxy, rawClient, TEST_DATABASE_URL, testSchema } from '../helpers/postgres';
import { removeDataDir, tempDataDir } from '../helpers/server';
import { cleanupAfterEach, docFromStored } from './support';

interface Adapter {
  store: BoardStore;
  /** Closes the store and opens a new one on the same data; absent for in-memory adapters. */
  reopen?: () => Promise<BoardStore>;
  /** Opens another store on the same data, as a second server instance would; shared adapters only. */
  sibling?: () => Promise<BoardStore>;
}

interface AdapterFactory {
  name: string;
  /** Whether data outlives the store object (then `create` must provide `reopen`). */
  persistent: boolean;
  /** Whether several instances may use the data at once (then `create` must provide `sibling`). */
  shared: boolean;
  create(defer: (task: () => unknown) => void): Promise<Adapter>;
}

const ADAPTERS: AdapterFactory[] = [
  {
    name: 'MemoryStore',
    persistent: false,
    shared: false,
    create: async (defer) => {
      const store = new MemoryStore();
      defer(() => store.close());
      return { store };
    },
  },
  {
    name: 'SqliteStore',
    persistent: true,
    shared: false,
    create: async (defer) => {
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
  ...(postgresAvailable ? [postgresAdapter()] : []),
];

/** PostgreSQL in a schema of its own, dropped after the test. */
function postgresAdapter(): AdapterFactory {
  return {
    name: 'PostgresStore',
    persistent: true,
    shared: true,
    create: async (defer) => {
      const schema = testSchema(defer);
      const open = async () => {
        const opened = await PostgresStore.open(TEST_DATABASE_URL, { schema, poolSize: 4 });
        defer(() => opened.close());
        return opened;
      };
      let store = await open();
      return {
        store,
        async reopen() {
          await store.close();
          store = await open();
          return store;
        },
        sibling: open,
      };
    },
  };
}

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
  it('[S2] shared tells whether several server instances may use the store at once', async () => {
    const { store } = await factory.create(defer);
    expect(store.shared).toBe(factory.shared);
  });

  it('[S2] createBoard then getBoard returns the same record; an unknown id returns null', async () => {
    const { store } = await factory.create(defer);
    const board = record({ template: 'excite-d1.4' });
    await store.createBoard(board, updates(0).initial);
    expect(await store.getBoard(board.id)).toEqual(board);
    expect(await store.getBoard('doesnotexist1234')).toBeNull();
  });

  it('[S2] createBoard refuses an id that exists and leaves the first board untouched', async () => {
    const { store } = await factory.create(defer);
    const board = record();
    await store.createBoard(board, updates(0).initial);
    await expect(store.createBoard({ ...board, title: 'Impostor' }, updates(0).initial)).rejects.toThrow();
    expect((await store.getBoard(board.id))?.title).toBe('Contract board');
  });

  it('[S2] updateTitle changes only that board', async () => {
    const { store } = await factory.create(defer);
    const a = record();
    const b = record();
    await store.createBoard(a, updates(0).initial);
    await store.createBoard(b, updates(0).initial);
    await store.updateTitle(a.id, 'Renamed');
    expect((await store.getBoard(a.id))?.title).toBe('Renamed');
    expect((await store.getBoard(b.id))?.title).toBe('Contract board');
  });

  it('[S2] a new board loads as its initial snapshot with an empty log', async () => {
    const { store } = await factory.create(defer);
    const board = record();
    const { initial } = updates(0);
    await store.createBoard(board, initial);
    const state = await store.loadState(board.id);
    expect(state.snapshot).toEqual(initial);
    expect(state.updates).toEqual([]);
    expect(await store.loadState('doesnotexist1234')).toEqual({ snapshot: null, updates: [] });
  });

  it('[S2] appendUpdate returns increasing seqs, and loadState returns the log in seq order, per board', async () => {
    const { store } = await factory.create(defer);
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
    const { store } = await factory.create(defer);
    await expect(store.appendUpdate('doesnotexist1234', updates(1).steps[0] ?? new Uint8Array())).rejects.toThrow();
  });

  it("[S2] stored bytes are a copy: changing the caller's array later does not change them", async () => {
    const { store } = await factory.create(defer);
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
    const { store } = await factory.create(defer);
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
    const { store } = await factory.create(defer);
    expect(await store.getSetting('instance.name')).toBeNull();
    await store.setSetting('instance.name', 'first');
    await store.setSetting('other', 'x');
    await store.setSetting('instance.name', 'second');
    expect(await store.getSetting('instance.name')).toBe('second');
    expect(await store.getSetting('other')).toBe('x');
  });

  it('[S2] claiming a setting stores it only when the key holds nothing, and answers what it holds', async () => {
    const { store } = await factory.create(defer);
    expect(await store.claimSetting('demoBoardId', 'first')).toBe('first');
    expect(await store.claimSetting('demoBoardId', 'second')).toBe('first');
    expect(await store.getSetting('demoBoardId')).toBe('first');
    const racers = await Promise.all(['a', 'b', 'c', 'd'].map((value) => store.claimSetting('race', value)));
    expect(new Set(racers).size).toBe(1);
  });

  it("[S2] a board's documents are stored apart: each has its own snapshot, log and compaction", async () => {
    const { store } = await factory.create(defer);
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

  it("[S2] setToken replaces one role's token only", async () => {
    const { store } = await factory.create(defer);
    const board = record();
    await store.createBoard(board, updates(0).initial);
    await store.setToken(board.id, 'participant', 'new-participant-token');
    expect((await store.getBoard(board.id))?.tokens).toEqual({ ...board.tokens, participant: 'new-participant-token' });
  });

  it('[S2] people: added, read, renamed and listed per board in joining order; a duplicate id is refused', async () => {
    const { store } = await factory.create(defer);
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

  it('[S2][SE4] removePerson deletes one person of one board; the same id elsewhere and their ballots stay', async () => {
    const { store } = await factory.create(defer);
    const a = record();
    const b = record();
    await store.createBoard(a, updates(0).initial);
    await store.createBoard(b, updates(0).initial);
    const anna = { id: 'anna12345678', boardId: a.id, secretHash: 'aa', name: 'Anna', cluster: 'gaia', role: 'participant' as const, createdAt: 1 };
    await store.addPerson(anna);
    await store.addPerson({ ...anna, boardId: b.id });
    await store.setBallot(a.id, 'r1', { personId: anna.id, cluster: 'gaia', noteId: 'n1', count: 1 });
    await store.removePerson(a.id, anna.id);
    await store.removePerson(a.id, 'nobody123456');
    expect(await store.getPerson(a.id, anna.id)).toBeNull();
    expect(await store.listPeople(a.id)).toEqual([]);
    expect((await store.getPerson(b.id, anna.id))?.name).toBe('Anna');
    expect(await store.getBallots(a.id, 'r1')).toHaveLength(1);
  });

  it('[S2] ballots: set, overwritten, removed at 0, per round and board', async () => {
    const { store } = await factory.create(defer);
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

  it('[S2, RD13] history: entries listed newest first with their author and their state kept byte for byte', async () => {
    const { store } = await factory.create(defer);
    const board = record();
    const { initial, steps } = updates(2);
    await store.createBoard(board, initial);
    await store.addHistory(board.id, { id: 'h1', name: 'Before step 1', createdAt: 10, notes: 3, author: 'Ana' }, initial);
    await store.addHistory(board.id, { id: 'h2', name: 'On demand', createdAt: 20, notes: 4, author: '' }, steps[0] ?? new Uint8Array());
    expect(await store.listHistory(board.id)).toEqual([
      { id: 'h2', name: 'On demand', createdAt: 20, notes: 4, author: '' },
      { id: 'h1', name: 'Before step 1', createdAt: 10, notes: 3, author: 'Ana' },
    ]);
    expect(await store.getHistoryState(board.id, 'h1')).toEqual(initial);
    expect(await store.getHistoryState(board.id, 'nope')).toBeNull();
  });
});

describe.each(ADAPTERS.filter((a) => a.persistent))('BoardStore contract, persistent adapters: $name', (factory) => {
  it('[S2] data survives closing and reopening the store', async () => {
    const adapter = await factory.create(defer);
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

/** One more update of `doc` (which it applies), as a client of one instance would send it. */
function edit(doc: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getMap('m').set(key, true);
  return Y.encodeStateAsUpdate(doc, before);
}

describe.each(ADAPTERS.filter((a) => a.shared))('BoardStore contract, shared adapters: $name', (factory) => {
  it('[S3] compacting with a snapshot that lacks an update another instance appended keeps that update', async () => {
    const { store } = await factory.create(defer);
    const board = record();
    const { initial } = updates(0);
    await store.createBoard(board, initial);
    const here = docFromStored({ snapshot: initial, updates: [] });
    const elsewhere = docFromStored({ snapshot: initial, updates: [] });
    await store.appendUpdate(board.id, edit(here, 'mine'));
    // U: from another instance; this one never saw it, so its snapshot S lacks it.
    const seqOfU = await store.appendUpdate(board.id, edit(elsewhere, 'theirs'));
    await store.compact(board.id, Y.encodeStateAsUpdate(here), seqOfU);

    const state = await store.loadState(board.id);
    expect(state.updates).toEqual([]);
    expect(keysOf(state)).toEqual(['created', 'mine', 'theirs']);
    here.destroy();
    elsewhere.destroy();
  });

  it('[S3] two instances appending and compacting one document at once lose nothing', async () => {
    const { store, sibling } = await factory.create(defer);
    if (!sibling) throw new Error(`${factory.name} is shared but cannot open a sibling`);
    const instances = [store, await sibling()];
    const board = record();
    const { initial } = updates(0);
    await store.createBoard(board, initial);

    // Two writers per instance, each with its own copy of the document (no bus between them),
    // each compacting with its own snapshot up to the latest seq it was given: that seq covers
    // other writers' updates its snapshot lacks.
    const perWriter = 40;
    let compactions = 0;
    const writer = async (instance: BoardStore, name: string) => {
      const doc = docFromStored({ snapshot: initial, updates: [] });
      for (let i = 0; i < perWriter; i++) {
        const seq = await instance.appendUpdate(board.id, edit(doc, `${name}-${i}`));
        if (i % 4 === 3) {
          await instance.compact(board.id, Y.encodeStateAsUpdate(doc), seq);
          compactions++;
        }
      }
      doc.destroy();
    };
    const names = ['a', 'b', 'c', 'd'];
    await Promise.all(names.map((name, i) => writer(instances[i % 2] ?? store, name)));

    const expected = ['created', ...names.flatMap((name) => Array.from({ length: perWriter }, (_, i) => `${name}-${i}`))].sort();
    for (const instance of instances) expect(keysOf(await instance.loadState(board.id))).toEqual(expected);
    // The test did what it says: compactions ran and emptied most of the log.
    expect(compactions).toBe(names.length * (perWriter / 4));
    expect((await store.loadState(board.id)).updates.length).toBeLessThan(names.length * 4);
  });
});

describe.skipIf(!postgresAvailable)('PostgresStore', () => {
  type Options = NonNullable<Parameters<typeof PostgresStore.open>[1]>;
  const open = async (url: string, options: Options = {}) => {
    const schema = options.schema ?? testSchema(defer);
    const store = await PostgresStore.open(url, { ...options, schema });
    defer(() => store.close());
    return { store, schema };
  };
  const elapsed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const outcome = await work().then(
      () => null,
      (error: unknown) => error,
    );
    return { outcome, ms: performance.now() - started };
  };

  it('[S3] an update whose seq was taken before a compaction but committed after it is still loaded', async () => {
    const { store, schema } = await open(TEST_DATABASE_URL);
    const board = record();
    const { initial } = updates(0);
    await store.createBoard(board, initial);
    const late = docFromStored({ snapshot: initial, updates: [] });
    const here = docFromStored({ snapshot: initial, updates: [] });

    // Another instance's append, held inside its transaction: its seq is taken but not yet visible.
    const other = await rawClient(defer, schema);
    await other.query('BEGIN');
    const insert = 'INSERT INTO doc_updates (board_id, doc, data, created_at) VALUES ($1, $2, $3, $4) RETURNING seq';
    const lateSeq = Number((await other.query<{ seq: string }>(insert, [board.id, '', Buffer.from(edit(late, 'late')), 1])).rows[0]?.seq);
    const seq = await store.appendUpdate(board.id, edit(here, 'mine'));
    expect(seq).toBeGreaterThan(lateSeq);
    await store.compact(board.id, Y.encodeStateAsUpdate(here), seq);
    await other.query('COMMIT');

    expect(keysOf(await store.loadState(board.id))).toEqual(['created', 'late', 'mine']);
    late.destroy();
    here.destroy();
  });

  it('[S2] appends made together share one INSERT; each caller gets its own seq, in call order', async () => {
    const { store } = await open(TEST_DATABASE_URL);
    const boards = [record(), record(), record()];
    const { initial, steps } = updates(30);
    for (const board of boards) await store.createBoard(board, initial);
    const calls = steps.map((step, i) => ({ board: boards[i % 3]?.id ?? '', step }));
    const seqs = await Promise.all(calls.map((call) => store.appendUpdate(call.board, call.step)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    for (const [b, board] of boards.entries()) {
      const stored = (await store.loadState(board.id)).updates;
      expect(stored.map((u) => u.data)).toEqual(steps.filter((_, i) => i % 3 === b));
    }
  });

  it('[S2] in a batch, an update for an unknown board fails alone', async () => {
    const { store } = await open(TEST_DATABASE_URL);
    const board = record();
    const { initial, steps } = updates(2);
    await store.createBoard(board, initial);
    const [first, unknown, second] = await Promise.allSettled([
      store.appendUpdate(board.id, steps[0] ?? new Uint8Array()),
      store.appendUpdate('doesnotexist1234', steps[0] ?? new Uint8Array()),
      store.appendUpdate(board.id, steps[1] ?? new Uint8Array()),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('fulfilled');
    expect(unknown.status).toBe('rejected');
    const reason: unknown = unknown.status === 'rejected' ? unknown.reason : null;
    expect(reason).toBeInstanceOf(Error);
    expect(reason).not.toBeInstanceOf(StorageUnavailableError);
    expect((await store.loadState(board.id)).updates.map((u) => u.data)).toEqual(steps);
  });

  it("[D6, RD13] a version-1 database gains history authors on open: its entries list with author ''", async () => {
    const { store, schema } = await open(TEST_DATABASE_URL);
    const board = record();
    const { initial } = updates(1);
    await store.createBoard(board, initial);
    await store.addHistory(board.id, { id: 'h1', name: 'Old snapshot', createdAt: 10, notes: 1, author: 'gone' }, initial);
    await store.close();
    // Back to version 1's shape: history without its author column.
    const raw = await rawClient(defer, schema);
    await raw.query('ALTER TABLE history DROP COLUMN author');
    await raw.query("UPDATE schema_meta SET value = '1' WHERE key = 'schema_version'");
    const reopened = await PostgresStore.open(TEST_DATABASE_URL, { schema });
    defer(() => reopened.close());
    expect(await reopened.listHistory(board.id)).toEqual([{ id: 'h1', name: 'Old snapshot', createdAt: 10, notes: 1, author: '' }]);
    await reopened.addHistory(board.id, { id: 'h2', name: 'New snapshot', createdAt: 20, notes: 1, author: 'Ana' }, initial);
    expect((await reopened.listHistory(board.id)).map((e) => e.author)).toEqual(['Ana', '']);
    const version = await raw.query<{ value: string }>("SELECT value FROM schema_meta WHERE key = 'schema_version'");
    expect(version.rows[0]?.value).toBe('2');
  });

  it('[S2] a database written by a newer Clusterboard is refused with a message', async () => {
    const { store, schema } = await open(TEST_DATABASE_URL);
    await store.close();
    const raw = await rawClient(defer, schema);
    await raw.query("UPDATE schema_meta SET value = '99' WHERE key = 'schema_version'");
    await expect(PostgresStore.open(TEST_DATABASE_URL, { schema })).rejects.toThrow(/newer Clusterboard \(storage version 99\)/);
  });

  it('a schema name that is not a plain identifier is refused before connecting', async () => {
    await expect(PostgresStore.open(TEST_DATABASE_URL, { schema: 'x"; DROP TABLE boards; --' })).rejects.toThrow(/schema name/);
  });

  it('opening at a port where nothing listens fails within seconds, as unavailable', async () => {
    const { outcome, ms } = await elapsed(() => PostgresStore.open('postgres://postgres@127.0.0.1:1/test', { schema: 'cb_unused' }));
    expect(outcome).toBeInstanceOf(StorageUnavailableError);
    expect(String(outcome)).toMatch(/ECONNREFUSED/);
    expect(ms).toBeLessThan(3_000);
  });

  it('while the database is down every call rejects within seconds, nothing crashes, and it recovers on its own', async () => {
    const proxy = await postgresProxy(defer);
    const onError = vi.fn();
    const { store } = await open(proxy.url, { onError });
    const board = record();
    const { initial, steps } = updates(3);
    await store.createBoard(board, initial);
    await store.appendUpdate(board.id, steps[0] ?? new Uint8Array());

    await proxy.cut();
    // The pool's idle connection died: reported, not thrown.
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    for (const call of [
      () => store.ping(),
      () => store.appendUpdate(board.id, steps[1] ?? new Uint8Array()),
      () => store.loadState(board.id),
      () => store.compact(board.id, initial, 0),
    ]) {
      const { outcome, ms } = await elapsed(call);
      expect(outcome).toBeInstanceOf(StorageUnavailableError);
      expect(ms).toBeLessThan(3_000);
    }

    await proxy.restore();
    await store.ping();
    await store.appendUpdate(board.id, steps[2] ?? new Uint8Array());
    expect((await store.loadState(board.id)).updates.map((u) => u.data)).toEqual([steps[0], steps[2]]);
  });

  it('while the database stops answering, calls reject after the query timeout and recover afterwards', async () => {
    const proxy = await postgresProxy(defer);
    const { store } = await open(proxy.url, { queryTimeoutMs: 1_000 });
    const board = record();
    const { initial, steps } = updates(1);
    await store.createBoard(board, initial);

    proxy.freeze();
    // The first rides a pooled connection (query timeout), the second a new one (connect timeout).
    const [onOpen, onNew] = await Promise.all([elapsed(() => store.ping()), elapsed(() => store.getBoard(board.id))]);
    for (const { outcome, ms } of [onOpen, onNew]) {
      expect(outcome).toBeInstanceOf(StorageUnavailableError);
      expect(ms).toBeLessThan(4_000);
    }

    await proxy.restore();
    await store.appendUpdate(board.id, steps[0] ?? new Uint8Array());
    expect((await store.getBoard(board.id))?.id).toBe(board.id);
  });
});
