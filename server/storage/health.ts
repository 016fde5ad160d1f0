/**
 * [N3] Whether storage takes writes now, as /readyz reports it. Every write through this store
 * that fails as storage (failures.ts) marks it failed, with the reason; the next write that
 * succeeds clears it. While failed, each readiness check tries one small write (a setting), so
 * readiness returns as soon as space is freed even if nobody writes meanwhile. At start the same
 * probe runs once: a full disk starts the server read-only (boards are served, writes refused)
 * instead of not at all.
 */
import type { Role } from '../../shared/protocol';
import { DelegatingStore } from './delegating';
import { type StorageFailure, storageFailure } from './failures';
import type { BallotRecord, BoardRecord, BoardStore, HistoryEntry, PersonRecord } from './store';

const PROBE_KEY = 'storage-probe';

export interface HealthFailure {
  kind: StorageFailure;
  reason: string;
  since: number;
}

export class HealthTrackingStore extends DelegatingStore {
  private failed: HealthFailure | null = null;

  constructor(inner: BoardStore) {
    super(inner);
  }

  get failure(): HealthFailure | null {
    return this.failed;
  }

  /** Tries one small write; records the outcome. Never throws. */
  async probe(): Promise<HealthFailure | null> {
    try {
      await this.write(() => this.inner.setSetting(PROBE_KEY, String(Date.now())));
    } catch {
      // Recorded by write().
    }
    return this.failed;
  }

  override async ping(): Promise<void> {
    await this.inner.ping();
    if (this.failed && (await this.probe())) {
      const failure = this.failed;
      const since = new Date(failure.since).toISOString();
      throw new Error(
        failure.kind === 'full'
          ? `the disk is full; writes are refused (since ${since}): ${failure.reason}`
          : `storage refuses writes (since ${since}): ${failure.reason}`,
      );
    }
  }

  private async write<T>(action: () => Promise<T>): Promise<T> {
    try {
      const result = await action();
      this.failed = null;
      return result;
    } catch (error) {
      const kind = storageFailure(error);
      if (kind) this.failed = { kind, reason: error instanceof Error ? error.message : String(error), since: this.failed?.since ?? Date.now() };
      throw error;
    }
  }

  override appendUpdate(id: string, update: Uint8Array, doc?: string): Promise<number> {
    return this.write(() => this.inner.appendUpdate(id, update, doc));
  }
  override compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc?: string): Promise<void> {
    return this.write(() => this.inner.compact(id, snapshot, uptoSeq, doc));
  }
  override createBoard(board: BoardRecord, initialState: Uint8Array): Promise<void> {
    return this.write(() => this.inner.createBoard(board, initialState));
  }
  override updateTitle(id: string, title: string): Promise<void> {
    return this.write(() => this.inner.updateTitle(id, title));
  }
  override setToken(id: string, role: Role, token: string): Promise<void> {
    return this.write(() => this.inner.setToken(id, role, token));
  }
  override addPerson(person: PersonRecord): Promise<void> {
    return this.write(() => this.inner.addPerson(person));
  }
  override updatePerson(boardId: string, personId: string, fields: Pick<PersonRecord, 'name' | 'cluster'>): Promise<void> {
    return this.write(() => this.inner.updatePerson(boardId, personId, fields));
  }
  override setBallot(boardId: string, roundId: string, ballot: BallotRecord): Promise<void> {
    return this.write(() => this.inner.setBallot(boardId, roundId, ballot));
  }
  override addHistory(boardId: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    return this.write(() => this.inner.addHistory(boardId, entry, state));
  }
  override setSetting(key: string, value: string): Promise<void> {
    return this.write(() => this.inner.setSetting(key, value));
  }
  override claimSetting(key: string, value: string): Promise<string> {
    return this.write(() => this.inner.claimSetting(key, value));
  }
}
