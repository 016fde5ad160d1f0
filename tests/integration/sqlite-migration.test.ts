/** Data directories of older storage versions open with everything in them (SPEC D6, RD13). */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite';
import { addNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { removeDataDir, tempDataDir } from '../helpers/server';
import { docFromStored, note, noteTexts } from './support';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDataDir));

/** The storage layout of version 1, as a release before this one wrote it. */
function writeVersion1(file: string, boardId: string, snapshot: Uint8Array, updates: Uint8Array[]): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE boards (id TEXT PRIMARY KEY, title TEXT NOT NULL, template TEXT, created_at INTEGER NOT NULL,
      facilitator_token TEXT NOT NULL, participant_token TEXT NOT NULL, viewer_token TEXT NOT NULL);
    CREATE TABLE snapshots (board_id TEXT PRIMARY KEY REFERENCES boards(id), data BLOB NOT NULL, upto_seq INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL REFERENCES boards(id), data BLOB NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX updates_by_board ON updates(board_id, seq);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `);
  db.prepare('INSERT INTO boards VALUES (?, ?, NULL, 1, ?, ?, ?)').run(boardId, 'Old board', 'f-token', 'p-token', 'v-token');
  db.prepare('INSERT INTO snapshots VALUES (?, ?, 0, 1)').run(boardId, snapshot);
  for (const update of updates) db.prepare('INSERT INTO updates (board_id, data, created_at) VALUES (?, ?, 1)').run(boardId, update);
  db.close();
}

/** Version 2's history table, without authors, holding one snapshot. */
async function writeVersion2(file: string, boardId: string, state: Uint8Array): Promise<void> {
  // Today's tables, less the column version 3 added.
  await new SqliteStore(file).close();
  const db = new Database(file);
  db.exec('ALTER TABLE history DROP COLUMN author');
  db.prepare('INSERT INTO boards VALUES (?, ?, NULL, 1, ?, ?, ?)').run(boardId, 'Old board', 'f-token', 'p-token', 'v-token');
  db.prepare('INSERT INTO history (board_id, id, name, created_at, notes, state) VALUES (?, ?, ?, ?, ?, ?)').run(
    boardId,
    'h1',
    'Before step 1: Write',
    10,
    1,
    state,
  );
  db.pragma('user_version = 2');
  db.close();
}

describe('opening an older data directory', () => {
  it("[D6, RD13] a version-2 database keeps its history, every entry with author '', and records authors from then on", async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const file = join(dir, 'clusterboard.sqlite');
    const doc = new Y.Doc();
    addNote(doc, note('Kept'), serverOrigin('template'));
    const state = Y.encodeStateAsUpdate(doc);
    await writeVersion2(file, 'oldboard1234', state);

    const store = new SqliteStore(file);
    try {
      expect(await store.listHistory('oldboard1234')).toEqual([{ id: 'h1', name: 'Before step 1: Write', createdAt: 10, notes: 1, author: '' }]);
      expect(await store.getHistoryState('oldboard1234', 'h1')).toEqual(state);
      await store.addHistory('oldboard1234', { id: 'h2', name: 'Later', createdAt: 20, notes: 1, author: 'Ana' }, state);
      expect((await store.listHistory('oldboard1234')).map((e) => e.author)).toEqual(['Ana', '']);
    } finally {
      await store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('[D6] a version-1 database becomes the board document of version 2, and new updates continue its sequence', async () => {
    const dir = tempDataDir();
    dirs.push(dir);
    const file = join(dir, 'clusterboard.sqlite');
    const doc = new Y.Doc();
    addNote(doc, note('In the snapshot'), serverOrigin('template'));
    const snapshot = Y.encodeStateAsUpdate(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    addNote(doc, note('In the log'), serverOrigin('template'));
    writeVersion1(file, 'oldboard1234', snapshot, updates);

    const store = new SqliteStore(file);
    try {
      expect((await store.getBoard('oldboard1234'))?.tokens.participant).toBe('p-token');
      const stored = await store.loadState('oldboard1234');
      expect(stored.updates).toHaveLength(1);
      expect(noteTexts(docFromStored(stored))).toEqual(['In the log', 'In the snapshot']);
      const seq = await store.appendUpdate('oldboard1234', updates[0]!);
      expect(seq).toBeGreaterThan(stored.updates[0]!.seq);
    } finally {
      await store.close();
    }
    // Opening again is a no-op: the migration ran once.
    const again = new SqliteStore(file);
    try {
      expect(noteTexts(docFromStored(await again.loadState('oldboard1234')))).toEqual(['In the log', 'In the snapshot']);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      db.close();
    } finally {
      await again.close();
    }
  });
});
