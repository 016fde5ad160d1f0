/**
 * A room is one loaded board: its Y.Doc, its awareness and the peers connected to it.
 *
 * The durability rule lives here: an update is applied to the room's doc, then the update *the
 * doc emits* (never the raw client bytes) is appended to storage, and only after the append has
 * resolved is it forwarded to other peers. All outgoing document data (forwarded updates and sync
 * step 2 answers) goes through one promise chain, so nobody sees state that is not on disk.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { migrate } from '../../shared/model/migrations';
import { serverOrigin, type Origin, type RemoteOrigin } from '../../shared/model/origin';
import { readMeta } from '../../shared/view/boardView';
import { CloseCode, MessageType, canWrite, type Role } from '../../shared/protocol';
import type { Logger } from '../log';
import type { BoardStore } from '../storage/store';
import { awarenessMessage, syncStep1Message, syncStep2Message, syncUpdateMessage } from './messages';

/** A connection as the room sees it. */
export interface Peer {
  readonly origin: RemoteOrigin;
  readonly role: Role;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  store: BoardStore;
  log: Logger;
  /** Compact the update log into a snapshot once it holds this many entries. */
  compactEvery: number;
  idleUnloadMs: number;
  onIdle(room: Room): void;
}

export class BadMessageError extends Error {
  override readonly name = 'BadMessageError';
}

/**
 * applyAwarenessUpdate stores entries one by one and announces them only at the end, so a message
 * that fails halfway would leave states nobody tracks (presence of a closed socket, shown to every
 * later joiner until it times out). Decode the whole message first.
 */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder); // client id
    decoding.readVarUint(decoder); // clock
    JSON.parse(decoding.readVarString(decoder));
  }
}

type RoomStatus = 'open' | 'failed' | 'closed';

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Map<Peer, Set<number>>();
  private persisted: Promise<void> = Promise.resolve();
  private status: RoomStatus = 'open';
  private lastSeq: number;
  private logLength: number;
  private idleTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly boardId: string,
    private readonly options: RoomOptions,
    loaded: { lastSeq: number; logLength: number },
  ) {
    this.lastSeq = loaded.lastSeq;
    this.logLength = loaded.logLength;
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(boardId: string, options: RoomOptions): Promise<Room> {
    const stored = await options.store.loadState(boardId);
    const room = new Room(boardId, options, {
      lastSeq: stored.updates.at(-1)?.seq ?? 0,
      logLength: stored.updates.length,
    });
    room.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(room.doc, update.data);
    }, serverOrigin('load'));
    // Listen before migrating, so a migration's changes are persisted like any other update.
    room.doc.on('update', room.onDocUpdate);
    const migration = migrate(room.doc, serverOrigin('migration'));
    if (migration.status === 'migrated') {
      options.log.info('board migrated', { board: boardId, from: migration.from, to: migration.to, applied: migration.applied });
    } else if (migration.status === 'newer') {
      options.log.warn('board was written by a newer Clusterboard', { board: boardId, version: migration.version });
    }
    room.scheduleIdleCheck();
    return room;
  }

  get isOpen(): boolean {
    return this.status === 'open';
  }

  get title(): string {
    return readMeta(this.doc).title;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  join(peer: Peer): void {
    if (this.status !== 'open') throw new Error(`Room ${this.boardId} is ${this.status}.`);
    this.cancelIdleCheck();
    this.peers.set(peer, new Set());
    // Our state vector, so the client sends whatever it has that we lack (offline edits).
    peer.send(syncStep1Message(this.doc));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) peer.send(awarenessMessage(this.awareness, others));
  }

  leave(peer: Peer): void {
    const clients = this.peers.get(peer);
    if (!clients) return;
    this.peers.delete(peer);
    if (clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], null);
    if (this.peers.size === 0) this.scheduleIdleCheck();
  }

  /** Applies one y-websocket message from a peer. Throws BadMessageError on anything malformed. */
  receive(peer: Peer, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          this.receiveSync(peer, decoder);
          return;
        case MessageType.Awareness: {
          const update = decoding.readVarUint8Array(decoder);
          checkAwarenessUpdate(update);
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
          return;
        }
        default:
          throw new BadMessageError(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof BadMessageError) throw error;
      throw new BadMessageError(error instanceof Error ? error.message : String(error));
    }
  }

  private receiveSync(peer: Peer, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Validate now (a bad vector closes the socket), answer once storage has caught up.
        Y.decodeStateVector(stateVector);
        // Encode now, not when sent: every update already in the doc has its append queued ahead
        // of this answer, while updates applied in the meantime reach this peer after their own
        // appends. Encoding later would leak those into the answer before they are stored.
        const answer = syncStep2Message(this.doc, stateVector);
        this.afterPersisted(() => peer.send(answer));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        // [P3] A viewer syncs down only: its updates never reach the document.
        if (!canWrite(peer.role)) return;
        Y.applyUpdate(this.doc, update, peer.origin);
        return;
      }
      default:
        throw new BadMessageError(`unknown sync message type ${syncType}`);
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const sender = (origin as Origin | null)?.kind === 'remote' ? (origin as RemoteOrigin) : null;
    this.afterPersisted(async () => {
      this.lastSeq = await this.options.store.appendUpdate(this.boardId, update);
      this.logLength++;
      const message = syncUpdateMessage(update);
      for (const peer of this.peers.keys()) {
        if (peer.origin !== sender) peer.send(message);
      }
      if (this.logLength >= this.options.compactEvery) await this.compact();
    });
  };

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = this.peers.get(origin as Peer);
    if (clients) {
      for (const id of change.added) clients.add(id);
      for (const id of change.removed) clients.delete(id);
    }
    const changed = [...change.added, ...change.updated, ...change.removed];
    // Sent to everyone, the sender too: y-websocket treats silence as a dead connection.
    const message = awarenessMessage(this.awareness, changed);
    for (const peer of this.peers.keys()) peer.send(message);
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
    await this.options.store.compact(this.boardId, Y.encodeStateAsUpdate(this.doc), this.lastSeq);
    this.logLength = 0;
  }

  private fail(error: unknown): void {
    if (this.status !== 'open') return;
    this.options.log.error('storage failed; closing room', { board: this.boardId, error });
    this.status = 'failed';
    for (const peer of this.peers.keys()) peer.close(CloseCode.GoingAway, 'Storage unavailable, retry shortly');
    this.peers.clear();
    this.options.onIdle(this);
  }

  private scheduleIdleCheck(): void {
    this.cancelIdleCheck();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.peers.size === 0) this.options.onIdle(this);
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
    for (const peer of this.peers.keys()) peer.close(CloseCode.GoingAway, reason);
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
    this.awareness.destroy();
    this.doc.destroy();
  }
}
