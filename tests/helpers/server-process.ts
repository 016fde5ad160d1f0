/**
 * The real server as a child process (`tsx server/main.ts`), so tests can restart it gracefully
 * or kill it with SIGKILL, as an operator or a crash would. Used by the e2e tests and by the crash
 * harness (tests/helpers/crash.ts), and several at once behind nginx by the cluster test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreatedBoard } from '../../shared/protocol';

/** The repository root: `server/main.ts` is found from there whatever the caller's working directory. */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** One log line of the server (server/log.ts): level, msg and the event's own fields. */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export class ServerProcess {
  private constructor(
    private child: ChildProcess,
    readonly url: string,
    readonly port: number,
    readonly dataDir: string,
    /** stdout and stderr as they came, interleaved. */
    readonly output: string[],
    /** stderr alone: the JSON log lines (server/log.ts). */
    readonly stderr: string[],
    private readonly env: Readonly<Record<string, string>>,
  ) {}

  /**
   * Starts the server on `port` (0: a free one; a restart passes the port it had, so clients keep
   * the address) with `dataDir`. `env` adds to or overrides the server's environment.
   */
  static async start(
    dataDir = mkdtempSync(join(tmpdir(), 'clusterboard-e2e-')),
    port = 0,
    env: Readonly<Record<string, string>> = {},
  ): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', CREATE_POLICY: 'open', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const stderr: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = /Clusterboard is running at (http:\/\/\S+)/.exec(output.join(''));
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        stderr.push(chunk.toString());
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.join('')}`));
      });
    });
    return new ServerProcess(child, url, Number(new URL(url).port), dataDir, output, stderr, env);
  }

  /** Whether the process has exited (or been killed). */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /**
   * Stops the process (SIGTERM: graceful; SIGKILL: a crash) and waits for it to exit. Resolves
   * with how it ended: its exit code, or the signal that killed it.
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill(signal);
      await exited;
    }
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  /** The complete JSON log lines written to stderr so far, parsed; other lines are skipped. */
  logs(): LogLine[] {
    const text = this.stderr.join('');
    const lines: LogLine[] = [];
    for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // A line that is not JSON (a crash before the logger existed) is in `output`.
      }
    }
    return lines;
  }

  /** Starts a new process on the same port, data directory and environment. */
  async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<ServerProcess> {
    await this.stop(signal);
    return ServerProcess.start(this.dataDir, this.port, this.env);
  }

  async createBoard(title: string, template: 'blank' | 'excite-d1.4' = 'blank'): Promise<CreatedBoard> {
    const response = await fetch(`${this.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, template }),
    });
    if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
    return (await response.json()) as CreatedBoard;
  }
}
