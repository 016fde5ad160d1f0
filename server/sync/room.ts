/**
 * A room is one loaded board: its Y.Doc, its awareness and the peers connected to it.
 *
 * The durability rule lives here: an update is applied to the room's doc, then the update *the
 * doc emits* (never the raw client bytes) is appended to storage, and only after the append has
 * resolved is it forwarded to other peers. All outgoing document data (forwarded updates and sync
 * step 2 answers) goes through one promise chain, so nobody sees state that is not on disk.
 */
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { migrate } from '../../shared/model/migrations';
import { serverOrigin, type Origin, type RemoteOrigin } from '../../shared/model/origin';
import { readMeta } from '../../shared/view/boardView';
import { CloseCode, MessageType, type Role } from '../../shared/protocol';
import type { Logger } from '../log';
import { applyStoredState, type BoardStore } from '../storage/store';
import { TooLargeError } from './errors';
import { decodeAwarenessUpdate, Presence } from './presence';
import { awarenessMessage, permissionDeniedMessage, syncStep1Message, syncStep2Message, syncUpdateMessage } from './messages';

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
 * A connection without a seat (a viewer, or a script): the name it gives is shown with its role,
 * under an id of its socket, so it can never pass for a person who joined.
 */
function unseatedIdentity(peer: Peer, claimed: unknown): PresenceIdentity {
  const name = (claimed as { name?: unknown } | null)?.name;
  return {
    id: `${peer.role}:${peer.origin.connectionId}`,
    name: typeof name === 'string' && name.trim() ? name.trim().slice(0, 60) : 'Guest',
    cluster: null,
    role: peer.role,
  };
}

export interface PresenceIdentity {
  id: string;
  name: string;
  /** A `ClusterRef`, or null. */
  cluster: string | null;
  role: Role;
}

/**
 * How a room treats its peers' document updates: the whole write rule of the document. Refused
 * updates are dropped; the peer keeps them, and they arrive if the rule later allows (`resync`).
 */
export type WritePolicy = (peer: Peer, update: Uint8Array, doc: Y.Doc, explain?: (reason: string) => void) => boolean;

/**
 * Presence: 'shared' rooms relay everyone's presence to everyone (the board); 'echo' rooms only
 * answer each client with its own, which keeps y-websocket's liveness check happy.
 */
export type PresenceMode = 'shared' | 'echo';

export interface RoomOptions {
  store: BoardStore;
  log: Logger;
  /** The document's storage key within the board ('' for the board itself). */
  docKey: string;
  mayWrite: WritePolicy;
  presence: PresenceMode;
  /** Called after each change of the document, whoever made it. */
  onChange?(room: Room): void;
  /** Compact the update log into a snapshot once it holds this many entries. */
  compactEvery: number;
  /** Stored size (snapshot plus log) past which peers' updates are refused with 4413. */
  maxBoardBytes: number;
  idleUnloadMs: number;
  onIdle(room: Room): void;
}

export class BadMessageError extends Error {
  override readonly name = 'BadMessageError';
}

/**
 * [Z1] What Yjs decodes but cannot apply, found by fuzzing; all of it is malformed (4400):
 * - A struct or deletion reaching past clock 2^53 - 1. Clocks are JavaScript numbers written as
 *   varints: past that they are no longer exact and, from 2^56 on, lib0 refuses to read them, so
 *   the document's state vector (sent to everyone who joins) and its snapshot would be unreadable.
 * - A struct or deletion of length 0, which Yjs never writes and throws on halfway through.
 * - An item whose origin, right origin or parent is its own client's at the same or a later clock.
 *   Yjs writes a client's items after what they refer to; applying one that refers ahead throws
 *   halfway through the update.
 */
