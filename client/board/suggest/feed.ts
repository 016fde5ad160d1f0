/**
 * What the suggestion index is fed from the board screen: each note as the engine knows it
 * (IndexedNote), and after each change only the difference (by id and content), so a keystroke
 * on a board of thousands of notes sends one note, not the board.
 */
import type { IndexChanges } from '../../../shared/suggest/protocol';
import type { IndexedNote } from '../../../shared/suggest/types';
import type { BoardView, NoteView } from '../../../shared/view/boardView';

/** A note as shown, with the theme it is shown in (none when its theme is gone or elsewhere). */
export interface FeedNote {
  note: NoteView;
  themeId: string | null;
}

/** Every note of a view as the board shows it, as shared/suggest/fromBoard.ts reads a board. */
export function* shownNotes(view: BoardView): Generator<FeedNote> {
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      for (const theme of cell.themes) for (const note of theme.notes) yield { note, themeId: theme.id };
      for (const note of cell.ungrouped) yield { note, themeId: null };
    }
  }
}

export function indexedNote({ note, themeId }: FeedNote): IndexedNote {
  return { id: note.id, text: note.text, dimension: note.dimension, kind: note.kind, cluster: note.cluster, themeId };
}

function sameIndexed(a: IndexedNote, b: IndexedNote): boolean {
  return a.text === b.text && a.dimension === b.dimension && a.kind === b.kind && a.cluster === b.cluster && a.themeId === b.themeId;
}

/**
 * The index's copy of the notes on this screen. `next` takes the notes shown now and returns what
 * changed since the last call (null when nothing did), remembering the new state. NoteView objects
 * that did not change keep their identity (shared/view/viewCache.ts), so most are skipped at once.
 */
export class IndexFeed {
  private readonly sent = new Map<string, IndexedNote>();
  private readonly seen = new Map<string, FeedNote>();

  next(notes: Iterable<FeedNote>): IndexChanges | null {
    const put: IndexedNote[] = [];
    const present = new Set<string>();
    for (const shown of notes) {
      const { note } = shown;
      if (present.has(note.id)) continue;
      present.add(note.id);
      const seen = this.seen.get(note.id);
      if (seen?.note === note && seen.themeId === shown.themeId) continue;
      this.seen.set(note.id, shown);
      const indexed = indexedNote(shown);
      const before = this.sent.get(note.id);
      if (before && sameIndexed(before, indexed)) continue;
      this.sent.set(note.id, indexed);
      put.push(indexed);
    }
    const remove: string[] = [];
    for (const id of this.sent.keys()) {
      if (present.has(id)) continue;
      remove.push(id);
    }
    for (const id of remove) {
      this.sent.delete(id);
      this.seen.delete(id);
    }
    return put.length === 0 && remove.length === 0 ? null : { put, remove };
  }
}
