import { VOTE_BUDGET_MAX } from '../../../shared/workshop/control';
import { CLUSTER_CAP_MAX, type VotingDraft } from './votingDraft';

/** The settings of a voting round, for opening one now or for a run-sheet step. */
export function VotingFields({ idPrefix, draft, onChange }: { idPrefix: string; draft: VotingDraft; onChange(draft: VotingDraft): void }) {
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
        {field('budget', 'Votes per person', VOTE_BUDGET_MAX)}
        {field('maxPerNote', 'Most votes on one note', VOTE_BUDGET_MAX)}
      </div>
      {field('clusterCap', 'Cluster cap', CLUSTER_CAP_MAX, "Most votes one cluster's people together may put on one note. Leave empty for no cap.")}
      <label className="facilitate-check">
        <input type="checkbox" checked={draft.hideResults} onChange={(e) => onChange({ ...draft, hideResults: e.target.checked })} />
        Hide results until voting closes
      </label>
    </div>
  );
}
