/** Orderings every proposal list uses, so results never depend on the order notes were indexed. */

/** Scores are rounded so sums taken in another order never reorder results (SG5). */
export function roundScore(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

/** Higher score first, then the smaller id. */
export function byScoreThenId(a: { score: number; id: string }, b: { score: number; id: string }): number {
  return b.score - a.score || compareIds(a.id, b.id);
}

/** Code-unit order: the same in every JavaScript engine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
