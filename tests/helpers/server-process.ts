/**
 * The real server as a child process (`tsx server/main.ts`), so tests can restart it gracefully
 * or kill it with SIGKILL, as an operator or a crash would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedBoard } from '../../shared/protocol';

export class ServerProcess {
  private constructor(
    private child: ChildProcess,
    readonly url: string,
    readonly port: number,
    readonly dataDir: string,
    readonly output: string[],
  ) {}

  static async start(dataDir = mkdtempSync(join(tmpdir(), 'clusterboard-e2e-')), port = 0): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
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
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${output.join('')}`));
      });
    });
    return new ServerProcess(child, url, Number(new URL(url).port), dataDir, output);
  }

  /** Stops the process (SIGTERM: graceful; SIGKILL: a crash) and waits for it to exit. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }

  /** Starts a new process on the same port and data directory. */
  async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<ServerProcess> {
    await this.stop(signal);
    return ServerProcess.start(this.dataDir, this.port);
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
