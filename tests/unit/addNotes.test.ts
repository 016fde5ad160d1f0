import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { BoardFullError, MAX_NOTES_PER_BOARD } from '../../shared/model/limits';
import { addNotes, siblingsAt } from '../../shared/model/mutations/notes';
import { createTheme } from '../../shared/model/mutations/themes';
import { orderAt, orderWork } from '../../shared/model/order';
import type { AddNoteInput } from '../../shared/model/schema';
import { DIMENSION_IDS, type DimensionId, KIND_IDS, type KindId } from '../../shared/model/vocabulary';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin, cellOf, expectRefused } from './support';

const note = (id: string, dimension: DimensionId, kind: KindId, themeId: string | null = null): AddNoteInput => ({
  id,
  text: `note ${id}`,
  dimension,
  kind,
  themeId,
  author: alice,
});

/** The order keys adding notes one by one gave before Q1: scan and sort the cell, key after its last. */
function keysOneByOne(doc: Y.Doc, inputs: readonly AddNoteInput[]): Map<string, string> {
  const keys = new Map<string, string>();
  const added: { id: string; order: string; place: string }[] = [];
  for (const input of inputs) {
    const place = { dimension: input.dimension, kind: input.kind, themeId: input.themeId ?? null };
    const here = `${place.dimension}/${place.kind}/${place.themeId}`;
    const siblings = [...siblingsAt(doc, place), ...added.filter((a) => a.place === here)].sort((a, b) =>
      a.order < b.order ? -1 : a.order > b.order ? 1 : 0,
    );
    const order = orderAt(siblings, siblings.length);
    added.push({ id: input.id ?? '', order, place: here });
    keys.set(input.id ?? '', order);
  }
  return keys;
}

const orders = (doc: Y.Doc) => new Map([...notesMap(doc).entries()].map(([id, map]) => [id, (map as Y.Map<unknown>).get('order') as string]));

describe('addNotes (bulk inserts)', () => {
  it('[Q1] gives every note the key adding them one by one would, in input order, after what each cell holds', () => {
    const cell = fc.record({ d: fc.constantFrom(...DIMENSION_IDS.slice(0, 2)), k: fc.constantFrom(...KIND_IDS), themed: fc.boolean() });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), fc.array(cell, { minLength: 1, maxLength: 40 }), (before, batch) => {
        const doc = new Y.Doc();
        const themeId = createTheme(doc, { title: 'Theme', dimension: 'structure', kind: 'challenge' }, aliceOrigin);
        const themeOf = (c: { d: DimensionId; k: KindId; themed: boolean }) =>
          c.themed && c.d === 'structure' && c.k === 'challenge' ? themeId : null;
        before.forEach((c, i) => addNotes(doc, [note(`old${i}`, c.d, c.k, themeOf(c))], aliceOrigin));
        const inputs = batch.map((c, i) => note(`new${i}`, c.d, c.k, themeOf(c)));
        const expected = keysOneByOne(doc, inputs);
        addNotes(doc, inputs, aliceOrigin);
        const now = orders(doc);
        for (const [id, key] of expected) expect(now.get(id)).toBe(key);
        // Each place (a theme, or a cell's ungrouped notes) shows its old notes first, then the
        // new ones in input order.
        const view = boardView(doc);
        for (const d of DIMENSION_IDS.slice(0, 2)) {
          for (const k of KIND_IDS) {
            const c = cellOf(view, d, k);
            for (const place of [...c.themes.map((t) => t.notes), c.ungrouped]) {
              const shown = place.map((n) => n.id);
              const firstNew = shown.findIndex((id) => id.startsWith('new'));
              if (firstNew >= 0) expect(shown.slice(firstNew).every((id) => id.startsWith('new'))).toBe(true);
              const news = shown.filter((id) => id.startsWith('new'));
              expect(news).toEqual([...news].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))));
            }
          }
        }
        doc.destroy();
      }),
      { seed: 1405, numRuns: 60 },
    );
  });

  it('[Q1] adds 5,000 notes with one scan of the board and one key generation per cell', () => {
    const doc = new Y.Doc();
    addNotes(doc, [note('first', 'strategy', 'need')], aliceOrigin);
    const inputs = Array.from({ length: 5000 }, (_, i) => note(`n${i}`, DIMENSION_IDS[i % 5] as DimensionId, KIND_IDS[i % 3] as KindId));
    const scans = orderWork.cellScans;
    const batches = orderWork.keyBatches;
    addNotes(doc, inputs, aliceOrigin);
    expect(orderWork.cellScans - scans).toBe(1);
    expect(orderWork.keyBatches - batches).toBe(15);
    const keys = siblingsAt(doc, { dimension: 'strategy', kind: 'need', themeId: null });
    expect(keys[0]?.id).toBe('first');
    const ids = keys.slice(1).map((k) => k.id);
    expect(ids).toEqual(inputs.filter((n) => n.dimension === 'strategy' && n.kind === 'need').map((n) => n.id));
    expect(new Set(keys.map((k) => k.order)).size).toBe(keys.length);
  });

  it('[Q2] refuses a batch that would pass the notes per board, and adds none of it', { timeout: 20_000 }, () => {
    const doc = new Y.Doc();
    addNotes(
      doc,
      Array.from({ length: MAX_NOTES_PER_BOARD - 2 }, (_, i) => note(`n${i}`, 'structure', 'challenge')),
      aliceOrigin,
    );
    // (expectRefused's deep compare of a 10,000-note state is too slow here: the state vector says the same.)
    const before = Buffer.from(Y.encodeStateVector(doc));
    expect(() =>
      addNotes(
        doc,
        [1, 2, 3].map((i) => note(`x${i}`, 'strategy', 'need')),
        aliceOrigin,
      ),
    ).toThrow(/would pass the limit of 10,000 notes per board/);
    expect(Buffer.from(Y.encodeStateVector(doc)).equals(before)).toBe(true);
    addNotes(doc, [note('fits1', 'strategy', 'need'), note('fits2', 'strategy', 'need')], aliceOrigin);
    expect(() => addNotes(doc, [note('over', 'strategy', 'need')], aliceOrigin)).toThrow(BoardFullError);
    expect(notesMap(doc).size).toBe(MAX_NOTES_PER_BOARD);
  });

  it("[Q2] refuses a batch over the caller's limit, and a repeated id, adding nothing", () => {
    const doc = new Y.Doc();
    expectRefused(
      doc,
      () =>
        addNotes(doc, [note('a', 'structure', 'challenge'), note('b', 'structure', 'challenge')], aliceOrigin, {
          most: 1,
          code: 'reveal.tooMany',
        }),
      /Too many notes revealed at once: 2; the most is 1\./,
    );
    expectRefused(doc, () => addNotes(doc, [note('a', 'structure', 'challenge'), note('a', 'structure', 'need')], aliceOrigin), /already exists/);
  });
});
