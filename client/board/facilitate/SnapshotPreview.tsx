import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CreatedBoard } from '../../../shared/protocol';
import { ImportError } from '../../../shared/report/json';
import type { BoardView } from '../../../shared/view/boardView';
import { shownSnapshotName } from '../../../shared/workshop/snapshotName';
import { t as currentT } from '../../i18n/current';
import { useT } from '../../i18n/I18n';
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
  const translator = useT();
  const { t, intl } = translator;
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
            problem: error instanceof ImportError ? currentT('facilitate.snapshot.unreadable', { reason: error.message }) : problemText(error),
          }),
      );
    return () => {
      live = false;
    };
  }, [caller, entry.id]);

  // In a portal: the panel scrolls and stacks on its own, and a modal must cover the whole page.
  return createPortal(
    <Dialog title={t('facilitate.snapshot.title', { name: shownSnapshotName(entry.name, translator) })} onClose={onClose}>
      <p className="field-hint">
        {t('facilitate.snapshot.taken', {
          time: intl.formatDate(entry.createdAt, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
        })}
      </p>
      {loaded.status === 'loading' && <p role="status">{t('facilitate.snapshot.loading')}</p>}
      {loaded.status === 'failed' && <Problem text={loaded.problem} />}
      {loaded.status === 'ready' && (
        <div className="snapshot-scroll" tabIndex={0} aria-label={t('facilitate.snapshot.contents')}>
          <SnapshotOutline view={loaded.view} votes={loaded.votes} />
        </div>
      )}
      {restored ? (
        <div className="restored">
          <Notice text={t('facilitate.snapshot.restored', { title: restored.title })} />
          <p>
            <a href={restored.links.facilitator} target="_blank" rel="noopener noreferrer" autoFocus>
              {t('facilitate.snapshot.open')}
            </a>
          </p>
          <LinkList links={restored.links} />
        </div>
      ) : (
        <>
          <p>{t('facilitate.snapshot.restore.explain')}</p>
          <button type="button" {...pressable(restore.busy, () => restore.run(() => restoreSnapshot(caller, entry.id), { onDone: setRestored }))}>
            {t('facilitate.snapshot.restore')}
          </button>
          <Problem text={restore.problem} />
        </>
      )}
      <DialogDone onClose={onClose} label={t('common.close')} />
    </Dialog>,
    document.body,
  );
}
