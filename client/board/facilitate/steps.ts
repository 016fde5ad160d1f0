/** The standard run-sheet, and what a step does when it starts, in words a facilitator reads aloud. */
import { newId } from '../../../shared/model/ids';
import { dimensionLabel } from '../../../shared/model/vocabulary';
import { DEFAULT_VOTING, type Step } from '../../../shared/workshop/control';
import { describeVoting } from './votingDraft';

function step(title: string, minutes: number, settings: Partial<Pick<Step, 'privateWriting' | 'voting' | 'locked'>> = {}): Step {
  return { id: newId(12), title, minutes, dimension: null, privateWriting: false, voting: null, locked: false, ...settings };
}

/** Brainstorm in private, cluster, vote, discuss: the shape of the seed report's workshops. */
export function standardRunSheet(): Step[] {
  return [
    step('Silent writing', 8, { privateWriting: true }),
    step('Cluster into themes', 10),
    step('Vote', 5, { voting: { ...DEFAULT_VOTING, budget: 5, maxPerNote: 3, hideResults: true }, locked: true }),
    step('Discuss', 15, { locked: true }),
  ];
}

export function minutesText(minutes: number): string {
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** One line for the run-sheet list: "8 minutes · Cluster strategy · private writing". */
export function stepSummary(step: Step): string {
  const parts = [step.minutes > 0 ? minutesText(step.minutes) : 'no timer'];
  if (step.dimension) parts.push(dimensionLabel(step.dimension));
  if (step.privateWriting) parts.push('private writing');
  if (step.voting) parts.push('voting');
  if (step.locked) parts.push('board locked');
  return parts.join(' · ');
}

/** Everything starting `step` changes, as the server applies it (server/workshop/workshop.ts). */
export function stepEffects(step: Step): string[] {
  return [
    'Takes a snapshot of the board first.',
    step.minutes > 0 ? `Starts a timer for ${minutesText(step.minutes)}.` : 'Clears the timer.',
    step.dimension ? `Brings everyone to ${dimensionLabel(step.dimension)}.` : 'Keeps the whole board in view.',
    step.privateWriting ? 'Turns private writing on: new notes stay private until revealed.' : 'Private writing is off.',
    step.voting ? `Opens voting: ${describeVoting(step.voting)}.` : 'Closes voting if it is open.',
    step.locked ? 'Locks the board: participants cannot change notes.' : 'The board is open for everyone to edit.',
    "Clears everyone's “I'm done”.",
  ];
}
