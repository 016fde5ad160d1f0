/**
 * What a facilitator can ask the server to do to the control document
 * (`POST /api/boards/:id/control`). Validated here, applied by server/workshop/workshop.ts.
 */
import { z } from 'zod';
import { coded } from '../errors';
import { DIMENSION_IDS, parseClusterRef } from '../model/vocabulary';
import { lockState, MAX_STEPS, STEP_MINUTES_MAX, stepRecord, votingConfig } from './control';

const minutes = z.number().min(0).max(STEP_MINUTES_MAX);

/** A partner id or "other:<name>", normalised (an other-name is trimmed). */
export const clusterRef = z
  .string()
  .max(200)
  .transform((value, context) => {
    const ref = parseClusterRef(value);
    if (ref === null) {
      context.addIssue({ code: 'custom', message: coded('cluster.invalid') });
      return z.NEVER;
    }
    return ref as string;
  });

export const controlCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setSteps'), steps: z.array(stepRecord).max(MAX_STEPS, coded('runSheet.tooManySteps', { most: MAX_STEPS })) }),
  /** Starts step `index` (applies its settings and timer, after a snapshot); "Next step" is current + 1. */
  z.object({ type: z.literal('startStep'), index: z.number().int().min(0) }),
  z.object({ type: z.literal('timer'), action: z.enum(['start', 'pause', 'resume', 'addMinute', 'clear']), minutes: minutes.optional() }),
  z.object({ type: z.literal('privateWriting'), on: z.boolean() }),
  z.object({ type: z.literal('lock'), lock: lockState }),
  z.object({ type: z.literal('openVoting'), config: votingConfig, title: z.string().trim().max(80).optional() }),
  z.object({ type: z.literal('closeVoting') }),
  /** Moves every participant's private notes onto the board. */
  z.object({ type: z.literal('revealAll') }),
  z.object({ type: z.literal('bringHere'), dimension: z.enum(DIMENSION_IDS) }),
  /** [OV7] Opens (show) or closes the latest closed round's ranked results on every screen. */
  z.object({ type: z.literal('showResults'), show: z.boolean() }),
  z.object({ type: z.literal('resetReady') }),
  /** [SE4] Removes a person: their seat stops working; their notes stay. */
  z.object({ type: z.literal('removePerson'), personId: z.string().min(1).max(64) }),
  /** [SE5] Everyone of cluster `from` now belongs to `into`. */
  z.object({ type: z.literal('mergeClusters'), from: clusterRef, into: clusterRef }),
]);
export type ControlCommand = z.infer<typeof controlCommand>;

export const voteRequest = z.object({
  noteId: z.string().min(1).max(64),
  change: z.union([z.literal(1), z.literal(-1)]),
  /** Optional; when given it must be the seat's own person (votes are never cast for others). */
  personId: z.string().optional(),
});
export type VoteRequest = z.infer<typeof voteRequest>;

/** What the vote endpoints answer: this person's votes in the open round. */
export interface MyVotes {
  roundId: string | null;
  budget: number;
  used: number;
  notes: Record<string, number>;
}
