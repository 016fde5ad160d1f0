/**
 * Roving focus over the notes of the grid: one tab stop per cell, arrow keys inside (NA4).
 *
 * Each cell's notes are reached by their text element (`.note-text`, a button or, for viewers, a
 * paragraph). Exactly one of them per cell has tabindex 0: the one focused last, or the first.
 * Tab indices are set on the DOM here, never as React props, so a cell re-rendering (a colleague's
 * edit) never puts a second stop back; NoteList and NoteCard call `syncRoving` after they render.
 * That call only marks the cell: each marked cell is set once, after the rendering in progress
 * (a microtask, so before the frame is painted). Done per card at once, a board of 5,000 notes
 * would walk its cells' notes once per card: 1.6 million attribute reads on loading, about 35 per
 * remote change (a cell's theme lists re-render with it).
 */

const TEXT = 'li.note .note-text';
/** The note of each cell (by `data-cell`) focused last on this screen. */
const remembered = new Map<string, string>();

function cellKeyOf(cell: Element): string {
  return cell.getAttribute('data-cell') ?? '';
}

function noteIdOf(text: Element): string | null {
  return text.closest('li.note')?.getAttribute('data-note-id') ?? null;
}

export function notesIn(cell: Element): HTMLElement[] {
  return [...cell.querySelectorAll<HTMLElement>(TEXT)];
}

const marked = new Set<Element>();

/** Gives the cell of `inside` one tab stop, once the rendering in progress is done. */
export function syncRoving(inside: Element | null): void {
  const cell = inside?.closest('[data-cell]');
  if (!cell) return;
  if (marked.size === 0) queueMicrotask(syncMarked);
  marked.add(cell);
}

function syncMarked(): void {
  const cells = [...marked];
  marked.clear();
  for (const cell of cells) if (cell.isConnected) syncCell(cell);
}

/** Gives the cell one tab stop now: the remembered note if it is still there, else the first. */
function syncCell(cell: Element): void {
  const texts = notesIn(cell);
  const wanted = remembered.get(cellKeyOf(cell));
  const stop = texts.find((text) => noteIdOf(text) === wanted) ?? texts[0];
  for (const text of texts) {
    const index = text === stop ? '0' : '-1';
    if (text.getAttribute('tabindex') !== index) text.setAttribute('tabindex', index);
  }
}

/** Called when a note's text gets focus: it becomes its cell's tab stop. */
export function rememberRoving(text: HTMLElement): void {
  const cell = text.closest('[data-cell]');
  const id = noteIdOf(text);
  if (!cell || !id) return;
  remembered.set(cellKeyOf(cell), id);
  syncCell(cell);
}

/** Focuses a note's text wherever it is now, without scrolling the page (NA2). */
export function focusNote(noteId: string, options: { scroll: boolean } = { scroll: false }): boolean {
  const text = document.querySelector<HTMLElement>(`li.note[data-note-id="${CSS.escape(noteId)}"] .note-text`);
  if (!text) return false;
  text.focus({ preventScroll: !options.scroll });
  return true;
}

/** After the rendering in progress: a moved note's card is built in its new place first. */
export function focusNoteSoon(noteId: string): void {
  requestAnimationFrame(() => focusNote(noteId));
}

function cellsWhere(test: (dimension: string, kind: string) => boolean): Element[] {
  return [...document.querySelectorAll('[data-cell]')].filter((cell) => {
    const [dimension = '', kind = ''] = cellKeyOf(cell).split('/');
    return test(dimension, kind);
  });
}

function stopOf(cell: Element): HTMLElement | undefined {
  const texts = notesIn(cell);
  return texts.find((text) => text.getAttribute('tabindex') === '0') ?? texts[0];
}

export type Step = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'first' | 'last';

/**
 * The note an arrow key leads to from `from`: Up and Down walk the column (on into the same kind
 * of the neighbouring dimension), Left and Right go to the neighbouring cell with notes, Home and
 * End to the ends of the cell, first and last to the ends of the board.
 */
export function noteAfter(from: HTMLElement, step: Step): HTMLElement | undefined {
  const cell = from.closest('[data-cell]');
  if (!cell) return undefined;
  const [dimension = '', kind = ''] = cellKeyOf(cell).split('/');
  const texts = notesIn(cell);
  const at = texts.indexOf(from);
  switch (step) {
    case 'home':
      return texts[0];
    case 'end':
      return texts.at(-1);
    case 'first':
      return document.querySelector<HTMLElement>(TEXT) ?? undefined;
    case 'last':
      return [...document.querySelectorAll<HTMLElement>(TEXT)].at(-1);
    case 'up':
    case 'down': {
      const next = texts[at + (step === 'down' ? 1 : -1)];
      if (next && at >= 0) return next;
      const column = cellsWhere((_, k) => k === kind);
      const index = column.indexOf(cell);
      const beyond = step === 'down' ? column.slice(index + 1) : column.slice(0, index).reverse();
      const target = beyond.find((c) => notesIn(c).length > 0);
      return target ? (step === 'down' ? notesIn(target)[0] : notesIn(target).at(-1)) : undefined;
    }
    case 'left':
    case 'right': {
      const row = cellsWhere((d) => d === dimension);
      const index = row.indexOf(cell);
      const beyond = step === 'right' ? row.slice(index + 1) : row.slice(0, index).reverse();
      const target = beyond.find((c) => notesIn(c).length > 0);
      return target ? stopOf(target) : undefined;
    }
  }
}
