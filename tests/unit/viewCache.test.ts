import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLink } from '../../shared/model/mutations/links';
import { addNote, deleteNote, editNoteText, moveNote, setNoteColour } from '../../shared/model/mutations/notes';
import { dissolveTheme, groupNotes, moveTheme } from '../../shared/model/mutations/themes';
import { localOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { type BoardView, boardView } from '../../shared/view/boardView';
import { BoardViewCache } from '../../shared/view/viewCache';
import { createRng } from '../helpers/random';

function plain(view: BoardView): unknown {
  return JSON.parse(JSON.stringify({ ...view, notesById: [...view.notesById.entries()].sort() }));
}

describe('BoardViewCache', () => {
  it('[AT2] resolves names from the people it is given, and again for every note when they change', () => {
    const doc = new Y.Doc();
    const cache = new BoardViewCache(doc);
    const a = addNote(
      doc,
      { text: 'a', dimension: 'strategy', kind: 'need', author: { id: 'p1', name: 'Old copy', cluster: 'dti' } },
      localOrigin('p1'),
    );
    const people = new Map([['p1', { name: 'Ana', cluster: 'gaia' }]]);
    expect(cache.view(people).notesById.get(a)).toMatchObject({ byline: 'Ana', clusterLabel: 'GAIA' });
    expect(cache.view(people).notesById.get(a)).toBe(cache.view(people).notesById.get(a));
    const renamed = new Map([['p1', { name: 'Ana Ruiz', cluster: null }]]);
    expect(plain(cache.view(renamed))).toEqual(plain(boardView(doc, renamed)));
    expect(cache.view(renamed).notesById.get(a)).toMatchObject({ byline: 'Ana Ruiz', clusterLabel: 'no cluster' });
  });

  it('[AT2] keeps the objects of notes whose author still reads the same when the people change', () => {
    const doc = new Y.Doc();
    const cache = new BoardViewCache(doc);
    const origin = localOrigin('p1');
    const a = addNote(doc, { text: 'a', dimension: 'strategy', kind: 'need', author: { id: 'p1', name: 'Ana', cluster: 'gaia' } }, origin);
    const b = addNote(doc, { text: 'b', dimension: 'strategy', kind: 'need', author: { id: 'p2', name: 'Ben', cluster: 'dti' } }, origin);
    const people = new Map<string, { name: string; cluster: string | null }>([
      ['p1', { name: 'Ana', cluster: 'gaia' }],
      ['p2', { name: 'Ben', cluster: 'dti' }],
    ]);
    const first = cache.view(people);
    const joined = cache.view(new Map([...people, ['p3', { name: 'Cem', cluster: null }]]));
    expect(joined.notesById.get(a)).toBe(first.notesById.get(a));
    expect(joined.notesById.get(b)).toBe(first.notesById.get(b));
    const renamed = new Map([...people, ['p2', { name: 'Benedikt', cluster: 'dti' }]]);
    const after = cache.view(renamed);
    expect(after.notesById.get(a)).toBe(first.notesById.get(a));
    expect(after.notesById.get(b)).not.toBe(first.notesById.get(b));
    expect(after.notesById.get(b)).toMatchObject({ byline: 'Benedikt' });
    expect(plain(after)).toEqual(plain(boardView(doc, renamed)));
  });

  it.each([1, 2, 3, 4, 5])('[V1] gives the same view as boardView after every local and remote change (seed %i)', (seed) => {
    const random = createRng(seed).float;
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const doc = new Y.Doc();
    const remote = new Y.Doc();
    const cache = new BoardViewCache(doc);
    const origin = localOrigin('me');
    const author = { id: 'me', name: 'Me', cluster: 'gaia' };
    let changes = 0;
    for (let step = 0; step < 150; step++) {
      const target = random() < 0.3 ? remote : doc;
      const notes = [...boardView(target).notesById.values()];
      const note = pick(notes);
      const dimension = pick(DIMENSION_IDS) ?? 'structure';
      const kind = pick(KIND_IDS) ?? 'challenge';
      try {
        const op = random();
        if (op < 0.3 || !note) addNote(target, { text: `n${step}`, dimension, kind, author }, origin);
        else if (op < 0.45) editNoteText(target, note.id, `${note.text}!`, origin);
        else if (op < 0.55) moveNote(target, note.id, { dimension, kind, themeId: null }, origin);
        else if (op < 0.62) deleteNote(target, note.id, origin);
        else if (op < 0.7) setNoteColour(target, note.id, 'sky', origin);
        else if (op < 0.8) groupNotes(target, [note.id], { title: `t${step}`, dimension, kind }, origin);
        else if (op < 0.87) {
          const theme = pick(boardView(target).dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes)));
          if (theme && random() < 0.5) dissolveTheme(target, theme.id, origin);
          else if (theme) moveTheme(target, theme.id, { dimension, kind }, origin);
        } else {
          const need = pick(notes.filter((n) => n.kind === 'need'));
          const practice = pick(notes.filter((n) => n.kind === 'good-practice'));
          if (need && practice) addLink(target, need.id, practice.id, 'me', origin);
        }
      } catch {
        // A refused mutation changes nothing; the comparison below still runs.
      }
      if (target === remote || random() < 0.2) {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
        Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(remote)));
      }
      expect(plain(cache.view()), `seed ${seed} step ${step}`).toEqual(plain(boardView(doc)));
      changes++;
    }
    expect(changes).toBe(150);
    expect(boardView(doc).noteCount).toBeGreaterThan(5);
    cache.destroy();
  });

  it('keeps the NoteView object of a note nobody changed, and replaces the one that changed', () => {
    const doc = new Y.Doc();
    const cache = new BoardViewCache(doc);
    const origin = localOrigin('me');
    const author = { id: 'me', name: 'Me', cluster: null };
    const a = addNote(doc, { text: 'a', dimension: 'structure', kind: 'challenge', author }, origin);
    const b = addNote(doc, { text: 'b', dimension: 'structure', kind: 'challenge', author }, origin);
    const first = cache.view();
    editNoteText(doc, b, 'b!', origin);
    const second = cache.view();
    expect(second.notesById.get(a)).toBe(first.notesById.get(a));
    expect(second.notesById.get(b)).not.toBe(first.notesById.get(b));
    expect(second.notesById.get(b)?.text).toBe('b!');
  });
});
