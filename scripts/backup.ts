/**
 * `npm run backup -- --out file [--data-dir dir]`
 * A consistent copy of the data directory's database, taken with SQLite's online backup API while
 * the server runs (SPEC N6), then opened and checked: every document of every board must load.
 * Exits 1 when the copy would not restore. Restoring: docs/operations.md.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../server/storage/backup';
import { DATA_DIR_OPTION, fail } from './cli';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'data-dir': DATA_DIR_OPTION,
    },
  });
  if (!values.out) fail('Name the backup file: --out <file> (for example --out backups/clusterboard-2026-12-02.sqlite).');
  const source = join(resolve(values['data-dir']), 'clusterboard.sqlite');
  const report = await backupDatabase(source, resolve(values.out));
  for (const warning of report.warnings) process.stderr.write(`Warning: ${warning}\n`);
  if (report.failures.length > 0) {
    process.stderr.write(`The backup ${report.file} does not restore whole:\n${report.failures.map((f) => `  - ${f}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(`Backed up ${report.boards} boards (${report.documents} documents) to ${report.file}; every board opens.\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
