import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linksMap, metaMap, notesMap, themesMap } from '../../shared/model/doc';
import { addLink, linkId, removeLink } from '../../shared/model/mutations/links';
import { initBoard, setBoardTitle } from '../../shared/model/mutations/meta';
import { addNote, deleteNote, editNoteText, moveNote, moveNotes, setNoteColour, ungroupNotes } from '../../shared/model/mutations/notes';
import { createTheme, dissolveTheme, groupNotes, moveTheme, renameTheme } from '../../shared/model/mutations/themes';
import { serverOrigin } from '../../shared/model/origin';
import { BOARD_TITLE_MAX, NOTE_TEXT_MAX, SCHEMA_VERSION, THEME_STATEMENT_MAX, THEME_TITLE_MAX } from '../../shared/model/schema';
import type { Colour, DimensionId, KindId } from '../../shared/model/vocabulary';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin, bob, bobOrigin, cellOf, expectRefused, ids, recordOrigins, syncDocs } from './support';

function note(doc: Y.Doc, id: string, dimension: DimensionId = 'structure', kind: KindId = 'challenge', themeId: string | null = null): string {
  return addNote(doc, { id, text: `text of ${id}`, dimension, kind, themeId, author: alice }, aliceOrigin);
}

function theme(doc: Y.Doc, id: string, dimension: DimensionId = 'structure', kind: KindId = 'challenge', noteIds: string[] = []): string {
  return createTheme(doc, { id, title: `Theme ${id}`, dimension, kind, noteIds }, aliceOrigin);
}

function textOf(doc: Y.Doc, noteId: string): string {
  const value = boardView(doc).notesById.get(noteId);
  if (!value) throw new Error(`note ${noteId} is not on the board`);
  return value.text;
}

function ungrouped(doc: Y.Doc, dimension: DimensionId = 'structure', kind: KindId = 'challenge'): string[] {
  return ids(cellOf(boardView(doc), dimension, kind).ungrouped);
}

function themeNotes(doc: Y.Doc, themeId: string): string[] {
  for (const dimension of boardView(doc).dimensions) {
    for (const cell of dimension.cells) {
      const found = cell.themes.find((t) => t.id === themeId);
      if (found) return ids(found.notes);
    }
  }
  throw new Error(`theme ${themeId} is not on the board`);
}

function themesIn(doc: Y.Doc, dimension: DimensionId = 'structure', kind: KindId = 'challenge'): string[] {
  return cellOf(boardView(doc), dimension, kind).themes.map((t) => t.id);
}

/** [V1] Every place the board shows a note, as `dimension/kind/themeId` (`-` when ungrouped). */
function placesOf(doc: Y.Doc, noteId: string): string[] {
  const places: string[] = [];
  for (const dimension of boardView(doc).dimensions) {
    for (const cell of dimension.cells) {
      for (const t of cell.themes) if (t.notes.some((n) => n.id === noteId)) places.push(`${cell.dimension}/${cell.kind}/${t.id}`);
      if (cell.ungrouped.some((n) => n.id === noteId)) places.push(`${cell.dimension}/${cell.kind}/-`);
    }
  }
  return places;
}

/** The one place a note is shown, on both peers alike ([C1], [V1]). */
function agreedPlace(a: Y.Doc, b: Y.Doc, noteId: string): string {
  const places = placesOf(a, noteId);
  expect(places, `${noteId} is shown exactly once`).toHaveLength(1);
  expect(placesOf(b, noteId), `${noteId} is shown in the same place on both peers`).toEqual(places);
  return places[0] ?? '';
}

/** Two peers with fixed client ids (the higher one wins concurrent writes of one key). */
function peers(clientA: number, clientB: number): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = clientA;
  b.clientID = clientB;
  return [a, b];
}

/** Counts the updates a doc emits from now on. */
function countUpdates(doc: Y.Doc): () => number {
  let updates = 0;
  doc.on('update', () => updates++);
  return () => updates;
}

/** Client ids for concurrency tests: each peer wins once. */
const CLIENT_PAIRS = [
  [1, 2],
  [2, 1],
  [41, 1000],
  [1000, 41],
] as const;

/** A board with something of everything, for the origin checks. */
function populated(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Workshop', template: null }, serverOrigin('template'));
  note(doc, 'c1');
  note(doc, 'c2');
  note(doc, 'n1', 'strategy', 'need');
  note(doc, 'n2', 'strategy', 'need');
  note(doc, 'p1', 'strategy', 'good-practice');
  theme(doc, 't1');
  note(doc, 'g1', 'structure', 'challenge', 't1');
  addLink(doc, 'n1', 'p1', 'alice', aliceOrigin);
  return doc;
}

describe('every mutation', () => {
  const writes: [string, (doc: Y.Doc) => unknown][] = [
    ['addNote', (doc) => addNote(doc, { text: 'x', dimension: 'strategy', kind: 'challenge', author: bob }, bobOrigin)],
    ['editNoteText', (doc) => editNoteText(doc, 'c1', 'changed', bobOrigin)],
    ['moveNote', (doc) => moveNote(doc, 'c1', { dimension: 'structure', kind: 'challenge', themeId: 't1' }, bobOrigin)],
    ['moveNotes', (doc) => moveNotes(doc, ['c2', 'n1', 'g1'], { dimension: 'organisation', kind: 'need', themeId: null }, bobOrigin)],
    ['ungroupNotes', (doc) => ungroupNotes(doc, ['c1', 'g1'], bobOrigin)],
    ['setNoteColour', (doc) => setNoteColour(doc, 'c1', 'sky', bobOrigin)],
    ['deleteNote', (doc) => deleteNote(doc, 'p1', bobOrigin)],
    ['createTheme', (doc) => createTheme(doc, { title: 'T', dimension: 'structure', kind: 'challenge', noteIds: ['c2'] }, bobOrigin)],
    ['renameTheme', (doc) => renameTheme(doc, 't1', { title: 'Renamed', statement: 'Why' }, bobOrigin)],
    ['dissolveTheme', (doc) => dissolveTheme(doc, 't1', bobOrigin)],
    ['groupNotes', (doc) => groupNotes(doc, ['c2', 'n1'], { title: 'Grouped', dimension: 'structure', kind: 'challenge' }, bobOrigin)],
    ['moveTheme', (doc) => moveTheme(doc, 't1', { dimension: 'strategy', kind: 'need' }, bobOrigin)],
    ['addLink', (doc) => addLink(doc, 'n2', 'p1', 'bob', bobOrigin)],
    ['removeLink', (doc) => removeLink(doc, linkId('n1', 'p1'), bobOrigin)],
    ['initBoard', (doc) => initBoard(doc, { title: 'Again', template: 'excite-d1.4' }, bobOrigin)],
    ['setBoardTitle', (doc) => setBoardTitle(doc, 'New title', bobOrigin)],
  ];

  it.each(writes)("[MU1] %s runs in exactly one transaction with the caller's origin", (_name, write) => {
    const doc = populated();
    const origins = recordOrigins(doc);
    const updates = countUpdates(doc);
    write(doc);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBe(bobOrigin);
    expect(updates(), 'the write changed the board, in one update').toBe(1);
  });

  it('[MU1] keeps the server origin for writes the server makes', () => {
    const doc = new Y.Doc();
    const origins = recordOrigins(doc);
    const origin = serverOrigin('repair');
    note(doc, 'c1');
    setNoteColour(doc, 'c1', 'violet', origin);
    expect(origins).toEqual([aliceOrigin, origin]);
    expect(origins[1]).toBe(origin);
  });
});

