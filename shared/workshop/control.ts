/**
 * The control document: everything that steers a workshop (run-sheet, current step, timer,
 * private writing, lock, voting round and its published results, who is ready, where the
 * facilitator wants everyone to look). Only the server writes it, on a facilitator's command
 * (server/workshop/commands.ts); every role reads it. Who may write it is the whole check.
 *
 *   control: Y.Map  steps, currentStep, privateWriting, lock, timer, round, focus  (plain JSON values)
 *   results: Y.Map<roundId, Record<noteId, number>>  published vote totals of a round
 *   clusterResults: Y.Map<roundId, Record<noteId, Record<cluster, number>>>  a closed round's votes
 *            per voter cluster ('' for voters without one); published only when the round closes
 *   people:  Y.Map<personId, PersonStatus>
 *
 * Values are replaced whole by the server, never edited in place, so readers parse plain JSON.
 * Reads are lenient like the board's (`catch` defaults): a control doc from a newer server still
 * shows what this version understands.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { coded } from '../errors';
import { DIMENSION_IDS, type DimensionId } from '../model/vocabulary';

export const STEP_TITLE_MAX = 80;
export const MAX_STEPS = 30;
export const VOTE_BUDGET_MAX = 99;
export const STEP_MINUTES_MAX = 240;

export const votingConfig = z.object({
  /** Votes each person may cast in the round. */
  budget: z.number().int().min(1).max(VOTE_BUDGET_MAX),
  /** Votes one person may put on one note. */
  maxPerNote: z.number().int().min(1).max(VOTE_BUDGET_MAX),
  /** Votes one cluster's people together may put on one note; null for no cap. */
  clusterCap: z.number().int().min(1).max(999).nullable(),
  /** Totals stay unpublished until the round closes. */
  hideResults: z.boolean(),
});
export type VotingConfig = z.infer<typeof votingConfig>;

export const DEFAULT_VOTING: VotingConfig = { budget: 5, maxPerNote: 3, clusterCap: null, hideResults: true };

export const lockState = z.object({
  board: z.boolean(),
  dimensions: z.array(z.enum(DIMENSION_IDS)),
});
export type LockState = z.infer<typeof lockState>;

export const stepRecord = z.object({
  id: z.string().min(1).max(40),
  title: z.string().trim().min(1, coded('runSheet.stepTitle')).max(STEP_TITLE_MAX),
  minutes: z.number().min(0).max(STEP_MINUTES_MAX),
  /** The dimension everyone is brought to when the step starts; null for the whole board. */
  dimension: z.enum(DIMENSION_IDS).nullable(),
  privateWriting: z.boolean(),
  /** A voting round opens with the step when set. */
  voting: votingConfig.nullable(),
  /** The board is read-only for participants during the step. */
  locked: z.boolean(),
});
export type Step = z.infer<typeof stepRecord>;

export const roundRecord = votingConfig.extend({
  id: z.string(),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
});
export type Round = z.infer<typeof roundRecord>;

/**
 * The timer in the server's clock. Running: `endsAt` is set and `remainingMs` is null. Paused or
 * not started: `endsAt` is null and `remainingMs` holds what is left.
 */
export const timerState = z.object({
  durationMs: z.number(),
  endsAt: z.number().nullable(),
  remainingMs: z.number().nullable(),
});
export type TimerState = z.infer<typeof timerState>;

export const focusState = z.object({
  dimension: z.enum(DIMENSION_IDS),
  /** Increases with each "bring everyone here", so the same dimension twice still moves people. */
  seq: z.number(),
  by: z.string(),
});
export type FocusState = z.infer<typeof focusState>;

/** The facilitator showed a closed round's ranked results to everyone; null when closed again. */
export const resultsViewState = z.object({
  roundId: z.string(),
  /** Increases with each "show", so showing again reopens a view someone closed for themselves. */
  seq: z.number(),
});
export type ResultsViewState = z.infer<typeof resultsViewState>;

export const personStatus = z.object({
  name: z.string(),
  cluster: z.string().nullable(),
  role: z.enum(['facilitator', 'participant']),
  ready: z.boolean(),
  privateCount: z.number(),
  votesUsed: z.number(),
});
export type PersonStatus = z.infer<typeof personStatus>;

