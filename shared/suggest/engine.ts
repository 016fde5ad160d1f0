/**
 * [SG3] The suggestion index: an incremental TF-IDF index over the notes' normalised terms
 * (./normalise.ts). Adding, editing or removing a note touches only that note's postings and the
 * document frequencies of its terms; weights are read from the frequencies at query time, so an
 * index built note by note answers exactly as one built from scratch (SG4).
 *
 * Why not MiniSearch's BM25: its scores are unbounded and asymmetric (a query against a note is
 * not the note against the query), and grouping needs one symmetric 0..1 similarity per pair of
 * notes. Cosine over TF-IDF vectors is that, and the whole index is a few maps.
 */
import type { Locale } from '../i18n/locales';
import type { Entry, IndexInternals } from './entry';
import { detectLanguage } from './language';
import { terms } from './normalise';
import { byScoreThenId, roundScore } from './rank';
import { proposeTandems, type TandemOptions } from './tandems';
import { proposeThemes } from './themes';
import type { IndexedNote, SimilarNote, SuggestionQuery, TandemProposal, ThemeProposal } from './types';

/** A text's terms, weighted, with its Euclidean norm. */
interface Vector {
  weights: Map<string, number>;
  norm: number;
}

export interface SimilarOptions {
  limit?: number;
  excludeId?: string;
  /** Only notes of this dimension / kind. */
  dimension?: IndexedNote['dimension'];
  kind?: IndexedNote['kind'];
}

export interface SuggestionIndex {
  readonly size: number;
  /** Adds a note, or replaces the note with the same id. */
  add(note: IndexedNote): void;
  update(note: IndexedNote): void;
  remove(id: string): void;
  has(id: string): boolean;
  get(id: string): IndexedNote | undefined;
  notes(): IndexedNote[];
  similar(text: string, options?: SimilarOptions): SimilarNote[];
  proposeThemes(query?: SuggestionQuery): ThemeProposal[];
  proposeTandems(options?: TandemOptions): TandemProposal[];
  /** For the grouping and matching code: the engine's view of the notes. */
  readonly internals: IndexInternals;
}

export interface IndexOptions {
  /** The board's language: what a note too short to detect is taken to be in. */
  language?: Locale;
}

export const DEFAULT_SIMILAR_LIMIT = 5;
/** Below this a note is not "similar": a single common word between two long notes. */
export const SIMILAR_MIN_SCORE = 0.12;
/** Shared terms shown as a reason, at most. */
export const SHARED_SHOWN = 5;