describe('addNote', () => {
  it('[MU1] adds a note with its text, cell, author, cluster and the default colour of its kind', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { text: 'Too few members', dimension: 'strategy', kind: 'need', author: alice }, aliceOrigin);
    const added = boardView(doc).notesById.get(id);
    expect(added).toMatchObject({
      id,
      text: 'Too few members',
      dimension: 'strategy',
      kind: 'need',
      themeId: null,
      colour: 'amber',
      authorId: 'alice',
      authorName: 'Alice',
      cluster: 'gaia',
      clusterLabel: 'GAIA',
    });
    expect(notesMap(doc).get(id)).toBeInstanceOf(Y.Map);
    expect((notesMap(doc).get(id) as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
  });

  it('gives every note a fresh random id when none is supplied', () => {
    const doc = new Y.Doc();
    const a = addNote(doc, { text: 'a', dimension: 'structure', kind: 'challenge', author: alice }, aliceOrigin);
    const b = addNote(doc, { text: 'b', dimension: 'structure', kind: 'challenge', author: alice }, aliceOrigin);
    expect(a).toMatch(/^[0-9a-z]{16}$/);
    expect(b).not.toBe(a);
  });

  it('appends each new note after the notes already in its place', () => {
    const doc = new Y.Doc();
    for (const id of ['z', 'm', 'a']) note(doc, id);
    expect(ungrouped(doc)).toEqual(['z', 'm', 'a']);
  });

  it('keeps an explicit colour and accepts text of exactly the maximum length', () => {
    const doc = new Y.Doc();
    const text = 'x'.repeat(NOTE_TEXT_MAX);
    addNote(doc, { id: 'n', text, dimension: 'structure', kind: 'challenge', colour: 'sky', author: alice }, aliceOrigin);
    expect(boardView(doc).notesById.get('n')).toMatchObject({ text, colour: 'sky' });
  });

  it('adds a note straight into a theme of its own cell', () => {
    const doc = new Y.Doc();
    theme(doc, 't');
    note(doc, 'n', 'structure', 'challenge', 't');
    expect(themeNotes(doc, 't')).toEqual(['n']);
    expect(ungrouped(doc)).toEqual([]);
  });

  it('[MU2] refuses a theme in another cell and a theme that is gone, changing nothing', () => {
    const doc = new Y.Doc();
    theme(doc, 't', 'strategy', 'challenge');
    expectRefused(doc, () => note(doc, 'n', 'structure', 'challenge', 't'), /own cell/);
    expectRefused(doc, () => note(doc, 'n', 'structure', 'challenge', 'gone'), /theme no longer exists/);
  });

  it.each([
    ['an empty author name', { author: { ...alice, name: '   ' } }, /author\.name: Name is required/],
    ['too-long text', { text: 'x'.repeat(NOTE_TEXT_MAX + 1) }, new RegExp(`at most ${NOTE_TEXT_MAX} characters`)],
    ['an unknown dimension', { dimension: 'finance' }, /^dimension: /],
    ['an unknown kind', { kind: 'idea' }, /^kind: /],
    ['an unknown colour', { colour: 'pink' }, /^colour: /],
    ['an empty id', { id: '' }, /^id: /],
  ])('[MU2] refuses %s with a readable message and changes nothing', (_what, override, message) => {
    const doc = new Y.Doc();
    note(doc, 'existing');
    const input = { text: 'ok', dimension: 'structure', kind: 'challenge', author: alice, ...override };
    expectRefused(doc, () => addNote(doc, input as Parameters<typeof addNote>[1], aliceOrigin), message);
  });

  it('[MU2] refuses an id that is already taken, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expectRefused(doc, () => note(doc, 'n', 'strategy', 'need'), /already exists/);
    expect(boardView(doc).notesById.get('n')?.dimension).toBe('structure');
  });
});

describe('editNoteText', () => {
  it('[MU1] replaces the text of a note', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    editNoteText(doc, 'n', 'A whole new text', aliceOrigin);
    expect(textOf(doc, 'n')).toBe('A whole new text');
    editNoteText(doc, 'n', '', aliceOrigin);
    expect(textOf(doc, 'n')).toBe('');
  });

  it('merges two people typing into one note at once, keeping both edits', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, { id: 'n', text: 'Members ignore e-mails', dimension: 'communication', kind: 'challenge', author: alice }, aliceOrigin);
    syncDocs(a, b);
    editNoteText(a, 'n', 'Busy members ignore e-mails', aliceOrigin);
    editNoteText(b, 'n', 'Members ignore e-mails from the cluster', bobOrigin);
    syncDocs(a, b);
    expect(textOf(a, 'n')).toBe('Busy members ignore e-mails from the cluster');
    expect(textOf(b, 'n')).toBe(textOf(a, 'n'));
  });

  it('merges concurrent edits in the middle of a note with a concurrent deletion elsewhere', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, { id: 'n', text: 'one two three four', dimension: 'structure', kind: 'need', author: alice }, aliceOrigin);
    syncDocs(a, b);
    editNoteText(a, 'n', 'one two and a half three four', aliceOrigin);
    editNoteText(b, 'n', 'one two three', bobOrigin);
    syncDocs(a, b);
    expect(textOf(a, 'n')).toBe('one two and a half three');
    expect(textOf(b, 'n')).toBe('one two and a half three');
  });

  it('never splits a surrogate pair when an emoji changes', () => {
    const doc = new Y.Doc();
    addNote(doc, { id: 'n', text: 'mood 😀 ok', dimension: 'structure', kind: 'need', author: alice }, aliceOrigin);
    editNoteText(doc, 'n', 'mood 😃 ok', aliceOrigin);
    expect(textOf(doc, 'n')).toBe('mood 😃 ok');
    editNoteText(doc, 'n', 'mood 😃😃 ok', aliceOrigin);
    expect(textOf(doc, 'n')).toBe('mood 😃😃 ok');
  });

  it('repairs a note whose text was written as a plain string by a foreign tool', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    (notesMap(doc).get('n') as Y.Map<unknown>).set('text', 'plain');
    editNoteText(doc, 'n', 'now shared', aliceOrigin);
    expect((notesMap(doc).get('n') as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect(textOf(doc, 'n')).toBe('now shared');
  });

  it('[MU2] refuses too-long text and a missing note, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expectRefused(doc, () => editNoteText(doc, 'n', 'x'.repeat(NOTE_TEXT_MAX + 1), aliceOrigin), /at most 2000 characters/);
    expectRefused(doc, () => editNoteText(doc, 'gone', 'hello', aliceOrigin), /note no longer exists/);
  });
});

