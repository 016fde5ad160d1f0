/**
 * "Me too" (SPEC SU3, SU4) and dismissed proposals (SU6) as board records: the named mutations,
 * what boardView reads from them, and the guard over whatever a participant's client writes into
 * them (fast-check with a fixed seed; ME_TOO_RUNS=2000 runs more).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type Writer } from '../../server/workshop/guard';
import { meTooMap, newRecordMap } from '../../shared/model/doc';
import { MutationError } from '../../shared/model/errors';
import { dismissProposal, restoreProposal } from '../../shared/model/mutations/dismissals';
import { addMeToo, meTooId, removeMeToo } from '../../shared/model/mutations/meToo';
import { addNote } from '../../shared/model/mutations/notes';
import { dismissalId, isDismissed } from '../../shared/suggest/dismissals';
import { boardView } from '../../shared/view/boardView';
import type { WorkshopRules } from '../../shared/workshop/writeRule';
import { alice, aliceOrigin, bob } from './support';

const OPEN: WorkshopRules = { lock: { board: false, dimensions: [] }, privateWriting: false };
const LOCKED: WorkshopRules = { lock: { board: false, dimensions: ['strategy'] }, privateWriting: false };
const ALICE: Writer = { role: 'participant', personId: 'alice' };
const RUNS = Number(process.env.ME_TOO_RUNS ?? 200);

function board(): Y.Doc {
  const doc = new Y.Doc();
  addNote(doc, { text: 'Weak KPI monitoring', dimension: 'strategy', kind: 'challenge', author: alice, id: 'a1' }, aliceOrigin);
  addNote(doc, { text: 'No KPI tool', dimension: 'strategy', kind: 'challenge', author: bob, id: 'b1' }, aliceOrigin);
  addNote(doc, { text: 'Mentoring', dimension: 'structure', kind: 'need', author: bob, id: 'b2' }, aliceOrigin);
  return doc;
}

const voices = (doc: Y.Doc, noteId: string) => boardView(doc).notesById.get(noteId)?.meToo;

describe('the "me too" mutations', () => {
  it('[SU3] saying it twice is one voice; taking it back removes only your own', () => {
    const doc = board();
    addMeToo(doc, 'b1', 'alice', aliceOrigin);
    addMeToo(doc, 'b1', 'alice', aliceOrigin);
    addMeToo(doc, 'b1', 'carol', aliceOrigin);
    expect(voices(doc, 'b1')).toEqual(['alice', 'carol']);
    removeMeToo(doc, 'b1', 'alice', aliceOrigin);
    removeMeToo(doc, 'b1', 'alice', aliceOrigin);
    expect(voices(doc, 'b1')).toEqual(['carol']);
    expect(voices(doc, 'b2')).toEqual([]);
  });

  it('[SU3] nobody says "me too" to their own note, to a note that is gone, or without a seat', () => {
    const doc = board();
    expect(() => addMeToo(doc, 'a1', 'alice', aliceOrigin)).toThrow(MutationError);
    expect(() => addMeToo(doc, 'gone', 'alice', aliceOrigin)).toThrow(MutationError);
    expect(() => addMeToo(doc, 'b1', '', aliceOrigin)).toThrow(MutationError);
    expect(meTooMap(doc).size).toBe(0);
  });

  it('[SU3] two devices of one person saying it at once converge on one voice', () => {
    const one = board();
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    addMeToo(one, 'b1', 'alice', aliceOrigin);
    addMeToo(two, 'b1', 'alice', aliceOrigin);
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two));
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    expect(voices(one, 'b1')).toEqual(['alice']);
    expect(voices(two, 'b1')).toEqual(['alice']);
  });

  it('[SU3] a record filed under another key, or the author’s own, is not counted', () => {
    const doc = board();
    doc.transact(() => {
      meTooMap(doc).set('b1>mallory', newRecordMap({ noteId: 'b1', personId: 'alice', createdAt: 1 }));
      meTooMap(doc).set(meTooId('a1', 'alice'), newRecordMap({ noteId: 'a1', personId: 'alice', createdAt: 1 }));
    });
    expect(voices(doc, 'b1')).toEqual([]);
    expect(voices(doc, 'a1')).toEqual([]);
  });
});

describe('dismissed proposals', () => {
  it('[SU6] dismissing twice is one record, the view knows it, and restoring brings it back', () => {
    const doc = board();
    dismissProposal(doc, 'theme', 'a1|b1', 'frida', aliceOrigin);
    dismissProposal(doc, 'theme', 'a1|b1', 'frida', aliceOrigin);
    const view = boardView(doc);
    expect(view.dismissed).toEqual(new Set([dismissalId('theme', 'a1|b1')]));
    expect(isDismissed(view, 'theme', 'a1|b1')).toBe(true);
    expect(isDismissed(view, 'tandem', 'a1|b1')).toBe(false);
    restoreProposal(doc, 'theme', 'a1|b1', aliceOrigin);
    expect(boardView(doc).dismissed.size).toBe(0);
  });

  it('[SU6] a proposal naming hundreds of notes still has a key within the board’s bounds', () => {
    const key = Array.from({ length: 400 }, (_, i) => `note-${i}`).join('|');
    expect(dismissalId('theme', key).length).toBeLessThanOrEqual(129);
    expect(dismissalId('theme', key)).not.toBe(dismissalId('theme', `${key}|x`));
  });
});

/** One write a participant's client might make into the "me too" records. */
type Write =
  | { op: 'set'; key: string; noteId: unknown; personId: unknown }
  | { op: 'delete'; key: string }
  | { op: 'change'; key: string; field: string; value: unknown };

