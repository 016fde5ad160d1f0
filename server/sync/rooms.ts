/**
 * The loaded documents of this server, one room each. A document is loaded on its first use, and
 * unloaded (flushed, compacted, freed) once it has had no connections for `idleUnloadMs`. A use
 * that arrives while its document is unloading waits for the unload, then loads it afresh.
 *
 * [K6] At most `maxBoards` boards are loaded: past that, opening one more unloads the board nobody
 * is in that was used longest ago, so boards opened and left (by anyone, in any number) never keep
 * a workshop out. Only when every loaded board has someone in it is the newcomer refused (4503).
 *
 * What a document is for (its write rule, presence mode, migrations, what it depends on) the
 * application says through its hooks (hooks.ts). A document that depends on another (a board's
 * write rule reads its control document) keeps that one loaded, and releases it when it unloads.
 */
import { CloseCode, docKey, type DocName, PERSON_REMOVED_REASON, type Role } from '../../shared/protocol';
import type { UpdateBus } from '../bus/bus';
import type { Logger } from '../log';
import type { DocumentLog } from '../storage/store';
import { ServerBusyError } from './errors';
import type { DocumentHooks } from './hooks';
import { DEFAULT_LIMITS } from './limits';
import type { PresenceLimits } from './presence';
import { type Peer, Room } from './room';

export interface RoomsOptions {
  store: DocumentLog;
  log: Logger;
  compactEvery: number;
  idleUnloadMs: number;
  /** Boards loaded at once; past it the least recently used idle board is unloaded (K6). */
  maxBoards: number;
  /** [K2] Presence entries per connection and per room (limits.ts defaults when absent). */
  presenceLimits?: PresenceLimits;
  /** A board's stored size past which its writers are refused (4413). */
  maxBoardBytes: number;
  /** Other instances holding the same boards (absent: this process is the only one). */
  bus?: UpdateBus | null;
  /** Bytes of updates a document keeps while storage is unreachable (persistence.ts); 0: strict. */
  outageBufferBytes?: number;
  /** What each document is for, and what happens on its load, changes and compaction. */
  hooks: DocumentHooks;
}

interface Entry {
  promise: Promise<Room>;
  /** Set once loaded. */
  room: Room | null;
}

const DEFAULT_PRESENCE_LIMITS: PresenceLimits = {
  idsPerMinute: DEFAULT_LIMITS.presenceIdsPerMinute,
  perRoom: DEFAULT_LIMITS.presencePerRoom,
  forgetMs: DEFAULT_LIMITS.presenceForgetMs,
};

const roomKey = (boardId: string, name: DocName) => `${boardId}/${docKey(name)}`;

