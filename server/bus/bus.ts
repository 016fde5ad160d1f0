/**
 * The update bus: how several server instances holding one board keep each other's copy current.
 * Without a bus (the embedded default) a board lives in one process and this file is unused.
 *
 * Each instance forwards the updates its own doc emits for its own clients, after storing them,
 * to the instances holding the same document; they apply them and pass them on to their clients.
 * Presence travels the same way but is never stored.
 *
 * Contract (tests/integration/bus-contract.test.ts runs it against every implementation):
 *  - `open` resolves once the channel's position is fixed: everything published after that is
 *    delivered once `start` is called. An instance therefore opens the channel, then loads the
 *    document from storage, then starts: nothing published in between is missed.
 *  - A channel never delivers what its own instance published.
 *  - Updates of one document from one instance arrive in the order they were published.
 *  - When the bus may have failed to deliver something (its connection dropped, a window was
 *    missed, a publisher could not keep what it failed to send), the channel calls `resync`, and
 *    the instance reloads the document from storage. Presence may be lost: clients renew it.
 */
import type { Role } from '../../shared/protocol';

export interface BusHandlers {
  /**
   * Another instance's update. `stored`: that instance stored it before publishing. Otherwise its
   * storage was unreachable and the receiver stores it too (a duplicate in storage is harmless),
   * so the update survives the publisher.
   */
  update(update: Uint8Array, stored: boolean): void;
  /** A y-protocols awareness update from another instance's clients. */
  awareness(update: Uint8Array): void;
  /** Deliveries may have been missed: reload the document from storage. */
  resync(): void;
}

export interface BusChannel {
  /** Begins delivery: everything published since `open` resolved, in order. */
  start(handlers: BusHandlers): void;
  publishUpdate(update: Uint8Array, stored: boolean): void;
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

/** Board-wide news every instance must act on. */
export type BoardEvent = { type: 'link-revoked'; boardId: string; role: Role } | { type: 'person-removed'; boardId: string; personId: string };

export interface UpdateBus {
  /** A name for logs and metrics ("redis", "memory"). */
  readonly kind: string;
  open(boardId: string, docKey: string): Promise<BusChannel>;
  /**
   * Tells every other instance. Best effort: an instance that misses it (its bus connection was
   * down) keeps the sockets it has, and refuses the old link on their next reconnect.
   */
  publishEvent(event: BoardEvent): void;
  onEvent(listener: (event: BoardEvent) => void): void;
  /** Resolves if the bus is reachable now (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
