/**
 * Load process side of the presence scenario: light clients that each move their focus (their
 * awareness state) at a steady rate, and time the arrival of their neighbours' moves. The focus
 * carries a marker, so a server that merges several presence changes into one frame is timed
 * just the same.
 */
import type { HistogramData } from '../stats';
import { openAll } from './edits';
import { LightClient } from './lightClient';
import { Markers } from './markers';

let markers = new Markers(0);
let clients: LightClient[] = [];

export const presenceHandlers = {
  'presence.connect': async (args: { url: string; clients: number; markerBase: number }) => {
    markers = new Markers(args.markerBase);
    clients = await openAll(
      args.clients,
      50,
      () => new LightClient({ url: args.url, onAwareness: (frame) => markers.scan(frame) }),
      (client) => client.synced,
    );
    clients.forEach((client, i) => client.setPresence({ user: { name: `Person ${args.markerBase + i}` }, focus: null }));
    return clients.length;
  },

  'presence.run': async (args: { movesPerSecond: number; durationMs: number; settleMs: number }) => {
    const cpuBefore = process.cpuUsage();
    const deliveredBefore = markers.delivered;
    const period = 1000 / args.movesPerSecond;
    const timers: NodeJS.Timeout[] = [];
    let moves = 0;
    clients.forEach((client, i) => {
      const move = () => {
        client.setPresence({ user: { name: `Person ${i}` }, focus: markers.next() });
        moves++;
      };
      timers.push(setTimeout(() => timers.push(setInterval(move, period)), Math.random() * period));
    });
    await new Promise((resolve) => setTimeout(resolve, args.durationMs));
    for (const timer of timers) clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, args.settleMs));
    const cpu = process.cpuUsage(cpuBefore);
    return {
      latency: markers.latency.toJSON() satisfies HistogramData,
      edits: moves,
      delivered: markers.delivered - deliveredBefore,
      cpuMs: (cpu.user + cpu.system) / 1000,
      closed: clients.filter((c) => c.closeCode !== null).length,
    };
  },

  'presence.close': () => {
    for (const client of clients) client.terminate();
    clients = [];
  },
};
