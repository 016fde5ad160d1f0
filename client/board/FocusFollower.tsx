/**
 * "Bring everyone here" and a run-sheet step's focus: when the facilitator sends everyone to a
 * dimension, participants' and viewers' boards move there (unless they turned following off), with
 * a way back to where they were. Nobody is held there. Someone not following gets the message
 * with "Go there" instead.
 */
import { useEffect, useState } from 'react';
import { type DimensionId, dimensionLabel } from '../../shared/model/vocabulary';
import { useT } from '../i18n/I18n';
import { useBoard } from './context';
import { followsFacilitator } from './follow/followPreference';
import { scrollToDimension } from './follow/scrollToDimension';
import { useUi, useUiStore } from './uiContext';

interface Notice {
  /** Who made the call. */
  by: string;
  dimension: DimensionId;
  /** Where this screen was before it moved; null while it has not moved. */
  returnTo: number | null;
  seq: number;
}

const SHOWN_MS = 12_000;

export function FocusFollower() {
  const { session } = useBoard();
  const { t } = useT();
  const ui = useUiStore();
  // [PH4] A phone's Write view shows the call itself and turns its form to that dimension.
  const writing = useUi((s) => s.view === 'write');
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    const workshop = session.workshop;
    // Opening the board does not jump: only a call made while this person is here does.
    let seen = workshop.getState().focus?.seq ?? null;
    return workshop.subscribe(() => {
      const focus = workshop.getState().focus;
      if (!focus || (seen !== null && focus.seq <= seen)) return;
      seen = focus.seq;
      // The first sync brings the last call, made before this person arrived.
      if (!workshop.synced || session.role === 'facilitator' || ui.get().view === 'write') return;
      const from = window.scrollY;
      const moved = followsFacilitator() && scrollToDimension(focus.dimension);
      setNotice({ by: focus.by, dimension: focus.dimension, returnTo: moved ? from : null, seq: focus.seq });
    });
  }, [session, ui]);

  // Each new call (or a "Go there") shows the message for its full time again.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!notice || writing) return null;
  return (
    <p className="toast focus-notice" role="status">
      <span>{t('room.focus.brought', { name: notice.by, dimension: dimensionLabel(notice.dimension) })}</span>
      {notice.returnTo === null ? (
        <button
          type="button"
          className="quiet"
          onClick={() => {
            const from = window.scrollY;
            if (scrollToDimension(notice.dimension)) setNotice({ ...notice, returnTo: from });
          }}
        >
          {t('room.focus.goThere')}
        </button>
      ) : (
        <button
          type="button"
          className="quiet"
          onClick={() => {
            window.scrollTo({ top: notice.returnTo ?? 0, behavior: 'smooth' });
            setNotice(null);
          }}
        >
          {t('room.focus.goBack')}
        </button>
      )}
    </p>
  );
}
