/**
 * Fan-out: one board, hundreds of connected clients (most of them light observers, a few real
 * providers), a few writers each making several note edits a second. How fast does an edit reach
 * everyone, and what does each delivery cost the server?
 */
import { LoadPool } from '../load/pool';
import { BenchServer } from '../servers';
import { figure, type Row, type ScenarioResult } from '../table';
import { durationMs, MiB, pauseMs, round, type Scenario, type ScenarioContext } from './context';
import { cpuPercent, cpuPerDelivered, type EditLoad, EditSession, latencyCells } from './editSession';

export const FANOUT_COLUMNS = [
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'CPU µs / delivered update',
  'server CPU %',
  'RSS MiB',
  'delivered',
  'load CPU %',
];

export function fanoutLoad(context: ScenarioContext): EditLoad & { clients: number; durationMs: number } {
  const load = context.smoke
    ? { clients: 24, boards: 1, writersPerBoard: 2, providers: 2, observersPerBoard: 20, editsPerSecond: 5, processes: 2 }
    : { clients: 500, boards: 1, writersPerBoard: 10, providers: 5, observersPerBoard: 485, editsPerSecond: 5, processes: 2 };
  return { ...load, durationMs: durationMs(context, 60_000, 1000), pauseMs: pauseMs(context) };
}

export const fanout: Scenario = {
  name: 'fanout',
  summary: 'one board, 500 clients, 10 writers x 5 edits/s for 60 s',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const load = fanoutLoad(context);
    const rows: Row[] = [];
    let converged = true;
    let closed = 0;
    const pool = await LoadPool.start(load.processes, context.logDir);
    for (const kind of context.servers) {
      const server = await BenchServer.start(kind, { nodeArgs: context.serverNodeArgs });
      try {
        const session = await EditSession.open(server, load, pool);
        context.log(`fanout ${kind}: ${load.clients} clients connected; editing for ${load.durationMs / 1000} s`);
        const measured = await session.measure(load.durationMs);
        converged &&= await session.converged(measured);
        closed += measured.closed;
        await session.close();
        rows.push({
          server: kind,
          values: [
            ...latencyCells(measured),
            cpuPerDelivered(measured),
            round(cpuPercent(measured.serverCpuMs, measured.seconds), 1),
            round(measured.usage.rssBytes / MiB, 1),
            measured.delivered,
            round(cpuPercent(measured.loadCpuMs, measured.seconds), 1),
          ],
        });
      } finally {
        await server.stop();
      }
    }
    await pool.stop();
    const result: ScenarioResult = {
      scenario: 'fanout',
      title: `Fan-out: one board, ${load.clients} clients (${load.providers} real providers), ${load.writersPerBoard} writers x ${load.editsPerSecond} edits/s for ${load.durationMs / 1000} s`,
      columns: FANOUT_COLUMNS,
      rows,
      goals: [],
      notes: [
        'latency: writer → observer in the same load process; CPU per delivered update: server CPU time / (edits x observers that received them)',
        'load CPU %: the load processes together, in % of one core (they share the machine with the server)',
        ...(closed > 0 ? [`${closed} client sockets closed during the run`] : []),
      ],
      converged,
    };
    const p99 = figure(result, 'ours', 'p99 ms');
    const refP99 = figure(result, 'reference', 'p99 ms');
    const cpu = figure(result, 'ours', 'CPU µs / delivered update');
    const refCpu = figure(result, 'reference', 'CPU µs / delivered update');
    result.goals.push(
      { text: 'p99 ≤ 25 ms', met: p99 === null ? null : p99 <= 25 },
      { text: 'p99 ≤ 0.7 × the reference', met: p99 === null || refP99 === null ? null : p99 <= 0.7 * refP99 },
      { text: 'CPU per delivered update ≤ the reference', met: cpu === null || refCpu === null ? null : cpu <= refCpu },
    );
    return result;
  },
};
