/**
 * The benchmark's processes (the two servers, the load generators) are children of the
 * coordinator, driven over Node's IPC channel: the coordinator `call`s a named command, the child
 * `serve`s a table of handlers. Also reads a child's CPU time and memory from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Request {
  id: number;
  command: string;
  args: unknown;
}

type Reply = { id: number; result: unknown } | { id: number; error: string };

export type Handlers = Record<string, (args: never) => unknown>;

/** In a child: answers the coordinator's calls with `handlers`; exits when the coordinator goes. */
export function serve(handlers: Handlers): void {
  process.on('message', (message: Request) => {
    const handler = handlers[message.command] as ((args: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler(message.args);
      })
      .then(
        (result) => process.send?.({ id: message.id, result: result ?? null } satisfies Reply),
        (error: unknown) =>
          process.send?.({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

export interface Usage {
  /** User plus system CPU time since the process started. */
  cpuMs: number;
  rssBytes: number;
  /** The largest RSS the process has had (VmHWM). */
  peakRssBytes: number;
}

const TICKS_PER_SECOND = 100;

/** CPU time and memory of a process, from /proc (Linux). */
export function usageOf(pid: number): Usage {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
}

/** A child process running a TypeScript entry under tsx, with an IPC channel. */
export class Child {
  private next = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  readonly exited: Promise<number | null>;
  /** Resolves when the child says it is ready (a message with id 0). */
  readonly ready: Promise<void>;

  private constructor(
    private readonly process: ChildProcess,
    readonly name: string,
  ) {
    let ready = () => undefined as void;
    this.ready = new Promise<void>((resolve) => (ready = resolve));
    process.on('message', (reply: Reply) => {
      if (reply.id === 0) return ready();
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiter.reject(new Error(`${name}: ${reply.error}`));
      else waiter.resolve(reply.result);
    });
    this.exited = new Promise((resolve) =>
      process.once('exit', (code) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`${name} exited with ${code}`));
        this.pending.clear();
        resolve(code);
      }),
    );
    void this.exited.then((code) => {
      if (code !== 0) ready();
    });
  }

  /** Starts `entry` (relative to the repository root); its stderr goes to `logFile`. */
  static start(name: string, entry: string, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Child {
    const log = openSync(logFile, 'a');
    try {
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', log, 'ipc'],
      });
      return new Child(child, name);
    } finally {
      closeSync(log);
    }
  }

  get pid(): number {
    return this.process.pid ?? 0;
  }

  call<T>(command: string, args: unknown = null): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.process.send({ id, command, args } satisfies Request);
    });
  }

  usage(): Usage {
    return usageOf(this.pid);
  }

  /** SIGTERM (a graceful stop) and waits; SIGKILL if it has not gone within 10 s. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}
