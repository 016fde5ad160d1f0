/**
 * The attacker sockets of the WebSocket fuzzer (tests/helpers/fuzz.ts): where each one goes (a
 * board with a token of some role, the control document, a private document with a bad seat, a
 * bad token, board or path), the frames it sends (tests/helpers/fuzzFrames.ts), and how it may
 * end given those frames. An end its frames do not allow is a failure.
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { BoardRecord } from '../../server/storage/store';
import { CloseCode, CONTROL_DOC, docKey, type DocName, MessageType, type Role, type Seat } from '../../shared/protocol';
import { type Corpus, type Frame, MAYBE_CODES, nextFrames, wsFrame } from './fuzzFrames';
import type { Rng } from './random';

const OPEN_TIMEOUT_MS = 5000;
const ACK_TIMEOUT_MS = 5000;
/** How long a socket whose frames must close it may take to be closed. */
const CLOSE_TIMEOUT_MS = 5000;
/** How long a socket that may stay open is watched for a close before the fuzzer closes it. */
const SETTLE_MS = 25;
/** Failures of one kind listed at most (the count goes on). */
export const MAX_FAILURES_LISTED = 20;

/** Where the fuzzer's frames go. */
export interface Boards {
  /** Fuzzed, with honest clients. */
  a: BoardRecord;
  /** EXCITE template, one dimension locked: participants' updates go through the write guard. */
  b: BoardRecord;
  /** Blank, nobody else on it. */
  c: BoardRecord;
  /** Never touched by the fuzzer; honest clients watch it. */
  u: BoardRecord;
  /** People of board A: `pat` owns a private document, `quinn` holds a seat of its own. */
  pat: Seat;
  quinn: Seat;
}

/** Told what is being sent, so a hang can be reported with the frames that caused it. */
export interface FrameLog {
  note(text: string): void;
}

// ---- Where sockets go ----

interface Target {
  name: string;
  /** After `/ws/`. */
  path: string;
  params: Record<string, string>;
  role: Role | null;
  doc: 'board' | 'control' | 'private';
  /** A participant on the locked board: the write guard judges its updates. */
  guarded: boolean;
  /** The close code of a socket refused before it joins, or null when it joins. */
  refusal: number | null;
}

function pickTarget(rng: Rng, boards: Boards): Target {
  const role = rng.pick(['facilitator', 'participant', 'participant', 'viewer'] as const);
  const joins = (name: string, board: BoardRecord, doc: 'board' | 'control', guarded = false): Target => ({
    name,
    path: doc === 'board' ? board.id : `${board.id}/${docKey(CONTROL_DOC)}`,
    params: { token: board.tokens[role] },
    role,
    doc,
    guarded,
    refusal: null,
  });
  const refused = (name: string, path: string, params: Record<string, string>, refusal: number): Target => ({
    name,
    path,
    params,
    role: null,
    doc: 'board',
    guarded: false,
    refusal,
  });
  const { a, b, c, pat, quinn } = boards;
  const r = rng.float();
  if (r < 0.34) return joins('board A', a, 'board');
  if (r < 0.58) return joins('board B (locked)', b, 'board', role === 'participant');
  if (r < 0.68) return joins('board C', c, 'board');
  if (r < 0.78) return joins('control', rng.pick([a, b]), 'control');
  const privatePath = `${a.id}/${docKey({ kind: 'private', personId: pat.personId } satisfies DocName)}`;
  if (r < 0.84) {
    const variant = rng.pick([
      { token: a.tokens.participant },
      { token: a.tokens.participant, seat: `${pat.personId}.forged-secret` },
      { token: a.tokens.participant, seat: quinn.seat },
      { token: a.tokens.viewer, seat: pat.seat },
      { token: a.tokens.participant, seat: 'no-dot-here' },
    ]);
    return { ...refused('private (bad seat)', privatePath, variant, CloseCode.Forbidden), role: 'participant', doc: 'private' };
  }
  if (r < 0.91) {
    const params = rng.pick([{}, { token: 'not-a-token' }, { token: b.tokens.facilitator }, { token: '' }, { token: 'x'.repeat(5000) }]);
    return refused('bad token', rng.pick([a.id, `${a.id}/control`, privatePath]), params, CloseCode.Unauthorized);
  }
  if (r < 0.96)
    return refused(
      'unknown board',
      'zz' + Array.from({ length: 18 }, () => rng.int(10)).join(''),
      { token: a.tokens.facilitator },
      CloseCode.BoardNotFound,
    );
  const path = rng.pick(['NOT-AN-ID', '%ZZ', `${a.id}/nonsense`, `${a.id}/private/short`, `${a.id}/private/${'y'.repeat(41)}`]);
  return refused('bad path', path, { token: a.tokens.facilitator }, CloseCode.BoardNotFound);
}

