/** Operations endpoints of the real server: GET /metrics and GET /readyz (docs/operations.md). */
import { describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../server/app';
import { Metrics } from '../../server/ops/metrics';
import { MemoryStore } from '../../server/storage/memory';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, type Defer, gatedServer, GatedStore, note, serverFor, waitFor, waitForAsync } from './support';

const defer = cleanupAfterEach();

/** The value of one sample line (`name{labels} value`), or null when the text has none. */
function sample(text: string, name: string, labels = ''): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${url}/metrics`, { headers });
  expect(response.status).toBe(200);
  return response.text();
}

/** A store whose ping a test can make fail, as if the database stopped answering. */
class PingStore extends GatedStore {
  pingError: Error | null = null;
  pingHangs = false;
  override ping(): Promise<void> {
    if (this.pingHangs) return new Promise(() => {});
    return this.pingError ? Promise.reject(this.pingError) : super.ping();
  }
}

async function serverOnMemory(defer: Defer, overrides: Partial<ServerOptions> = {}) {
  const store = new PingStore(new MemoryStore());
  const { server } = await gatedServer(defer, store, overrides);
  return { server, store };
}

async function readyz(url: string): Promise<{ status: number; body: { ready: boolean; checks: Record<string, string> } }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { ready: boolean; checks: Record<string, string> } };
}

describe('GET /metrics', () => {
  it('counts sockets, open boards, applied updates and storage writes as a client connects and edits', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const response = await fetch(`${ts.server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const idle = await response.text();
    expect(sample(idle, 'clusterboard_connections')).toBe(0);
    expect(sample(idle, 'clusterboard_boards_open')).toBe(0);
    expect(sample(idle, 'clusterboard_persist_failures_total', 'operation="append"')).toBe(0);

    const client = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    await waitForSync(client);
    addNote(client.doc, note('first'), localOrigin('ada'));
    await waitForAsync(async () => (sample(await scrape(ts.server.url), 'clusterboard_updates_total') ?? 0) >= 1, 'the edit is counted');
    const busy = await scrape(ts.server.url);
    expect(sample(busy, 'clusterboard_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(busy, 'clusterboard_boards_open')).toBe(1);
    // The board keeps its control document loaded.
    expect(sample(busy, 'clusterboard_documents_open')).toBeGreaterThanOrEqual(2);
    const updates = sample(busy, 'clusterboard_updates_total') ?? 0;
    await waitForAsync(
      async () => (sample(await scrape(ts.server.url), 'clusterboard_persist_seconds_count', 'operation="append"') ?? 0) >= 1,
      'the append is timed',
    );
    expect(sample(await scrape(ts.server.url), 'clusterboard_persist_pending')).toBe(0);

    addNote(client.doc, note('second'), localOrigin('ada'));
    await waitForAsync(async () => (sample(await scrape(ts.server.url), 'clusterboard_updates_total') ?? 0) > updates, 'the second edit is counted');
    expect(busy).toMatch(/^clusterboard_event_loop_delay_p99_seconds \d/m);
  });

  it('each server counts only its own: a socket on one is not a socket on the other', async () => {
    const { current: one } = await serverFor(defer);
    const { current: other } = await serverFor(defer);
    const board = await boardOn(one);
    const client = clientOf(defer, one.server, board.id, board.tokens.viewer);
    await waitForSync(client);
    expect(sample(await scrape(one.server.url), 'clusterboard_connections')).toBe(1);
    expect(sample(await scrape(other.server.url), 'clusterboard_connections')).toBe(0);
  });

  it("includes the process's own metrics, event-loop lag among them, when the server is given them", async () => {
    const { server } = await serverOnMemory(defer, { metrics: new Metrics({ processMetrics: true }) });
    const text = await scrape(server.url);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('subsystems add their own metrics to the same registry, under the clusterboard_ prefix', async () => {
    const metrics = new Metrics();
    const { server } = await serverOnMemory(defer, { metrics });
    metrics.counter('bus_published_total', 'Updates sent to the bus.').inc(3);
    metrics.gauge('bus_connected', 'Whether the bus is up.', () => 1);
    const text = await scrape(server.url);
    expect(sample(text, 'clusterboard_bus_published_total')).toBe(3);
    expect(sample(text, 'clusterboard_bus_connected')).toBe(1);
  });

  it('with a METRICS_TOKEN, answers only a request that brings it as a bearer token', async () => {
    const token = 'scrape-secret-0123456789';
    const { server } = await serverOnMemory(defer, { metricsToken: token });
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toContain('clusterboard_');
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    // In the query string a token would end up in access logs: only the header counts.
    expect((await fetch(`${server.url}/metrics?token=${token}`)).status).toBe(401);
    expect(sample(await scrape(server.url, { authorization: `Bearer ${token}` }), 'clusterboard_connections')).toBe(0);
  });
});

describe('GET /readyz', () => {
  it('is ready when storage and every readiness check answer', async () => {
    const { server } = await serverOnMemory(defer, { readiness: [{ name: 'bus', check: async () => {} }] });
    expect(await readyz(server.url)).toEqual({ status: 200, body: { ready: true, checks: { storage: 'ok', bus: 'ok' } } });
  });

  it('is not ready, naming the reason, while a readiness check fails; ready again once it answers', async () => {
    let busUp = false;
    const check = async () => {
      if (!busUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const { server } = await serverOnMemory(defer, { readiness: [{ name: 'bus', check }] });
    expect(await readyz(server.url)).toEqual({
      status: 503,
      body: { ready: false, checks: { storage: 'ok', bus: 'connect ECONNREFUSED 127.0.0.1:6379' } },
    });
    busUp = true;
    expect((await readyz(server.url)).status).toBe(200);
  });

  it('is not ready when the storage ping rejects, while /healthz (liveness) still answers 200', async () => {
    const { server, store } = await serverOnMemory(defer);
    store.pingError = new Error('database is locked');
    expect(await readyz(server.url)).toEqual({ status: 503, body: { ready: false, checks: { storage: 'database is locked' } } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('reads a dependency that never answers as not ready within the check timeout', async () => {
    const { server, store } = await serverOnMemory(defer);
    store.pingHangs = true;
    const started = Date.now();
    const { status, body } = await readyz(server.url);
    expect(status).toBe(503);
    expect(body.checks.storage).toBe('no answer within 2000 ms');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('turns 503 "shutting down" as soon as close() begins, while the server still drains', async () => {
    const { server } = await serverOnMemory(defer, { drainMs: 1000 });
    expect((await readyz(server.url)).status).toBe(200);
    const closed = server.close();
    expect(await readyz(server.url)).toEqual({ status: 503, body: { ready: false, checks: { server: 'shutting down' } } });
    // Still serving during the drain: only readiness has changed.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await closed;
    await waitFor(() => server.shutdownState().kind === 'stopped', 'shutdown finished');
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
