import { createContext, useContext, useSyncExternalStore } from 'react';
import { MutationError } from '../../shared/model/errors';
import type { BoardView } from '../../shared/view/boardView';
import type { BoardSession, ConnectionState, PresenceUser } from './session';
import type { UndoState } from './undo';

export interface BoardContextValue {
  session: BoardSession;
  canWrite: boolean;
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
  if (error instanceof MutationError) return error.message;
  return 'That did not work. Please try again.';
}
