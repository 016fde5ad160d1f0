/**
 * Several instances as an operator runs them (issue 8, docs/deploy.md): two real server processes
 * (`tsx server/main.ts`) on one PostgreSQL schema and one Redis, nginx in front of them with
 * deploy/nginx.conf, and stock y-websocket providers that connect through nginx. Then an instance
 * is killed, Redis restarts, PostgreSQL goes away, while the clients keep editing.
 *
 * "Nothing lost" means: every note any client had in its document is, at the end, in a fresh
 * client's document through nginx, in a fresh client's document on a surviving instance directly,
 * and in what PostgreSQL holds. Where an instance dies, everything a client had received from the
 * servers must already be in PostgreSQL at that moment (a client that received it may be gone
 * before anything could heal it).
 *
 * Needs PostgreSQL, Redis and nginx: CI runs these tests; elsewhere they skip, loudly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PostgresStore } from '../../server/storage/postgres';
import { notesMap } from '../../shared/model/doc';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, type CreatedBoard } from '../../shared/protocol';
import { type Nginx, nginxAvailable, startNginx } from '../helpers/nginx';
import { postgresAvailable, postgresProxy, TEST_DATABASE_URL, testSchema } from '../helpers/postgres';
import { socketUrl, stockProvider } from '../helpers/provider';
import { redisAvailable, startPrivateRedis, TEST_REDIS_URL, testPrefix } from '../helpers/redis';
import { ServerProcess } from '../helpers/server-process';
import { cleanupAfterEach, docFromStored, note, noteTexts, sleep, waitFor, waitForAsync } from './support';

const defer = cleanupAfterEach();
const available = postgresAvailable && redisAvailable && nginxAvailable;

// ---- The cluster ----

interface Cluster {
  instances: ServerProcess[];
  nginx: Nginx;
  schema: string;
  board: { id: string; token: string };
}

interface ClusterOptions {
  /** PostgreSQL as the instances reach it (a proxy the test may cut); the test service otherwise. */
  databaseUrl?: string;
  /** Redis as the instances reach it (a private one the test may restart); the shared one otherwise. */
  redisUrl?: string;
  env?: Record<string, string>;
}

