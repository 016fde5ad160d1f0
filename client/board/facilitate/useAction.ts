/**
 * One facilitator action in flight: whether it is busy and the server's refusal, to show next to
 * the control that caused it. Every control of the panel goes through here, so errors read alike.
 */
import { useMemo, useState } from 'react';
import type { ControlCommand } from '../../../shared/workshop/commands';
import { ApiError } from '../../api';
import { t } from '../../i18n/current';
import type { Caller } from '../../workshopApi';
import { useBoard } from '../context';

export function problemText(error: unknown): string {
  // ApiError messages are written by the server for people; anything else is a failed fetch.
  if (error instanceof ApiError) return error.message;
  return t('facilitate.unanswered');
}

interface Callbacks<T> {
  onDone?(value: T): void;
  onFail?(): void;
}

export interface Action {
  busy: boolean;
  problem: string | null;
  run<T>(task: () => Promise<T>, callbacks?: Callbacks<T>): void;
  /** Shows a problem found before asking the server (a form's own check). */
  refuse(problem: string): void;
  dismiss(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    busy,
    problem,
    run(task, callbacks) {
      setBusy(true);
      setProblem(null);
      task().then(
        (value) => {
          setBusy(false);
          callbacks?.onDone?.(value);
        },
        (error: unknown) => {
          setBusy(false);
          setProblem(problemText(error));
          callbacks?.onFail?.();
        },
      );
    },
    refuse: setProblem,
    dismiss: () => setProblem(null),
  };
}

/** An action that sends one control command. */
export function useCommand(): Action & { send(command: ControlCommand, callbacks?: Callbacks<void>): void } {
  const { session } = useBoard();
  const action = useAction();
  return { ...action, send: (command, callbacks) => action.run(() => session.commands.control(command), callbacks) };
}

/** Who calls the facilitator endpoints: this board, this link, this person's seat. */
export function useCaller(): Caller {
  const { session } = useBoard();
  const seat = session.identity.seat;
  return useMemo(() => ({ boardId: session.boardId, token: session.token, seat }), [session, seat]);
}
