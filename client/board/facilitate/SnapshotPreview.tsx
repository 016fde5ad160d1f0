import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CreatedBoard } from '../../../shared/protocol';
import { ImportError } from '../../../shared/report/json';
import type { BoardView } from '../../../shared/view/boardView';
import { Dialog, DialogDone } from '../../ui/Dialog';
import { type Caller, type HistoryEntry, readSnapshot, restoreSnapshot } from '../../workshopApi';
import { LinkList } from './CopyField';
import { Notice, pressable, Problem } from './parts';
import { SnapshotOutline } from './SnapshotOutline';
import { snapshotView } from './snapshotView';
import { problemText, useAction } from './useAction';

type Loaded =
  { status: 'loading' } | { status: 'failed'; problem: string } | { status: 'ready'; view: BoardView; votes: ReadonlyMap<string, number> };

/**
 * A snapshot, read-only, and the way to bring it back: as a new board, with its own links. The
 * live board is never touched, so nobody loses what they wrote since.
 */
export function SnapshotPreview({ caller, entry, onClose }: { caller: Caller; entry: HistoryEntry; onClose(): void }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const restore = useAction();
  const [restored, setRestored] = useState<CreatedBoard | null>(null);

  useEffect(() => {
    let live = true;
    readSnapshot(caller, entry.id)
      .then((raw: unknown) => snapshotView(raw))
      .then(
        (snapshot) => live && setLoaded({ status: 'ready', ...snapshot }),
        (error: unknown) =>
          live &&
          setLoaded({
            status: 'failed',
            problem: error instanceof ImportError ? `This snapshot cannot be read: ${error.message}` : problemText(error),
          }),
      );
    return () => {
      live = false;
    };
  }, [caller, entry.id]);

  // In a portal: the panel scrolls and stacks on its own, and a modal must cover the whole page.
  return createPortal(
    <Dialog title={`Snapshot: ${entry.name}`} onClose={onClose}>
      <p className="field-hint">Taken {new Date(entry.createdAt).toLocaleString()}. This is a read-only view.</p>
      {loaded.status === 'loading' && <p role="status">Loading the snapshot…</p>}
      {loaded.status === 'failed' && <Problem text={loaded.problem} />}
      {loaded.status === 'ready' && (
        <div className="snapshot-scroll" tabIndex={0} aria-label="Snapshot contents">
          <SnapshotOutline view={loaded.view} votes={loaded.votes} />
        </div>
      )}
      {restored ? (
        <div className="restored">
          <Notice text={`Restored as a new board: “${restored.title}”. The live board is unchanged.`} />
          <p>
            <a href={restored.links.facilitator} target="_blank" rel="noopener noreferrer" autoFocus>
              Open the restored board (new tab)
            </a>
          </p>
          <LinkList links={restored.links} />
        </div>
      ) : (
        <>
          <p>Restoring creates a new board from this snapshot, with new links. The live board stays as it is.</p>
          <button type="button" {...pressable(restore.busy, () => restore.run(() => restoreSnapshot(caller, entry.id), { onDone: setRestored }))}>
            Restore as a new board
          </button>
          <Problem text={restore.problem} />
        </>
      )}
      <DialogDone onClose={onClose} label="Close" />
    </Dialog>,
    document.body,
  );
}
