/**
 * The update bus on Redis (see bus.ts for the contract).
 *
 * Document updates go through one Redis Stream per document, not pub/sub: a stream keeps its
 * entries, so an instance whose connection drops reads on from where it was once it is back. The
 * stream keeps a window of recent entries (`streamWindow`); an instance that may have missed
 * entries (it lost its connection, or fell behind the window) reloads the document from storage,
 * which holds every update that was published as stored.
 *
 * Presence goes over pub/sub: losing some is harmless, clients renew theirs every 15 seconds.
 *
 * Three connections, because a blocking XREAD and SUBSCRIBE each take a connection to itself:
 *  - writer: XADD, PUBLISH and small reads. Publishes wait in an outbox (redisOutbox.ts) while it
 *    is down and go out in order when it is back; past `outboxBytes` the outbox is dropped, and
 *    once the writer is back it asks the other instances to reload those documents from storage.
 *  - reader: one blocking XREAD over every followed stream.
 *  - subscriber: presence and board events.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../log';
import type { BoardEvent, BusChannel, BusHandlers, UpdateBus } from './bus';
import { compareIds, EntryType, readFields, RedisNames } from './redisEntries';
import { Outbox } from './redisOutbox';

export interface RedisBusOptions {
  url: string;
  log: Logger;
  /** This instance, as its own entries are marked (so it skips them). No newlines. */
  instanceId: string;
  /** Keys start with this (several deployments, or tests, on one Redis). */
  prefix?: string;
  /** Entries a document's stream keeps (approximately). */
  streamWindow?: number;
  /** A stream nobody writes to for this long is removed. */
  streamTtlMs?: number;
  /** Unsent publishes kept while Redis is unreachable. */
  outboxBytes?: number;
  /** Counts for metrics. */
  observer?: BusObserver;
}

export interface BusObserver {
  /** Entries written to streams. */
  published(count: number): void;
  /** Other instances' updates delivered to this one's rooms. */
  received(): void;
  /** Documents told to reload from storage. */
  reloaded(count: number): void;
}

const READ_COUNT = 500;
const BLOCK_MS = 1_000;
/** How long opening a document waits for Redis before going on without it (then it reloads later). */
const OPEN_WAIT_MS = 2_000;

interface Follower {
  /**
   * The last stream entry id seen ('0-0': the stream was empty). Null when unknown (Redis was
   * unreachable, or the reader's connection dropped): the read loop then takes the stream's end
   * as the position and has the document reloaded from storage.
   */
  lastId: string | null;
  channels: Set<Channel>;
}

