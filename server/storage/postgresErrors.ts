/** How the PostgreSQL store tells "storage is away, try later" from "PostgreSQL said no" (failures.ts). */
import { DatabaseError } from 'pg';
import { StorageUnavailableError } from './store';

/** A failure already put in words here (or raised by this store itself): passed on as it is. */
export class StoreError extends Error {}

/** SQLSTATE classes meaning "not now": connection exceptions, out of resources, operator intervention (shutdown, cancelled statement). */
const UNAVAILABLE_SQLSTATE = /^(08|53|57)/;

export function reasonOf(error: unknown): string {
  // Node reports a refused connection to a name with several addresses as an AggregateError with no message.
  if (error instanceof AggregateError && error.message === '') return error.errors.map(reasonOf).join('; ');
  return error instanceof Error ? error.message : String(error);
}

export function storageError(error: unknown, action: string): Error {
  if (error instanceof StorageUnavailableError || error instanceof StoreError) return error;
  if (isRefusal(error)) return new StoreError(`PostgreSQL refused to ${action}: ${error.message}`, { cause: error });
  return new StorageUnavailableError(`PostgreSQL is unavailable, could not ${action}: ${reasonOf(error)}`, { cause: error });
}

/** PostgreSQL answered and said no: the connection is fine, the request was not. */
export function isRefusal(error: unknown): error is DatabaseError {
  return error instanceof DatabaseError && !UNAVAILABLE_SQLSTATE.test(error.code ?? '');
}

export const closed = () => new StoreError('The PostgreSQL store is closed.');

/** Whether an append batch failed on its rows' content (a constraint), so each row can be retried alone. */
export function isRowRefusal(error: unknown): boolean {
  return error instanceof DatabaseError && (error.code ?? '').startsWith('23');
}
