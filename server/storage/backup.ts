/**
 * [N6] Backups of the embedded database with SQLite's online backup API (better-sqlite3's
 * `db.backup`): a consistent copy taken page by page while the server keeps writing, including
 * what is still in the WAL (a plain file copy of a running database may not be). The copy is then
 * opened as the server would open it and every document of every board is loaded, so a backup that
 * would not restore is known at once.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { SqliteStore } from './sqlite';
import { applyStoredState } from './store';
import { checkWal } from './walCheck';

export interface BackupReport {
  file: string;
  boards: number;
  documents: number;
  /** Sentences: damage found in the source (reported, not fatal) and in the copy (fatal). */
  warnings: string[];
  failures: string[];
}

export async function backupDatabase(source: string, out: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new Error(`There is no database at ${source} (set --data-dir or DATA_DIR).`);
  if (existsSync(out)) throw new Error(`${out} exists already; choose a new file, a backup never overwrites one.`);
  const warnings: string[] = [];
  const wal = checkWal(`${source}-wal`);
  if (wal?.damage) warnings.push(`the source's ${wal.damage}; the backup holds what SQLite can read`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(out);
  } finally {
    db.close();
  }
  return { ...(await verifyDatabase(out)), warnings };
}

/** Opens `file` as the server would, and loads every document of every board. */
export async function verifyDatabase(file: string): Promise<BackupReport> {
  const store = new SqliteStore(file);
  const failures = [...store.damage];
  let documents = 0;
  let boards: number;
  try {
    const raw = new Database(file, { readonly: true });
    let keys: { board_id: string; doc: string }[];
    try {
      boards = (raw.prepare('SELECT count(*) AS n FROM boards').get() as { n: number }).n;
      keys = raw.prepare('SELECT board_id, doc FROM doc_snapshots UNION SELECT board_id, doc FROM doc_updates ORDER BY board_id, doc').all() as {
        board_id: string;
        doc: string;
      }[];
    } finally {
      raw.close();
    }
    for (const { board_id: boardId, doc: docKey } of keys) {
      const doc = new Y.Doc();
      try {
        applyStoredState(doc, await store.loadState(boardId, docKey));
        documents++;
      } catch (error) {
        failures.push(`board ${boardId}${docKey ? ` (${docKey})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        doc.destroy();
      }
    }
  } finally {
    await store.close();
  }
  return { file, boards, documents, warnings: [], failures };
}
