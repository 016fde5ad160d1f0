import type * as Y from 'yjs';

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Turn `ytext` into `next` with one delete and one insert around the changed span, so that
 * concurrent typing elsewhere in the same note is kept (a whole-string replace would clobber it).
 * The span never splits a surrogate pair.
 */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const prev = ytext.toString();
  if (prev === next) return;
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

  if (prevEnd > start) ytext.delete(start, prevEnd - start);
  if (nextEnd > start) ytext.insert(start, next.slice(start, nextEnd));
}
