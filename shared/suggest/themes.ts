/**
 * [SG6] Proposed themes: within one cell (dimension + kind), notes in no theme grouped by
 * average-linkage agglomeration over the similarity graph. Edges are taken strongest first (ties
 * by the notes' ids) and two groups merge only while the mean similarity across them stays at or
 * above THEME_THRESHOLD, which keeps one loose word from chaining a whole cell together. Every
 * step depends on the notes and their similarities alone, never on the order notes were indexed
 * (SG5). A proposal's title is its strongest terms shared by several of its notes, as written.
 */
import { DIMENSION_IDS, KIND_IDS } from '../model/vocabulary';
import type { Entry, IndexInternals } from './entry';
import { idsKey } from './hash';
import { LocalPostings } from './postings';
import { compareIds } from './rank';
import type { SuggestionQuery, ThemeProposal } from './types';

export const THEME_THRESHOLD = 0.2;
/**
 * Notes of one cell grouped at most (the first by id): grouping compares pairs, so this bounds a
 * request's work; a whole workshop writes a few hundred notes, not this many in one cell.
 */
export const THEME_CELL_MAX = 400;
/** Terms in a proposal's title, at most. */
const TITLE_TERMS = 3;

interface Edge {
  a: Entry;
  b: Entry;
  score: number;
}

function cellEdges(ix: IndexInternals, cell: readonly Entry[]): Edge[] {
  const postings = new LocalPostings(cell);
  const edges: Edge[] = [];
  for (const a of cell) {
    for (const b of postings.sharing(a)) {
      if (a.note.id >= b.note.id) continue;
      const score = ix.similarity(a, b);
      if (score >= THEME_THRESHOLD) edges.push({ a, b, score });
    }
  }
  return edges.sort((x, y) => y.score - x.score || compareIds(x.a.note.id, y.a.note.id) || compareIds(x.b.note.id, y.b.note.id));
}

function groupCell(ix: IndexInternals, cell: readonly Entry[]): Entry[][] {
  const groupOf = new Map<string, Entry[]>(cell.map((e) => [e.note.id, [e]]));
  const pairScore = new Map<string, number>();
  const rejected = new WeakMap<Entry[], WeakSet<Entry[]>>();
  const similarity = (a: Entry, b: Entry): number => {
    const key = a.note.id < b.note.id ? `${a.note.id}\u0000${b.note.id}` : `${b.note.id}\u0000${a.note.id}`;
    let score = pairScore.get(key);
    if (score === undefined) {
      score = ix.similarity(a, b);
      pairScore.set(key, score);
    }
    return score;
  };
  for (const edge of cellEdges(ix, cell)) {
    const left = groupOf.get(edge.a.note.id);
    const right = groupOf.get(edge.b.note.id);
    if (!left || !right || left === right || rejected.get(left)?.has(right)) continue;
    let sum = 0;
    for (const a of left) for (const b of right) sum += similarity(a, b);
    if (sum / (left.length * right.length) < THEME_THRESHOLD) {
      // Until one of the two grows, every other edge between them gets the same answer.
      for (const [x, y] of [
        [left, right],
        [right, left],
      ] as const) {
        const set = rejected.get(x) ?? new WeakSet<Entry[]>();
        set.add(y);
        rejected.set(x, set);
      }
      continue;
    }
    const merged = [...left, ...right];
    for (const e of merged) groupOf.set(e.note.id, merged);
  }
  const groups = new Set(groupOf.values());
  return [...groups].filter((g) => g.length >= 2);
}

/** The group's terms found in at least two of its notes, by how many notes have them times their IDF. */
function groupTerms(ix: IndexInternals, group: readonly Entry[]): string[] {
  const coverage = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  for (const entry of group) {
    for (const term of entry.tf.keys()) {
      coverage.set(term, (coverage.get(term) ?? 0) + 1);
      const surface = entry.surface.get(term) ?? term;
      const counts = surfaces.get(term) ?? new Map<string, number>();
      counts.set(surface, (counts.get(surface) ?? 0) + 1);
      surfaces.set(term, counts);
    }
  }
  const ranked = [...coverage]
    .filter(([, count]) => count >= 2)
    .map(([term, count]) => ({ term, strength: count * ix.idf(term) }))
    .sort((x, y) => y.strength - x.strength || compareIds(x.term, y.term));
  // The surface most notes wrote; ties to the alphabetically first, so the title is stable too.
  return ranked.map(({ term }) => {
    const counts = [...(surfaces.get(term) ?? new Map<string, number>())].sort((x, y) => y[1] - x[1] || compareIds(x[0], y[0]));
    return counts[0]?.[0] ?? term;
  });
}

export function themeTitle(terms: readonly string[]): string {
  const title = terms.slice(0, TITLE_TERMS).join(', ');
  return title.charAt(0).toLocaleUpperCase() + title.slice(1);
}

export function proposeThemes(ix: IndexInternals, query: SuggestionQuery): ThemeProposal[] {
  const proposals: ThemeProposal[] = [];
  for (const dimension of DIMENSION_IDS) {
    if (query.dimension !== undefined && query.dimension !== dimension) continue;
    for (const kind of KIND_IDS) {
      if (query.kind !== undefined && query.kind !== kind) continue;
      const cell = [...ix.entries.values()]
        .filter((e) => e.note.dimension === dimension && e.note.kind === kind && e.note.themeId === null)
        .sort((x, y) => compareIds(x.note.id, y.note.id))
        .slice(0, THEME_CELL_MAX);
      const groups = groupCell(ix, cell).map((group) => {
        const noteIds = group.map((e) => e.note.id).sort(compareIds);
        const shared = groupTerms(ix, group);
        return { key: idsKey(noteIds), dimension, kind, title: themeTitle(shared), noteIds, shared: shared.slice(0, 5) };
      });
      groups.sort((x, y) => y.noteIds.length - x.noteIds.length || compareIds(x.noteIds[0] ?? '', y.noteIds[0] ?? ''));
      proposals.push(...groups);
    }
  }
  return proposals;
}
