/**
 * A small inverted index over some of the notes (one cell's, the good practices): grouping and
 * matching look for candidates among those only, never through the whole board's postings, where
 * a word every note uses would make each lookup visit every note.
 */
import type { Entry } from './entry';
import { compareIds } from './rank';

export class LocalPostings {
  private readonly byTerm = new Map<string, Entry[]>();

  constructor(entries: Iterable<Entry>) {
    for (const entry of entries) {
      for (const term of entry.tf.keys()) {
        const list = this.byTerm.get(term);
        if (list) list.push(entry);
        else this.byTerm.set(term, [entry]);
      }
    }
  }

  /** The notes sharing a term with `entry`, itself left out, in id order. */
  sharing(entry: Entry): Entry[] {
    const found = new Map<string, Entry>();
    for (const term of entry.tf.keys()) {
      for (const other of this.byTerm.get(term) ?? []) {
        if (other.note.id !== entry.note.id) found.set(other.note.id, other);
      }
    }
    return [...found.values()].sort((a, b) => compareIds(a.note.id, b.note.id));
  }
}
