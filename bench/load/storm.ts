/**
 * Load process side of the join storm: light clients that all connect at once to a board they
 * do not have (a page reload without local storage), each timing how long until the board's
 * whole state has arrived.
 */
import { performance } from 'node:perf_hooks';
import { LightClient } from './lightClient';

let clients: LightClient[] = [];

export const stormHandlers = {
  /** Connects every client at the same moment; answers when all are synced (or `timeoutMs` passed). */
  'storm.join': async (args: { url: string; clients: number; timeoutMs: number }) => {
    const started = performance.now();
    const syncedAt: number[] = [];
    clients = Array.from({ length: args.clients }, () => new LightClient({ url: args.url }));
    const all = Promise.all(clients.map((client) => client.synced.then(() => syncedAt.push(performance.now() - started))));
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, args.timeoutMs))]);
    return { synced: syncedAt.length, lastMs: Math.max(0, ...syncedAt), closed: clients.filter((c) => c.closeCode !== null).length };
  },

  'storm.close': () => {
    for (const client of clients) client.terminate();
    clients = [];
  },
};
