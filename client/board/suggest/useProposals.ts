/**
 * Proposals asked of the worker for what the panel shows, asked again (after a pause) whenever
 * the board changes, so an accepted theme or link, a dismissal, or a colleague's new note is
 * reflected. Answers to an older question are dropped.
 */
import { useEffect, useRef, useState } from 'react';
import type { BoardView } from '../../../shared/view/boardView';
import { useBoard, useBoardView } from '../context';
import type { SuggestClient } from './client';
import { useSuggestClient } from './useSuggest';

const REASK_MS = 250;

export type Proposals<T> = { status: 'loading' } | { status: 'ready'; items: T[] } | { status: 'failed' };

/** `key` names what is asked (a cell, a tab): a new key shows "looking" until its first answer. */
export function useProposals<T>(ask: (client: SuggestClient, view: BoardView) => Promise<T[]>, key: string): Proposals<T> {
  const { session } = useBoard();
  const client = useSuggestClient(session);
  const view = useBoardView();
  const [state, setState] = useState<{ key: string; proposals: Proposals<T> }>({ key, proposals: { status: 'loading' } });
  const asked = useRef(0);
  const askRef = useRef(ask);
  useEffect(() => {
    askRef.current = ask;
  });
  // One question in flight at a time: on a big board the worker may take seconds, and a question
  // per board change would queue behind it. A change meanwhile asks once more when it answers.
  const flight = useRef<{ busy: boolean; again: (() => void) | null }>({ busy: false, again: null });

  useEffect(() => {
    const question = ++asked.current;
    const send = () => {
      if (flight.current.busy) {
        flight.current.again = send;
        return;
      }
      flight.current.busy = true;
      askRef
        .current(client, view)
        .then((items) => question === asked.current && setState({ key, proposals: { status: 'ready', items } }))
        .catch(() => question === asked.current && setState({ key, proposals: { status: 'failed' } }))
        .finally(() => {
          flight.current.busy = false;
          const again = flight.current.again;
          flight.current.again = null;
          again?.();
        });
    };
    const timer = setTimeout(send, REASK_MS);
    return () => clearTimeout(timer);
  }, [client, view, key]);
  return state.key === key ? state.proposals : { status: 'loading' };
}
