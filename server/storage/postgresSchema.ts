/**
 * The PostgreSQL store's tables and statements (server/storage/postgres.ts runs them). The same
 * shape as SQLite's (server/storage/sqlite.ts), in PostgreSQL's types: bytea for Yjs data, bigint
 * for milliseconds and seqs.
 *
 * Schema versions (the `schema_version` row of `schema_meta`):
 *  1: boards, documents as snapshot + update log keyed by (board, doc), people, ballots, history,
 *     settings. The same shape as SQLite's version 2.
 *  2: history.author, who took the snapshot ('' for the entries of version 1). SQLite's version 3.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS boards (
  id text PRIMARY KEY,
  title text NOT NULL,
  template text,
  created_at bigint NOT NULL,
  facilitator_token text NOT NULL,
  participant_token text NOT NULL,
  viewer_token text NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  board_id text NOT NULL REFERENCES boards(id),
  doc text NOT NULL,
  data bytea NOT NULL,
  -- The highest seq merged into data; in a shared database an entry below it may still commit
  -- later (see loadState), so it is a record, never a filter.
  upto_seq bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (board_id, doc)
);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  board_id text NOT NULL REFERENCES boards(id),
  doc text NOT NULL,
  data bytea NOT NULL,
  created_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (board_id, doc, seq);
CREATE TABLE IF NOT EXISTS people (
  board_id text NOT NULL REFERENCES boards(id),
  id text NOT NULL,
  secret_hash text NOT NULL,
  name text NOT NULL,
  cluster text,
  role text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS ballots (
  board_id text NOT NULL REFERENCES boards(id),
  round_id text NOT NULL,
  person_id text NOT NULL,
  note_id text NOT NULL,
  cluster text,
  count integer NOT NULL,
  PRIMARY KEY (board_id, round_id, person_id, note_id)
);
CREATE TABLE IF NOT EXISTS history (
  board_id text NOT NULL REFERENCES boards(id),
  id text NOT NULL,
  -- Insertion order, to list entries with the same created_at newest first (SQLite's rowid).
  position bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  created_at bigint NOT NULL,
  notes integer NOT NULL,
  state bytea NOT NULL,
  author text NOT NULL DEFAULT '',
  PRIMARY KEY (board_id, id)
);
CREATE TABLE IF NOT EXISTS settings (key text PRIMARY KEY, value text NOT NULL);
-- Version 1 -> 2: its history has no author; its entries keep '' (nobody recorded). A no-op when
-- the table above was just made.
ALTER TABLE history ADD COLUMN IF NOT EXISTS author text NOT NULL DEFAULT '';
`;

/** Every statement the store runs; each is prepared once per connection under its key. */
export const SQL = {
  insertBoard: `WITH board AS (
      INSERT INTO boards (id, title, template, created_at, facilitator_token, participant_token, viewer_token)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id)
    INSERT INTO doc_snapshots (board_id, doc, data, upto_seq, updated_at) SELECT id, '', $8, 0, $9 FROM board`,
  getBoard: 'SELECT * FROM boards WHERE id = $1',
  updateTitle: 'UPDATE boards SET title = $2 WHERE id = $1',
  setToken_facilitator: 'UPDATE boards SET facilitator_token = $2 WHERE id = $1',
  setToken_participant: 'UPDATE boards SET participant_token = $2 WHERE id = $1',
  setToken_viewer: 'UPDATE boards SET viewer_token = $2 WHERE id = $1',
  // One statement, so it reads one snapshot of the database: a compaction by another instance
  // between reading the snapshot and reading the log would otherwise hide the entries it merged.
  loadState: `SELECT NULL::bigint AS seq, data FROM doc_snapshots WHERE board_id = $1 AND doc = $2
    UNION ALL SELECT seq, data FROM doc_updates WHERE board_id = $1 AND doc = $2
    ORDER BY seq NULLS FIRST`,
  appendUpdate: 'INSERT INTO doc_updates (board_id, doc, data, created_at) VALUES ($1, $2, $3, $4) RETURNING seq',
  lockDoc: "SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0))",
  getSnapshot: 'SELECT data, upto_seq FROM doc_snapshots WHERE board_id = $1 AND doc = $2',
  takeUpdates: 'DELETE FROM doc_updates WHERE board_id = $1 AND doc = $2 AND seq <= $3 RETURNING data',
  putSnapshot: `INSERT INTO doc_snapshots (board_id, doc, data, upto_seq, updated_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (board_id, doc) DO UPDATE SET data = excluded.data,
      upto_seq = GREATEST(doc_snapshots.upto_seq, excluded.upto_seq), updated_at = excluded.updated_at`,
  addPerson: `INSERT INTO people (board_id, id, secret_hash, name, cluster, role, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)`,
  getPerson: 'SELECT * FROM people WHERE board_id = $1 AND id = $2',
  updatePerson: 'UPDATE people SET name = $3, cluster = $4 WHERE board_id = $1 AND id = $2',
  removePerson: 'DELETE FROM people WHERE board_id = $1 AND id = $2',
  // COLLATE "C": byte order, as SQLite compares, whatever the database's locale.
  listPeople: 'SELECT * FROM people WHERE board_id = $1 ORDER BY created_at, id COLLATE "C"',
  getBallots: 'SELECT person_id, note_id, cluster, count FROM ballots WHERE board_id = $1 AND round_id = $2',
  putBallot: `INSERT INTO ballots (board_id, round_id, person_id, note_id, cluster, count) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (board_id, round_id, person_id, note_id) DO UPDATE SET count = excluded.count`,
  dropBallot: 'DELETE FROM ballots WHERE board_id = $1 AND round_id = $2 AND person_id = $3 AND note_id = $4',
  addHistory: 'INSERT INTO history (board_id, id, name, created_at, notes, author, state) VALUES ($1, $2, $3, $4, $5, $6, $7)',
  listHistory: 'SELECT id, name, created_at, notes, author FROM history WHERE board_id = $1 ORDER BY created_at DESC, position DESC',
  getHistoryState: 'SELECT state FROM history WHERE board_id = $1 AND id = $2',
  getSetting: 'SELECT value FROM settings WHERE key = $1',
  setSetting: 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  claimSetting: 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
} as const satisfies Record<string, string>;

export type Statement = keyof typeof SQL;

/** Placeholders for `rows` updates in one INSERT, numbered in caller order. */
export function appendManySql(rows: number): string {
  const values = Array.from({ length: rows }, (_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`);
  return `INSERT INTO doc_updates (board_id, doc, data, created_at) VALUES ${values.join(', ')} RETURNING seq`;
}
