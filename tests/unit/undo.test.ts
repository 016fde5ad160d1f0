import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardUndo, CAPTURE_TIMEOUT_MS } from '../../client/board/undo';
import { addLink } from '../../shared/model/mutations/links';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/model/mutations/notes';
import { dissolveTheme, groupNotes } from '../../shared/model/mutations/themes';
import { localOrigin } from '../../shared/model/origin';
import type { AuthorInput } from '../../shared/model/schema';
import { type BoardView, boardView } from '../../shared/view/boardView';

const anna: AuthorInput = { id: 'anna', name: 'Anna', cluster: 'gaia' };
const jonas: AuthorInput = { id: 'jonas', name: 'Jonas', cluster: 'scs' };

/** Two people on one board, each with their own origin and undo history; `sync()` delivers everything. */
function twoPeople() {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const originA = localOrigin('anna');
  const originB = localOrigin('jonas');
  const undoA = new BoardUndo(docA, originA, () => {});
  const undoB = new BoardUndo(docB, originB, () => {});
  const sync = () => {
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)), 'remote');
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)), 'remote');
  };
  return { docA, docB, originA, originB, undoA, undoB, sync };
}

const texts = (view: BoardView) => [...view.notesById.values()].map((note) => note.text).sort();

function noteIn(view: BoardView, id: string) {
  const note = view.notesById.get(id);
  return note ? { note, dimension: note.dimension, kind: note.kind } : null;
}

const themesOf = (view: BoardView) => view.dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes));

/** Types `word` one keystroke at a time, as the note editor does. */
function type(doc: Y.Doc, id: string, from: string, word: string, origin: ReturnType<typeof localOrigin>) {
  let text = from;
  for (const char of word) {
    text += char;
    editNoteText(doc, id, text, origin);
  }
  return text;
}

// Yjs reads the clock through lib0, which keeps its own reference to Date.now: fake timers do
// not reach it, so a pause is a real one.
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('undo per person', () => {
  it('[U1] undo reverts only my own change, never a colleague’s concurrent one, and redo reapplies it', () => {
    const { docA, docB, originA, originB, undoA, sync } = twoPeople();
    addNote(docA, { text: 'Mine', dimension: 'strategy', kind: 'need', author: anna }, originA);
    addNote(docB, { text: 'Theirs', dimension: 'strategy', kind: 'need', author: jonas }, originB);
    sync();
    expect(undoA.getState()).toEqual({ canUndo: true, canRedo: false });

    expect(undoA.undo()).toBe('done');
    sync();
    expect(texts(boardView(docA))).toEqual(['Theirs']);
    expect(texts(boardView(docB))).toEqual(['Theirs']);
    expect(undoA.getState()).toEqual({ canUndo: false, canRedo: true });

    expect(undoA.redo()).toBe('done');
    sync();
    expect(texts(boardView(docB))).toEqual(['Mine', 'Theirs']);
  });

  it('[U1] remote updates, from the server or IndexedDB, are never on my undo stack', () => {
    const { docA, docB, originB, undoA, sync } = twoPeople();
    addNote(docB, { text: 'Theirs', dimension: 'strategy', kind: 'need', author: jonas }, originB);
    sync();
    expect(undoA.getState().canUndo).toBe(false);
    expect(undoA.undo()).toBe('nothing');
    expect(texts(boardView(docA))).toEqual(['Theirs']);
  });

  it('[U1] undoing my text edit keeps the words a colleague typed into the same note meanwhile', () => {
    const { docA, docB, originA, originB, undoA, sync } = twoPeople();
    const id = addNote(docA, { text: 'Training', dimension: 'organisation', kind: 'need', author: anna }, originA);
    sync();
    undoA.stopCapturing();
    editNoteText(docA, id, 'Training for staff', originA);
    editNoteText(docB, id, 'Leadership Training', originB);
    sync();
    expect(noteIn(boardView(docA), id)?.note.text).toBe('Leadership Training for staff');
    undoA.undo();
    sync();
    expect(noteIn(boardView(docB), id)?.note.text).toBe('Leadership Training');
  });

  it('[U1] undoing my move does not undo a colleague’s later move of the same note', () => {
    const { docA, docB, originA, originB, undoA, sync } = twoPeople();
    const id = addNote(docB, { text: 'Roaming', dimension: 'strategy', kind: 'need', author: jonas }, originB);
    sync();
    moveNote(docA, id, { dimension: 'structure', kind: 'need', themeId: null }, originA);
    sync();
    moveNote(docB, id, { dimension: 'communication', kind: 'need', themeId: null }, originB);
    sync();
    expect(undoA.undo()).toBe('gone');
    sync();
    expect(noteIn(boardView(docA), id)?.dimension).toBe('communication');
    expect(noteIn(boardView(docB), id)?.dimension).toBe('communication');
  });

  it('[U1] theme and link operations are undone and redone as one step each', () => {
    const { docA, originA, undoA } = twoPeople();
    const need = addNote(docA, { text: 'Need', dimension: 'strategy', kind: 'need', author: anna }, originA);
    const other = addNote(docA, { text: 'Other need', dimension: 'structure', kind: 'need', author: anna }, originA);
    const practice = addNote(docA, { text: 'Practice', dimension: 'strategy', kind: 'good-practice', author: anna }, originA);
    const themeId = groupNotes(docA, [need, other], { title: 'Together', dimension: 'strategy', kind: 'need' }, originA);
    addLink(docA, need, practice, 'anna', originA);
    expect(boardView(docA).links).toHaveLength(1);

    undoA.undo();
    expect(boardView(docA).links).toHaveLength(0);
    undoA.undo();
    let view = boardView(docA);
    expect(themesOf(view)).toHaveLength(0);
    expect(noteIn(view, other)?.dimension).toBe('structure');

    undoA.redo();
    view = boardView(docA);
    expect(themesOf(view).map((t) => t.id)).toEqual([themeId]);
    expect(noteIn(view, other)?.dimension).toBe('strategy');

    dissolveTheme(docA, themeId, originA);
    undoA.undo();
    expect(themesOf(boardView(docA)).map((t) => t.notes.length)).toEqual([2]);
  });
});

