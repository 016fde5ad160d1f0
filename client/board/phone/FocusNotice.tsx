/**
 * "Bring everyone here" seen from the Write view: there is no board to scroll, so the call shows
 * here, points the next note at that dimension, and offers to show it on the board.
 */
import { useEffect, useState } from 'react';
import { type DimensionId, dimensionLabel } from '../../../shared/model/vocabulary';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { useUiStore } from '../uiContext';

export function FocusNotice({ onFocus }: { onFocus(dimension: DimensionId): void }) {
  const { session } = useBoard();
  const { t } = useT();
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
        <strong>{t('room.focus.brought', { name: notice.by, dimension: dimensionLabel(notice.dimension) })}</strong> {t('room.phone.focus.next')}
      </p>
      <div className="phone-focus-actions">
        <button type="button" onClick={showOnBoard}>
          {t('room.phone.focus.show')}
        </button>
        <button type="button" className="quiet" onClick={() => setNotice(null)}>
          {t('room.phone.focus.dismiss')}
        </button>
      </div>
    </div>
  );
}