export class Rooms {
  private readonly loaded = new Map<string, Entry>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomsOptions) {
    // [M5] A link replaced on another instance closes its sockets here too.
    options.bus?.onEvent((event) => {
      if (event.type === 'link-revoked') this.closeRevoked(event.boardId, event.role);
      else if (event.type === 'person-removed') this.closeRemoved(event.boardId, event.personId);
    });
  }

  async acquire(boardId: string, name: DocName = { kind: 'board' }): Promise<Room> {
    const key = roomKey(boardId, name);
    const existing = this.loaded.get(key);
    if (existing) {
      const room = await existing.promise;
      if (room.isOpen) {
        room.clock.touch();
        return room;
      }
    }
    await this.unloading.get(key);
    let entry = this.loaded.get(key);
    if (!entry) {
      // Made room for synchronously (the evicted board leaves `loaded` at once), so boards opened
      // together each evict their own; the load waits for the evicted board to be flushed.
      const evicted = name.kind === 'board' && this.size >= this.options.maxBoards ? this.evictLeastRecentlyUsed() : null;
      const created: Entry = { promise: evicted ? evicted.then(() => this.load(boardId, name, key)) : this.load(boardId, name, key), room: null };
      created.promise.then(
        (room) => (created.room = room),
        () => {
          if (this.loaded.get(key) === created) this.loaded.delete(key);
        },
      );
      this.loaded.set(key, created);
      entry = created;
    }
    return entry.promise;
  }

  private async load(boardId: string, name: DocName, key: string): Promise<Room> {
    const { hooks, ...options } = this.options;
    const dependsOn = hooks.dependsOn?.(name) ?? null;
    const dependency = dependsOn ? await this.acquire(boardId, dependsOn) : null;
    dependency?.clock.hold();
    try {
      const room = await Room.load(boardId, {
        ...options,
        presenceLimits: options.presenceLimits ?? DEFAULT_PRESENCE_LIMITS,
        ...hooks.documentSetup(name, dependency),
        docKey: docKey(name),
        onLoad: (room) => hooks.onLoad?.(room, name),
        onChange: (room) => hooks.onChange?.(room, name),
        beforeApply: (room, peer, update) => hooks.beforeApply?.(room, peer, update) ?? null,
        afterCompaction: async (room) => hooks.afterCompaction?.(room, name),
        onIdle: (room) => {
          if (this.loaded.get(key)?.room !== room && this.unloading.has(key)) return;
          this.unload(room, key);
          dependency?.clock.release();
        },
      });
      // Its write rule reads the document it depends on: without that one, it stops too.
      dependency?.whenClosed(() => room.abandon('Board controls unavailable, retry shortly'));
      return room;
    } catch (error) {
      dependency?.clock.release();
      throw error;
    }
  }

  /**
   * [K6] Unloads the board nobody is in that was used longest ago; resolves once it is flushed.
   * Throws ServerBusyError when every loaded board has someone in it (or is still loading).
   */
  private evictLeastRecentlyUsed(): Promise<void> {
    let victim: Room | null = null;
    for (const entry of this.loaded.values()) {
      const room = entry.room;
      if (!room || room.docKey !== '' || !room.idle) continue;
      if (!victim || room.clock.lastUsed < victim.clock.lastUsed) victim = room;
    }
    const key = victim && roomKey(victim.boardId, { kind: 'board' });
    if (!victim || !key || !victim.evict()) {
      throw new ServerBusyError(`${this.size} boards are loaded and every one has people in it`);
    }
    this.options.log.debug('least recently used board evicted', { board: victim.boardId });
    const boardId = victim.boardId;
    const dependsOn = this.options.hooks.dependsOn?.({ kind: 'board' }) ?? null;
    // What it depends on goes too once the board is flushed (the board's write rule reads it
    // until then), unless something holds it again meanwhile.
    return (this.unloading.get(key) ?? Promise.resolve()).then(() => {
      if (dependsOn) this.peek(boardId, dependsOn)?.evict();
    });
  }

  /** The loaded room, if any, without loading it. */
  peek(boardId: string, name: DocName = { kind: 'board' }): Room | null {
    const room = this.loaded.get(roomKey(boardId, name))?.room;
    return room?.isOpen ? room : null;
  }

  /** Every loaded room of a board. */
  ofBoard(boardId: string): Room[] {
    const rooms: Room[] = [];
    for (const entry of this.loaded.values()) {
      if (entry.room?.isOpen && entry.room.boardId === boardId) rooms.push(entry.room);
    }
    return rooms;
  }

  /** Closes the connections of a board that `which` selects, in every document. */
  closePeers(boardId: string, which: (peer: Peer) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const room of this.ofBoard(boardId)) closed += room.closePeers(which, code, reason);
    return closed;
  }

  /** [WA2] Closes every socket of the board that used the role's old link, on every instance. */
  revokeLink(boardId: string, role: Role): number {
    this.options.bus?.publishEvent({ type: 'link-revoked', boardId, role });
    return this.closeRevoked(boardId, role);
  }

  /** Closes every socket a removed person opened with their seat, on every instance. */
  closePerson(boardId: string, personId: string): number {
    this.options.bus?.publishEvent({ type: 'person-removed', boardId, personId });
    return this.closeRemoved(boardId, personId);
  }

  private closeRemoved(boardId: string, personId: string): number {
    return this.closePeers(boardId, (peer) => peer.personId === personId, CloseCode.Forbidden, PERSON_REMOVED_REASON);
  }

  private closeRevoked(boardId: string, role: Role): number {
    return this.closePeers(boardId, (peer) => peer.role === role, CloseCode.LinkRevoked, 'This link was revoked');
  }

  private unload(room: Room, key: string): void {
    if (this.loaded.get(key)?.room === room) this.loaded.delete(key);
    const done = room
      .close('Board unloaded')
      .catch((error: unknown) => this.options.log.error('unloading board failed', { board: room.boardId, error }))
      .finally(() => this.unloading.delete(key));
    this.unloading.set(key, done);
    this.options.log.debug('document unloaded', { board: room.boardId, doc: room.docKey });
  }

  /** Loaded boards (their control and private documents are not counted). */
  get size(): number {
    let boards = 0;
    for (const key of this.loaded.keys()) if (key.endsWith('/')) boards++;
    return boards;
  }

  /** Bytes of updates, over every loaded document, waiting for storage to come back. */
  get unstoredBytes(): number {
    let bytes = 0;
    for (const entry of this.loaded.values()) bytes += entry.room?.unstoredBytes ?? 0;
    return bytes;
  }

  /** Loaded documents of every kind. */
  get documents(): number {
    return this.loaded.size;
  }

  async closeAll(reason: string): Promise<void> {
    const rooms = await Promise.all([...this.loaded.values()].map((e) => e.promise.catch(() => null)));
    this.loaded.clear();
    // Boards first: a board is flushed while its control document is still open.
    await Promise.all(rooms.filter((room) => room?.docKey === '').map((room) => room?.close(reason)));
    await Promise.all(rooms.filter((room) => room?.docKey !== '').map((room) => room?.close(reason)));
    await Promise.all(this.unloading.values());
  }
}
