import { useState } from 'react';
import { DEFAULT_VOTING } from '../../../shared/workshop/control';
import { useControl } from '../context';
import { pressable, Problem } from './parts';
import { usePeopleVotes } from './peopleVotes';
import { useCommand } from './useAction';
import { useFocusAfterSwitch } from './useFocusAfterSwitch';
import { describeVoting, readVotingDraft, votingDraft } from './votingDraft';
import { VotingFields } from './VotingFields';

function votesCast(used: ReadonlyMap<string, number>): { votes: number; voters: number } {
  let votes = 0;
  let voters = 0;
  for (const count of used.values()) {
    votes += count;
    if (count > 0) voters++;
  }
  return { votes, voters };
}

const castText = (votes: number) => `${votes} ${votes === 1 ? 'vote' : 'votes'} cast`;

/** Open a voting round with its rules, watch the votes come in, close it to publish the results. */
export function VotingControls() {
  const { round } = useControl();
  const open = round?.status === 'open';
  const expect = useFocusAfterSwitch(open ? 'open' : 'closed');
  return open ? <OpenRound onClosing={() => expect(OPEN_ID)} /> : <NewRound onOpening={() => expect(CLOSE_ID)} />;
}

const OPEN_ID = 'facilitate-open-voting';
const CLOSE_ID = 'facilitate-close-voting';

function OpenRound({ onClosing }: { onClosing(): void }) {
  const { round, people } = useControl();
  const close = useCommand();
  const { votes, voters } = votesCast(usePeopleVotes());
  if (!round) return null;
  const possible = round.budget * people.size;
  return (
    <div className="facilitate-group">
      <p className="round-status">
        <strong>{round.title}</strong> is open: {describeVoting(round)}.
      </p>
      <p className="votes-cast" aria-live="polite">
        <span className="big-number">{votes}</span> {votes === 1 ? 'vote' : 'votes'} cast by {voters} of {people.size}{' '}
        {people.size === 1 ? 'person' : 'people'}
        {possible > 0 && ` (${possible} possible)`}
      </p>
      <button
        type="button"
        id={CLOSE_ID}
        className="primary"
        {...pressable(close.busy, () => {
          onClosing();
          close.send({ type: 'closeVoting' });
        })}
      >
        Close voting
      </button>
      <Problem text={close.problem} />
    </div>
  );
}

function NewRound({ onOpening }: { onOpening(): void }) {
  const { round } = useControl();
  const used = usePeopleVotes();
  const open = useCommand();
  const [draft, setDraft] = useState(() => votingDraft(round ?? DEFAULT_VOTING));
  const [title, setTitle] = useState('');

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (open.busy) return;
    const checked = readVotingDraft(draft);
    if (!checked.ok) {
      open.refuse(checked.problem);
      return;
    }
    const name = title.trim();
    onOpening();
    open.send({ type: 'openVoting', config: checked.value, ...(name ? { title: name } : {}) }, { onDone: () => setTitle('') });
  };

  return (
    <form className="facilitate-group" onSubmit={submit} noValidate>
      {round && (
        <p className="round-status">
          <strong>{round.title}</strong> closed with {castText(votesCast(used).votes)}; the totals are shown on the notes.
        </p>
      )}
      <div className="facilitate-field">
        <label htmlFor="facilitate-round-title">Round name</label>
        <input
          id="facilitate-round-title"
          value={title}
          maxLength={80}
          aria-describedby="facilitate-round-title-hint"
          onChange={(e) => setTitle(e.target.value)}
        />
        <p id="facilitate-round-title-hint" className="field-hint">
          Optional. Shown to everyone; “Vote” when left empty.
        </p>
      </div>
      <VotingFields idPrefix="facilitate-round" draft={draft} onChange={setDraft} />
      <button type="submit" id={OPEN_ID} className="primary">
        Open voting
      </button>
      <Problem text={open.problem} />
    </form>
  );
}
