/** What the command-line scripts that read the server's data directory share. */

/** Says what is wrong on stderr and exits 2 (a usage or input error, not a failed run). */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** The `--data-dir` option: the server's DATA_DIR, else `./data`, as the server itself defaults. */
export const DATA_DIR_OPTION = { type: 'string', default: process.env.DATA_DIR || 'data' } as const;
