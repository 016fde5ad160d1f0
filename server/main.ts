/** `npm start`: one process serving the client, the API and the board sockets. */
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './app';
import { readConfig } from './config';
import { ensureDemoBoard } from './demo';
import { boardLinks } from './http/api';
import { createLogger } from './log';
import { SqliteStore } from './storage/sqlite';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Listening on every interface (HOST=0.0.0.0) is for serving a room's network: print links with
 * this machine's network address, which other laptops can open, rather than localhost.
 */
function reachableOrigin(host: string, port: number): string | null {
  if (host !== '0.0.0.0' && host !== '::') return null;
  const address = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
  return address ? `http://${address}:${port}` : null;
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const log = createLogger(config.logLevel);
  const store = new SqliteStore(join(config.dataDir, 'clusterboard.sqlite'));
  const { board, created } = await ensureDemoBoard(store);
  const server = await startServer({
    port: config.port,
    host: config.host,
    store,
    log,
    clientDir: join(root, 'dist', 'client'),
    idleUnloadMs: config.idleUnloadMs,
    publicUrl: config.publicUrl,
  });

  const links = boardLinks(board, config.publicUrl ?? reachableOrigin(config.host, server.port) ?? server.url);
  process.stdout.write(
    [
      '',
      `Clusterboard is running at ${server.url}`,
      `Data: ${config.dataDir}`,
      '',
      `Demo board "${board.title}"${created ? ' (created now from the template EXCITE D1.4)' : ''}:`,
      `  Facilitator link:  ${links.facilitator}`,
      `  Participant link:  ${links.participant}`,
      `  Viewer link:       ${links.viewer}`,
      '',
      'Open the facilitator link yourself; share the participant link with the workshop.',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Clusterboard could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