export function createSuggestionIndex(options: IndexOptions = {}): SuggestionIndex {
  const fallback: Locale = options.language ?? 'en';
  const entries = new Map<string, Entry>();
  const postings = new Map<string, Set<string>>();
  /** Weighted vectors by note id, valid while no document frequency changed (any add or remove). */
  let vectors = new Map<string, Vector>();

  /** IDF by term, valid as long as `vectors` is (any add or remove clears both). */
  let idfs = new Map<string, number>();

  function idf(term: string): number {
    let value = idfs.get(term);
    if (value === undefined) {
      const df = postings.get(term)?.size ?? 0;
      value = Math.log(1 + (entries.size + 1) / (df + 1));
      idfs.set(term, value);
    }
    return value;
  }

  function weight(tf: number, term: string): number {
    return (1 + Math.log(tf)) * idf(term);
  }

  function entryOf(note: IndexedNote): Entry {
    const language = detectLanguage(note.text, fallback);
    const tf = new Map<string, number>();
    const surface = new Map<string, string>();
    for (const t of terms(note.text, language)) {
      tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
      if (!surface.has(t.term)) surface.set(t.term, t.surface);
    }
    return { note: { ...note }, language, tf, surface };
  }

  function unindex(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    for (const term of entry.tf.keys()) {
      const ids = postings.get(term);
      ids?.delete(id);
      if (ids?.size === 0) postings.delete(term);
    }
    entries.delete(id);
    vectors = new Map();
    idfs = new Map();
  }

  function add(note: IndexedNote): void {
    const existing = entries.get(note.id);
    // An edit that changes only the note's place (theme, cell, cluster) keeps its terms.
    if (existing && existing.note.text === note.text) {
      existing.note = { ...note };
      return;
    }
    unindex(note.id);
    const entry = entryOf(note);
    entries.set(note.id, entry);
    for (const term of entry.tf.keys()) {
      let ids = postings.get(term);
      if (!ids) {
        ids = new Set();
        postings.set(term, ids);
      }
      ids.add(note.id);
    }
    vectors = new Map();
    idfs = new Map();
  }

  /** A text's weights and norm, summed in the order of its terms: the same whatever was indexed first. */
  function vectorOf(entry: Entry): Vector {
    const weights = new Map<string, number>();
    let sum = 0;
    for (const [term, count] of entry.tf) {
      const w = weight(count, term);
      weights.set(term, w);
      sum += w ** 2;
    }
    return { weights, norm: Math.sqrt(sum) };
  }

  function indexedVector(entry: Entry): Vector {
    let vector = vectors.get(entry.note.id);
    if (!vector) {
      vector = vectorOf(entry);
      vectors.set(entry.note.id, vector);
    }
    return vector;
  }

  /** Cosine of two vectors, summed over `a`'s terms in their own order. */
  function cosine(a: Vector, b: Vector): number {
    if (a.norm === 0 || b.norm === 0) return 0;
    let sum = 0;
    for (const [term, w] of a.weights) {
      const other = b.weights.get(term);
      if (other !== undefined) sum += w * other;
    }
    return roundScore(Math.min(1, sum / (a.norm * b.norm)));
  }

  function similarity(a: Entry, b: Entry): number {
    // Symmetric by construction: the smaller id's terms drive the sum.
    const [first, second] = a.note.id < b.note.id ? [a, b] : [b, a];
    return cosine(indexedVector(first), indexedVector(second));
  }

  function candidates(termsOf: Iterable<string>, excludeId: string | undefined): Entry[] {
    const seen = new Set<string>();
    const found: Entry[] = [];
    for (const term of termsOf) {
      for (const id of postings.get(term) ?? []) {
        if (id === excludeId || seen.has(id)) continue;
        seen.add(id);
        const entry = entries.get(id);
        if (entry) found.push(entry);
      }
    }
    return found;
  }

  function sharedTerms(a: Entry, b: Entry, shown: Entry): string[] {
    const shared: { term: string; weight: number }[] = [];
    for (const [term, count] of a.tf) {
      const other = b.tf.get(term);
      if (other !== undefined) shared.push({ term, weight: Math.min(weight(count, term), weight(other, term)) });
    }
    shared.sort((x, y) => y.weight - x.weight || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
    return shared.slice(0, SHARED_SHOWN).map((s) => shown.surface.get(s.term) ?? s.term);
  }

  const internals: IndexInternals = {
    entries,
    similarity,
    sharedTerms,
    idf,
  };

  const index: SuggestionIndex = {
    get size() {
      return entries.size;
    },
    add,
    update: add,
    remove: unindex,
    has: (id) => entries.has(id),
    get: (id) => {
      const entry = entries.get(id);
      return entry ? { ...entry.note } : undefined;
    },
    notes: () => [...entries.values()].map((e) => ({ ...e.note })),
    similar(text, options = {}) {
      const limit = options.limit ?? DEFAULT_SIMILAR_LIMIT;
      const query = entryOf({ id: '', text, dimension: 'structure', kind: 'challenge', cluster: null, themeId: null });
      const vector = vectorOf(query);
      const found: { id: string; score: number; entry: Entry }[] = [];
      for (const entry of candidates(query.tf.keys(), options.excludeId)) {
        if (options.dimension !== undefined && entry.note.dimension !== options.dimension) continue;
        if (options.kind !== undefined && entry.note.kind !== options.kind) continue;
        const score = cosine(vector, indexedVector(entry));
        if (score >= SIMILAR_MIN_SCORE) found.push({ id: entry.note.id, score, entry });
      }
      // The reason is worked out only for the notes answered.
      return found
        .sort(byScoreThenId)
        .slice(0, Math.max(0, limit))
        .map(({ id, score, entry }) => ({ id, score, shared: sharedTerms(query, entry, entry) }));
    },
    proposeThemes: (query = {}) => proposeThemes(internals, query),
    proposeTandems: (tandemOptions = {}) => proposeTandems(internals, tandemOptions),
    internals,
  };
  return index;
}
