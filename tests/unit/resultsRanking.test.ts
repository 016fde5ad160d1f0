import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rankResults } from '../../client/board/results/ranking';
import { addNote } from '../../shared/model/mutations/notes';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin } from './support';

describe('ranked results', () => {
  it('[OV7] ranks the notes with votes per dimension and kind, most first, ties sharing a rank in board order, with votes per cluster', () => {
    const doc = new Y.Doc();
    const add = (id: string, kind: 'challenge' | 'need') => addNote(doc, { id, text: id, dimension: 'structure', kind, author: alice }, aliceOrigin);
    for (const id of ['a', 'b', 'c', 'd', 'none']) add(id, 'challenge');
    add('n', 'need');
    const ranked = rankResults(boardView(doc), { a: 2, b: 5, c: 2, d: 1, n: 3 }, { b: { gaia: 3, scs: 2 }, a: { '': 2 }, n: { scs: 1, gaia: 2 } });
    const challenges = ranked[0]!.kinds[0]!.notes;
    expect(challenges.map((r) => [r.note.id, r.rank, r.tied, r.votes])).toEqual([
      ['b', 1, false, 5],
      ['a', 2, true, 2],
      ['c', 2, true, 2],
      ['d', 4, false, 1],
    ]);
    expect(challenges[0]!.clusters).toEqual([
      { cluster: 'gaia', label: 'GAIA', votes: 3 },
      { cluster: 'scs', label: 'SCS Cluster', votes: 2 },
    ]);
    expect(challenges[1]!.clusters).toEqual([{ cluster: null, label: 'no cluster', votes: 2 }]);
    expect(ranked[0]!.kinds[1]!.notes.map((r) => r.note.id)).toEqual(['n']);
    expect(ranked[1]!.kinds.every((k) => k.notes.length === 0)).toBe(true);
  });
});
