/**
 * A BoardStore that times its writes into the server's metrics: `appendUpdate` (every edit waits
 * for it before it is broadcast) and `compact`. Everything else is passed straight through.
 */
import { DelegatingStore } from '../storage/delegating';
import type { BoardStore } from '../storage/store';
import type { Metrics } from './metrics';

export function instrumentStore(store: BoardStore, metrics: Metrics): BoardStore {
  return new InstrumentedStore(store, metrics);
}

class InstrumentedStore extends DelegatingStore {
  constructor(
    inner: BoardStore,
    private readonly metrics: Metrics,
  ) {
    super(inner);
  }

  override appendUpdate(id: string, update: Uint8Array, doc?: string): Promise<number> {
    return this.metrics.persist('append', () => this.inner.appendUpdate(id, update, doc));
  }

  override compact(id: string, snapshot: Uint8Array, uptoSeq: number, doc?: string): Promise<void> {
    return this.metrics.persist('compact', () => this.inner.compact(id, snapshot, uptoSeq, doc));
  }
}
