/** The engine's view of an indexed note, shared by the index, the grouping and the matching. */
import type { Locale } from '../i18n/locales';
import type { IndexedNote } from './types';

/** A note as the index holds it: its term frequencies and each term's surface form in it. */
export interface Entry {
  note: IndexedNote;
  language: Locale;
  /** term -> count, in the order the terms first appear in the text. */
  tf: Map<string, number>;
  /** term -> the first word it was read from, for showing. */
  surface: Map<string, string>;
}

export interface IndexInternals {
  entries: ReadonlyMap<string, Entry>;
  /** Cosine similarity of two indexed notes, 0..1. */
  similarity(a: Entry, b: Entry): number;
  /** The terms two vectors share, strongest (by the smaller of the two weights) first, as written in `shown`. */
  sharedTerms(a: Entry, b: Entry, shown: Entry): string[];
  /** A term's weight in the whole index (its IDF), for ranking a group's terms. */
  idf(term: string): number;
}
