/**
 * The Redis bus's outbox: document updates waiting for the writer connection. They go out in
 * order, each to its document's stream; while the writer is down they wait. Past `outboxBytes` the
 * waiting entries are dropped, and their streams get a resync entry once the writer is back, so
 * the other instances reload those documents from storage instead of missing updates silently.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log';
import { EntryType, type StreamEntry } from './redisEntries';

/** What the outbox reads of the bus's options (RedisBusOptions in redis.ts). */
export interface OutboxOptions {
  log: Logger;
  instanceId: string;
  streamWindow?: number;
  streamTtlMs?: number;
  outboxBytes?: number;
  observer?: { published(count: number): void };
}

export class Outbox {
  private readonly entries: StreamEntry[] = [];
  private bytes = 0;
  /** Streams whose unsent entries were dropped: the others must reload them from storage. */
  private readonly dropped = new Set<string>();
  private flushing = false;

  constructor(
    private readonly writer: Redis,
    private readonly options: OutboxOptions,
  ) {}

  add(entry: StreamEntry): void {
    this.entries.push(entry);
    this.bytes += entry.data.byteLength;
    const limit = this.options.outboxBytes ?? 32 * 1024 * 1024;
    if (this.bytes > limit) {
      for (const dropped of this.entries.splice(0)) this.dropped.add(dropped.key);
      this.bytes = 0;
      this.options.log.warn('update bus outbox full; other instances will reload from storage', { documents: this.dropped.size });
    }
    void this.flush();
  }

  /** Sends the outbox in order; stops at the first failure and resumes when the writer is back. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.writer.status === 'ready' && (this.entries.length > 0 || this.dropped.size > 0)) {
        const batch = this.entries.slice(0, 256);
        const markers = batch.length === 0 ? [...this.dropped] : [];
        const pipeline = this.writer.pipeline();
        const window = this.options.streamWindow ?? 10_000;
        const ttl = this.options.streamTtlMs ?? 24 * 60 * 60 * 1000;
        const add = (key: string, type: string, data: Uint8Array) => {
          pipeline.xadd(
            key,
            'MAXLEN',
            '~',
            window,
            '*',
            't',
            type,
            'i',
            this.options.instanceId,
            'd',
            Buffer.from(data.buffer, data.byteOffset, data.byteLength),
          );
          pipeline.pexpire(key, ttl);
        };
        for (const entry of batch) add(entry.key, entry.type, entry.data);
        for (const key of markers) add(key, EntryType.Resync, new Uint8Array());
        const results = (await pipeline.exec()) ?? [];
        // Keep order: only the leading entries that went out leave the outbox (two commands each: XADD, PEXPIRE).
        let sent = 0;
        while (sent < batch.length && !results[sent * 2]?.[0]) sent++;
        for (const entry of this.entries.splice(0, sent)) this.bytes -= entry.data.byteLength;
        if (sent > 0) this.options.observer?.published(sent);
        if (sent < batch.length) break;
        if (markers.length > 0 && results.every(([error]) => !error)) for (const key of markers) this.dropped.delete(key);
        else if (markers.length > 0) break;
      }
    } catch {
      // The writer dropped mid-flush; its 'ready' starts the next one.
    } finally {
      this.flushing = false;
    }
  }

  /** Unsent publishes (metrics). */
  get pending(): number {
    return this.entries.length;
  }
}
