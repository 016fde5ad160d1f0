/**
 * A room is one loaded board: its Y.Doc, its presence (roomPresence.ts) and the peers connected to it.
 *
 * The durability rule lives here: an update is applied to the room's doc, then the update *the
 * doc emits* (never the raw client bytes) is appended to storage, and only after the append has
 * resolved is it forwarded to other peers. All outgoing document data (forwarded updates and sync
 * step 2 answers) goes through one promise chain (persistence.ts), so nobody sees state that is
 * not on disk.
 *
 * With an update bus (several instances), what this room stores it then publishes, and what
 * other instances published (already stored by them) it applies and forwards to its own peers.
 */
import * as Y from 'yjs';
import type { BusOrigin, Origin, RemoteOrigin } from '../../shared/model/origin';
import { CloseCode, type Role } from '../../shared/protocol';
import type { BusChannel, UpdateBus } from '../bus/bus';
import type { Logger } from '../log';
import { applyStoredState, type BoardStore, type StoredState } from '../storage/store';
import { StorageOutageError, TooLargeError } from './errors';
import { Persistence } from './persistence';
import { decodeMessage } from './decode';
import type { PresenceLimits } from './presence';
import { RoomPresence, type PresenceIdentity, type PresenceMode } from './roomPresence';

export type { PresenceIdentity, PresenceMode } from './roomPresence';

export { BadMessageError } from './decode';
import { permissionDeniedMessage, SyncAnswers, syncStep1Message, syncUpdateMessage } from './messages';

