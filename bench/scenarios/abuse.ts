/**
 * Abuse: the attacks of issue 14 against our server, one after another, each beside the quiet
 * figure. What an honest client sees is measured two ways: the longest answer to a small request
 * (GET /healthz every 25 ms from this process) and the server's own longest event-loop stall
 * (monitorEventLoopDelay) over the attack. Our server only: the reference has no HTTP API.
 */
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { MessageType } from '../../shared/protocol';
import { BenchServer, type RoomAccess } from '../servers';
import type { Row, ScenarioResult } from '../table';
import { round, type Scenario, type ScenarioContext, sleep } from './context';

const COLUMNS = ['honest max ms', 'server stall max ms', 'requests', 'answers (status: count)', 'took ms'];

/** Pings /healthz until stopped; the longest answer is what an honest client waited. */
function honestPinger(base: string): { stop(): Promise<number> } {
  let running = true;
  let longest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await fetch(`${base}/healthz`)).arrayBuffer();
      } catch {
        // A refused ping still measures the wait.
      }
      longest = Math.max(longest, performance.now() - started);
      await sleep(25);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return longest;
    },
  };
}

function csvOf(rows: number): string {
  const lines = ['dimension,kind,text,cluster,author'];
  for (let i = 0; i < rows; i++) lines.push(`${DIMENSION_IDS[i % 5]},${KIND_IDS[i % 3]},Abuse note ${i} with a little text,gaia,Eve`);
  return `${lines.join('\n')}\n`;
}

/** An update adding `count` notes, as a client elsewhere would have written them. */
function notesUpdate(count: number): Uint8Array {
  const doc = new Y.Doc();
  addNotes(
    doc,
    Array.from({ length: count }, (_, i) => ({
      text: `Seeded note ${i}`,
      dimension: DIMENSION_IDS[i % 5] ?? 'structure',
      kind: KIND_IDS[i % 3] ?? 'challenge',
      author: { id: 'seed', name: 'Seed', cluster: null },
    })),
    serverOrigin('template'),
  );
  return Y.encodeStateAsUpdate(doc);
}

const wsBase = (server: BenchServer) => `ws://127.0.0.1:${server.port}/ws`;

function openSocket(server: BenchServer, room: RoomAccess, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsBase(server)}/${room.room}?token=${encodeURIComponent(token)}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** A sync step 1 with a state vector the board has never seen (a fresh client id). */
function stepOne(i: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + i;
  doc.getMap('x').set('k', i);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Awareness entries for client ids nobody owns, each with state null. */
function awarenessFlood(first: number, count: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, first + i);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, 'null');
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

interface Outcome {
  requests: number;
  statuses: Map<string, number>;
}
/** Prepares (boards, seeds: not measured) and answers the attack itself, which is measured. */
type Attack = (server: BenchServer, base: string) => Promise<() => Promise<Outcome>>;

const count = (statuses: Map<string, number>, status: number | string) => statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);