const person = fc.constantFrom('alice', 'bob', 'carol', '', 'x'.repeat(70));
const noteId = fc.constantFrom('a1', 'b1', 'b2', 'gone');
const key = fc.oneof(
  fc.tuple(noteId, person).map(([n, p]) => meTooId(n, p)),
  fc.string({ maxLength: 12 }),
);
const write: fc.Arbitrary<Write> = fc.oneof(
  // What an honest client writes, so accepted updates are reached as often as refused ones.
  noteId.map((n) => ({ op: 'set' as const, key: meTooId(n, 'alice'), noteId: n, personId: 'alice' })),
  fc.constantFrom('b1', 'b2').map((n) => ({ op: 'delete' as const, key: meTooId(n, 'alice') })),
  fc.record({ op: fc.constant('set' as const), key, noteId: fc.oneof(noteId, fc.anything()), personId: fc.oneof(person, fc.anything()) }),
  fc.record({ op: fc.constant('delete' as const), key }),
  fc.record({ op: fc.constant('change' as const), key, field: fc.constantFrom('noteId', 'personId', 'createdAt'), value: fc.oneof(person, noteId) }),
);

function apply(doc: Y.Doc, w: Write): void {
  const map = meTooMap(doc);
  if (w.op === 'set')
    map.set(
      w.key,
      newRecordMap({
        noteId: JSON.parse(JSON.stringify(w.noteId ?? null)) as unknown,
        personId: JSON.parse(JSON.stringify(w.personId ?? null)) as unknown,
        createdAt: 1,
      }),
    );
  else if (w.op === 'delete') map.delete(w.key);
  else {
    const record = map.get(w.key);
    if (record instanceof Y.Map) record.set(w.field, w.value);
  }
}

describe('the guard over a participant’s "me too" writes', () => {
  it('[SU4] whatever a participant writes, an accepted update adds only their own voice and removes only their own', () => {
    const seen = { accepted: 0, added: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 4 }), fc.boolean(), (writes, locked) => {
        const server = board();
        // Voices already there: Bob's on Alice's note, Carol's and Alice's on Bob's.
        meTooMap(server).set(meTooId('a1', 'bob'), newRecordMap({ noteId: 'a1', personId: 'bob', createdAt: 1 }));
        meTooMap(server).set(meTooId('b1', 'carol'), newRecordMap({ noteId: 'b1', personId: 'carol', createdAt: 1 }));
        meTooMap(server).set(meTooId('b2', 'alice'), newRecordMap({ noteId: 'b2', personId: 'alice', createdAt: 1 }));
        const before = boardView(server);
        const client = new Y.Doc();
        Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
        const updates: Uint8Array[] = [];
        client.on('update', (u: Uint8Array) => updates.push(u));
        client.transact(() => writes.forEach((w) => apply(client, w)));
        if (updates.length === 0) return;
        const update = Y.mergeUpdates(updates);
        const verdict = checkUpdate(server, update, ALICE, locked ? LOCKED : OPEN);
        if (!verdict.ok) {
          seen.refused++;
          return;
        }
        seen.accepted++;
        Y.applyUpdate(server, update);
        const after = boardView(server);
        for (const [id, note] of after.notesById) {
          const was = new Set(before.notesById.get(id)?.meToo ?? []);
          const now = new Set(note.meToo);
          for (const voice of now) {
            if (was.has(voice)) continue;
            seen.added++;
            expect(voice, `a voice added on ${id}`).toBe('alice');
          }
          for (const voice of was) if (!now.has(voice)) expect(voice, `a voice removed on ${id}`).toBe('alice');
          // A locked dimension takes no "me too" at all.
          if (locked && note.dimension === 'strategy') expect(now).toEqual(was);
        }
      }),
      { seed: 1919, numRuns: RUNS },
    );
    // The generator reached both sides of the guard, and some accepted updates added a voice.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.added).toBeGreaterThan(0);
  });
});
