/**
 * Storage: a board of 5,000 notes built through 100,000 updates, written the way a room writes
 * them (each update appended, the log folded into a snapshot every 500), in this process against
 * the store itself. Then: how long a cold load takes (a fresh store reads the board and applies
 * it to a new doc, as Room.load does), and the bytes on disk against the compacted state.
 * PostgreSQL runs too when server/storage/postgres.ts exists and BENCH_POSTGRES_URL (or
 * DATABASE_URL) reaches a server.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import * as Y from 'yjs';
import { createBoard } from '../../server/access/boards';
import { SqliteStore } from '../../server/storage/sqlite';
import { applyStoredState, type BoardStore } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import { addNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { percentileOf } from '../stats';
import type { Row, ScenarioResult } from '../table';
import { MiB, round, type Scenario, type ScenarioContext } from './context';

const COLUMNS = [
  'notes',
  'updates',
  'µs / update (append)',
  'append p99 µs',
  'append max ms',
  'µs / update (with compaction)',
  'cold load ms',
  'on disk MiB',
  'on disk, most MiB',
  'compacted state MiB',
  'disk / state',
  'most / state',
];
const COMPACT_EVERY = 500;

interface StoreUnderTest {
  name: string;
  open(): Promise<BoardStore>;
  /** Bytes the store holds on disk (null where it cannot be read). */
  bytesOnDisk(store: BoardStore): Promise<number | null>;
  cleanup(): Promise<void>;
}

function sqlite(): StoreUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'clusterboard-bench-storage-'));
  const file = join(dir, 'clusterboard.sqlite');
  return {
    name: 'SQLite',
    open: async () => new SqliteStore(file),
    bytesOnDisk: async () => readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface PostgresModule {
  PostgresStore: { open(url: string, options: { schema: string }): Promise<BoardStore> };
}

async function postgres(): Promise<StoreUnderTest | string> {
  const path = new URL('../../server/storage/postgres.ts', import.meta.url);
  if (!existsSync(path)) return 'PostgreSQL: skipped, server/storage/postgres.ts does not exist yet';
  const url = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? `postgresql://${userInfo().username}@127.0.0.1:5432/postgres`;
  const { PostgresStore } = (await import(path.href)) as PostgresModule;
  const schema = `bench_${Date.now()}`;
  try {
    await (await PostgresStore.open(url, { schema })).close();
  } catch (error) {
    return `PostgreSQL: skipped, ${url.replace(/\/\/[^@]*@/, '//')} unreachable (${error instanceof Error ? error.message : String(error)})`;
  }
  return {
    name: 'PostgreSQL',
    open: () => PostgresStore.open(url, { schema }),
    bytesOnDisk: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ bytes: string }>(
          'SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = $2',
          [schema, 'r'],
        );
        return Number(rows[0]?.bytes ?? 0);
      } finally {
        await client.end();
      }
    },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
    },
  };
}

/** Note edits as people make them: typing, a few characters at a time, into notes spread over the board. */
function* boardUpdates(doc: Y.Doc, notes: number, updates: number): Generator<void> {
  const origin = localOrigin('bench');
  const author = { id: 'bench', name: 'Bench', cluster: null };
  const ids: string[] = [];
  for (let i = 0; i < updates; i++) {
    if (i % Math.floor(updates / notes) === 0 && ids.length < notes) {
      const dimension = DIMENSION_IDS[i % DIMENSION_IDS.length] as (typeof DIMENSION_IDS)[number];
      const kind = KIND_IDS[i % KIND_IDS.length] as (typeof KIND_IDS)[number];
      ids.push(addNote(doc, { text: `Note ${ids.length}`, dimension, kind, author }, origin));
    } else {
      const id = ids[(i * 7919) % ids.length] as string;
      const text = String((notesMap(doc).get(id) as Y.Map<unknown>).get('text'));
      editNoteText(doc, id, text.length > 120 ? text.slice(0, 20) : `${text} w${i % 10}`, origin);
    }
    yield;
  }
}

