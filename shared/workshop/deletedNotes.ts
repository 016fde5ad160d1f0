/**
 * The facilitator's list of notes deleted in the last hour, and the request that puts them back
 * (server/workshop/deletedRestore.ts, SPEC N2).
 */
import { z } from 'zod';
import { coded } from '../errors';
import type { DimensionId, KindId } from '../model/vocabulary';

export interface DeletedNote {
  id: string;
  text: string;
  dimension: DimensionId;
  kind: KindId;
  authorName: string;
  /** Who deleted it, as the server knew them; null when the server has restarted since. */
  deletedBy: string | null;
  /** When it was deleted; null when unknown (then `before` is when it was last seen). */
  deletedAt: number | null;
  /** The time of the newest snapshot that holds the note: it was deleted after this. */
  before: number;
}

export interface DeletedNotesAnswer {
  notes: DeletedNote[];
}

export interface RestoreAnswer {
  restored: number;
  /** Links put back between restored notes and notes on the board. */
  links: number;
}

/** `noteIds` absent: every note in the list ("Restore all"). */
export const restoreRequest = z.object({
  noteIds: z.array(z.string().min(1).max(64)).min(1, coded('deletedNotes.noneNamed')).max(20_000).optional(),
});
export type RestoreRequest = z.infer<typeof restoreRequest>;
