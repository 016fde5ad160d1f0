/**
 * What the suggestion index is fed from the board screen: each note as the engine knows it
 * (IndexedNote), and after each change only the difference (by id and content), so a keystroke
 * on a board of thousands of notes sends one note, not the board.
 */
import type { IndexChanges } from '../../../shared/suggest/protocol';
import type { IndexedNote } from '../../../shared/suggest/types';
import type { NoteView } from '../../../shared/view/boardView';

export function indexedNote(note: NoteView): IndexedNote {
  return { id: note.id, text: note.text, dimension: note.dimension, kind: note.kind, cluster: note.cluster, themeId: note.themeId };
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
  private readonly seen = new Map<string, NoteView>();

  next(notes: Iterable<NoteView>): IndexChanges | null {
    const put: IndexedNote[] = [];
    const present = new Set<string>();
    for (const note of notes) {
      if (present.has(note.id)) continue;
      present.add(note.id);
      if (this.seen.get(note.id) === note) continue;
      this.seen.set(note.id, note);
      const indexed = indexedNote(note);
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