function checkStructs(update: ParsedUpdate): void {
  for (const struct of update.structs) {
    if (struct.id.clock + struct.length > Number.MAX_SAFE_INTEGER) throw new BadMessageError('a struct reaches past the largest clock');
    if (struct.length < 1) throw new BadMessageError('an empty struct');
    if (!(struct instanceof Y.Item)) continue;
    const { client, clock } = struct.id;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (ref instanceof Y.ID && ref.client === client && ref.clock >= clock) throw new BadMessageError('an item refers to a later item of its own client');
    }
  }
  for (const ranges of update.ds.clients.values()) {
    for (const range of ranges) {
      if (range.clock + range.len > Number.MAX_SAFE_INTEGER) throw new BadMessageError('a deletion reaches past the largest clock');
      if (range.len < 1) throw new BadMessageError('an empty deletion');
    }
  }
}

type ParsedUpdate = ReturnType<typeof Y.decodeUpdate>;

type RoomStatus = 'open' | 'failed' | 'closed';

type DecodedMessage =
  | { type: 'state-vector'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: ReturnType<typeof decodeAwarenessUpdate> };

export class Room {
  readonly doc = new Y.Doc();
  private readonly peers = new Set<Peer>();
  private readonly presence = new Presence<Peer>(
    this.doc,
    (changed, owner) => {
      // Sent to everyone, the sender too: y-websocket treats silence as a dead connection.
      const message = awarenessMessage(this.presence.awareness, changed);
      if (this.options.presence === 'shared') {
        for (const peer of this.peers) peer.send(message);
      } else if (owner && this.peers.has(owner)) {
        owner.send(message);
      }
    },
    {
      identify: (peer, claimed) => peer.identity ?? unseatedIdentity(peer, claimed),
      mayTakeOver: (current, next) => current.personId !== null && current.personId === next.personId,
    },
  );
  /** Other rooms that keep this one loaded (the board keeps its control room). */
  private holds = 0;
  private readonly closeListeners: (() => void)[] = [];
  private persisted: Promise<void> = Promise.resolve();
  private status: RoomStatus = 'open';
  private lastSeq: number;
  private logLength: number;
  /** What storage holds of this document: the snapshot's bytes plus the log's. */
  private storedBytes: number;
  private idleTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    loaded: { lastSeq: number; logLength: number; storedBytes: number },
  ) {
    this.lastSeq = loaded.lastSeq;
    this.logLength = loaded.logLength;
    this.storedBytes = loaded.storedBytes;
  }

  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const stored = await options.store.loadState(boardId, options.docKey);
    const room = new Room(boardId, options, {
      lastSeq: stored.updates.at(-1)?.seq ?? 0,
      logLength: stored.updates.length,
      storedBytes: (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.data.byteLength, 0),
    });
    applyStoredState(room.doc, stored);
    // Listen before migrating, so a migration's changes are persisted like any other update.
    room.doc.on('update', room.onDocUpdate);
    if (options.docKey === '') room.migrate();
    room.scheduleIdleCheck();
    return room;
  }

  private migrate(): void {
    const migration = migrate(this.doc, serverOrigin('migration'));
    const board = this.boardId;
    if (migration.status === 'migrated') {
      this.options.log.info('board migrated', { board, from: migration.from, to: migration.to, applied: migration.applied });
    } else if (migration.status === 'newer') {
      this.options.log.warn('board was written by a newer Clusterboard', { board, version: migration.version });
    }
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

  get title(): string {
    return readMeta(this.doc).title;
  }

  /** Who is present (read-only use: health checks and tests). */
  get awareness(): Presence<Peer>['awareness'] {
    return this.presence.awareness;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    if (this.status !== 'open') throw new Error(`Room ${this.boardId} is ${this.status}.`);
    this.cancelIdleCheck();
    this.peers.add(peer);
    // Our state vector, so the client sends whatever it has that we lack (offline edits).
    peer.send(syncStep1Message(this.doc));
    // Who is here: only where presence is shared (elsewhere each client hears only its own).
    const present = this.options.presence === 'shared' ? this.presence.clientIds() : [];
    if (present.length > 0) peer.send(awarenessMessage(this.presence.awareness, present));
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
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
    const decoded = this.decode(message);
    switch (decoded.type) {
      case 'state-vector': {
        // Encode now, not when sent: every update already in the doc has its append queued ahead
        // of this answer, while updates applied in the meantime reach this peer after their own
        // appends. Encoding later would leak those into the answer before they are stored.
        const answer = syncStep2Message(this.doc, decoded.stateVector);
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
        // [Z3] A board past its size limit takes no more.
        if (this.storedBytes > this.options.maxBoardBytes) {
          throw new TooLargeError(`the board holds ${this.storedBytes} bytes`);
        }
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
          this.doc.store.pendingStructs = null;
          this.doc.store.pendingDs = null;
        }
        return;
      }
      case 'awareness':
        this.presence.apply(peer, decoded.entries);
        return;
    }
  }

  private decode(message: Uint8Array): DecodedMessage {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync: {
          const syncType = decoding.readVarUint(decoder);
          const payload = decoding.readVarUint8Array(decoder);
          switch (syncType) {
            case syncProtocol.messageYjsSyncStep1:
              Y.decodeStateVector(payload);
              return { type: 'state-vector', stateVector: payload };
            case syncProtocol.messageYjsSyncStep2:
            case syncProtocol.messageYjsUpdate:
              // Yjs integrates an update's structs before reading its delete set, so a corrupt
              // tail would otherwise throw after part of the update is already in the board.
              checkStructs(Y.decodeUpdate(payload));
              return { type: 'update', update: payload };
            default:
              throw new BadMessageError(`unknown sync message type ${syncType}`);
          }
        }
        case MessageType.Awareness:
          return { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) };
        default:
          throw new BadMessageError(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof BadMessageError || error instanceof TooLargeError) throw error;
      throw new BadMessageError(error instanceof Error ? error.message : String(error));
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const sender = (origin as Origin | null)?.kind === 'remote' ? (origin as RemoteOrigin) : null;
    // Counted now, not once stored: the next message is judged by what the board will hold.
    this.storedBytes += update.byteLength;
    this.afterPersisted(async () => {
      this.lastSeq = await this.options.store.appendUpdate(this.boardId, update, this.options.docKey);
      this.logLength++;
      const message = syncUpdateMessage(update);
      for (const peer of this.peers) {
        if (peer.origin !== sender) peer.send(message);
      }
      if (this.logLength >= this.options.compactEvery) await this.compact();
    });
    this.options.onChange?.(this);
  };

  /**
   * Runs `step` after everything queued before it has been persisted. A storage failure fails the
   * room: peers are told to reconnect later, and their providers resend what the server lacks.
   */
  private afterPersisted(step: () => void | Promise<void>): void {
    this.persisted = this.persisted
      .then(async () => {
        if (this.status === 'open') await step();
      })
      .catch((error: unknown) => this.fail(error));
  }

  private async compact(): Promise<void> {
    if (this.logLength === 0) return;
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    await this.options.store.compact(this.boardId, snapshot, this.lastSeq, this.options.docKey);
    this.logLength = 0;
    this.storedBytes = snapshot.byteLength;
    // The board list keeps the title too, for answering without loading the board.
    if (this.options.docKey === '') await this.options.store.updateTitle(this.boardId, this.title);
  }

  private fail(error: unknown): void {
    if (this.status !== 'open') return;
    this.options.log.error('storage failed; closing room', { board: this.boardId, doc: this.docKey, error });
    this.abandon('Storage unavailable, retry shortly');
  }

  /** Resolves once everything changed so far is stored; rejects if the room could not store it. */
  async flushed(): Promise<void> {
    await this.persisted;
    if (this.status !== 'open') throw new Error(`The ${this.docKey || 'board'} document of ${this.boardId} is ${this.status}.`);
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
    for (const listener of this.closeListeners.splice(0)) listener();
    for (const peer of this.peers) peer.close(CloseCode.GoingAway, reason);
    this.peers.clear();
    this.options.onIdle(this);
  }

  private scheduleIdleCheck(): void {
    this.cancelIdleCheck();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.peers.size === 0 && this.holds === 0) this.options.onIdle(this);
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
    await this.persisted;
    if (this.status === 'open') {
      try {
        await this.compact();
      } catch (error) {
        this.options.log.error('compaction on close failed', { board: this.boardId, error });
      }
    }
    this.status = 'closed';
    for (const listener of this.closeListeners.splice(0)) listener();
    this.presence.destroy();
    this.doc.destroy();
  }
}
