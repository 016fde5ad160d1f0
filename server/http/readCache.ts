/**
 * [Q3] Heavy reads (the notes list, exports) computed once per document version and shared: a
 * read of a document nobody changed since the last one answers the stored result, and identical
 * requests that arrive while it is computed wait for that one computation. Each read is charged
 * to the client's budget (http/quotas.ts) before any work: a computation by the board's size, an
 * answer from the cache at a small flat cost.
 */
import type { IncomingMessage } from 'node:http';
import type { Counter } from 'prom-client';
import type * as Y from 'yjs';
import type { Quotas } from './quotas';

/** Changes seen per document since it was first read here: any update, deletions included. */
const versions = new WeakMap<Y.Doc, { changes: number; id: number }>();
let nextDocId = 1;

function versionOf(doc: Y.Doc): { changes: number; id: number } {
  let version = versions.get(doc);
  if (!version) {
    const created = { changes: 0, id: nextDocId++ };
    // A state vector would miss deletions (they add no clock); the update event sees them all.
    doc.on('update', () => created.changes++);
    versions.set(doc, created);
    version = created;
  }
  return version;
}

/** The documents a read depends on, as one version string. */
export function versionKey(docs: readonly Y.Doc[]): string {
  return docs
    .map((doc) => {
      const v = versionOf(doc);
      return `${v.id}.${v.changes}`;
    })
    .join('/');
}

/** What a read answers: the same shape as an export (server/exports.ts). */
export interface ReadResult {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

interface Entry {
  version: string;
  value: Promise<ReadResult>;
  bytes: number;
}

const HIT_COST = 10;
const COMPUTE_BASE_COST = 100;

export interface ReadCacheOptions {
  quotas: Quotas;
  /** Counts computations, labelled by what was read ("notes", "export-md", ...). */
  computed: Counter<'what'>;
  /** Results kept at most, in bytes and in number; the least recently used go first. */
  maxBytes?: number;
  maxEntries?: number;
}

export class ReadCache {
  /** By document and what is read; insertion order is use order (least recent first). */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(private readonly options: ReadCacheOptions) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /**
   * The result of `compute` for the documents' current version. `main` names the entry and its
   * size (`notes`) sets the cost of a computation; `also` are documents the result reads too.
   */
  read(
    req: IncomingMessage,
    what: string,
    main: { doc: Y.Doc; notes: number },
    also: readonly Y.Doc[],
    compute: () => ReadResult | Promise<ReadResult>,
  ): Promise<ReadResult> {
    const key = `${versionOf(main.doc).id}:${what}`;
    const version = versionKey([main.doc, ...also]);
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.options.quotas.chargeRead(req, HIT_COST);
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.value;
    }
    this.options.quotas.chargeRead(req, main.notes + COMPUTE_BASE_COST);
    this.drop(key);
    this.options.computed.inc({ what });
    const entry: Entry = { version, value: Promise.resolve().then(compute), bytes: 0 };
    this.entries.set(key, entry);
    this.evict();
    entry.value.then(
      (result) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = typeof result.body === 'string' ? Buffer.byteLength(result.body) : result.body.length;
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        // A failed computation is not kept: the next request tries again.
        if (this.entries.get(key) === entry) this.drop(key);
      },
    );
    return entry.value;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) return;
      this.drop(key);
    }
  }
}
