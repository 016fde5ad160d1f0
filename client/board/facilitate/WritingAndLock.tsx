import { useState } from 'react';
import { type DimensionId, DIMENSIONS } from '../../../shared/model/vocabulary';
import type { LockState } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import { useControl } from '../context';
import { Notice, pressable, Problem, Toggle } from './parts';
import { useCommand } from './useAction';
import { usePending } from './usePending';

const lockKey = (lock: LockState) => JSON.stringify({ board: lock.board, dimensions: [...lock.dimensions].sort() });

/** Private writing, revealing everyone's private notes, and locking the board or single dimensions. */
export function WritingAndLock() {
  return (
    <>
      <PrivateWriting />
      <Locks />
    </>
  );
}

function PrivateWriting() {
  const { t } = useT();
  const { privateWriting, people } = useControl();
  const toggle = useCommand();
  const reveal = useCommand();
  const pending = usePending(privateWriting);
  const [revealed, setRevealed] = useState<string | null>(null);
  const waiting = [...people.values()].reduce((sum, person) => sum + person.privateCount, 0);

  return (
    <div className="facilitate-group">
      <Toggle
        label={t('facilitate.writing.private')}
        checked={pending.shown}
        hint={t('facilitate.writing.private.hint')}
        onChange={(on) => {
          if (toggle.busy) return;
          pending.choose(on);
          toggle.send({ type: 'privateWriting', on }, { onFail: pending.forget });
        }}
      />
      <Problem text={toggle.problem} />
      <p className="private-count">{waiting === 0 ? t('facilitate.writing.waiting.none') : t('facilitate.writing.waiting', { count: waiting })}</p>
      <button
        type="button"
        {...pressable(reveal.busy, () => {
          setRevealed(null);
          reveal.send({ type: 'revealAll' }, { onDone: () => setRevealed(t('facilitate.writing.revealed')) });
        })}
      >
        {t('facilitate.writing.reveal')}
      </button>
      <Problem text={reveal.problem} />
      <Notice text={revealed} />
    </div>
  );
}

function Locks() {
  const { t } = useT();
  const { lock } = useControl();
  const command = useCommand();
  const pending = usePending(lock, lockKey);
  const shown = pending.shown;

  const send = (next: LockState) => {
    if (command.busy) return;
    pending.choose(next);
    command.send({ type: 'lock', lock: next }, { onFail: pending.forget });
  };
  const setDimension = (id: DimensionId, locked: boolean) => {
    const others = shown.dimensions.filter((d) => d !== id);
    send({ ...shown, dimensions: locked ? [...others, id] : others });
  };

  return (
    <div className="facilitate-group">
      <Toggle
        label={t('facilitate.lock.board')}
        checked={shown.board}
        hint={t('facilitate.lock.board.hint')}
        onChange={(board) => send({ ...shown, board })}
      />
      <fieldset className="dimension-locks">
        <legend>{t('facilitate.lock.dimensions')}</legend>
        {shown.board && <p className="field-hint">{t('facilitate.lock.dimensions.all')}</p>}
        {DIMENSIONS.map((dimension) => (
          <label key={dimension.id} className="facilitate-check">
            <input type="checkbox" checked={shown.dimensions.includes(dimension.id)} onChange={(e) => setDimension(dimension.id, e.target.checked)} />
            {t('facilitate.lock.dimension', { dimension: dimension.label })}
          </label>
        ))}
      </fieldset>
      <Problem text={command.problem} />
    </div>
  );
}
