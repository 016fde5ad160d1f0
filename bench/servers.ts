/**
 * Our server and the reference, each in its own process on a free port (see ourServer.ts and
 * referenceServer.ts), behind one interface: rooms to connect to, CPU time, memory, event-loop
 * delay, restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, type Usage } from './ipc';
import type { LoopDelay } from './probe';

export const SERVER_KINDS = ['ours', 'reference'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Where a client connects: `${serverUrl}/${room}?token=...` (y-websocket's URL scheme). */
export interface RoomAccess {
  serverUrl: string;
  room: string;
  /** Query parameters for writers (our facilitator link) and for everyone else (participants). */
  writerParams: Record<string, string>;
  readerParams: Record<string, string>;
}

export function socketUrl(access: RoomAccess, who: 'writer' | 'reader'): string {
  const params = new URLSearchParams(who === 'writer' ? access.writerParams : access.readerParams).toString();
  return `${access.serverUrl}/${access.room}${params ? `?${params}` : ''}`;
}

const ENTRIES: Record<ServerKind, string> = { ours: 'bench/ourServer.ts', reference: 'bench/referenceServer.ts' };

export class BenchServer {
  private constructor(
    readonly kind: ServerKind,
    private child: Child,
    readonly port: number,
    /** Our SQLite data directory, or the reference's seed files. */
    private readonly dataDir: string,
    private readonly logFile: string,
    private readonly nodeArgs: string[],
  ) {}

  /** `nodeArgs` go to the server's node (e.g. `--cpu-prof`). */
  static async start(kind: ServerKind, options: { nodeArgs?: string[]; dataDir?: string; port?: number } = {}): Promise<BenchServer> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `clusterboard-bench-${kind}-`));
    const logFile = join(dataDir, 'server.log');
    const nodeArgs = options.nodeArgs ?? [];
    const child = Child.start(kind, ENTRIES[kind], { BENCH_DATA_DIR: dataDir, PORT: String(options.port ?? 0) }, logFile, nodeArgs);
    const timeout = setTimeout(() => void child.stop(), 30_000);
    await Promise.race([child.ready, child.exited.then((code) => Promise.reject(new Error(`${kind} server exited with ${code}; see ${logFile}`)))]);
    clearTimeout(timeout);
    const port = await child.call<number>('port');
    return new BenchServer(kind, child, port, dataDir, logFile, nodeArgs);
  }

  get pid(): number {
    return this.child.pid;
  }

  get serverUrl(): string {
    return this.kind === 'ours' ? `ws://127.0.0.1:${this.port}/ws` : `ws://127.0.0.1:${this.port}`;
  }

  async rooms(count: number): Promise<RoomAccess[]> {
    const boards = await this.child.call<{ id: string; writer: string; reader: string }[]>('createBoards', { count });
    return boards.map((board) => ({
      serverUrl: this.serverUrl,
      room: board.id,
      writerParams: board.writer ? { token: board.writer } : {},
      readerParams: board.reader ? { token: board.reader } : {},
    }));
  }

  /** Stores `update` as part of the room, before anyone connects. */
  seed(room: RoomAccess, update: Uint8Array): Promise<void> {
    return this.child.call('seed', { room: room.room, update: Buffer.from(update).toString('base64') });
  }

  usage(): Usage {
    return this.child.usage();
  }

  loopDelay(): Promise<LoopDelay> {
    return this.child.call<LoopDelay>('loopDelay');
  }

  /** A graceful stop and a fresh process on the same port and data, as an operator's restart. */
  async restart(): Promise<BenchServer> {
    await this.child.stop();
    const next = await BenchServer.start(this.kind, { nodeArgs: this.nodeArgs, dataDir: this.dataDir, port: this.port });
    return next;
  }

  async stop(options: { keepData?: boolean } = {}): Promise<void> {
    await this.child.stop();
    if (!options.keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  get log(): string {
    return this.logFile;
  }
}