export interface ControlState {
  steps: Step[];
  /** Index into `steps` of the running step; -1 before the first. */
  currentStep: number;
  privateWriting: boolean;
  lock: LockState;
  timer: TimerState | null;
  /** The latest voting round, open or closed; null before the first. */
  round: Round | null;
  /** Published totals per round: round id -> note id -> votes. */
  results: Map<string, Record<string, number>>;
  /** A closed round's votes per voter cluster: round id -> note id -> cluster ('' for none) -> votes. */
  clusterResults: Map<string, Record<string, Record<string, number>>>;
  /** The results view the facilitator opened on every screen, if any. */
  resultsView: ResultsViewState | null;
  people: Map<string, PersonStatus>;
  focus: FocusState | null;
}

export const OPEN_LOCK: LockState = { board: false, dimensions: [] };

export function controlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('control');
}

export function resultsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('results');
}

export function clusterResultsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('clusterResults');
}

export function peopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('people');
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const result = schema.safeParse(value);
  return result.success ? result.data : fallback;
}

const voteCounts = z.record(z.string(), z.number().int().min(0));
const clusterVoteCounts = z.record(z.string(), voteCounts);

export function readControl(doc: Y.Doc): ControlState {
  const control = controlMap(doc);
  const steps = z.array(z.unknown()).catch([]).parse(control.get('steps'));
  const results = new Map<string, Record<string, number>>();
  resultsMap(doc).forEach((value, roundId) => {
    const counts = voteCounts.safeParse(value);
    if (counts.success) results.set(roundId, counts.data);
  });
  const clusterResults = new Map<string, Record<string, Record<string, number>>>();
  clusterResultsMap(doc).forEach((value, roundId) => {
    const counts = clusterVoteCounts.safeParse(value);
    if (counts.success) clusterResults.set(roundId, counts.data);
  });
  const people = new Map<string, PersonStatus>();
  peopleMap(doc).forEach((value, personId) => {
    const status = personStatus.safeParse(value);
    if (status.success) people.set(personId, status.data);
  });
  return {
    steps: steps.flatMap((step) => {
      const result = stepRecord.safeParse(step);
      return result.success ? [result.data] : [];
    }),
    currentStep: parsed(z.number().int().min(-1), control.get('currentStep'), -1),
    privateWriting: control.get('privateWriting') === true,
    lock: parsed(lockState, control.get('lock'), OPEN_LOCK),
    timer: parsed(timerState.nullable(), control.get('timer') ?? null, null),
    round: parsed(roundRecord.nullable(), control.get('round') ?? null, null),
    results,
    clusterResults,
    people,
    focus: parsed(focusState.nullable(), control.get('focus') ?? null, null),
    resultsView: parsed(resultsViewState.nullable(), control.get('resultsView') ?? null, null),
  };
}

/**
 * Only what the board's write rule needs (the lock and private writing), read on every
 * participant update; `readControl` parses everything else too.
 */
export function readWriteRules(doc: Y.Doc): Pick<ControlState, 'lock' | 'privateWriting'> {
  const control = controlMap(doc);
  return { lock: parsed(lockState, control.get('lock'), OPEN_LOCK), privateWriting: control.get('privateWriting') === true };
}

/** Is anything holding participants back (a lock, private writing)? */
export function isRestricted(rules: Pick<ControlState, 'lock' | 'privateWriting'>): boolean {
  return rules.lock.board || rules.lock.dimensions.length > 0 || rules.privateWriting;
}

/** True when participants may not change notes of this dimension (or anything, with no dimension). */
export function isLockedFor(lock: LockState, dimension: DimensionId | null): boolean {
  if (lock.board) return true;
  return dimension !== null && lock.dimensions.includes(dimension);
}

/** Milliseconds left on the timer at server time `now`; null when there is no timer. */
export function timerRemaining(timer: TimerState | null, now: number): number | null {
  if (!timer) return null;
  if (timer.endsAt !== null) return Math.max(0, timer.endsAt - now);
  return Math.max(0, timer.remainingMs ?? timer.durationMs);
}

/** Votes per note summed over every round whose results are published. */
export function publishedVotes(state: Pick<ControlState, 'results'>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const counts of state.results.values()) {
    for (const [noteId, votes] of Object.entries(counts)) totals.set(noteId, (totals.get(noteId) ?? 0) + votes);
  }
  return totals;
}
