import { resolve } from 'node:path';
import type { LogLevel } from './log';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  idleUnloadMs: number;
  /** The address people use to reach this server (behind a proxy or TLS); links are built on it. */
  publicUrl: string | null;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return parsed;
}

function publicUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://board.example.org; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('PUBLIC_URL must start with http:// or https://.');
  return url.origin;
}

const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}.`);
  return {
    port: integer('PORT', env.PORT, 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || 'data'),
    logLevel,
    idleUnloadMs: integer('IDLE_UNLOAD_MS', env.IDLE_UNLOAD_MS, 30_000, 100, 86_400_000),
    publicUrl: publicUrl(env.PUBLIC_URL),
  };
}
