/**
 * Crash durability (SPEC D7): the real server runs as a child process while `clients` stock
 * y-websocket providers in this process edit one board through the shared mutations, at random
 * (seeded); `rounds` times the server is killed with SIGKILL at a random moment and started again
 * on the same port and data directory, and the providers reconnect by themselves.
 *
 * "Nothing anyone has seen is lost" is checked twice:
 *
 * - After every kill, before the restart, the data directory must hold all the document data any
 *   client had received from the server: every update and sync answer as it came off the socket
 *   (each struct and each deletion, checked against a Yjs snapshot of the disk), and every note by
 *   id. This is the check that catches a server that forwards before it stores: each client here
 *   lives through all rounds and resends whatever the server lacks when it reconnects, so the end
 *   state alone would heal such a server. A person who has closed their laptop since would not be
 *   there to heal it, and the disk at the moment of the crash is what the promise is about. A
 *   client's own edits are not owed to the disk yet: until the server forwards them they live in
 *   the client's document, which sends them again on reconnect.
 * - At the end (editing stopped, every provider synced): all documents identical (state vector and
 *   notes), every note any client ever had still there unless a recorded delete removed it (and
 *   deleted notes still gone), and the data directory after a clean stop equal to the clients.
 *
 * The seed fixes the choices (edits, roles, kill moments); timing makes each run differ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SqliteStore } from '../../server/storage/sqlite';
import { applyStoredState } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import { MutationError } from '../../shared/model/errors';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/model/mutations/notes';
import { type LocalOrigin, localOrigin } from '../../shared/model/origin';
import type { AuthorInput } from '../../shared/model/schema';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { type CreatedBoard, MessageType, type Role, type Seat } from '../../shared/protocol';
import { socketUrl, stockProvider } from './provider';
import { createRng } from './random';
import { ServerProcess } from './server-process';

export interface CrashOptions {
  rounds: number;
  clients: number;
  seed: number;
  /** Mean pause between two edits of one client, ms: 50 clients at 1000 ms make ~50 edits a second. */
  editEveryMs?: number;
  /** The kill comes a random [min, max] ms after its trigger (a first reconnect, or everyone synced). */
  killAfterMs?: readonly [number, number];
  /** Progress lines (seed, one per round, the summary). */
  log?(line: string): void;
}

export type EditKind = 'add' | 'edit' | 'move' | 'delete';

export interface KillRecord {
  round: number;
  /** What the kill waited for: the first client back (the reconnect rush) or every client synced. */
  trigger: 'reconnecting' | 'editing';
  afterMs: number;
  /** Notes some client received from the server (new, or changed) since the previous kill. */
  notesReceived: number;
  /** Notes in the data directory right after the kill. */
  notesOnDisk: number;
}

