/**
 * Focus that survives a card being rebuilt (NA5). React builds a new card when a note changes
 * list (another cell, a theme): the old card, if it held the focus, leaves its note's id here and
 * the new card takes the focus back, without scrolling. A note that never comes back (deleted)
 * leaves nothing behind after a moment.
 */
let pending: { noteId: string; at: number } | null = null;
const WAIT_MS = 1000;

/** For a card's layout effect: takes the focus if it was just lost by this note's old card. */
export function keepFocusAcrossRemount(card: HTMLElement | null, noteId: string): () => void {
  if (pending?.noteId === noteId && Date.now() - pending.at < WAIT_MS && card) {
    pending = null;
    card.querySelector<HTMLElement>('.note-text')?.focus({ preventScroll: true });
  }
  return () => {
    // Runs before the card leaves the page: the focus is still inside it.
    if (card?.contains(document.activeElement)) pending = { noteId, at: Date.now() };
  };
}

/** The note was deleted on purpose: its focus went elsewhere and must stay there. */
export function forgetFocus(): void {
  pending = null;
}
