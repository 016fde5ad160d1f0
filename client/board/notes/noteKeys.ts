/**
 * The keys of a focused note in the grid (NA4): arrows rove between notes, the rest act on it.
 * Enter edits through the text button's own click.
 */
import type { KeyboardEvent } from 'react';
import { noteAfter, type Step } from './roving';

export interface NoteKeyActions {
  /** Null when this person may not change the note: only moving around and reading are left. */
  write: {
    edit(): void;
    menu(): void;
    select(): void;
    remove(): void;
    drag(): void;
    move(): void;
    group(): void;
    vote(change: 1 | -1): void;
  } | null;
}

const STEPS: Record<string, Step> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Home: 'home', End: 'end' };

export function onNoteKey(event: KeyboardEvent<HTMLElement>, { write }: NoteKeyActions): void {
  if (event.target !== event.currentTarget || event.nativeEvent.isComposing || event.altKey || event.metaKey) return;
  const handled = (action: () => void) => {
    event.preventDefault();
    event.stopPropagation();
    action();
  };
  const step = STEPS[event.key];
  if (step) {
    // Ctrl+Home and Ctrl+End go to the ends of the whole board.
    const whole = event.ctrlKey && step === 'home' ? 'first' : event.ctrlKey && step === 'end' ? 'last' : step;
    if (event.ctrlKey && whole === step) return;
    return handled(() => noteAfter(event.currentTarget, whole)?.focus());
  }
  if (!write || event.ctrlKey) return;
  const key = event.key;
  if (key === 'ContextMenu' || (key === 'F10' && event.shiftKey) || key === '.') return handled(write.menu);
  if (event.shiftKey && key.length > 1) return;
  if (key === ' ') return handled(write.select);
  if (key === 'F2') return handled(write.edit);
  if (key === 'Delete' || key === 'Backspace') return handled(write.remove);
  const letters: Record<string, () => void> = {
    d: write.drag,
    m: write.move,
    g: write.group,
    '+': () => write.vote(1),
    '=': () => write.vote(1),
    '-': () => write.vote(-1),
  };
  const action = letters[key.toLowerCase()];
  if (action) handled(action);
}

/** Space selects on keydown; the button's own click on keyup must not open the editor too. */
export function swallowSpaceUp(event: KeyboardEvent<HTMLElement>): void {
  if (event.key === ' ' && event.target === event.currentTarget) event.preventDefault();
}
