/**
 * The UpdateBus contract (server/bus/bus.ts), run against every implementation: the in-process
 * MemoryBus and the Redis Streams bus (on the Redis service: every test uses its own key prefix).
 */
import { describe, expect, it } from 'vitest';
import type { BoardEvent, BusHandlers, UpdateBus } from '../../server/bus/bus';
import { MemoryHub } from '../../server/bus/memory';
import { RedisBus } from '../../server/bus/redis';
import { createLogger } from '../../server/log';
import { killConnections, redisAvailable, TEST_REDIS_URL, testPrefix } from '../helpers/redis';
import { cleanupAfterEach, waitFor } from './support';

type Defer = (task: () => unknown) => void;

interface BusFactory {
  name: string;
  available: boolean;
  /** Returns a function making one instance's bus; all of them share one medium. */
  create(defer: Defer, options?: { outboxBytes?: number }): (instance: string) => UpdateBus;
}

const BUSES: BusFactory[] = [
  {
    name: 'MemoryBus',
    available: true,
    create: (defer) => {
      const hub = new MemoryHub();
      return () => {
        const bus = hub.bus();
        defer(() => bus.close());
        return bus;
      };
    },
  },
  {
    name: 'RedisBus',
    available: redisAvailable,
    create: (defer, options = {}) => {
      const prefix = testPrefix();
      return (instance) => {
        const bus = new RedisBus({ url: TEST_REDIS_URL, log: createLogger('silent'), instanceId: `${prefix}-${instance}`, prefix, ...options });
        defer(() => bus.close());
        return bus;
      };
    },
  },
];

