/** A run-sheet step as edited in a form, and the check that turns the drafts into steps. */
import { newId } from '../../../shared/model/ids';
import type { DimensionId } from '../../../shared/model/vocabulary';
import { DEFAULT_VOTING, type Step, STEP_MINUTES_MAX, STEP_TITLE_MAX } from '../../../shared/workshop/control';
import { t } from '../../i18n/current';
import { type Checked, readVotingDraft, type VotingDraft, votingDraft } from './votingDraft';

export interface StepDraft {
  id: string;
  title: string;
  minutes: string;
  /** '' for the whole board. */
  dimension: DimensionId | '';
  privateWriting: boolean;
  /** The voting settings are kept while voting is switched off, so switching back loses nothing. */
  votingOn: boolean;
  voting: VotingDraft;
  locked: boolean;
}

export function stepDraft(step: Step): StepDraft {
  return {
    id: step.id,
    title: step.title,
    minutes: String(step.minutes),
    dimension: step.dimension ?? '',
    privateWriting: step.privateWriting,
    votingOn: step.voting !== null,
    voting: votingDraft(step.voting ?? DEFAULT_VOTING),
    locked: step.locked,
  };
}

export function newStepDraft(): StepDraft {
  return stepDraft({ id: newId(12), title: '', minutes: 5, dimension: null, privateWriting: false, voting: null, locked: false });
}

function readStep(draft: StepDraft, number: number): Checked<Step> {
  const title = draft.title.trim();
  if (title === '') return { ok: false, problem: t('facilitate.step.invalid.title', { number }) };
  if (title.length > STEP_TITLE_MAX) return { ok: false, problem: t('facilitate.step.invalid.titleLength', { number, max: STEP_TITLE_MAX }) };
  const minutes = Number(draft.minutes.trim());
  if (draft.minutes.trim() === '' || !Number.isFinite(minutes) || minutes < 0 || minutes > STEP_MINUTES_MAX) {
    return { ok: false, problem: t('facilitate.step.invalid.minutes', { number, max: STEP_MINUTES_MAX }) };
  }
  let voting = null;
  if (draft.votingOn) {
    const checked = readVotingDraft(draft.voting);
    if (!checked.ok) return { ok: false, problem: t('facilitate.step.invalid.voting', { number, problem: checked.problem }) };
    voting = checked.value;
  }
  return {
    ok: true,
    value: {
      id: draft.id,
      title,
      minutes,
      dimension: draft.dimension === '' ? null : draft.dimension,
      privateWriting: draft.privateWriting,
      voting,
      locked: draft.locked,
    },
  };
}

/** The steps, or the first problem and the step it is in. */
export function readStepDrafts(drafts: readonly StepDraft[]): Checked<Step[]> & { stepId?: string } {
  const steps: Step[] = [];
  for (const [index, draft] of drafts.entries()) {
    const checked = readStep(draft, index + 1);
    if (!checked.ok) return { ...checked, stepId: draft.id };
    steps.push(checked.value);
  }
  return { ok: true, value: steps };
}