describe('undo steps', () => {
  it('[U2] typing is undone a word at a time', () => {
    const { docA, originA, undoA } = twoPeople();
    const id = addNote(docA, { text: 'Hello', dimension: 'strategy', kind: 'need', author: anna }, originA);
    type(docA, id, 'Hello', ' wonderful', originA);
    editNoteText(docA, id, 'Hello wonder', originA);
    let text = type(docA, id, 'Hello wonder', '  world', originA);
    text = type(docA, id, text, ' again', originA);
    expect(text).toBe('Hello wonder  world again');
    const textOf = () => noteIn(boardView(docA), id)?.note.text;

    undoA.undo();
    expect(textOf()).toBe('Hello wonder  world');
    undoA.undo();
    expect(textOf()).toBe('Hello wonder');
    undoA.undo();
    expect(textOf()).toBe('Hello');
    undoA.undo();
    expect(textOf()).toBeUndefined();
  });

  it('[U2] a paste is a step of its own', () => {
    const { docA, originA, undoA } = twoPeople();
    const id = addNote(docA, { text: 'Tips', dimension: 'strategy', kind: 'need', author: anna }, originA);
    const text = type(docA, id, 'Tips', ':', originA);
    editNoteText(docA, id, `${text} see the wiki`, originA);
    type(docA, id, `${text} see the wiki`, '!', originA);
    const textOf = () => noteIn(boardView(docA), id)?.note.text;
    undoA.undo();
    expect(textOf()).toBe('Tips: see the wiki');
    undoA.undo();
    expect(textOf()).toBe('Tips:');
    undoA.undo();
    expect(textOf()).toBe('Tips');
  });

  it('[U2] a pause, another note or a closed editor starts a new step', async () => {
    const { docA, originA, undoA } = twoPeople();
    const one = addNote(docA, { text: 'One', dimension: 'strategy', kind: 'need', author: anna }, originA);
    const two = addNote(docA, { text: 'Two', dimension: 'strategy', kind: 'need', author: anna }, originA);
    type(docA, one, 'One', 'ab', originA);
    await pause(CAPTURE_TIMEOUT_MS + 50);
    type(docA, one, 'Oneab', 'cd', originA);
    type(docA, two, 'Two', 'xy', originA);
    undoA.stopCapturing();
    type(docA, two, 'Twoxy', 'z', originA);

    const textOf = (id: string) => noteIn(boardView(docA), id)?.note.text;
    undoA.undo();
    expect([textOf(one), textOf(two)]).toEqual(['Oneabcd', 'Twoxy']);
    undoA.undo();
    expect([textOf(one), textOf(two)]).toEqual(['Oneabcd', 'Two']);
    undoA.undo();
    expect(textOf(one)).toBe('Oneab');
    undoA.undo();
    expect(textOf(one)).toBe('One');
  });

  it('[U2] a command right after typing is a step of its own', () => {
    const { docA, originA, undoA } = twoPeople();
    const id = addNote(docA, { text: 'Note', dimension: 'strategy', kind: 'need', author: anna }, originA);
    const text = type(docA, id, 'Note', 's', originA);
    moveNote(docA, id, { dimension: 'structure', kind: 'need', themeId: null }, originA);
    type(docA, id, text, '!', originA);

    undoA.undo();
    expect(noteIn(boardView(docA), id)).toMatchObject({ dimension: 'structure', note: { text: 'Notes' } });
    undoA.undo();
    expect(noteIn(boardView(docA), id)).toMatchObject({ dimension: 'strategy', note: { text: 'Notes' } });
    undoA.undo();
    expect(noteIn(boardView(docA), id)?.note.text).toBe('Note');
  });
});

