import { VOTE_BUDGET_MAX } from '../../../shared/workshop/control';
import { useT } from '../../i18n/I18n';
import { CLUSTER_CAP_MAX, type VotingDraft } from './votingDraft';

/** The settings of a voting round, for opening one now or for a run-sheet step. */
export function VotingFields({ idPrefix, draft, onChange }: { idPrefix: string; draft: VotingDraft; onChange(draft: VotingDraft): void }) {
  const { t } = useT();
  const field = (name: 'budget' | 'maxPerNote' | 'clusterCap', label: string, max: number, hint?: string) => {
    const id = `${idPrefix}-${name}`;
    return (
      <div className="facilitate-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          step={1}
          value={draft[name]}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange({ ...draft, [name]: e.target.value })}
        />
        {hint && (
          <p id={`${id}-hint`} className="field-hint">
            {hint}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="voting-fields">
      <div className="field-pair">
        {field('budget', t('facilitate.voting.budget'), VOTE_BUDGET_MAX)}
        {field('maxPerNote', t('facilitate.voting.maxPerNote'), VOTE_BUDGET_MAX)}
      </div>
      {field('clusterCap', t('facilitate.voting.clusterCap'), CLUSTER_CAP_MAX, t('facilitate.voting.clusterCap.hint'))}
      <label className="facilitate-check">
        <input type="checkbox" checked={draft.hideResults} onChange={(e) => onChange({ ...draft, hideResults: e.target.checked })} />
        {t('facilitate.voting.hideResults')}
      </label>
    </div>
  );
}
