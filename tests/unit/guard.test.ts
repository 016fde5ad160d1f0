/**
 * The participant guard (server/workshop/guard.ts) on its own: which updates it refuses while a
 * dimension is locked or private writing is on (SPEC W3, W4), worked out before they are applied.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type Writer } from '../../server/workshop/guard';
import { socketRefusal, socketRefusalProblem } from '../../shared/errors';
import { notesMap } from '../../shared/model/doc';
import { addLink, removeLink } from '../../shared/model/mutations/links';
import { setBoardTitle } from '../../shared/model/mutations/meta';
import { addNote, deleteNote, editNoteText, moveNote, setNoteColour } from '../../shared/model/mutations/notes';
import { createTheme, groupNotes } from '../../shared/model/mutations/themes';
import type { AddNoteInput } from '../../shared/model/schema';
import type { DimensionId } from '../../shared/model/vocabulary';
import type { WorkshopRules } from '../../shared/workshop/writeRule';
import { alice, aliceOrigin, bob } from './support';

const LOCKED: WorkshopRules = { lock: { board: false, dimensions: ['strategy'] }, privateWriting: false };
const PRIVATE_WRITING: WorkshopRules = { lock: { board: false, dimensions: [] }, privateWriting: true };
const OPEN: WorkshopRules = { lock: { board: false, dimensions: [] }, privateWriting: false };

function noteIn(dimension: DimensionId, text: string, kind: AddNoteInput['kind'] = 'need'): AddNoteInput {
  return { text, dimension, kind, author: alice };
}

/**
 * The server's board: a need and a good practice in the locked dimension (strategy), the same in
 * an open one (structure), and the link between the open two.
 */
function serverBoard() {
  const doc = new Y.Doc();
  const lockedNeed = addNote(doc, noteIn('strategy', 'locked need'), aliceOrigin);
  const lockedPractice = addNote(doc, noteIn('strategy', 'locked practice', 'good-practice'), aliceOrigin);
  const openNeed = addNote(doc, noteIn('structure', 'open need'), aliceOrigin);
  const openPractice = addNote(doc, noteIn('structure', 'open practice', 'good-practice'), aliceOrigin);
  const openLink = addLink(doc, openNeed, openPractice, 'alice', aliceOrigin);
  return { doc, lockedNeed, lockedPractice, openNeed, openPractice, openLink };
}

/** The update a participant's client sends for `change`, made on a copy of the server's board. */
function updateFor(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  change(client);
  client.destroy();
  expect(updates.length, 'the change wrote something').toBeGreaterThan(0);
  return Y.mergeUpdates(updates);
}

/** Alice, a participant who joined: her seat's person is the author her client writes. */
const ALICE: Writer = { role: 'participant', personId: alice.id };

/** The verdict with its English reason; what the page is told (its problem) is checked on its own below. */
function checkParticipantUpdate(server: Y.Doc, update: Uint8Array, rules: WorkshopRules) {
  const verdict = checkUpdate(server, update, ALICE, rules);
  return verdict.ok ? verdict : { ok: false, reason: verdict.reason };
}

function verdict(server: Y.Doc, rules: WorkshopRules, change: (client: Y.Doc) => void) {
  return checkParticipantUpdate(server, updateFor(server, change), rules);
}

