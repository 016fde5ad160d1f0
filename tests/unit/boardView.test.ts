import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attributionWords } from '../../shared/i18n/attribution';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator } from '../../shared/i18n/translate';
import { addLink, removeLink } from '../../shared/model/mutations/links';
import { addNote, deleteNote, moveNote } from '../../shared/model/mutations/notes';
import { createTheme, dissolveTheme } from '../../shared/model/mutations/themes';
import { type DimensionId, DIMENSIONS, type KindId, KINDS } from '../../shared/model/vocabulary';
import { type BoardView, boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin, bobOrigin, cellOf, ids, syncDocs } from './support';

/**
 * A raw record written straight into a Y map, bypassing the mutations (as a foreign tool or a bug
 * might). Fields given as `undefined` are left out.
 */
function record(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
  return map;
}

function rawNote(doc: Y.Doc, id: string, fields: Record<string, unknown> = {}): void {
  doc
    .getMap('notes')
    .set(id, record({ id, text: `text of ${id}`, dimension: 'structure', kind: 'challenge', themeId: null, order: 'a0', ...fields }));
}

function rawTheme(doc: Y.Doc, id: string, fields: Record<string, unknown> = {}): void {
  doc
    .getMap('themes')
    .set(id, record({ id, title: `Theme ${id}`, statement: '', dimension: 'structure', kind: 'challenge', order: 'a0', ...fields }));
}

function note(doc: Y.Doc, id: string, dimension: DimensionId, kind: KindId, themeId: string | null = null): void {
  addNote(doc, { id, text: id, dimension, kind, themeId, author: alice }, aliceOrigin);
}

/** Every note id shown anywhere on the board, once per appearance. */
function placements(view: BoardView): string[] {
  return view.dimensions.flatMap((d) => d.cells.flatMap((c) => [...c.themes.flatMap((t) => ids(t.notes)), ...ids(c.ungrouped)]));
}

