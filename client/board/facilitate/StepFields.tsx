import { type DimensionId, DIMENSIONS } from '../../../shared/model/vocabulary';
import { STEP_MINUTES_MAX, STEP_TITLE_MAX } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import type { StepDraft } from './stepDraft';
import { VotingFields } from './VotingFields';

/**
 * One step of the run-sheet in the editor. Field ids start with the step's id, so the editor can
 * put focus back on a step's control after moving or adding it.
 */
export function StepFields({
  draft,
  index,
  count,
  invalid,
  onChange,
  onMove,
  onRemove,
}: {
  draft: StepDraft;
  index: number;
  count: number;
  invalid: boolean;
  onChange(draft: StepDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}) {
  const { t } = useT();
  const id = `step-${draft.id}`;
  const number = index + 1;
  const set = (change: Partial<StepDraft>) => onChange({ ...draft, ...change });
  return (
    <fieldset className={invalid ? 'step-fields invalid' : 'step-fields'}>
      <legend>{t('facilitate.step.legend', { number })}</legend>
      <div className="facilitate-field">
        <label htmlFor={`${id}-title`}>{t('facilitate.step.title')}</label>
        <input
          id={`${id}-title`}
          value={draft.title}
          maxLength={STEP_TITLE_MAX}
          aria-invalid={invalid && draft.title.trim() === '' ? true : undefined}
          onChange={(e) => set({ title: e.target.value })}
        />
      </div>
      <div className="field-pair">
        <div className="facilitate-field">
          <label htmlFor={`${id}-minutes`}>{t('facilitate.step.minutes')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            inputMode="decimal"
            min={0}
            max={STEP_MINUTES_MAX}
            step="any"
            value={draft.minutes}
            aria-describedby={`${id}-minutes-hint`}
            onChange={(e) => set({ minutes: e.target.value })}
          />
          <p id={`${id}-minutes-hint`} className="field-hint">
            {t('facilitate.step.minutes.hint')}
          </p>
        </div>
        <div className="facilitate-field">
          <label htmlFor={`${id}-dimension`}>{t('facilitate.step.focus')}</label>
          <select id={`${id}-dimension`} value={draft.dimension} onChange={(e) => set({ dimension: e.target.value as DimensionId | '' })}>
            <option value="">{t('facilitate.step.wholeBoard')}</option>
            {DIMENSIONS.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="facilitate-check">
        <input type="checkbox" checked={draft.privateWriting} onChange={(e) => set({ privateWriting: e.target.checked })} />
        {t('facilitate.step.private')}
      </label>
      <label className="facilitate-check">
        <input type="checkbox" checked={draft.locked} onChange={(e) => set({ locked: e.target.checked })} />
        {t('facilitate.step.lock')}
      </label>
      <label className="facilitate-check">
        <input type="checkbox" checked={draft.votingOn} onChange={(e) => set({ votingOn: e.target.checked })} />
        {t('facilitate.step.vote')}
      </label>
      {draft.votingOn && <VotingFields idPrefix={`${id}-voting`} draft={draft.voting} onChange={(voting) => set({ voting })} />}
      <div className="step-tools">
        <button
          type="button"
          id={`${id}-up`}
          aria-label={t('facilitate.step.up.label', { number })}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          {t('facilitate.step.up')}
        </button>
        <button
          type="button"
          id={`${id}-down`}
          aria-label={t('facilitate.step.down.label', { number })}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          {t('facilitate.step.down')}
        </button>
        <button type="button" className="remove-step" aria-label={t('facilitate.step.remove.label', { number })} onClick={onRemove}>
          {t('facilitate.step.remove')}
        </button>
      </div>
    </fieldset>
  );
}
