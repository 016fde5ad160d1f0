/**
 * "Bring everyone here": when the facilitator sends everyone to a dimension, participants' and
 * viewers' boards scroll to it, with a way back to where they were. Nobody is held there.
 */
import { useEffect, useState } from 'react';
import { useBoard } from './context';
import { dimensionLabel } from '../../shared/model/vocabulary';

export function FocusFollower() {
  const { session } = useBoard();
  const [notice, setNotice] = useState<{ text: string; returnTo: number } | null>(null);

  useEffect(() => {
    const workshop = session.workshop;
    // Opening the board does not jump: only a call made while this person is here does.
    let seen = workshop.getState().focus?.seq ?? null;
    return workshop.subscribe(() => {
      const focus = workshop.getState().focus;
      if (!focus || (seen !== null && focus.seq <= seen)) return;
      seen = focus.seq;
      // The first sync brings the last call, made before this person arrived.
      if (!workshop.synced || session.role === 'facilitator') return;
      const heading = document.getElementById(`dimension-${focus.dimension}`);
      const row = heading?.closest('section') ?? heading;
      if (!row) return;
      const returnTo = window.scrollY;
      row.scrollIntoView({ behavior: 'smooth', block: 'start' });
      setNotice({ text: `${focus.by} brought everyone to ${dimensionLabel(focus.dimension)}.`, returnTo });
    });
  }, [session]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!notice) return null;
  return (
    <p className="toast focus-notice" role="status">
      {notice.text}{' '}
      <button
        type="button"
        className="quiet"
        onClick={() => {
          window.scrollTo({ top: notice.returnTo, behavior: 'smooth' });
          setNotice(null);
        }}
      >
        Go back
      </button>
    </p>
  );
}
