/** The D7 harness's convergence check (tests/helpers/crash.ts): what "converged" must mean, and how a difference is reported. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { addNote, deleteNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { convergenceKey, howDifferent } from '../helpers/crash';

const origin = localOrigin('u');
const author = { id: 'u', name: 'U', cluster: null };

function twins(): [Y.Doc, Y.Doc, string] {
  const a = new Y.Doc();
  const id = addNote(a, { text: 'A need', dimension: 'strategy', kind: 'need', author }, origin);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b, id];
}

describe('the D7 convergence check', () => {
  it('[D7] a deletion still in flight leaves state vectors equal, so convergence waits on the delete set too', () => {
    const [a, b, id] = twins();
    deleteNote(a, id, origin);
    // What the harness used to wait for: equal state vectors. They are equal here ...
    expect(Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))).toBe(true);
    // ... while the notes differ; the convergence key tells them apart.
    expect(notesMap(a).size).not.toBe(notesMap(b).size);
    expect(convergenceKey(a)).not.toBe(convergenceKey(b));
    expect(howDifferent(a, b)).toBe(`same state vector, other deletions (a deletion not yet delivered): has 1 notes client 0 lacks (${id})`);
  });

  it('[D7] a missing edit is reported by state vector, with the writer and clocks', () => {
    const [a, b, id] = twins();
    editNoteText(a, id, 'A sharper need', origin);
    expect(howDifferent(a, b)).toMatch(new RegExp(`^state vector differs: writer ${a.clientID} at clock \\d+ \\(client 0: \\d+\\)$`));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(convergenceKey(a)).toBe(convergenceKey(b));
  });
});
