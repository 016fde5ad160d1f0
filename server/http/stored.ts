/**
 * [N3] An HTTP write answers success only once storage has it: this waits for the room's storage
 * chain. A failed room rethrows its storage error, which the server answers 507 or 503
 * (storage/failures.ts); with an outage buffer (PostgreSQL) the change is kept but not yet stored,
 * and the answer says so.
 */
import { StorageOutageError } from '../sync/errors';
import type { Room } from '../sync/room';
import { HttpError } from './respond';

export async function whenStored(room: Room): Promise<void> {
  try {
    await room.flushed();
  } catch (error) {
    if (error instanceof StorageOutageError) {
      throw new HttpError(503, 'storage.unavailable');
    }
    throw error;
  }
}