function attacks(smoke: boolean): [string, Attack][] {
  const scale = (full: number, small: number) => (smoke ? small : full);
  return [
    [
      'quiet (nothing but the pings)',
      async () => async () => {
        await sleep(scale(3000, 300));
        return { requests: 0, statuses: new Map() };
      },
    ],
    [
      `CSV import of ${scale(12_000, 1200).toLocaleString('en-GB')} lines, then ${scale(10_000, 1000).toLocaleString('en-GB')}`,
      async (server, base) => {
        const [room] = await server.rooms(1);
        const token = room?.writerParams.token ?? '';
        const files = [csvOf(scale(12_000, 1200)), csvOf(scale(10_000, 1000))];
        return async () => {
          const statuses = new Map<string, number>();
          for (const body of files) {
            const res = await fetch(`${base}/api/boards/${room?.room}/notes/import`, {
              method: 'POST',
              headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
              body,
            });
            await res.arrayBuffer();
            count(statuses, res.status);
          }
          return { requests: 2, statuses };
        };
      },
    ],
    [
      `${scale(50, 10)} sync step 1 messages on a ${scale(10_000, 1000).toLocaleString('en-GB')}-note board`,
      async (server) => {
        const [room] = await server.rooms(1);
        if (!room) throw new Error('no board');
        await server.seed(room, notesUpdate(scale(10_000, 1000)));
        const socket = await openSocket(server, room, room.readerParams.token ?? '');
        let answers = 0;
        socket.on('message', () => answers++);
        // Loaded and synced once before the attack: its cost is the board's, not the attack's.
        const deadlineLoad = Date.now() + 60_000;
        while (answers === 0 && Date.now() < deadlineLoad) await sleep(50);
        answers = 0;
        return async () => {
          const messages = scale(50, 10);
          for (let i = 0; i < messages; i++) socket.send(stepOne(i));
          const deadline = Date.now() + scale(30_000, 5000);
          while (answers < messages && Date.now() < deadline && socket.readyState === WebSocket.OPEN) await sleep(50);
          const statuses = new Map<string, number>([['answered', answers]]);
          if (socket.readyState !== WebSocket.OPEN) count(statuses, 'socket closed');
          socket.close();
          return { requests: messages, statuses };
        };
      },
    ],
    [
      `awareness flood: ${scale(200, 20)} messages of 500 unowned client ids each`,
      async (server) => {
        const [room] = await server.rooms(1);
        if (!room) throw new Error('no board');
        const socket = await openSocket(server, room, room.readerParams.token ?? '');
        const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
        return async () => {
          const messages = scale(200, 20);
          for (let i = 0; i < messages && socket.readyState === WebSocket.OPEN; i++) {
            socket.send(awarenessFlood(10_000_000 + i * 500, 500));
            if (i % 20 === 19) await sleep(10);
          }
          await sleep(500);
          const statuses = new Map<string, number>();
          if (socket.readyState === WebSocket.OPEN) count(statuses, 'still open');
          else count(statuses, `closed ${await closed}`);
          socket.close();
          return { requests: messages, statuses };
        };
      },
    ],
    [
      `opening ${scale(2050, 60).toLocaleString('en-GB')} boards over HTTP`,
      async (server, base) => {
        const rooms = await server.rooms(scale(2050, 60));
        return async () => {
          const statuses = new Map<string, number>();
          for (let i = 0; i < rooms.length; i += 50) {
            const answers = await Promise.all(
              rooms
                .slice(i, i + 50)
                .map((room) =>
                  fetch(`${base}/api/boards/${room.room}/notes`, { headers: { authorization: `Bearer ${room.readerParams.token ?? ''}` } }),
                ),
            );
            for (const res of answers) {
              await res.arrayBuffer();
              count(statuses, res.status);
            }
          }
          return { requests: rooms.length, statuses };
        };
      },
    ],
    [
      `mass create: ${scale(500, 40)} boards from one address`,
      async (_server, base) => async () => {
        const statuses = new Map<string, number>();
        const total = scale(500, 40);
        for (let i = 0; i < total; i += 25) {
          const answers = await Promise.all(
            Array.from({ length: Math.min(25, total - i) }, () =>
              fetch(`${base}/api/boards`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ title: 'Mass' }),
              }),
            ),
          );
          for (const res of answers) {
            await res.arrayBuffer();
            count(statuses, res.status);
          }
        }
        return { requests: total, statuses };
      },
    ],
  ];
}

export const abuse: Scenario = {
  name: 'abuse',
  summary: 'issue 14 attacks one by one: the longest stall an honest client sees, beside the quiet figure',
  async run(context: ScenarioContext): Promise<ScenarioResult> {
    const rows: Row[] = [];
    const server = await BenchServer.start('ours', { nodeArgs: context.serverNodeArgs });
    const base = `http://127.0.0.1:${server.port}`;
    let quietMax = 0;
    let worst = 0;
    try {
      for (const [name, attack] of attacks(context.smoke)) {
        context.log(`abuse: ${name}`);
        const run = await attack(server, base);
        await sleep(500);
        await server.loopDelay();
        const started = performance.now();
        const pinger = honestPinger(base);
        const { requests, statuses } = await run();
        await sleep(200);
        const honestMax = await pinger.stop();
        const stall = (await server.loopDelay()).maxMs;
        if (rows.length === 0) quietMax = honestMax;
        else worst = Math.max(worst, honestMax);
        rows.push({
          server: name,
          values: [
            round(honestMax, 1),
            round(stall, 1),
            requests,
            [...statuses].map(([status, n]) => `${status}: ${n}`).join(', ') || '—',
            Math.round(performance.now() - started),
          ],
        });
      }
    } finally {
      await server.stop();
    }
    return {
      scenario: 'abuse',
      title: 'Abuse: each attack of issue 14 against our server (default limits and quotas), with an honest client pinging /healthz every 25 ms',
      columns: COLUMNS,
      rows,
      goals: [{ text: 'no attack stalls an honest client for more than a second', met: worst <= 1000 }],
      notes: [`quiet: honest max ${round(quietMax, 1)} ms`, 'rows are attacks, not servers; the ratio row does not apply'],
      converged: null,
    };
  },
};
