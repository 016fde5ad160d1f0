/**
 * A BoardStore that times its writes into the server's metrics: `appendUpdate` (every edit waits
 * for it before it is broadcast) and `compact`. Everything else is passed straight through.
 */
import type { Role } from '../../shared/protocol';
import type { Ballot } from '../../shared/workshop/voting';
import type { BoardRecord, BoardStore, HistoryEntry, PersonRecord, StoredState } from '../storage/store';
import type { Metrics } from './metrics';

export function instrumentStore(store: BoardStore, metrics: Metrics): BoardStore {
  return new InstrumentedStore(store, metrics);
}

class InstrumentedStore implements BoardStore {
  constructor(
    private readonly inner: BoardStore,
    private readonly metrics: Metrics,
  ) {}

  get shared(): boolean {
    return this.inner.shared;
  }

  appendUpdate(id: string, update: Uint8Array, doc?: string): Promise<number> {
    return this.metrics.persist('append', () => this.inner.appendUpdate(id, update, doc));
  }
  compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc?: string): Promise<void> {
    return this.metrics.persist('compact', () => this.inner.compact(id, snapshot, uptoSeq, doc));
  }

  createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    return this.inner.createBoard(board, initialState);
  }
  getBoard(id: string): Promise<BoardRecord | null> {
    return this.inner.getBoard(id);
  }
  updateTitle(id: string, title: string): Promise<void> {
    return this.inner.updateTitle(id, title);
  }
  setToken(id: string, role: Role, token: string): Promise<void> {
    return this.inner.setToken(id, role, token);
  }
  loadState(id: string, doc?: string): Promise<StoredState> {
    return this.inner.loadState(id, doc);
  }
  addPerson(person: PersonRecord): Promise<void> {
    return this.inner.addPerson(person);
  }
  getPerson(boardId: string, personId: string): Promise<PersonRecord | null> {
    return this.inner.getPerson(boardId, personId);
  }
  updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void> {
    return this.inner.updatePerson(boardId, personId, fields);
  }
  listPeople(boardId: string): Promise<PersonRecord[]> {
    return this.inner.listPeople(boardId);
  }
  getBallots(boardId: string, roundId: string): Promise<Ballot[]> {
    return this.inner.getBallots(boardId, roundId);
  }
  setBallot(boardId: string, roundId: string, ballot: Ballot): Promise<void> {
    return this.inner.setBallot(boardId, roundId, ballot);
  }
  addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    return this.inner.addHistory(boardId, entry, state);
  }
  listHistory(boardId: string): Promise<HistoryEntry[]> {
    return this.inner.listHistory(boardId);
  }
  getHistoryState(boardId: string, entryId: string): Promise<Uint8Array | null> {
    return this.inner.getHistoryState(boardId, entryId);
  }
  getSetting(key: string): Promise<string | null> {
    return this.inner.getSetting(key);
  }
  setSetting(key: string, value: string): Promise<void> {
    return this.inner.setSetting(key, value);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
