import type { Role } from '../../shared/protocol';
import type { BallotRecord, BoardRecord, BoardStore, HistoryEntry, PersonRecord, StoredState, StoredUpdate } from './store';

const docId = (board: string, doc: string) => `${board}\u0000${doc}`;

/** Keeps everything in process memory: for tests and throwaway servers. Same contract as SQLite. */
export class MemoryStore implements BoardStore {
  readonly shared = false;
  private readonly boards = new Map<string, BoardRecord>();
  private readonly snapshots = new Map<string, { data: Uint8Array; uptoSeq: number }>();
  private readonly logs = new Map<string, StoredUpdate[]>();
  private readonly people = new Map<string, PersonRecord>();
  private readonly ballots = new Map<string, Map<string, BallotRecord>>();
  private readonly history = new Map<string, { entry: HistoryEntry; state: Uint8Array }[]>();
  private readonly settings = new Map<string, string>();
  private seq = 0;

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    if (this.boards.has(board.id)) throw new Error(`Board ${board.id} already exists.`);
    this.boards.set(board.id, structuredClone(board));
    this.snapshots.set(docId(board.id, ''), { data: initialState.slice(), uptoSeq: 0 });
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const board = this.boards.get(id);
    return board ? structuredClone(board) : null;
  }

  async updateTitle(id: string, title: string): Promise<void> {
    const board = this.boards.get(id);
    if (board) board.title = title;
  }

  async setToken(id: string, role: Role, token: string): Promise<void> {
    const board = this.boards.get(id);
    if (board) board.tokens[role] = token;
  }

  async loadState(id: string, doc = ''): Promise<StoredState> {
    const snapshot = this.snapshots.get(docId(id, doc));
    return {
      snapshot: snapshot ? snapshot.data.slice() : null,
      updates: (this.logs.get(docId(id, doc)) ?? []).map((u) => ({ seq: u.seq, data: u.data.slice() })),
    };
  }

  async appendUpdate(id: string, update: Uint8Array, doc = ''): Promise<number> {
    this.requireBoard(id);
    const seq = ++this.seq;
    const key = docId(id, doc);
    const log = this.logs.get(key) ?? [];
    log.push({ seq, data: update.slice() });
    this.logs.set(key, log);
    return seq;
  }

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc = ''): Promise<void> {
    const key = docId(id, doc);
    this.snapshots.set(key, { data: snapshot.slice(), uptoSeq });
    this.logs.set(
      key,
      (this.logs.get(key) ?? []).filter((u) => u.seq > uptoSeq),
    );
  }

  async addPerson(person: PersonRecord): Promise<void> {
    this.requireBoard(person.boardId);
    const key = docId(person.boardId, person.id);
    if (this.people.has(key)) throw new Error(`Person ${person.id} already exists.`);
    this.people.set(key, { ...person });
  }

  async getPerson(boardId: string, personId: string): Promise<PersonRecord | null> {
    const person = this.people.get(docId(boardId, personId));
    return person ? { ...person } : null;
  }

  async updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void> {
    const person = this.people.get(docId(boardId, personId));
    if (person) Object.assign(person, { name: fields.name, cluster: fields.cluster });
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    return [...this.people.values()]
      .filter((p) => p.boardId === boardId)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((p) => ({ ...p }));
  }

  async removePerson(boardId: string, personId: string): Promise<void> {
    this.people.delete(docId(boardId, personId));
  }

  async getBallots(boardId: string, roundId: string): Promise<BallotRecord[]> {
    return [...(this.ballots.get(docId(boardId, roundId))?.values() ?? [])].map((b) => ({ ...b }));
  }

  async setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void> {
    this.requireBoard(boardId);
    const round = this.ballots.get(docId(boardId, roundId)) ?? new Map<string, BallotRecord>();
    const key = docId(ballot.personId, ballot.noteId);
    // A ballot keeps the cluster it was first cast under.
    if (ballot.count > 0) round.set(key, { ...ballot, cluster: round.get(key)?.cluster ?? ballot.cluster });
    else round.delete(key);
    this.ballots.set(docId(boardId, roundId), round);
  }

  async addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    this.requireBoard(boardId);
    const list = this.history.get(boardId) ?? [];
    list.push({ entry: { ...entry }, state: state.slice() });
    this.history.set(boardId, list);
  }

  async listHistory(boardId: string): Promise<HistoryEntry[]> {
    return (this.history.get(boardId) ?? []).map((h) => ({ ...h.entry })).reverse();
  }

  async getHistoryState(boardId: string, entryId: string): Promise<Uint8Array | null> {
    return (
      this.history
        .get(boardId)
        ?.find((h) => h.entry.id === entryId)
        ?.state.slice() ?? null
    );
  }

  async getSetting(key: string): Promise<string | null> {
    return this.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
  }

  async claimSetting(key: string, value: string): Promise<string> {
    if (!this.settings.has(key)) this.settings.set(key, value);
    return this.settings.get(key) ?? value;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private requireBoard(id: string): void {
    if (!this.boards.has(id)) throw new Error(`Board ${id} does not exist.`);
  }
}
