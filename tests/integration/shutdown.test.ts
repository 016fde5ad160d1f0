/**
 * Graceful shutdown of the real server process (`tsx server/main.ts`) on SIGTERM: the order of
 * server/ops/shutdown.ts, a 4503 "retry later" for connected providers, exit 0 with every edit on
 * disk; a second signal or the deadline forces exit 1, naming what was still running.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHUTDOWN_PHASES } from '../../server/ops/shutdown';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, type CreatedBoard } from '../../shared/protocol';
import { socketUrl, stockProvider } from '../helpers/provider';
import { ServerProcess } from '../helpers/server-process';
import { cleanupAfterEach, note, waitFor, waitForAsync } from './support';

const defer = cleanupAfterEach();
const root = fileURLToPath(new URL('../..', import.meta.url));

interface LogLine {
  level: string;
  time: string;
  msg: string;
  [field: string]: unknown;
}

/**
 * The server in a child process with stdout and stderr apart (ServerProcess mixes them and does
 * not report the exit code, and both are what this test is about).
 */
async function spawnServer(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  defer(() => child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}${stderr}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Clusterboard is running at (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    child,
    exited,
    /** Every complete line of stderr, parsed: a line that is not JSON fails the test. */
    logs: (): LogLine[] =>
      stderr
        .slice(0, stderr.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogLine),
  };
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clusterboard-shutdown-'));
  defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function createBoard(url: string): Promise<{ id: string; token: string }> {
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Shutdown', template: 'blank' }),
  });
  const created = (await response.json()) as CreatedBoard;
  const token = new URL(created.links.facilitator).hash.replace('#token=', '');
  return { id: created.id, token: decodeURIComponent(token) };
}

async function noteTextsOf(url: string, board: { id: string; token: string }): Promise<string[]> {
  const response = await fetch(`${url}/api/boards/${board.id}/notes`, { headers: { authorization: `Bearer ${board.token}` } });
  const { notes } = (await response.json()) as { notes: { text: string }[] };
  return notes.map((n) => n.text);
}

describe('graceful shutdown of the server process', () => {
  it('on SIGTERM closes sockets with 4503, logs each phase as JSON, exits 0, and keeps every edit', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(dataDir);
    const board = await createBoard(server.url);

    const client = stockProvider(socketUrl(server.url), board.id, { params: { token: board.token } });
    defer(() => client.destroy());
    const { doc, provider } = client;
    const closes: { code: number; reason: string }[] = [];
    provider.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: event.reason });
    });
    await waitFor(() => provider.synced, 'provider synced', 10_000);
    addNote(doc, note('said just before the restart'), localOrigin('ada'));
    await waitForAsync(async () => (await noteTextsOf(server.url, board)).includes('said just before the restart'), 'the server has the edit');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await waitFor(() => closes.length > 0, 'the provider saw its socket close');
    expect(closes[0]).toEqual({ code: CloseCode.GoingAway, reason: 'Server restarting' });

    const logs = server.logs();
    expect(logs.every((line) => typeof line.time === 'string' && typeof line.level === 'string' && typeof line.pid === 'number')).toBe(true);
    expect(logs.find((line) => line.msg === 'shutdown started')).toMatchObject({ level: 'info', signal: 'SIGTERM' });
    expect(logs.filter((line) => line.msg === 'shutdown phase').map((line) => line.phase)).toEqual([...SHUTDOWN_PHASES]);
    expect(logs.at(-1)).toMatchObject({ msg: 'shutdown complete' });

    const restarted = await ServerProcess.start(dataDir);
    defer(() => restarted.stop());
    expect(await noteTextsOf(restarted.url, board)).toContain('said just before the restart');
  });

  it('a second SIGTERM stops at once with exit 1, logging the phase it interrupted', async () => {
    const server = await spawnServer(tempDir(), { SHUTDOWN_DRAIN_MS: '10000' });
    server.child.kill('SIGTERM');
    await waitFor(() => server.logs().some((line) => line.msg === 'shutdown phase'), 'shutdown began', 10_000);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(server.logs().at(-1)).toMatchObject({ level: 'error', msg: 'shutdown forced', reason: 'second SIGTERM', phase: 'not ready' });
  });

  it('a shutdown still running at SHUTDOWN_TIMEOUT_MS is abandoned with exit 1', async () => {
    const server = await spawnServer(tempDir(), { SHUTDOWN_DRAIN_MS: '10000', SHUTDOWN_TIMEOUT_MS: '300' });
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    const forced = server.logs().at(-1);
    expect(forced).toMatchObject({ level: 'error', msg: 'shutdown forced', phase: 'not ready', connections: 0 });
    expect(forced?.reason).toContain('SHUTDOWN_TIMEOUT_MS');
  });
});