describe('moveNote', () => {
  const here = { dimension: 'structure', kind: 'challenge', themeId: null } as const;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('[C1] two people moving one note at once end in one of the two places they chose (client ids %i)', (seed) => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.clientID = seed;
    b.clientID = 100 - seed;
    note(a, 'n');
    syncDocs(a, b);
    moveNote(a, 'n', { dimension: 'strategy', kind: 'challenge', themeId: null }, aliceOrigin);
    moveNote(b, 'n', { dimension: 'structure', kind: 'need', themeId: null }, bobOrigin);
    syncDocs(a, b);
    const placeA = boardView(a).notesById.get('n');
    const placeB = boardView(b).notesById.get('n');
    expect(placeA && [placeA.dimension, placeA.kind]).toEqual(placeB && [placeB.dimension, placeB.kind]);
    expect([
      ['strategy', 'challenge'],
      ['structure', 'need'],
    ]).toContainEqual(placeA && [placeA.dimension, placeA.kind]);
  });

  it.each([
    [0, ['x', 'a', 'b', 'c']],
    [1, ['a', 'x', 'b', 'c']],
    [2, ['a', 'b', 'x', 'c']],
    [3, ['a', 'b', 'c', 'x']],
    [99, ['a', 'b', 'c', 'x']],
  ])('puts the note at index %i among the notes already at the target (clamped to the ends)', (index, expected) => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    note(doc, 'x', 'strategy', 'challenge');
    moveNote(doc, 'x', { ...here, index }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(expected);
    expect(ungrouped(doc, 'strategy', 'challenge')).toEqual([]);
  });

  it('reorders a note within its own list, counting positions without the note itself', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    moveNote(doc, 'a', { ...here, index: 2 }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['b', 'c', 'a', 'd']);
    moveNote(doc, 'd', { ...here, index: 0 }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['d', 'b', 'c', 'a']);
    moveNote(doc, 'b', here, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('moves a note into a theme of its cell at an index, and back out to the end of the ungrouped notes', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['a', 'b']);
    moveNote(doc, 'c', { ...here, themeId: 't', index: 1 }, aliceOrigin);
    expect(themeNotes(doc, 't')).toEqual(['a', 'c', 'b']);
    expect(ungrouped(doc)).toEqual([]);
    note(doc, 'd');
    moveNote(doc, 'a', here, aliceOrigin);
    expect(themeNotes(doc, 't')).toEqual(['c', 'b']);
    expect(ungrouped(doc)).toEqual(['d', 'a']);
  });

  it('moves a note to another cell, changing its kind, and keeps its text, colour and author', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    setNoteColour(doc, 'n', 'violet', aliceOrigin);
    theme(doc, 't', 'communication', 'need');
    moveNote(doc, 'n', { dimension: 'communication', kind: 'need', themeId: 't' }, bobOrigin);
    const view = boardView(doc);
    expect(view.notesById.get('n')).toMatchObject({
      dimension: 'communication',
      kind: 'need',
      themeId: 't',
      text: 'text of n',
      colour: 'violet',
      authorId: 'alice',
    });
    expect(themeNotes(doc, 't')).toEqual(['n']);
    expect(cellOf(view, 'structure', 'challenge').noteCount).toBe(0);
  });

  it('[MU2] refuses a theme of another cell, a missing theme, a missing note and an unknown place, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    theme(doc, 't', 'strategy', 'challenge');
    expectRefused(doc, () => moveNote(doc, 'n', { ...here, themeId: 't' }, aliceOrigin), /own cell/);
    expectRefused(doc, () => moveNote(doc, 'n', { ...here, themeId: 'gone' }, aliceOrigin), /theme no longer exists/);
    expectRefused(doc, () => moveNote(doc, 'gone', here, aliceOrigin), /note no longer exists/);
    const nowhere = { ...here, dimension: 'finance' as DimensionId };
    expectRefused(doc, () => moveNote(doc, 'n', nowhere, aliceOrigin), /not a place on the board/);
    const noKind = { ...here, kind: 'idea' as KindId };
    expectRefused(doc, () => moveNote(doc, 'n', noKind, aliceOrigin), /not a place on the board/);
  });

  it('[MU2] refuses an index that is not a whole number', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    for (const index of [Number.NaN, 1.5, -1]) {
      expectRefused(doc, () => moveNote(doc, 'c', { ...here, index }, aliceOrigin), /whole number/);
    }
  });
});

