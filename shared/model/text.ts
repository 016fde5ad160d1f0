import type * as Y from 'yjs';

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The one span that differs between `prev` and `next`: `prev[start, prevEnd)` became
 * `next[start, nextEnd)`. The span never splits a surrogate pair.
 */
export function changedSpan(prev: string, next: string): { start: number; prevEnd: number; nextEnd: number } {
  let start = 0;
  const shortest = Math.min(prev.length, next.length);
  while (start < shortest && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isLowSurrogate(prev.charCodeAt(start))) start--;

  let prevEnd = prev.length;
  let nextEnd = next.length;
  while (prevEnd > start && nextEnd > start && prev.charCodeAt(prevEnd - 1) === next.charCodeAt(nextEnd - 1)) {
    prevEnd--;
    nextEnd--;
  }
  if (prevEnd < prev.length && isLowSurrogate(prev.charCodeAt(prevEnd))) {
    prevEnd++;
    nextEnd++;
  }
  return { start, prevEnd, nextEnd };
}

/**
 * Turn `ytext` into `next` with one delete and one insert around the changed span, so that
 * concurrent typing elsewhere in the same note is kept (a whole-string replace would clobber it).
 */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (prev === next) return;
  const { start, prevEnd, nextEnd } = changedSpan(prev, next);
  if (prevEnd > start) ytext.delete(start, prevEnd - start);
  if (nextEnd > start) ytext.insert(start, next.slice(start, nextEnd));
}

/**
 * Where a caret at `index` in `prev` belongs in `next` (a peer typed into the same note): before
 * the change it stays, after it shifts, inside it moves to the end of the replacement.
 */
export function mapCaret(prev: string, next: string, index: number): number {
  const { start, prevEnd, nextEnd } = changedSpan(prev, next);
  if (index <= start) return index;
  if (index >= prevEnd) return index + (next.length - prev.length);
  return nextEnd;
}
