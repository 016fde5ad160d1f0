import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findMatches, stepMatch } from '../../client/board/search/matches';
import { NO_FILTER } from '../../client/board/ui';
import { addNote } from '../../shared/model/mutations/notes';
import type { DimensionId, KindId } from '../../shared/model/vocabulary';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin, bob, bobOrigin } from './support';

function board(): Y.Doc {
  const doc = new Y.Doc();
  const add = (id: string, text: string, dimension: DimensionId, kind: KindId, mine = true) =>
    addNote(doc, { id, text, dimension, kind, author: mine ? alice : bob }, mine ? aliceOrigin : bobOrigin);
  // Written out of board order on purpose: matches come back in board order.
  add('n4', 'funding gap', 'communication', 'challenge');
  add('n1', 'Funding for pilots', 'structure', 'challenge', false);
  add('n2', 'a shared lab', 'structure', 'need');
  add('n3', 'funding calls', 'structure', 'good-practice');
  return doc;
}

describe('search matches', () => {
  it('[OV2] finds the notes the search text matches, in board order, with the cells and dimensions that hold them', () => {
    const matches = findMatches(boardView(board()), { ...NO_FILTER, text: 'funding' }, 'alice');
    expect(matches.active).toBe(true);
    expect(matches.ids).toEqual(['n1', 'n3', 'n4']);
    expect([...matches.cells].sort()).toEqual(['communication/challenge', 'structure/challenge', 'structure/good-practice']);
    expect([...matches.dimensions].sort()).toEqual(['communication', 'structure']);
  });

  it('[OV2] counts filters and "my notes" together with the search text', () => {
    const view = boardView(board());
    expect(findMatches(view, { ...NO_FILTER, text: 'funding', kind: 'challenge' }, 'alice').ids).toEqual(['n1', 'n4']);
    expect(findMatches(view, { ...NO_FILTER, text: 'funding', mine: true }, 'alice').ids).toEqual(['n3', 'n4']);
    expect(findMatches(view, { ...NO_FILTER, dimension: 'structure' }, 'alice').ids).toEqual(['n1', 'n2', 'n3']);
  });

  it('[OV2] without search or filter nothing is counted', () => {
    const matches = findMatches(boardView(board()), NO_FILTER, 'alice');
    expect(matches.active).toBe(false);
    expect(matches.ids).toEqual([]);
  });

  it('[OV3] next and previous wrap around, and start at the ends without a current match', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepMatch(ids, null, 1)).toBe('a');
    expect(stepMatch(ids, null, -1)).toBe('c');
    expect(stepMatch(ids, 'a', 1)).toBe('b');
    expect(stepMatch(ids, 'c', 1)).toBe('a');
    expect(stepMatch(ids, 'a', -1)).toBe('c');
    expect(stepMatch(ids, 'gone', 1)).toBe('a');
    expect(stepMatch([], null, 1)).toBeNull();
  });
});
