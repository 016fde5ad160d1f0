/**
 * Snapshots of a board (`history`): the board document as it was, plus the vote totals published
 * at that moment ([SE7]). The totals live in the control document, so a snapshot of the board
 * document alone would preview and restore without them.
 *
 * A snapshot's state is the board document's update merged with a tiny one of its own that holds
 * the totals in a root map (`SNAPSHOT_VOTES`) no board document has. `boardView` never reads it,
 * so a snapshot still reads as the board it was. Snapshots taken before this have no such map:
 * they are shown with the totals published now, for the notes they hold.
 */
import * as Y from 'yjs';
import { readReportSource, type ReportSource } from '../../shared/model/reportContent';
import { exportView } from '../../shared/report/bounds';
import type { Participant } from '../../shared/report/engagement';
import type { BoardView } from '../../shared/view/boardView';
import { boardPeople, peopleIndex } from '../exports';
import type { BoardStore } from '../storage/store';
import { WorkshopError } from './errors';

const SNAPSHOT_VOTES = 'snapshotVotes';

/** The state to store for a snapshot of `board` with the totals published now. */
export function snapshotState(board: Y.Doc, votes: ReadonlyMap<string, number>): Uint8Array {
  const extra = new Y.Doc();
  try {
    const map = extra.getMap<number>(SNAPSHOT_VOTES);
    extra.transact(() => {
      for (const [noteId, count] of votes) if (count > 0) map.set(noteId, count);
    });
    // Both updates are the server's own encodings, never a client's bytes (see SECURITY.md, yjs#687).
    return Y.mergeUpdates([Y.encodeStateAsUpdate(board), Y.encodeStateAsUpdate(extra)]);
  } finally {
    extra.destroy();
  }
}

/**
 * A stored snapshot's board and the vote totals it carries (`fallback` for older snapshots), with
 * names and clusters from the board's people now [AT2], as every export shows them.
 */
export async function readSnapshot(
  store: BoardStore,
  boardId: string,
  entryId: string,
  fallback: () => Promise<ReadonlyMap<string, number>>,
): Promise<{ view: BoardView; votes: ReadonlyMap<string, number>; people: Participant[]; report: ReportSource }> {
  const state = await store.getHistoryState(boardId, entryId);
  if (!state) throw new WorkshopError('not-found', 'snapshot.notFound');
  const people = await boardPeople(store, boardId);
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    // Bounded like every export [E6], so a preview is small and a restore always imports.
    const view = exportView(doc, Date.now(), peopleIndex(people));
    // [RC6] The report's content as it was, so restoring a snapshot brings it back too.
    const report = readReportSource(doc);
    const kept = doc.share.has(SNAPSHOT_VOTES) ? doc.getMap<unknown>(SNAPSHOT_VOTES) : null;
    if (!kept) return { view, votes: await fallback(), people, report };
    const votes = new Map<string, number>();
    kept.forEach((count, noteId) => {
      if (typeof count === 'number' && Number.isInteger(count) && count > 0) votes.set(noteId, count);
    });
    return { view, votes, people, report };
  } finally {
    doc.destroy();
  }
}
