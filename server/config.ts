import { resolve } from 'node:path';
import type { LogLevel } from './log';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: LogLevel;
  idleUnloadMs: number;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${value}".`);
  }
  return parsed;
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
  };
}