// ---- Attacker sockets ----

interface Plan {
  index: number;
  target: Target;
  /** Send before the server's first message (while the socket is still being authenticated). */
  beforeAck: boolean;
  /** Close, then write frames to the TCP socket after the close frame. */
  afterClose: boolean;
  frames: Frame[];
}

export class Attack {
  framesSent = 0;
  sockets = 0;
  readonly framesByKind: Record<string, number> = {};
  readonly closes: Record<string, number> = {};
  private planned = 0;
  private oversizedLeft: number;
  private failuresListed = 0;
  /** The latest sockets' frames, for the watchdog: the frame being handled may not be the last sent. */
  private readonly recent: string[] = [];

  constructor(
    private readonly port: number,
    private readonly boards: Boards,
    private readonly corpus: Corpus,
    private readonly rng: Rng,
    private readonly options: { frames: number; concurrency?: number },
    private readonly watchdog: FrameLog,
    private readonly fail: (sentence: string) => void,
  ) {
    // Each one takes a few ms to send and ws reads none of it; a handful proves the point.
    this.oversizedLeft = Math.max(2, Math.min(20, Math.round(options.frames / 10_000)));
  }

  /** Opens sockets until `total` frames have been sent (counting earlier runs). */
  async run(total: number): Promise<void> {
    const lane = async () => {
      while (this.framesSent + this.planned < total) {
        const plan = this.plan(Math.min(total - this.framesSent - this.planned, 1 + this.rng.int(12)));
        this.planned += plan.frames.length;
        try {
          await this.attack(plan);
        } finally {
          this.planned -= plan.frames.length;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency ?? 24 }, lane));
  }

  private plan(budget: number): Plan {
    const rng = this.rng.fork();
    const target = pickTarget(rng, this.boards);
    const frames: Frame[] = [];
    while (frames.length < budget) {
      frames.push(
        ...nextFrames({
          rng,
          corpus: this.corpus,
          role: target.role,
          doc: target.doc,
          guarded: target.guarded,
          takeOversized: () => this.oversizedLeft > 0 && this.oversizedLeft-- > 0,
        }),
      );
    }
    return { index: this.sockets++, target, beforeAck: rng.chance(0.2), afterClose: rng.chance(0.1), frames: withPresenceRule(frames) };
  }

  private async attack(plan: Plan): Promise<void> {
    const query = new URLSearchParams(plan.target.params).toString();
    const ws = new WebSocket(`ws://127.0.0.1:${this.port}/ws/${plan.target.path}${query ? `?${query}` : ''}`, { perMessageDeflate: false });
    ws.on('error', () => {}); // every failure ends in 'close', which is what is checked
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // Listening from the start: the server's first message can come in the same read as the upgrade.
    const acked = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    const opened = new Promise<boolean>((resolve) => {
      ws.once('open', () => resolve(true));
      ws.once('close', () => resolve(false));
    });
    if ((await within(opened, OPEN_TIMEOUT_MS)) !== true) {
      this.report(plan, [], 'never opened');
      ws.terminate();
      return;
    }
    // Writes under ws' feet may fail once the server has gone; that is not ws' error to raise.
    rawSocket(ws)?.on('error', () => {});
    if (!plan.beforeAck) await within(Promise.race([acked, closed]), ACK_TIMEOUT_MS);
    const sent: Frame[] = [];
    this.recent.unshift(`socket ${plan.index} (${plan.target.name}, ${plan.target.role ?? 'no role'}): ${plan.frames.map((f) => f.kind).join(', ')}`);
    this.recent.length = Math.min(this.recent.length, 6);
    for (const frame of plan.frames) {
      if (ws.readyState !== WebSocket.OPEN) break;
      this.send(ws, plan, frame);
      sent.push(frame);
    }
    const allowed = allowedEnds(plan.target, sent);
    let code = await within(closed, allowed.open ? SETTLE_MS : CLOSE_TIMEOUT_MS);
    let closedByUs = false;
    if (code === undefined) {
      if (!allowed.open) this.report(plan, sent, `still open ${CLOSE_TIMEOUT_MS} ms after frames that must close it`);
      closedByUs = true;
      ws.close(1000);
      if (plan.afterClose) {
        // Frames after our close frame: the server must ignore them.
        for (const frame of plan.frames.slice(0, 3)) if (typeof frame.data !== 'string' && !frame.wire) this.sendRaw(ws, plan, frame);
      }
      code = await within(closed, CLOSE_TIMEOUT_MS);
      if (code === undefined) ws.terminate();
    }
    const end = closedByUs && (code === 1000 || code === undefined) ? 'open' : String(code);
    this.closes[end] = (this.closes[end] ?? 0) + 1;
    if (end !== 'open' && !allowed.codes.has(code ?? -1)) this.report(plan, sent, `closed with ${code}`);
  }

