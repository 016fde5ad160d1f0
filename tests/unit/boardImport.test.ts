/** A board export is imported only within the bounds every other way in has (SPEC E4). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importRecords } from '../../shared/model/mutations/importBoard';
import { addLink } from '../../shared/model/mutations/links';
import { initBoard } from '../../shared/model/mutations/meta';
import { addNote } from '../../shared/model/mutations/notes';
import { groupNotes } from '../../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { type BoardExport, exportJson, ImportError, parseBoardExport } from '../../shared/report/json';
import { boardView } from '../../shared/view/boardView';

/** The importing server's clock: the board below is made just before it. */
const now = Date.now() + 1_000;

function exported(): BoardExport {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Import me', template: null }, serverOrigin('template'));
  const ana = { id: 'ana', name: 'Ana', cluster: 'gaia' };
  const origin = localOrigin('ana');
  const need = addNote(doc, { text: 'A light CRM', dimension: 'strategy', kind: 'need', author: ana }, origin);
  const practice = addNote(doc, { text: 'KPI monitoring', dimension: 'strategy', kind: 'good-practice', author: ana }, origin);
  const other = addNote(doc, { text: 'Weak KPIs', dimension: 'strategy', kind: 'challenge', author: ana }, origin);
  addNote(doc, { text: 'No tool', dimension: 'strategy', kind: 'challenge', author: ana }, origin);
  groupNotes(doc, [other], { title: 'Reporting', dimension: 'strategy', kind: 'challenge' }, origin);
  addLink(doc, need, practice, 'ana', origin);
  return JSON.parse(JSON.stringify(exportJson(boardView(doc), new Date(now)))) as BoardExport;
}

type Edit = (file: Record<string, unknown> & BoardExport) => void;
const note = (file: BoardExport, i: number) => file.notes[i] as unknown as Record<string, unknown>;

