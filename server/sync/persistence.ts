/**
 * How a room stores its document: one promise chain through which every update is appended and
 * every outgoing piece of document data is sent, so nobody sees state that is not stored.
 *
 * Two ways to meet a storage failure:
 *  - strict (the embedded default, `outageBufferBytes` 0): the room fails; its clients reconnect
 *    later and resend what the server lacks.
 *  - outage buffer (PostgreSQL, shared by several instances): updates that cannot be stored are
 *    kept in order in memory, and still go to the other clients, so a workshop carries on through a
 *    database restart. They are stored, in order, once storage answers again. Past the buffer's
 *    size the room refuses new writes (the writer retries later and keeps its edits meanwhile),
 *    never drops them. Whatever was kept is also on the screens of everyone who saw it, and their
 *    providers resend it to whichever server they reconnect to.
 */
import type { Logger } from '../log';
import type { DocumentLog } from '../storage/store';

export interface PersistenceOptions {
  store: DocumentLog;
  log: Logger;
  boardId: string;
  docKey: string;
  compactEvery: number;
  /** Bytes of updates kept while storage is unreachable; 0 fails the room instead. */
  outageBufferBytes: number;
  /** Storage failed for good (strict mode): stop serving. */
  onFail(error: unknown): void;
}

const RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

export class Persistence {
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  private lastSeq: number;
  private logLength: number;
  /** What storage holds of this document: the snapshot's bytes plus the log's. */
  storedBytes: number;
  /** Updates not yet stored (an outage), oldest first; each is stored before any later one. */
  private readonly unstored: Uint8Array[] = [];
  private unstoredBytes = 0;
  private retrying: NodeJS.Timeout | null = null;
  private retries = 0;
  private storing = false;

  constructor(
    private readonly options: PersistenceOptions,
    loaded: { lastSeq: number; logLength: number; storedBytes: number },
  ) {
    this.lastSeq = loaded.lastSeq;
    this.logLength = loaded.logLength;
    this.storedBytes = loaded.storedBytes;
  }

  /**
   * Runs `step` after everything queued before it. A step that throws fails the room (strict
   * mode) or, with an outage buffer, is logged: only appends must not be lost, and those never
   * throw there.
   */
  then(step: () => void | Promise<void>): void {
    this.chain = this.chain
      .then(async () => {
        if (!this.failed) await step();
      })
      .catch((error: unknown) => {
        if (this.options.outageBufferBytes > 0) {
          this.options.log.warn('storage step failed', { board: this.options.boardId, doc: this.options.docKey, error });
          return;
        }
        this.failed = true;
        this.options.onFail(error);
      });
  }

  /** Resolves once everything queued so far has run. */
  async settled(): Promise<void> {
    await this.chain;
  }

  /**
   * Stores one update, behind every earlier one. Resolves true once stored, false when it is kept
   * in the outage buffer. Call it from a `then` step, so appends keep the order of updates.
   */
  async append(update: Uint8Array): Promise<boolean> {
    if (this.unstored.length === 0) {
      try {
        this.lastSeq = await this.options.store.appendUpdate(this.options.boardId, update, this.options.docKey);
        this.logLength++;
        return true;
      } catch (error) {
        if (this.options.outageBufferBytes === 0) throw error;
        this.options.log.error('storage unreachable; keeping updates in memory until it is back', {
          board: this.options.boardId,
          doc: this.options.docKey,
          error,
        });
      }
    }
    this.unstored.push(update);
    this.unstoredBytes += update.byteLength;
    this.scheduleRetry();
    return false;
  }

  /** Whether updates wait for storage. */
  get inOutage(): boolean {
    return this.unstored.length > 0;
  }

  /** The outage buffer is full: new writes must wait until storage is back. */
  get outageBufferFull(): boolean {
    return this.options.outageBufferBytes > 0 && this.unstoredBytes >= this.options.outageBufferBytes;
  }

  get pendingBytes(): number {
    return this.unstoredBytes;
  }

  private scheduleRetry(): void {
    if (this.retrying || this.storing || this.failed) return;
    const delay = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)] ?? 5_000;
    this.retrying = setTimeout(() => {
      this.retrying = null;
      void this.storeWaiting();
    }, delay);
  }

  /** Stores the outage buffer in order; new updates join its end meanwhile. */
  private async storeWaiting(): Promise<void> {
    this.storing = true;
    try {
      for (let next = this.unstored[0]; next; next = this.unstored[0]) {
        this.lastSeq = await this.options.store.appendUpdate(this.options.boardId, next, this.options.docKey);
        this.logLength++;
        this.unstored.shift();
        this.unstoredBytes -= next.byteLength;
      }
      this.retries = 0;
      this.options.log.info('storage is back; kept updates stored', { board: this.options.boardId, doc: this.options.docKey });
    } catch {
      this.retries++;
    } finally {
      this.storing = false;
    }
    if (this.unstored.length > 0) this.scheduleRetry();
  }

  /** Compacts once the log is long enough (and nothing waits for storage). */
  async compactIfDue(snapshot: () => Uint8Array): Promise<boolean> {
    if (this.logLength < this.options.compactEvery) return false;
    return this.compact(snapshot);
  }

  async compact(snapshot: () => Uint8Array): Promise<boolean> {
    if (this.logLength === 0 || this.unstored.length > 0) return false;
    const state = snapshot();
    await this.options.store.compact(this.options.boardId, state, this.lastSeq, this.options.docKey);
    this.logLength = 0;
    this.storedBytes = state.byteLength;
    return true;
  }

  /** Stops retries; what is still unstored is reported (its clients still hold it). */
  stop(): number {
    if (this.retrying) clearTimeout(this.retrying);
    this.retrying = null;
    this.failed = true;
    return this.unstored.length;
  }
}
