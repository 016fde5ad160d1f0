/**
 * A phone's first screen for someone who writes: the Write form on top, then their private notes
 * (with Reveal) while private writing is on, then the board's notes newest first with votes.
 */
import './phone.css';
import { useCallback, useState } from 'react';
import type { DimensionId } from '../../../shared/model/vocabulary';
import { useBoard } from '../context';
import { PrivateNotes } from '../PrivateNotes';
import { FocusNotice } from './FocusNotice';
import { RecentNotes } from './RecentNotes';
import { loadChoice, saveChoice, type WriteChoice } from './writeChoice';
import { WriteForm } from './WriteForm';

export function WriteView() {
  const { session } = useBoard();
  const [choice, setChoice] = useState(() => loadChoice(session.boardId));
  const choose = useCallback(
    (next: WriteChoice) => {
      setChoice(next);
      saveChoice(session.boardId, next);
    },
    [session],
  );
  const onFocus = useCallback((dimension: DimensionId) => setChoice((current) => ({ ...current, dimension })), []);

  return (
    <div className="phone-view phone-write-view">
      <FocusNotice onFocus={onFocus} />
      <WriteForm choice={choice} onChoice={choose} />
      <PrivateNotes placement="inline" />
      <RecentNotes />
    </div>
  );
}