async function measure(target: StoreUnderTest, notes: number, updates: number, log: (line: string) => void): Promise<Row> {
  const store = await target.open();
  const board = await createBoard(store, { title: 'Storage bench', template: 'blank' });
  const doc = new Y.Doc();
  const { snapshot } = await store.loadState(board.id);
  if (snapshot) Y.applyUpdate(doc, snapshot);
  const pending: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => pending.push(update));
  const appendTimes: number[] = [];
  let total = 0;
  let logLength = 0;
  let mostOnDisk = 0;
  const edits = boardUpdates(doc, notes, updates);
  while (!edits.next().done) {
    for (const update of pending.splice(0)) {
      const started = performance.now();
      const lastSeq = await store.appendUpdate(board.id, update);
      const appended = performance.now();
      appendTimes.push(appended - started);
      // The fullest moment: the most log entries, just before they are folded.
      if (logLength === COMPACT_EVERY - 1) mostOnDisk = Math.max(mostOnDisk, (await target.bytesOnDisk(store)) ?? 0);
      if (++logLength >= COMPACT_EVERY) {
        await store.compact(board.id, Y.encodeStateAsUpdate(doc), lastSeq);
        logLength = 0;
      }
      total += performance.now() - started;
      if (appendTimes.length % 20_000 === 0) log(`storage ${target.name}: ${appendTimes.length} updates, ${(total / 1000).toFixed(1)} s writing`);
    }
  }
  const state = Y.encodeStateAsUpdate(doc).byteLength;
  const noteCount = notesMap(doc).size;
  doc.destroy();
  // While the store is open, as a running server holds it (the WAL included).
  const disk = await target.bytesOnDisk(store);
  await store.close();
  // Cold: a fresh store, as after a restart; the figure is what Room.load does before answering.
  const fresh = await target.open();
  const started = performance.now();
  const loaded = new Y.Doc();
  applyStoredState(loaded, await fresh.loadState(board.id));
  const coldMs = performance.now() - started;
  loaded.destroy();
  await fresh.close();
  const appendMean = appendTimes.reduce((a, b) => a + b, 0) / appendTimes.length;
  return {
    server: target.name,
    values: [
      noteCount,
      appendTimes.length,
      round(appendMean * 1000, 1),
      round(percentileOf(appendTimes, 99) * 1000, 1),
      round(Math.max(...appendTimes), 1),
      round((total / appendTimes.length) * 1000, 1),
      round(coldMs, 1),
      disk === null ? null : round(disk / MiB, 2),
      disk === null ? null : round(Math.max(mostOnDisk, disk) / MiB, 2),
      round(state / MiB, 2),
      disk === null ? null : round(disk / state, 2),
      disk === null ? null : round(Math.max(mostOnDisk, disk) / state, 2),
    ],
  };
}

/** The full board for SQLite; a fifth of it where PostgreSQL runs too (its round trips make 100,000 appends take minutes). */
function sizes(smoke: boolean): { notes: number; updates: number; stores: ('SQLite' | 'PostgreSQL')[] }[] {
  if (smoke) return [{ notes: 100, updates: 2000, stores: ['SQLite', 'PostgreSQL'] }];
  return [
    { notes: 5000, updates: 100_000, stores: ['SQLite'] },
    { notes: 1000, updates: 20_000, stores: ['SQLite', 'PostgreSQL'] },
  ];
}

export const storage: Scenario = {
  name: 'storage',
  summary: 'a board of 5,000 notes built through 100,000 updates: cold load, bytes on disk, cost per update',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const rows: Row[] = [];
    const notesOut: string[] = [
      'runs in the benchmark process against the store itself (no reference: the reference server keeps documents in memory)',
    ];
    for (const size of sizes(context.smoke)) {
      for (const name of size.stores) {
        const target = name === 'SQLite' ? sqlite() : await postgres();
        if (typeof target === 'string') {
          if (!notesOut.includes(target)) notesOut.push(target);
          continue;
        }
        context.log(`storage ${target.name}: ${size.notes} notes through ${size.updates} updates`);
        try {
          const row = await measure(target, size.notes, size.updates, context.log);
          rows.push({ ...row, server: `${target.name}, ${size.notes.toLocaleString('en-GB')} notes` });
        } finally {
          await target.cleanup();
        }
      }
    }
    const full = rows[0];
    const cold = full?.values[COLUMNS.indexOf('cold load ms')];
    const ratio = full?.values[COLUMNS.indexOf('disk / state')];
    const most = full?.values[COLUMNS.indexOf('most / state')];
    const biggest = sizes(context.smoke)[0];
    return {
      scenario: 'storage',
      title: `Storage: boards built note by note and edit by edit (${biggest?.notes} notes through ${biggest?.updates} updates), compacted every ${COMPACT_EVERY} updates as a room does`,
      columns: COLUMNS,
      rows,
      goals: [
        { text: 'SQLite cold load ≤ 100 ms (largest board)', met: typeof cold === 'number' ? cold <= 100 : null },
        { text: 'SQLite bytes on disk ≤ 2 × the compacted state (largest board, once built)', met: typeof ratio === 'number' ? ratio <= 2 : null },
        { text: '... and at its fullest (just before each compaction)', met: typeof most === 'number' ? most <= 2 : null },
      ],
      notes: notesOut,
      converged: null,
    };
  },
};
