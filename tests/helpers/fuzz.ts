/**
 * The WebSocket fuzzer behind `npm run fuzz` and tests/integration/fuzz-smoke.test.ts (SPEC Z1).
 *
 * The real server runs in this process on port 0 over a temporary SQLite store. Honest y-websocket
 * clients stay connected to a fuzzed board and to a board the fuzzer never touches, while many
 * short-lived attacker sockets send seeded hostile frames (tests/helpers/fuzzFrames.ts), mostly
 * with valid tokens so the frames reach the room logic. Then it checks: no uncaught exception,
 * `/healthz` answers, every attacker socket was closed only as its frames deserve, the honest
 * clients are connected and converge, the untouched board noticed nothing, marked writes (a
 * viewer's, the control document's) are nowhere, late joiners and storage read every board, memory
 * is back near its baseline and the event loop was never blocked for long.
 *
 * Server and fuzzer share one thread, so a hanging server would stop the fuzzer too: a watchdog
 * thread kills the process, printing the last frame sent, when the event loop stops for `hangMs`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { registerPerson } from '../../server/access/people';
import type { BoardRecord } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, type Role, type Seat } from '../../shared/protocol';
import { Attack, type Boards, type FrameLog, MAX_FAILURES_LISTED } from './fuzzAttack';
import { checkDocuments, checkLateJoiners, checkPresence, converge, countingLogger, healthy, type Honest, watchUntouched } from './fuzzChecks';
import { buildCorpus, LOCKED_DIMENSION } from './fuzzFrames';
import { createRng } from './random';
import { connectClient, createTestBoard, removeDataDir, startTestServer, type TestServer, waitFor, waitForSync } from './server';

export interface FuzzOptions {
  /** Frames to send (warm-up included). */
  frames: number;
  seed: number;
  /** Attacker sockets open at once. */
  concurrency?: number;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
  /** Failed checks: heap and RSS growth from the baseline, in %, and the longest event-loop stall. */
  maxHeapDriftPct?: number;
  maxRssDriftPct?: number;
  maxLoopDelayMs?: number;
  /** The watchdog kills the process after the event loop has been stuck this long. */
  hangMs?: number;
}

export interface FuzzReport {
  seed: number;
  framesSent: number;
  framesByKind: Record<string, number>;
  sockets: number;
  /** How attacker sockets ended: a close code sent by the server, or 'open' (the fuzzer closed it). */
  closes: Record<string, number>;
  /** Uncaught exceptions and unhandled rejections while fuzzing. */
  crashes: string[];
  healthz: boolean;
  memory: {
    rssStartMb: number;
    rssBaselineMb: number;
    rssEndMb: number;
    rssDriftPct: number;
    heapBaselineMb: number;
    heapEndMb: number;
    heapDriftPct: number;
  };
  loopDelay: { p99Ms: number; maxMs: number };
  durationMs: number;
  /** One sentence per failed check; empty when everything held. */
  failures: string[];
}