/** A connection as the room sees it. */
export interface Peer {
  readonly origin: RemoteOrigin;
  readonly role: Role;
  /** The person whose seat the connection presented, if any. */
  readonly personId: string | null;
  /**
   * Who this connection is, as presence shows it: from the server's record of its seat, never the
   * client's claim. Null without a seat (viewers): presence then shows the role and the given name.
   */
  identity: PresenceIdentity | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * How a room treats its peers' document updates: the whole write rule of the document. Refused
 * updates are dropped; the peer keeps them, and they arrive if the rule later allows (`resync`).
 */
export type WritePolicy = (peer: Peer, update: Uint8Array, doc: Y.Doc, explain?: (reason: string) => void) => boolean;

export interface RoomOptions {
  store: BoardStore;
  log: Logger;
  /** The document's storage key within the board ('' for the board itself). */
  docKey: string;
  mayWrite: WritePolicy;
  presence: PresenceMode;
  /** Runs once the stored state is applied, with the room listening (hooks.ts `onLoad`). */
  onLoad?(room: Room): void;
  /** Called after each change of the document, whoever made it. */
  onChange?(room: Room): void;
  /** Called after the update log was folded into a snapshot. */
  afterCompaction?(room: Room): Promise<void>;
  /** Compact the update log into a snapshot once it holds this many entries. */
  compactEvery: number;
  /** Stored size (snapshot plus log) past which peers' updates are refused with 4413. */
  maxBoardBytes: number;
  /** Other instances holding this document (absent: this process is the only one). */
  bus?: UpdateBus | null;
  /** See persistence.ts: 0 (strict) fails the room when storage fails. */
  outageBufferBytes?: number;
  idleUnloadMs: number;
  onIdle(room: Room): void;
  /** [K2] Presence entries per connection and per room. */
  presenceLimits: PresenceLimits;
  /** [N1] Sees a peer's update before it is applied; a returned step is stored ahead of it. */
  beforeApply?(room: Room, peer: Peer, update: Uint8Array): (() => Promise<void>) | null;
}


type RoomStatus = 'open' | 'failed' | 'closed';

/** Updates from other instances: stored by them already, or (their storage was down) not yet. */
const FROM_BUS_STORED: BusOrigin = { kind: 'bus', stored: true };
const FROM_BUS_UNSTORED: BusOrigin = { kind: 'bus', stored: false };
const RELOAD_RETRY_MS = 2_000;

export class Room {
  readonly doc = new Y.Doc();
  private readonly peers = new Set<Peer>();
  private readonly presence = new RoomPresence<Peer>(this.doc, {
    // Read when used: the options are not set yet while fields are initialised.
    mode: () => this.options.presence,
    limits: () => this.options.presenceLimits,
    peers: () => this.peers,
    has: (peer) => this.peers.has(peer),
    open: () => this.status === 'open',
    publish: (update) => this.channel?.publishAwareness(update),
    warn: (message, error) => this.options.log.warn(message, { board: this.boardId, error }),
  });
  private readonly syncAnswers = new SyncAnswers(this.doc);
  /** [K6] When a peer last joined or left, or the room was last acquired: eviction takes the oldest. */
  private usedAt = Date.now();
  /** Other rooms that keep this one loaded (the board keeps its control room). */
  private holds = 0;
  private readonly closeListeners: (() => void)[] = [];
  private readonly persistence: Persistence;
  private status: RoomStatus = 'open';
  private idleTimer: NodeJS.Timeout | null = null;
  private reloading = false;
  /** Why the room failed, for whoever waits on `flushed` (an HTTP write answers 507 or 503 by it). */
  private failure: unknown = null;

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    stored: StoredState,
    private readonly channel: BusChannel | null,
  ) {
    this.persistence = new Persistence(
      {
        store: options.store,
        log: options.log,
        boardId,
        docKey: options.docKey,
        compactEvery: options.compactEvery,
        outageBufferBytes: options.outageBufferBytes ?? 0,
        onFail: (error) => this.fail(error),
      },
      {
        lastSeq: stored.updates.at(-1)?.seq ?? 0,
        logLength: stored.updates.length,
        storedBytes: storedSize(stored),
      },
    );
  }

  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    // The bus position is fixed before loading, so nothing published meanwhile is missed.
    const channel = options.bus ? await options.bus.open(boardId, options.docKey) : null;
    let stored: StoredState;
    try {
      stored = await options.store.loadState(boardId, options.docKey);
    } catch (error) {
      channel?.close();
      throw error;
    }
    const room = new Room(boardId, options, stored, channel);
    try {
      // [N5] A damaged document is refused whole (DamagedBoardError), never served in part.
      applyStoredState(room.doc, stored);
    } catch (error) {
      channel?.close();
      throw error;
    }
    // Listen before `onLoad`, so a migration's changes are persisted like any other update.
    room.doc.on('update', room.onDocUpdate);
    options.onLoad?.(room);
    channel?.start({
      update: (update, stored) => room.applyFromBus(update, stored),
      awareness: (update) => room.presence.fromBus(update),
      resync: () => void room.reload(),
    });
    room.scheduleIdleCheck();
    return room;
  }

  get docKey(): string {
    return this.options.docKey;
  }

  /** Keeps the room loaded while another room depends on it. */
  hold(): void {
    this.holds++;
    this.cancelIdleCheck();
  }

  release(): void {
    this.holds--;
    if (this.holds === 0 && this.peers.size === 0) this.scheduleIdleCheck();
  }

  get isOpen(): boolean {
    return this.status === 'open';
  }

  /** Who is present (read-only use: health checks and tests). */
  get awareness(): RoomPresence<Peer>['awareness'] {
    return this.presence.awareness;
  }

  /** Bytes of updates waiting for storage to come back (persistence.ts). */
  get unstoredBytes(): number {
    return this.persistence.pendingBytes;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Sync step 2 answers this room has encoded (K5: tests count them). */
  get syncEncodes(): number {
    return this.syncAnswers.encodes;
  }

  get lastUsed(): number {
    return this.usedAt;
  }

  touch(): void {
    this.usedAt = Date.now();
  }

  /** Nobody is in it, nothing holds it and storage has all it has: it may be unloaded now. */
  get idle(): boolean {
    return this.status === 'open' && this.peers.size === 0 && this.holds === 0 && !this.persistence.inOutage;
  }

  /** [K6] Unloads the room now (flushed, through `onIdle`) if it is idle; says whether it did. */
  evict(): boolean {
    if (!this.idle) return false;
    this.cancelIdleCheck();
    this.options.onIdle(this);
    return true;
  }

  join(peer: Peer): void {
    if (this.status !== 'open') throw new Error(`Room ${this.boardId} is ${this.status}.`);
    this.cancelIdleCheck();
    this.touch();
    this.peers.add(peer);
    // Our state vector, so the client sends whatever it has that we lack (offline edits).
    peer.send(syncStep1Message(this.doc));
    this.presence.welcome(peer);
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.touch();
    this.presence.release(peer);
    if (this.peers.size === 0 && this.holds === 0) this.scheduleIdleCheck();
  }

  /** A person renamed themselves: their connections show the new name from their next presence update. */
  updateIdentity(personId: string, identity: Pick<PresenceIdentity, 'name' | 'cluster'>): void {
    for (const peer of this.peers) {
      if (peer.personId === personId && peer.identity) peer.identity = { ...peer.identity, ...identity };
    }
  }

  /** Closes the connections `which` selects (a revoked link), leaving the others. */
  closePeers(which: (peer: Peer) => boolean, code: number, reason: string): number {
    const closing = [...this.peers].filter(which);
    for (const peer of closing) peer.close(code, reason);
    return closing.length;
  }

  /**
   * Asks every peer for what it has that the room lacks (sync step 1). After a lock lifts, edits
   * that were refused during it arrive this way instead of waiting for the next reconnect.
   */
  resync(): void {
    if (this.status !== 'open') return;
    const message = syncStep1Message(this.doc);
    for (const peer of this.peers) peer.send(message);
  }

  /**
   * Handles one y-websocket message from a peer. The message is decoded in full first: anything
   * malformed throws BadMessageError before the board or presence has changed (the socket is then
   * closed with 4400). An error while applying a well-formed message is the server's, not the
   * client's, and propagates as is.
   */
  receive(peer: Peer, message: Uint8Array): void {
    const decoded = decodeMessage(message);
    switch (decoded.type) {
      case 'state-vector': {
        // Encode now, not when sent: every update already in the doc has its append queued ahead
        // of this answer, while updates applied in the meantime reach this peer after their own
        // appends. Encoding later would leak those into the answer before they are stored.
        const answer = this.syncAnswers.answer(decoded.stateVector);
        this.afterPersisted(() => peer.send(answer));
        return;
      }
      case 'update': {
        // An empty update (every client's first sync answer when it has nothing new) changes
        // nothing: no rule needs to judge it, and nobody is told it was refused.
        if (decoded.update.byteLength <= 2) return;
        // [P3] A viewer syncs down only; [W1-W6] the document's write policy decides the rest. A
        // refusal is told to the writer with y-websocket's own "permission denied" message.
        const explain = (reason: string) => peer.send(permissionDeniedMessage(reason));
        if (!this.options.mayWrite(peer, decoded.update, this.doc, explain)) return;
        // [Z3] A board past its size limit takes no more, [G6] except deletions, so that it can be
        // brought back under the limit (compaction then drops what they removed).
        if (this.persistence.storedBytes > this.options.maxBoardBytes && !onlyDeletes(decoded.update)) {
          throw new TooLargeError(`the board holds ${this.persistence.storedBytes} bytes`);
        }
        // [M4] Storage is away and the room keeps no more in memory: the writer keeps its edits
        // and resends them when it reconnects (4503).
        if (this.persistence.outageBufferFull) {
          throw new StorageOutageError(`${this.persistence.pendingBytes} bytes wait for storage`);
        }
        const before = this.options.beforeApply?.(this, peer, decoded.update);
        if (before) this.afterPersisted(before);
        try {
          Y.applyUpdate(this.doc, decoded.update, peer.origin);
        } finally {
          // [Z1] What Yjs cannot apply yet (items that depend on, or deletions of, items it does
          // not have) it keeps, to apply when those arrive. A client has nothing the server lacks
          // but its own unsent or refused changes, and its next sync step 2 brings them with all
          // they need (W7), so nothing honest has to wait here. What waits can only do harm: a
          // deletion hits another writer's next items when they come, and waiting structs, merged
          // into every sync step 2 this server answers, can replace what newcomers see of a
          // client's real ones.
          this.dropPending();
        }
        return;
      }
      case 'awareness':
        this.presence.apply(peer, decoded.entries);
        return;
    }
  }


  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const from = origin as Origin | null;
    // Counted now, not once stored: the next message is judged by what the board will hold.
    this.persistence.storedBytes += update.byteLength;
    if (from?.kind === 'bus' && from.stored) {
      // [M1] Another instance stored it before publishing: only this room's peers need it.
      this.afterPersisted(() => this.broadcast(update, null));
    } else {
      const sender = from?.kind === 'remote' ? from : null;
      this.afterPersisted(async () => {
        const stored = await this.persistence.append(update);
        this.broadcast(update, sender);
        // What came over the bus is not published again: every instance heard it already.
        if (from?.kind !== 'bus') this.channel?.publishUpdate(update, stored);
        if (stored && (await this.persistence.compactIfDue(() => Y.encodeStateAsUpdate(this.doc)))) await this.afterCompaction();
      });
    }
    this.options.onChange?.(this);
  };

  private broadcast(update: Uint8Array, sender: RemoteOrigin | null): void {
    const message = syncUpdateMessage(update);
    for (const peer of this.peers) {
      if (peer.origin !== sender) peer.send(message);
    }
  }

  /** Runs `step` after everything queued before it has been persisted (persistence.ts). */
  private afterPersisted(step: () => void | Promise<void>): void {
    this.persistence.then(async () => {
      if (this.status === 'open') await step();
    });
  }

  private async compact(): Promise<void> {
    if (await this.persistence.compact(() => Y.encodeStateAsUpdate(this.doc))) await this.afterCompaction();
  }

  private async afterCompaction(): Promise<void> {
    await this.options.afterCompaction?.(this);
  }

  /**
   * [M1] An update another instance published. Its dependencies were stored before it was (each
   * instance stores before publishing), so if Yjs cannot place it yet, storage has what it lacks.
   */
  private applyFromBus(update: Uint8Array, stored: boolean): void {
    if (this.status !== 'open') return;
    let incomplete = false;
    try {
      Y.applyUpdate(this.doc, update, stored ? FROM_BUS_STORED : FROM_BUS_UNSTORED);
    } catch (error) {
      this.options.log.warn('an update from another instance failed to apply', { board: this.boardId, doc: this.docKey, error });
      incomplete = true;
    } finally {
      // Never left waiting: a peer's update clears what waits (see receive).
      incomplete = this.dropPending() || incomplete;
    }
    if (incomplete) void this.reload();
  }

  /**
   * [M2] The bus may have missed deliveries: applies what storage holds (only what this doc lacks
   * changes anything, and goes to the peers). Retried while storage is away.
   */
  private async reload(): Promise<void> {
    if (this.reloading || this.status !== 'open') return;
    this.reloading = true;
    try {
      const stored = await this.options.store.loadState(this.boardId, this.options.docKey);
      if (this.status !== 'open') return;
      applyStoredState(this.doc, stored, FROM_BUS_STORED);
      this.dropPending();
    } catch (error) {
      this.options.log.warn('reloading from storage failed; retrying', { board: this.boardId, doc: this.docKey, error });
      setTimeout(() => void this.reload(), RELOAD_RETRY_MS).unref();
    } finally {
      this.reloading = false;
    }
  }

  /** Forgets what Yjs holds back for lack of its dependencies; says whether anything was held. */
  private dropPending(): boolean {
    const held = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    this.doc.store.pendingStructs = null;
    this.doc.store.pendingDs = null;
    return held;
  }

  private fail(error: unknown): void {
    if (this.status !== 'open') return;
    this.failure = error;
    this.options.log.error('storage failed; closing room', { board: this.boardId, doc: this.docKey, error });
    this.abandon('Storage unavailable, retry shortly');
  }

  /** Resolves once everything changed so far is stored; rejects if the room could not store it. */
  async flushed(): Promise<void> {
    await this.persistence.settled();
    if (this.persistence.inOutage) throw new StorageOutageError(`the ${this.docKey || 'board'} document of ${this.boardId} waits for storage`);
    if (this.status !== 'open') throw this.failure ?? new Error(`The ${this.docKey || 'board'} document of ${this.boardId} is ${this.status}.`);
  }

  /** Runs `listener` once this room stops serving (closed, or failed). */
  whenClosed(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /**
   * Stops serving without flushing: peers are told to reconnect later (4503), and their providers
   * resend what the server lacks to a fresh room. For storage failures, and for a board whose
   * control document failed (its write rule would read a dead document).
   */
  abandon(reason: string): void {
    if (this.status !== 'open') return;
    this.status = 'failed';
    this.persistence.stop();
    this.channel?.close();
    for (const listener of this.closeListeners.splice(0)) listener();
    for (const peer of this.peers) peer.close(CloseCode.GoingAway, reason);
    this.peers.clear();
    this.options.onIdle(this);
  }

  private scheduleIdleCheck(): void {
    this.cancelIdleCheck();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      // [M4] Updates that wait for storage keep the room loaded: nobody else may hold them.
      if (this.persistence.inOutage) this.scheduleIdleCheck();
      else if (this.peers.size === 0 && this.holds === 0) this.options.onIdle(this);
    }, this.options.idleUnloadMs);
    this.idleTimer.unref();
  }

  private cancelIdleCheck(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Persists what is pending, compacts, closes remaining peers and frees the doc. */
  async close(reason: string): Promise<void> {
    if (this.status === 'closed') return;
    this.cancelIdleCheck();
    for (const peer of this.peers) peer.close(CloseCode.GoingAway, reason);
    this.peers.clear();
    await this.persistence.settled();
    if (this.status === 'open') {
      try {
        await this.compact();
      } catch (error) {
        this.options.log.error('compaction on close failed', { board: this.boardId, error });
      }
    }
    const unstored = this.persistence.stop();
    if (unstored > 0) {
      // Everyone who saw these still has them, and resends them to the next server they reach.
      this.options.log.error('closing with updates storage never took', { board: this.boardId, doc: this.docKey, updates: unstored });
    }
    this.status = 'closed';
    this.channel?.close();
    for (const listener of this.closeListeners.splice(0)) listener();
    this.presence.destroy();
    this.doc.destroy();
  }
}

function storedSize(stored: StoredState): number {
  return (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.data.byteLength, 0);
}

/** An update that adds no struct, only deletions (a struct's clock range shows in `to`). */
function onlyDeletes(update: Uint8Array): boolean {
  return Y.parseUpdateMeta(update).to.size === 0;
}
