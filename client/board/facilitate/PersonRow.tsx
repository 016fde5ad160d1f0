import { useEffect, useRef, useState } from 'react';
import { clusterLabel } from '../../../shared/model/vocabulary';
import type { PersonStatus, Round } from '../../../shared/workshop/control';
import { useBoard } from '../context';
import { pressable, Problem } from './parts';
import { useCommand } from './useAction';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One person in the People panel, with "Remove" (asked twice: it cannot be undone). */
export function PersonRow({
  id,
  person,
  here,
  notes,
  votesUsed,
  round,
  onRemoved,
}: {
  id: string;
  person: PersonStatus;
  here: boolean;
  notes: number;
  votesUsed: number;
  round: Round | null;
  onRemoved(): void;
}) {
  const { session } = useBoard();
  const remove = useCommand();
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const voting = round?.status === 'open';
  // The seat's person is who this browser is on the board (an identity from before seats may carry another id).
  const isMe = session.author().id === id;

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    // After the confirmation closes, the keyboard is back on the button that opened it.
    requestAnimationFrame(() => removeButton.current?.focus());
  };

  return (
    <li className={[person.ready && 'is-ready', !here && 'is-away'].filter(Boolean).join(' ') || undefined} data-testid={`person-${person.name}`}>
      <span className="person-name">
        {person.name}
        {person.role === 'facilitator' && <span className="person-role"> (facilitator)</span>}
        {isMe && <span className="person-role"> (you)</span>}
        {!here && <span className="person-role"> (not here now)</span>}
      </span>
      <span className="person-cluster">{clusterLabel(person.cluster)}</span>
      <span className="person-facts">
        {person.role === 'participant' && (
          <span className={person.ready ? 'chip chip-done' : 'chip chip-writing'}>{person.ready ? 'Done' : 'Still writing'}</span>
        )}
        <span>{plural(notes, 'note', 'notes')}</span>
        {person.privateCount > 0 && <span>{plural(person.privateCount, 'private note', 'private notes')}</span>}
        {(voting || votesUsed > 0) && (
          <span>{voting && round ? `${votesUsed} of ${round.budget} votes used` : `${plural(votesUsed, 'vote', 'votes')} used`}</span>
        )}
      </span>
      {!isMe && !confirming && (
        <button type="button" className="person-remove" ref={removeButton} aria-label={`Remove ${person.name}`} onClick={() => setConfirming(true)}>
          Remove
        </button>
      )}
      {confirming && (
        <div className="person-confirm" role="group" aria-label={`Remove ${person.name}?`} onKeyDown={(event) => event.key === 'Escape' && cancel()}>
          <p>
            Remove {person.name}? Their seat stops working{voting ? ' and their votes in this round are withdrawn' : ''}; their notes stay on the
            board.
          </p>
          <div className="facilitate-actions">
            <button
              type="button"
              className="danger"
              ref={confirmButton}
              {...pressable(remove.busy, () => remove.send({ type: 'removePerson', personId: id }, { onDone: onRemoved }))}
            >
              Remove {person.name}
            </button>
            <button type="button" onClick={cancel}>
              Keep
            </button>
          </div>
          <Problem text={remove.problem} />
        </div>
      )}
    </li>
  );
}
