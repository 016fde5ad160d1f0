/**
 * Adversarial load: the fan-out scenario, first quiet, then while one client floods its socket
 * with garbage and oversized frames (reconnecting whenever it is cut off). The honest clients'
 * p99 should not move by more than 20 %.
 */
import type { FloodResult } from '../load/flood';
import { LoadPool } from '../load/pool';
import { BenchServer, type RoomAccess, socketUrl } from '../servers';
import type { Row, ScenarioResult } from '../table';
import { durationMs as duration, MiB, round, type Scenario, type ScenarioContext } from './context';
import { cpuPercent, EditSession, type Measured } from './editSession';
import { fanoutLoad } from './fanout';

const COLUMNS = [
  'quiet p99 ms',
  'flooded p50 ms',
  'flooded p99 ms',
  'flooded max ms',
  'p99 change %',
  'server CPU % (flooded)',
  'RSS MiB',
  'flood frames',
  'flood MiB',
  'flood reconnects',
];

export const adversarial: Scenario = {
  name: 'adversarial',
  summary: 'fan-out while one client floods garbage and oversized frames: p99 moves ≤ 20 %',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const load = fanoutLoad(context);
    const durationMs = duration(context, 20_000, 1000);
    const flood = context.smoke
      ? { garbagePerSecond: 500, oversizedBytes: 3 * MiB, oversizedPerSecond: 2, maxBuffered: 8 * MiB }
      : { garbagePerSecond: 2000, oversizedBytes: 3 * MiB, oversizedPerSecond: 5, maxBuffered: 8 * MiB };
    const rows: Row[] = [];
    const goals: ScenarioResult['goals'] = [];
    let converged = true;
    const [pool, attacker] = await Promise.all([LoadPool.start(load.processes, context.logDir), LoadPool.start(1, context.logDir)]);
    for (const kind of context.servers) {
      const server = await BenchServer.start(kind, { nodeArgs: context.serverNodeArgs });
      try {
        const session = await EditSession.open(server, load, pool);
        try {
          context.log(`adversarial ${kind}: quiet for ${durationMs / 1000} s`);
          const quiet = await session.measure(durationMs);
          context.log(`adversarial ${kind}: flooded for ${durationMs / 1000} s`);
          await attacker.all('flood.start', () => ({ url: socketUrl(session.rooms[0] as RoomAccess, 'writer'), ...flood }));
          let flooded: Measured;
          let floodResult: FloodResult | null;
          try {
            flooded = await session.measure(durationMs);
          } finally {
            floodResult = (await attacker.all<FloodResult | null>('flood.stop'))[0] ?? null;
          }
          converged &&= await session.converged(flooded);
          const quietP99 = quiet.latency.percentile(99);
          const floodedP99 = flooded.latency.percentile(99);
          const change = quietP99 > 0 ? ((floodedP99 - quietP99) / quietP99) * 100 : null;
          rows.push({
            server: kind,
            values: [
              quietP99,
              flooded.latency.percentile(50),
              floodedP99,
              flooded.latency.max,
              change === null ? null : round(change, 1),
              round(cpuPercent(flooded.serverCpuMs, flooded.seconds), 1),
              round(flooded.usage.rssBytes / MiB, 1),
              floodResult?.frames ?? 0,
              round((floodResult?.bytes ?? 0) / MiB, 1),
              Math.max(0, (floodResult?.connections ?? 1) - 1),
            ],
          });
          if (kind === 'ours') goals.push({ text: "honest clients' p99 moves ≤ 20 % under the flood", met: change === null ? null : change <= 20 });
          if (flooded.closed > 0) context.log(`adversarial ${kind}: ${flooded.closed} honest sockets closed`);
        } finally {
          await session.close();
        }
      } finally {
        await server.stop();
      }
    }
    await Promise.all([pool.stop(), attacker.stop()]);
    return {
      scenario: 'adversarial',
      title: `Adversarial: the fan-out load (${load.clients} clients) for ${durationMs / 1000} s quiet, then ${durationMs / 1000} s while one client sends ${flood.garbagePerSecond} garbage frames/s and ${flood.oversizedPerSecond} frames/s of ${flood.oversizedBytes / MiB} MiB`,
      columns: COLUMNS,
      rows,
      goals,
      notes: [
        'the attacker holds a valid writer link and reconnects 10 ms after each close; our server closes it on its first bad frame (4400) or oversized frame (1009)',
      ],
      converged,
    };
  },
};
