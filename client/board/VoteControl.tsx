/**
 * A note's votes: this person's (with buttons while a round is open) and the published total. The
 * buttons are no tab stops (NA4): on a focused note + and - vote (notes/noteKeys.ts).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useT } from '../i18n/I18n';
import { useBoard, useNoteVotes } from './context';

export function VoteControl({ noteId, label }: { noteId: string; label: string }) {
  const { session } = useBoard();
  const { t } = useT();
  const workshop = session.workshop;
  const { mine, total } = useNoteVotes(noteId);
  const open = useSyncExternalStore(workshop.subscribe, () => workshop.votingOpen);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!problem) return;
    const timer = setTimeout(() => setProblem(null), 5000);
    return () => clearTimeout(timer);
  }, [problem]);

  if (!open && !total) return null;

  const vote = (change: 1 | -1) => {
    setBusy(true);
    session.commands
      .vote(noteId, change)
      .then(() => setProblem(null))
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : t('board.vote.failed')))
      .finally(() => setBusy(false));
  };

  return (
    <span className="note-votes">
      {total !== null && total > 0 && (
        <span className="vote-total" data-testid="vote-total" title={t('board.votes.total', { count: total })}>
          {t('board.votes', { count: total })}
        </span>
      )}
      {open && (
        <span className="vote-buttons" role="group" aria-label={t('board.vote.own', { note: label })}>
          <button
            type="button"
            className="vote-less"
            tabIndex={-1}
            disabled={busy || mine === 0}
            onClick={() => vote(-1)}
            aria-label={t('board.vote.less', { note: label })}
          >
            −
          </button>
          <span className="vote-mine" data-testid="my-votes" aria-live="polite">
            {'●'.repeat(Math.min(mine, 9))}
            <span className="visually-hidden">{t('board.vote.mine', { count: mine })}</span>
          </span>
          <button
            type="button"
            className="vote-more"
            tabIndex={-1}
            disabled={busy}
            onClick={() => vote(1)}
            aria-label={t('board.vote.more', { note: label })}
          >
            +
          </button>
        </span>
      )}
      {problem && (
        <span className="vote-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
