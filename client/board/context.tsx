import { createContext, useContext, useSyncExternalStore } from 'react';
import { MutationError } from '../../shared/model/errors';
import type { DimensionId } from '../../shared/model/vocabulary';
import type { BoardView } from '../../shared/view/boardView';
import type { MyVotes } from '../../shared/workshop/commands';
import type { ControlState } from '../../shared/workshop/control';
import { problemText } from '../i18n/errors';
import type { BoardSession, ConnectionState, PresenceUser } from './session';
import type { UndoState } from './undo';
import type { NoteVotes } from './workshop';

export interface BoardContextValue {
  session: BoardSession;
  /** May this person change the board at all now (role, and for participants the board lock)? */
  canWrite: boolean;
  /** May this person change notes and themes of this dimension now (adds dimension locks)? */
  writable(dimension: DimensionId): boolean;
  /** Runs a command (a named mutation); a refusal is shown to the person, not thrown. */
  run(command: () => void): boolean;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard is used outside a board.');
  return value;
}

export function useBoardView(): BoardView {
  const { session } = useBoard();
  return useSyncExternalStore(session.subscribe, session.getView);
}

export function usePresence(): PresenceUser[] {
  const { session } = useBoard();
  return useSyncExternalStore(session.subscribe, session.getPresence);
}

export function useConnection(session: BoardSession): ConnectionState {
  return useSyncExternalStore(session.subscribe, session.getConnection);
}

/** Whether this person has a step to undo or redo (always false for viewers). */
export function useUndoState(): UndoState {
  const { session } = useBoard();
  return useSyncExternalStore(session.subscribe, session.getUndoState);
}

export function describeError(error: unknown): string {
  if (error instanceof MutationError) return problemText(error.problem);
  return 'That did not work. Please try again.';
}

/** The control document as this screen last saw it. */
export function useControl(): ControlState {
  const { session } = useBoard();
  return useSyncExternalStore(session.workshop.subscribe, session.workshop.getState);
}

export function useMyVotes(): MyVotes {
  const { session } = useBoard();
  return useSyncExternalStore(session.workshop.subscribe, session.workshop.getMyVotes);
}

/** A note's votes as two numbers, so a card re-renders only when its own votes change. */
export function useNoteVotes(noteId: string): NoteVotes {
  const { session } = useBoard();
  const workshop = session.workshop;
  const mine = useSyncExternalStore(workshop.subscribe, () => workshop.noteVotes(noteId).mine);
  const total = useSyncExternalStore(workshop.subscribe, () => workshop.noteVotes(noteId).total);
  return { mine, total };
}

export function usePrivateView(): BoardView | null {
  const { session } = useBoard();
  return useSyncExternalStore(session.workshop.subscribe, session.workshop.getPrivateView);
}