const REFUSED: [string, Edit, RegExp][] = [
  [
    'a time of 1e300',
    (f) => (note(f, 3).createdAt = 1e300),
    /^notes\[3\]\.createdAt: must be a time no later than \d{4}-\d\d-\d\dT[\d:.]+Z \(24 hours from now\)/,
  ],
  ['a time more than a day ahead', (f) => (note(f, 0).updatedAt = now + 25 * 3_600_000), /^notes\[0\]\.updatedAt: must be a time no later than/],
  ['a negative time', (f) => (note(f, 1).createdAt = -1), /^notes\[1\]\.createdAt: must be a time in milliseconds since 1970, not before it/],
  [
    'a time as text',
    (f) => (note(f, 2).createdAt = '1710000000000'),
    /^notes\[2\]\.createdAt: must be a time in milliseconds since 1970 \(a number\)/,
  ],
  ['NaN as text', (f) => (note(f, 2).createdAt = 'NaN'), /^notes\[2\]\.createdAt: must be a time/],
  ['a missing time', (f) => delete note(f, 2).createdAt, /^notes\[2\]\.createdAt: must be a time/],
  ['a note text over 2,000 characters', (f) => (note(f, 0).text = 'x'.repeat(2001)), /^notes\[0\]\.text: must be at most 2000 characters\./],
  ['an id over 64 characters', (f) => (note(f, 0).id = 'x'.repeat(65)), /^notes\[0\]\.id: must be at most 64 characters\./],
  ['an empty id', (f) => (note(f, 0).id = ''), /^notes\[0\]\.id: must not be empty\./],
  ['an id used twice', (f) => (note(f, 1).id = note(f, 0).id), /^notes\[1\]\.id: ".+" is the id of an earlier record too\./],
  ['an unknown kind', (f) => (note(f, 0).kind = 'idea'), /^notes\[0\]\.kind: must be one of: challenge, need, good-practice\./],
  [
    'an author name over 200 characters',
    (f) => (note(f, 0).authorName = 'x'.repeat(201)),
    /^notes\[0\]\.authorName: must be at most 200 characters\./,
  ],
  ['a cluster over 86 characters', (f) => (note(f, 0).cluster = `other:${'x'.repeat(81)}`), /^notes\[0\]\.cluster: must be at most 86 characters\./],
  ['an order key over 1,000 characters', (f) => (note(f, 0).order = 'a'.repeat(1001)), /^notes\[0\]\.order: must be at most 1000 characters\./],
  [
    'an unknown field nested five deep',
    (f) => (note(f, 0).junk = { a: { b: { c: { d: { e: 1 } } } } }),
    /^notes\[0\]\.junk: is not a field Clusterboard knows/,
  ],
  [
    'an unknown field under a prototype name',
    (f) => Object.defineProperty(note(f, 0), 'constructor', { value: 1, enumerable: true }),
    /^notes\[0\]\.constructor: is not a field Clusterboard knows/,
  ],
  [
    'seventeen unknown fields',
    (f) => Object.assign(note(f, 0), Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}`, i]))),
    /^notes\[0\]\.f16: is one field too many/,
  ],
  [
    'a theme title over 120 characters',
    (f) => ((f.themes[0] as unknown as Record<string, unknown>).title = 'x'.repeat(121)),
    /^themes\[0\]\.title: must be at most 120 characters\./,
  ],
  [
    'a link to an id over 64 characters',
    (f) => ((f.links[0] as unknown as Record<string, unknown>).needId = 'x'.repeat(65)),
    /^links\[0\]\.needId: must be at most 64 characters\./,
  ],
  ['a board title over 200 characters', (f) => (f.board.title = 'x'.repeat(201)), /^board\.title: must be at most 200 characters\./],
  ['a board created in the far future', (f) => (f.board.createdAt = 9e15), /^board\.createdAt: must be a time no later than/],
  ['negative votes', (f) => (f.votes = { [f.notes[0]?.id ?? '']: -3 }), /^votes\..+: must not be negative\./],
  ['fractional votes', (f) => (f.votes = { [f.notes[0]?.id ?? '']: 1.5 }), /^votes\..+: must be a whole number of votes\./],
  ['notes that are not a list', (f) => ((f as Record<string, unknown>).notes = { a: 1 }), /^notes: must be a list\./],
];

describe('board import bounds', () => {
  it('[E4] a faithful export imports', () => {
    expect(parseBoardExport(exported(), now).notes).toHaveLength(4);
  });

  for (const [what, edit, message] of REFUSED) {
    it(`[E4] refuses ${what}, naming the field`, () => {
      const file = exported() as Record<string, unknown> & BoardExport;
      edit(file);
      expect(() => parseBoardExport(file, now)).toThrow(ImportError);
      expect(() => parseBoardExport(file, now)).toThrow(message);
    });
  }

  it('[E4] refuses more notes than a board holds, naming the list', () => {
    const file = exported();
    const first = file.notes[0];
    if (!first) throw new Error('the export has notes');
    const notes = Array.from({ length: 10_001 }, (_, i) => ({ ...first, id: `n${i}` }));
    expect(() => parseBoardExport({ ...file, notes }, now)).toThrow(/^notes: must hold at most 10,000 records\./);
  });
});

describe('importRecords', () => {
  it('[E4] refuses records out of bounds even when handed over without parsing, naming the field', () => {
    const file = parseBoardExport(exported(), now);
    const records = (notes: BoardExport['notes']) => ({ ...file.board, notes, themes: file.themes, links: file.links });
    const [first, ...rest] = file.notes;
    if (!first) throw new Error('the export has notes');
    expect(() => importRecords(new Y.Doc(), records([first, { ...first, id: 'far', createdAt: 1e300 }, ...rest]), serverOrigin('template'))).toThrow(
      'This board cannot be imported: notes[1].createdAt: not a time between 1970 and 24 hours from now.',
    );
    expect(() => importRecords(new Y.Doc(), records([{ ...first, text: 'x'.repeat(2001) }]), serverOrigin('template'))).toThrow(
      /notes\[0\]\.text: at most 2000 characters/,
    );
    const doc = new Y.Doc();
    importRecords(doc, records(file.notes), serverOrigin('template'));
    expect(boardView(doc).noteCount).toBe(4);
  });
});
