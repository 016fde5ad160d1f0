/**
 * Hostile boards for the property test of views, reports and exports (SPEC E7): records written
 * raw into the Y.Doc, as a malicious client can, with hostile values in every field a client
 * controls. Used by tests/unit/exportsProperty.test.ts (fixed seed) and `npm run fuzz -- --exports`.
 */
import fc from 'fast-check';
import type * as Y from 'yjs';
import { COLOURS, DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { HOSTILE_TEXTS } from './hostileTexts';
import { type RawBoard, rawBoard, type RawRecord } from './rawBoard';

/** The clock every generated board is judged by. */
export const FUZZ_NOW = Date.parse('2026-03-14T09:30:00Z');

/** Record ids: a small pool (so links, themes and deletions meet), the empty id and over-long ones. */
const POOL = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 't0', 't1', 't2', 'gone'];
const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...POOL) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 300 }).map((n) => 'k'.repeat(n)) },
);

const timeArb = fc.oneof(
  fc.constantFrom(1e300, -1e300, 9e15, -9e15, 8.64e15 + 1, -5, 0, -0, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }).map((d) => FUZZ_NOW + d),
  fc.double(),
  fc.constantFrom('1710000000000', 'NaN', 'Infinity', '', null, true),
);

/** Strings: the hostile corpus, random Unicode (lone surrogates included), and long ones. */
const stringArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('x', '# ', '=1;', '\n- ', '\u0000'), fc.integer({ min: 1, max: 30_000 })).map(([s, n]) => s.repeat(n)),
  },
);

/** Nested junk: plain JSON, Y.Maps inside Y.Maps (up to 12 deep), numbers where text belongs. */
const junkArb: fc.Arbitrary<unknown> = fc.letrec<{ junk: unknown }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    stringArb,
    timeArb,
    fc.boolean(),
    fc.array(tie('junk'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('junk'), { maxKeys: 3, noNullPrototype: true }),
    fc.integer({ min: 1, max: 12 }).map((depth) => {
      let value: unknown = { leaf: true };
      for (let i = 0; i < depth; i++) value = { $map: { inner: value } };
      return value;
    }),
  ),
})).junk;

/** A text field: a Y.Text as our writers store it, a plain string, or anything else. */
const textFieldArb = fc.oneof(
  { weight: 4, arbitrary: stringArb.map(($text) => ({ $text })) },
  { weight: 1, arbitrary: stringArb },
  { weight: 1, arbitrary: junkArb },
);

const dimensionArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...DIMENSION_IDS) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('finance', '', 'Structure'), junkArb) },
);
const kindArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KIND_IDS) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom('idea', '', 'Challenge'), junkArb) },
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: junkArb });

const noteArb: fc.Arbitrary<RawRecord> = fc.record(
  {
    id: maybe(idArb),
    text: textFieldArb,
    dimension: dimensionArb,
    kind: kindArb,
    themeId: maybe(fc.oneof(idArb, fc.constant(null))),
    order: maybe(fc.oneof(fc.constantFrom('a0', 'a1', 'Zz', ''), stringArb)),
    colour: maybe(fc.oneof(fc.constantFrom(...COLOURS), fc.constant(null))),
    authorId: maybe(fc.oneof(fc.constantFrom('template', 'ana', 'jan', ''), stringArb)),
    authorName: maybe(stringArb),
    cluster: maybe(
      fc.oneof(
        fc.constantFrom('gaia', 'scs', 'other:Acme', null),
        stringArb.map((s) => `other:${s}`),
        stringArb,
      ),
    ),
    createdAt: timeArb,
    updatedAt: timeArb,
    carriedFrom: maybe(
      fc.oneof(fc.constant(null), fc.record({ boardId: stringArb, boardTitle: stringArb, noteId: idArb }, { noNullPrototype: true })),
    ),
    futureField: junkArb,
  },
  { requiredKeys: ['dimension', 'kind'], noNullPrototype: true },
);

const themeArb: fc.Arbitrary<RawRecord> = fc.record(
  {
    title: textFieldArb,
    statement: textFieldArb,
    dimension: dimensionArb,
    kind: kindArb,
    order: maybe(stringArb),
    createdAt: timeArb,
    extra: junkArb,
  },
  { requiredKeys: ['dimension', 'kind'], noNullPrototype: true },
);

const linkArb: fc.Arbitrary<RawRecord> = fc.record(
  { needId: idArb, practiceId: idArb, createdBy: maybe(stringArb), createdAt: timeArb, extra: junkArb },
  { requiredKeys: ['needId', 'practiceId'], noNullPrototype: true },
);

const recordsArb = (record: fc.Arbitrary<RawRecord>, maxKeys: number) =>
  fc.dictionary(idArb, fc.oneof({ weight: 6, arbitrary: record }, { weight: 1, arbitrary: junkArb }), { maxKeys, noNullPrototype: true });

export interface HostileBoard {
  board: RawBoard;
  /** Records deleted after they were written (a Yjs deletion, as an undo or a remote delete makes). */
  deleted: string[];
  /** Published votes per note id, as the control document reports them. */
  votes: [string, number][];
}

export const hostileBoardArb: fc.Arbitrary<HostileBoard> = fc.record({
  board: fc.record({
    meta: fc.record(
      {
        title: maybe(stringArb),
        template: maybe(fc.oneof(fc.constant(null), stringArb)),
        schemaVersion: maybe(fc.integer()),
        createdAt: timeArb,
        extra: junkArb,
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
    notes: recordsArb(noteArb, 12),
    themes: recordsArb(themeArb, 4),
    links: recordsArb(linkArb, 8),
  }),
  deleted: fc.subarray(POOL),
  votes: fc.array(fc.tuple(idArb, fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(Number.NaN, -1, 1e300, 0.5))), { maxLength: 6 }),
});

/** The board as a Y.Doc, with the deletions applied in a later transaction. */
export function hostileDoc(input: HostileBoard): Y.Doc {
  const doc = rawBoard(input.board);
  doc.transact(() => {
    for (const id of input.deleted) {
      doc.getMap('notes').delete(id);
      doc.getMap('themes').delete(id);
    }
  });
  return doc;
}
