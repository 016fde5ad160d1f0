/** A voting configuration as typed into a form (numbers as text), and its check before sending. */
import { VOTE_BUDGET_MAX, type VotingConfig } from '../../../shared/workshop/control';
import { t } from '../../i18n/current';

export interface VotingDraft {
  budget: string;
  maxPerNote: string;
  /** Empty for no cap. */
  clusterCap: string;
  hideResults: boolean;
}

export const CLUSTER_CAP_MAX = 999;

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export function votingDraft(config: VotingConfig): VotingDraft {
  return {
    budget: String(config.budget),
    maxPerNote: String(config.maxPerNote),
    clusterCap: config.clusterCap === null ? '' : String(config.clusterCap),
    hideResults: config.hideResults,
  };
}

/** A whole number typed into a field, or null when it is not one between min and max. */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

export function readVotingDraft(draft: VotingDraft): Checked<VotingConfig> {
  const budget = wholeNumber(draft.budget, 1, VOTE_BUDGET_MAX);
  if (budget === null) return { ok: false, problem: t('facilitate.voting.invalid.budget', { max: VOTE_BUDGET_MAX }) };
  const maxPerNote = wholeNumber(draft.maxPerNote, 1, VOTE_BUDGET_MAX);
  if (maxPerNote === null) return { ok: false, problem: t('facilitate.voting.invalid.maxPerNote', { max: VOTE_BUDGET_MAX }) };
  if (maxPerNote > budget) return { ok: false, problem: t('facilitate.voting.invalid.maxOverBudget') };
  let clusterCap: number | null = null;
  if (draft.clusterCap.trim() !== '') {
    clusterCap = wholeNumber(draft.clusterCap, 1, CLUSTER_CAP_MAX);
    if (clusterCap === null) return { ok: false, problem: t('facilitate.voting.invalid.clusterCap', { max: CLUSTER_CAP_MAX }) };
  }
  return { ok: true, value: { budget, maxPerNote, clusterCap, hideResults: draft.hideResults } };
}

/** "5 votes each, at most 3 on one note, results hidden until voting closes". */
export function describeVoting(config: VotingConfig): string {
  const parts = [t('facilitate.voting.rules.budget', { count: config.budget }), t('facilitate.voting.rules.perNote', { count: config.maxPerNote })];
  if (config.clusterCap !== null) parts.push(t('facilitate.voting.rules.cap', { count: config.clusterCap }));
  parts.push(t(config.hideResults ? 'facilitate.voting.rules.hidden' : 'facilitate.voting.rules.live'));
  return parts.join(', ');
}
