/**
 * Presence: everyone on one board moving their focus ten times a second (awareness). Presence is
 * never stored, so this is pure relay work: how fast does a move reach the others, and at what cost?
 */
import type { RunResult } from '../load/edits';
import { LoadPool } from '../load/pool';
import { BenchServer, type RoomAccess, socketUrl } from '../servers';
import { Histogram } from '../stats';
import type { Row, ScenarioResult } from '../table';
import { durationMs as duration, MiB, pauseMs, round, type Scenario, type ScenarioContext, sleep } from './context';
import { cpuPercent } from './editSession';

const COLUMNS = ['p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'moves', 'CPU µs / delivered move', 'server CPU %', 'RSS MiB', 'delivered', 'load CPU %'];

export const presence: Scenario = {
  name: 'presence',
  summary: '200 clients moving their focus 10 times per second on one board',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const clients = context.smoke ? 8 : 200;
    const movesPerSecond = 10;
    const durationMs = duration(context, 20_000, 1000);
    const processes = 2;
    const rows: Row[] = [];
    const pool = await LoadPool.start(processes, context.logDir);
    for (const kind of context.servers) {
      const server = await BenchServer.start(kind, { nodeArgs: context.serverNodeArgs });
      try {
        const [room] = (await server.rooms(1)) as [RoomAccess];
        await pool.all('presence.connect', (i) => ({
          url: socketUrl(room, 'reader'),
          clients: Math.floor(clients / processes) + (i < clients % processes ? 1 : 0),
          markerBase: (i + 1) * 100_000_000,
        }));
        await sleep(pauseMs(context));
        context.log(`presence ${kind}: ${clients} clients moving for ${durationMs / 1000} s`);
        const before = server.usage();
        const started = Date.now();
        const results = await pool.all<RunResult>('presence.run', () => ({ movesPerSecond, durationMs, settleMs: pauseMs(context) }));
        const seconds = (Date.now() - started) / 1000;
        const usage = server.usage();
        const latency = Histogram.from(results.map((r) => r.latency));
        const delivered = results.reduce((sum, r) => sum + r.delivered, 0);
        const serverCpuMs = usage.cpuMs - before.cpuMs;
        rows.push({
          server: kind,
          values: [
            latency.percentile(50),
            latency.percentile(95),
            latency.percentile(99),
            latency.max,
            results.reduce((sum, r) => sum + r.edits, 0),
            delivered > 0 ? (serverCpuMs * 1000) / delivered : null,
            round(cpuPercent(serverCpuMs, seconds), 1),
            round(usage.rssBytes / MiB, 1),
            delivered,
            round(
              cpuPercent(
                results.reduce((sum, r) => sum + r.cpuMs, 0),
                seconds,
              ),
              1,
            ),
          ],
        });
        await pool.all('presence.close');
      } finally {
        await server.stop();
      }
    }
    await pool.stop();
    return {
      scenario: 'presence',
      title: `Presence: ${clients} clients on one board, each moving its focus ${movesPerSecond} times/s for ${durationMs / 1000} s`,
      columns: COLUMNS,
      rows,
      goals: [],
      notes: ['delivered: moves that reached another client (a server may merge several moves into one frame; each counts)'],
      converged: null,
    };
  },
};
