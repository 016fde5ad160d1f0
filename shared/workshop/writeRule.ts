/**
 * The one answer to "may this person make this change to the shared board now?", given the
 * workshop's locks and private writing (the control document) and the person's role. Every path
 * that writes the board asks it: the socket guard (server/workshop/ownership.ts, via policies.ts),
 * the notes API and CSV import (server/http/notesApi.ts), revealing private notes
 * (server/workshop/workshop.ts), and the browser, which hides what would be refused
 * (client/board/BoardScreen.tsx). SPEC HC1-HC4.
 *
 * The rule is a conjunction, which lets the guard ask about one part of an update at a time:
 * a change is allowed in a dimension exactly when it is allowed with no dimension named and that
 * dimension is not locked (`dimension: null` asks "anywhere", e.g. before a body is read).
 */
import { englishSentence, type ErrorCode, type Problem } from '../errors';
import { dimensionLabel } from '../model/vocabulary';
import type { Role } from '../protocol';
import type { ControlState } from './control';

/** What the rule reads from the control document. */
export type WorkshopRules = Pick<ControlState, 'lock' | 'privateWriting'>;

export const OPEN_RULES: WorkshopRules = { lock: { board: false, dimensions: [] }, privateWriting: false };

/**
 * A change to the shared board. Text is told apart because private writing keeps text off the
 * board (new notes, theme titles, others' notes) while moving, grouping and deleting go on.
 */
export const BOARD_ACTIONS = [
  /** A new note on the shared board (socket, notes API, CSV import). */
  'add',
  /** One's own private note moved onto the board: what private writing leads up to. */
  'reveal',
  /** Anything but text: move, recolour, group, place a theme. */
  'edit',
  /** The text of a note of one's own. */
  'edit own text',
  /** The text of someone else's note. */
  'edit text',
  /** A theme's title or statement. */
  'name theme',
  'delete',
  'link',
] as const;
export type BoardAction = (typeof BOARD_ACTIONS)[number];

/** Why a change is refused; each path words it for its own answer (a 403 or 423, a socket reason). */
export type WriteRefusal = 'read-only' | 'board-locked' | 'private-writing' | 'dimension-locked';

/** `reason` is the English clause (logs, HTTP); `problem` is what a socket tells the page [LG4]. */
export type WriteVerdict = { ok: true } | { ok: false; refusal: WriteRefusal; reason: string; problem: Problem };

const ALLOWED: WriteVerdict = { ok: true };

/** Text private writing keeps off the board, with the reason the writer is told. */
const PRIVATE_TEXT: Partial<Record<BoardAction, ErrorCode>> = {
  add: 'sync.privateAdd',
  'edit text': 'sync.privateEditText',
  'name theme': 'sync.privateNameTheme',
};

function refused(refusal: WriteRefusal, problem: Problem): WriteVerdict {
  return { ok: false, refusal, reason: englishSentence(problem), problem };
}

/**
 * `dimension` is read raw from the record (valid or not, G8) or the request; null asks about the
 * change wherever it is. Reasons are clauses ("the board is locked"), as the guard's are (W7).
 */
export function mayWrite(role: Role, rules: WorkshopRules, action: BoardAction, dimension: string | null): WriteVerdict {
  switch (role) {
    case 'viewer':
      return refused('read-only', { code: 'sync.readOnly' });
    case 'facilitator':
      // [W1] Facilitators write at any time, locked or private.
      return ALLOWED;
    case 'participant': {
      if (rules.lock.board) return refused('board-locked', { code: 'sync.boardLocked' });
      const privateCode = rules.privateWriting ? PRIVATE_TEXT[action] : undefined;
      if (privateCode) return refused('private-writing', { code: privateCode });
      if (dimension !== null && (rules.lock.dimensions as readonly string[]).includes(dimension)) {
        return refused('dimension-locked', { code: 'sync.dimensionLocked', values: { dimension: dimensionLabel(dimension) } });
      }
      return ALLOWED;
    }
  }
}
