import { useMemo, useRef } from 'react';
import { useT } from '../../i18n/I18n';
import { richText } from '../../ui/rich';
import { useBoardView, useControl, usePresence } from '../context';
import { MergeClusters } from './MergeClusters';
import { pressable, Problem } from './parts';
import { usePeopleVotes } from './peopleVotes';
import { PersonRow } from './PersonRow';
import { useCommand } from './useAction';

/**
 * The people of the board (SPEC SE4, SE5): who has said "I'm done", each person's cluster, notes,
 * private notes and votes, removing a person and merging made-up cluster names.
 */
export function PeopleStatus() {
  const translator = useT();
  const { t } = translator;
  const { people, round } = useControl();
  const presence = usePresence();
  const view = useBoardView();
  const votes = usePeopleVotes();
  const reset = useCommand();
  const summary = useRef<HTMLParagraphElement>(null);
  // Here now: whoever has presence on the board under their person id. Those away are listed last
  // and left out of the "done" count, so a person who left does not hold the room.
  const here = new Set(presence.map((user) => user.id));
  const everyone = [...people.entries()].sort(([idA, a], [idB, b]) => Number(here.has(idB)) - Number(here.has(idA)) || a.name.localeCompare(b.name));
  const participants = everyone.filter(([id, person]) => person.role === 'participant' && here.has(id));
  const done = participants.filter(([, person]) => person.ready).length;
  const notesBy = useMemo(() => {
    const counts = new Map<string, number>();
    for (const note of view.notesById.values()) counts.set(note.authorId, (counts.get(note.authorId) ?? 0) + 1);
    return counts;
  }, [view]);

  if (everyone.length === 0) return <p>{t('facilitate.people.none')}</p>;
  return (
    <>
      <p className="people-summary" aria-live="polite" tabIndex={-1} ref={summary}>
        {richText(translator, 'facilitate.people.done', {
          done,
          total: participants.length,
          num: (chunks) => <span className="big-number">{chunks}</span>,
        })}
        <span className="field-hint"> · {t('facilitate.people.joined', { count: everyone.length })}</span>
      </p>
      <ul className="people-list">
        {everyone.map(([id, person]) => (
          <PersonRow
            key={id}
            id={id}
            person={person}
            here={here.has(id)}
            notes={notesBy.get(id) ?? 0}
            votesUsed={votes.get(id) ?? 0}
            round={round}
            onRemoved={() => summary.current?.focus()}
          />
        ))}
      </ul>
      <button type="button" {...pressable(reset.busy, () => reset.send({ type: 'resetReady' }))}>
        {t('facilitate.people.reset')}
      </button>
      <Problem text={reset.problem} />
      <MergeClusters people={people} />
    </>
  );
}
