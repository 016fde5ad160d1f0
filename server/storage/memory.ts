import type { BoardRecord, BoardStore, StoredState, StoredUpdate } from './store';

/** Keeps everything in process memory: for tests and throwaway servers. Same contract as SQLite. */
export class MemoryStore implements BoardStore {
  private readonly boards = new Map<string, BoardRecord>();
  private readonly snapshots = new Map<string, { data: Uint8Array; uptoSeq: number }>();
  private readonly logs = new Map<string, StoredUpdate[]>();
  private readonly settings = new Map<string, string>();
  private seq = 0;

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    if (this.boards.has(board.id)) throw new Error(`Board ${board.id} already exists.`);
    this.boards.set(board.id, structuredClone(board));
    this.snapshots.set(board.id, { data: initialState.slice(), uptoSeq: 0 });
    this.logs.set(board.id, []);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const board = this.boards.get(id);
    return board ? structuredClone(board) : null;
  }

  async updateTitle(id: string, title: string): Promise<void> {
    const board = this.boards.get(id);
    if (board) board.title = title;
  }

  async loadState(id: string): Promise<StoredState> {
    const snapshot = this.snapshots.get(id);
    return {
      snapshot: snapshot ? snapshot.data.slice() : null,
      updates: (this.logs.get(id) ?? []).map((u) => ({ seq: u.seq, data: u.data.slice() })),
    };
  }

  async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    if (!this.boards.has(id)) throw new Error(`Board ${id} does not exist.`);
    const seq = ++this.seq;
    this.logs.get(id)?.push({ seq, data: update.slice() });
    return seq;
  }

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.snapshots.set(id, { data: snapshot.slice(), uptoSeq });
    this.logs.set(id, (this.logs.get(id) ?? []).filter((u) => u.seq > uptoSeq));
  }

  async getSetting(key: string): Promise<string | null> {
    return this.settings.get(key) ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
  }

  async close(): Promise<void> {}
}
