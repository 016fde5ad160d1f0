/**
 * The persistence adapter. A board is its access record plus its Yjs state, kept as a compacted
 * snapshot followed by an append-only log of updates (each with a increasing sequence number).
 *
 * A board has several documents (see `DocName` in shared/protocol.ts), each stored the same way
 * under its `docKey` ('' for the board itself).
 *
 * Contract (tests/integration/store-contract.test.ts runs it against every implementation):
 *  - `appendUpdate` resolves only once the update is durable; the room forwards an update to
 *    other clients only after that.
 *  - `compact(id, snapshot, uptoSeq)` atomically replaces the snapshot and drops log entries with
 *    seq <= uptoSeq; entries appended after uptoSeq survive. In a `shared` store the new snapshot
 *    is the given one merged with the stored snapshot and the dropped entries, so an update another
 *    instance appended is never lost, however far behind the given snapshot is.
 *  - `loadState` returns the snapshot (if any) and the log entries not merged into it, in seq
 *    order. Outside a shared store those are exactly the entries after its uptoSeq; in one, an
 *    entry with a lower seq may still appear (another instance committed it late).
 */
import * as Y from 'yjs';
import type { HistoryEntry } from '../../shared/api/contract';
import { type Origin, serverOrigin } from '../../shared/model/origin';
import type { Role } from '../../shared/protocol';

/**
 * Storage could not be reached, or did not answer in time, or is shutting down: the call may well
 * succeed later (HTTP answers 503, sockets 4503). Any other failure is a plain Error.
 */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

export interface BoardRecord {
  id: string;
  title: string;
  template: string | null;
  createdAt: number;
  tokens: Record<Role, string>;
}

/** Someone who joined a board under a name: their votes, readiness and private notes are theirs. */
export interface PersonRecord {
  id: string;
  boardId: string;
  /** SHA-256 of the seat secret, hex; the secret itself is never stored. */
  secretHash: string;
  name: string;
  cluster: string | null;
  role: 'facilitator' | 'participant';
  createdAt: number;
}

/** A named copy of the board document, taken at each step and on demand. */
/** A snapshot in a board's history: the HTTP contract's type (`GET …/history` lists them). */
export type { HistoryEntry } from '../../shared/api/contract';

/** One person's votes on one note in one round, as stored (shared/workshop/voting.ts's Ballot reads the same). */
export interface BallotRecord {
  personId: string;
  /** The voter's cluster when they voted (a `ClusterRef`), or null. */
  cluster: string | null;
  noteId: string;
  count: number;
}

export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

export interface StoredState {
  snapshot: Uint8Array | null;
  updates: StoredUpdate[];
}

/**
 * What the sync core needs (server/sync/): each document's snapshot and update log. Wrappers of
 * the document path (metrics) wrap only this.
 */
export interface DocumentLog {
  /**
   * Whether several server instances may use this store at once (PostgreSQL). Then compaction
   * merges what is stored instead of replacing it (see `compact` above).
   */
  readonly shared: boolean;
  loadState(id: string, doc?: string): Promise<StoredState>;
  /** Returns the update's sequence number. */
  appendUpdate(id: string, update: Uint8Array, doc?: string): Promise<number>;
  compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc?: string): Promise<void>;
}

/** What access, boards and workshops need: the records kept beside the documents. */
export interface RecordStore {
  /** Creates the board with its first state as the snapshot. Fails if the id exists. */
  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void>;
  getBoard(id: string): Promise<BoardRecord | null>;
  updateTitle(id: string, title: string): Promise<void>;
  /** Replaces one role's token (the old link stops working). */
  setToken(id: string, role: Role, token: string): Promise<void>;
  addPerson(person: PersonRecord): Promise<void>;
  getPerson(boardId: string, personId: string): Promise<PersonRecord | null>;
  updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void>;
  listPeople(boardId: string): Promise<PersonRecord[]>;
  /** Deletes a person (the facilitator removed them): their seat no longer opens anything. Ballots are kept. */
  removePerson(boardId: string, personId: string): Promise<void>;
  getBallots(boardId: string, roundId: string): Promise<BallotRecord[]>;
  /** Sets one person's votes on one note; a count of 0 removes the ballot. An existing ballot keeps its cluster. */
  setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void>;
  addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void>;
  /** Newest first. */
  listHistory(boardId: string): Promise<HistoryEntry[]>;
  getHistoryState(boardId: string, entryId: string): Promise<Uint8Array | null>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** Stores `value` under `key` unless the key holds one already; returns what the key holds then (the first claim wins, across instances). */
  claimSetting(key: string, value: string): Promise<string>;
}

/** One storage adapter: both parts, and its lifecycle. */
export interface BoardStore extends DocumentLog, RecordStore {
  /** Resolves if storage answers now (readiness checks); rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * [N5] A document whose stored rows cannot be read whole: a snapshot or log entry that does not
 * decode, or entries that depend on changes storage does not hold. Such a board is refused rather
 * than served with part of it missing (which the next compaction would make permanent).
 */
export class DamagedBoardError extends Error {
  override name = 'DamagedBoardError';
}

function applyRow(doc: Y.Doc, data: Uint8Array, what: string): void {
  try {
    Y.applyUpdate(doc, data);
  } catch (error) {
    throw new DamagedBoardError(`${what} does not decode (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

/**
 * Applies a stored board (snapshot, then the log in order) to a doc, as one transaction. Throws
 * DamagedBoardError when a row does not decode or the rows leave changes waiting for others that
 * are not stored.
 */
export function applyStoredState(doc: Y.Doc, stored: StoredState, origin: Origin = serverOrigin('load')): void {
  // Only a fresh load is judged whole: a reload into a live document may meet what the room
  // holds back for its own reasons (room.ts drops that itself).
  const fresh = doc.store.clients.size === 0;
  doc.transact(() => {
    if (stored.snapshot) applyRow(doc, stored.snapshot, 'its snapshot');
    for (const update of stored.updates) applyRow(doc, update.data, `its log entry ${update.seq}`);
  }, origin);
  if (fresh && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)) {
    throw new DamagedBoardError('its stored changes depend on changes storage does not hold');
  }
}
