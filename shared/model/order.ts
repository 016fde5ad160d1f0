import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * How much ordering work writes have done in this process: scans of a cell's notes and calls
 * that generate order keys. Tests read it to show that a bulk insert does work proportional to
 * its cells, not to its notes times the board (Q1); nothing else depends on it.
 */
export const orderWork = { cellScans: 0, keyBatches: 0 };

/** Sort by fractional index, breaking ties (two peers inserting at one spot) by id. */
export function byOrder<T extends { order: string; id: string }>(a: T, b: T): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * An order key that sorts between `before` and `after` (either may be absent). Sibling keys can
 * be equal after concurrent inserts, which `generateKeyBetween` rejects; we then fall back to a
 * key after `before`, and the id tie-break in `byOrder` keeps the result deterministic.
 */
export function orderBetween(before: string | null, after: string | null): string {
  orderWork.keyBatches++;
  try {
    return generateKeyBetween(before, after);
  } catch {
    try {
      return generateKeyBetween(before, null);
    } catch {
      return generateKeyBetween(null, null);
    }
  }
}

/** The key for inserting at `index` of an ordered sibling list (clamped to its ends). */
export function orderAt(siblings: readonly { order: string }[], index: number): string {
  const at = Math.max(0, Math.min(index, siblings.length));
  return orderBetween(siblings[at - 1]?.order ?? null, siblings[at]?.order ?? null);
}

/** `count` ascending keys between `before` and `after`, with the same fallback as `orderBetween`. */
export function ordersBetween(before: string | null, after: string | null, count: number): string[] {
  orderWork.keyBatches++;
  try {
    return generateNKeysBetween(before, after, count);
  } catch {
    try {
      return generateNKeysBetween(before, null, count);
    } catch {
      return generateNKeysBetween(null, null, count);
    }
  }
}
