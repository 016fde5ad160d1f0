/**
 * "Bring everyone here" seen from the Write view: there is no board to scroll, so the call shows
 * here, points the next note at that dimension, and offers to show it on the board.
 */
import { useEffect, useState } from 'react';
import { type DimensionId, dimensionLabel } from '../../../shared/model/vocabulary';
import { useBoard } from '../context';
import { useUiStore } from '../uiContext';

export function FocusNotice({ onFocus }: { onFocus(dimension: DimensionId): void }) {
  const { session } = useBoard();
  const ui = useUiStore();
  const [notice, setNotice] = useState<{ by: string; dimension: DimensionId } | null>(null);

  useEffect(() => {
    const workshop = session.workshop;
    // As on the board: only a call made while this person is here counts, not the last one before.
    let seen = workshop.getState().focus?.seq ?? null;
    return workshop.subscribe(() => {
      const focus = workshop.getState().focus;
      if (!focus || (seen !== null && focus.seq <= seen)) return;
      seen = focus.seq;
      if (!workshop.synced || session.role === 'facilitator') return;
      setNotice({ by: focus.by, dimension: focus.dimension });
      onFocus(focus.dimension);
    });
  }, [session, onFocus]);

  if (!notice) return null;

  const showOnBoard = () => {
    ui.update(() => ({ view: 'grid' }));
    // The grid renders on the next frame; then its dimension heading has a place to scroll to.
    requestAnimationFrame(() => document.getElementById(`dimension-${notice.dimension}`)?.scrollIntoView({ block: 'start' }));
  };

  return (
    <div className="phone-focus-notice" role="status">
      <p>
        <strong>{`${notice.by} brought everyone to ${dimensionLabel(notice.dimension)}.`}</strong> Your next note goes there.
      </p>
      <div className="phone-focus-actions">
        <button type="button" onClick={showOnBoard}>
          Show it on the board
        </button>
        <button type="button" className="quiet" onClick={() => setNotice(null)}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
