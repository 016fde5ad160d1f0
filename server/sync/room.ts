/**
 * A room is one loaded document: its Y.Doc, the peers connected to it (peer.ts), its presence
 * (roomPresence.ts), its link to other instances (busLink.ts) and when it may unload (idleClock.ts).
 *
 * The durability rule lives here: an update is applied to the room's doc, then the update *the
 * doc emits* (never the raw client bytes) is appended to storage, and only after the append has
 * resolved is it forwarded to other peers. All outgoing document data (forwarded updates and sync
 * step 2 answers) goes through one promise chain (persistence.ts), so nobody sees state that is
 * not on disk.
 *
 * With an update bus (several instances), what this room stores it then publishes, and what
 * other instances published (already stored by them) it applies and forwards to its own peers.
 * What the document is for (its write rule, presence mode, migrations) comes in through its
 * options, from the application's hooks (hooks.ts).
 */
import * as Y from 'yjs';
import type { Origin, RemoteOrigin } from '../../shared/model/origin';
import { CloseCode } from '../../shared/protocol';
import type { UpdateBus } from '../bus/bus';
import type { Logger } from '../log';
import { applyStoredState, type DocumentLog, type StoredState } from '../storage/store';
import { BusLink } from './busLink';
import { decodeMessage } from './decode';
import { StorageOutageError, TooLargeError } from './errors';
import { IdleClock } from './idleClock';
import type { Peer, WritePolicy } from './peer';
import { dropPending } from './pending';
import { Persistence } from './persistence';
import type { PresenceLimits } from './presence';
import { type PresenceIdentity, type PresenceMode, RoomPresence } from './roomPresence';

export type { PresenceIdentity, PresenceMode } from './roomPresence';

export { BadMessageError } from './decode';
import { permissionDeniedMessage, SyncAnswers, syncStep1Message, syncUpdateMessage } from './messages';

export type { Peer, WritePolicy } from './peer';

export interface RoomOptions {
  store: DocumentLog;
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
  /** [K6] When the room was last used, and who holds it loaded (rooms.ts reads and sets both). */
  readonly clock: IdleClock;
  private readonly closeListeners: (() => void)[] = [];
  private readonly persistence: Persistence;
  private status: RoomStatus = 'open';
  /** Why the room failed, for whoever waits on `flushed` (an HTTP write answers 507 or 503 by it). */
  private failure: unknown = null;

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    stored: StoredState,
    private readonly channel: BusLink | null,
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
    this.clock = new IdleClock({
      afterMs: options.idleUnloadMs,
      empty: () => this.peers.size === 0,
      waitsForStorage: () => this.persistence.inOutage,
      unload: () => this.options.onIdle(this),
    });
  }

  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    // The bus position is fixed before loading, so nothing published meanwhile is missed.
    const channel = await BusLink.open(options.bus, boardId, options.docKey);
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
      doc: room.doc,
      boardId,
      docKey: options.docKey,
      store: options.store,
      log: options.log,
      isOpen: () => room.isOpen,
      awareness: (update) => room.presence.fromBus(update),
    });
    room.clock.schedule();
    return room;
  }

  get docKey(): string {
    return this.options.docKey;
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

  /** Nobody is in it, nothing holds it and storage has all it has: it may be unloaded now. */
  get idle(): boolean {
    return this.status === 'open' && this.peers.size === 0 && !this.clock.held && !this.persistence.inOutage;
  }

  /** [K6] Unloads the room now (flushed, through `onIdle`) if it is idle; says whether it did. */
  evict(): boolean {
    if (!this.idle) return false;
    this.clock.cancel();
    this.options.onIdle(this);
    return true;
  }

  join(peer: Peer): void {
    if (this.status !== 'open') throw new Error(`Room ${this.boardId} is ${this.status}.`);
    this.clock.cancel();
    this.clock.touch();
    this.peers.add(peer);
    // Our state vector, so the client sends whatever it has that we lack (offline edits).
    peer.send(syncStep1Message(this.doc));
    this.presence.welcome(peer);
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.clock.touch();
    this.presence.release(peer);
    if (this.peers.size === 0 && !this.clock.held) this.clock.schedule();
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
          // [Z1] Nothing a peer sent waits for what it lacks (pending.ts says why).
          dropPending(this.doc);
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

  /** Persists what is pending, compacts, closes remaining peers and frees the doc. */
  async close(reason: string): Promise<void> {
    if (this.status === 'closed') return;
    this.clock.cancel();
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
