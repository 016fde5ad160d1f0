/**
 * Join storm: the server restarts under a workshop on a 1 MB board, and everyone reconnects at
 * once: most as a page reload with nothing local (they need the whole board), a few real providers
 * that kept their copy. How long until everyone is synced, and how high does memory go?
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { addNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { LoadPool } from '../load/pool';
import { Providers } from '../providers';
import { BenchServer, type RoomAccess, socketUrl } from '../servers';
import type { Row, ScenarioResult } from '../table';
import { MiB, round, type Scenario, type ScenarioContext } from './context';

const COLUMNS = ['clients', 'board MiB', 'all synced s', 'synced', 'peak RSS MiB', 'server CPU s', 'closed'];

/** A board of notes with longer texts, grown until its state is `bytes` long. */
function boardOf(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const origin = serverOrigin('template');
  const author = { id: 'bench', name: 'Bench', cluster: null };
  const text = 'A workshop note long enough to be a real one, about a cluster and what its members need from it. '.repeat(3);
  let i = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    doc.transact(() => {
      for (let j = 0; j < 200; j++, i++) {
        const dimension = DIMENSION_IDS[i % DIMENSION_IDS.length] as (typeof DIMENSION_IDS)[number];
        const kind = KIND_IDS[i % KIND_IDS.length] as (typeof KIND_IDS)[number];
        addNote(doc, { text: `${i}: ${text}`, dimension, kind, author }, origin);
      }
    }, origin);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export const joinStorm: Scenario = {
  name: 'storm',
  summary: '500 clients reconnect at once after a restart to a 1 MB board: time until all synced, peak RSS',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const clients = context.smoke ? 20 : 500;
    const providers = context.smoke ? 2 : 5;
    const processes = 2;
    const state = boardOf(context.smoke ? 100 * 1024 : 1024 * 1024);
    const expectedNotes = (() => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const size = doc.getMap('notes').size;
      doc.destroy();
      return size;
    })();
    const rows: Row[] = [];
    let converged = true;
    const goals: ScenarioResult['goals'] = [];
    const pool = await LoadPool.start(processes, context.logDir);
    for (const kind of context.servers) {
      const first = await BenchServer.start(kind, { nodeArgs: context.serverNodeArgs });
      const [room] = (await first.rooms(1)) as [RoomAccess];
      await first.seed(room, state);
      const server = await first.restart();
      try {
        context.log(`storm ${kind}: ${clients} clients join a ${(state.byteLength / MiB).toFixed(2)} MiB board at once`);
        const before = server.usage();
        const started = performance.now();
        const real = Providers.open(room, providers, state);
        const lightClients = clients - providers;
        const light = pool.all<{ synced: number; lastMs: number; closed: number }>('storm.join', (i) => ({
          url: socketUrl(room, 'reader'),
          clients: Math.floor(lightClients / processes) + (i < lightClients % processes ? 1 : 0),
          timeoutMs: 60_000,
        }));
        const providersSynced = real.synced(60_000).then(() => performance.now() - started);
        const [results, providersMs] = await Promise.all([light, providersSynced]);
        const usage = server.usage();
        const allMs = Math.max(providersMs, ...results.map((r) => r.lastMs));
        const synced = results.reduce((sum, r) => sum + r.synced, 0) + providers;
        converged &&= await real.converged(10_000, {}, expectedNotes);
        real.destroy();
        await pool.all('storm.close');
        rows.push({
          server: kind,
          values: [
            clients,
            round(state.byteLength / MiB, 2),
            round(allMs / 1000, 2),
            synced,
            round(usage.peakRssBytes / MiB, 1),
            round((usage.cpuMs - before.cpuMs) / 1000, 2),
            results.reduce((sum, r) => sum + r.closed, 0),
          ],
        });
        if (kind === 'ours') goals.push({ text: 'all synced ≤ 5 s', met: synced === clients && allMs <= 5000 });
      } finally {
        await server.stop();
      }
    }
    await pool.stop();
    return {
      scenario: 'storm',
      title: `Join storm: ${clients} clients connect at once to a ${(state.byteLength / MiB).toFixed(2)} MiB board just after a restart (${clients - providers} with nothing local, ${providers} real providers with their copy)`,
      columns: COLUMNS,
      rows,
      goals,
      notes: [
        "all synced: from the first connect to the last client holding the board; peak RSS: the restarted process's high-water mark (VmHWM)",
        'the reference loads the board from a seed file through its persistence hook, as ours loads SQLite',
      ],
      converged,
    };
  },
};
