import { useEffect, useRef, useState } from 'react';
import { clusterLabel } from '../../../shared/model/vocabulary';
import type { PersonStatus, Round } from '../../../shared/workshop/control';
import { currentAttributionWords } from '../../i18n/current';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { pressable, Problem } from './parts';
import { useCommand } from './useAction';

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
  const { t } = useT();
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
        {person.role === 'facilitator' && <span className="person-role"> {t('facilitate.person.facilitator')}</span>}
        {isMe && <span className="person-role"> {t('facilitate.person.you')}</span>}
        {!here && <span className="person-role"> {t('facilitate.person.away')}</span>}
      </span>
      <span className="person-cluster">{clusterLabel(person.cluster, currentAttributionWords())}</span>
      <span className="person-facts">
        {person.role === 'participant' && (
          <span className={person.ready ? 'chip chip-done' : 'chip chip-writing'}>
            {t(person.ready ? 'facilitate.person.done' : 'facilitate.person.writing')}
          </span>
        )}
        <span>{t('facilitate.person.notes', { count: notes })}</span>
        {person.privateCount > 0 && <span>{t('facilitate.person.private', { count: person.privateCount })}</span>}
        {(voting || votesUsed > 0) && (
          <span>
            {voting && round
              ? t('facilitate.person.votes.round', { used: votesUsed, budget: round.budget })
              : t('facilitate.person.votes.used', { count: votesUsed })}
          </span>
        )}
      </span>
      {!isMe && !confirming && (
        <button
          type="button"
          className="person-remove"
          ref={removeButton}
          aria-label={t('facilitate.person.remove.label', { name: person.name })}
          onClick={() => setConfirming(true)}
        >
          {t('facilitate.person.remove')}
        </button>
      )}
      {confirming && (
        <div
          className="person-confirm"
          role="group"
          aria-label={t('facilitate.person.confirm.label', { name: person.name })}
          onKeyDown={(event) => event.key === 'Escape' && cancel()}
        >
          <p>{t(voting ? 'facilitate.person.confirm.voting' : 'facilitate.person.confirm', { name: person.name })}</p>
          <div className="facilitate-actions">
            <button
              type="button"
              className="danger"
              ref={confirmButton}
              {...pressable(remove.busy, () => remove.send({ type: 'removePerson', personId: id }, { onDone: onRemoved }))}
            >
              {t('facilitate.person.remove.label', { name: person.name })}
            </button>
            <button type="button" onClick={cancel}>
              {t('facilitate.person.keep')}
            </button>
          </div>
          <Problem text={remove.problem} />
        </div>
      )}
    </li>
  );
}
