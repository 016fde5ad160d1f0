/**
 * The adversary: one client that floods its board's socket with garbage frames and frames larger
 * than any server should take, reconnecting whenever it is cut off, for as long as it runs.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';

export interface FloodArgs {
  url: string;
  /** Garbage frames per second (random bytes, 1 to 1,000 of them). */
  garbagePerSecond: number;
  /** One oversized frame of this many bytes... */
  oversizedBytes: number;
  /** ...this often per second. */
  oversizedPerSecond: number;
  /** The adversary waits while this much is still queued on its socket (it floods, it does not fill its own memory). */
  maxBuffered: number;
}

export interface FloodResult {
  frames: number;
  bytes: number;
  connections: number;
  /** Close codes seen, by code. */
  closes: Record<string, number>;
}

let running: { stop(): void; result: FloodResult; done: Promise<void> } | null = null;

function flood(args: FloodArgs): NonNullable<typeof running> {
  const result: FloodResult = { frames: 0, bytes: 0, connections: 0, closes: {} };
  let stopped = false;
  let socket: WebSocket | null = null;
  const oversized = randomBytes(args.oversizedBytes);
  const garbage = Array.from({ length: 64 }, () => randomBytes(1 + Math.floor(Math.random() * 1000)));
  const connect = () => {
    if (stopped) return;
    result.connections++;
    const ws = new WebSocket(args.url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    socket = ws;
    ws.on('error', () => undefined);
    ws.on('message', () => undefined);
    ws.once('close', (code) => {
      result.closes[code] = (result.closes[code] ?? 0) + 1;
      // Straight back: an attacker does not back off.
      setTimeout(connect, 10);
    });
  };
  const send = (frame: Buffer) => {
    if (!socket || socket.readyState !== WebSocket.OPEN || socket.bufferedAmount > args.maxBuffered) return;
    socket.send(frame);
    result.frames++;
    result.bytes += frame.byteLength;
  };
  const TICK_MS = 10;
  let tick = 0;
  const timer = setInterval(() => {
    tick++;
    for (let i = 0; i < (args.garbagePerSecond * TICK_MS) / 1000; i++) send(garbage[(tick + i) % garbage.length] as Buffer);
    if (args.oversizedPerSecond > 0 && tick % Math.max(1, Math.round(1000 / TICK_MS / args.oversizedPerSecond)) === 0) send(oversized);
  }, TICK_MS);
  connect();
  let finish = () => undefined as void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    result,
    done,
    stop() {
      stopped = true;
      clearInterval(timer);
      socket?.terminate();
      finish();
    },
  };
}

export const floodHandlers = {
  'flood.start': (args: FloodArgs) => {
    running = flood(args);
  },
  'flood.stop': (): FloodResult | null => {
    const current = running;
    running = null;
    current?.stop();
    return current?.result ?? null;
  },
};
