/**
 * Helpers for the facilitation tests (SPEC "Facilitation"): one board on a real server, its HTTP API
 * as each role and seat, stock providers for any of the board's documents, raw sockets that record
 * every frame, and a round-trip barrier that proves the server has handled what a socket sent.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RunningServer, ServerOptions } from '../../server/app';
import type { BoardRecord } from '../../server/storage/store';
import { type DocName, MessageType, type Role, roomName, type Seat, SEAT_HEADER } from '../../shared/protocol';
import type { ControlCommand } from '../../shared/workshop/commands';
import { type ControlState, readControl } from '../../shared/workshop/control';
import { stockProvider } from '../helpers/provider';
import { type TestClient, type TestServer, waitForSync } from '../helpers/server';
import { boardOn, type Defer, rawSocketAt, serverFor, waitFor } from './support';

/** Who makes a request or opens a socket: a role's token, and the seat of a person if any. */
export interface Caller {
  token: string;
  seat?: string;
}

/** Someone who joined the board: their role's token plus their seat. */
export interface Person extends Caller {
  id: string;
  seat: string;
  role: Exclude<Role, 'viewer'>;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export interface Workshop {
  ts: TestServer;
  server: RunningServer;
  board: BoardRecord;
  facilitator: Caller;
  participant: Caller;
  viewer: Caller;
  /** `path` is relative to the board: `/control`, `/votes`, ... */
  call<T = unknown>(method: string, path: string, who: Caller, body?: unknown): Promise<Answer<T>>;
  /** A facilitator command that must succeed (204). */
  command(command: ControlCommand): Promise<void>;
  join(role: Person['role'], name: string, cluster?: string | null): Promise<Person>;
  /** A stock provider on one of the board's documents, destroyed after the test. */
  open(name: DocName, who: Caller, doc?: Y.Doc): TestClient;
  /** A raw socket on one of the board's documents that records every frame it receives. */
  record(name: DocName, who: Caller): Recorder;
}

export async function workshopOn(defer: Defer, overrides: Partial<ServerOptions> = {}): Promise<Workshop> {
  const { current: ts } = await serverFor(defer, { overrides });
  const board = await boardOn(ts);
  const { server } = ts;
  const call = async <T>(method: string, path: string, who: Caller, body?: unknown): Promise<Answer<T>> => {
    const headers: Record<string, string> = { authorization: `Bearer ${who.token}` };
    if (who.seat !== undefined) headers[SEAT_HEADER] = who.seat;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}/api/boards/${board.id}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const facilitator = { token: board.tokens.facilitator };
  const self: Workshop = {
    ts,
    server,
    board,
    facilitator,
    participant: { token: board.tokens.participant },
    viewer: { token: board.tokens.viewer },
    call,
    async command(command) {
      const answer = await call('POST', '/control', facilitator, command);
      if (answer.status !== 204) throw new Error(`${command.type} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    },
    async join(role, name, cluster = null) {
      const token = board.tokens[role];
      const answer = await call<Seat>('POST', '/people', { token }, { name, cluster });
      if (answer.status !== 201) throw new Error(`joining answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return { id: answer.body.personId, seat: answer.body.seat, token, role };
    },
    open(name, who, doc = new Y.Doc()) {
      const params: Record<string, string> = { token: who.token };
      if (who.seat !== undefined) params.seat = who.seat;
      const client = stockProvider(`ws://127.0.0.1:${server.port}/ws`, roomName(board.id, name), { params, doc });
      defer(() => client.destroy());
      return client;
    },
    record(name, who) {
      return recorder(defer, server, roomName(board.id, name), who);
    },
  };
  return self;
}

/** Opens providers and waits until every one has synced. */
export async function synced(...clients: TestClient[]): Promise<void> {
  await Promise.all(clients.map((client) => waitForSync(client)));
}

/** The control state in a client's copy, or in a server room (anything holding a control doc). */
export function controlOf(holder: { doc: Y.Doc }): ControlState {
  return readControl(holder.doc);
}

// ---- Barriers ----

function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

function isSyncStep2(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  return decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep2;
}

/** Sends sync step 1 on `ws` and resolves with the server's step 2 answer. */
function askAndAwaitAnswer(ws: WebSocket, stateVector: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      if (!isSyncStep2(new Uint8Array(data))) return;
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
    ws.send(syncStep1Frame(stateVector), (error) => error && reject(error));
  });
}

/**
 * Resolves once the server has handled everything `client` sent before the call, and everything
 * the server forwarded to `client` before that has arrived. The server answers a sync step 1
 * after every message the socket sent earlier, and only once all earlier updates are stored and
 * forwarded (SPEC D1), on a socket that delivers in order.
 */
export async function roundTrip(client: TestClient): Promise<void> {
  await waitForSync(client);
  const ws = client.provider.ws as unknown as WebSocket | null;
  if (!ws) throw new Error('the provider has no socket');
  await askAndAwaitAnswer(ws, Y.encodeStateVector(client.doc));
}

// ---- Raw sockets that record every frame ----

export interface Recorder {
  ws: WebSocket;
  /** Every binary frame received, in order. */
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  /** True when `bytes` occur inside any frame received so far. */
  saw(bytes: Uint8Array): boolean;
  /** Asks for the whole document (sync step 1, empty state vector) and waits for the answer. */
  fetchAll(): Promise<void>;
}

function recorder(defer: Defer, server: RunningServer, room: string, who: Caller): Recorder {
  const params: Record<string, string> = { token: who.token };
  if (who.seat !== undefined) params.seat = who.seat;
  const { ws, messages: frames, opened, closed } = rawSocketAt(defer, server, room, params);
  return {
    ws,
    frames,
    opened,
    closed,
    saw: (bytes) => frames.some((frame) => Buffer.from(frame).includes(Buffer.from(bytes))),
    async fetchAll() {
      await opened;
      // An empty state vector (no clients): the answer is the whole document.
      await askAndAwaitAnswer(ws, new Uint8Array([0]));
    },
  };
}

/** The UTF-8 bytes of `text`, as Yjs writes a string into an update. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export { waitFor };
