/**
 * `npm run soak [-- --clients 300 --minutes 10 --edit-every-ms 10000]`: holds many real
 * y-websocket clients on one board of a server running in its own process, each editing at
 * random, and reports the server's memory drift and event-loop delay. Not part of `npm test`:
 * figures go to docs/PERFORMANCE.md.
 *
 * Most clients are light: a socket with its own small Y.Doc that writes its own notes, keeps its
 * presence alive and answers sync, but does not apply what others write, so one load-generating
 * process can speak for hundreds of people while the server does its full work for each. A few
 * full `y-websocket` providers apply everything, and must end identical.
 *
 * Drift is the server's RSS at the end against its RSS after the warm-up (the first fifth of the
 * run), both read right after a quiet second; the goal is under 5 %.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { notesMap } from '../shared/model/doc';
import { addNote, deleteNote, editNoteText, moveNote } from '../shared/model/mutations/notes';
import { localOrigin } from '../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../shared/model/vocabulary';
import { type CreatedBoard, MessageType } from '../shared/protocol';
import { freePort } from '../tests/helpers/ports';
import { stockProvider } from '../tests/helpers/provider';
import { createRng, randomSeed } from '../tests/helpers/random';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '300' },
    minutes: { type: 'string', default: '10' },
    'edit-every-ms': { type: 'string', default: '10000' },
    /** Real providers that apply everything (convergence is checked on them); the rest are light. */
    full: { type: 'string', default: '10' },
    seed: { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const DURATION_MS = Number(values.minutes) * 60_000;
const EDIT_EVERY_MS = Number(values['edit-every-ms']);
const MAX_NOTES = 400;
const seedUsed = Number(values.seed ?? randomSeed());
// Seeded, so a run can be repeated.
const random = createRng(seedUsed).float;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Health {
  connections: number;
  memory: { rssBytes: number; heapUsedBytes: number };
  eventLoopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
}

/**
 * A person's socket without the cost of applying everyone else's changes: it answers the server's
 * sync step 1 with its own changes, sends each new change, and renews its presence like a browser.
 */
class LightClient {
  open = false;
  closedWith: number | null = null;
  private readonly ws: WebSocket;
  private readonly awareness: Awareness;
  private readonly renew: NodeJS.Timeout;

  constructor(
    url: string,
    private readonly doc: Y.Doc,
    name: string,
  ) {
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState({ user: { name }, focus: null });
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => {
      this.open = true;
      this.sendAwareness();
    });
    this.ws.on('close', (code) => {
      this.open = false;
      if (this.closedWith === null) this.closedWith = code;
    });
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
      this.send(encoding.toUint8Array(encoder));
    });
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
    // As y-websocket does: a presence renewal every 15 s keeps the socket alive and shown.
    this.renew = setInterval(() => {
      this.awareness.setLocalState(this.awareness.getLocalState());
      this.sendAwareness();
    }, 15_000);
  }

  private sendAwareness(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    this.send(encoding.toUint8Array(encoder));
  }

  private send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  close(): void {
    clearInterval(this.renew);
    this.closedWith ??= 1000;
    this.awareness.destroy();
    this.ws.close();
  }
}

