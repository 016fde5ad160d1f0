/**
 * Below the phone's Write form: the board's notes newest first (everyone's, or only mine), each
 * with where it sits and, while voting is open, its vote buttons and the votes left.
 */
import { useMemo, useState } from 'react';
import { kindKey } from '../../../shared/i18n/catalogue';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import type { NoteView } from '../../../shared/view/boardView';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView, useControl, useMyVotes } from '../context';
import { quote } from '../quote';
import { VoteControl } from '../VoteControl';

/** How many notes are shown at first, and added by "Show more": a phone lists a big board in steps. */
const PAGE = 20;

function VotesLeft() {
  const { t } = useT();
  const { session } = useBoard();
  const { round } = useControl();
  const votes = useMyVotes();
  if (!round || round.status !== 'open' || !session.workshop.votingOpen) return null;
  const left = Math.max(0, round.budget - votes.used);
  return (
    <p className="phone-votes-left" data-testid="phone-votes-left" aria-live="polite">
      {t('room.voting.left', { left, budget: round.budget })}
    </p>
  );
}

function PhoneNote({ note }: { note: NoteView }) {
  const { t } = useT();
  return (
    <li className={`phone-note colour-${note.colour}`}>
      <span className="phone-note-place">
        {dimensionLabel(note.dimension)} · {t(kindKey(note.kind))}
      </span>
      <p className="phone-note-text">{note.text}</p>
      <div className="phone-note-footer">
        <span className="phone-note-author">
          {note.byline} · {note.clusterLabel}
        </span>
        <VoteControl noteId={note.id} label={quote(note.text)} />
      </div>
    </li>
  );
}

export function RecentNotes() {
  const { t } = useT();
  const { session } = useBoard();
  const view = useBoardView();
  const [whose, setWhose] = useState<'everyone' | 'mine'>('everyone');
  const [limit, setLimit] = useState(PAGE);
  const me = session.author().id;
  const notes = useMemo(
    () => [...view.notesById.values()].filter((note) => whose === 'everyone' || note.authorId === me).sort((a, b) => b.createdAt - a.createdAt),
    [view, whose, me],
  );
  const choose = (next: typeof whose) => {
    setWhose(next);
    setLimit(PAGE);
  };

  return (
    <section className="phone-recent" aria-labelledby="phone-recent-heading">
      <div className="phone-recent-head">
        <h2 id="phone-recent-heading">{whose === 'mine' ? t('room.phone.recent.mine') : t('room.phone.recent')}</h2>
        <div className="phone-segments" role="group" aria-label={t('room.phone.whose')}>
          <button type="button" aria-pressed={whose === 'everyone'} onClick={() => choose('everyone')}>
            {t('room.phone.whose.everyone')}
          </button>
          <button type="button" aria-pressed={whose === 'mine'} onClick={() => choose('mine')}>
            {t('room.phone.whose.mine')}
          </button>
        </div>
      </div>
      <VotesLeft />
      {notes.length === 0 ? (
        <p className="phone-empty">{whose === 'mine' ? t('room.phone.empty.mine') : t('room.notes.none')}</p>
      ) : (
        <ol className="phone-notes" aria-labelledby="phone-recent-heading">
          {notes.slice(0, limit).map((note) => (
            <PhoneNote key={note.id} note={note} />
          ))}
        </ol>
      )}
      {notes.length > limit && (
        <button type="button" className="phone-more" onClick={() => setLimit((n) => n + PAGE)}>
          {t('room.phone.more')}
        </button>
      )}
    </section>
  );
}