describe('moveNotes', () => {
  const here = { dimension: 'structure', kind: 'challenge', themeId: null } as const;

  it.each([
    [0, ['y', 'x', 'a', 'b', 'c']],
    [1, ['a', 'y', 'x', 'b', 'c']],
    [2, ['a', 'b', 'y', 'x', 'c']],
    [3, ['a', 'b', 'c', 'y', 'x']],
    [99, ['a', 'b', 'c', 'y', 'x']],
    [undefined, ['a', 'b', 'c', 'y', 'x']],
  ])(
    'puts the notes, in the order given, at consecutive positions from index %s among the notes at the target (clamped to the end)',
    (index, expected) => {
      const doc = new Y.Doc();
      for (const id of ['a', 'b', 'c']) note(doc, id);
      for (const id of ['x', 'y', 'z']) note(doc, id, 'strategy', 'challenge');
      moveNotes(doc, ['y', 'x'], index === undefined ? here : { ...here, index }, aliceOrigin);
      expect(ungrouped(doc)).toEqual(expected);
      expect(ungrouped(doc, 'strategy', 'challenge')).toEqual(['z']);
    },
  );

  it('reorders notes within their own list, counting positions without the moved notes', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd', 'e']) note(doc, id);
    moveNotes(doc, ['d', 'a'], { ...here, index: 1 }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['b', 'd', 'a', 'c', 'e']);
    moveNotes(doc, ['e', 'b'], { ...here, index: 0 }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['e', 'b', 'd', 'a', 'c']);
    moveNotes(doc, ['e', 'b'], here, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['d', 'a', 'c', 'e', 'b']);
  });

  it('gathers notes from ungrouped notes, another theme and other cells into a theme, and leaves the rest in order', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 'src', 'structure', 'challenge', ['c', 'd']);
    theme(doc, 't', 'structure', 'challenge', ['a']);
    note(doc, 'far1', 'business-model', 'good-practice');
    note(doc, 'far2', 'business-model', 'good-practice');
    setNoteColour(doc, 'far1', 'violet', aliceOrigin);
    moveNotes(doc, ['far1', 'd', 'b'], { ...here, themeId: 't', index: 0 }, bobOrigin);
    expect(themeNotes(doc, 't')).toEqual(['far1', 'd', 'b', 'a']);
    expect(themeNotes(doc, 'src')).toEqual(['c']);
    expect(ungrouped(doc)).toEqual([]);
    expect(ungrouped(doc, 'business-model', 'good-practice')).toEqual(['far2']);
    expect(boardView(doc).notesById.get('far1')).toMatchObject({
      dimension: 'structure',
      kind: 'challenge',
      themeId: 't',
      text: 'text of far1',
      colour: 'violet',
      authorId: 'alice',
    });
    expect(cellOf(boardView(doc), 'structure', 'challenge').noteCount).toBe(5);
  });

  it('moves notes out of their themes to another cell, where they are ungrouped', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['a', 'b', 'c']);
    note(doc, 'there', 'strategy', 'need');
    moveNotes(doc, ['c', 'a'], { dimension: 'strategy', kind: 'need', themeId: null, index: 0 }, aliceOrigin);
    expect(ungrouped(doc, 'strategy', 'need')).toEqual(['c', 'a', 'there']);
    expect(themeNotes(doc, 't')).toEqual(['b']);
    for (const id of ['a', 'c']) expect(boardView(doc).notesById.get(id)?.themeId).toBeNull();
  });

  it('moves a note given twice only once, at its first position', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    moveNotes(doc, ['c', 'a', 'c', 'a'], { ...here, index: 0 }, aliceOrigin);
    expect(ungrouped(doc)).toEqual(['c', 'a', 'b']);
  });

  it('changes nothing, and runs no transaction, when no notes are given', () => {
    const doc = new Y.Doc();
    note(doc, 'a');
    const origins = recordOrigins(doc);
    const before = Y.encodeStateAsUpdate(doc);
    moveNotes(doc, [], { ...here, dimension: 'strategy' }, aliceOrigin);
    expect(origins).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("[MU1] moves all the notes in one transaction with the caller's origin, so a peer receives them together", () => {
    const a = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(a, id);
    note(a, 'd', 'strategy', 'need');
    const b = new Y.Doc();
    syncDocs(a, b);
    const origins = recordOrigins(a);
    const sent: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => sent.push(update));
    moveNotes(a, ['c', 'd', 'a'], { dimension: 'communication', kind: 'need', themeId: null }, bobOrigin);
    expect(origins).toEqual([bobOrigin]);
    expect(sent).toHaveLength(1);
    Y.applyUpdate(b, sent[0] ?? new Uint8Array());
    expect(ungrouped(b, 'communication', 'need')).toEqual(['c', 'd', 'a']);
    expect(ungrouped(b)).toEqual(['b']);
  });

  it('[MU2] refuses the whole move when one of the notes is gone, moving none of them', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) note(doc, id);
    expectRefused(doc, () => moveNotes(doc, ['a', 'gone', 'b'], { ...here, dimension: 'strategy' }, aliceOrigin), /note no longer exists/);
    expect(ungrouped(doc)).toEqual(['a', 'b']);
  });

  it('[MU2] refuses a theme of another cell, a missing theme and an unknown place, changing nothing', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) note(doc, id);
    theme(doc, 't', 'strategy', 'challenge');
    expectRefused(doc, () => moveNotes(doc, ['a', 'b'], { ...here, themeId: 't' }, aliceOrigin), /own cell/);
    expectRefused(doc, () => moveNotes(doc, ['a', 'b'], { ...here, themeId: 'gone' }, aliceOrigin), /theme no longer exists/);
    expectRefused(doc, () => moveNotes(doc, ['a'], { ...here, dimension: 'finance' as DimensionId }, aliceOrigin), /not a place on the board/);
    expectRefused(doc, () => moveNotes(doc, ['a'], { ...here, kind: 'idea' as KindId }, aliceOrigin), /not a place on the board/);
    // The target is checked even when there is nothing to move.
    expectRefused(doc, () => moveNotes(doc, [], { ...here, kind: 'idea' as KindId }, aliceOrigin), /not a place on the board/);
  });

  it('[MU2] refuses an index that is not a whole number from 0, changing nothing', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    for (const index of [Number.NaN, 1.5, -1, Number.POSITIVE_INFINITY]) {
      expectRefused(doc, () => moveNotes(doc, ['c', 'a'], { ...here, index }, aliceOrigin), /whole number/);
    }
  });

  it.each(CLIENT_PAIRS)(
    '[C1] two people moving overlapping notes to different cells at once: every note ends in a cell chosen for it, shown once (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['x', 'shared', 'y']) note(a, id);
      syncDocs(a, b);
      moveNotes(a, ['x', 'shared'], { dimension: 'strategy', kind: 'need', themeId: null }, aliceOrigin);
      moveNotes(b, ['shared', 'y'], { dimension: 'communication', kind: 'good-practice', themeId: null }, bobOrigin);
      syncDocs(a, b);
      expect(agreedPlace(a, b, 'x')).toBe('strategy/need/-');
      expect(agreedPlace(a, b, 'y')).toBe('communication/good-practice/-');
      expect(['strategy/need/-', 'communication/good-practice/-']).toContain(agreedPlace(a, b, 'shared'));
      expect(boardView(a).noteCount).toBe(3);
    },
  );

  it("[V2] a note moved into a theme while a peer dissolves it shows ungrouped in the theme's cell", () => {
    const [a, b] = peers(1, 2);
    for (const id of ['a', 'b']) note(a, id);
    theme(a, 't', 'structure', 'challenge', ['a']);
    note(a, 'c', 'strategy', 'need');
    syncDocs(a, b);
    moveNotes(a, ['c', 'b'], { ...here, themeId: 't' }, aliceOrigin);
    dissolveTheme(b, 't', bobOrigin);
    syncDocs(a, b);
    for (const id of ['a', 'b', 'c']) expect(agreedPlace(a, b, id)).toBe('structure/challenge/-');
  });
});

describe('ungroupNotes', () => {
  it("takes notes out of their themes to the end of their own cells' ungrouped notes, in one transaction", () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['a', 'b', 'c']);
    for (const id of ['e', 'f', 'g']) note(doc, id, 'strategy', 'need');
    theme(doc, 'u', 'strategy', 'need', ['e', 'f']);
    const origins = recordOrigins(doc);
    ungroupNotes(doc, ['a', 'f', 'c'], bobOrigin);
    expect(origins).toEqual([bobOrigin]);
    expect(ungrouped(doc)).toEqual(['d', 'a', 'c']);
    expect(themeNotes(doc, 't')).toEqual(['b']);
    expect(ungrouped(doc, 'strategy', 'need')).toEqual(['g', 'f']);
    expect(themeNotes(doc, 'u')).toEqual(['e']);
    expect(themesIn(doc)).toEqual(['t']);
    for (const id of ['a', 'c', 'f']) expect(boardView(doc).notesById.get(id)).toMatchObject({ themeId: null, text: `text of ${id}` });
  });

  it('leaves notes that are in no theme where they are', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['c']);
    ungroupNotes(doc, ['a', 'c', 'b'], aliceOrigin);
    expect(ungrouped(doc)).toEqual(['a', 'b', 'd', 'c']);
    const before = Y.encodeStateAsUpdate(doc);
    ungroupNotes(doc, ['a', 'b', 'c', 'd'], aliceOrigin);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('[V2] clears the theme of a note shown ungrouped because its theme was dissolved by a peer', () => {
    const [a, b] = peers(1, 2);
    for (const id of ['a', 'n']) note(a, id);
    theme(a, 't');
    syncDocs(a, b);
    moveNote(a, 'n', { dimension: 'structure', kind: 'challenge', themeId: 't' }, aliceOrigin);
    dissolveTheme(b, 't', bobOrigin);
    syncDocs(a, b);
    expect(boardView(a).notesById.get('n')?.themeId).toBe('t');
    expect(agreedPlace(a, b, 'n')).toBe('structure/challenge/-');
    ungroupNotes(a, ['n'], aliceOrigin);
    expect(boardView(a).notesById.get('n')?.themeId).toBeNull();
    expect(ungrouped(a)).toEqual(['a', 'n']);
  });

  it('[MU2] refuses when one of the notes is gone, changing nothing, not even the notes before it', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['a', 'b']);
    expectRefused(doc, () => ungroupNotes(doc, ['a', 'gone', 'b'], aliceOrigin), /no longer exists/);
    expect(themeNotes(doc, 't')).toEqual(['a', 'b']);
  });

  it('[C1] ungrouping a note while a peer moves it into another theme of the cell ends in one of the two places', () => {
    for (const [clientA, clientB] of CLIENT_PAIRS) {
      const [a, b] = peers(clientA, clientB);
      note(a, 'n');
      theme(a, 't', 'structure', 'challenge', ['n']);
      theme(a, 'u');
      syncDocs(a, b);
      ungroupNotes(a, ['n'], aliceOrigin);
      moveNote(b, 'n', { dimension: 'structure', kind: 'challenge', themeId: 'u' }, bobOrigin);
      syncDocs(a, b);
      expect(['structure/challenge/-', 'structure/challenge/u']).toContain(agreedPlace(a, b, 'n'));
    }
  });
});

