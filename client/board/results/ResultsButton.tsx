/**
 * "Results" once a vote has closed: anyone opens the ranked results for themselves; when the
 * facilitator shows them to everyone they open on every screen, and close when they close them.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/I18n';
import { useBoard, useControl } from '../context';

const ResultsView = lazy(() => import('./ResultsView').then((m) => ({ default: m.ResultsView })));

export function ResultsButton() {
  const { session } = useBoard();
  const { t } = useT();
  const control = useControl();
  const closed = control.round?.status === 'closed';
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const workshop = session.workshop;
    // A call already seen when this screen opened is not a new one; before the first sync nothing is seen.
    let seen: number | null | undefined = workshop.synced ? (workshop.getState().resultsView?.seq ?? null) : undefined;
    return workshop.subscribe(() => {
      if (!workshop.synced) return;
      const seq = workshop.getState().resultsView?.seq ?? null;
      if (seen === undefined) {
        seen = seq;
        // Someone arriving while the results are shown to everyone sees them too.
        if (seq !== null) setOpen(true);
        return;
      }
      if (seq === seen) return;
      setOpen(seq !== null);
      seen = seq;
    });
  }, [session]);

  if (!closed && !open) return null;
  return (
    <>
      <button type="button" className="results-open" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('room.results')}
      </button>
      {/* In the page's body, not the toolbar: a phone's Write view hides the toolbar, and results
          the facilitator shows to everyone must open there too. */}
      {open &&
        createPortal(
          <Suspense fallback={null}>
            <ResultsView onClose={() => setOpen(false)} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
