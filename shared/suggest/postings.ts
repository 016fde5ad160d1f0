/**
 * A small inverted index over some of the notes (one cell's, the good practices): grouping and
 * matching look for candidates among those only, never through the whole board's postings, where
 * a word every note uses would make each lookup visit every note.
 */
import type { Entry } from './entry';

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

  /** The notes sharing a term with `entry`, itself left out, in no particular order (callers rank them). */
  sharing(entry: Entry): Set<Entry> {
    const found = new Set<Entry>();
    for (const term of entry.tf.keys()) {
      for (const other of this.byTerm.get(term) ?? []) found.add(other);
    }
    found.delete(entry);
    return found;
  }
}