describe('with a dimension locked', () => {
  it('[W3] refuses adding, editing, recolouring, moving into or out of, and deleting notes of the locked dimension', () => {
    const b = serverBoard();
    const refused: [string, (client: Y.Doc) => void][] = [
      ['add', (c) => addNote(c, noteIn('strategy', 'new'), aliceOrigin)],
      ['edit', (c) => editNoteText(c, b.lockedNeed, 'locked need, edited', aliceOrigin)],
      ['recolour', (c) => setNoteColour(c, b.lockedNeed, 'sky', aliceOrigin)],
      ['move out', (c) => moveNote(c, b.lockedNeed, { dimension: 'structure', kind: 'need', themeId: null }, aliceOrigin)],
      ['move in', (c) => moveNote(c, b.openNeed, { dimension: 'strategy', kind: 'need', themeId: null }, aliceOrigin)],
      ['delete', (c) => deleteNote(c, b.lockedNeed, aliceOrigin)],
    ];
    for (const [what, change] of refused) {
      expect(verdict(b.doc, LOCKED, change), what).toEqual({ ok: false, reason: 'Cluster strategy is locked' });
    }
  });

  it('[W3] refuses themes in the locked dimension and links or unlinks that touch one of its notes', () => {
    const b = serverBoard();
    const lockedLink = addLink(b.doc, b.lockedNeed, b.lockedPractice, 'alice', aliceOrigin);
    const refused: [string, (client: Y.Doc) => void][] = [
      ['theme', (c) => createTheme(c, { dimension: 'strategy', kind: 'need', title: 'Funding' }, aliceOrigin)],
      ['group', (c) => groupNotes(c, [b.lockedNeed], { dimension: 'strategy', kind: 'need', title: 'Funding' }, aliceOrigin)],
      ['link to a locked practice', (c) => addLink(c, b.openNeed, b.lockedPractice, 'alice', aliceOrigin)],
      ['unlink a locked note', (c) => removeLink(c, lockedLink, aliceOrigin)],
    ];
    for (const [what, change] of refused) {
      expect(verdict(b.doc, LOCKED, change).ok, what).toBe(false);
    }
  });

  it('[W3] lets everything else through: notes, themes and links of other dimensions', () => {
    const b = serverBoard();
    const allowed: [string, (client: Y.Doc) => void][] = [
      ['add', (c) => addNote(c, noteIn('structure', 'new'), aliceOrigin)],
      ['edit', (c) => editNoteText(c, b.openNeed, 'open need, edited', aliceOrigin)],
      ['move within open dimensions', (c) => moveNote(c, b.openNeed, { dimension: 'organisation', kind: 'need', themeId: null }, aliceOrigin)],
      ['delete', (c) => deleteNote(c, b.openNeed, aliceOrigin)],
      ['group', (c) => groupNotes(c, [b.openNeed], { dimension: 'structure', kind: 'need', title: 'Members' }, aliceOrigin)],
      ['unlink', (c) => removeLink(c, b.openLink, aliceOrigin)],
    ];
    for (const [what, change] of allowed) {
      expect(verdict(b.doc, LOCKED, change), what).toEqual({ ok: true });
    }
  });

  it('[W3] refuses a crafted update that writes a dimension as text instead of a plain value', () => {
    const b = serverBoard();
    const asText = (value: string) => {
      const text = new Y.Text();
      text.insert(0, value);
      return text;
    };
    // Read as a plain record, a Y.Text field is its string: this would move the note into the
    // locked dimension without the value "strategy" ever being written as a plain value.
    const moveIn = verdict(b.doc, LOCKED, (c) => (notesMap(c).get(b.openNeed) as Y.Map<unknown>).set('dimension', asText('strategy')));
    expect(moveIn.ok).toBe(false);
    const addIn = verdict(b.doc, LOCKED, (c) =>
      c.transact(() => {
        const id = addNote(c, noteIn('structure', 'new'), aliceOrigin);
        (notesMap(c).get(id) as Y.Map<unknown>).set('dimension', asText('strategy'));
      }),
    );
    expect(addIn.ok).toBe(false);

    // A dimension planted as text while nothing was locked cannot be edited into the locked one.
    const planted = addNote(b.doc, noteIn('structure', 'planted'), aliceOrigin);
    (notesMap(b.doc).get(planted) as Y.Map<unknown>).set('dimension', asText('structure'));
    const editIn = verdict(b.doc, LOCKED, (c) => {
      const text = (notesMap(c).get(planted) as Y.Map<unknown>).get('dimension') as Y.Text;
      c.transact(() => {
        text.delete(0, text.length);
        text.insert(0, 'strate');
        text.insert(6, 'gy');
      });
    });
    expect(editIn.ok).toBe(false);
  });

  it('[W3] refuses an update that builds on changes the server never received', () => {
    const b = serverBoard();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(b.doc));
    // Added while its update was refused (or lost): the server does not have this note.
    const unseen = addNote(client, noteIn('structure', 'unseen'), aliceOrigin);
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    editNoteText(client, unseen, 'unseen, edited', aliceOrigin);
    deleteNote(client, unseen, aliceOrigin);
    for (const update of updates) {
      expect(checkParticipantUpdate(b.doc, update, LOCKED).ok).toBe(false);
    }
    client.destroy();
  });
});

