import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linksMap, metaMap, notesMap, themesMap } from '../../shared/model/doc';
import { addLink, linkId, removeLink } from '../../shared/model/mutations/links';
import { initBoard, setBoardTitle } from '../../shared/model/mutations/meta';
import { addNote, deleteNote, editNoteText, moveNote, setNoteColour } from '../../shared/model/mutations/notes';
import { createTheme, dissolveTheme, renameTheme } from '../../shared/model/mutations/themes';
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

/** A board with something of everything, for the origin checks. */
function populated(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Workshop', template: null }, serverOrigin('template'));
  note(doc, 'c1');
  note(doc, 'c2');
  note(doc, 'n1', 'strategy', 'need');
  note(doc, 'p1', 'strategy', 'good-practice');
  theme(doc, 't1');
  addLink(doc, 'n1', 'p1', 'alice', aliceOrigin);
  return doc;
}

describe('every mutation', () => {
  const writes: [string, (doc: Y.Doc) => unknown][] = [
    ['addNote', (doc) => addNote(doc, { text: 'x', dimension: 'strategy', kind: 'challenge', author: bob }, bobOrigin)],
    ['editNoteText', (doc) => editNoteText(doc, 'c1', 'changed', bobOrigin)],
    ['moveNote', (doc) => moveNote(doc, 'c1', { dimension: 'structure', kind: 'challenge', themeId: 't1' }, bobOrigin)],
    ['setNoteColour', (doc) => setNoteColour(doc, 'c1', 'sky', bobOrigin)],
    ['deleteNote', (doc) => deleteNote(doc, 'p1', bobOrigin)],
    ['createTheme', (doc) => createTheme(doc, { title: 'T', dimension: 'structure', kind: 'challenge', noteIds: ['c2'] }, bobOrigin)],
    ['renameTheme', (doc) => renameTheme(doc, 't1', { title: 'Renamed', statement: 'Why' }, bobOrigin)],
    ['dissolveTheme', (doc) => dissolveTheme(doc, 't1', bobOrigin)],
    ['addLink', (doc) => addLink(doc, 'n1', 'p1', 'bob', bobOrigin)],
    ['removeLink', (doc) => removeLink(doc, linkId('n1', 'p1'), bobOrigin)],
    ['initBoard', (doc) => initBoard(doc, { title: 'Again', template: 'excite-d1.4' }, bobOrigin)],
    ['setBoardTitle', (doc) => setBoardTitle(doc, 'New title', bobOrigin)],
  ];

  it.each(writes)("[M1] %s runs in exactly one transaction with the caller's origin", (_name, write) => {
    const doc = populated();
    const origins = recordOrigins(doc);
    write(doc);
    expect(origins).toHaveLength(1);
    expect(origins[0]).toBe(bobOrigin);
  });

  it('[M1] keeps the server origin for writes the server makes', () => {
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
  it('[M1] adds a note with its text, cell, author, cluster and the default colour of its kind', () => {
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

  it('[M2] refuses a theme in another cell and a theme that is gone, changing nothing', () => {
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
  ])('[M2] refuses %s with a readable message and changes nothing', (_what, override, message) => {
    const doc = new Y.Doc();
    note(doc, 'existing');
    const input = { text: 'ok', dimension: 'structure', kind: 'challenge', author: alice, ...override };
    expectRefused(doc, () => addNote(doc, input as Parameters<typeof addNote>[1], aliceOrigin), message);
  });

  it('[M2] refuses an id that is already taken, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expectRefused(doc, () => note(doc, 'n', 'strategy', 'need'), /already exists/);
    expect(boardView(doc).notesById.get('n')?.dimension).toBe('structure');
  });
});

describe('editNoteText', () => {
  it('[M1] replaces the text of a note', () => {
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

  it('[M2] refuses too-long text and a missing note, changing nothing', () => {
    const doc = new Y.Doc();
    note(doc, 'n');
    expectRefused(doc, () => editNoteText(doc, 'n', 'x'.repeat(NOTE_TEXT_MAX + 1), aliceOrigin), /at most 2000 characters/);
    expectRefused(doc, () => editNoteText(doc, 'gone', 'hello', aliceOrigin), /note no longer exists/);
  });
});

describe('moveNote', () => {
  const here = { dimension: 'structure', kind: 'challenge', themeId: null } as const;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    '[C1] two people moving one note at once end in one of the two places they chose (client ids %i)',
    (seed) => {
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
    },
  );

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
    expect(view.notesById.get('n')).toMatchObject({ dimension: 'communication', kind: 'need', themeId: 't', text: 'text of n', colour: 'violet', authorId: 'alice' });
    expect(themeNotes(doc, 't')).toEqual(['n']);
    expect(cellOf(view, 'structure', 'challenge').noteCount).toBe(0);
  });

  it('[M2] refuses a theme of another cell, a missing theme, a missing note and an unknown place, changing nothing', () => {
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

  it('[M2] refuses an index that is not a whole number', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) note(doc, id);
    for (const index of [Number.NaN, 1.5, -1]) {
      expectRefused(doc, () => moveNote(doc, 'c', { ...here, index }, aliceOrigin), /whole number/);
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

  it('[M2] refuses an unknown colour and a missing note, changing nothing', () => {
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
    const id = createTheme(doc, { title: '  Reporting  ', statement: 'Less time on reports', dimension: 'structure', kind: 'challenge' }, aliceOrigin);
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

  it('[M2] refuses notes of another cell and notes that are gone, changing nothing', () => {
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
  ])('[M2] refuses %s, changing nothing', (_what, override, message) => {
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

  it('[M2] refuses an empty or too-long title, a too-long statement and a missing theme, changing nothing', () => {
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

  it('[M2] refuses links that do not run from a need to a good practice, and missing notes, changing nothing', () => {
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

  it('[M2] refuses an empty or too-long board title, changing nothing', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Kept', template: null }, serverOrigin('template'));
    expectRefused(doc, () => initBoard(doc, { title: ' ', template: null }, aliceOrigin), /A board needs a title/);
    expectRefused(doc, () => setBoardTitle(doc, '', aliceOrigin), /A board needs a title/);
    expectRefused(doc, () => setBoardTitle(doc, 'x'.repeat(BOARD_TITLE_MAX + 1), aliceOrigin), /./);
    expect(boardView(doc).meta.title).toBe('Kept');
  });
});
