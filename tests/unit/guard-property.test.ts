/**
 * The board guard over generated input (SPEC G1, G2): whatever records, fields and values a
 * participant's or facilitator's client writes, the update is either refused or leaves a board
 * whose every record is valid and within the bounds of shared/model/limits.ts, which boardView
 * reads without throwing. fast-check with a fixed seed; GUARD_RUNS=2000 runs more.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type Writer } from '../../server/workshop/guard';
import { linksMap, metaMap, notesMap, readRecord, themesMap } from '../../shared/model/doc';
import { BOARD_ROOTS, fieldValueProblem, FOREIGN_FIELDS, plainValueProblem, RECORD_FIELDS, type RecordRoot } from '../../shared/model/limits';
import { addLink } from '../../shared/model/mutations/links';
import { addNote } from '../../shared/model/mutations/notes';
import { createTheme } from '../../shared/model/mutations/themes';
import { linkRecord, noteRecord, themeRecord } from '../../shared/model/schema';
import { boardView } from '../../shared/view/boardView';
import { OPEN_RULES, type WorkshopRules } from '../../shared/workshop/writeRule';
import { alice, aliceOrigin, bob } from './support';

const SEED = 1313;
const RUNS = Number(process.env.GUARD_RUNS ?? 300);
const NOW = Date.now();

function serverBoard(): Y.Doc {
  const doc = new Y.Doc();
  const need = addNote(doc, { text: 'a need', dimension: 'strategy', kind: 'need', author: alice, id: 'n1' }, aliceOrigin);
  const practice = addNote(doc, { text: 'a practice', dimension: 'structure', kind: 'good-practice', author: bob, id: 'n2' }, aliceOrigin);
  addLink(doc, need, practice, 'alice', aliceOrigin);
  createTheme(doc, { title: 'Funding', dimension: 'strategy', kind: 'need', id: 't1' }, aliceOrigin);
  return doc;
}

/** Yjs writes only ordinary objects; fast-check also makes some without a prototype. */
function ordinaryObjects(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Values a hostile client might put anywhere. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('strategy', 'structure', 'need', 'challenge', 'good-practice', 'nope', '', alice.id, bob.id, 'n1', 'n2', 't1', null, true),
  fc.string({ maxLength: 40 }),
  fc.nat(5).map((n) => 'x'.repeat([0, 100, 1_999, 2_000, 2_001, 5_000][n] ?? 0)),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -1, 9e15, 1e300, NOW, NOW + 25 * 3600_000),
  fc.integer(),
  fc.jsonValue({ maxDepth: 6 }).map(ordinaryObjects),
  fc.record({ kind: fc.constantFrom('template', 'import', 'x'), label: fc.string({ maxLength: 10 }) }).map(ordinaryObjects),
);

const fieldName = fc.oneof(
  fc.constantFrom(...new Set(Object.values(RECORD_FIELDS).flatMap((fields) => Object.keys(fields)))),
  fc.constantFrom('votes', 'deep', 'x'),
);

/** What goes into a field: a plain value, a text, or a nested structure. */
const fieldContent = fc.oneof(
  { weight: 6, arbitrary: hostileValue.map((value) => ({ type: 'plain' as const, value })) },
  { weight: 2, arbitrary: fc.nat(2_600).map((length) => ({ type: 'text' as const, length })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 8 }).map((depth) => ({ type: 'maps' as const, depth })) },
);
type FieldContent = typeof fieldContent extends fc.Arbitrary<infer T> ? T : never;

