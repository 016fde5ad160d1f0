/**
 * The persistence adapter. A board is its access record plus its Yjs state, kept as a compacted
 * snapshot followed by an append-only log of updates (each with a increasing sequence number).
 *
 * Contract (tests/integration/store-contract.test.ts runs it against every implementation):
 *  - `appendUpdate` resolves only once the update is durable; the room forwards an update to
 *    other clients only after that.
 *  - `compact(id, snapshot, uptoSeq)` atomically replaces the snapshot and drops log entries with
 *    seq <= uptoSeq; entries appended after uptoSeq survive.
 *  - `loadState` returns the snapshot (if any) and the log entries after it, in seq order.
 */
import * as Y from 'yjs';
import { serverOrigin } from '../../shared/model/origin';
import type { Role } from '../../shared/protocol';

export interface BoardRecord {
  id: string;
  title: string;
  template: string | null;
  createdAt: number;
  tokens: Record<Role, string>;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

export interface StoredState {
  snapshot: Uint8Array | null;
  updates: StoredUpdate[];
}

export interface BoardStore {
  /** Creates the board with its first state as the snapshot. Fails if the id exists. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  updateTitle(id: string, title: string): Promise<void>;
  loadState(id: string): Promise<StoredState>;
  /** Returns the update's sequence number. */
  appendUpdate(id: string, update: Uint8Array): Promise<number>;
  compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** Applies a stored board (snapshot, then the log in order) to a doc, as one load transaction. */
export function applyStoredState(doc: Y.Doc, stored: StoredState): void {
  doc.transact(() => {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update.data);
  }, serverOrigin('load'));
}
