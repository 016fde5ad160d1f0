/**
 * Boards with light writers and observers spread over load processes, plus a few real providers
 * on the first board: shared by the fan-out, adversarial and many-boards scenarios.
 */
import type { Usage } from '../ipc';
import type { RunResult } from '../load/edits';
import type { LoadPool } from '../load/pool';
import type { LoopDelay } from '../probe';
import { Providers } from '../providers';
import { type BenchServer, type RoomAccess, socketUrl } from '../servers';
import { Histogram } from '../stats';
import { sleep } from './context';

export interface EditLoad {
  boards: number;
  /** Light writers per board (each edits its own note). */
  writersPerBoard: number;
  /** Light observers per board. */
  observersPerBoard: number;
  /** Real providers on the first board, counted among its clients. */
  providers: number;
  editsPerSecond: number;
  /** Load processes; boards (or, with one board, its clients) are split between them. */
  processes: number;
  /** Quiet time after connecting, and for deliveries in flight after the last edit. */
  pauseMs: number;
}

export interface Measured {
  latency: Histogram;
  edits: number;
  /** Marker arrivals at observers: updates x observers delivered. */
  delivered: number;
  seconds: number;
  serverCpuMs: number;
  loadCpuMs: number;
  /** The server's usage at the end of the window. */
  usage: Usage;
  loop: LoopDelay;
  closed: number;
  texts: Record<string, string>;
}

export class EditSession {
  private constructor(
    private readonly server: BenchServer,
    private readonly pool: LoadPool,
    readonly providers: Providers,
    readonly rooms: RoomAccess[],
    private readonly load: EditLoad,
    /** How long the light clients took to connect and sync. */
    readonly connectSeconds: number,
  ) {}

  /** `pool` has `load.processes` workers; it outlives the session (both servers use it in turn). */
  static async open(server: BenchServer, load: EditLoad, pool: LoadPool): Promise<EditSession> {
    const rooms = await server.rooms(load.boards);
    const first = rooms[0] as RoomAccess;
    const providers = Providers.open(first, load.providers);
    await providers.synced(30_000);
    const oneBoard = load.boards === 1;
    // One board: its clients are split between the processes. Many: the boards are.
    const share = (total: number, i: number) => Math.floor(total / load.processes) + (i < total % load.processes ? 1 : 0);
    const connectStarted = Date.now();
    await pool.all('edits.connect', (i) => ({
      rooms: (oneBoard ? rooms : rooms.filter((_, r) => r % load.processes === i)).map((room) => ({
        writerUrl: socketUrl(room, 'writer'),
        readerUrl: socketUrl(room, 'reader'),
      })),
      writersPerRoom: oneBoard ? share(load.writersPerBoard, i) : load.writersPerBoard,
      observersPerRoom: oneBoard ? share(load.observersPerBoard, i) : load.observersPerBoard,
      markerBase: (i + 1) * 100_000_000,
    }));
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    // Let the joins' presence traffic die down before measuring.
    await sleep(load.pauseMs);
    return new EditSession(server, pool, providers, rooms, load, connectSeconds);
  }

  /** Edits for `durationMs` at the load's rate, then waits `settleMs` for what is still in flight. */
  async measure(durationMs: number, settleMs = this.load.pauseMs): Promise<Measured> {
    await this.server.loopDelay();
    const before = this.server.usage();
    const started = Date.now();
    const results = await this.pool.all<RunResult>('edits.run', () => ({ editsPerSecond: this.load.editsPerSecond, durationMs, settleMs }));
    const seconds = (Date.now() - started) / 1000;
    const usage = this.server.usage();
    const loop = await this.server.loopDelay();
    return {
      latency: Histogram.from(results.map((r) => r.latency)),
      edits: results.reduce((sum, r) => sum + r.edits, 0),
      delivered: results.reduce((sum, r) => sum + r.delivered, 0),
      seconds,
      serverCpuMs: usage.cpuMs - before.cpuMs,
      loadCpuMs: results.reduce((sum, r) => sum + r.cpuMs, 0),
      usage,
      loop,
      closed: results.reduce((sum, r) => sum + r.closed, 0),
      texts: Object.assign({}, ...results.map((r) => r.texts)) as Record<string, string>,
    };
  }

  /** Whether the real providers hold every writer's last text of the first board, identically. */
  converged(measured: Measured, timeoutMs = 10_000): Promise<boolean> {
    const firstBoardTexts = this.load.boards === 1 ? measured.texts : {};
    return this.providers.converged(timeoutMs, firstBoardTexts);
  }

  async close(): Promise<void> {
    this.providers.destroy();
    await this.pool.all('edits.close').catch(() => undefined);
  }
}

/** The usual figures of a measured window, as table cells. */
export function latencyCells(measured: Measured): number[] {
  const h = measured.latency;
  return [h.percentile(50), h.percentile(95), h.percentile(99), h.max];
}

/** Server CPU time per delivered update, in microseconds. */
export function cpuPerDelivered(measured: Measured): number | null {
  return measured.delivered > 0 ? (measured.serverCpuMs * 1000) / measured.delivered : null;
}

/** CPU time over wall time, as a percentage of one core. */
export function cpuPercent(cpuMs: number, seconds: number): number {
  return seconds > 0 ? cpuMs / (seconds * 10) : 0;
}
