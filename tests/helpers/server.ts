/** Starts the real server on port 0 for integration tests, with real y-websocket providers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBoard } from '../../server/access/boards';
import { type RunningServer, type ServerOptions, startServer } from '../../server/app';
import { createLogger } from '../../server/log';
import { SqliteStore } from '../../server/storage/sqlite';
import type { BoardRecord, BoardStore } from '../../server/storage/store';
import type { StandaloneTemplateId } from '../../shared/templates/index';
import { stockProvider } from './provider';

export interface TestServer {
  server: RunningServer;
  store: BoardStore;
  dataDir: string;
  /** Same data dir, new store and server (a restart). */
  restart(): Promise<TestServer>;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'clusterboard-test-'));
}

export async function startTestServer(options: { dataDir?: string; overrides?: Partial<ServerOptions> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir();
  const store = new SqliteStore(join(dataDir, 'clusterboard.sqlite'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store,
    log: createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent'),
    clientDir: join(dataDir, 'no-client'),
    // Tests create boards by the hundred from one address; the quota tests (Q4, Q5) set their own.
    quotas: { createPolicy: 'open' },
    ...options.overrides,
  });
  const self: TestServer = {
    server,
    store,
    dataDir,
    async restart() {
      await server.close();
      return startTestServer({ ...options, dataDir });
    },
    close: () => server.close(),
  };
  return self;
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function createTestBoard(store: BoardStore, template: StandaloneTemplateId = 'blank', title = 'Test board'): Promise<BoardRecord> {
  return createBoard(store, { title, template });
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

/** Who opens a socket: a role's token, with the seat of a person who joined (G4: participants write notes only with one). */
export type SocketCaller = string | { token: string; seat: string };

/** A stock y-websocket provider in Node: `ws` as the WebSocket, no BroadcastChannel shortcut. */
export function connectClient(server: RunningServer, boardId: string, caller: SocketCaller, doc = new Y.Doc()): TestClient {
  const params = typeof caller === 'string' ? { token: caller } : { token: caller.token, seat: caller.seat };
  return stockProvider(`ws://127.0.0.1:${server.port}/ws`, boardId, { params, doc });
}

/** Resolves when `check()` is true, polling; rejects with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function waitForSync(client: TestClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => client.provider.synced, 'provider synced', timeoutMs);
}
