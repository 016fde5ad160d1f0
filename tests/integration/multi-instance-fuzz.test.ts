/**
 * [M6] Seeded fuzz test of several instances: three real servers in this process share one
 * PostgreSQL schema and a bus that delivers late and loses messages (a lost one makes its receiver
 * reload from storage, as the Redis bus does on a gap). Stock y-websocket providers on random
 * instances edit one board through the named mutations, disconnect, reconnect and move to another
 * instance (an nginx failover). At the end every client, every instance and storage hold the same
 * board.
 *
 * Reproduce a failure with `FUZZ_SEED=<seed> npx vitest run tests/integration/multi-instance-fuzz.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoard } from '../../server/access/boards';
import { MemoryHub } from '../../server/bus/memory';
import { notesMap } from '../../shared/model/doc';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { postgresAvailable, testSchema } from '../helpers/postgres';
import { createRng, randomSeed } from '../helpers/random';
import { connectClient, type TestClient } from '../helpers/server';
import { type Instance, instance } from './multiInstance';
import { cleanupAfterEach, docFromStored, note, sleep, waitForAsync } from './support';

const defer = cleanupAfterEach();

interface Peer {
  name: string;
  doc: Y.Doc;
  client: TestClient;
  at: number;
}

/** What a doc holds, in a form two docs can be compared by. */
function contents(doc: Y.Doc): string {
  const notes: Record<string, unknown> = {};
  notesMap(doc).forEach((value, id) => {
    notes[id] = value instanceof Y.Map ? value.toJSON() : value;
  });
  return JSON.stringify(
    Object.keys(notes)
      .sort()
      .map((id) => [id, notes[id]]),
  );
}

async function fuzz(seed: number, steps: number): Promise<{ ops: Record<string, number>; notes: number }> {
  const rng = createRng(seed);
  const hub = new MemoryHub({ delayMs: () => rng.int(30), lost: () => rng.float() < 0.03 });
  const schema = testSchema(defer);
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const instances: Instance[] = [];
  for (let i = 0; i < 3; i++) instances.push(await instance(defer, { url, schema, bus: hub.bus() }));
  const board = await createBoard(instances[0]!.store, { title: 'Fuzzed', template: 'blank' });
  const token = board.tokens.facilitator;

  const peers: Peer[] = [];
  const connect = (doc: Y.Doc, at: number) => {
    const client = connectClient(instances[at]!.server, board.id, token, doc);
    defer(() => client.provider.destroy());
    return client;
  };
  for (let i = 0; i < 5; i++) {
    const doc = new Y.Doc();
    defer(() => doc.destroy());
    const at = rng.int(instances.length);
    peers.push({ name: `peer${i}`, doc, client: connect(doc, at), at });
  }

  const ops: Record<string, number> = {};
  const count = (op: string) => (ops[op] = (ops[op] ?? 0) + 1);
  for (let step = 0; step < steps; step++) {
    const peer = peers[rng.int(peers.length)]!;
    const origin = localOrigin(peer.name);
    const ids = [...notesMap(peer.doc).keys()];
    const roll = rng.float();
    if (roll < 0.35 || ids.length === 0) {
      addNote(peer.doc, note(`${peer.name} step ${step}`), origin);
      count('add');
    } else if (roll < 0.55) {
      editNoteText(peer.doc, ids[rng.int(ids.length)]!, `${peer.name} edit ${step}`, origin);
      count('edit');
    } else if (roll < 0.7) {
      const target = {
        dimension: DIMENSION_IDS[rng.int(DIMENSION_IDS.length)]!,
        kind: KIND_IDS[rng.int(KIND_IDS.length)]!,
        themeId: null,
        index: rng.int(3),
      };
      moveNote(peer.doc, ids[rng.int(ids.length)]!, target, origin);
      count('move');
    } else if (roll < 0.78) {
      deleteNote(peer.doc, ids[rng.int(ids.length)]!, origin);
      count('delete');
    } else if (roll < 0.84) {
      if (peer.client.provider.shouldConnect) peer.client.provider.disconnect();
      else peer.client.provider.connect();
      count('disconnect or reconnect');
    } else if (roll < 0.9) {
      // Its instance is gone for it: the same doc reconnects to another one, as through nginx.
      peer.client.provider.destroy();
      peer.at = (peer.at + 1 + rng.int(instances.length - 1)) % instances.length;
      peer.client = connect(peer.doc, peer.at);
      count('switch instance');
    } else {
      await sleep(rng.int(40));
      count('wait');
    }
    if (step % 10 === 0) await sleep(rng.int(15));
  }

  for (const peer of peers) if (!peer.client.provider.shouldConnect) peer.client.provider.connect();
  const rooms = await Promise.all(instances.map((i) => i.server.rooms.acquire(board.id)));
  const everyone = () => [...peers.map((p) => p.doc), ...rooms.map((r) => r.doc)];
  await waitForAsync(
    async () => {
      const first = contents(peers[0]!.doc);
      return everyone().every((doc) => contents(doc) === first);
    },
    'every client and instance holding the same board',
    20_000,
  );
  const final = contents(peers[0]!.doc);
  await waitForAsync(
    async () => {
      const stored = docFromStored(await instances[0]!.store.loadState(board.id));
      try {
        return contents(stored) === final;
      } finally {
        stored.destroy();
      }
    },
    'storage holding the same board',
    10_000,
  );
  return { ops, notes: notesMap(peers[0]!.doc).size };
}

describe.skipIf(!postgresAvailable)('several instances, fuzzed', () => {
  const seeds = process.env.FUZZ_SEED ? [Number(process.env.FUZZ_SEED)] : [20261127, randomSeed()];
  it.each(seeds)(
    '[M6] clients on three instances over a late, lossy bus end identical (seed %i)',
    async (seed) => {
      try {
        const { ops } = await fuzz(seed, 250);
        // The fuzzer did its work: every kind of step happened.
        for (const op of ['add', 'edit', 'move', 'delete', 'disconnect or reconnect', 'switch instance', 'wait'])
          expect(ops[op] ?? 0).toBeGreaterThan(0);
      } catch (error) {
        console.error(`multi-instance fuzz failed with seed ${seed}: FUZZ_SEED=${seed} npx vitest run tests/integration/multi-instance-fuzz.test.ts`);
        throw error;
      }
    },
    60_000,
  );
});
