/**
 * How the workshop was run, for the report's methodology: the run-sheet's steps that were started
 * (private writing, voting, a locked board) and the rules of the voting round as it ran. Read from
 * the control document (shared/workshop/control.ts), which only the server writes.
 */
import type { ControlState, VotingConfig } from '../workshop/control';

export interface RunStep {
  title: string;
  minutes: number;
  privateWriting: boolean;
  voting: boolean;
  locked: boolean;
}

export interface WorkshopRun {
  /** The run-sheet's steps up to the current one, in order: the steps as run. */
  steps: RunStep[];
  /** The rules of the latest voting round (the one whose totals the report shows), or null. */
  voting: VotingConfig | null;
}

export const NO_RUN: WorkshopRun = { steps: [], voting: null };

export function workshopRun(control: ControlState): WorkshopRun {
  const started = control.currentStep < 0 ? [] : control.steps.slice(0, control.currentStep + 1);
  const steps = started.map((step) => ({
    title: step.title,
    minutes: step.minutes,
    privateWriting: step.privateWriting,
    voting: step.voting !== null,
    locked: step.locked,
  }));
  const round = control.round;
  // A round opened by hand has no step; one opened by a step carries that step's rules.
  const voting: VotingConfig | null = round
    ? { budget: round.budget, maxPerNote: round.maxPerNote, clusterCap: round.clusterCap, hideResults: round.hideResults }
    : null;
  return { steps, voting };
}
