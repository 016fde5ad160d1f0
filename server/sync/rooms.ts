/**
 * The loaded rooms of this server. A board is loaded on its first connection, and unloaded
 * (flushed, compacted, freed) once it has had no connections for `idleUnloadMs`. A connection
 * that arrives while its board is unloading waits for the unload, then loads it afresh.
 */
import type { Logger } from '../log';
import type { BoardStore } from '../storage/store';
import { Room } from './room';

export interface RoomsOptions {
  store: BoardStore;
  log: Logger;
  compactEvery: number;
  idleUnloadMs: number;
}

interface Entry {
  promise: Promise<Room>;
  /** Set once loaded. */
  room: Room | null;
}

export class Rooms {
  private readonly loaded = new Map<string, Entry>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomsOptions) {}

  async acquire(boardId: string): Promise<Room> {
    const existing = this.loaded.get(boardId);
    if (existing) {
      const room = await existing.promise;
      if (room.isOpen) return room;
    }
    await this.unloading.get(boardId);
    let entry = this.loaded.get(boardId);
    if (!entry) {
      const created: Entry = {
        promise: Room.load(boardId, { ...this.options, onIdle: (room) => this.unload(room) }),
        room: null,
      };
      created.promise.then(
        (room) => (created.room = room),
        () => this.loaded.delete(boardId),
      );
      this.loaded.set(boardId, created);
      entry = created;
    }
    return entry.promise;
  }

  /** The loaded room, if any, without loading it. */
  peek(boardId: string): Room | null {
    const room = this.loaded.get(boardId)?.room;
    return room?.isOpen ? room : null;
  }

  private unload(room: Room): void {
    if (this.loaded.get(room.boardId)?.room === room) this.loaded.delete(room.boardId);
    const done = room
      .close('Board unloaded')
      .catch((error: unknown) => this.options.log.error('unloading board failed', { board: room.boardId, error }))
      .finally(() => this.unloading.delete(room.boardId));
    this.unloading.set(room.boardId, done);
    this.options.log.debug('board unloaded', { board: room.boardId });
  }

  get size(): number {
    return this.loaded.size;
  }

  async closeAll(reason: string): Promise<void> {
    const rooms = await Promise.all([...this.loaded.values()].map((e) => e.promise.catch(() => null)));
    this.loaded.clear();
    await Promise.all(rooms.map((room) => room?.close(reason)));
    await Promise.all(this.unloading.values());
  }
}
