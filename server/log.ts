/**
 * Structured logs: one JSON object per line on stderr, written by pino.
 *
 *   {"level":"info","time":"2026-01-01T12:00:00.000Z","pid":41,"hostname":"web-1","msg":"shutdown phase","phase":"flush boards"}
 *
 * Fields a caller passes are merged into the line; an `Error` anywhere among them is written as
 * `{ type, message, stack }` (pino's err serializer), so a crash's cause survives log shipping.
 */
import { type DestinationStream, pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Shared by every logger of the process. Synchronous: a line is on fd 2 before the call returns,
 * so the last lines before `process.exit` or a crash are never lost in a buffer.
 */
let stderr: DestinationStream | null = null;

function serialize(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? pino.stdSerializers.err(value) : value;
  return out;
}

/**
 * `bindings` are added to every line (`{ instance: 'web-1' }`), so the lines of several processes
 * behind one log collector can be told apart; `pid` and `hostname` are always there.
 */
export function createLogger(level: LogLevel, bindings: Record<string, string | number> = {}): Logger {
  if (level === 'silent') return { debug() {}, info() {}, warn() {}, error() {} };
  stderr ??= pino.destination({ fd: 2, sync: true });
  const logger = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stderr,
  ).child(bindings);
  const write = (at: Exclude<LogLevel, 'silent'>) => (message: string, fields?: Record<string, unknown>) => {
    if (fields) logger[at](serialize(fields), message);
    else logger[at](message);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
