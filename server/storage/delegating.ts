/**
 * A BoardStore that passes every call to another one: the base of stores that change a few calls
 * (metrics, last-known reads, tests that hold writes) and leave the rest alone.
 */
import type { Role } from '../../shared/protocol';
import type { BallotRecord, BoardRecord, BoardStore, HistoryEntry, PersonRecord, StoredState } from './store';

export class DelegatingStore implements BoardStore {
  constructor(protected readonly inner: BoardStore) {}

  get shared(): boolean {
    return this.inner.shared;
  }

  appendUpdate(id: string, update: Uint8Array, doc?: string): Promise<number> {
    return this.inner.appendUpdate(id, update, doc);
  }
  compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc?: string): Promise<void> {
    return this.inner.compact(id, snapshot, uptoSeq, doc);
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
  removePerson(boardId: string, personId: string): Promise<void> {
    return this.inner.removePerson(boardId, personId);
  }
  getBallots(boardId: string, roundId: string): Promise<BallotRecord[]> {
    return this.inner.getBallots(boardId, roundId);
  }
  setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void> {
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
  claimSetting(key: string, value: string): Promise<string> {
    return this.inner.claimSetting(key, value);
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
