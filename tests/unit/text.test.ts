import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff, changedSpan, mapCaret } from '../../shared/model/text';

describe('text diffs', () => {
  it('finds the one changed span, without splitting a surrogate pair', () => {
    expect(changedSpan('hello world', 'hello brave world')).toEqual({ start: 6, prevEnd: 6, nextEnd: 12 });
    expect(changedSpan('a😀b', 'a😃b')).toEqual({ start: 1, prevEnd: 3, nextEnd: 3 });
  });

  it('keeps a peer’s concurrent typing elsewhere in the note', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'weak KPIs');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextDiff(a.getText('t'), 'Weak KPIs');
    applyTextDiff(b.getText('t'), 'weak KPIs and reporting');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Weak KPIs and reporting');
    expect(b.getText('t').toString()).toBe('Weak KPIs and reporting');
  });

  it('keeps the local caret in place while someone else types', () => {
    // Someone types before the caret: it shifts with the text.
    expect(mapCaret('weak KPIs', 'very weak KPIs', 9)).toBe(14);
    // Someone types after the caret: it stays.
    expect(mapCaret('weak KPIs', 'weak KPIs!', 4)).toBe(4);
    // The text around the caret is replaced: it goes to the end of the replacement.
    expect(mapCaret('weak KPIs', 'weak indicators', 7)).toBe(14);
  });
});
