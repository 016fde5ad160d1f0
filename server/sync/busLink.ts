/**
 * A room's link to the other instances holding its document (server/bus/bus.ts): what this room
 * stores it publishes, and what they published it applies. Updates from the bus were stored by
 * their instance before they were published (or, its storage being away, not yet: `stored`).
 */
import * as Y from 'yjs';
import type { BusOrigin } from '../../shared/model/origin';
import type { BusChannel, UpdateBus } from '../bus/bus';
import type { Logger } from '../log';
import { applyStoredState, type DocumentLog } from '../storage/store';
import { dropPending } from './pending';

/** Updates from other instances: stored by them already, or (their storage was down) not yet. */
export const FROM_BUS_STORED: BusOrigin = { kind: 'bus', stored: true };
const FROM_BUS_UNSTORED: BusOrigin = { kind: 'bus', stored: false };
const RELOAD_RETRY_MS = 2_000;

export interface BusLinkTarget {
  readonly doc: Y.Doc;
  readonly boardId: string;
  readonly docKey: string;
  readonly store: DocumentLog;
  readonly log: Logger;
  /** Whether the room still serves: nothing is applied once it stopped. */
  isOpen(): boolean;
  /** Presence other instances' clients published. */
  awareness(update: Uint8Array): void;
}

export class BusLink {
  private reloading = false;

  private constructor(
    private readonly channel: BusChannel,
    private target: BusLinkTarget | null,
  ) {}

  /** Opens the channel before the document is loaded, so nothing published meanwhile is missed. */
  static async open(bus: UpdateBus | null | undefined, boardId: string, docKey: string): Promise<BusLink | null> {
    return bus ? new BusLink(await bus.open(boardId, docKey), null) : null;
  }

  /** Starts delivering to the loaded room. */
  start(target: BusLinkTarget): void {
    this.target = target;
    this.channel.start({
      update: (update, stored) => this.apply(update, stored),
      awareness: (update) => target.awareness(update),
      resync: () => void this.reload(),
    });
  }

  publishUpdate(update: Uint8Array, stored: boolean): void {
    this.channel.publishUpdate(update, stored);
  }

  publishAwareness(update: Uint8Array): void {
    this.channel.publishAwareness(update);
  }

  close(): void {
    this.channel.close();
  }

  /**
   * [M1] An update another instance published. Its dependencies were stored before it was (each
   * instance stores before publishing), so if Yjs cannot place it yet, storage has what it lacks.
   */
  private apply(update: Uint8Array, stored: boolean): void {
    const target = this.target;
    if (!target?.isOpen()) return;
    let incomplete = false;
    try {
      Y.applyUpdate(target.doc, update, stored ? FROM_BUS_STORED : FROM_BUS_UNSTORED);
    } catch (error) {
      target.log.warn('an update from another instance failed to apply', { board: target.boardId, doc: target.docKey, error });
      incomplete = true;
    } finally {
      // Never left waiting: a peer's update clears what waits (see Room.receive).
      incomplete = dropPending(target.doc) || incomplete;
    }
    if (incomplete) void this.reload();
  }

  /**
   * [M2] The bus may have missed deliveries: applies what storage holds (only what this doc lacks
   * changes anything, and goes to the peers). Retried while storage is away.
   */
  private async reload(): Promise<void> {
    const target = this.target;
    if (this.reloading || !target?.isOpen()) return;
    this.reloading = true;
    try {
      const stored = await target.store.loadState(target.boardId, target.docKey);
      if (!target.isOpen()) return;
      applyStoredState(target.doc, stored, FROM_BUS_STORED);
      dropPending(target.doc);
    } catch (error) {
      target.log.warn('reloading from storage failed; retrying', { board: target.boardId, doc: target.docKey, error });
      setTimeout(() => void this.reload(), RELOAD_RETRY_MS).unref();
    } finally {
      this.reloading = false;
    }
  }
}