const op = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('set' as const),
      root: fc.constantFrom<RecordRoot>('notes', 'themes', 'links'),
      key: fc.constantFrom('n1', 'n2', 't1', 'n1>n2', 'new'),
      field: fieldName,
      content: fieldContent,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('type' as const),
      key: fc.constantFrom('n1', 'n2'),
      at: fc.nat(20),
      length: fc.nat(2_100),
      remove: fc.nat(30),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('create' as const),
      authorId: fc.constantFrom(alice.id, bob.id, ''),
      fields: fc.array(fc.tuple(fieldName, fieldContent), { maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('delete' as const),
      root: fc.constantFrom('notes', 'themes', 'links'),
      key: fc.constantFrom('n1', 'n2', 't1', 'n1>n2'),
      field: fc.option(fieldName, { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('root' as const),
      root: fc.constantFrom('meta', 'votes', 'notes'),
      key: fc.constantFrom('title', 'n3'),
      content: fieldContent,
    }),
  },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function build(content: FieldContent): unknown {
  switch (content.type) {
    case 'plain':
      return content.value;
    case 'text':
      return new Y.Text('t'.repeat(content.length));
    case 'maps': {
      const top = new Y.Map<unknown>();
      let current = top;
      for (let i = 1; i < content.depth; i++) {
        const next = new Y.Map<unknown>();
        current.set('deep', next);
        current = next;
      }
      return top;
    }
  }
}

function apply(doc: Y.Doc, operation: Op): void {
  const record = (root: string, key: string) => doc.getMap(root).get(key);
  switch (operation.type) {
    case 'set': {
      const target = record(operation.root, operation.key);
      if (target instanceof Y.Map) target.set(operation.field, build(operation.content));
      else doc.getMap(operation.root).set(operation.key, new Y.Map([[operation.field, build(operation.content)]]));
      return;
    }
    case 'type': {
      const text = (record('notes', operation.key) as Y.Map<unknown> | undefined)?.get('text');
      if (!(text instanceof Y.Text)) return;
      const at = Math.min(operation.at, text.length);
      text.delete(at, Math.min(operation.remove, text.length - at));
      text.insert(at, 'k'.repeat(operation.length));
      return;
    }
    case 'create': {
      const map = new Y.Map<unknown>();
      doc.getMap('notes').set(`c${operation.fields.length}`, map);
      map.set('text', new Y.Text('new'));
      map.set('dimension', 'organisation');
      map.set('kind', 'challenge');
      map.set('authorId', operation.authorId);
      for (const [field, content] of operation.fields) map.set(field, build(content));
      return;
    }
    case 'delete': {
      const target = record(operation.root, operation.key);
      if (operation.field === null) doc.getMap(operation.root).delete(operation.key);
      else if (target instanceof Y.Map) target.delete(operation.field);
      return;
    }
    case 'root':
      doc.getMap(operation.root).set(operation.key, build(operation.content));
      return;
  }
}

/** Every record is valid and within bounds, and the view reads the board. */
function expectValidBoard(doc: Y.Doc): void {
  for (const root of doc.share.keys()) expect(BOARD_ROOTS.has(root) || doc.getMap(root).size === 0, root).toBe(true);
  const schemas = { notes: noteRecord, themes: themeRecord, links: linkRecord };
  for (const root of ['notes', 'themes', 'links'] as const) {
    const map = { notes: notesMap, themes: themesMap, links: linksMap }[root](doc);
    for (const [key, value] of map.entries()) {
      expect(value, `${root}/${key}`).toBeInstanceOf(Y.Map);
      expect(readRecord(schemas[root], map, key), `${root}/${key} is valid`).not.toBeNull();
      for (const [field, fieldValue] of (value as Y.Map<unknown>).entries()) {
        const spec = RECORD_FIELDS[root][field];
        expect(FOREIGN_FIELDS.has(field), field).toBe(false);
        if (fieldValue instanceof Y.Text) {
          expect(spec?.type, `${field} may be a text`).toBe('text');
          if (spec?.type === 'text') expect(fieldValue.length).toBeLessThanOrEqual(spec.max);
        } else {
          expect(fieldValue instanceof Y.AbstractType, `${root}/${key}.${field} is plain`).toBe(false);
          const problem = spec ? fieldValueProblem(spec, fieldValue, NOW) : plainValueProblem(fieldValue);
          expect(problem, `${root}/${key}.${field}`).toBeNull();
        }
      }
    }
  }
  expect(() => boardView(doc)).not.toThrow();
}

const rulesArb = fc
  .record({ locked: fc.boolean(), privateWriting: fc.boolean() })
  .map(({ locked, privateWriting }): WorkshopRules => ({ lock: { board: false, dimensions: locked ? ['strategy'] : [] }, privateWriting }));

/** How many generated updates were let through and refused: both must happen for the test to mean anything. */
const seen = { accepted: 0, refused: 0 };

function property(writer: Writer) {
  return fc.property(fc.array(op, { minLength: 1, maxLength: 3 }), rulesArb, (operations, rules) => {
    const server = serverBoard();
    const metaBefore = JSON.stringify(metaMap(server).toJSON());
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    client.transact(() => operations.forEach((operation) => apply(client, operation)));
    if (updates.length === 0) return;
    const update = Y.mergeUpdates(updates);
    const verdict = checkUpdate(server, update, writer, writer.role === 'facilitator' ? OPEN_RULES : rules, NOW);
    if (!verdict.ok) {
      expect(verdict.reason.length).toBeGreaterThan(0);
      seen.refused++;
      return;
    }
    seen.accepted++;
    Y.applyUpdate(server, update);
    expectValidBoard(server);
    if (writer.role === 'participant') {
      expect(JSON.stringify(metaMap(server).toJSON()), 'a participant never changes meta').toBe(metaBefore);
      for (const [key, value] of notesMap(server).entries()) {
        if (key === 'n1' || key === 'n2') continue;
        expect((value as Y.Map<unknown>).get('authorId'), "new notes are their writer's").toBe(alice.id);
      }
      for (const id of ['n1', 'n2']) {
        const note = notesMap(server).get(id);
        if (note instanceof Y.Map) expect(note.get('authorId')).toBe(id === 'n1' ? alice.id : bob.id);
      }
    }
  });
}

describe('the board guard over generated updates', () => {
  afterEach(() => {
    expect(seen.accepted, 'updates let through').toBeGreaterThan(RUNS / 10);
    expect(seen.refused, 'updates refused').toBeGreaterThan(RUNS / 10);
    seen.accepted = 0;
    seen.refused = 0;
  });

  it("[G1] [G2] [G4] a participant's update is refused or leaves every record valid, bounded and their own", () => {
    fc.assert(property({ role: 'participant', personId: alice.id }), { seed: SEED, numRuns: RUNS });
  });

  it("[G1] [G2] a facilitator's update is refused or leaves every record valid and bounded", () => {
    fc.assert(property({ role: 'facilitator', personId: null }), { seed: SEED + 1, numRuns: RUNS });
  });
});
