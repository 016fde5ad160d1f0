/**
 * Building blocks shared by the integration tests: a cleanup stack run after each test (providers,
 * docs and servers left open keep the process alive on awareness timers), raw-socket helpers for
 * crafting protocol frames, and a store wrapper that lets a test hold storage writes.
 */
import * as encoding from 'lib0/encoding';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { registerPerson } from '../../server/access/people';
import { type RunningServer, type ServerOptions, startServer } from '../../server/app';
import { createLogger } from '../../server/log';
import { DelegatingStore } from '../../server/storage/delegating';
import type { BoardRecord, BoardStore, StoredState } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import type { AddNoteInput, AuthorInput } from '../../shared/model/schema';
import { MessageType } from '../../shared/protocol';
import { EXCITE_D14 } from '../../shared/templates/excite-d14';
import type { StandaloneTemplateId } from '../../shared/templates/index';
import { stockProvider } from '../helpers/provider';
import {
  connectClient,
  createTestBoard,
  removeDataDir,
  type SocketCaller,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from '../helpers/server';

export type Defer = (task: () => unknown) => void;

/** Registers an afterEach that runs deferred tasks last-in first-out, even when one fails. */
export function cleanupAfterEach(): Defer {
  const tasks: (() => unknown)[] = [];
  afterEach(async () => {
    const errors: unknown[] = [];
    for (let task = tasks.pop(); task; task = tasks.pop()) {
      try {
        await task();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  return (task) => void tasks.push(task);
}

/** A test server that may be restarted; `current` is always the live one, and is closed at the end. */
export interface ServerHandle {
  current: TestServer;
  restart(): Promise<TestServer>;
}

export async function serverFor(defer: Defer, overrides: Parameters<typeof startTestServer>[0] = {}): Promise<ServerHandle> {
  const handle: ServerHandle = {
    current: await startTestServer(overrides),
    async restart() {
      handle.current = await handle.current.restart();
      return handle.current;
    },
  };
  const dataDir = handle.current.dataDir;
  defer(() => removeDataDir(dataDir));
  defer(() => handle.current.close());
  return handle;
}

export async function boardOn(ts: TestServer, template: StandaloneTemplateId = 'blank'): Promise<BoardRecord> {
  return createTestBoard(ts.store, template);
}

/** A stock provider (helpers/server.ts) destroyed after the test. */
export function clientOf(defer: Defer, server: RunningServer, boardId: string, caller: SocketCaller, doc = new Y.Doc()): TestClient {
  const client = connectClient(server, boardId, caller, doc);
  defer(() => client.destroy());
  return client;
}

/**
 * A stock provider whose WebSocket constructor is counted, to prove it does not reconnect.
 * `attempts` counts sockets the provider opened.
 */
export function countingClient(
  defer: Defer,
  server: RunningServer,
  boardId: string,
  params: Record<string, string>,
): TestClient & { attempts(): number } {
  let attempts = 0;
  class CountingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      attempts++;
    }
  }
  const client = {
    ...stockProvider(`ws://127.0.0.1:${server.port}/ws`, boardId, { params, WebSocketClass: CountingWebSocket }),
    attempts: () => attempts,
  };
  defer(() => client.destroy());
  return client;
}

export function closedEvent(client: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => client.provider.once('closed', (event) => resolve(event)));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitForAsync(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for: ${what}`);
    await sleep(10);
  }
}

/** A participant who joined a board: their socket opens with the seat, and `author` is who their notes are by. */
export interface Seated {
  token: string;
  seat: string;
  author: AuthorInput;
}

/**
 * [G4] Joins a participant to the board, as `POST /people` does (straight in storage, which is
 * where sockets look seats up), so their socket may write notes: a participant socket without a
 * seat writes none.
 */
export async function seatedParticipant(store: BoardStore, board: BoardRecord, name = 'Ada', cluster: string | null = null): Promise<Seated> {
  const { person, seat } = await registerPerson(store, board.id, { name, cluster, role: 'participant' });
  return { token: board.tokens.participant, seat: seat.seat, author: { id: person.id, name, cluster } };
}

/** A note input with sensible defaults; `text` is what tests look for. */
export function note(text: string, extra: Partial<AddNoteInput> = {}): AddNoteInput {
  return {
    text,
    dimension: 'strategy',
    kind: 'need',
    author: { id: 'ada', name: 'Ada', cluster: null },
    ...extra,
  };
}

export function noteTexts(doc: Y.Doc): string[] {
  const texts: string[] = [];
  notesMap(doc).forEach((value) => {
    const text = value instanceof Y.Map ? value.get('text') : undefined;
    if (text instanceof Y.Text) texts.push(text.toString());
  });
  return texts.sort();
}

/** A fresh doc holding exactly what storage holds: the snapshot, then the log in order. */
export function docFromStored(state: StoredState): Y.Doc {
  const doc = new Y.Doc();
  if (state.snapshot) Y.applyUpdate(doc, state.snapshot);
  for (const update of state.updates) Y.applyUpdate(doc, update.data);
  return doc;
}

export async function storedNoteTexts(store: BoardStore, boardId: string): Promise<string[]> {
  const doc = docFromStored(await store.loadState(boardId));
  try {
    return noteTexts(doc);
  } finally {
    doc.destroy();
  }
}

export const TEMPLATE_NOTE_COUNT = EXCITE_D14.reduce(
  (sum, section) => sum + section.challenges.length + section.needs.length + section.goodPractices.length,
  0,
);

// ---- Raw sockets ----

export interface RawSocket {
  ws: WebSocket;
  /** Binary messages received, in order. */
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

export function rawSocket(defer: Defer, server: RunningServer, boardId: string, token: string | null): RawSocket {
  return rawSocketAt(defer, server, boardId, token === null ? {} : { token });
}

/** A raw socket on any document's room (`<boardId>` or `<boardId>/<doc>`), with these query parameters. */
export function rawSocketAt(defer: Defer, server: RunningServer, room: string, params: Record<string, string>): RawSocket {
  const query = new URLSearchParams(params).toString();
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws/${room}${query ? `?${query}` : ''}`);
  const messages: Uint8Array[] = [];
  ws.on('message', (data) => messages.push(new Uint8Array(data as Buffer)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  defer(() => ws.terminate());
  return { ws, messages, opened, closed };
}

export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

// ---- A store whose writes a test can hold ----

/**
 * Delegates to `inner`, but while `holdAppends` is set each appendUpdate waits until the test
 * releases it, and loadState can be slowed down. `inner` is what has really been committed.
 */
export class GatedStore extends DelegatingStore {
  holdAppends = false;
  loadDelayMs = 0;
  /** Appends to this document ('' is the board) fail, as if the disk were full. */
  failAppendsTo: string | null = null;
  private readonly waiting: (() => void)[] = [];

  /** What has really been committed. */
  override readonly inner: BoardStore;

  constructor(inner: BoardStore) {
    super(inner);
    this.inner = inner;
  }

  get pendingAppends(): number {
    return this.waiting.length;
  }

  releaseOne(): void {
    this.waiting.shift()?.();
  }

  releaseAll(): void {
    this.holdAppends = false;
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) next();
  }

  override async appendUpdate(id: string, update: Uint8Array, doc = ''): Promise<number> {
    if (this.failAppendsTo === doc) throw new Error('disk full (test)');
    if (this.holdAppends) await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.inner.appendUpdate(id, update, doc);
  }

  override async loadState(id: string, doc = ''): Promise<StoredState> {
    if (this.loadDelayMs > 0) await sleep(this.loadDelayMs);
    return this.inner.loadState(id, doc);
  }

  override close(): Promise<void> {
    this.releaseAll();
    return this.inner.close();
  }
}

/**
 * The real server over a GatedStore (no data dir: the inner store is whatever the test passes; a
 * GatedStore of the test's own, such as a subclass, is used as it is).
 */
export async function gatedServer(
  defer: Defer,
  inner: BoardStore,
  overrides: Partial<ServerOptions> = {},
): Promise<{ server: RunningServer; store: GatedStore }> {
  const store = inner instanceof GatedStore ? inner : new GatedStore(inner);
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    store,
    log: createLogger('silent'),
    clientDir: '/nonexistent-clusterboard-client',
    ...overrides,
  });
  defer(() => {
    // Held appends would keep close() waiting for the room to flush.
    store.releaseAll();
    return server.close();
  });
  return { server, store };
}

export { waitFor };

/** An awareness message for one client id, as a raw frame (`state` null: the client left). */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const entries = encoding.createEncoder();
  encoding.writeVarUint(entries, 1);
  encoding.writeVarUint(entries, clientId);
  encoding.writeVarUint(entries, clock);
  encoding.writeVarString(entries, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.Awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(entries));
  return encoding.toUint8Array(message);
}