/** Two instances on a fresh schema, nginx in front, and a board created through nginx. */
async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const schema = testSchema(defer);
  const env = {
    DATABASE_URL: options.databaseUrl ?? TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    REDIS_PREFIX: testPrefix(),
    // As docs/deploy.md says: nginx's X-Forwarded-For names each client.
    TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const start = async (name: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), `clusterboard-cluster-${name}-`));
    defer(() => rmSync(dataDir, { recursive: true, force: true }));
    const instance = await ServerProcess.start(dataDir, 0, { ...env, INSTANCE_ID: name });
    defer(() => instance.stop('SIGKILL'));
    return instance;
  };
  // Both at once: they race to create the tables (and each creates a demo board, which no test uses).
  const instances = await Promise.all([start('a'), start('b')]);
  const nginx = await startNginx(
    defer,
    instances.map((instance) => instance.port),
  );
  // A failed run shows what each instance and nginx said (CLUSTER_LOGS=1: every run). The nginx
  // log is read before its directory goes, by a cleanup that runs before that one.
  let nginxLog = '';
  defer(() => (nginxLog = nginx.errorLog()));
  onTestFinished(({ task }) => {
    if (task.result?.state !== 'fail' && !process.env.CLUSTER_LOGS) return;
    for (const [i, instance] of instances.entries()) {
      const lines = instance.logs().filter((line) => line.level !== 'debug');
      console.info(`--- instance ${i === 0 ? 'a' : 'b'} (port ${instance.port}) ---\n${lines.map((line) => JSON.stringify(line)).join('\n')}`);
    }
    console.info(`--- nginx error log ---\n${nginxLog}`);
  });
  const response = await fetch(`${nginx.url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Cluster board', template: 'blank' }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as CreatedBoard;
  // The facilitator's link: these tests are about instances, and a participant writes notes only
  // under a seat (G4), which the stock providers here do not carry.
  const token = new URLSearchParams(new URL(created.links.facilitator).hash.slice(1)).get('token') ?? '';
  return { instances, nginx, schema, board: { id: created.id, token } };
}

/** `clusterboard_connections`, read from the instance itself (not through nginx). */
async function connectionsOn(instance: ServerProcess): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return Number(/^clusterboard_connections (\d+)/m.exec(text)?.[1] ?? NaN);
}

async function readiness(instance: ServerProcess): Promise<{ status: number; checks: Record<string, string> }> {
  const response = await fetch(`${instance.url}/readyz`);
  const body = (await response.json()) as { checks: Record<string, string> };
  return { status: response.status, checks: body.checks };
}

/** The board's notes as PostgreSQL holds them (snapshot plus log). */
async function storedNotes(schema: string, boardId: string): Promise<string[]> {
  const store = await PostgresStore.open(TEST_DATABASE_URL, { schema });
  try {
    const doc = docFromStored(await store.loadState(boardId));
    const texts = noteTexts(doc);
    doc.destroy();
    return texts;
  } finally {
    await store.close();
  }
}

// ---- Clients ----

/** Notes (by text: each is unique) that any client had in its document, and those that came from a server. */
class Witness {
  readonly seen = new Set<string>();
  readonly received = new Set<string>();
}

interface Client {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes of the client's connections, in order. */
  closes: number[];
  written: string[];
}

/** A stock provider on `baseUrl` (nginx, or one instance), recording what it sees into `witness`. */
function connect(baseUrl: string, board: Cluster['board'], name: string, witness: Witness): Client {
  // The stock backoff tops out at 2.5 s; 1 s keeps the tests short. The reconnect path is the same.
  const stock = stockProvider(socketUrl(baseUrl), board.id, { params: { token: board.token }, maxBackoffTime: 1_000 });
  const { doc, provider } = stock;
  const client: Client = { name, doc, provider, closes: [], written: [] };
  provider.on('connection-close', (event) => {
    if (event) client.closes.push(event.code);
  });
  const notes = notesMap(doc);
  notes.observe((event, transaction) => {
    for (const key of event.keysChanged) {
      const text = notes.get(key);
      if (!(text instanceof Y.Map)) continue;
      const value = String(text.get('text') ?? '');
      witness.seen.add(value);
      if (transaction.origin === provider) witness.received.add(value);
    }
  });
  defer(() => stock.destroy());
  return client;
}

const ready = (client: Client) => client.provider.wsconnected && client.provider.synced;

async function connected(client: Client, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => ready(client), `${client.name} connected and synced`, timeoutMs);
}

function write(client: Client): void {
  const text = `${client.name}-${client.written.length + 1}`;
  client.written.push(text);
  addNote(client.doc, note(text, { author: { id: client.name, name: client.name, cluster: null } }), localOrigin(client.name));
}

/** Each client adds a note every `everyMs`, online or not, until the returned function is called. */
function keepWriting(clients: readonly Client[], everyMs = 40): () => void {
  const timers = clients.map((client) => setInterval(() => write(client), everyMs));
  const stop = () => timers.forEach((timer) => clearInterval(timer));
  defer(stop);
  return stop;
}

/** What of `expected` is missing from `actual`. */
function missing(expected: Iterable<string>, actual: readonly string[]): string[] {
  const have = new Set(actual);
  return [...expected].filter((text) => !have.has(text));
}

/** Every client connected, synced, and holding the same notes, which include everything any client saw. */
async function converged(clients: readonly Client[], witness: Witness, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    () => {
      if (!clients.every(ready)) return false;
      const [first, ...rest] = clients.map((client) => noteTexts(client.doc).join('\n'));
      return rest.every((texts) => texts === first) && missing(witness.seen, noteTexts(clients[0]!.doc)).length === 0;
    },
    `clients ${clients.map((client) => client.name).join(', ')} converged`,
    timeoutMs,
  );
}

/**
 * Nothing any client saw is lost: a fresh client through nginx, fresh clients straight on each of
 * `survivors`, and PostgreSQL hold every note seen, and the fresh clients hold what `reference` does.
 */
async function expectNothingLost(cluster: Cluster, survivors: readonly ServerProcess[], witness: Witness, reference: Client): Promise<void> {
  const seen = new Set(witness.seen);
  const fresh = [
    connect(cluster.nginx.url, cluster.board, 'fresh-via-nginx', new Witness()),
    ...survivors.map((instance, i) => connect(instance.url, cluster.board, `fresh-direct-${i}`, new Witness())),
  ];
  for (const client of fresh) {
    await connected(client);
    expect(missing(seen, noteTexts(client.doc)), `${client.name} lacks notes`).toEqual([]);
    expect(noteTexts(client.doc)).toEqual(noteTexts(reference.doc));
  }
  expect(missing(seen, await storedNotes(cluster.schema, cluster.board.id)), 'PostgreSQL lacks notes').toEqual([]);
}

/** Connects `count` clients through nginx one after another, so least_conn spreads them over the instances. */
async function spreadClients(cluster: Cluster, count: number, witness: Witness): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < count; i++) {
    const client = connect(cluster.nginx.url, cluster.board, `c${i + 1}`, witness);
    await connected(client);
    clients.push(client);
  }
  // Each landed somewhere: every instance holds its share, read from the instance itself.
  const share = count / cluster.instances.length;
  await waitForAsync(
    async () => (await Promise.all(cluster.instances.map(connectionsOn))).every((connections) => connections >= share),
    `each instance holding ${share} of the ${count} clients`,
  );
  return clients;
}

const elapsed = (since: number) => Date.now() - since;

// Each test starts two server processes (about 3 s) and nginx before it begins.
describe.skipIf(!available)('several instances behind nginx (PostgreSQL, Redis)', { timeout: 60_000 }, () => {
  it('[M1] clients on two instances behind nginx edit one board and converge, and a fresh client on either instance sees everything', async () => {
    const cluster = await startCluster();
    const witness = new Witness();
    const clients = await spreadClients(cluster, 2, witness);

    const stop = keepWriting(clients);
    await sleep(1_000);
    stop();
    await converged(clients, witness);
    // Each client's notes reached the other through the bus, not only its own instance.
    for (const client of clients) expect(client.written.length).toBeGreaterThan(10);
    expect(witness.seen.size).toBe(clients.reduce((sum, client) => sum + client.written.length, 0));

    await expectNothingLost(cluster, cluster.instances, witness, clients[0]!);
  });

  it('[M1] an instance killed with SIGKILL mid-edit: its clients reconnect through nginx to the other, converge, and nothing any client had seen is lost', async () => {
    const cluster = await startCluster();
    const witness = new Witness();
    const clients = await spreadClients(cluster, 4, witness);
    const [victim, survivor] = cluster.instances as [ServerProcess, ServerProcess];

    const stop = keepWriting(clients);
    await sleep(700);
    const receivedBeforeKill = new Set(witness.received);
    const killedAt = Date.now();
    await victim.stop('SIGKILL');
    // What any client had from a server was stored before it was sent: PostgreSQL has it now, before
    // any client has reconnected and could resend it.
    expect(receivedBeforeKill.size).toBeGreaterThan(0);
    expect(missing(receivedBeforeKill, await storedNotes(cluster.schema, cluster.board.id)), 'PostgreSQL lacks received notes').toEqual([]);

    const cutOffClients = () => clients.filter((client) => client.closes.length > 0);
    await waitFor(() => cutOffClients().length >= 2, 'the victim’s two clients cut off');
    const cutOff = cutOffClients();
    expect(cutOff).toHaveLength(2);
    await Promise.all(cutOff.map((client) => connected(client)));
    const reconnectMs = elapsed(killedAt);
    await sleep(500);
    stop();
    await converged(clients, witness);
    expect(await connectionsOn(survivor)).toBe(4);

    await expectNothingLost(cluster, [survivor], witness, clients[0]!);
    console.info(`cluster: clients of the killed instance back through nginx on the other after ${reconnectMs} ms`);
  });

  it('an instance stopped with SIGTERM (a rolling restart): its clients are told 4503, go on through nginx on the other, and the restarted instance takes new clients', async () => {
    const cluster = await startCluster();
    const witness = new Witness();
    const clients = await spreadClients(cluster, 2, witness);
    const [stopping, other] = cluster.instances as [ServerProcess, ServerProcess];

    const stop = keepWriting(clients);
    await sleep(300);
    expect(await stopping.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await waitFor(() => clients.some((client) => client.closes.length > 0), 'a client told to go');
    const moved = clients.filter((client) => client.closes.length > 0);
    expect(moved.map((client) => client.closes)).toEqual([[CloseCode.GoingAway]]);
    await connected(moved[0]!);
    expect(await connectionsOn(other)).toBe(2);

    const restarted = await stopping.restart();
    defer(() => restarted.stop('SIGKILL'));
    await waitForAsync(async () => (await readiness(restarted)).status === 200, 'the restarted instance ready');
    // least_conn: the new socket goes to the instance that has none.
    const newcomer = connect(cluster.nginx.url, cluster.board, 'c3', witness);
    await connected(newcomer);
    expect(await connectionsOn(restarted)).toBe(1);
    stop();
    await converged([...clients, newcomer], witness);

    await expectNothingLost(cluster, [restarted, other], witness, newcomer);
  });

  it('[M2][M3] Redis restarted mid-edit: the instances say not ready, recover, reload from PostgreSQL and converge, and nothing is lost', async () => {
    const redis = await startPrivateRedis(defer);
    const cluster = await startCluster({ redisUrl: redis.url });
    const witness = new Witness();
    const clients = await spreadClients(cluster, 2, witness);

    const stop = keepWriting(clients);
    await sleep(500);
    await redis.stop();
    for (const instance of cluster.instances) {
      await waitForAsync(async () => (await readiness(instance)).status === 503, 'not ready without Redis');
      const { checks } = await readiness(instance);
      expect(checks.storage).toBe('ok');
      expect(checks.bus).not.toBe('ok');
    }
    await sleep(500);
    const restartedAt = Date.now();
    await redis.start();
    for (const instance of cluster.instances) {
      await waitForAsync(async () => (await readiness(instance)).status === 200, 'ready once Redis is back', 10_000);
    }
    const readyMs = elapsed(restartedAt);
    await sleep(500);
    stop();
    await converged(clients, witness);
    const convergedMs = elapsed(restartedAt);
    // The new Redis kept nothing: each instance reloaded the board from PostgreSQL.
    for (const instance of cluster.instances) {
      expect(instance.logs().some((line) => line.msg === 'update bus position recovered; documents reloaded from storage')).toBe(true);
    }

    await expectNothingLost(cluster, cluster.instances, witness, clients[0]!);
    console.info(`cluster: after the Redis restart both instances ready in ${readyMs} ms, clients converged in ${convergedMs} ms`);
  });

  it('[M4] PostgreSQL unreachable: both instances keep passing live edits between their clients, say not ready, and store every update once it is back', async () => {
    const proxy = await postgresProxy(defer);
    const cluster = await startCluster({ databaseUrl: proxy.url });
    const witness = new Witness();
    const clients = await spreadClients(cluster, 2, witness);
    const [c1, c2] = clients as [Client, Client];

    const stop = keepWriting(clients);
    await sleep(300);
    await proxy.cut();
    const cutAt = { c1: c1.written.length, c2: c2.written.length };
    // Edits made during the outage still reach the client on the other instance.
    await waitFor(
      () => noteTexts(c2.doc).includes(`c1-${cutAt.c1 + 10}`) && noteTexts(c1.doc).includes(`c2-${cutAt.c2 + 10}`),
      'edits made during the outage crossing instances',
      10_000,
    );
    for (const instance of cluster.instances) {
      const { status, checks } = await readiness(instance);
      expect(status).toBe(503);
      expect(checks.storage).not.toBe('ok');
      expect(checks.bus).toBe('ok');
    }
    expect(missing([`c1-${cutAt.c1 + 10}`, `c2-${cutAt.c2 + 10}`], await storedNotes(cluster.schema, cluster.board.id))).toHaveLength(2);

    const restoredAt = Date.now();
    await proxy.restore();
    await sleep(300);
    stop();
    await converged(clients, witness);
    await waitForAsync(
      async () => missing(witness.seen, await storedNotes(cluster.schema, cluster.board.id)).length === 0,
      'every note stored once PostgreSQL is back',
      15_000,
    );
    const storedMs = elapsed(restoredAt);
    for (const instance of cluster.instances) expect((await readiness(instance)).status).toBe(200);
    // Nobody was sent away: the outage buffer took it all.
    expect(clients.flatMap((client) => client.closes)).toEqual([]);

    await expectNothingLost(cluster, cluster.instances, witness, c1);
    console.info(`cluster: every update stored ${storedMs} ms after PostgreSQL came back`);
  });

  it('[M4] PostgreSQL unreachable past the outage buffer: a writer is closed with 4503, keeps its edits, and they arrive once PostgreSQL is back', async () => {
    const proxy = await postgresProxy(defer);
    const cluster = await startCluster({ databaseUrl: proxy.url, env: { OUTAGE_BUFFER_BYTES: '4096' } });
    const witness = new Witness();
    const [writer, reader] = (await spreadClients(cluster, 2, witness)) as [Client, Client];

    await proxy.cut();
    const stop = keepWriting([writer], 20);
    await waitFor(() => writer.closes.includes(CloseCode.GoingAway), 'the writer refused with 4503', 10_000);
    const refusedAfter = writer.written.length;
    // It goes on writing: those edits wait in its document, never dropped.
    await sleep(500);
    stop();
    const lastWritten = writer.written.at(-1) ?? '';
    expect(writer.written.length).toBeGreaterThan(refusedAfter);
    expect(noteTexts(writer.doc)).toContain(lastWritten);
    expect(noteTexts(reader.doc)).not.toContain(lastWritten);

    const restoredAt = Date.now();
    await proxy.restore();
    await converged([writer, reader], witness, 20_000);
    const arrivedMs = elapsed(restoredAt);
    expect(missing(writer.written, noteTexts(reader.doc))).toEqual([]);
    await waitForAsync(
      async () => missing(writer.written, await storedNotes(cluster.schema, cluster.board.id)).length === 0,
      'the writer’s notes stored',
      10_000,
    );

    await expectNothingLost(cluster, cluster.instances, witness, reader);
    console.info(
      `cluster: a refused writer's ${writer.written.length - refusedAfter} waiting notes arrived ${arrivedMs} ms after PostgreSQL came back`,
    );
  });
});
