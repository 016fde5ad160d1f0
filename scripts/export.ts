/**
 * `npm run export -- --board <id> --format docx|md|csv|json [--lang de] [--out file] [--data-dir dir]`
 * Exports a board straight from the server's data directory (`--data-dir`, else `DATA_DIR`, else
 * ./data as the server's default). Reports and the CSV header are written in `--lang` (en, de, bg,
 * lt, pl, es, fr), else in the board's language [LG5]. The server may be running: SQLite in WAL mode lets this read
 * alongside it. Never changes the board.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportBoard, isExportFormat } from '../server/exports';
import { createLogger } from '../server/log';
import { SqliteStore } from '../server/storage/sqlite';
import { DEFAULT_LIMITS } from '../server/sync/limits';
import { Rooms } from '../server/sync/rooms';
import { boardDocumentHooks } from '../server/workshop/documents';
import { isLocale, LOCALES } from '../shared/i18n/locales';
import { DATA_DIR_OPTION, fail } from './cli';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      board: { type: 'string' },
      format: { type: 'string', default: 'md' },
      lang: { type: 'string' },
      out: { type: 'string' },
      'data-dir': DATA_DIR_OPTION,
    },
  });
  if (!values.board) fail('Name the board: --board <id> (the id is in the board link, after /b/).');
  if (!isExportFormat(values.format)) fail(`--format must be one of: ${EXPORT_FORMATS.join(', ')}.`);
  if (values.lang !== undefined && !isLocale(values.lang)) fail(`--lang must be one of: ${LOCALES.join(', ')} (not "${values.lang}").`);
  const dataDir = resolve(values['data-dir']);
  const where = `Point the export at the directory the server stores its data in (its DATA_DIR): --data-dir <dir> or DATA_DIR=<dir>.`;
  const file = join(dataDir, 'clusterboard.sqlite');
  // Checked first: opening a missing file would create an empty database there.
  if (!existsSync(file)) fail(`There is no Clusterboard data in ${dataDir} (no clusterboard.sqlite). ${where}`);
  const store = new SqliteStore(file);
  try {
    const board = await store.getBoard(values.board);
    if (!board) fail(`There is no board "${values.board}" in ${dataDir}. If the server keeps its data elsewhere: ${where}`);
    // No room is loaded here: the export reads the stored state.
    const log = createLogger('silent');
    const rooms = new Rooms({
      store,
      log,
      hooks: boardDocumentHooks({ store, log }),
      compactEvery: 500,
      idleUnloadMs: 1000,
      maxBoards: DEFAULT_LIMITS.boardsLoaded,
      maxBoardBytes: DEFAULT_LIMITS.boardBytes,
    });
    const exported = await exportBoard(store, rooms, board, values.format, new Date(), values.lang ?? null);
    if (values.out) {
      writeFileSync(values.out, exported.body);
      process.stderr.write(`Wrote ${values.out}\n`);
    } else {
      process.stdout.write(exported.body);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => fail(`Export failed: ${error instanceof Error ? error.message : String(error)}`));
