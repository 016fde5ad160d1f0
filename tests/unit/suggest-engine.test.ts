/** The suggestion engine: similar notes, proposed themes and tandems (SPEC SG3-SG7). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTERS, DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { createSuggestionIndex, type SuggestionIndex } from '../../shared/suggest/engine';
import { THEME_CELL_MAX } from '../../shared/suggest/themes';
import type { IndexedNote } from '../../shared/suggest/types';

const SEED = 190_019;
const RUNS = 60;

function note(id: string, text: string, extra: Partial<IndexedNote> = {}): IndexedNote {
  return { id, text, dimension: 'strategy', kind: 'challenge', cluster: null, themeId: null, ...extra };
}

function indexOf(notes: readonly IndexedNote[]): SuggestionIndex {
  const index = createSuggestionIndex();
  for (const n of notes) index.add(n);
  return index;
}

/** Everything the engine answers about a board, for comparing two indexes. */
function answers(index: SuggestionIndex, probes: readonly string[]) {
  return {
    themes: index.proposeThemes(),
    tandems: index.proposeTandems({ limit: 5 }),
    similar: probes.map((text) => index.similar(text, { limit: 10 })),
  };
}

/** Boards made of a small vocabulary, so notes share words and groups form. */
const WORDS = [
  'KPI',
  'monitoring',
  'reporting',
  'members',
  'engagement',
  'strategy',
  'events',
  'fee',
  'CRM',
  'training',
  'team',
  'partnerships',
  'market',
  'Mitglieder',
  'événements',
  'członków',
];
const textArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const noteArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    text: textArb,
    dimension: fc.constantFrom(...DIMENSION_IDS.slice(0, 2)),
    kind: fc.constantFrom(...KIND_IDS),
    cluster: fc.constantFrom(null, ...CLUSTERS.slice(0, 3).map((c) => c.id)),
    themeId: fc.constantFrom(null, null, null, 't1'),
  });
const boardArb = fc
  .integer({ min: 1, max: 24 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => noteArb(`n${String(i).padStart(2, '0')}`))));

describe('similar notes', () => {
  const index = indexOf([
    note('a', 'Efficient KPI monitoring thanks to a tool allowing easy data reporting'),
    note('b', 'Defining reliable KPIs'),
    note('c', 'B2B events with an entry fee'),
  ]);

  it('[SG3] answers the closest notes first with a 0..1 score and the shared terms as written in the note', () => {
    const found = index.similar('We monitor our KPIs by hand');
    expect(found.map((s) => s.id)).toEqual(['a', 'b']);
    expect(found[0]?.shared).toEqual(expect.arrayContaining(['KPI', 'monitoring']));
    for (const s of found) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 1);
  });

  it('[SG3] leaves out the note being edited, respects the limit and answers nothing for unrelated text', () => {
    expect(index.similar('KPI monitoring', { excludeId: 'a' }).map((s) => s.id)).toEqual(['b']);
    expect(index.similar('KPI monitoring', { limit: 1 })).toHaveLength(1);
    expect(index.similar('Leadership trainings for the staff')).toEqual([]);
    expect(index.similar('')).toEqual([]);
  });

  it('[SG3] a note identical to the text scores 1', () => {
    expect(index.similar('B2B events with an entry fee')[0]).toMatchObject({ id: 'c', score: 1 });
  });
});

