import { clusterLabel } from '../../../shared/model/vocabulary';
import { useControl, usePresence } from '../context';
import { Problem, pressable } from './parts';
import { useCommand } from './useAction';

/** Who has said "I'm done", who is still writing, and how many private notes and votes each has. */
export function PeopleStatus() {
  const { people, round } = useControl();
  const presence = usePresence();
  const reset = useCommand();
  // Here now: whoever has presence on the board under their person id. Those away are listed last
  // and left out of the "done" count, so a person who left does not hold the room.
  const here = new Set(presence.map((user) => user.id));
  const everyone = [...people.entries()].sort(([idA, a], [idB, b]) => Number(here.has(idB)) - Number(here.has(idA)) || a.name.localeCompare(b.name));
  const participants = everyone.filter(([id, person]) => person.role === 'participant' && here.has(id));
  const done = participants.filter(([, person]) => person.ready).length;
  const voting = round?.status === 'open';

  if (everyone.length === 0) return <p>Nobody has joined yet.</p>;
  return (
    <>
      <p className="people-summary" aria-live="polite">
        <span className="big-number">{done}</span> of {participants.length} {participants.length === 1 ? 'participant is' : 'participants are'} done
      </p>
      <ul className="people-list">
        {everyone.map(([id, person]) => (
          <li key={id} className={[person.ready && 'is-ready', !here.has(id) && 'is-away'].filter(Boolean).join(' ') || undefined} data-testid={`person-${person.name}`}>
            <span className="person-name">
              {person.name}
              {person.role === 'facilitator' && <span className="person-role"> (facilitator)</span>}
              {!here.has(id) && <span className="person-role"> (not here now)</span>}
            </span>
            <span className="person-cluster">{clusterLabel(person.cluster)}</span>
            <span className="person-facts">
              {person.role === 'participant' && <span className={person.ready ? 'chip chip-done' : 'chip chip-writing'}>{person.ready ? 'Done' : 'Still writing'}</span>}
              {person.privateCount > 0 && (
                <span>
                  {person.privateCount} private {person.privateCount === 1 ? 'note' : 'notes'}
                </span>
              )}
              {(voting || person.votesUsed > 0) && (
                <span>
                  {voting && round
                    ? `${person.votesUsed} of ${round.budget} votes used`
                    : `${person.votesUsed} ${person.votesUsed === 1 ? 'vote' : 'votes'} used`}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" {...pressable(reset.busy, () => reset.send({ type: 'resetReady' }))}>
        Reset I'm done
      </button>
      <Problem text={reset.problem} />
    </>
  );
}