async function main(): Promise<void> {
  // Every provider registers an exit handler: hundreds of them are expected here.
  process.setMaxListeners(0);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterboard-soak-'));
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stopServer = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('exit', stopServer);
  const health = async (): Promise<Health> => (await (await fetch(`${base}/healthz`)).json()) as Health;
  for (let i = 0; ; i++) {
    try {
      await health();
      break;
    } catch {
      if (i > 300) throw new Error('The server did not start.');
      await sleep(100);
    }
  }
  const response = await fetch(`${base}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Soak', template: 'excite-d1.4' }),
  });
  const board = (await response.json()) as CreatedBoard;
  const token = decodeURIComponent(board.links.participant.split('#token=')[1] ?? '');

  console.log(`soak: ${CLIENTS} clients, ${values.minutes} min, one edit per client every ~${EDIT_EVERY_MS} ms, seed ${seedUsed}`);
  const FULL = Math.min(CLIENTS, Number(values.full));
  const wsUrl = `ws://127.0.0.1:${port}/ws`;
  const clients = Array.from({ length: CLIENTS }, (_, i) => {
    const doc = new Y.Doc();
    const client = { doc, origin: localOrigin(`soak-${i}`), author: { id: `soak-${i}`, name: `Soak ${i}`, cluster: pick(['gaia', 'dti', 'scs']) } };
    if (i < FULL) {
      const { provider } = stockProvider(wsUrl, board.id, { params: { token }, doc });
      provider.awareness.setLocalStateField('user', { name: `Soak ${i}` });
      return { ...client, provider, light: null };
    }
    return { ...client, provider: null, light: new LightClient(`${wsUrl}/${board.id}?token=${encodeURIComponent(token)}`, doc, `Soak ${i}`) };
  });
  while (clients.some((c) => (c.provider ? !c.provider.synced : !c.light?.open))) await sleep(100);
  console.log(`soak: all ${CLIENTS} clients connected (${FULL} full providers)`);

  let edits = 0;
  const edit = (client: (typeof clients)[number]) => {
    const ids = [...notesMap(client.doc).keys()];
    const roll = random();
    // A light client knows only its own notes: a few each keeps the board near a real workshop's.
    const cap = client.provider ? MAX_NOTES : 3;
    if (ids.length < cap && roll < 0.3) {
      addNote(client.doc, { text: `Soak note ${edits}`, dimension: pick(DIMENSION_IDS), kind: pick(KIND_IDS), author: client.author }, client.origin);
    } else if (roll < 0.75 && ids.length > 0) {
      editNoteText(client.doc, pick(ids), `Edited ${edits} by ${client.author.name}`, client.origin);
    } else if (roll < 0.9 && ids.length > 0) {
      moveNote(client.doc, pick(ids), { dimension: pick(DIMENSION_IDS), kind: pick(KIND_IDS), themeId: null }, client.origin);
    } else if (ids.length > 0) {
      deleteNote(client.doc, pick(ids), client.origin);
    }
    edits++;
  };
  const timers = clients.map((client) =>
    setInterval(() => {
      if (random() < 0.5) edit(client);
    }, EDIT_EVERY_MS / 2),
  );

  const samples: { at: number; health: Health }[] = [];
  const started = Date.now();
  const warmUp = DURATION_MS / 5;
  let baseline: number | null = null;
  while (Date.now() - started < DURATION_MS) {
    await sleep(Math.min(10_000, DURATION_MS / 20));
    const sample = await health();
    samples.push({ at: Date.now() - started, health: sample });
    if (baseline === null && Date.now() - started >= warmUp) baseline = sample.memory.rssBytes;
    console.log(
      `soak: ${Math.round((Date.now() - started) / 1000)} s, ${edits} edits, ${sample.connections} sockets, RSS ${(sample.memory.rssBytes / 2 ** 20).toFixed(1)} MiB, loop p99 ${sample.eventLoopDelay.p99Ms} ms`,
    );
  }
  for (const timer of timers) clearInterval(timer);
  const full = clients.filter((c) => c.provider !== null);
  const same = () => full.every((c) => Y.encodeStateVector(c.doc).toString() === Y.encodeStateVector(full[0]!.doc).toString());
  for (let waited = 0; waited < 20_000 && !same(); waited += 200) await sleep(200);
  const converged = same();
  await sleep(1000);
  const end = await health();
  const dropped = clients.filter((c) => c.light?.closedWith !== null && c.light !== null).length;
  for (const client of clients) {
    client.provider?.destroy();
    client.light?.close();
    client.doc.destroy();
  }
  stopServer();
  rmSync(dataDir, { recursive: true, force: true });

  const p99s = samples.map((s) => s.health.eventLoopDelay.p99Ms).sort((a, b) => a - b);
  const drift = baseline === null ? 0 : ((end.memory.rssBytes - baseline) / baseline) * 100;
  const summary = {
    clients: CLIENTS,
    minutes: Number(values.minutes),
    edits,
    editsPerSecond: Math.round((edits / (DURATION_MS / 1000)) * 10) / 10,
    rssAfterWarmUpMiB: baseline === null ? null : Math.round((baseline / 2 ** 20) * 10) / 10,
    rssEndMiB: Math.round((end.memory.rssBytes / 2 ** 20) * 10) / 10,
    rssDriftPercent: Math.round(drift * 10) / 10,
    loopDelayP99MedianMs: p99s[Math.floor(p99s.length / 2)] ?? null,
    loopDelayP99WorstMs: p99s.at(-1) ?? null,
    converged,
    lightClientsDropped: dropped,
    seed: seedUsed,
  };
  console.log(`soak summary: ${JSON.stringify(summary)}`);
  process.exitCode = converged && dropped === 0 && drift < 5 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
