/**
 * [N3] What a storage failure means for the people waiting on it. A full disk (SQLite's
 * SQLITE_FULL, the OS's ENOSPC) is told apart from other failures (I/O errors, a read-only or
 * vanished file, an unreachable database): HTTP answers 507 for the first and 503 for the others,
 * each with a sentence, and never 201 for something storage did not take.
 */
import type { ErrorCode } from '../../shared/errors';
import { StorageUnavailableError } from './store';

/** The disk is full: writes fail until space is freed (HTTP 507). */
export class StorageFullError extends StorageUnavailableError {
  override name = 'StorageFullError';
}

export type StorageFailure = 'full' | 'unavailable';

const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT', '53100' /* PostgreSQL disk_full */]);
/** Failures of the storage itself, as opposed to a bug or a refused request. */
const UNAVAILABLE_PREFIXES = [
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_PROTOCOL',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'EIO',
  'EROFS',
];

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** Says whether `error` (or its cause) is a storage failure, and which kind; null when it is not one. */
export function storageFailure(error: unknown, depth = 0): StorageFailure | null {
  if (error instanceof StorageFullError) return 'full';
  const code = codeOf(error);
  if (code && FULL_CODES.has(code)) return 'full';
  if (error instanceof StorageUnavailableError) return 'unavailable';
  if (code && UNAVAILABLE_PREFIXES.some((prefix) => code.startsWith(prefix))) return 'unavailable';
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && depth < 4 ? storageFailure(cause, depth + 1) : null;
}

/** The HTTP answer for a storage failure: status and a sentence for a person. */
export function storageAnswer(kind: StorageFailure): { status: 503 | 507; code: ErrorCode } {
  return kind === 'full' ? { status: 507, code: 'storage.full' } : { status: 503, code: 'storage.unavailableNothingSaved' };
}
