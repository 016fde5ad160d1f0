/**
 * Sizes that keep one request's work bounded (Q1-Q3). They sit in `shared/` so the client and
 * the server refuse the same things with the same sentence. Each is far above a real workshop:
 * the EXCITE D1.4 demo holds about 120 notes, a busy two-day workshop a few hundred.
 */
import { MutationError } from './errors';

/** Notes one board may hold. Every write that adds notes checks it (addNote, addNotes). */
export const MAX_NOTES_PER_BOARD = 10_000;

/** Data rows one CSV import may hold (the header not counted). */
export const MAX_CSV_IMPORT_ROWS = 10_000;

/** Notes one JSON import (a new board) may hold. */
export const MAX_IMPORT_NOTES = MAX_NOTES_PER_BOARD;

/** Private notes one person may reveal onto the board at once. */
export const MAX_NOTES_PER_REVEAL = 2_000;

const figure = (n: number) => n.toLocaleString('en-GB');

/** The board would pass MAX_NOTES_PER_BOARD: nothing was added. */
export class BoardFullError extends MutationError {
  constructor(held: number, adding: number) {
    super(
      adding === 1
        ? `This board holds ${figure(held)} notes, the most a board may hold (${figure(MAX_NOTES_PER_BOARD)}).`
        : `This board holds ${figure(held)} notes; adding ${figure(adding)} would pass the limit of ${figure(MAX_NOTES_PER_BOARD)} notes per board.`,
    );
  }
}

/** A batch larger than its limit (`what`: "notes revealed at once", ...): nothing was added. */
export class BatchTooLargeError extends MutationError {
  constructor(count: number, most: number, what: string) {
    super(`Too many ${what}: ${figure(count)}; the most is ${figure(most)}.`);
  }
}

export { figure as formatCount };
