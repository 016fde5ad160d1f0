/**
 * Our server as the benchmark runs it: `startServer` in its own process on a temporary SQLite
 * data directory (BENCH_DATA_DIR, kept across a restart), silent, with the per-address socket
 * limit raised (every benchmark client comes from 127.0.0.1). Driven over IPC (bench/ipc.ts).
 */
import { join } from 'node:path';
import { createBoard } from '../server/access/boards';
import { startServer } from '../server/app';
import { createLogger } from '../server/log';
import { SqliteStore } from '../server/storage/sqlite';
import { serve } from './ipc';
import { loopDelayProbe } from './probe';

const dataDir = process.env.BENCH_DATA_DIR ?? '';
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set.');
const store = new SqliteStore(join(dataDir, 'clusterboard.sqlite'));
const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  store,
  log: createLogger('silent'),
  clientDir: join(dataDir, 'no-client'),
  limits: { connectionsPerAddress: 10_000 },
});
const loopDelay = loopDelayProbe();

serve({
  port: () => server.port,
  loopDelay,
  /** Boards with their writer (facilitator) and reader (participant) tokens. */
  createBoards: async ({ count }: { count: number }) => {
    const boards: { id: string; writer: string; reader: string }[] = [];
    for (let i = 0; i < count; i++) {
      const board = await createBoard(store, { title: `Bench ${i}`, template: 'blank' });
      boards.push({ id: board.id, writer: board.tokens.facilitator, reader: board.tokens.participant });
    }
    return boards;
  },
  /** Appends a Yjs update (base64) to a board's stored log, as if a client had written it. */
  seed: async ({ room, update }: { room: string; update: string }) => {
    await store.appendUpdate(room, Buffer.from(update, 'base64'));
  },
});

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.send?.({ id: 0, result: 'ready' });
