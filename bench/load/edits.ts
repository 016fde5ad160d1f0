/**
 * Load process side of the fan-out, many-boards and adversarial scenarios: light writers that
 * edit their own note at a steady rate, each edit carrying a marker, and light observers that
 * time the markers' arrival. Writers and the observers that time them share this process.
 */
import * as Y from 'yjs';
import { addNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import type { HistogramData } from '../stats';
import { LightClient } from './lightClient';
import { Markers } from './markers';

export interface EditsRoom {
  writerUrl: string;
  readerUrl: string;
}

export interface ConnectArgs {
  rooms: EditsRoom[];
  writersPerRoom: number;
  observersPerRoom: number;
  /** Keeps this process's marker ids apart from other processes'. */
  markerBase: number;
  /** Sockets opened at once while connecting (the rest wait their turn). */
  concurrency?: number;
}

export interface RunArgs {
  editsPerSecond: number;
  durationMs: number;
  /** Time after the last edit for deliveries still on their way. */
  settleMs: number;
}

export interface RunResult {
  latency: HistogramData;
  edits: number;
  delivered: number;
  cpuMs: number;
  /** Sockets that closed during the run (the server should close none). */
  closed: number;
  /** Each writer's note and its last text, for checking what the real providers hold. */
  texts: Record<string, string>;
}

class Writer {
  readonly doc = new Y.Doc();
  readonly client: LightClient;
  noteId = '';
  text = 'bench';
  private flip = false;

  constructor(
    url: string,
    private readonly markers: Markers,
    private readonly name: string,
  ) {
    this.client = new LightClient({ url, doc: this.doc });
  }

  async start(): Promise<void> {
    await this.client.synced;
    const author = { id: this.name, name: this.name, cluster: null };
    this.noteId = addNote(this.doc, { text: 'bench', dimension: 'strategy', kind: 'challenge', author }, localOrigin(this.name));
  }

  /** Replaces the note's text whole: the two forms differ at both ends, so the marker is inserted entire. */
  edit(): void {
    this.flip = !this.flip;
    const marker = this.markers.next();
    this.text = this.flip ? `a${marker}a` : `b${marker}b`;
    editNoteText(this.doc, this.noteId, this.text, localOrigin(this.name));
  }
}

let markers = new Markers(0);
let writers: Writer[] = [];
let observers: LightClient[] = [];

/** Opens `make()` clients, at most `concurrency` handshakes at a time. */
export async function openAll<T>(count: number, concurrency: number, make: (index: number) => T, ready: (client: T) => Promise<void>): Promise<T[]> {
  const clients: T[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const client = make(next++);
      clients.push(client);
      await ready(client);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return clients;
}

export const editsHandlers = {
  'edits.connect': async (args: ConnectArgs) => {
    markers = new Markers(args.markerBase);
    const concurrency = args.concurrency ?? 50;
    observers = await openAll(
      args.rooms.length * args.observersPerRoom,
      concurrency,
      (i) => {
        const room = args.rooms[i % args.rooms.length] as EditsRoom;
        const client = new LightClient({ url: room.readerUrl, onUpdate: (frame) => markers.scan(frame) });
        void client.opened.then(
          () => client.setPresence({ user: { name: `Observer ${i}` }, focus: null }),
          () => undefined,
        );
        return client;
      },
      (client) => client.synced,
    );
    writers = await openAll(
      args.rooms.length * args.writersPerRoom,
      concurrency,
      (i) => new Writer((args.rooms[i % args.rooms.length] as EditsRoom).writerUrl, markers, `writer-${args.markerBase + i}`),
      (writer) => writer.start(),
    );
    return { observers: observers.length, writers: writers.length };
  },

  'edits.run': async (args: RunArgs): Promise<RunResult> => {
    const cpuBefore = process.cpuUsage();
    const deliveredBefore = markers.delivered;
    const period = 1000 / args.editsPerSecond;
    const timers: NodeJS.Timeout[] = [];
    let edits = 0;
    for (const writer of writers) {
      const edit = () => {
        writer.edit();
        edits++;
      };
      // Spread the writers over the period, so edits arrive steadily rather than in bursts.
      timers.push(
        setTimeout(() => {
          edit();
          timers.push(setInterval(edit, period));
        }, Math.random() * period),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, args.durationMs));
    for (const timer of timers) clearTimeout(timer);
    await new Promise((resolve) => setTimeout(resolve, args.settleMs));
    const cpu = process.cpuUsage(cpuBefore);
    return {
      latency: markers.latency.toJSON(),
      edits,
      delivered: markers.delivered - deliveredBefore,
      cpuMs: (cpu.user + cpu.system) / 1000,
      closed: [...observers, ...writers.map((w) => w.client)].filter((c) => c.closeCode !== null).length,
      texts: Object.fromEntries(writers.map((w) => [w.noteId, w.text])),
    };
  },

  'edits.close': async () => {
    for (const client of [...observers, ...writers.map((w) => w.client)]) client.terminate();
    for (const writer of writers) writer.doc.destroy();
    observers = [];
    writers = [];
  },
};
