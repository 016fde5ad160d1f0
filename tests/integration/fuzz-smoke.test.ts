/**
 * Hostile frames cost only their own socket (SPEC Z1): a smoke run of the WebSocket fuzzer
 * (tests/helpers/fuzz.ts; `npm run fuzz` sends 100,000 frames), and what it found, pinned.
 */
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/workshop/guard';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, type DocName, MessageType } from '../../shared/protocol';
import type { WorkshopRules } from '../../shared/workshop/writeRule';
import { type FuzzReport, runFuzz, summaryLine } from '../helpers/fuzz';
import {
  awarenessPayload,
  deleteUpdate,
  gcUpdate,
  LOCKED_DIMENSION,
  message,
  overlappingDeletes,
  padded,
  VARINT_2_POW_56,
  wideOriginsUpdate,
} from '../helpers/fuzzFrames';
import { randomSeed } from '../helpers/random';
import { waitForSync } from '../helpers/server';
import {
  boardOn,
  cleanupAfterEach,
  clientOf,
  note,
  noteTexts,
  rawSocket,
  seatedParticipant,
  serverFor,
  storedNoteTexts,
  syncUpdateFrame,
  waitFor,
} from './support';
import { synced, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

/** How attacker sockets may end: closed by the board protocol (44xx), by ws for a frame it refuses, or left open. */
const ALLOWED_ENDS = ['4400', '4401', '4403', '4404', '4413', '1002', '1007', '1009', 'open'];

async function smoke(seed: number): Promise<FuzzReport> {
  const report = await runFuzz({ frames: 10_000, seed, maxHeapDriftPct: 50, maxRssDriftPct: 50 });
  const context = `seed ${seed} (replay: npm run fuzz -- --frames 10000 --seed ${seed})\n${summaryLine(report)}`;
  expect(report.crashes, context).toEqual([]);
  expect(report.healthz, context).toBe(true);
  expect(report.failures, context).toEqual([]);
  expect(
    Object.keys(report.closes).filter((end) => !ALLOWED_ENDS.includes(end)),
    context,
  ).toEqual([]);
  // The fuzzer did its work: every frame, and every kind of refusal.
  expect(report.framesSent, context).toBeGreaterThanOrEqual(10_000);
  for (const code of ['4400', '4401', '4403', '4404', '4413', '1009'])
    expect(report.closes[code] ?? 0, `${context}\nno ${code} close`).toBeGreaterThan(0);
  return report;
}

describe('fuzzing the board sockets', () => {
  it('[Z1] 10,000 hostile frames (seed 20261127) close only their own sockets; the server, honest clients and an untouched board carry on', async () => {
    await smoke(20261127);
  }, 60_000);

  it('[Z1] so do 10,000 frames of a random seed (printed on failure)', async () => {
    await smoke(randomSeed());
  }, 60_000);
});

/** An item of `client` at clock 0 whose origin is the same client's clock 5: Yjs writes no such thing. */
function refersAhead(client: number): Uint8Array {
  const e = encoding.createEncoder();
  for (const value of [1, 1, client, 0]) encoding.writeVarUint(e, value);
  encoding.writeUint8(e, 0x81); // an origin follows; content: deleted
  for (const value of [client, 5, 1, 0]) encoding.writeVarUint(e, value);
  return encoding.toUint8Array(e);
}

const CLIENT = 3_000_000_001;

describe('what the fuzzer found', () => {
  it.each([
    { name: 'a struct that pushes its clock past 2^53 - 1', update: () => gcUpdate(CLIENT, 0, VARINT_2_POW_56) },
    { name: 'a deletion reaching past 2^53 - 1', update: () => deleteUpdate(CLIENT, 0, VARINT_2_POW_56) },
    { name: 'an empty struct', update: () => gcUpdate(CLIENT, 0, 0) },
    { name: 'an empty deletion', update: () => deleteUpdate(CLIENT, 0, 0) },
    { name: 'an item that refers to a later item of its own client', update: () => refersAhead(CLIENT) },
    {
      name: 'one deletion range sent 20,000 times over (each copy made the guard, the deletion watch and Yjs walk it again)',
      update: () => overlappingDeletes(CLIENT, 0, 10, 20_000),
    },
  ])('[Z1] $name is malformed (4400); newcomers and storage still read the board', async ({ update }) => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, board);
    const honest = clientOf(defer, ts.server, board.id, ada);
    await waitForSync(honest);
    addNote(honest.doc, note('before the attack', { author: ada.author }), localOrigin('h'));
    const bad = rawSocket(defer, ts.server, board.id, board.tokens.facilitator);
    await waitFor(() => bad.messages.length > 0, 'the attacker joined');
    bad.ws.send(syncUpdateFrame(update()));
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    const late = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(late);
    await waitFor(() => noteTexts(late.doc).includes('before the attack'), 'the newcomer has the note');
    expect(honest.provider.wsconnected).toBe(true);
    await ts.server.rooms.peek(board.id)?.flushed();
    expect(await storedNoteTexts(ts.store, board.id)).toEqual(['before the attack']);
  });

  it("[Z1] a deletion of items the server does not have is dropped: it cannot remove another writer's next note", async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, board);
    const honest = clientOf(defer, ts.server, board.id, ada);
    const other = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(honest), waitForSync(other)]);
    const bad = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    await waitFor(() => bad.messages.length > 0, 'the attacker joined');
    // Everything the honest client will write next, deleted in advance.
    bad.ws.send(syncUpdateFrame(deleteUpdate(honest.doc.clientID, 0, 1000)));
    // A sync step 1 as a barrier: its answer comes after the deletion has been handled.
    const answered = bad.messages.length;
    bad.ws.send(message([MessageType.Sync, 0], Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => bad.messages.length > answered, 'the server handled the deletion');

    addNote(honest.doc, note('written after the attack', { author: ada.author }), localOrigin('h'));
    await waitFor(() => noteTexts(other.doc).includes('written after the attack'), 'the other writer sees the note');
    const late = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(late);
    expect(noteTexts(late.doc)).toEqual(['written after the attack']);
  });

  it('[Z1] structs the server cannot apply are dropped: newcomers see the board everyone else sees', async () => {
    // On a private document, which its owner may fill with anything: on the board the guard
    // refuses such items before Yjs sees them (G1), so only this drop protects the other documents.
    const w = await workshopOn(defer);
    const owner = await w.join('participant', 'Fuzz');
    const privateDoc: DocName = { kind: 'private', personId: owner.id };
    const bad = w.record(privateDoc, owner);
    await waitFor(() => bad.frames.length > 0, 'the attacker joined');
    // Client X's first items placed after items of a client the server never saw: Yjs keeps them
    // waiting. Then X's real first items, shorter, and different.
    const unseen = new Y.Doc();
    unseen.clientID = CLIENT + 1;
    unseen.getText('fuzz').insert(0, 'abcdef');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(unseen));
    forged.clientID = CLIENT;
    forged.getText('fuzz').insert(6, 'EVILEVIL');
    const real = new Y.Doc();
    real.clientID = CLIENT;
    real.getText('fuzz').insert(0, 'GOOD');
    bad.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(forged, Y.encodeStateVector(unseen))));
    bad.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(real)));
    const room = w.server.rooms.peek(w.board.id, privateDoc);
    await waitFor(() => room?.doc.getText('fuzz').toString() === 'GOOD', 'the server applied the real items');

    const late = w.open(privateDoc, owner);
    await synced(late);
    expect(late.doc.getText('fuzz').toString()).toBe('GOOD');
  });

  it("[P7] a presence state at the limit, made longer by the server's record of its owner, closes none of the clients that echo it", async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const a = clientOf(defer, ts.server, board.id, board.tokens.participant);
    const b = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await Promise.all([waitForSync(a), waitForSync(b)]);
    const closes: number[] = [];
    for (const client of [a, b]) client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));

    const bad = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    await waitFor(() => bad.messages.length > 0, 'the attacker joined');
    const json = padded(4096);
    expect(json.length).toBe(4096);
    bad.ws.send(message([MessageType.Awareness], awarenessPayload([{ clientId: CLIENT, clock: 1, json }])));
    await waitFor(() => a.provider.awareness.getStates().has(CLIENT) && b.provider.awareness.getStates().has(CLIENT), 'both see the big state');
    // Each echoes it (the stock provider relays every change) before this change of its own.
    a.provider.awareness.setLocalStateField('user', { name: 'A after the echo' });
    b.provider.awareness.setLocalStateField('user', { name: 'B after the echo' });
    const named = (viewer: typeof a, id: number, name: string) =>
      (viewer.provider.awareness.getStates().get(id) as { user?: { name?: string } } | undefined)?.user?.name === name;
    await waitFor(() => named(b, a.doc.clientID, 'A after the echo') && named(a, b.doc.clientID, 'B after the echo'), 'the echoes were handled');
    expect(closes).toEqual([]);
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
  });

  it('[Z1] the write guard judges hostile updates in time bounded by their size', () => {
    const rules: WorkshopRules = { lock: { board: false, dimensions: [LOCKED_DIMENSION] }, privateWriting: false };
    const doc = new Y.Doc();
    Y.applyUpdate(doc, gcUpdate(CLIENT, 0, 2 ** 24));
    const timed = (update: Uint8Array) => {
      const started = performance.now();
      const verdict = checkUpdate(doc, update, { role: 'participant', personId: null }, rules);
      return { ok: verdict.ok, ms: performance.now() - started };
    };
    // A deletion over a collected run was walked clock by clock (2^52 clocks: forever).
    const deletion = timed(deleteUpdate(CLIENT, 0, 2 ** 24));
    expect(deletion.ok).toBe(true);
    expect(deletion.ms).toBeLessThan(1000);
    // Each of 30,000 items placed after one of 30,000 others was looked up by a scan (seconds).
    const wide = timed(wideOriginsUpdate(CLIENT + 1, 30_000, 30_000, LOCKED_DIMENSION));
    expect(wide.ok).toBe(false);
    expect(wide.ms).toBeLessThan(1000);
  });
});
