import { useState } from 'react';
import { DEFAULT_VOTING } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import { richText } from '../../ui/rich';
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
  const translator = useT();
  const { t } = translator;
  const { round, people } = useControl();
  const close = useCommand();
  const { votes, voters } = votesCast(usePeopleVotes());
  if (!round) return null;
  const possible = round.budget * people.size;
  return (
    <div className="facilitate-group">
      <p className="round-status">
        {richText(translator, 'facilitate.voting.openStatus', {
          title: round.title,
          rules: describeVoting(round),
          b: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <p className="votes-cast" aria-live="polite">
        {richText(translator, 'facilitate.voting.cast', {
          votes,
          voters,
          people: people.size,
          num: (chunks) => <span className="big-number">{chunks}</span>,
        })}
        {possible > 0 && ` ${t('facilitate.voting.possible', { possible })}`}
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
        {t('facilitate.voting.close')}
      </button>
      <Problem text={close.problem} />
    </div>
  );
}

function NewRound({ onOpening }: { onOpening(): void }) {
  const translator = useT();
  const { t } = translator;
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
    // Left empty, the round is named in the facilitator's language (the server's own default is English).
    const name = title.trim() || t('facilitate.standard.vote');
    onOpening();
    open.send({ type: 'openVoting', config: checked.value, title: name }, { onDone: () => setTitle('') });
  };

  return (
    <form className="facilitate-group" onSubmit={submit} noValidate>
      {round && (
        <p className="round-status">
          {richText(translator, 'facilitate.voting.closed', {
            title: round.title,
            votes: votesCast(used).votes,
            b: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      )}
      <div className="facilitate-field">
        <label htmlFor="facilitate-round-title">{t('facilitate.voting.roundName')}</label>
        <input
          id="facilitate-round-title"
          value={title}
          maxLength={80}
          aria-describedby="facilitate-round-title-hint"
          onChange={(e) => setTitle(e.target.value)}
        />
        <p id="facilitate-round-title-hint" className="field-hint">
          {t('facilitate.voting.roundName.hint')}
        </p>
      </div>
      <VotingFields idPrefix="facilitate-round" draft={draft} onChange={setDraft} />
      <button type="submit" id={OPEN_ID} className="primary">
        {t('facilitate.voting.open')}
      </button>
      <Problem text={open.problem} />
    </form>
  );
}
