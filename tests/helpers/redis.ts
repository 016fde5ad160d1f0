/**
 * Redis for tests: the server at TEST_REDIS_URL (shared: each test uses its own key prefix), and
 * private redis-server processes that a test may stop and restart without disturbing others.
 *
 * The project's rule: tests needing Redis run in CI. With CI set and Redis unreachable, importing
 * this module throws, which fails the suite with the reason. Elsewhere those tests skip, loudly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { freePort } from './ports';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

async function unreachableReason(): Promise<string | null> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    if (!existsSync(REDIS_SERVER)) return `${REDIS_SERVER} is missing (tests start private Redis servers)`;
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

const reason = await unreachableReason();
if (reason !== null && process.env.CI) {
  throw new Error(`Redis at ${TEST_REDIS_URL} is unusable (${reason}). CI must run the Redis tests: start Redis there or set TEST_REDIS_URL.`);
}
if (reason !== null) {
  console.warn(`\n!!! SKIPPING the Redis tests: ${TEST_REDIS_URL} is unusable (${reason}).\n!!! Start Redis to run them; CI always does.\n`);
}

export const redisAvailable = reason === null;

/** A key prefix no other test uses. */
export function testPrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/** Closes (CLIENT KILL) this Redis's connections whose name contains `part`. */
export async function killConnections(url: string, part: string): Promise<number> {
  const admin = new Redis(url);
  try {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => / name=(\S+)/.exec(line)?.[1]?.includes(part))
      .map((line) => / ?id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}

export interface PrivateRedis {
  url: string;
  /** Stops the server (its data is gone: it keeps nothing on disk, like the CI service). */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A redis-server of the test's own on a free port, which it may stop and start again. */
export async function startPrivateRedis(defer: (task: () => unknown) => void): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child = started;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        if (Date.now() > deadline || started.exitCode !== null) throw new Error(`redis-server on port ${port} did not start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  defer(stop);
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}