describe('with private writing on', () => {
  it('[W4] [G4] refuses a new note on the shared board, a theme title and text in notes of others; lets the rest through', () => {
    const b = serverBoard();
    const bobs = addNote(b.doc, { ...noteIn('structure', "bob's note"), author: bob }, aliceOrigin);
    expect(verdict(b.doc, PRIVATE_WRITING, (c) => addNote(c, noteIn('structure', 'new'), aliceOrigin))).toEqual({
      ok: false,
      reason: 'private writing is on, so new notes go to your private notes first',
    });
    const refused: [string, (client: Y.Doc) => void][] = [
      ['group under a title', (c) => groupNotes(c, [b.openNeed], { dimension: 'structure', kind: 'need', title: 'Members' }, aliceOrigin)],
      ['overwrite a colleague', (c) => editNoteText(c, bobs, 'published through Bob', aliceOrigin)],
    ];
    for (const [what, change] of refused) expect(verdict(b.doc, PRIVATE_WRITING, change).ok, what).toBe(false);
    const allowed: [string, (client: Y.Doc) => void][] = [
      ['edit', (c) => editNoteText(c, b.lockedNeed, 'edited', aliceOrigin)],
      ['move', (c) => moveNote(c, b.openNeed, { dimension: 'strategy', kind: 'need', themeId: null }, aliceOrigin)],
      ["move a colleague's note", (c) => moveNote(c, bobs, { dimension: 'strategy', kind: 'need', themeId: null }, aliceOrigin)],
      ['delete', (c) => deleteNote(c, b.openNeed, aliceOrigin)],
      ["delete a colleague's note", (c) => deleteNote(c, bobs, aliceOrigin)],
    ];
    for (const [what, change] of allowed) {
      expect(verdict(b.doc, PRIVATE_WRITING, change), what).toEqual({ ok: true });
    }
  });
});

describe('with no rule in force', () => {
  it('[G1] still judges every update: honest changes pass, unreadable bytes and the board title do not', () => {
    const b = serverBoard();
    expect(verdict(b.doc, OPEN, (c) => addNote(c, noteIn('strategy', 'new'), aliceOrigin))).toEqual({ ok: true });
    expect(checkParticipantUpdate(b.doc, new Uint8Array([1, 2, 3]), OPEN).ok).toBe(false);
    expect(verdict(b.doc, OPEN, (c) => setBoardTitle(c, 'Vilnius workshop', aliceOrigin))).toEqual({
      ok: false,
      reason: "only facilitators change the board's settings",
    });
  });
});

describe('honest work done offline', () => {
  it('[G2] [G4] a merged offline session passes: a new note typed full, cleared, typed full again, moved and recoloured', () => {
    const b = serverBoard();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(b.doc));
    const updates: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => updates.push(update));
    const id = addNote(client, noteIn('structure', ''), aliceOrigin);
    editNoteText(client, id, 'a'.repeat(2_000), aliceOrigin);
    editNoteText(client, id, '', aliceOrigin);
    editNoteText(client, id, 'b'.repeat(2_000), aliceOrigin);
    moveNote(client, id, { dimension: 'organisation', kind: 'need', themeId: null }, aliceOrigin);
    setNoteColour(client, id, 'sky', aliceOrigin);
    // As y-websocket sends what the server lacks after reconnecting: one update.
    expect(checkParticipantUpdate(b.doc, Y.mergeUpdates(updates), OPEN)).toEqual({ ok: true });
    // One character more, typed straight into the text (the editor would not let it): refused.
    ((notesMap(client).get(id) as Y.Map<unknown>).get('text') as Y.Text).insert(0, 'c');
    expect(checkParticipantUpdate(b.doc, Y.mergeUpdates(updates), OPEN)).toEqual({ ok: false, reason: 'text holds at most 2,000 characters' });
    client.destroy();
  });
});