describe('incremental index', () => {
  it('[SG4] adding, editing and removing notes one by one answers exactly as indexing the final notes from scratch', () => {
    fc.assert(
      fc.property(boardArb, fc.array(fc.tuple(fc.nat(), textArb, fc.boolean()), { maxLength: 20 }), (board, edits) => {
        const incremental = indexOf(board);
        const final = new Map(board.map((n) => [n.id, n]));
        for (const [pick, text, remove] of edits) {
          const target = board[pick % board.length];
          if (!target) continue;
          if (remove) {
            incremental.remove(target.id);
            final.delete(target.id);
          } else {
            const edited = { ...target, text };
            incremental.update(edited);
            final.set(target.id, edited);
          }
        }
        const rebuilt = indexOf([...final.values()]);
        expect(answers(incremental, WORDS)).toEqual(answers(rebuilt, WORDS));
        expect(incremental.size).toBe(final.size);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('determinism', () => {
  it('[SG5] the same board gives the same themes, tandems and similar notes whatever order its notes were indexed in', () => {
    fc.assert(
      fc.property(
        boardArb.chain((board) => fc.tuple(fc.constant(board), fc.shuffledSubarray(board, { minLength: board.length, maxLength: board.length }))),
        ([board, shuffled]) => {
          expect(answers(indexOf(shuffled), WORDS)).toEqual(answers(indexOf(board), WORDS));
        },
      ),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });
});

describe('proposed themes', () => {
  const board = [
    note('m1', 'Efficient KPI monitoring of the strategy'),
    note('m2', 'KPI monitoring takes too much time'),
    note('m3', 'Monitoring KPIs for several authorities'),
    note('f1', 'Membership fee payment is slow'),
    note('f2', 'Late membership fee payment'),
    note('x1', 'Leadership trainings'),
    note('g1', 'KPI monitoring with a tool', { kind: 'good-practice', cluster: 'gaia' }),
    note('t1', 'KPI monitoring dashboards', { themeId: 'theme-1' }),
  ];
  const index = indexOf(board);

  it('[SG6] groups similar notes of one cell that are in no theme, titled with their shared terms as written', () => {
    const themes = index.proposeThemes({ dimension: 'strategy', kind: 'challenge' });
    expect(themes.map((t) => t.noteIds)).toEqual([
      ['m1', 'm2', 'm3'],
      ['f1', 'f2'],
    ]);
    expect(themes[0]).toMatchObject({ dimension: 'strategy', kind: 'challenge', title: 'KPI, monitoring' });
    expect(themes[1]?.shared).toEqual(expect.arrayContaining(['membership', 'fee', 'payment']));
    // The good practice (another cell) and the note already in a theme are never proposed.
    expect(index.proposeThemes().flatMap((t) => t.noteIds)).not.toContain('g1');
    expect(index.proposeThemes().flatMap((t) => t.noteIds)).not.toContain('t1');
  });

  it('[SG6] a proposal keeps its key for the same notes, and gets another when its notes change', () => {
    const key = index.proposeThemes()[0]?.key;
    expect(indexOf([...board].reverse()).proposeThemes()[0]?.key).toBe(key);
    const grown = indexOf([...board, note('m4', 'KPI monitoring by hand')]);
    expect(grown.proposeThemes()[0]?.noteIds).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(grown.proposeThemes()[0]?.key).not.toBe(key);
  });

  it('[SG6] only the cell or dimension asked for', () => {
    expect(index.proposeThemes({ dimension: 'communication' })).toEqual([]);
    expect(index.proposeThemes({ kind: 'need' })).toEqual([]);
  });
});

describe('proposed tandems', () => {
  it("[SG7] proposals for a need never come from the need's own cluster, skip linked pairs and share a term", () => {
    fc.assert(
      fc.property(boardArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (board, linkPicks) => {
        const index = indexOf(board);
        const needs = board.filter((n) => n.kind === 'need');
        const practices = board.filter((n) => n.kind === 'good-practice');
        const linked = linkPicks.flatMap(([a, b]) => {
          const need = needs[a % Math.max(1, needs.length)];
          const practice = practices[b % Math.max(1, practices.length)];
          return need && practice ? [{ needId: need.id, practiceId: practice.id }] : [];
        });
        const byId = new Map(board.map((n) => [n.id, n]));
        for (const proposal of index.proposeTandems({ linked, limit: 10 })) {
          const need = byId.get(proposal.needId);
          const practice = byId.get(proposal.practiceId);
          expect(need?.kind).toBe('need');
          expect(practice?.kind).toBe('good-practice');
          if (need?.cluster !== null) expect(practice?.cluster).not.toBe(need?.cluster);
          expect(linked).not.toContainEqual({ needId: proposal.needId, practiceId: proposal.practiceId });
          expect(proposal.shared.length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it('[SG7] ranks the practices of other clusters by score, one need at a time when asked', () => {
    const index = indexOf([
      note('need', 'Efficient reporting tools such as a CRM', { kind: 'need', cluster: 'scs' }),
      note('own', 'Efficient reporting with our CRM', { kind: 'good-practice', cluster: 'scs' }),
      note('gaia', 'Efficient KPI reporting thanks to a tool', { kind: 'good-practice', cluster: 'gaia' }),
      note('dti', 'Reporting days with members', { kind: 'good-practice', cluster: 'dti' }),
      note('other-need', 'B2B events', { kind: 'need', cluster: 'gaia' }),
    ]);
    const tandems = index.proposeTandems({ needId: 'need' });
    expect(tandems.map((t) => t.practiceId)).toEqual(['gaia', 'dti']);
    expect(tandems[0]?.shared).toEqual(expect.arrayContaining(['efficient', 'reporting', 'tool']));
    expect(index.proposeTandems({ needId: 'need', linked: [{ needId: 'need', practiceId: 'gaia' }] }).map((t) => t.practiceId)).toEqual(['dti']);
  });
});

describe('bounded grouping', () => {
  it(`[SG6] groups at most ${THEME_CELL_MAX} notes of a cell, the first by id`, () => {
    const many = Array.from({ length: THEME_CELL_MAX + 2 }, (_, i) => note(`n${String(i).padStart(4, '0')}`, 'KPI monitoring'));
    const grouped = indexOf(many)
      .proposeThemes()
      .flatMap((t) => t.noteIds);
    expect(grouped).toHaveLength(THEME_CELL_MAX);
    expect(grouped).not.toContain(`n${String(THEME_CELL_MAX).padStart(4, '0')}`);
  });
});
