/**
 * Where a caret at `index` in `prev` belongs in `next`, when `next` is `prev` with one span
 * replaced (a peer typing into the same note). Keeps the local caret in place while others type.
 */
export function mapCaret(prev: string, next: string, index: number): number {
  let start = 0;
  const shortest = Math.min(prev.length, next.length);
  while (start < shortest && prev[start] === next[start]) start++;
  let suffix = 0;
  while (
    suffix < shortest - start &&
    prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix++;
  }
  if (index <= start) return index;
  if (index >= prev.length - suffix) return index + (next.length - prev.length);
  return next.length - suffix;
}