describe('honest catch-up after reconnecting', () => {
  /** A participant's client that syncs from the server, then works while the server lacks it. */
  function offlineClient(server: Y.Doc): Y.Doc {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    return client;
  }

  it('[G1] a note created and deleted offline passes: its collected fields (GC) are deleted again, changing nothing', () => {
    const b = serverBoard();
    const client = offlineClient(b.doc);
    const gone = addNote(client, noteIn('structure', 'typed, then thrown away'), aliceOrigin);
    deleteNote(client, gone, aliceOrigin);
    const kept = addNote(client, noteIn('structure', 'kept'), aliceOrigin);
    // Sync step 2 as y-websocket sends it: the client's doc has collected the deleted note, so the
    // diff carries the record as deleted content, its fields as a GC run, and a delete set naming both.
    const diff = Y.encodeStateAsUpdate(client, Y.encodeStateVector(b.doc));
    const { structs, ds } = Y.decodeUpdate(diff);
    expect(structs.some((s) => s instanceof Y.GC)).toBe(true);
    expect(ds.clients.size).toBe(1);
    expect(checkParticipantUpdate(b.doc, diff, OPEN)).toEqual({ ok: true });
    Y.applyUpdate(b.doc, diff);
    expect([...notesMap(b.doc).keys()]).toContain(kept);
    expect(notesMap(b.doc).has(gone)).toBe(false);
    client.destroy();
  });

  it('[G1] a delete set naming clocks the update does not carry at all is still refused', () => {
    const b = serverBoard();
    const client = offlineClient(b.doc);
    const id = addNote(client, noteIn('structure', 'never sent'), aliceOrigin);
    deleteNote(client, id, aliceOrigin);
    // Encoded against the client's own state: no structs, only the delete set naming them.
    const onlyDeletion = Y.encodeStateAsUpdate(client, Y.encodeStateVector(client));
    expect(Y.decodeUpdate(onlyDeletion).structs).toHaveLength(0);
    expect(checkParticipantUpdate(b.doc, onlyDeletion, OPEN)).toEqual({ ok: false, reason: 'it deletes something the server does not have' });
    client.destroy();
  });

  it('[G1] [G2] a catch-up that repeats notes the server already holds (they came over the bus first) passes', () => {
    const b = serverBoard();
    const client = offlineClient(b.doc);
    const asked = Y.encodeStateVector(b.doc);
    const id = addNote(client, noteIn('structure', 'sent twice'), aliceOrigin);
    moveNote(client, id, { dimension: 'organisation', kind: 'need', themeId: null }, aliceOrigin);
    // The client answers the server's sync step 1 with everything after `asked`; meanwhile the
    // server got the same note from another instance, so the answer repeats what it holds.
    const answer = Y.encodeStateAsUpdate(client, asked);
    Y.applyUpdate(b.doc, answer);
    expect(checkParticipantUpdate(b.doc, answer, OPEN)).toEqual({ ok: true });
    // Repeated and new together: the new note is still judged (it is in the locked dimension).
    addNote(client, noteIn('strategy', 'new one'), aliceOrigin);
    const both = Y.encodeStateAsUpdate(client, asked);
    expect(checkParticipantUpdate(b.doc, both, OPEN)).toEqual({ ok: true });
    expect(checkParticipantUpdate(b.doc, both, LOCKED)).toEqual({ ok: false, reason: 'Cluster strategy is locked' });
    client.destroy();
  });
  it('[G1] a repeat forged with other content at clocks the server holds passes and changes nothing (Yjs skips it)', () => {
    const b = serverBoard();
    const client = offlineClient(b.doc);
    addNote(client, noteIn('structure', 'honest'), aliceOrigin);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(b.doc)));
    // Same writer id and clocks, but a note in the locked dimension in Bob's name.
    const forger = new Y.Doc();
    forger.clientID = client.clientID;
    addNote(forger, { ...noteIn('strategy', 'forged'), author: bob }, aliceOrigin);
    const forged = Y.encodeStateAsUpdate(forger);
    expect(Y.getState(forger.store, forger.clientID)).toBeLessThanOrEqual(Y.getState(b.doc.store, client.clientID));
    const before = Y.encodeStateAsUpdate(b.doc);
    expect(checkParticipantUpdate(b.doc, forged, LOCKED)).toEqual({ ok: true });
    Y.applyUpdate(b.doc, forged);
    expect(Y.encodeStateAsUpdate(b.doc)).toEqual(before);
    client.destroy();
    forger.destroy();
  });
});

describe('what the writer is told [LG4]', () => {
  it('[LG4] a refusal a person meets carries its code and values; one only a broken client meets is told as a malformed change', () => {
    const b = serverBoard();
    const locked = checkUpdate(
      b.doc,
      updateFor(b.doc, (client) => addNote(client, noteIn('strategy', 'late'), aliceOrigin)),
      ALICE,
      LOCKED,
    );
    expect(locked).toMatchObject({ ok: false, problem: { code: 'sync.dimensionLocked', values: { dimension: 'Cluster strategy' } } });
    const garbage = checkUpdate(b.doc, new Uint8Array([1, 2, 3, 4, 5]), ALICE, OPEN);
    expect(garbage).toMatchObject({ ok: false, problem: { code: 'sync.malformed' } });
    // Over the socket and back: the same problem, whatever the page's language will be.
    if (locked.ok) throw new Error('expected a refusal');
    expect(socketRefusalProblem(socketRefusal(locked.problem))).toEqual(locked.problem);
    // An older server's English clause is shown as it is.
    expect(socketRefusalProblem('the board is locked')).toEqual({ code: 'sync.other', values: { detail: 'the board is locked' } });
  });
});
