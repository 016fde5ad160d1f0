/**
 * Many boards: a thousand small workshops at once, three people each, editing lightly. What does
 * a board cost in memory, and does the event loop stay responsive?
 */
import { LoadPool } from '../load/pool';
import { BenchServer } from '../servers';
import type { Row, ScenarioResult } from '../table';
import { durationMs as duration, MiB, pauseMs, round, type Scenario, type ScenarioContext } from './context';
import { cpuPercent, cpuPerDelivered, EditSession } from './editSession';

const COLUMNS = [
  'boards',
  'sockets',
  'connect s',
  'RSS per board KiB',
  'RSS MiB',
  'loop p99 ms',
  'loop max ms',
  'edit p99 ms',
  'CPU µs / delivered update',
  'server CPU %',
];

export const manyBoards: Scenario = {
  name: 'boards',
  summary: '1,000 boards x 3 clients, light edits: RSS per board, event-loop delay p99',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const boards = context.smoke ? 6 : 1000;
    const durationMs = duration(context, 30_000, 1000);
    // Each board: one writer editing every 5 s, two observers.
    const load = { boards, writersPerBoard: 1, observersPerBoard: 2, providers: 2, editsPerSecond: 0.2, processes: 2, pauseMs: pauseMs(context) };
    const rows: Row[] = [];
    let converged = true;
    const pool = await LoadPool.start(load.processes, context.logDir);
    for (const kind of context.servers) {
      const server = await BenchServer.start(kind, { nodeArgs: context.serverNodeArgs });
      try {
        const before = server.usage().rssBytes;
        const session = await EditSession.open(server, load, pool);
        const connectSeconds = session.connectSeconds;
        context.log(`boards ${kind}: ${boards} boards connected in ${connectSeconds.toFixed(1)} s; editing for ${durationMs / 1000} s`);
        const measured = await session.measure(durationMs);
        converged &&= await session.converged(measured);
        await session.close();
        rows.push({
          server: kind,
          values: [
            boards,
            boards * 3 + load.providers,
            round(connectSeconds, 1),
            round((measured.usage.rssBytes - before) / boards / 1024, 1),
            round(measured.usage.rssBytes / MiB, 1),
            round(measured.loop.p99Ms, 1),
            round(measured.loop.maxMs, 1),
            measured.latency.percentile(99),
            cpuPerDelivered(measured),
            round(cpuPercent(measured.serverCpuMs, measured.seconds), 1),
          ],
        });
      } finally {
        await server.stop();
      }
    }
    await pool.stop();
    return {
      scenario: 'boards',
      title: `Many boards: ${boards} boards x 3 clients (1 writer editing every 5 s, 2 observers), ${durationMs / 1000} s`,
      columns: COLUMNS,
      rows,
      goals: [],
      notes: [
        "RSS per board: the server's RSS at the end less its RSS before the first socket, over the boards",
        'our boards each also load their control document (its write rule reads the lock)',
      ],
      converged,
    };
  },
};