describe('setNoteColour', () => {
  it('changes the colour of a note', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expect(boardView(doc).notesById.get('n')?.colour).toBe('rose');
    setNoteColour(doc, 'n', 'slate', aliceOrigin);
    expect(boardView(doc).notesById.get('n')?.colour).toBe('slate');
  });

  it("[NA3] stores no colour for a new note, so the view shows its kind's colour", () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expect((notesMap(doc).get('n') as Y.Map<unknown>).get('colour')).toBeNull();
    expect(boardView(doc).notesById.get('n')).toMatchObject({ colour: 'rose', colourPicked: false });
  });

  it("[NA3] a moved note takes its new kind's colour unless its colour was picked by hand", () => {
    const doc = new Y.Doc();
    note(doc, 'plain');
    note(doc, 'picked');
    setNoteColour(doc, 'picked', 'sky', aliceOrigin);
    moveNotes(doc, ['plain', 'picked'], { dimension: 'strategy', kind: 'good-practice', themeId: null }, bobOrigin);
    const view = boardView(doc);
    expect(view.notesById.get('plain')).toMatchObject({ kind: 'good-practice', colour: 'green', colourPicked: false });
    expect(view.notesById.get('picked')).toMatchObject({ kind: 'good-practice', colour: 'sky', colourPicked: true });
  });

  it("[NA3] a colour picked equal to the kind's stays when the note changes kind; null gives back the kind's colour", () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    setNoteColour(doc, 'n', 'rose', aliceOrigin);
    moveNote(doc, 'n', { dimension: 'structure', kind: 'need', themeId: null }, aliceOrigin);
    expect(boardView(doc).notesById.get('n')).toMatchObject({ colour: 'rose', colourPicked: true });
    setNoteColour(doc, 'n', null, aliceOrigin);
    expect(boardView(doc).notesById.get('n')).toMatchObject({ colour: 'amber', colourPicked: false });
    expect((notesMap(doc).get('n') as Y.Map<unknown>).get('colour')).toBeNull();
  });

  it('[MU2] refuses an unknown colour and a missing note, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expectRefused(doc, () => setNoteColour(doc, 'n', 'pink' as Colour, aliceOrigin), /colour is not available/);
    expectRefused(doc, () => setNoteColour(doc, 'gone', 'sky', aliceOrigin), /note no longer exists/);
  });
});

describe('deleteNote', () => {
  it('removes the note and every link naming it, and keeps the other links', () => {
    const doc = new Y.Doc();
    note(doc, 'need1', 'strategy', 'need');
    note(doc, 'need2', 'strategy', 'need');
    note(doc, 'gp1', 'organisation', 'good-practice');
    note(doc, 'gp2', 'organisation', 'good-practice');
    addLink(doc, 'need1', 'gp1', 'alice', aliceOrigin);
    addLink(doc, 'need2', 'gp1', 'alice', aliceOrigin);
    addLink(doc, 'need2', 'gp2', 'alice', aliceOrigin);
    deleteNote(doc, 'gp1', bobOrigin);
    expect(notesMap(doc).has('gp1')).toBe(false);
    expect([...linksMap(doc).keys()]).toEqual([linkId('need2', 'gp2')]);
    deleteNote(doc, 'need2', bobOrigin);
    expect(linksMap(doc).size).toBe(0);
    expect([...boardView(doc).notesById.keys()].sort()).toEqual(['gp2', 'need1']);
  });

  it('is a no-op for a note that is already gone', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    const before = Y.encodeStateAsUpdate(doc);
    deleteNote(doc, 'gone', aliceOrigin);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('createTheme', () => {
  it('creates a titled theme after the themes already in its cell', () => {
    const doc = new Y.Doc();
    theme(doc, 'first');
    const id = createTheme(
      doc,
      { title: '  Reporting  ', statement: 'Less time on reports', dimension: 'structure', kind: 'challenge' },
      aliceOrigin,
    );
    const cell = cellOf(boardView(doc), 'structure', 'challenge');
    expect(cell.themes.map((t) => t.id)).toEqual(['first', id]);
    expect(cell.themes[1]).toMatchObject({ title: 'Reporting', statement: 'Less time on reports', notes: [] });
  });

  it('gathers notes of its cell in their current board order, from ungrouped and from other themes', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 'old', 'structure', 'challenge', ['c']);
    theme(doc, 'new', 'structure', 'challenge', ['d', 'c', 'a']);
    expect(themeNotes(doc, 'new')).toEqual(['a', 'c', 'd']);
    expect(themeNotes(doc, 'old')).toEqual([]);
    expect(ungrouped(doc)).toEqual(['b']);
  });

  it('[MU2] refuses notes of another cell and notes that are gone, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'here');
    note(doc, 'there', 'structure', 'need');
    expectRefused(doc, () => theme(doc, 't', 'structure', 'challenge', ['here', 'there']), /only gather notes from its own cell/);
    expectRefused(doc, () => theme(doc, 't', 'structure', 'challenge', ['here', 'gone']), /no longer exists/);
    expect(boardView(doc).notesById.get('here')?.themeId).toBeNull();
  });

  it.each([
    ['an empty title', { title: '  ' }, /^title: A theme needs a title/],
    ['a too-long title', { title: 'x'.repeat(THEME_TITLE_MAX + 1) }, /^title: /],
    ['a too-long statement', { statement: 'x'.repeat(THEME_STATEMENT_MAX + 1) }, /^statement: /],
    ['an unknown dimension', { dimension: 'finance' }, /^dimension: /],
    ['a taken id', { id: 'taken' }, /already exists/],
  ])('[MU2] refuses %s, changing nothing', (_what, override, message) => {
    const doc = new Y.Doc();
    theme(doc, 'taken');
    const input = { title: 'Fine', dimension: 'structure', kind: 'challenge', ...override };
    expectRefused(doc, () => createTheme(doc, input as Parameters<typeof createTheme>[1], aliceOrigin), message);
  });
});

describe('renameTheme', () => {
  it('changes the title (trimmed) and the statement independently', () => {
    const doc = new Y.Doc();
    theme(doc, 't');
    renameTheme(doc, 't', { title: '  Engagement ' }, aliceOrigin);
    renameTheme(doc, 't', { statement: 'Members stay active.' }, aliceOrigin);
    expect(cellOf(boardView(doc), 'structure', 'challenge').themes[0]).toMatchObject({ title: 'Engagement', statement: 'Members stay active.' });
  });

  it('[MU2] refuses an empty or too-long title, a too-long statement and a missing theme, changing nothing', () => {
    const doc = new Y.Doc();
    theme(doc, 't');
    expectRefused(doc, () => renameTheme(doc, 't', { title: ' ' }, aliceOrigin), /1 to 120 characters/);
    expectRefused(doc, () => renameTheme(doc, 't', { title: 'x'.repeat(THEME_TITLE_MAX + 1) }, aliceOrigin), /1 to 120 characters/);
    expectRefused(doc, () => renameTheme(doc, 't', { statement: 'x'.repeat(THEME_STATEMENT_MAX + 1) }, aliceOrigin), /at most 1000/);
    expectRefused(doc, () => renameTheme(doc, 'gone', { title: 'Fine' }, aliceOrigin), /theme no longer exists/);
  });
});