describe('undo after a colleague deleted the target', () => {
  it('[U3] undoing an edit of a note someone else deleted changes nothing and does not throw', () => {
    const { docA, docB, originA, originB, undoA, sync } = twoPeople();
    const mine = addNote(docA, { text: 'Mine', dimension: 'strategy', kind: 'need', author: anna }, originA);
    sync();
    editNoteText(docA, mine, 'Mine, edited', originA);
    sync();
    deleteNote(docB, mine, originB);
    sync();

    let result: unknown;
    expect(() => (result = undoA.undo())).not.toThrow();
    expect(result).toBe('gone');
    sync();
    expect(texts(boardView(docA))).toEqual([]);
    expect(texts(boardView(docB))).toEqual([]);
    // Creating the note is moot as well now: both steps are gone, not waiting to resurrect it.
    expect(undoA.getState()).toEqual({ canUndo: false, canRedo: false });
  });

  it('[U3] undo and redo keep working after the history is interleaved with remote deletes', () => {
    const { docA, docB, originA, originB, undoA, sync } = twoPeople();
    const ids = ['a', 'b', 'c'].map((text) => addNote(docA, { text, dimension: 'strategy', kind: 'need', author: anna }, originA));
    sync();
    deleteNote(docB, ids[1] ?? '', originB);
    sync();
    expect(() => {
      while (undoA.getState().canUndo) undoA.undo();
    }).not.toThrow();
    sync();
    expect(texts(boardView(docB))).toEqual([]);
    expect(() => {
      while (undoA.getState().canRedo) undoA.redo();
    }).not.toThrow();
    sync();
    // The note the colleague deleted stays deleted; mine come back.
    expect(texts(boardView(docA))).toEqual(['a', 'c']);
    expect(texts(boardView(docB))).toEqual(['a', 'c']);
  });

  it('[U3] undoing "add note" removes it when nobody else touched it', () => {
    const { docA, docB, originA, undoA, sync } = twoPeople();
    addNote(docA, { text: 'Only mine', dimension: 'strategy', kind: 'challenge', author: anna }, originA);
    sync();
    undoA.undo();
    sync();
    expect(texts(boardView(docB))).toEqual([]);
  });
});
