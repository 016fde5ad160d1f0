import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Role } from '../../shared/protocol';
import { storageFailure } from './failures';
import { boardFromRow, type BoardRow, personFromRow, type PersonRow } from './rows';
import type { BallotRecord, BoardRecord, BoardStore, HistoryEntry, PersonRecord, StoredState } from './store';
import { checkWal } from './walCheck';

/**
 * Schema versions (`PRAGMA user_version`):
 *  1: boards, snapshots and updates of one document per board, settings.
 *  2: documents keyed by (board, doc); people, ballots and history.
 *  3: history.author, who took the snapshot ('' for the entries of version 2).
 */
const SCHEMA_VERSION = 3;

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
CREATE TABLE IF NOT EXISTS doc_snapshots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  data BLOB NOT NULL,
  upto_seq INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id),
  doc TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates(board_id, doc, seq);
CREATE TABLE IF NOT EXISTS people (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  cluster TEXT,
  role TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS ballots (
  board_id TEXT NOT NULL REFERENCES boards(id),
  round_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  cluster TEXT,
  count INTEGER NOT NULL,
  PRIMARY KEY (board_id, round_id, person_id, note_id)
);
CREATE TABLE IF NOT EXISTS history (
  board_id TEXT NOT NULL REFERENCES boards(id),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  notes INTEGER NOT NULL,
  state BLOB NOT NULL,
  author TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Version 1 kept one document per board in `snapshots` and `updates`; they become the board doc (''). */
const MIGRATE_FROM_1 = `
INSERT INTO doc_snapshots (board_id, doc, data, upto_seq, updated_at) SELECT board_id, '', data, upto_seq, updated_at FROM snapshots;
INSERT INTO doc_updates (seq, board_id, doc, data, created_at) SELECT seq, board_id, '', data, created_at FROM updates;
DROP TABLE updates;
DROP TABLE snapshots;
`;

/** Version 2's history has no author; its entries keep '' (nobody recorded). */
const MIGRATE_FROM_2 = `ALTER TABLE history ADD COLUMN author TEXT NOT NULL DEFAULT ''`;

/**
 * SQLite storage (the embedded default). WAL mode with synchronous=NORMAL: a committed
 * transaction survives the process being killed (the WAL is in the OS page cache), which is the
 * promise "nothing anyone has seen is lost on kill -9". Surviving power loss as well would need
 * synchronous=FULL, an fsync per update. better-sqlite3 is synchronous, so every method has
 * finished its commit when its promise is created.
 */
export class SqliteStore implements BoardStore {
  readonly shared = false;
  private readonly db: Database.Database;
  private readonly statements;

  /**
   * Why the file was opened in exclusive mode (null normally). [N3] On a full disk SQLite cannot
   * make the WAL's shared-memory index (SQLITE_IOERR_SHMSIZE) and the file would not open at all;
   * in exclusive locking mode the index lives in this process's memory instead, so the server
   * still starts and serves boards read-only. No other process can read the file meanwhile.
   */
  readonly openedExclusive: string | null = null;

  /**
   * [N4] Damage found on open, as sentences for the log and /readyz (empty when none): a WAL whose
   * later frames SQLite would silently ignore (walCheck.ts; the WAL is first copied aside, as
   * `<file>-wal.damaged-<time>`, for an operator to rescue), and whatever `PRAGMA quick_check`
   * finds in the file.
   */
  readonly damage: string[] = [];

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      // Before SQLite opens the file: its recovery replays the good prefix and the next checkpoint
      // forgets the rest.
      const wal = checkWal(`${file}-wal`);
      if (wal?.damage) this.damage.push(`${wal.damage}; ${keepAside(`${file}-wal`)}`);
    }
    let db: Database.Database;
    try {
      db = SqliteStore.open(file, false);
    } catch (error) {
      if (file === ':memory:' || !storageFailure(error)) throw error;
      db = SqliteStore.open(file, true);
      this.openedExclusive = error instanceof Error ? error.message : String(error);
    }
    this.db = db;
    const problems = (this.db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check).filter((row) => row !== 'ok');
    if (problems.length > 0) this.damage.push(`PRAGMA quick_check found damage in the database file: ${problems.join('; ')}`);
    this.statements = {
      insertBoard: this.db.prepare(
        `INSERT INTO boards (id, title, template, created_at, facilitator_token, participant_token, viewer_token)
         VALUES (@id, @title, @template, @createdAt, @facilitator, @participant, @viewer)`,
      ),
      getBoard: this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
      updateTitle: this.db.prepare('UPDATE boards SET title = ? WHERE id = ?'),
      setToken: {
        facilitator: this.db.prepare('UPDATE boards SET facilitator_token = ? WHERE id = ?'),
        participant: this.db.prepare('UPDATE boards SET participant_token = ? WHERE id = ?'),
        viewer: this.db.prepare('UPDATE boards SET viewer_token = ? WHERE id = ?'),
      },
      getSnapshot: this.db.prepare<[string, string], { data: Buffer; upto_seq: number }>(
        'SELECT data, upto_seq FROM doc_snapshots WHERE board_id = ? AND doc = ?',
      ),
      putSnapshot: this.db.prepare(
        `INSERT INTO doc_snapshots (board_id, doc, data, upto_seq, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(board_id, doc) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
      ),
      getUpdates: this.db.prepare<[string, string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM doc_updates WHERE board_id = ? AND doc = ? AND seq > ? ORDER BY seq',
      ),
      appendUpdate: this.db.prepare('INSERT INTO doc_updates (board_id, doc, data, created_at) VALUES (?, ?, ?, ?)'),
      dropUpdates: this.db.prepare('DELETE FROM doc_updates WHERE board_id = ? AND doc = ? AND seq <= ?'),
      addPerson: this.db.prepare(
        `INSERT INTO people (board_id, id, secret_hash, name, cluster, role, created_at)
         VALUES (@boardId, @id, @secretHash, @name, @cluster, @role, @createdAt)`,
      ),
      getPerson: this.db.prepare<[string, string], PersonRow>('SELECT * FROM people WHERE board_id = ? AND id = ?'),
      updatePerson: this.db.prepare('UPDATE people SET name = ?, cluster = ? WHERE board_id = ? AND id = ?'),
      removePerson: this.db.prepare('DELETE FROM people WHERE board_id = ? AND id = ?'),
      listPeople: this.db.prepare<[string], PersonRow>('SELECT * FROM people WHERE board_id = ? ORDER BY created_at, id'),
      getBallots: this.db.prepare<[string, string], { person_id: string; note_id: string; cluster: string | null; count: number }>(
        'SELECT person_id, note_id, cluster, count FROM ballots WHERE board_id = ? AND round_id = ?',
      ),
      putBallot: this.db.prepare(
        `INSERT INTO ballots (board_id, round_id, person_id, note_id, cluster, count) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(board_id, round_id, person_id, note_id) DO UPDATE SET count = excluded.count`,
      ),
      dropBallot: this.db.prepare('DELETE FROM ballots WHERE board_id = ? AND round_id = ? AND person_id = ? AND note_id = ?'),
      addHistory: this.db.prepare('INSERT INTO history (board_id, id, name, created_at, notes, author, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      listHistory: this.db.prepare<[string], { id: string; name: string; created_at: number; notes: number; author: string }>(
        'SELECT id, name, created_at, notes, author FROM history WHERE board_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      getHistoryState: this.db.prepare<[string, string], { state: Buffer }>('SELECT state FROM history WHERE board_id = ? AND id = ?'),
      getSetting: this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      setSetting: this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      claimSetting: this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING'),
    };
  }

  private static open(file: string, exclusive: boolean): Database.Database {
    const db = new Database(file);
    try {
      if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
      // Set before the first table exists, so it holds for new databases only (an existing one keeps
      // its mode until a VACUUM): pages freed by a replaced snapshot go back to the file system.
      // Only for a new file: on an existing one it would ask for a write, which a full disk refuses.
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      SqliteStore.migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private static migrate(db: Database.Database): void {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`This data directory was written by a newer Clusterboard (storage version ${version}); upgrade to open it.`);
    }
    // [N3] A database already at this version is opened without writing anything, so a full disk
    // still starts the server (read-only) rather than not at all.
    if (version === SCHEMA_VERSION) return;
    db.transaction(() => {
      const hasV1 = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshots'").get() !== undefined;
      // Read before SCHEMA runs: a history table made by it already has every column.
      const oldHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history'").get() !== undefined;
      db.exec(SCHEMA);
      if (hasV1) db.exec(MIGRATE_FROM_1);
      if (oldHistory) db.exec(MIGRATE_FROM_2);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
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
      this.statements.putSnapshot.run(board.id, '', initialState, 0, Date.now());
    })();
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.statements.getBoard.get(id);
    return row ? boardFromRow(row) : null;
  }

  async updateTitle(id: string, title: string): Promise<void> {
    this.statements.updateTitle.run(title, id);
  }

  async setToken(id: string, role: Role, token: string): Promise<void> {
    this.statements.setToken[role].run(token, id);
  }

  async loadState(id: string, doc = ''): Promise<StoredState> {
    return this.db.transaction(() => {
      const snapshot = this.statements.getSnapshot.get(id, doc);
      const updates = this.statements.getUpdates.all(id, doc, snapshot?.upto_seq ?? 0);
      return {
        snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
        updates: updates.map((u) => ({ seq: u.seq, data: new Uint8Array(u.data) })),
      };
    })();
  }

  async appendUpdate(id: string, update: Uint8Array, doc = ''): Promise<number> {
    const result = this.statements.appendUpdate.run(id, doc, update, Date.now());
    return Number(result.lastInsertRowid);
  }

  async compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc = ''): Promise<void> {
    this.db.transaction(() => {
      this.statements.putSnapshot.run(id, doc, snapshot, uptoSeq, Date.now());
      this.statements.dropUpdates.run(id, doc, uptoSeq);
    })();
    // The replaced snapshot's pages leave the file (a no-op for databases made before auto_vacuum
    // was set), and the WAL, which has just taken the whole new snapshot, is emptied: it would
    // otherwise stay as large as the largest snapshot ever written. (Checkpointing more often
    // than SQLite's 4 MB would keep it smaller still, at the price of a pause of several
    // milliseconds in every hundredth append: the fan-out p99.)
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async addPerson(person: PersonRecord): Promise<void> {
    this.statements.addPerson.run(person);
  }

  async getPerson(boardId: string, personId: string): Promise<PersonRecord | null> {
    const row = this.statements.getPerson.get(boardId, personId);
    return row ? personFromRow(row) : null;
  }

  async updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void> {
    this.statements.updatePerson.run(fields.name, fields.cluster, boardId, personId);
  }

  async listPeople(boardId: string): Promise<PersonRecord[]> {
    return this.statements.listPeople.all(boardId).map(personFromRow);
  }

  async removePerson(boardId: string, personId: string): Promise<void> {
    this.statements.removePerson.run(boardId, personId);
  }

  async getBallots(boardId: string, roundId: string): Promise<BallotRecord[]> {
    return this.statements.getBallots
      .all(boardId, roundId)
      .map((row) => ({ personId: row.person_id, noteId: row.note_id, cluster: row.cluster, count: row.count }));
  }

  async setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void> {
    if (ballot.count > 0) {
      this.statements.putBallot.run(boardId, roundId, ballot.personId, ballot.noteId, ballot.cluster, ballot.count);
    } else {
      this.statements.dropBallot.run(boardId, roundId, ballot.personId, ballot.noteId);
    }
  }

  async addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    this.statements.addHistory.run(boardId, entry.id, entry.name, entry.createdAt, entry.notes, entry.author, state);
  }

  async listHistory(boardId: string): Promise<HistoryEntry[]> {
    return this.statements.listHistory.all(boardId).map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      notes: row.notes,
      author: row.author,
    }));
  }

  async getHistoryState(boardId: string, entryId: string): Promise<Uint8Array | null> {
    const row = this.statements.getHistoryState.get(boardId, entryId);
    return row ? new Uint8Array(row.state) : null;
  }

  async getSetting(key: string): Promise<string | null> {
    return this.statements.getSetting.get(key)?.value ?? null;
  }

  async claimSetting(key: string, value: string): Promise<string> {
    this.statements.claimSetting.run(key, value);
    return this.statements.getSetting.get(key)?.value ?? value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.statements.setSetting.run(key, value);
  }

  async ping(): Promise<void> {
    if (!this.db.open) throw new Error('The database is closed.');
    if (this.damage.length > 0) throw new Error(`the database file is damaged: ${this.damage.join('; ')}`);
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** Copies a damaged file aside before SQLite rewrites it; says where (or why it could not). */
function keepAside(path: string): string {
  const copy = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    copyFileSync(path, copy);
    return `the WAL was kept as ${copy}`;
  } catch (error) {
    return `the WAL could not be kept aside (${error instanceof Error ? error.message : String(error)})`;
  }
}
