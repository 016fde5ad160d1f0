/** `npm start`: one process serving the client, the API and the board sockets. */
import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDemoBoard } from './access/demo';
import { startServer } from './app';
import { RedisBus } from './bus/redis';
import { type Config, readConfig } from './config';
import { boardLinks } from './http/api';
import { DEFAULT_QUOTAS } from './http/quotas';
import { createLogger, type Logger } from './log';
import { Metrics } from './ops/metrics';
import { storageFailure } from './storage/failures';
import { PostgresStore } from './storage/postgres';
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

function redisBus(url: string, config: Config, log: Logger, metrics: Metrics): RedisBus {
  const published = metrics.counter('bus_published_total', 'Entries this instance wrote to the update bus.');
  const received = metrics.counter('bus_received_total', "Other instances' updates delivered to this one.");
  const reloaded = metrics.counter('bus_reloads_total', 'Documents reloaded from storage because the bus may have missed something.');
  const bus = new RedisBus({
    url,
    log,
    prefix: config.redisPrefix,
    // Each process is one member of the bus, whatever INSTANCE_ID says (two may share a name).
    instanceId: `${config.instanceId ?? hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    observer: { published: (n) => published.inc(n), received: () => received.inc(), reloaded: (n) => reloaded.inc(n) },
  });
  metrics.gauge('bus_connected', 'Whether the update bus connections are up (1) or not (0).', () => (bus.connected ? 1 : 0));
  metrics.gauge('bus_outbox_entries', 'Updates waiting to be published while Redis is unreachable.', () => bus.pending);
  return bus;
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const log = createLogger(config.logLevel, config.instanceId ? { instance: config.instanceId } : {});
  // Crashes are logged as JSON lines too, cause and stack included, before the process exits.
  process.on('uncaughtException', (error) => {
    log.error('crashed', { error });
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    log.error('crashed', { error });
    process.exit(1);
  });
  const metrics = new Metrics({ processMetrics: true });
  const store = config.databaseUrl
    ? await PostgresStore.open(config.databaseUrl, {
        ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
        onError: (error) => log.warn('database connection lost', { error: error.message }),
      })
    : new SqliteStore(join(config.dataDir, 'clusterboard.sqlite'));
  if (store instanceof SqliteStore && store.damage.length > 0) {
    // [N4] One line an operator cannot miss; /readyz reports the same until it is dealt with.
    log.error(`storage damaged: ${store.damage.join('; ')}. Boards are served from what is readable; restore from a backup (docs/operations.md)`, {
      damage: store.damage,
    });
  }
  if (store instanceof SqliteStore && store.openedExclusive) {
    log.error(
      'the database file was opened in exclusive mode: no other process (npm run backup) can read it until the server restarts with free space',
      {
        reason: store.openedExclusive,
      },
    );
  }
  const bus = config.redisUrl ? redisBus(config.redisUrl, config, log, metrics) : null;
  // [N3] A full disk starts the server read-only: without a demo board if it cannot be made now.
  const demo = await ensureDemoBoard(store).catch((error: unknown) => {
    if (!storageFailure(error)) throw error;
    log.error('the demo board could not be created: storage refuses writes', { error });
    return null;
  });
  const server = await startServer({
    port: config.port,
    host: config.host,
    store,
    log,
    clientDir: join(root, 'dist', 'client'),
    idleUnloadMs: config.idleUnloadMs,
    publicUrl: config.publicUrl,
    metrics,
    metricsToken: config.metricsToken,
    drainMs: config.shutdownDrainMs,
    bus,
    trustProxy: config.trustProxy,
    // Only a shared database gets an outage buffer: the embedded file fails fast and loses nothing.
    outageBufferBytes: config.databaseUrl ? config.outageBufferBytes : 0,
    quotas: {
      createPolicy: config.createPolicy,
      adminToken: config.adminToken,
      createsPerAddressPerHour: config.createsPerAddressPerHour,
      createBurstPerAddress: Math.min(DEFAULT_QUOTAS.createBurstPerAddress, config.createsPerAddressPerHour),
      createsPerInstancePerHour: config.createsPerInstancePerHour,
      createBurstPerInstance: Math.min(DEFAULT_QUOTAS.createBurstPerInstance, config.createsPerInstancePerHour),
    },
    seats: { perLink: config.seatsPerLink, perAddress: config.seatsPerAddress },
    handshakeTimeoutMs: config.connections.handshakeTimeoutMs,
    idleTimeoutMs: config.connections.idleTimeoutMs,
    limits: {
      connectionsPerAddress: config.connections.perAddress,
      connectionsTotal: config.connections.total,
      boardsLoaded: config.connections.boardsLoaded,
    },
  });

  let stopping = false;
  /** Exits at once, naming what the shutdown was still doing. */
  const force = (reason: string) => {
    const state = server.shutdownState();
    log.error('shutdown forced', {
      reason,
      phase: state.kind === 'stopping' ? state.phase : state.kind,
      connections: server.connectionCount(),
      documentsOpen: server.rooms.documents,
      appendsInFlight: metrics.appendsInFlight,
    });
    process.exit(1);
  };
  const stop = (signal: string) => {
    // A second signal is someone who will not wait: stop now.
    if (stopping) return force(`second ${signal}`);
    stopping = true;
    log.info('shutdown started', { signal, drainMs: config.shutdownDrainMs, timeoutMs: config.shutdownTimeoutMs });
    setTimeout(() => force(`not finished within SHUTDOWN_TIMEOUT_MS (${config.shutdownTimeoutMs} ms)`), config.shutdownTimeoutMs);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  // Before anything says the server is up: a SIGTERM that arrives before its handler takes the
  // default action, which kills the process without flushing anything.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const storage = config.databaseUrl ? 'PostgreSQL' : config.dataDir;
  log.info('listening', { url: server.url, storage, bus: bus ? 'redis' : 'none' });

  const origin = config.publicUrl ?? reachableOrigin(config.host, server.port) ?? server.url;
  const links = demo ? boardLinks(demo.board, origin) : null;
  process.stdout.write(
    [
      '',
      `Clusterboard is running at ${server.url}`,
      `Data: ${storage}${bus ? ' (with other instances, through Redis)' : ''}`,
      '',
      ...(demo && links
        ? [
            `Demo board "${demo.board.title}"${demo.created ? ' (created now from the template EXCITE D1.4)' : ''}:`,
            `  Facilitator link:  ${links.facilitator}`,
            `  Participant link:  ${links.participant}`,
            `  Viewer link:       ${links.viewer}`,
            '',
            'Open the facilitator link yourself; share the participant link with the workshop.',
          ]
        : ['Storage refuses writes (see the log): boards are served read-only until it takes writes again.']),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  // The configuration may be what failed, so this logger's level is not read from it.
  createLogger('error').error(`Clusterboard could not start: ${error instanceof Error ? error.message : String(error)}`, { error });
  process.exit(1);
});
