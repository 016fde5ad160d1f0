/**
 * A document log that times its writes into the server's metrics: `appendUpdate` (every edit waits
 * for it before it is broadcast) and `compact`. Only the sync core's path is timed, so only the
 * document log is wrapped; records go to the store directly.
 */
import type { DocumentLog, StoredState } from '../storage/store';
import type { Metrics } from './metrics';

export function instrumentLog(log: DocumentLog, metrics: Metrics): DocumentLog {
  return {
    shared: log.shared,
    loadState: (id: string, doc?: string): Promise<StoredState> => log.loadState(id, doc),
    appendUpdate: (id, update, doc) => metrics.persist('append', () => log.appendUpdate(id, update, doc)),
    compact: (id, snapshot, uptoSeq, doc) => metrics.persist('compact', () => log.compact(id, snapshot, uptoSeq, doc)),
  };
}