export interface CrashReport {
  seed: number;
  rounds: number;
  clients: number;
  kills: KillRecord[];
  edits: Record<EditKind, number>;
  /** Distinct notes any client had in its document at some point. */
  notesSeen: number;
  /** Distinct notes some client received from the server. */
  notesReceived: number;
  notesDeleted: number;
  notesAtEnd: number;
  /** Sync answers and updates the clients received from the server, all rounds. */
  updatesReceived: number;
  /** Updates the server refused with "permission denied" (see `Witness.refusals`). */
  refusals: number;
  /** One sentence per broken promise; empty when nothing was lost and everyone converged. */
  problems: string[];
  durationMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => boolean, what: string, timeoutMs: number, detail?: () => string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail ? ` (${detail()})` : ''}`);
    await sleep(20);
  }
}

/** What every client's notes observer records, for all clients together. */
class Witness {
  /** Note id -> the text last seen, by any client, from any source. */
  readonly seen = new Map<string, string>();
  /** Note id -> the text as some client last received it from the server. */
  readonly received = new Map<string, string>();
  /** Notes a client deleted (`deleteNote`), whether or not the delete reached the server. */
  readonly deleted = new Set<string>();
  receivedSinceKill = new Set<string>();
  /** Sync answers and updates that came from the server, all clients. */
  updatesReceived = 0;
  /** "Permission denied" answers (W8: a participant's update sent ahead of its reconnect's sync answer). */
  refusals = 0;
}

function textOf(note: unknown): string | null {
  const text = note instanceof Y.Map ? note.get('text') : undefined;
  return text instanceof Y.Text ? text.toString() : null;
}

interface Client {
  index: number;
  role: Role;
  doc: Y.Doc;
  provider: WebsocketProvider;
  origin: LocalOrigin;
  /** Who its notes are by: the person of its seat. */
  author: AuthorInput;
  /**
   * Document data as the server sent it (sync answers and updates, raw). Not the updates the
   * client's doc emits for them: their deletions can be the client's own doing (its unsent value
   * of a map key losing to a received one, its unsent letters in a note someone deleted).
   */
  received: Uint8Array[];
  timer: NodeJS.Timeout | null;
  written: number;
}

/** A `ws` WebSocket that hands every document payload the server sends to `onData`, before the provider reads it. */
function recordingWebSocket(onData: (update: Uint8Array) => void, onRefused: () => void) {
  return class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        if (typeof data === 'string') return;
        // The provider asks for ArrayBuffers; the other shapes are `ws`'s defaults.
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : data);
        const decoder = decoding.createDecoder(bytes);
        const type = decoding.readVarUint(decoder);
        if (type === MessageType.Auth) onRefused();
        if (type !== MessageType.Sync) return;
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          onData(decoding.readVarUint8Array(decoder));
        }
      });
    }
  };
}

/** [G4] Joins the board as a person, as a browser does before it opens the board socket; the seat. */
async function joinBoard(serverUrl: string, boardId: string, token: string, name: string): Promise<Seat> {
  const res = await fetch(`${serverUrl}/api/boards/${boardId}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, cluster: null }),
  });
  if (res.status !== 201) throw new Error(`joining answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Seat;
}

async function connect(index: number, serverUrl: string, board: CreatedBoard, role: Role, witness: Witness): Promise<Client> {
  const doc = new Y.Doc();
  const token = new URLSearchParams(new URL(board.links[role]).hash.slice(1)).get('token') ?? '';
  const name = `Client ${index}`;
  // Participants write notes only as the person of their seat (G4); facilitators join too, as in the app.
  const seat = role === 'viewer' ? null : await joinBoard(serverUrl, board.id, token, name);
  const socket = recordingWebSocket(
    (update) => {
      client.received.push(update);
      witness.updatesReceived++;
    },
    () => witness.refusals++,
  );
  const { provider } = stockProvider(socketUrl(serverUrl), board.id, {
    params: seat ? { token, seat: seat.seat } : { token },
    WebSocketClass: socket,
    doc,
    // The stock backoff tops out at 2.5 s; 1 s keeps a round short. The reconnect path is the same.
    maxBackoffTime: 1000,
  });
  const author = { id: seat?.personId ?? `crash-${index}`, name, cluster: null };
  const client: Client = { index, role, doc, provider, origin: localOrigin(`crash-${index}`), author, received: [], timer: null, written: 0 };
  const notes = notesMap(doc);
  notes.observeDeep((events, transaction) => {
    const fromServer = transaction.origin === provider;
    for (const event of events) {
      const ids = event instanceof Y.YMapEvent && event.target === notes ? [...event.keysChanged] : [String(event.path[0])];
      for (const id of ids) {
        const text = textOf(notes.get(id));
        if (text === null) continue;
        witness.seen.set(id, text);
        if (fromServer) {
          witness.received.set(id, text);
          witness.receivedSinceKill.add(id);
        }
      }
    }
  });
  return client;
}

/** Each client edits on its own timer until stopped, offline too (those edits wait in its doc). */
class Storm {
  readonly edits: Record<EditKind, number> = { add: 0, edit: 0, move: 0, delete: 0 };
  private running = false;

  constructor(
    private readonly clients: readonly Client[],
    private readonly random: () => number,
    private readonly witness: Witness,
    private readonly editEveryMs: number,
    private readonly problems: string[],
  ) {}

  start(): void {
    this.running = true;
    for (const client of this.clients) this.schedule(client);
  }

  stop(): void {
    this.running = false;
    for (const client of this.clients) {
      if (client.timer) clearTimeout(client.timer);
      client.timer = null;
    }
  }

  private schedule(client: Client): void {
    if (!this.running) return;
    client.timer = setTimeout(
      () => {
        client.timer = null;
        this.edit(client);
        this.schedule(client);
      },
      this.random() * 2 * this.editEveryMs,
    );
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private edit(client: Client): void {
    const { doc, origin, index, author } = client;
    const ids = [...notesMap(doc).keys()];
    const roll = this.random();
    const kind: EditKind = ids.length < 5 || roll < 0.35 ? 'add' : roll < 0.65 ? 'edit' : roll < 0.85 ? 'move' : 'delete';
    try {
      switch (kind) {
        case 'add':
          addNote(
            doc,
            {
              text: `c${index}.${++client.written}`,
              dimension: this.pick(DIMENSION_IDS),
              kind: this.pick(KIND_IDS),
              author,
            },
            origin,
          );
          break;
        case 'edit': {
          const id = this.pick(ids);
          const text = textOf(notesMap(doc).get(id)) ?? '';
          editNoteText(doc, id, text.length > 80 ? `c${index} rewrote` : `${text} c${index}`, origin);
          break;
        }
        case 'move':
          moveNote(
            doc,
            this.pick(ids),
            { dimension: this.pick(DIMENSION_IDS), kind: this.pick(KIND_IDS), themeId: null, index: Math.floor(this.random() * 4) },
            origin,
          );
          break;
        case 'delete': {
          const id = this.pick(ids);
          this.witness.deleted.add(id);
          deleteNote(doc, id, origin);
          break;
        }
      }
      this.edits[kind]++;
    } catch (error) {
      // Every note picked is in the client's own document, so no mutation should refuse.
      const message = error instanceof MutationError ? error.message : String(error);
      this.problems.push(`client ${index}: ${kind} failed: ${message}`);
    }
  }
}

/** The board's document exactly as the data directory holds it (the server must not be running). */
async function storedDoc(dataDir: string, boardId: string): Promise<Y.Doc> {
  const store = new SqliteStore(join(dataDir, 'clusterboard.sqlite'));
  try {
    const doc = new Y.Doc();
    applyStoredState(doc, await store.loadState(boardId));
    return doc;
  } finally {
    await store.close();
  }
}

/** Everything `client` received so far, as one update (also compacts its list). */
function receivedUpdate(client: Client): Uint8Array {
  if (client.received.length === 0) return Y.encodeStateAsUpdate(new Y.Doc());
  const merged = client.received.length === 1 ? (client.received[0] as Uint8Array) : Y.mergeUpdates(client.received);
  client.received = [merged];
  return merged;
}

/** What of `update` the stored document lacks, as readable phrases; none when the disk holds it all. */
function missingFrom(disk: Y.Doc, snapshot: Y.Snapshot, update: Uint8Array): string[] {
  if (Y.snapshotContainsUpdate(snapshot, update)) return [];
  const gaps: string[] = [];
  for (const [writer, clock] of Y.parseUpdateMeta(update).to) {
    const stored = Y.getState(disk.store, writer);
    if (stored < clock) gaps.push(`${clock - stored} changes of writer ${writer}`);
  }
  let deletions = 0;
  for (const [writer, ranges] of Y.decodeUpdate(update).ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len; at++) if (!Y.isDeleted(snapshot.ds, Y.createID(writer, at))) deletions++;
    }
  }
  if (deletions > 0) gaps.push(`${deletions} deletions`);
  return gaps;
}

function stateVectorKey(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateVector(doc)).toString('base64');
}

/** The state vector and the delete set: equal for two documents that hold the same updates. */
export function convergenceKey(doc: Y.Doc): string {
  return Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64');
}

/**
 * Says how `doc` differs from `reference`: by state vector (which writers' changes one lacks), or,
 * with equal state vectors, by deletions or by notes (which notes one lacks, has extra, or reads
 * differently). The first is an update that never arrived; the second with equal delete sets would
 * be two documents that hold the same updates and still disagree: a real divergence.
 */
export function howDifferent(reference: Y.Doc, doc: Y.Doc): string {
  const mine = Y.decodeStateVector(Y.encodeStateVector(reference));
  const theirs = Y.decodeStateVector(Y.encodeStateVector(doc));
  const gaps: string[] = [];
  for (const writer of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = mine.get(writer) ?? 0;
    const b = theirs.get(writer) ?? 0;
    if (a !== b) gaps.push(`writer ${writer} at clock ${b} (client 0: ${a})`);
  }
  if (gaps.length > 0) return `state vector differs: ${sample(gaps)}`;
  const sameDeletions = Y.equalDeleteSets(Y.createDeleteSetFromStructStore(reference.store), Y.createDeleteSetFromStructStore(doc.store));
  const a = notesMap(reference).toJSON() as Record<string, unknown>;
  const b = notesMap(doc).toJSON() as Record<string, unknown>;
  const lacks = Object.keys(a).filter((id) => !(id in b));
  const extra = Object.keys(b).filter((id) => !(id in a));
  const changed = Object.keys(a).filter((id) => id in b && JSON.stringify(a[id]) !== JSON.stringify(b[id]));
  const notes = [
    lacks.length > 0 ? `lacks ${lacks.length} notes (${sample(lacks)})` : '',
    extra.length > 0 ? `has ${extra.length} notes client 0 lacks (${sample(extra)})` : '',
    changed.length > 0
      ? `reads ${changed.length} notes differently (${sample(changed.map((id) => `${id}: ${JSON.stringify(b[id])} vs ${JSON.stringify(a[id])}`))})`
      : '',
  ].filter(Boolean);
  const what = notes.length > 0 ? notes.join(', ') : 'same notes, other records differ';
  return sameDeletions
    ? `same state vector and deletions, yet ${what}: the documents diverged`
    : `same state vector, other deletions (a deletion not yet delivered): ${what}`;
}

/** The notes as canonical JSON (keys sorted), to compare documents' content. */
function notesKey(doc: Y.Doc): string {
  return JSON.stringify(notesMap(doc).toJSON(), (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

function sample(items: readonly string[], separator = ', '): string {
  return items.slice(0, 3).join(separator) + (items.length > 3 ? `${separator}...` : '');
}

/** Right after a kill: does the disk hold everything any client had received from the server? */
async function checkDisk(dataDir: string, boardId: string, clients: readonly Client[], witness: Witness, round: number, problems: string[]) {
  const disk = await storedDoc(dataDir, boardId);
  try {
    const snapshot = Y.snapshot(disk);
    const short: string[] = [];
    for (const client of clients) {
      const missing = missingFrom(disk, snapshot, receivedUpdate(client));
      if (missing.length > 0) short.push(`client ${client.index}: ${missing.join(', ')}`);
    }
    if (short.length > 0) {
      problems.push(
        `kill ${round}: ${short.length} of ${clients.length} clients had received changes the data directory lacks (${sample(short, '; ')})`,
      );
    }
    const onDisk = new Set(notesMap(disk).keys());
    const missing = [...witness.received.keys()].filter((id) => !onDisk.has(id) && !witness.deleted.has(id));
    if (missing.length > 0) {
      problems.push(`kill ${round}: ${missing.length} notes clients had received are not in the data directory (${sample(missing)})`);
    }
    return { notesOnDisk: onDisk.size };
  } finally {
    disk.destroy();
  }
}

/** The end: everyone converged, nothing seen is gone, and the disk agrees after a clean stop. */
function checkEnd(clients: readonly Client[], witness: Witness, problems: string[]): Y.Doc {
  const reference = (clients[0] as Client).doc;
  const sv = stateVectorKey(reference);
  const notes = notesKey(reference);
  const differing = clients.filter((client) => stateVectorKey(client.doc) !== sv || notesKey(client.doc) !== notes);
  if (differing.length > 0) {
    const how = differing.map((client) => `client ${client.index}: ${howDifferent(reference, client.doc)}`);
    problems.push(`${differing.length} clients' documents differ from client 0's (${sample(how, '; ')})`);
  }
  const present = notesMap(reference);
  const lost = [...witness.seen.keys()].filter((id) => !present.has(id) && !witness.deleted.has(id));
  if (lost.length > 0) problems.push(`${lost.length} notes a client had seen are gone (${sample(lost)})`);
  const revived = [...witness.deleted].filter((id) => present.has(id));
  if (revived.length > 0) problems.push(`${revived.length} deleted notes are back (${sample(revived)})`);
  return reference;
}

export async function runCrashRounds(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = createRng(options.seed).float;
  const [killMin, killMax] = options.killAfterMs ?? [100, 600];
  const problems: string[] = [];
  const witness = new Witness();
  const kills: KillRecord[] = [];
  const clients: Client[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'clusterboard-crash-'));
  // Each provider listens for the process's exit (to say goodbye in presence): 50 of them are expected.
  const maxListeners = process.getMaxListeners();
  process.setMaxListeners(maxListeners + options.clients);
  const storm = new Storm(clients, random, witness, options.editEveryMs ?? 1000, problems);
  let server: ServerProcess | null = null;
  try {
    // Port 0 picks a free port once; every restart takes the same one, so providers find it again.
    server = await ServerProcess.start(dataDir);
    log(`crash: seed ${options.seed}, ${options.rounds} rounds, ${options.clients} clients, server on port ${server.port}`);
    const board = await server.createBoard('Crash storm');
    for (let index = 0; index < options.clients; index++) {
      // Mostly participants, as in a workshop (their updates pass the write guard); every fifth a facilitator.
      clients.push(await connect(index, server.url, board, index % 5 === 0 ? 'facilitator' : 'participant', witness));
    }
    const allSynced = () => clients.every((client) => client.provider.synced);
    // Which clients a sync wait still waits for, and whether their sockets are up.
    const unsynced = () => {
      const waiting = clients.filter((client) => !client.provider.synced);
      return `${waiting.length} of ${clients.length} not synced: ${sample(waiting.map((c) => `client ${c.index} (${c.provider.wsconnected ? 'connected' : 'not connected'})`))}`;
    };
    await waitUntil(allSynced, 'every client to sync at the start', 30_000, unsynced);
    storm.start();

    for (let round = 1; round <= options.rounds; round++) {
      // Some kills land in the reconnect rush (sync step 2 floods), the others in plain editing.
      const trigger = random() < 0.3 ? 'reconnecting' : 'editing';
      if (trigger === 'editing') await waitUntil(allSynced, `every client to sync in round ${round}`, 30_000, unsynced);
      else await waitUntil(() => clients.some((client) => client.provider.wsconnected), `a client to reconnect in round ${round}`, 30_000);
      const afterMs = Math.round(killMin + random() * (killMax - killMin));
      await sleep(afterMs);
      await server.stop('SIGKILL');
      // Whatever the server sent before it died is read before the socket's close event.
      await waitUntil(() => clients.every((client) => !client.provider.wsconnected), 'every client to notice the crash', 10_000);
      const notesReceived = witness.receivedSinceKill.size;
      witness.receivedSinceKill = new Set();
      const { notesOnDisk } = await checkDisk(dataDir, board.id, clients, witness, round, problems);
      kills.push({ round, trigger, afterMs, notesReceived, notesOnDisk });
      log(
        `round ${round}: killed ${afterMs} ms after ${trigger === 'editing' ? 'everyone synced' : 'the first reconnect'}; ${notesReceived} notes received or changed since the last kill, ${notesOnDisk} on disk; ${problems.length} problems so far`,
      );
      server = await ServerProcess.start(dataDir, server.port);
    }

    storm.stop();
    await waitUntil(allSynced, 'every client to sync after the last restart', 30_000, unsynced);
    // Synced means each client has its answer; what it sent meanwhile still travels to the others.
    // Converged means the same state vector *and* the same deletions: deleting a note writes no
    // new item, so a deletion still in flight leaves every state vector as it was (waiting on
    // state vectors alone let the final comparison race one, about one run in a dozen).
    await waitUntil(
      () => new Set(clients.map((client) => convergenceKey(client.doc))).size === 1,
      'all clients to converge (same state vector and deletions)',
      30_000,
    ).catch((error: unknown) => problems.push(String(error)));
    const reference = checkEnd(clients, witness, problems);

    for (const client of clients) client.provider.destroy();
    await server.stop('SIGTERM');
    const disk = await storedDoc(dataDir, board.id);
    try {
      if (stateVectorKey(disk) !== stateVectorKey(reference))
        problems.push("after a clean stop, the data directory's state vector differs from the clients'");
      else if (notesKey(disk) !== notesKey(reference)) problems.push("after a clean stop, the data directory's notes differ from the clients'");
    } finally {
      disk.destroy();
    }

    const report: CrashReport = {
      seed: options.seed,
      rounds: options.rounds,
      clients: options.clients,
      kills,
      edits: { ...storm.edits },
      notesSeen: witness.seen.size,
      notesReceived: witness.received.size,
      notesDeleted: witness.deleted.size,
      notesAtEnd: notesMap(reference).size,
      updatesReceived: witness.updatesReceived,
      refusals: witness.refusals,
      problems,
      durationMs: Date.now() - started,
    };
    log(summary(report));
    return report;
  } finally {
    storm.stop();
    for (const client of clients) {
      client.provider.destroy();
      client.doc.destroy();
    }
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    process.setMaxListeners(maxListeners);
  }
}

export function summary(report: CrashReport): string {
  const edits = Object.values(report.edits).reduce((sum, n) => sum + n, 0);
  const { add, edit, move, delete: deleted } = report.edits;
  return [
    `crash: seed ${report.seed}: ${report.kills.length} kills of ${report.rounds} rounds, ${report.clients} clients, ${(report.durationMs / 1000).toFixed(1)} s`,
    `  edits ${edits} (add ${add}, edit ${edit}, move ${move}, delete ${deleted}); updates received ${report.updatesReceived}; refused ${report.refusals}`,
    `  notes seen ${report.notesSeen}, received from the server ${report.notesReceived}, deleted ${report.notesDeleted}, at the end ${report.notesAtEnd}`,
    report.problems.length === 0 ? '  nothing lost; all clients converged' : `  PROBLEMS:\n${report.problems.map((p) => `    - ${p}`).join('\n')}`,
  ].join('\n');
}