/** What a channel delivered. */
class Received implements BusHandlers {
  readonly updates: { text: string; stored: boolean }[] = [];
  readonly presence: string[] = [];
  resyncs = 0;
  update(update: Uint8Array, stored: boolean): void {
    this.updates.push({ text: new TextDecoder().decode(update), stored });
  }
  awareness(update: Uint8Array): void {
    this.presence.push(new TextDecoder().decode(update));
  }
  resync(): void {
    this.resyncs++;
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);
const defer = cleanupAfterEach();

describe.each(BUSES)('$name', (factory) => {
  describe.skipIf(!factory.available)('contract', () => {
    it('[M1] delivers what another instance published after the channel opened, once started, and never an instance its own', async () => {
      const instance = factory.create(defer);
      const [a, b] = [instance('a'), instance('b')];
      const atA = await a.open('board1', '');
      const atB = await b.open('board1', '');
      atA.publishUpdate(bytes('from a, before b started'), true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const receivedA = new Received();
      const receivedB = new Received();
      atA.start(receivedA);
      atB.start(receivedB);
      atB.publishUpdate(bytes('from b'), false);
      await waitFor(() => receivedB.updates.length === 1 && receivedA.updates.length === 1, 'both deliveries');
      expect(receivedB.updates).toEqual([{ text: 'from a, before b started', stored: true }]);
      expect(receivedA.updates).toEqual([{ text: 'from b', stored: false }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receivedA.updates).toHaveLength(1);
      expect(receivedB.updates).toHaveLength(1);
    });

    it('[M1] keeps one instance its updates of one document in order, and documents apart', async () => {
      const instance = factory.create(defer);
      const [a, b] = [instance('a'), instance('b')];
      const board = await a.open('board1', '');
      const control = await a.open('board1', 'control');
      const boardAtB = new Received();
      const controlAtB = new Received();
      (await b.open('board1', '')).start(boardAtB);
      (await b.open('board1', 'control')).start(controlAtB);
      for (let i = 0; i < 300; i++) board.publishUpdate(bytes(`u${i}`), true);
      control.publishUpdate(bytes('control'), true);
      await waitFor(() => boardAtB.updates.length === 300 && controlAtB.updates.length === 1, 'all updates');
      expect(boardAtB.updates.map((u) => u.text)).toEqual(Array.from({ length: 300 }, (_, i) => `u${i}`));
      expect(controlAtB.updates.map((u) => u.text)).toEqual(['control']);
    });

    it('passes presence to the other instances and board events to every other instance', async () => {
      const instance = factory.create(defer);
      const [a, b, c] = [instance('a'), instance('b'), instance('c')];
      const atA = await a.open('board1', '');
      const receivedA = new Received();
      atA.start(receivedA);
      const receivedB = new Received();
      (await b.open('board1', '')).start(receivedB);
      const events: BoardEvent[] = [];
      const eventsAtA: BoardEvent[] = [];
      b.onEvent((event) => events.push(event));
      c.onEvent((event) => events.push(event));
      a.onEvent((event) => eventsAtA.push(event));
      // Redis pub/sub delivers only to subscriptions already made: give them a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      atA.publishAwareness(bytes('a is here'));
      a.publishEvent({ type: 'link-revoked', boardId: 'board1', role: 'participant' });
      await waitFor(() => receivedB.presence.length === 1 && events.length === 2, 'presence and events');
      expect(receivedB.presence).toEqual(['a is here']);
      expect(receivedA.presence).toEqual([]);
      expect(eventsAtA).toEqual([]);
      expect(events).toEqual([
        { type: 'link-revoked', boardId: 'board1', role: 'participant' },
        { type: 'link-revoked', boardId: 'board1', role: 'participant' },
      ]);
    });
  });
});

describe.skipIf(!redisAvailable)('RedisBus over a dropped connection', () => {
  const redis = BUSES.find((bus) => bus.name === 'RedisBus')!;

  it('[M3] publishes made while its connection is down go out, in order, once it is back', async () => {
    const instance = redis.create(defer);
    const [a, b] = [instance('a'), instance('b')];
    const atA = await a.open('board1', '');
    const atB = new Received();
    (await b.open('board1', '')).start(atB);
    const killed = await killConnections(TEST_REDIS_URL, `writer-${(a as RedisBus)['options'].instanceId}`);
    expect(killed).toBe(1);
    for (let i = 0; i < 50; i++) atA.publishUpdate(bytes(`u${i}`), true);
    await waitFor(() => atB.updates.length === 50, 'the updates sent after the reconnect', 10_000);
    expect(atB.updates.map((u) => u.text)).toEqual(Array.from({ length: 50 }, (_, i) => `u${i}`));
  });

  it('[M2] a reader whose connection dropped has its documents reloaded from storage', async () => {
    const instance = redis.create(defer);
    const [a, b] = [instance('a'), instance('b')];
    const atA = await a.open('board1', '');
    const atB = new Received();
    (await b.open('board1', '')).start(atB);
    expect(await killConnections(TEST_REDIS_URL, `reader-${(b as RedisBus)['options'].instanceId}`)).toBe(1);
    await waitFor(() => atB.resyncs === 1, 'a reload', 10_000);
    atA.publishUpdate(bytes('after the drop'), true);
    await waitFor(() => atB.updates.length === 1, 'the next update', 10_000);
    expect(atB.updates[0]?.text).toBe('after the drop');
  });

  it('[M3] past its outbox, an instance has the others reload the documents it could not publish', async () => {
    const instance = redis.create(defer, { outboxBytes: 1_000 });
    const [a, b] = [instance('a'), instance('b')];
    const atA = await a.open('board1', '');
    const atB = new Received();
    (await b.open('board1', '')).start(atB);
    await killConnections(TEST_REDIS_URL, `writer-${(a as RedisBus)['options'].instanceId}`);
    for (let i = 0; i < 10; i++) atA.publishUpdate(new Uint8Array(400), true);
    await waitFor(() => atB.resyncs >= 1, 'a reload', 10_000);
    // What was not dropped still arrives; what was dropped is in storage, where B reloads from.
    expect(atB.updates.length).toBeLessThan(10);
  });
});