interface Channel {
  handlers: BusHandlers | null;
  /** Deliveries before `start`. */
  backlog: (() => void)[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisBus implements UpdateBus {
  readonly kind = 'redis';
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly subscriber: Redis;
  private readonly followers = new Map<string, Follower>();
  private readonly eventListeners: ((event: BoardEvent) => void)[] = [];
  private readonly outbox: Outbox;
  private closed = false;
  private readerClientId: number | null = null;
  private wakeReader: (() => void) | null = null;
  private readonly loop: Promise<void>;
  private readonly names: RedisNames;
  private readonly instanceTag: Buffer;

  constructor(private readonly options: RedisBusOptions) {
    if (options.instanceId.includes('\n')) throw new Error('An instance id has no newlines.');
    this.names = new RedisNames(options.prefix ?? 'v1');
    this.instanceTag = Buffer.from(`${options.instanceId}\n`);
    // Commands fail at once while disconnected: the outbox and the read loop do their own waiting.
    // RESP2: XREAD answers [[key, entries], ...], not RESP3's flattened map.
    const common = { enableOfflineQueue: false, maxRetriesPerRequest: null, protocol: 2 } as const;
    this.writer = new Redis(options.url, { ...common, connectionName: `clusterboard-writer-${options.instanceId}` });
    this.outbox = new Outbox(this.writer, options);
    // A blocked XREAD cut off by a dropped connection is sent again once it is back (ioredis never
    // settles it otherwise); its answer is then ignored for the streams that lost their place.
    this.reader = new Redis(options.url, { ...common, connectionName: `clusterboard-reader-${options.instanceId}` });
    this.subscriber = new Redis(options.url, {
      ...common,
      enableOfflineQueue: true,
      connectionName: `clusterboard-subscriber-${options.instanceId}`,
    });
    this.watch(this.writer, 'writer', () => void this.outbox.flush());
    this.watch(this.reader, 'reader', () => {
      this.readerClientId = null;
      this.wake();
    });
    this.watch(this.subscriber, 'subscriber', () => undefined);
    // Entries may have been trimmed or (Redis restarted) never kept while the reader was away.
    this.reader.on('close', () => {
      for (const follower of this.followers.values()) follower.lastId = null;
    });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onPubSub(channel.toString(), message));
    void this.subscriber.subscribe(this.names.events).catch(() => undefined);
    this.loop = this.readLoop();
  }

  private watch(connection: Redis, name: string, onReady: () => void): void {
    let down = false;
    connection.on('error', (error: Error) => {
      if (!down) this.options.log.warn('redis connection error', { connection: name, error: error.message });
      down = true;
    });
    connection.on('ready', () => {
      if (down) this.options.log.info('redis connection back', { connection: name });
      down = false;
      onReady();
    });
  }

  async open(boardId: string, docKey: string): Promise<BusChannel> {
    const key = this.names.stream(boardId, docKey);
    let follower = this.followers.get(key);
    if (!follower) {
      await this.writerReady(OPEN_WAIT_MS);
      const lastId = await this.lastEntryId(key).catch(() => null);
      // Another open of the same document may have raced this one.
      follower = this.followers.get(key);
      if (!follower) {
        follower = { lastId, channels: new Set() };
        this.followers.set(key, follower);
        void this.subscriber.subscribe(this.names.presence(key)).catch(() => undefined);
        this.wake();
      }
    }
    const channel: Channel = { handlers: null, backlog: [] };
    follower.channels.add(channel);
    return {
      start: (handlers) => {
        channel.handlers = handlers;
        for (const delivery of channel.backlog.splice(0)) delivery();
      },
      publishUpdate: (update, stored) => this.outbox.add({ key, type: stored ? EntryType.Stored : EntryType.Unstored, data: update }),
      publishAwareness: (update) => {
        if (this.writer.status !== 'ready') return;
        this.writer.publish(this.names.presence(key), Buffer.concat([this.instanceTag, update])).catch(() => undefined);
      },
      close: () => {
        follower.channels.delete(channel);
        if (follower.channels.size > 0 || this.followers.get(key) !== follower) return;
        this.followers.delete(key);
        void this.subscriber.unsubscribe(this.names.presence(key)).catch(() => undefined);
      },
    };
  }

  /** Waits a while for the writer (a process that just started is still connecting). */
  private async writerReady(ms: number): Promise<void> {
    if (this.writer.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.writer.once('ready', done);
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Where a stream ends now ('0-0' if it has no entries): a new follower reads from there. */
  private async lastEntryId(key: string): Promise<string> {
    const last = (await this.writer.xrevrange(key, '+', '-', 'COUNT', 1)) as [string, string[]][];
    return last[0]?.[0] ?? '0-0';
  }

  private deliver(follower: Follower, run: (handlers: BusHandlers) => void): void {
    for (const channel of follower.channels) {
      if (channel.handlers) run(channel.handlers);
      else channel.backlog.push(() => channel.handlers && run(channel.handlers));
    }
  }

  // ---- Reading ----

  private wake(): void {
    this.wakeReader?.();
    // A blocked XREAD only sees the streams it was given: unblock it to include new ones.
    if (this.readerClientId !== null && this.writer.status === 'ready') {
      this.writer.call('CLIENT', 'UNBLOCK', this.readerClientId).catch(() => undefined);
    }
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.followers.size === 0 || this.reader.status !== 'ready') {
        await new Promise<void>((resolve) => {
          this.wakeReader = resolve;
          setTimeout(resolve, this.followers.size === 0 ? 1_000 : 200);
        });
        this.wakeReader = null;
        continue;
      }
      try {
        await this.locateUnknown();
        this.readerClientId ??= (await this.reader.call('CLIENT', 'ID')) as number;
        const keys: string[] = [];
        const ids: string[] = [];
        for (const [key, follower] of this.followers) {
          if (follower.lastId === null) continue;
          keys.push(key);
          ids.push(follower.lastId);
        }
        if (keys.length === 0) continue;
        const reply = (await this.reader.callBuffer('XREAD', 'COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids)) as
          [Buffer, [Buffer, Buffer[]][]][] | null;
        failures = 0;
        if (reply) await this.onEntries(reply);
      } catch (error) {
        if (this.closed) return;
        failures++;
        if (failures === 1) this.options.log.warn('reading the update bus failed', { error: (error as Error).message });
        await sleep(Math.min(2_000, 100 * failures));
      }
    }
  }

  /**
   * Followers whose position is unknown read on from the stream's end, and their documents are
   * reloaded from storage. The position is taken before the reload starts, so whatever is
   * published while it runs is read afterwards.
   */
  private async locateUnknown(): Promise<void> {
    let reloaded = 0;
    for (const [key, follower] of this.followers) {
      if (follower.lastId !== null) continue;
      follower.lastId = await this.lastEntryId(key);
      this.deliver(follower, (handlers) => handlers.resync());
      reloaded++;
    }
    if (reloaded > 0) this.options.observer?.reloaded(reloaded);
    if (reloaded > 0) this.options.log.info('update bus position recovered; documents reloaded from storage', { documents: reloaded });
  }

  private async onEntries(reply: [Buffer, [Buffer, Buffer[]][]][]): Promise<void> {
    for (const [keyBytes, entries] of reply) {
      const key = keyBytes.toString();
      const follower = this.followers.get(key);
      if (!follower || follower.lastId === null) continue;
      const fromId = follower.lastId;
      for (const [id, fields] of entries) {
        follower.lastId = id.toString();
        const entry = readFields(fields);
        if (!entry || entry.instance === this.options.instanceId) continue;
        switch (entry.type) {
          case EntryType.Stored:
          case EntryType.Unstored: {
            const stored = entry.type === EntryType.Stored;
            this.options.observer?.received();
            this.deliver(follower, (handlers) => handlers.update(entry.data, stored));
            break;
          }
          case EntryType.Resync:
            this.options.observer?.reloaded(1);
            this.deliver(follower, (handlers) => handlers.resync());
            break;
        }
      }
      // A full batch may mean this instance is behind: if the stream was trimmed past where it
      // was, what fell out of the window must come from storage.
      if (entries.length === READ_COUNT && fromId !== '0-0') {
        const first = (await this.writer.xrange(key, '-', '+', 'COUNT', 1)) as [string, string[]][];
        const firstId = first[0]?.[0];
        if (firstId && compareIds(firstId, fromId) > 0) {
          this.options.log.warn('fell behind the update bus window; reloading from storage', { stream: key });
          this.options.observer?.reloaded(1);
          this.deliver(follower, (handlers) => handlers.resync());
        }
      }
    }
  }

  private onPubSub(channel: string, message: Buffer): void {
    const newline = message.indexOf(10);
    if (newline < 0 || message.subarray(0, newline).toString() === this.options.instanceId) return;
    const body = message.subarray(newline + 1);
    if (channel === this.names.events) {
      let event: BoardEvent;
      try {
        event = JSON.parse(body.toString()) as BoardEvent;
      } catch {
        return;
      }
      for (const listener of this.eventListeners) listener(event);
      return;
    }
    if (!channel.endsWith(':presence')) return;
    const follower = this.followers.get(channel.slice(0, -':presence'.length));
    if (follower) this.deliver(follower, (handlers) => handlers.awareness(new Uint8Array(body)));
  }

  /** Unsent publishes (metrics). */
  get pending(): number {
    return this.outbox.pending;
  }

  /** Whether the writer and the reader are connected (metrics). */
  get connected(): boolean {
    return this.writer.status === 'ready' && this.reader.status === 'ready';
  }

  publishEvent(event: BoardEvent): void {
    if (this.writer.status !== 'ready') return;
    this.writer.publish(this.names.events, Buffer.concat([this.instanceTag, Buffer.from(JSON.stringify(event))])).catch(() => undefined);
  }

  onEvent(listener: (event: BoardEvent) => void): void {
    this.eventListeners.push(listener);
  }

  async ping(): Promise<void> {
    if (this.writer.status !== 'ready') throw new Error(`Redis is ${this.writer.status}`);
    if (this.reader.status !== 'ready') throw new Error(`the update reader is ${this.reader.status}`);
    await this.writer.ping();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    // Whatever is still in the outbox goes out if Redis is there to take it.
    if (this.writer.status === 'ready') await this.outbox.flush();
    this.reader.disconnect();
    await this.loop;
    await Promise.all([this.writer.quit().catch(() => undefined), this.subscriber.quit().catch(() => undefined)]);
  }
}
