import { useMemo } from 'react';
import { useBoard, useBoardView } from '../context';
import { useUi } from '../uiContext';
import { findMatches, type Matches } from './matches';

/** The notes this screen's search and filters find, recomputed when the board or filter changes. */
export function useMatches(): Matches {
  const { session } = useBoard();
  const view = useBoardView();
  const filter = useUi((s) => s.filter);
  const myId = session.author().id;
  return useMemo(() => findMatches(view, filter, myId), [view, filter, myId]);
}
