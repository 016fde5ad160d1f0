/**
 * PostgreSQL for tests: the server at TEST_DATABASE_URL, a fresh schema per test (dropped after
 * it), and a TCP proxy in front of the server that a test can cut or freeze to play an outage.
 *
 * The project's rule: tests needing PostgreSQL run in CI. With CI set and PostgreSQL unreachable,
 * importing this module throws, which fails the suite with the reason. Elsewhere those tests skip,
 * loudly: a warning names the URL.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { Client } from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The URL without its password, for messages. */
function shownUrl(): string {
  try {
    const url = new URL(TEST_DATABASE_URL);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(TEST_DATABASE_URL is not a URL)';
  }
}

async function connected(schema?: string): Promise<Client> {
  const client = new Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A test's own connection dying (the test is over) must not crash the run.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Why PostgreSQL cannot be used, or null if it answers. */
async function unreachableReason(): Promise<string | null> {
  let client: Client | null = null;
  try {
    client = await connected();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    if (error instanceof AggregateError) return error.errors.map(String).join('; ');
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client?.end().catch(() => {});
  }
}

const reason = await unreachableReason();
if (reason !== null && process.env.CI) {
  throw new Error(
    `PostgreSQL at ${shownUrl()} is unreachable (${reason}). CI must run the PostgreSQL tests: ` +
      'start PostgreSQL there or set TEST_DATABASE_URL to one that answers.',
  );
}
if (reason !== null) {
  console.warn(
    `\n!!! SKIPPING the PostgreSQL tests: ${shownUrl()} is unreachable (${reason}).\n` +
      '!!! Start PostgreSQL or set TEST_DATABASE_URL to run them; CI always does.\n',
  );
}

export const postgresAvailable = reason === null;

type Defer = (task: () => unknown) => void;

/** A schema name no other test uses; dropped with everything in it after the test. */
export function testSchema(defer: Defer): string {
  const schema = `cb_test_${randomBytes(6).toString('hex')}`;
  defer(async () => {
    const client = await connected();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  });
  return schema;
}

/** A plain connection whose tables are the schema's, for what the store's API cannot do; closed after the test. */
export async function rawClient(defer: Defer, schema: string): Promise<Client> {
  const client = await connected(schema);
  defer(() => client.end());
  return client;
}

export interface PostgresProxy {
  /** TEST_DATABASE_URL, through the proxy. */
  readonly url: string;
  /** Drops every connection and refuses new ones, as a stopped database does. */
  cut(): Promise<void>;
  /** Keeps connections open but carries nothing either way, as a frozen database or a dead link does. */
  freeze(): void;
  /** Carries traffic again; connections frozen meanwhile are dropped (their protocol state is lost). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP proxy to TEST_DATABASE_URL's host and port (not for a Unix-socket URL); closed after the test. */
export async function postgresProxy(defer: Defer): Promise<PostgresProxy> {
  const target = new URL(TEST_DATABASE_URL);
  const upstreamHost = target.hostname || '127.0.0.1';
  const upstreamPort = Number(target.port || 5432);
  let mode: 'up' | 'frozen' | 'cut' = 'up';
  const sockets = new Set<Socket>();
  const frozen = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(upstreamPort, upstreamHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        frozen.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    // Forwarded by hand, not piped, so freezing can swallow bytes in both directions at once.
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (mode === 'up') to.write(chunk);
        else frozen.add(from);
      });
    forward(client, upstream);
    forward(upstream, client);
    if (mode === 'frozen') frozen.add(client);
  });
  let port = 0;
  const listen = () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen();
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP port.');
  port = address.port;
  target.hostname = '127.0.0.1';
  target.port = String(port);

  const dropAll = (set: Set<Socket>) => {
    for (const socket of [...set]) socket.destroy();
  };
  const proxy: PostgresProxy = {
    url: target.toString(),
    async cut() {
      mode = 'cut';
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      dropAll(sockets);
      await closed;
    },
    freeze() {
      mode = 'frozen';
    },
    async restore() {
      const wasCut = mode === 'cut';
      mode = 'up';
      dropAll(frozen);
      if (wasCut) await listen();
    },
    async close() {
      dropAll(sockets);
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  defer(() => proxy.close());
  return proxy;
}
