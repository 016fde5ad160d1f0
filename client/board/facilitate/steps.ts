/** The standard run-sheet, and what a step does when it starts, in words a facilitator reads aloud. */
import { newId } from '../../../shared/model/ids';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import { DEFAULT_VOTING, type Step } from '../../../shared/workshop/control';
import { t } from '../../i18n/current';
import { describeVoting } from './votingDraft';

function step(title: string, minutes: number, settings: Partial<Pick<Step, 'privateWriting' | 'voting' | 'locked'>> = {}): Step {
  return { id: newId(12), title, minutes, dimension: null, privateWriting: false, voting: null, locked: false, ...settings };
}

/**
 * Brainstorm in private, cluster, vote, discuss: the shape of the seed report's workshops. The
 * titles are written into the board in the facilitator's language when the run-sheet is chosen.
 */
export function standardRunSheet(): Step[] {
  return [
    step(t('facilitate.standard.writing'), 8, { privateWriting: true }),
    step(t('facilitate.standard.cluster'), 10),
    step(t('facilitate.standard.vote'), 5, { voting: { ...DEFAULT_VOTING, budget: 5, maxPerNote: 3, hideResults: true }, locked: true }),
    step(t('facilitate.standard.discuss'), 15, { locked: true }),
  ];
}

/** One line for the run-sheet list: "8 minutes · Cluster strategy · private writing". */
export function stepSummary(step: Step): string {
  const parts = [step.minutes > 0 ? t('facilitate.step.summary.minutes', { minutes: step.minutes }) : t('facilitate.step.summary.noTimer')];
  if (step.dimension) parts.push(dimensionLabel(step.dimension));
  if (step.privateWriting) parts.push(t('facilitate.step.summary.private'));
  if (step.voting) parts.push(t('facilitate.step.summary.voting'));
  if (step.locked) parts.push(t('facilitate.step.summary.locked'));
  return parts.join(' · ');
}

/** Everything starting `step` changes, as the server applies it (server/workshop/workshop.ts). */
export function stepEffects(step: Step): string[] {
  return [
    t('facilitate.effect.snapshot'),
    step.minutes > 0 ? t('facilitate.effect.timer', { minutes: step.minutes }) : t('facilitate.effect.clearTimer'),
    step.dimension ? t('facilitate.effect.bring', { dimension: dimensionLabel(step.dimension) }) : t('facilitate.effect.wholeBoard'),
    t(step.privateWriting ? 'facilitate.effect.privateOn' : 'facilitate.effect.privateOff'),
    step.voting ? t('facilitate.effect.votingOn', { rules: describeVoting(step.voting) }) : t('facilitate.effect.votingOff'),
    t(step.locked ? 'facilitate.effect.lock' : 'facilitate.effect.unlock'),
    t('facilitate.effect.resetDone'),
  ];
}