describe('dissolveTheme', () => {
  it('removes the theme and returns its notes, in order, after the ungrouped notes of the cell', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 't', 'structure', 'challenge', ['c', 'a']);
    theme(doc, 'other', 'structure', 'challenge', ['d']);
    dissolveTheme(doc, 't', bobOrigin);
    expect(themesMap(doc).has('t')).toBe(false);
    expect(ungrouped(doc)).toEqual(['b', 'a', 'c']);
    expect(themeNotes(doc, 'other')).toEqual(['d']);
    for (const id of ['a', 'c']) expect(boardView(doc).notesById.get(id)?.themeId).toBeNull();
  });

  it('is a no-op for a theme that is already gone', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    const before = Y.encodeStateAsUpdate(doc);
    dissolveTheme(doc, 'gone', aliceOrigin);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('groupNotes', () => {
  const cell = { dimension: 'structure', kind: 'challenge' } as const;

  it('makes a theme after the themes of the cell holding the notes in the order given, from ungrouped notes, another theme and other cells', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'd']) note(doc, id);
    theme(doc, 'old', 'structure', 'challenge', ['c', 'd']);
    note(doc, 'far', 'organisation', 'need');
    const id = groupNotes(doc, ['far', 'd', 'a'], { title: '  Engagement ', statement: 'Members stay active.', ...cell }, aliceOrigin);
    expect(id).toMatch(/^[0-9a-z]{16}$/);
    expect(themesIn(doc)).toEqual(['old', id]);
    expect(cellOf(boardView(doc), 'structure', 'challenge').themes[1]).toMatchObject({ title: 'Engagement', statement: 'Members stay active.' });
    expect(themeNotes(doc, id)).toEqual(['far', 'd', 'a']);
    expect(themeNotes(doc, 'old')).toEqual(['c']);
    expect(ungrouped(doc)).toEqual(['b']);
    expect(cellOf(boardView(doc), 'organisation', 'need').noteCount).toBe(0);
    expect(boardView(doc).notesById.get('far')).toMatchObject({ dimension: 'structure', kind: 'challenge', themeId: id, text: 'text of far' });
  });

  it('uses the id given, and groups a note given twice once', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b']) note(doc, id);
    expect(groupNotes(doc, ['b', 'a', 'b'], { id: 'mine', title: 'Mine', ...cell }, aliceOrigin)).toBe('mine');
    expect(themeNotes(doc, 'mine')).toEqual(['b', 'a']);
  });

  it("[MU1] creates the theme and moves the notes in one transaction with the caller's origin, so a peer receives them together", () => {
    const a = new Y.Doc();
    note(a, 'x');
    note(a, 'y', 'strategy', 'need');
    const b = new Y.Doc();
    syncDocs(a, b);
    const origins = recordOrigins(a);
    const sent: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => sent.push(update));
    groupNotes(a, ['y', 'x'], { id: 'g', title: 'G', ...cell }, bobOrigin);
    expect(origins).toEqual([bobOrigin]);
    expect(sent).toHaveLength(1);
    Y.applyUpdate(b, sent[0] ?? new Uint8Array());
    expect(themeNotes(b, 'g')).toEqual(['y', 'x']);
  });

  it.each([
    ['an empty title', { title: '  ' }, /^title: A theme needs a title/],
    ['a too-long title', { title: 'x'.repeat(THEME_TITLE_MAX + 1) }, /^title: /],
    ['a too-long statement', { statement: 'x'.repeat(THEME_STATEMENT_MAX + 1) }, /^statement: /],
    ['an unknown dimension', { dimension: 'finance' }, /^dimension: /],
    ['an unknown kind', { kind: 'idea' }, /^kind: /],
    ['a taken id', { id: 'taken' }, /already exists/],
  ])('[MU2] refuses %s, changing nothing', (_what, override, message) => {
    const doc = new Y.Doc();
    note(doc, 'a');
    theme(doc, 'taken');
    const input = { title: 'Fine', ...cell, ...override };
    expectRefused(doc, () => groupNotes(doc, ['a'], input as Parameters<typeof groupNotes>[2], aliceOrigin), message);
  });

  it('[MU2] refuses to group no notes, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'a');
    expectRefused(doc, () => groupNotes(doc, [], { title: 'Empty', ...cell }, aliceOrigin), /at least one note/);
  });

  // Yjs does not roll a transaction back: groupNotes checks every note before writing the theme.
  it('[MU2] refuses a note that is gone, creating no theme', () => {
    const doc = new Y.Doc();
    note(doc, 'a');
    expectRefused(doc, () => groupNotes(doc, ['a', 'gone'], { id: 'g', title: 'G', ...cell }, aliceOrigin), /no longer exists/);
  });

  it.each(CLIENT_PAIRS)(
    '[C1] grouping notes while a peer deletes one of them leaves the theme with the others (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['x', 'y']) note(a, id);
      note(a, 'z', 'strategy', 'need');
      note(a, 'gp', 'strategy', 'good-practice');
      addLink(a, 'z', 'gp', 'alice', aliceOrigin);
      syncDocs(a, b);
      groupNotes(a, ['z', 'x', 'y'], { id: 'g', title: 'G', ...cell }, aliceOrigin);
      deleteNote(b, 'x', bobOrigin);
      syncDocs(a, b);
      for (const doc of [a, b]) {
        expect(themeNotes(doc, 'g')).toEqual(['z', 'y']);
        expect(boardView(doc).notesById.has('x')).toBe(false);
        expect(boardView(doc).links.map((l) => l.id)).toEqual(['z>gp']);
        expect(boardView(doc).noteCount).toBe(3);
      }
      expect(agreedPlace(a, b, 'z')).toBe('structure/challenge/g');
    },
  );

  it.each(CLIENT_PAIRS)(
    '[C1] two people grouping overlapping notes in one cell at once: both themes exist and the shared note is in exactly one (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['x', 'shared', 'y']) note(a, id);
      syncDocs(a, b);
      groupNotes(a, ['x', 'shared'], { id: 'ta', title: 'A', ...cell }, aliceOrigin);
      groupNotes(b, ['shared', 'y'], { id: 'tb', title: 'B', ...cell }, bobOrigin);
      syncDocs(a, b);
      expect(themesIn(a).sort()).toEqual(['ta', 'tb']);
      expect(themesIn(b)).toEqual(themesIn(a));
      expect(agreedPlace(a, b, 'x')).toBe('structure/challenge/ta');
      expect(agreedPlace(a, b, 'y')).toBe('structure/challenge/tb');
      expect(['structure/challenge/ta', 'structure/challenge/tb']).toContain(agreedPlace(a, b, 'shared'));
    },
  );

  it.each(CLIENT_PAIRS)(
    '[C1] two people grouping overlapping notes in different cells at once: the shared note ends in one of the two cells, shown once (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['x', 'shared', 'y']) note(a, id);
      syncDocs(a, b);
      groupNotes(a, ['x', 'shared'], { id: 'ta', title: 'A', ...cell }, aliceOrigin);
      groupNotes(b, ['shared', 'y'], { id: 'tb', title: 'B', dimension: 'strategy', kind: 'need' }, bobOrigin);
      syncDocs(a, b);
      expect(agreedPlace(a, b, 'x')).toBe('structure/challenge/ta');
      expect(agreedPlace(a, b, 'y')).toBe('strategy/need/tb');
      // Only the cell is promised (SPEC C1): when the same-cell grouping wins the themeId, the note
      // lands in the other cell outside any theme (see the report on this mix).
      expect(agreedPlace(a, b, 'shared')).toMatch(/^(structure\/challenge|strategy\/need)\//);
    },
  );
});

