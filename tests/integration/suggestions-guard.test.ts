/**
 * Suggestions' board records with the real server and sockets (SPEC SU4, SU6): a participant's
 * "me too" only in their own name, taken back only by them; dismissals only by facilitators.
 * Each change is made on a copy of the server's board, as a client would, and sent on a raw
 * socket; the answer is the permission-denied reason, or null when the update lands.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { dismissalsMap, meTooMap, newRecordMap } from '../../shared/model/doc';
import { dismissProposal } from '../../shared/model/mutations/dismissals';
import { addMeToo, meTooId, removeMeToo } from '../../shared/model/mutations/meToo';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { boardView } from '../../shared/view/boardView';
import { englishReason } from '../helpers/socketReason';
import { sendRawChange } from './rawWrites';
import { cleanupAfterEach, note } from './support';
import { type Caller, type Person, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');

async function send(w: Workshop, who: Caller, change: (doc: Y.Doc) => void): Promise<string | null> {
  const reason = await sendRawChange(w, who, change, defer);
  return reason === null ? null : englishReason(reason);
}

async function setUp(): Promise<{ w: Workshop; ann: Person; ben: Person; annNote: string; benNote: string; doc: Y.Doc }> {
  const w = await workshopOn(defer);
  const ann = await w.join('participant', 'Ann', 'gaia');
  const ben = await w.join('participant', 'Ben', 'scs');
  const doc = (await w.server.rooms.acquire(w.board.id)).doc;
  const annNote = addNote(doc, note('Shared KPI dashboard', { author: { id: ann.id, name: 'Ann', cluster: 'gaia' } }), serverOrigin('api'));
  const benNote = addNote(doc, note('KPI monitoring tool', { author: { id: ben.id, name: 'Ben', cluster: 'scs' } }), serverOrigin('api'));
  return { w, ann, ben, annNote, benNote, doc };
}

describe('"me too" over a socket', () => {
  it('[SU4] a participant says "me too" in their own name, and takes it back; the board counts it once, from any device', async () => {
    const { w, ann, benNote, doc } = await setUp();
    expect(await send(w, ann, (d) => addMeToo(d, benNote, ann.id, mine))).toBeNull();
    // The same "me too" from a second device lands on the same record.
    expect(
      await send(w, ann, (d) => meTooMap(d).set(meTooId(benNote, ann.id), newRecordMap({ noteId: benNote, personId: ann.id, createdAt: 2 }))),
    ).toBeNull();
    expect(boardView(doc).notesById.get(benNote)?.meToo).toEqual([ann.id]);
    expect(await send(w, ann, (d) => removeMeToo(d, benNote, ann.id, mine))).toBeNull();
    expect(boardView(doc).notesById.get(benNote)?.meToo).toEqual([]);
  });

  it('[SU4] a participant cannot say it in someone else’s name, nor file it under another key or note', async () => {
    const { w, ann, ben, annNote, benNote, doc } = await setUp();
    expect(
      await send(w, ann, (d) => meTooMap(d).set(meTooId(annNote, ben.id), newRecordMap({ noteId: annNote, personId: ben.id, createdAt: 1 }))),
    ).toBe('a "me too" can only be said in your own name');
    expect(
      await send(w, ann, (d) => meTooMap(d).set(meTooId(annNote, ann.id), newRecordMap({ noteId: benNote, personId: ann.id, createdAt: 1 }))),
    ).toBe('a "me too" is filed under its note and person');
    expect(await send(w, ann, (d) => meTooMap(d).set('anything', newRecordMap({ noteId: benNote, personId: ann.id, createdAt: 1 })))).toBe(
      'a "me too" is filed under its note and person',
    );
    expect(meTooMap(doc).size).toBe(0);
  });

  it('[SU4] a participant cannot take back or change someone else’s "me too"; a facilitator may remove any', async () => {
    const { w, ann, ben, annNote, doc } = await setUp();
    expect(await send(w, ben, (d) => addMeToo(d, annNote, ben.id, mine))).toBeNull();
    const id = meTooId(annNote, ben.id);
    expect(await send(w, ann, (d) => removeMeToo(d, annNote, ben.id, mine))).toBe('you can take back only your own "me too"');
    expect(await send(w, ann, (d) => (meTooMap(d).get(id) as Y.Map<unknown>).set('personId', ann.id))).toBe(
      'a "me too" never changes: take it back instead',
    );
    expect(boardView(doc).notesById.get(annNote)?.meToo).toEqual([ben.id]);
    expect(await send(w, w.facilitator, (d) => removeMeToo(d, annNote, ben.id, mine))).toBeNull();
    expect(meTooMap(doc).has(id)).toBe(false);
  });
});

describe('dismissed proposals over a socket', () => {
  it('[SU6] only a facilitator dismisses a proposal or brings it back; a participant’s attempt is refused', async () => {
    const { w, ann, doc } = await setUp();
    expect(await send(w, ann, (d) => dismissProposal(d, 'theme', 'a|b', ann.id, mine))).toBe('only facilitators dismiss proposals');
    expect(dismissalsMap(doc).size).toBe(0);
    const id = (await send(w, w.facilitator, (d) => dismissProposal(d, 'theme', 'a|b', 'frida', mine))) ?? 'landed';
    expect(id).toBe('landed');
    expect(boardView(doc).dismissed.size).toBe(1);
    const [key] = [...dismissalsMap(doc).keys()];
    expect(await send(w, ann, (d) => dismissalsMap(d).delete(key ?? ''))).toBe('only facilitators dismiss proposals');
    expect(boardView(doc).dismissed.size).toBe(1);
  });
});