describe('boardView', () => {
  it('shows an empty board as every dimension x kind cell, in vocabulary order, with default meta', () => {
    const view = boardView(new Y.Doc());
    expect(view.dimensions.map((d) => d.id)).toEqual(DIMENSIONS.map((d) => d.id));
    for (const dimension of view.dimensions) {
      expect(dimension.cells.map((c) => c.kind)).toEqual(KINDS.map((k) => k.id));
      for (const cell of dimension.cells) expect(cell).toMatchObject({ dimension: dimension.id, themes: [], ungrouped: [], noteCount: 0 });
    }
    expect(view.meta).toMatchObject({ title: 'Untitled board', template: null, schemaVersion: 0, createdAt: 0 });
    expect(view).toMatchObject({ links: [], noteCount: 0, invalid: { notes: 0, themes: 0, links: 0 } });
  });

  it('[V1] places every valid note exactly once, in its own dimension x kind cell', () => {
    const doc = new Y.Doc();
    let n = 0;
    for (const { id: dimension } of DIMENSIONS) {
      for (const { id: kind } of KINDS) {
        createTheme(doc, { id: `t-${dimension}-${kind}`, title: 'T', dimension, kind }, aliceOrigin);
        for (let i = 0; i <= n % 3; i++) note(doc, `n${n}-${i}`, dimension, kind, i === 1 ? `t-${dimension}-${kind}` : null);
        n++;
      }
    }
    const view = boardView(doc);
    const shown = placements(view);
    expect(shown).toHaveLength(view.noteCount);
    expect(new Set(shown).size).toBe(shown.length);
    expect([...view.notesById.keys()].sort()).toEqual([...shown].sort());
    for (const dimension of view.dimensions) {
      for (const cell of dimension.cells) {
        const inCell = [...cell.themes.flatMap((t) => t.notes), ...cell.ungrouped];
        expect(cell.noteCount).toBe(inCell.length);
        for (const shownNote of inCell) expect(shownNote).toMatchObject({ dimension: cell.dimension, kind: cell.kind });
        for (const t of cell.themes) for (const member of t.notes) expect(member.themeId).toBe(t.id);
      }
    }
    expect(view.noteCount).toBe(DIMENSIONS.length * KINDS.length * 2);
  });

  it('[V1] orders notes by fractional index, breaking ties by id', () => {
    const doc = new Y.Doc();
    rawNote(doc, 'b', { order: 'a1' });
    rawNote(doc, 'd', { order: 'a0' });
    rawNote(doc, 'a', { order: 'a1' });
    rawNote(doc, 'c', { order: 'Zz' });
    rawNote(doc, 'e', { order: 'a0V' });
    expect(ids(cellOf(boardView(doc), 'structure', 'challenge').ungrouped)).toEqual(['c', 'd', 'e', 'a', 'b']);
  });

  it('[V1] orders themes, and the notes inside a theme, by fractional index then id', () => {
    const doc = new Y.Doc();
    rawTheme(doc, 'y', { order: 'a1' });
    rawTheme(doc, 'x', { order: 'a1' });
    rawTheme(doc, 'w', { order: 'a2' });
    rawTheme(doc, 'z', { order: 'a0' });
    rawNote(doc, 'n2', { themeId: 'x', order: 'a0' });
    rawNote(doc, 'n1', { themeId: 'x', order: 'a0' });
    rawNote(doc, 'n0', { themeId: 'x', order: 'a5' });
    const cell = cellOf(boardView(doc), 'structure', 'challenge');
    expect(cell.themes.map((t) => t.id)).toEqual(['z', 'x', 'y', 'w']);
    expect(ids(cell.themes[1]?.notes ?? [])).toEqual(['n1', 'n2', 'n0']);
    expect(cell.ungrouped).toEqual([]);
  });

  it("[V1, AT5] gives each note its kind colour when it has none, its cluster label and its unknown fields; only a sourced note without a cluster is the consortium's", () => {
    const doc = new Y.Doc();
    rawNote(doc, 'p', { kind: 'good-practice', cluster: 'business-hive-vilnius' });
    rawNote(doc, 'o', { kind: 'need', cluster: 'other:Acme Cluster', colour: 'sky' });
    rawNote(doc, 'c', { cluster: null });
    rawNote(doc, 't', { cluster: null, authorId: '', source: { kind: 'template', label: 'EXCITE D1.4 report' } });
    const view = boardView(doc);
    expect(view.notesById.get('p')).toMatchObject({ colour: 'green', clusterLabel: 'Business Hive Vilnius' });
    expect(view.notesById.get('o')).toMatchObject({ colour: 'sky', clusterLabel: 'Other: Acme Cluster' });
    expect(view.notesById.get('c')).toMatchObject({ colour: 'rose', clusterLabel: 'no cluster' });
    expect(view.notesById.get('t')).toMatchObject({ clusterLabel: 'EXCITE consortium', byline: 'EXCITE D1.4 report' });
  });

  it('[V2] shows a note whose theme was deleted as ungrouped in its cell', () => {
    const doc = new Y.Doc();
    note(doc, 'a', 'strategy', 'need');
    createTheme(doc, { id: 't', title: 'T', dimension: 'strategy', kind: 'need', noteIds: ['a'] }, aliceOrigin);
    doc.getMap('themes').delete('t');
    const view = boardView(doc);
    expect(view.notesById.get('a')?.themeId).toBe('t');
    expect(cellOf(view, 'strategy', 'need')).toMatchObject({ themes: [], noteCount: 1 });
    expect(ids(cellOf(view, 'strategy', 'need').ungrouped)).toEqual(['a']);
  });

  it('[V2] shows a note whose theme sits in another cell as ungrouped in its own cell, not in that theme', () => {
    const doc = new Y.Doc();
    rawTheme(doc, 't', { dimension: 'communication', kind: 'need' });
    rawNote(doc, 'stray', { themeId: 't', dimension: 'structure', kind: 'challenge' });
    rawNote(doc, 'member', { themeId: 't', dimension: 'communication', kind: 'need' });
    const view = boardView(doc);
    expect(ids(cellOf(view, 'structure', 'challenge').ungrouped)).toEqual(['stray']);
    expect(ids(cellOf(view, 'communication', 'need').themes[0]?.notes ?? [])).toEqual(['member']);
    expect(placements(view).sort()).toEqual(['member', 'stray']);
  });

  it('[V2] keeps a note visible when one person moves it into a theme another person dissolves at the same time', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    note(a, 'n', 'organisation', 'challenge');
    createTheme(a, { id: 't', title: 'T', dimension: 'organisation', kind: 'challenge' }, aliceOrigin);
    syncDocs(a, b);
    moveNote(a, 'n', { dimension: 'organisation', kind: 'challenge', themeId: 't' }, aliceOrigin);
    dissolveTheme(b, 't', bobOrigin);
    syncDocs(a, b);
    for (const doc of [a, b]) {
      const view = boardView(doc);
      expect(view.notesById.get('n')?.themeId).toBe('t');
      expect(cellOf(view, 'organisation', 'challenge')).toMatchObject({ themes: [], noteCount: 1 });
      expect(ids(cellOf(view, 'organisation', 'challenge').ungrouped)).toEqual(['n']);
    }
  });

  // Yjs applies an update's deletions at once but holds its insertions until the updates they
  // depend on arrive. moveNote therefore writes only the fields that change: a reorder within a
  // cell must not blank the note's dimension or kind on a peer that receives it out of order.
  // (A move to another cell still needs causal delivery, which one y-websocket server gives and
  // a multi-instance bus must preserve.)
  it('[V2] keeps a note reordered in its cell visible on a peer that gets the move before an earlier update', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const c = new Y.Doc();
    note(a, 'n', 'strategy', 'challenge');
    note(a, 'm', 'strategy', 'challenge');
    syncDocs(a, b);
    syncDocs(a, c);
    const fromB: Uint8Array[] = [];
    b.on('update', (update: Uint8Array) => fromB.push(update));
    addNote(b, { id: 'other', text: 'earlier', dimension: 'communication', kind: 'need', author: alice }, bobOrigin);
    moveNote(b, 'n', { dimension: 'strategy', kind: 'challenge', themeId: null }, bobOrigin);
    const [earlier, move] = fromB;
    if (!earlier || !move) throw new Error('expected two updates from b');

    Y.applyUpdate(c, move);
    let view = boardView(c);
    expect(view.notesById.has('n')).toBe(true);
    expect(view.invalid.notes).toBe(0);
    expect(ids(cellOf(view, 'strategy', 'challenge').ungrouped).sort()).toEqual(['m', 'n']);

    Y.applyUpdate(c, earlier);
    view = boardView(c);
    expect(view.invalid.notes).toBe(0);
    expect(ids(cellOf(view, 'strategy', 'challenge').ungrouped)).toEqual(['m', 'n']);
    expect(view.noteCount).toBe(3);
  });

  it('[V3] skips and counts note records without a dimension or kind, and values that are not maps', () => {
    const doc = new Y.Doc();
    rawNote(doc, 'good');
    doc.getMap('notes').set('x', new Y.Map());
    rawNote(doc, 'no-dimension', { dimension: undefined });
    rawNote(doc, 'bad-kind', { kind: 'idea' });
    doc.getMap('notes').set('number', 42);
    doc.getMap('notes').set('string', 'a note?');
    doc.getMap('notes').set('array', new Y.Array());
    const view = boardView(doc);
    expect(view.invalid).toEqual({ notes: 6, themes: 0, links: 0 });
    expect([...view.notesById.keys()]).toEqual(['good']);
    expect(placements(view)).toEqual(['good']);
    expect(view.noteCount).toBe(1);
  });

  it('[V1] identifies a record by its key: a missing or wrong inner id neither hides nor doubles a note', () => {
    const doc = new Y.Doc();
    rawNote(doc, 'no-id', { id: undefined });
    rawNote(doc, 'empty-id', { id: '' });
    rawNote(doc, 'copy-a', { id: 'same' });
    rawNote(doc, 'copy-b', { id: 'same' });
    const view = boardView(doc);
    expect(view.invalid.notes).toBe(0);
    expect([...view.notesById.keys()].sort()).toEqual(['copy-a', 'copy-b', 'empty-id', 'no-id']);
    expect(placements(view).sort()).toEqual(['copy-a', 'copy-b', 'empty-id', 'no-id']);
  });

  it('[V3] reads a note with unusable optional fields using defaults rather than skipping it', () => {
    const doc = new Y.Doc();
    rawNote(doc, 'odd', { text: 42, themeId: 7, order: null, colour: 'pink', authorId: {}, cluster: 3, createdAt: 'yesterday' });
    const view = boardView(doc);
    expect(view.invalid.notes).toBe(0);
    expect(view.notesById.get('odd')).toMatchObject({
      text: '',
      themeId: null,
      order: 'a0',
      colour: 'rose',
      authorId: '',
      cluster: null,
      createdAt: 0,
    });
    expect(ids(cellOf(view, 'structure', 'challenge').ungrouped)).toEqual(['odd']);
  });

  it('[V3] skips and counts invalid themes and links; notes naming an invalid theme show ungrouped', () => {
    const doc = new Y.Doc();
    rawTheme(doc, 'broken', { kind: undefined });
    doc.getMap('themes').set('junk', true);
    rawNote(doc, 'n', { themeId: 'broken' });
    doc.getMap('links').set('l1', record({ id: 'l1', practiceId: 'n' }));
    doc.getMap('links').set('l2', 'n>n');
    const view = boardView(doc);
    expect(view.invalid).toEqual({ notes: 0, themes: 2, links: 2 });
    expect(ids(cellOf(view, 'structure', 'challenge').ungrouped)).toEqual(['n']);
    expect(view.links).toEqual([]);
  });

  it('[V3] hides links whose need or practice is gone, and lists only live links in linkedIds, sorted by link id', () => {
    const doc = new Y.Doc();
    note(doc, 'need1', 'strategy', 'need');
    note(doc, 'need2', 'strategy', 'need');
    note(doc, 'gpA', 'strategy', 'good-practice');
    note(doc, 'gpB', 'organisation', 'good-practice');
    addLink(doc, 'need2', 'gpA', 'alice', aliceOrigin);
    addLink(doc, 'need1', 'gpB', 'alice', aliceOrigin);
    addLink(doc, 'need1', 'gpA', 'alice', aliceOrigin);
    doc.getMap('links').set('dangling', record({ id: 'dangling', needId: 'need1', practiceId: 'gone' }));
    let view = boardView(doc);
    expect(view.links.map((l) => l.id)).toEqual(['need1>gpA', 'need1>gpB', 'need2>gpA']);
    expect(view.notesById.get('need1')?.linkedIds).toEqual(['gpA', 'gpB']);
    expect(view.notesById.get('gpA')?.linkedIds).toEqual(['need1', 'need2']);
    expect(view.invalid.links).toBe(0);

    // A note deleted outside deleteNote (e.g. concurrently with an addLink) leaves its links behind.
    doc.getMap('notes').delete('need1');
    view = boardView(doc);
    expect(view.links.map((l) => l.id)).toEqual(['need2>gpA']);
    expect(view.notesById.get('gpA')?.linkedIds).toEqual(['need2']);
    expect(view.notesById.get('gpB')?.linkedIds).toEqual([]);
    removeLink(doc, 'need2>gpA', aliceOrigin);
    expect(boardView(doc).notesById.get('gpA')?.linkedIds).toEqual([]);
  });

  it('[V3] hides a link when its practice is deleted concurrently with the linking', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    note(a, 'need', 'strategy', 'need');
    note(a, 'gp', 'strategy', 'good-practice');
    syncDocs(a, b);
    addLink(a, 'need', 'gp', 'alice', aliceOrigin);
    deleteNote(b, 'gp', bobOrigin);
    syncDocs(a, b);
    for (const doc of [a, b]) {
      const view = boardView(doc);
      expect(doc.getMap('links').size).toBe(1);
      expect(view.links).toEqual([]);
      expect(view.notesById.get('need')?.linkedIds).toEqual([]);
    }
  });

  it('counts notes per cell and on the whole board', () => {
    const doc = new Y.Doc();
    note(doc, 'a', 'business-model', 'need');
    note(doc, 'b', 'business-model', 'need');
    note(doc, 'c', 'business-model', 'good-practice');
    createTheme(doc, { id: 't', title: 'T', dimension: 'business-model', kind: 'need', noteIds: ['b'] }, aliceOrigin);
    const view = boardView(doc);
    expect(cellOf(view, 'business-model', 'need').noteCount).toBe(2);
    expect(cellOf(view, 'business-model', 'good-practice').noteCount).toBe(1);
    expect(cellOf(view, 'business-model', 'challenge').noteCount).toBe(0);
    expect(view.noteCount).toBe(3);
  });

  it('reads the document without writing to it', () => {
    const doc = new Y.Doc();
    note(doc, 'a', 'structure', 'need');
    rawNote(doc, 'b', { colour: 'pink' });
    const before = Y.encodeStateAsUpdate(doc);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    boardView(doc);
    expect(transactions).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
  it('[AT7][LG1] a note whose author is not a person of the board shows its stored name marked, and no cluster it claims, in the page language', async () => {
    const doc = new Y.Doc();
    const person = { id: 'person-anna-01', name: 'Anna', cluster: 'gaia' as const };
    addNote(doc, { id: 'real', text: 'by Anna', dimension: 'strategy', kind: 'need', author: person }, aliceOrigin);
    // Written by a socket that named nobody of this board (before G4 refused it), or by a person since removed.
    addNote(
      doc,
      { id: 'posed', text: 'posing', dimension: 'strategy', kind: 'need', author: { id: 'made-up', name: 'Anna', cluster: 'gaia' } },
      aliceOrigin,
    );
    addNote(
      doc,
      { id: 'nameless', text: 'nameless', dimension: 'strategy', kind: 'need', author: { id: 'gone', name: 'x', cluster: 'scs' } },
      aliceOrigin,
    );
    (doc.getMap('notes').get('nameless') as Y.Map<unknown>).set('authorName', '');
    const people = new Map([[person.id, { name: 'Anna Weber', cluster: 'gaia' }]]);
    const view = boardView(doc, people);
    expect(view.notesById.get('real')).toMatchObject({ authorName: 'Anna Weber', cluster: 'gaia', clusterLabel: 'GAIA', byline: 'Anna Weber' });
    expect(view.notesById.get('posed')).toMatchObject({
      authorName: 'Anna',
      cluster: null,
      clusterLabel: 'no cluster',
      byline: 'Anna (not on this board)',
    });
    expect(view.notesById.get('nameless')).toMatchObject({ cluster: null, clusterLabel: 'no cluster', byline: 'Unknown person' });
    // The person is removed: their note stays, read the same way (its stored copy, marked).
    const afterRemoval = boardView(doc, new Map());
    expect(afterRemoval.notesById.get('real')).toMatchObject({ cluster: null, byline: 'Anna (not on this board)' });
    // Without people (a device offline, before the control document arrives) the copies are shown.
    expect(boardView(doc).notesById.get('posed')).toMatchObject({ cluster: 'gaia', byline: 'Anna' });
    // [LG1] In another language, the same attributions in its words; names and clusters as they are.
    const german = boardView(doc, people, attributionWords(createTranslator('de', await loadMessages('de'), await loadMessages('en'))));
    expect(german.notesById.get('posed')).toMatchObject({ clusterLabel: 'kein Cluster', byline: 'Anna (nicht auf diesem Board)' });
    expect(german.notesById.get('nameless')).toMatchObject({ byline: 'Unbekannte Person' });
    expect(german.notesById.get('real')).toMatchObject({ clusterLabel: 'GAIA', byline: 'Anna Weber' });
  });
});