describe('moveTheme', () => {
  function threeThemes(): Y.Doc {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c', 'loose']) note(doc, id);
    theme(doc, 't1', 'structure', 'challenge', ['a']);
    theme(doc, 't2', 'structure', 'challenge', ['b']);
    theme(doc, 't3', 'structure', 'challenge', ['c']);
    return doc;
  }

  it.each([
    [0, ['t3', 't1', 't2']],
    [1, ['t1', 't3', 't2']],
    [2, ['t1', 't2', 't3']],
    [99, ['t1', 't2', 't3']],
    [undefined, ['t1', 't2', 't3']],
  ])('reorders a theme to index %s among the themes of its cell (clamped to the end), keeping its notes', (index, expected) => {
    const doc = threeThemes();
    const notesBefore = notesMap(doc).toJSON();
    moveTheme(
      doc,
      't3',
      index === undefined ? { dimension: 'structure', kind: 'challenge' } : { dimension: 'structure', kind: 'challenge', index },
      aliceOrigin,
    );
    expect(themesIn(doc)).toEqual(expected);
    expect(notesMap(doc).toJSON()).toEqual(notesBefore);
    expect(themeNotes(doc, 't3')).toEqual(['c']);
  });

  it('counts positions among the other themes of the cell', () => {
    const doc = threeThemes();
    moveTheme(doc, 't1', { dimension: 'structure', kind: 'challenge', index: 1 }, aliceOrigin);
    expect(themesIn(doc)).toEqual(['t2', 't1', 't3']);
    moveTheme(doc, 't3', { dimension: 'structure', kind: 'challenge', index: 0 }, aliceOrigin);
    expect(themesIn(doc)).toEqual(['t3', 't2', 't1']);
  });

  it('moves a theme with its notes, in order, to another cell, after its themes or at an index, leaving the rest of the old cell', () => {
    const doc = threeThemes();
    for (const id of ['d', 'e']) note(doc, id, 'structure', 'challenge', 't2');
    setNoteColour(doc, 'e', 'sky', aliceOrigin);
    theme(doc, 'there1', 'strategy', 'need');
    theme(doc, 'there2', 'strategy', 'need');
    note(doc, 'resident', 'strategy', 'need');
    moveTheme(doc, 't2', { dimension: 'strategy', kind: 'need' }, bobOrigin);
    expect(themesIn(doc, 'strategy', 'need')).toEqual(['there1', 'there2', 't2']);
    expect(themeNotes(doc, 't2')).toEqual(['b', 'd', 'e']);
    expect(boardView(doc).notesById.get('e')).toMatchObject({ dimension: 'strategy', kind: 'need', themeId: 't2', colour: 'sky', text: 'text of e' });
    expect(ungrouped(doc, 'strategy', 'need')).toEqual(['resident']);
    expect(themesIn(doc)).toEqual(['t1', 't3']);
    expect(ungrouped(doc)).toEqual(['loose']);
    expect(cellOf(boardView(doc), 'structure', 'challenge').noteCount).toBe(3);
    expect(cellOf(boardView(doc), 'strategy', 'need').noteCount).toBe(4);
    moveTheme(doc, 't1', { dimension: 'strategy', kind: 'need', index: 1 }, bobOrigin);
    expect(themesIn(doc, 'strategy', 'need')).toEqual(['there1', 't1', 'there2', 't2']);
    expect(themeNotes(doc, 't1')).toEqual(['a']);
  });

  it("[MU1] moves the theme and its notes in one transaction with the caller's origin, so a peer receives them together", () => {
    const a = threeThemes();
    const b = new Y.Doc();
    syncDocs(a, b);
    const origins = recordOrigins(a);
    const sent: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => sent.push(update));
    moveTheme(a, 't1', { dimension: 'communication', kind: 'good-practice' }, bobOrigin);
    expect(origins).toEqual([bobOrigin]);
    expect(sent).toHaveLength(1);
    Y.applyUpdate(b, sent[0] ?? new Uint8Array());
    expect(themesIn(b, 'communication', 'good-practice')).toEqual(['t1']);
    expect(placesOf(b, 'a')).toEqual(['communication/good-practice/t1']);
  });

  it('[MU2] refuses a missing theme, an unknown place and an index that is not a whole number, changing nothing', () => {
    const doc = threeThemes();
    expectRefused(doc, () => moveTheme(doc, 'gone', { dimension: 'structure', kind: 'challenge' }, aliceOrigin), /theme no longer exists/);
    expectRefused(
      doc,
      () => moveTheme(doc, 't1', { dimension: 'finance' as DimensionId, kind: 'challenge' }, aliceOrigin),
      /not a place on the board/,
    );
    expectRefused(doc, () => moveTheme(doc, 't1', { dimension: 'structure', kind: 'idea' as KindId }, aliceOrigin), /not a place on the board/);
    for (const index of [Number.NaN, 0.5, -1]) {
      expectRefused(doc, () => moveTheme(doc, 't1', { dimension: 'strategy', kind: 'need', index }, aliceOrigin), /whole number/);
    }
  });

  it.each(CLIENT_PAIRS)(
    '[C1] moving a theme to another cell while a peer moves one of its notes to a third cell: the note ends with the theme or where the peer put it, shown once (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['n', 'm']) note(a, id);
      theme(a, 't', 'structure', 'challenge', ['n', 'm']);
      syncDocs(a, b);
      moveTheme(a, 't', { dimension: 'strategy', kind: 'need' }, aliceOrigin);
      moveNote(b, 'n', { dimension: 'communication', kind: 'challenge', themeId: null }, bobOrigin);
      syncDocs(a, b);
      expect(agreedPlace(a, b, 'm')).toBe('strategy/need/t');
      // moveTheme writes each member's whole place, so the note ends with the theme or where the
      // peer put it: never in the theme's new cell outside the theme.
      expect(['strategy/need/t', 'communication/challenge/-']).toContain(agreedPlace(a, b, 'n'));
      expect(boardView(a).noteCount).toBe(2);
    },
  );

  it('[C1] moving a theme while a peer reorders one of its notes carries the note along', () => {
    for (const [clientA, clientB] of CLIENT_PAIRS) {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['n', 'm']) note(a, id);
      theme(a, 't', 'structure', 'challenge', ['n', 'm']);
      syncDocs(a, b);
      moveTheme(a, 't', { dimension: 'strategy', kind: 'need' }, aliceOrigin);
      moveNote(b, 'n', { dimension: 'structure', kind: 'challenge', themeId: 't' }, bobOrigin);
      syncDocs(a, b);
      expect(themeNotes(a, 't')).toEqual(['m', 'n']);
      expect(agreedPlace(a, b, 'n')).toBe('strategy/need/t');
    }
  });

  it('[C1] [V2] a note added to a theme while a peer moves the theme to another cell stays in the old cell, shown ungrouped', () => {
    const [a, b] = peers(1, 2);
    note(a, 'n');
    theme(a, 't', 'structure', 'challenge', ['n']);
    syncDocs(a, b);
    moveTheme(a, 't', { dimension: 'strategy', kind: 'need' }, aliceOrigin);
    note(b, 'late', 'structure', 'challenge', 't');
    syncDocs(a, b);
    expect(agreedPlace(a, b, 'n')).toBe('strategy/need/t');
    expect(agreedPlace(a, b, 'late')).toBe('structure/challenge/-');
  });

  it.each(CLIENT_PAIRS)(
    '[C1] two people moving one theme to different cells at once: the theme and all its notes end together in one of the two cells (client ids %i, %i)',
    (clientA, clientB) => {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['n', 'm']) note(a, id);
      theme(a, 't', 'structure', 'challenge', ['n', 'm']);
      syncDocs(a, b);
      moveTheme(a, 't', { dimension: 'strategy', kind: 'need' }, aliceOrigin);
      moveTheme(b, 't', { dimension: 'communication', kind: 'good-practice', index: 0 }, bobOrigin);
      syncDocs(a, b);
      const place = agreedPlace(a, b, 'n');
      expect(['strategy/need/t', 'communication/good-practice/t']).toContain(place);
      expect(agreedPlace(a, b, 'm')).toBe(place);
      expect(themeNotes(a, 't')).toEqual(['n', 'm']);
      expect(themeNotes(b, 't')).toEqual(['n', 'm']);
    },
  );

  it('[C1] [V2] moving a theme while a peer dissolves it leaves its notes shown ungrouped, each once', () => {
    for (const [clientA, clientB] of CLIENT_PAIRS) {
      const [a, b] = peers(clientA, clientB);
      for (const id of ['n', 'm']) note(a, id);
      theme(a, 't', 'structure', 'challenge', ['n', 'm']);
      syncDocs(a, b);
      moveTheme(a, 't', { dimension: 'strategy', kind: 'need' }, aliceOrigin);
      dissolveTheme(b, 't', bobOrigin);
      syncDocs(a, b);
      expect(themesMap(a).has('t')).toBe(false);
      for (const id of ['n', 'm']) expect(agreedPlace(a, b, id)).toMatch(/\/-$/);
    }
  });
});

