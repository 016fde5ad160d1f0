import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BoardRecord, BoardStore, StoredState } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  template TEXT,
  created_at INTEGER NOT NULL,
  facilitator_token TEXT NOT NULL,
  participant_token TEXT NOT NULL,
  viewer_token TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  board_id TEXT PRIMARY KEY REFERENCES boards(id),
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_board ON updates(board_id, seq);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface BoardRow {
  id: string;
  title: string;
  template: string | null;
  created_at: number;
  facilitator_token: string;
  participant_token: string;
  viewer_token: string;
}

/**
 * SQLite storage (the embedded default). WAL mode with synchronous=NORMAL: a committed
 * transaction survives the process being killed (the WAL is in the OS page cache), which is the
 * promise "nothing anyone has seen is lost on kill -9". Surviving power loss as well would need
 * synchronous=FULL, an fsync per update. better-sqlite3 is synchronous, so every method has
 * finished its commit when its promise is created.
 */
export class SqliteStore implements BoardStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      insertBoard: this.db.prepare(
        `INSERT INTO boards (id, title, template, created_at, facilitator_token, participant_token, viewer_token)
         VALUES (@id, @title, @template, @createdAt, @facilitator, @participant, @viewer)`,
      ),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      updateTitle: this.db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
      getSnapshot: this.db.prepare<[string], { data: Buffer; upto_seq: number }>(
        'SELECT data, upto_seq FROM snapshots WHERE board_id = ?',
      ),
      putSnapshot: this.db.prepare(
        `INSERT INTO snapshots (board_id, data, upto_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
      ),
      getUpdates: this.db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE board_id = ? AND seq > ? ORDER BY seq',
      ),
      appendUpdate: this.db.prepare('INSERT INTO updates (board_id, data, created_at) VALUES (?, ?, ?)'),
      dropUpdates: this.db.prepare('DELETE FROM updates WHERE board_id = ? AND seq <= ?'),
      getSetting: this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      setSetting: this.db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  async createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertBoard.run({
        id: board.id,
        title: board.title,
        template: board.template,
        createdAt: board.createdAt,
        ...board.tokens,
      });
      this.statements.putSnapshot.run(board.id, initialState, 0, Date.now());
    })();
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.statements.getBoard.get(id);
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      template: row.template,
      createdAt: row.created_at,
      tokens: { facilitator: row.facilitator_token, participant: row.participant_token, viewer: row.viewer_token },
    };
  }

  async updateTitle(id: string, title: string): Promise<void> {
    this.statements.updateTitle.run(title, id);
  }

  async loadState(id: string): Promise<StoredState> {
    return this.db.transaction(() => {
      const snapshot = this.statements.getSnapshot.get(id);
      const updates = this.statements.getUpdates.all(id, snapshot?.upto_seq ?? 0);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: updates.map((u) => ({ seq: u.seq, data: new Uint8Array(u.data) })),
      };
    })();
  }

  async appendUpdate(id: string, update: Uint8Array): Promise<number> {
    const result = this.statements.appendUpdate.run(id, update, Date.now());
    return Number(result.lastInsertRowid);
  }

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(id, snapshot, uptoSeq, Date.now());
      this.statements.dropUpdates.run(id, uptoSeq);
    })();
  }

  async getSetting(key: string): Promise<string | null> {
    return this.statements.getSetting.get(key)?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.statements.setSetting.run(key, value);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
