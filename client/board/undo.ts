/**
 * Undo and redo for one person: a Y.UndoManager over the board's notes, themes and links that
 * tracks only transactions whose origin is this session's LocalOrigin (compared by identity), so
 * undo never reverts a colleague's edit. Map keys a colleague has overwritten since stay theirs
 * (Yjs' default `ignoreRemoteMapChanges: false`), and an undo whose target someone else deleted
 * meanwhile changes nothing instead of throwing.
 *
 * Steps, as a person expects them from a text editor:
 * - typing in one note merges into one step per word: a space typed after a word starts the next
 *   step (so "for members" is undone as " members", then "for"); so do a pause of
 *   CAPTURE_TIMEOUT_MS, a switch to another note and the editor opening or closing;
 * - a paste (several characters at once) is a step of its own;
 * - every other command (add, move, colour, delete, theme and link operations) is a step of its own.
 */
import * as Y from 'yjs';
import { dismissalsMap, linksMap, meTooMap, notesMap, themesMap } from '../../shared/model/doc';
import type { LocalOrigin } from '../../shared/model/origin';

/** Keystrokes closer together than this (and within one word) are one undo step. */
export const CAPTURE_TIMEOUT_MS = 1000;

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export type UndoResult = 'done' | 'nothing' | 'gone';

const EMPTY: UndoState = { canUndo: false, canRedo: false };

/**
 * The Y.Text a transaction typed into, or null when it did anything else. `editNoteText` also
 * stamps the note's `updatedAt`, which still counts as typing.
 */
function typedText(transaction: Y.Transaction): Y.Text | null {
  const texts = [...transaction.changed.keys()].filter((type) => type instanceof Y.Text);
  const text = texts.length === 1 ? texts[0] : undefined;
  if (!(text instanceof Y.Text)) return null;
  for (const [type, keys] of transaction.changed) {
    if (type === texts[0]) continue;
    if (type !== text.parent || [...keys].some((key) => key !== 'updatedAt')) return null;
  }
  return text;
}

export class BoardUndo {
  private readonly manager: Y.UndoManager;
  private state: UndoState = EMPTY;
  /** The note text the previous tracked transaction typed into (null: it was not typing). */
  private lastTyped: Y.Text | null = null;
  /** Whether the text typed last ended in whitespace (a word has ended, the next has not begun). */
  private afterSpace = false;
  /** What the running tracked transaction inserted into note texts (collected by its observers). */
  private inserted = '';

  constructor(
    private readonly doc: Y.Doc,
    private readonly origin: LocalOrigin,
    private readonly onChange: () => void,
  ) {
    // Observers run before 'afterTransaction' handlers, so what was typed is known by then.
    notesMap(doc).observeDeep(this.watchTyping);
    // Registered before the UndoManager's own handler, so it can close the current step before
    // the manager decides whether this transaction merges into it.
    doc.on('afterTransaction', this.beforeCapture);
    this.manager = new Y.UndoManager([notesMap(doc), themesMap(doc), linksMap(doc), meTooMap(doc), dismissalsMap(doc)], {
      trackedOrigins: new Set<unknown>([origin]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
    });
    // Registered after it: a command or a paste closes the step it has just made.
    doc.on('afterTransaction', this.afterCapture);
    this.manager.on('stack-item-added', this.refresh);
    this.manager.on('stack-item-popped', this.refresh);
    this.manager.on('stack-cleared', this.refresh);
  }

  getState = (): UndoState => this.state;

  undo(): UndoResult {
    return this.apply('undo');
  }

  redo(): UndoResult {
    return this.apply('redo');
  }

  /** The next change starts a new step (an editor opened or closed). */
  stopCapturing(): void {
    this.manager.stopCapturing();
    this.lastTyped = null;
    this.afterSpace = false;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.beforeCapture);
    this.doc.off('afterTransaction', this.afterCapture);
    notesMap(this.doc).unobserveDeep(this.watchTyping);
    this.manager.destroy();
  }

  private apply(direction: 'undo' | 'redo'): UndoResult {
    const had = direction === 'undo' ? this.manager.canUndo() : this.manager.canRedo();
    if (!had) return 'nothing';
    this.stopCapturing();
    let item: unknown = null;
    try {
      // Pops steps until one still changes something: a step whose notes were all deleted by
      // someone else meanwhile is dropped, not applied.
      item = direction === 'undo' ? this.manager.undo() : this.manager.redo();
    } catch (error) {
      // Yjs should not throw here; if it ever does, the board stays usable and unchanged.
      console.warn(`Clusterboard: ${direction} failed`, error);
    }
    this.refresh();
    return item ? 'done' : 'gone';
  }

  private readonly watchTyping = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    if (transaction.origin !== this.origin) return;
    for (const event of events) {
      if (!(event instanceof Y.YTextEvent)) continue;
      for (const op of event.delta) if (typeof op.insert === 'string') this.inserted += op.insert;
    }
  };

  private readonly beforeCapture = (transaction: Y.Transaction): void => {
    if (transaction.origin !== this.origin) return;
    const typed = typedText(transaction);
    const inserted = this.inserted;
    // A command after typing, typing in another note, a paste, or a space after a word: a new
    // step. (A command after a command is one already: afterCapture closed the previous step.)
    if (typed !== this.lastTyped || inserted.length > 1 || (/^\s/.test(inserted) && !this.afterSpace)) {
      this.manager.stopCapturing();
    }
    this.lastTyped = typed;
    if (inserted.length > 0) this.afterSpace = /\s$/.test(inserted);
  };

  private readonly afterCapture = (transaction: Y.Transaction): void => {
    if (transaction.origin !== this.origin) return;
    // Commands and pastes close their own step, so what comes next starts afresh.
    if (this.lastTyped === null || this.inserted.length > 1) this.manager.stopCapturing();
    this.inserted = '';
  };

  private readonly refresh = (): void => {
    const canUndo = this.manager.canUndo();
    const canRedo = this.manager.canRedo();
    if (canUndo === this.state.canUndo && canRedo === this.state.canRedo) return;
    this.state = { canUndo, canRedo };
    this.onChange();
  };
}