  private send(ws: WebSocket, plan: Plan, frame: Frame): void {
    this.count(plan, frame);
    if (frame.wire) {
      rawSocket(ws)?.write(frame.data as Uint8Array);
    } else {
      ws.send(frame.data, { binary: typeof frame.data !== 'string' }, () => {});
    }
  }

  /** A frame written under ws' feet, after it has sent its close frame. */
  private sendRaw(ws: WebSocket, plan: Plan, frame: Frame): void {
    const socket = rawSocket(ws);
    if (!socket || socket.destroyed) return;
    this.count(plan, { ...frame, kind: 'after-close' });
    socket.write(wsFrame({ opcode: 2, payload: frame.data as Uint8Array }));
  }

  private count(plan: Plan, frame: Frame): void {
    this.framesSent++;
    this.framesByKind[frame.kind] = (this.framesByKind[frame.kind] ?? 0) + 1;
    this.watchdog.note(`${frame.kind} on socket ${plan.index}: ${describe(frame)}\nlatest sockets:\n  ${this.recent.join('\n  ')}`);
  }

  private report(plan: Plan, sent: Frame[], what: string): void {
    if (this.failuresListed++ >= MAX_FAILURES_LISTED) return;
    const frames = sent.map((f) => f.kind).join(', ') || 'none';
    const last = sent.at(-1);
    this.fail(
      `Socket ${plan.index} to ${plan.target.name} as ${plan.target.role ?? 'nobody'}${plan.beforeAck ? ' (frames before the first answer)' : ''} ${what}; frames: ${frames}${last ? `; last: ${describe(last)}` : ''}.`,
    );
  }
}

/**
 * How a socket may end, given the frames it sent: the close codes its frames (or its refusal)
 * allow, and whether it may still be open. A frame that must close the socket ends the list: what
 * follows it arrives after the close.
 */
function allowedEnds(target: Target, sent: readonly Frame[]): { codes: Set<number>; open: boolean } {
  const codes = new Set<number>();
  if (target.refusal !== null) {
    codes.add(target.refusal);
    // Binary frames wait for authentication (and are dropped with the socket); text frames and
    // frames the WebSocket layer refuses close it before that.
    for (const frame of sent) {
      if (Array.isArray(frame.expect) && (typeof frame.data === 'string' || frame.wire || frame.kind === 'oversized')) {
        for (const code of frame.expect as readonly number[]) codes.add(code);
      }
    }
    return { codes, open: false };
  }
  for (const frame of sent) {
    if (frame.expect === 'ok') continue;
    for (const code of frame.expect === 'maybe' ? MAYBE_CODES : frame.expect) codes.add(code);
    if (frame.expect !== 'maybe') return { codes, open: false };
  }
  return { codes, open: true };
}

/**
 * [P5, P7] A connection speaks for one client id at a time; what it sends for another is dropped
 * before the size check. So an oversized presence state closes the socket (4413) only if nothing
 * it sent before could have given it presence under another id.
 */
function withPresenceRule(frames: Frame[]): Frame[] {
  let mayHavePresence = false;
  return frames.map((frame) => {
    const relaxed = frame.kind === 'awareness-huge' && mayHavePresence ? { ...frame, expect: 'maybe' as const } : frame;
    if (typeof frame.data !== 'string' && !frame.wire && frame.data[0] === MessageType.Awareness) mayHavePresence = true;
    return relaxed;
  });
}

/** The TCP socket under a ws client: the fuzzer writes frames there that ws itself would refuse to send. */
function rawSocket(ws: WebSocket): Socket | null {
  return (ws as unknown as { _socket?: Socket | null })._socket ?? null;
}

function describe(frame: Frame): string {
  if (typeof frame.data === 'string') return `text ${JSON.stringify(frame.data.slice(0, 48))}`;
  const hex = Buffer.from(frame.data.subarray(0, 48)).toString('hex');
  return `${frame.data.length} bytes ${hex}${frame.data.length > 48 ? '…' : ''}`;
}

/** `promise`'s value, or undefined once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
