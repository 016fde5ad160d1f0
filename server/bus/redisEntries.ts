/** The names this bus uses in Redis, the entries it writes to a document's stream, and how their ids compare. */

/** Keys and channels, all under one prefix (several deployments may share a Redis). */
export class RedisNames {
  private readonly prefix: string;

  constructor(prefix: string) {
    this.prefix = `clusterboard:${prefix}:`;
  }

  /** Board events (a link revoked, a person removed), by pub/sub. */
  get events(): string {
    return `${this.prefix}events`;
  }

  /** A document's stream of updates. */
  stream(boardId: string, docKey: string): string {
    return `${this.prefix}doc:${boardId}/${docKey}`;
  }

  /** A document's presence, by pub/sub. */
  presence(streamKey: string): string {
    return `${streamKey}:presence`;
  }
}

/** An entry waiting to be written to a stream. */
export interface StreamEntry {
  key: string;
  type: string;
  data: Uint8Array;
}

/** Entry fields: t (type), i (instance), d (data). */
export const EntryType = { Stored: 's', Unstored: 'n', Resync: 'r' } as const;

/** An entry's fields, or null when one is missing. */
export function readFields(fields: Buffer[]): { type: string; instance: string; data: Uint8Array } | null {
  let type: string | null = null;
  let instance: string | null = null;
  let data: Uint8Array | null = null;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]?.toString();
    const value = fields[i + 1];
    if (!value) continue;
    if (name === 't') type = value.toString();
    else if (name === 'i') instance = value.toString();
    else if (name === 'd') data = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  return type && instance && data ? { type, instance, data } : null;
}

/** Compares Redis stream ids ("ms-seq"). */
export function compareIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}