/** The share of frames sent before the memory baseline is taken. */
const WARM_UP_SHARE = 0.1;

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = (line: string) => options.log?.(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
  const failures: string[] = [];
  const fail = (sentence: string) => failures.push(sentence);
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const serverErrors: string[] = [];
  const watchdog = startWatchdog(options.hangMs ?? 20_000, `seed ${options.seed}`);
  // Node caches every source map an error's stack passes through (tsx turns them on); thousands
  // of rejected frames would fill that cache and pass for a leak of the server's.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  const gc = gcFunction();
  const rng = createRng(options.seed);
  let ts: TestServer | null = null;
  const honest: Honest[] = [];
  const untouched: Honest[] = [];
  try {
    ts = await startTestServer({ overrides: { log: countingLogger(serverErrors), idleUnloadMs: 10 * 60_000 } });
    const server = ts.server;
    const boards = await createBoards(ts);
    log(
      `server on port ${server.port}; boards A ${boards.a.id}, B ${boards.b.id} (EXCITE, ${LOCKED_DIMENSION} locked), C ${boards.c.id}, U ${boards.u.id} (untouched)`,
    );

    // Honest clients: three writers and a viewer on A, two writers on U. Writers join first: a
    // participant socket writes notes only with a seat (G4).
    const store = ts.store;
    const join = async (board: BoardRecord, name: string, role: Role) => {
      const joined = role === 'viewer' ? null : await registerPerson(store, board.id, { name, cluster: null, role });
      const client = connectClient(server, board.id, joined ? { token: board.tokens[role], seat: joined.seat.seat } : board.tokens[role]);
      client.provider.awareness.setLocalStateField('user', { name });
      const person: Honest = { name, authorId: joined?.person.id ?? '', client, writer: role !== 'viewer', closes: [] };
      client.provider.on('connection-close', (event) => person.closes.push(event?.code ?? 0));
      return person;
    };
    honest.push(
      ...(await Promise.all([
        join(boards.a, 'Honest A0', 'facilitator'),
        join(boards.a, 'Honest A1', 'participant'),
        join(boards.a, 'Honest A2', 'participant'),
        join(boards.a, 'Honest A3', 'viewer'),
      ])),
    );
    untouched.push(...(await Promise.all([join(boards.u, 'Honest U0', 'facilitator'), join(boards.u, 'Honest U1', 'participant')])));
    await Promise.all([...honest, ...untouched].map((h) => waitForSync(h.client, 10_000)));
    for (const [i, h] of honest.filter((h) => h.writer).entries()) {
      addNote(
        h.client.doc,
        { text: `seed note ${i}`, dimension: 'strategy', kind: 'need', author: { id: h.authorId, name: h.name, cluster: null } },
        localOrigin(h.name),
      );
    }
    const roomA = server.rooms.peek(boards.a.id);
    await waitFor(() => roomA !== null && notesMap(roomA.doc).size === 3, 'the seed notes reached board A', 10_000);
    const untouchedIds = untouched.map((h) => h.client.doc.clientID);
    await waitFor(
      () => untouched.every((h) => untouchedIds.every((id) => h.client.provider.awareness.getStates().has(id))),
      'U clients see each other',
      10_000,
    );
    const quiet = watchUntouched(untouched, untouchedIds);

    // Load every fuzzed document before the baseline, so the comparison is like for like.
    await Promise.all([boards.a, boards.b, boards.c].map((b) => server.rooms.acquire(b.id)));
    const corpus = buildCorpus(
      rng.fork(),
      [boards.a, boards.b].map((b) => copyOf(server.rooms.peek(b.id)?.doc)),
      honest.map((h) => h.client.doc.clientID),
    );

    // Attack: a warm-up share, the memory baseline, then the rest.
    const attack = new Attack(server.port, boards, corpus, rng, options, watchdog, fail);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const rssStart = process.memoryUsage().rss;
    const warmUp = Math.min(options.frames, Math.max(1, Math.round(options.frames * WARM_UP_SHARE)));
    await attack.run(warmUp);
    const baseline = await settledMemory(gc);
    log(`warm-up: ${attack.framesSent} frames; baseline RSS ${mb(baseline.rss)} MB, heap ${mb(baseline.heapUsed)} MB`);
    await attack.run(options.frames);
    delay.disable();
    log(`attack done: ${attack.framesSent} frames on ${attack.sockets} sockets`);
    quiet.stop();

    // Checks.
    const healthz = await healthy(server.url);
    if (!healthz) fail('GET /healthz did not answer 200 "ok" after the attack.');
    for (const h of [...honest, ...untouched]) {
      if (h.closes.length > 0 || !h.client.provider.wsconnected)
        fail(`${h.name}'s connection closed during the attack (codes: ${h.closes.join(', ') || 'none'}).`);
    }
    for (const problem of quiet.problems()) fail(problem);
    await checkPresence(honest, fail);
    await converge('A', honest, server.rooms.peek(boards.a.id)?.doc ?? null, options.seed, fail);
    await converge('U', untouched, server.rooms.peek(boards.u.id)?.doc ?? null, options.seed, fail);
    await checkDocuments(ts, boards, fail);
    await checkLateJoiners(ts, boards, fail);
    log('checks done');
    for (const error of serverErrors.slice(0, MAX_FAILURES_LISTED)) fail(`The server logged an error: ${error}`);

    const end = await settledMemory(gc);
    const memory = {
      rssStartMb: mb(rssStart),
      rssBaselineMb: mb(baseline.rss),
      rssEndMb: mb(end.rss),
      rssDriftPct: drift(baseline.rss, end.rss),
      heapBaselineMb: mb(baseline.heapUsed),
      heapEndMb: mb(end.heapUsed),
      heapDriftPct: drift(baseline.heapUsed, end.heapUsed),
    };
    const loopDelay = { p99Ms: round(delay.percentile(99) / 1e6), maxMs: round(delay.max / 1e6) };
    if (gc === null) fail('No forced GC available: memory figures are not comparable.');
    if (memory.heapDriftPct > (options.maxHeapDriftPct ?? 25)) fail(`The heap grew ${memory.heapDriftPct} % from its baseline.`);
    if (memory.rssDriftPct > (options.maxRssDriftPct ?? 25)) fail(`RSS grew ${memory.rssDriftPct} % from its baseline.`);
    if (loopDelay.maxMs > (options.maxLoopDelayMs ?? 2000)) fail(`The event loop was blocked for ${loopDelay.maxMs} ms at once.`);
    if (crashes.length > 0) fail(`${crashes.length} uncaught exceptions or unhandled rejections, the first: ${crashes[0]}`);

    return {
      seed: options.seed,
      framesSent: attack.framesSent,
      framesByKind: attack.framesByKind,
      sockets: attack.sockets,
      closes: attack.closes,
      crashes,
      healthz,
      memory,
      loopDelay,
      durationMs: Date.now() - started,
      failures,
    };
  } finally {
    for (const h of [...honest, ...untouched]) h.client.destroy();
    if (ts) {
      await ts.close();
      removeDataDir(ts.dataDir);
    }
    await watchdog.stop();
    process.setSourceMapsEnabled(sourceMaps);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

/** One line: what was sent, how sockets ended, and every check's figure. */
export function summaryLine(report: FuzzReport): string {
  const m = report.memory;
  const closes = Object.entries(report.closes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}:${n}`)
    .join(',');
  return [
    `fuzz ${report.failures.length === 0 ? 'PASS' : 'FAIL'}`,
    `seed=${report.seed}`,
    `frames=${report.framesSent}`,
    `sockets=${report.sockets}`,
    `closes=${closes}`,
    `crashes=${report.crashes.length}`,
    `healthz=${report.healthz ? 'ok' : 'FAILED'}`,
    `rss=${m.rssBaselineMb}->${m.rssEndMb}MB(${signed(m.rssDriftPct)}%)`,
    `heap=${m.heapBaselineMb}->${m.heapEndMb}MB(${signed(m.heapDriftPct)}%)`,
    `loop-p99=${report.loopDelay.p99Ms}ms`,
    `loop-max=${report.loopDelay.maxMs}ms`,
    `failures=${report.failures.length}`,
    `time=${(report.durationMs / 1000).toFixed(1)}s`,
  ].join(' ');
}

/** A table of how attacker sockets ended, for people. */
export function closesTable(report: FuzzReport): string {
  const meaning: Record<string, string> = {
    [CloseCode.BadMessage]: 'malformed message',
    [CloseCode.Unauthorized]: 'no valid token',
    [CloseCode.Forbidden]: 'not this document (bad seat)',
    [CloseCode.BoardNotFound]: 'no such board',
    [CloseCode.TooLarge]: 'presence state over 4 KB',
    1002: 'WebSocket protocol error (ws)',
    1007: 'invalid UTF-8 in a text frame (ws)',
    1009: 'frame over 2 MiB (ws)',
    open: 'still open: the fuzzer closed it',
  };
  const rows = Object.entries(report.closes).sort(([a], [b]) => a.localeCompare(b));
  return [
    'close    sockets  meaning',
    ...rows.map(([code, n]) => `${code.padEnd(8)} ${String(n).padStart(7)}  ${meaning[code] ?? 'UNEXPECTED'}`),
  ].join('\n');
}

// ---- Setup ----

async function createBoards(ts: TestServer): Promise<Boards> {
  const a = await createTestBoard(ts.store, 'blank', 'Fuzzed board');
  const b = await createTestBoard(ts.store, 'excite-d1.4', 'Locked EXCITE board');
  const c = await createTestBoard(ts.store, 'blank', 'Empty board');
  const u = await createTestBoard(ts.store, 'blank', 'Untouched board');
  const call = async (board: BoardRecord, path: string, body: unknown): Promise<Response> => {
    const res = await fetch(`${ts.server.url}/api/boards/${board.id}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}`);
    return res;
  };
  await call(b, '/control', { type: 'lock', lock: { board: false, dimensions: [LOCKED_DIMENSION] } });
  const pat = (await (await call(a, '/people', { name: 'Pat', cluster: null })).json()) as Seat;
  const quinn = (await (await call(a, '/people', { name: 'Quinn', cluster: null })).json()) as Seat;
  return { a, b, c, u, pat, quinn };
}

function copyOf(doc: Y.Doc | undefined): Y.Doc {
  const copy = new Y.Doc();
  if (doc) Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

// ---- Memory, time and the watchdog ----

function gcFunction(): (() => void) | null {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    // Not started with --expose-gc (vitest, plain tsx): the flag still works if set before use.
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

async function settledMemory(gc: (() => void) | null): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await sleep(50);
  }
  return process.memoryUsage();
}

/** Prints what the fuzzer was doing (`note`) if the event loop stops. */
interface Watchdog extends FrameLog {
  stop(): Promise<void>;
}

/**
 * A thread that watches this one's heartbeat. If the event loop stops (a server hang), nothing in
 * this thread can notice, so the watchdog prints the last frame sent and kills the process.
 */
function startWatchdog(hangMs: number, header: string): Watchdog {
  const shared = new SharedArrayBuffer(8 + 1024);
  const ints = new Int32Array(shared, 0, 2);
  const text = new Uint8Array(shared, 8, 1024);
  const beat = setInterval(() => Atomics.add(ints, 0, 1), 100);
  beat.unref();
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { writeSync } = require('node:fs');
     const ints = new Int32Array(workerData.shared, 0, 2);
     const text = new Uint8Array(workerData.shared, 8, 1024);
     let last = Atomics.load(ints, 0);
     let since = Date.now();
     setInterval(() => {
       const now = Atomics.load(ints, 0);
       if (now !== last) { last = now; since = Date.now(); return; }
       if (Date.now() - since < workerData.hangMs) return;
       const note = Buffer.from(text.slice(0, Atomics.load(ints, 1))).toString('utf8');
       writeSync(2, '\\nfuzz FAIL: the event loop has been blocked for ' + workerData.hangMs + ' ms (the server hangs); ' + workerData.header + '\\nlast frame sent: ' + note + '\\n');
       process.kill(process.pid, 'SIGKILL');
     }, 250);`,
    { eval: true, workerData: { shared, hangMs, header } },
  );
  worker.unref();
  const encoder = new TextEncoder();
  return {
    note(note) {
      const { written } = encoder.encodeInto(note, text);
      Atomics.store(ints, 1, written);
    },
    async stop() {
      clearInterval(beat);
      await worker.terminate();
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const mb = (bytes: number) => round(bytes / 1024 / 1024);
const round = (n: number) => Math.round(n * 10) / 10;
const drift = (from: number, to: number) => round(((to - from) / from) * 100);
const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