describe('addLink', () => {
  function linkable(): Y.Doc {
    const doc = new Y.Doc();
    note(doc, 'need', 'strategy', 'need');
    note(doc, 'gp', 'business-model', 'good-practice');
    note(doc, 'ch', 'strategy', 'challenge');
    return doc;
  }

  it('links a need to a good practice under the id need>practice, shown on both notes', () => {
    const doc = linkable();
    const id = addLink(doc, 'need', 'gp', 'alice', aliceOrigin);
    expect(id).toBe('need>gp');
    const view = boardView(doc);
    expect(view.links).toEqual([expect.objectContaining({ id, needId: 'need', practiceId: 'gp', createdBy: 'alice' })]);
    expect(view.notesById.get('need')?.linkedIds).toEqual(['gp']);
    expect(view.notesById.get('gp')?.linkedIds).toEqual(['need']);
  });

  it('is idempotent: linking the same pair again changes nothing', () => {
    const doc = linkable();
    addLink(doc, 'need', 'gp', 'alice', aliceOrigin);
    const before = Y.encodeStateAsUpdate(doc);
    expect(addLink(doc, 'need', 'gp', 'bob', bobOrigin)).toBe('need>gp');
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('converges on one link when two people link the same pair at once on two docs', () => {
    const a = linkable();
    const b = new Y.Doc();
    syncDocs(a, b);
    addLink(a, 'need', 'gp', 'alice', aliceOrigin);
    addLink(b, 'need', 'gp', 'bob', bobOrigin);
    syncDocs(a, b);
    for (const doc of [a, b]) {
      expect(linksMap(doc).size).toBe(1);
      expect(boardView(doc).links.map((l) => l.id)).toEqual(['need>gp']);
    }
    expect(boardView(a).links).toEqual(boardView(b).links);
  });

  it('[MU2] refuses links that do not run from a need to a good practice, and missing notes, changing nothing', () => {
    const doc = linkable();
    expectRefused(doc, () => addLink(doc, 'ch', 'gp', 'alice', aliceOrigin), /starts at a "Best practice needed" note/);
    expectRefused(doc, () => addLink(doc, 'gp', 'need', 'alice', aliceOrigin), /starts at a "Best practice needed" note/);
    expectRefused(doc, () => addLink(doc, 'need', 'ch', 'alice', aliceOrigin), /ends at a "Good practice" note/);
    expectRefused(doc, () => addLink(doc, 'need', 'gone', 'alice', aliceOrigin), /no longer exists/);
  });
});

describe('removeLink', () => {
  it('removes a link and leaves its notes', () => {
    const doc = new Y.Doc();
    note(doc, 'need', 'strategy', 'need');
    note(doc, 'gp', 'strategy', 'good-practice');
    const id = addLink(doc, 'need', 'gp', 'alice', aliceOrigin);
    removeLink(doc, id, bobOrigin);
    const view = boardView(doc);
    expect(view.links).toEqual([]);
    expect(view.notesById.get('need')?.linkedIds).toEqual([]);
    expect(view.noteCount).toBe(2);
  });

  it('is a no-op for a link that is already gone', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    const before = Y.encodeStateAsUpdate(doc);
    removeLink(doc, 'a>b', aliceOrigin);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe('initBoard and setBoardTitle', () => {
  it('initBoard fills in the title (trimmed), template, schema version and creation time', () => {
    const doc = new Y.Doc();
    const start = Date.now();
    initBoard(doc, { title: '  Vilnius workshop ', template: 'excite-d1.4' }, serverOrigin('template'));
    const meta = boardView(doc).meta;
    expect(meta).toMatchObject({ title: 'Vilnius workshop', template: 'excite-d1.4', schemaVersion: SCHEMA_VERSION });
    expect(meta.createdAt).toBeGreaterThanOrEqual(start);
  });

  it('setBoardTitle changes only the title', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Before', template: null }, serverOrigin('template'));
    const createdAt = metaMap(doc).get('createdAt');
    setBoardTitle(doc, 'After', aliceOrigin);
    expect(boardView(doc).meta).toMatchObject({ title: 'After', template: null, schemaVersion: SCHEMA_VERSION, createdAt });
  });

  it('[MU2] refuses an empty or too-long board title, changing nothing', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Kept', template: null }, serverOrigin('template'));
    expectRefused(doc, () => initBoard(doc, { title: ' ', template: null }, aliceOrigin), /A board needs a title/);
    expectRefused(doc, () => setBoardTitle(doc, '', aliceOrigin), /A board needs a title/);
    expectRefused(doc, () => setBoardTitle(doc, 'x'.repeat(BOARD_TITLE_MAX + 1), aliceOrigin), /./);
    expect(boardView(doc).meta.title).toBe('Kept');
  });
});
