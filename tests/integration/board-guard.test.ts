/**
 * The board's write guard with the real server and sockets (SPEC G1-G9): what a participant or a
 * facilitator may write over a socket, whatever their client sends. Each change is made on a copy
 * of the server's board, as a client would, and sent on a raw socket; the answer is either the
 * permission-denied message with its reason (W7) or the update lands.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap, notesMap } from '../../shared/model/doc';
import { MAX_NOTES_PER_BOARD } from '../../shared/model/limits';
import { setBoardLanguage, setBoardTitle } from '../../shared/model/mutations/meta';
import { addNote, addNotes, deleteNote, editNoteText } from '../../shared/model/mutations/notes';
import { createTheme } from '../../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { BOARD_DOC } from '../../shared/protocol';
import { CloseCode } from '../../shared/protocol';
import { boardView } from '../../shared/view/boardView';
import { waitForSync } from '../helpers/server';
import { englishReason } from '../helpers/socketReason';
import { sendRawChange } from './rawWrites';
import { boardOn, cleanupAfterEach, clientOf, note, noteTexts, serverFor } from './support';
import { type Caller, type Person, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');

/** Sends what `change` writes on a copy of the server's board; the refusal's reason, or null. */
async function send(w: Workshop, who: Caller, change: (doc: Y.Doc) => void): Promise<string | null> {
  const reason = await sendRawChange(w, who, change, defer);
  return reason === null ? null : englishReason(reason);
}

async function serverDoc(w: Workshop): Promise<Y.Doc> {
  return (await w.server.rooms.acquire(w.board.id)).doc;
}

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  return notesMap(doc).get(id) as Y.Map<unknown>;
}

/** A chain of `depth` maps, each inside the last, under `map[key]`. */
function nestMaps(map: Y.Map<unknown>, key: string, depth: number): void {
  let current = map;
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>();
    current.set(key, next);
    current = next;
  }
}

async function withPeople(w: Workshop): Promise<{ ann: Person; ben: Person; annNote: string; benNote: string }> {
  const ann = await w.join('participant', 'Ann', 'gaia');
  const ben = await w.join('participant', 'Ben', 'scs');
  const doc = await serverDoc(w);
  const annNote = addNote(doc, note("Ann's note", { author: { id: ann.id, name: 'Ann', cluster: 'gaia' } }), serverOrigin('api'));
  const benNote = addNote(doc, note("Ben's note", { author: { id: ben.id, name: 'Ben', cluster: 'scs' } }), serverOrigin('api'));
  return { ann, ben, annNote, benNote };
}

describe('structure and bounds, for everyone who writes', () => {
  it('[G2] a chain of 6,000 nested maps under a note or under meta is refused, from a participant and from a facilitator', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote } = await withPeople(w);
    const underNote = (doc: Y.Doc) => nestMaps(noteMap(doc, annNote), 'deep', 6_000);
    expect(await send(w, ann, underNote)).toBe('deep must be a plain value');
    expect(await send(w, w.facilitator, underNote)).toBe('deep must be a plain value');
    expect(await send(w, w.facilitator, (doc) => nestMaps(metaMap(doc), 'deep', 6_000))).toBe('board settings are plain values');

    const doc = await serverDoc(w);
    expect(noteMap(doc, annNote).has('deep')).toBe(false);
    expect(metaMap(doc).has('deep')).toBe(false);
    expect(boardView(doc).noteCount).toBe(2);
  });

  it('[G2] a board that already holds such a chain (stored before the guard) still lists, renders and exports its notes', async () => {
    const w = await workshopOn(defer);
    const { annNote } = await withPeople(w);
    const doc = await serverDoc(w);
    doc.transact(() => {
      nestMaps(noteMap(doc, annNote), 'deep', 6_000);
      nestMaps(metaMap(doc), 'deep', 6_000);
    }, serverOrigin('repair'));
    const get = (path: string) =>
      fetch(`${w.server.url}/api/boards/${w.board.id}${path}`, { headers: { authorization: `Bearer ${w.board.tokens.participant}` } });
    for (const path of ['/notes', '/export?format=md', '/export?format=csv', '/export?format=json']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain("Ann's note");
    }
    const reader = w.open(BOARD_DOC, w.viewer);
    await synced(reader);
    expect(boardView(reader.doc).noteCount).toBe(2);
  });

  it('[G2] a chain stored before the guard is removed when the server loads the board, so the note can be deleted', async () => {
    const handle = await serverFor(defer);
    const board = await boardOn(handle.current);
    const room = await handle.current.server.rooms.acquire(board.id);
    const id = addNote(room.doc, note('holds a chain'), serverOrigin('api'));
    room.doc.transact(() => nestMaps(noteMap(room.doc, id), 'deep', 6_000), serverOrigin('repair'));
    await waitFor(() => room.unstoredBytes === 0, 'the chain is stored');

    const restarted = await handle.restart();
    const facilitator = clientOf(defer, restarted.server, board.id, board.tokens.facilitator);
    await waitForSync(facilitator);
    expect(noteMap(facilitator.doc, id).has('deep')).toBe(false);
    deleteNote(facilitator.doc, id, mine);
    const reopened = await restarted.server.rooms.acquire(board.id);
    await waitFor(() => !notesMap(reopened.doc).has(id), 'the deletion lands');
  });

  it('[G2] note text over 2,000 characters is refused on the socket for everyone; replacing all of a full note is not', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote } = await withPeople(w);
    const tooLong = 'x'.repeat(2_001);
    const grow = (doc: Y.Doc) => (noteMap(doc, annNote).get('text') as Y.Text).insert(0, tooLong);
    expect(await send(w, ann, grow)).toBe("a note's text holds at most 2,000 characters");
    expect(await send(w, w.facilitator, grow)).toBe("a note's text holds at most 2,000 characters");
    // The exploit: notes of 1.9 MiB each, forty of which pushed a board past its size limit.
    const huge = (doc: Y.Doc) => {
      const text = new Y.Text();
      text.insert(0, 'z'.repeat(1_900_000));
      noteMap(doc, annNote).set('text', text);
    };
    expect(await send(w, w.facilitator, huge)).toBe("a note's text holds at most 2,000 characters");

    // An honest "replace all" of a full note counts the characters it deletes.
    const full = 'a'.repeat(2_000);
    expect(await send(w, ann, (doc) => editNoteText(doc, annNote, full, mine))).toBeNull();
    expect((noteMap(await serverDoc(w), annNote).get('text') as Y.Text).length).toBe(2_000);
    expect(await send(w, ann, (doc) => editNoteText(doc, annNote, 'b'.repeat(2_000), mine))).toBeNull();
    expect((noteMap(await serverDoc(w), annNote).get('text') as Y.Text).toString()).toBe('b'.repeat(2_000));
  });

  it('[G2] times outside [0, now + 24 h] and numbers that are not finite are refused', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote } = await withPeople(w);
    expect(await send(w, ann, (doc) => noteMap(doc, annNote).set('updatedAt', 9e15))).toBe(
      'updatedAt is a time outside the range the server accepts',
    );
    expect(await send(w, w.facilitator, (doc) => noteMap(doc, annNote).set('updatedAt', -1))).toBe(
      'updatedAt is a time outside the range the server accepts',
    );
    expect(await send(w, w.facilitator, (doc) => noteMap(doc, annNote).set('updatedAt', Number.NaN))).toBe('updatedAt must be a time');
    expect(await send(w, w.facilitator, (doc) => metaMap(doc).set('createdAt', 1e300))).toBe(
      'createdAt is a time outside the range the server accepts',
    );
    expect(await send(w, ann, (doc) => noteMap(doc, annNote).set('updatedAt', Date.now()))).toBeNull();
  });

  it('[G7] vote data written into the board document is refused, and a stored one never reaches an export', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote } = await withPeople(w);
    expect(await send(w, ann, (doc) => noteMap(doc, annNote).set('votes', 600))).toMatch(/^"votes" is not the board's/);
    expect(await send(w, w.facilitator, (doc) => noteMap(doc, annNote).set('votes', 600))).toMatch(/^"votes" is not the board's/);
    expect(await send(w, ann, (doc) => doc.getMap('votes').set(annNote, 600))).toBe('a board has no "votes"');

    // Written before the guard refused it: readers drop it.
    const doc = await serverDoc(w);
    noteMap(doc, annNote).set('votes', 600);
    const res = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?format=json`, {
      headers: { authorization: `Bearer ${w.board.tokens.facilitator}` },
    });
    const exported = (await res.json()) as { notes: Record<string, unknown>[]; votes: Record<string, number> };
    expect(exported.notes.find((n) => n.id === annNote)).not.toHaveProperty('votes');
    expect(exported.votes).toEqual({});
  });
});

describe("what only facilitators change, and a note's origin", () => {
  it('[G3] a participant cannot rename the board over the socket, neither while open nor while a dimension is locked; a facilitator can', async () => {
    const w = await workshopOn(defer);
    const { ann } = await withPeople(w);
    const rename = (doc: Y.Doc) => setBoardTitle(doc, 'Renamed by a participant', mine);
    expect(await send(w, ann, rename)).toBe("only facilitators change the board's settings");
    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    expect(await send(w, ann, rename)).toBe("only facilitators change the board's settings");
    expect(metaMap(await serverDoc(w)).get('title')).not.toBe('Renamed by a participant');
    expect(await send(w, w.facilitator, (doc) => setBoardTitle(doc, 'Renamed by the facilitator', mine))).toBeNull();
    expect(metaMap(await serverDoc(w)).get('title')).toBe('Renamed by the facilitator');
  });

  it("[LG3] only a facilitator sets the board's language, and only to one the product speaks", async () => {
    const w = await workshopOn(defer);
    const { ann } = await withPeople(w);
    expect(await send(w, ann, (doc) => setBoardLanguage(doc, 'de', mine))).toBe("only facilitators change the board's settings");
    expect(await send(w, w.facilitator, (doc) => metaMap(doc).set('language', 'klingon'))).toMatch(/^language /);
    expect(metaMap(await serverDoc(w)).get('language')).toBeUndefined();
    expect(await send(w, w.facilitator, (doc) => setBoardLanguage(doc, 'fr', mine))).toBeNull();
    expect(boardView(await serverDoc(w)).meta.language).toBe('fr');
  });

  it('[G4] a participant writes notes only as themselves, without a source, and never changes who wrote a note or where it came from', async () => {
    const w = await workshopOn(defer);
    const { ann, ben, benNote } = await withPeople(w);
    const asAnn = { id: ann.id, name: 'Ann', cluster: 'gaia' as const };
    expect(await send(w, ann, (doc) => addNote(doc, note('as Ben', { author: { id: ben.id, name: 'Ben', cluster: 'scs' } }), mine))).toBe(
      'a note can only be written in your own name',
    );
    expect(
      await send(w, ann, (doc) => {
        const id = addNote(doc, note('from the template', { author: asAnn }), mine);
        noteMap(doc, id).set('source', { kind: 'template', label: 'EXCITE D1.4 report' });
      }),
    ).toBe('only the server gives a note a source');
    for (const [field, value] of [
      ['authorId', ann.id],
      ['authorName', 'Ann'],
      ['cluster', 'gaia'],
      ['createdAt', 1],
      ['carriedFrom', { boardId: 'b', boardTitle: 'Old board', noteId: 'n' }],
    ] as const) {
      expect(await send(w, ann, (doc) => noteMap(doc, benNote).set(field, value)), field).toBe(
        `the ${field} of a note is set when it is written and never changes`,
      );
    }
    expect(await send(w, ann, (doc) => noteMap(doc, benNote).delete('authorId'))).toBe(
      'the authorId of a note is set when it is written and never changes',
    );
    // Fields no version writes are not a participant's to invent; a facilitator's newer client may.
    expect(await send(w, ann, (doc) => noteMap(doc, benNote).set('likes', 3))).toBe('a note has no field "likes"');
    expect(await send(w, w.facilitator, (doc) => noteMap(doc, benNote).set('likes', 3))).toBeNull();
    expect(noteMap(await serverDoc(w), benNote).get('authorId')).toBe(ben.id);

    expect(await send(w, ann, (doc) => addNote(doc, note('my own', { author: asAnn }), mine))).toBeNull();
    expect(boardView(await serverDoc(w)).noteCount).toBe(3);
  });

  it("[G4] a participant's undo brings back their own deleted note", async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann', 'gaia');
    const client = w.open(BOARD_DOC, ann);
    const observer = w.open(BOARD_DOC, w.viewer);
    await synced(client, observer);
    const undo = new Y.UndoManager([notesMap(client.doc)], { trackedOrigins: new Set([mine]), captureTimeout: 0 });
    const id = addNote(client.doc, note('undo me back', { author: { id: ann.id, name: 'Ann', cluster: 'gaia' } }), mine);
    await waitFor(() => notesMap(observer.doc).has(id), 'the note lands');
    deleteNote(client.doc, id, mine);
    await waitFor(() => !notesMap(observer.doc).has(id), 'the deletion lands');
    undo.undo();
    await waitFor(() => notesMap(observer.doc).has(id), 'the restored note lands');
    expect(boardView(observer.doc).notesById.get(id)?.text).toBe('undo me back');
  });

  it('[G4] [AT7] a participant socket without a seat writes no notes, under a made-up author or any other; joined, the same person can', async () => {
    const w = await workshopOn(defer);
    const { ann } = await withPeople(w);
    const poser = { id: 'made-up-person-1', name: 'Anna', cluster: 'gaia' as const };
    const seatless = w.participant;
    expect(await send(w, seatless, (doc) => addNote(doc, note('posing as Anna, GAIA', { author: poser }), mine))).toBe(
      'join the board first: notes are written under the seat you get by joining',
    );
    expect(await send(w, seatless, (doc) => addNote(doc, note('as Ann', { author: { id: ann.id, name: 'Ann', cluster: 'gaia' } }), mine))).toBe(
      'join the board first: notes are written under the seat you get by joining',
    );
    expect([...boardView(await serverDoc(w)).notesById.values()].map((n) => n.text).sort()).toEqual(["Ann's note", "Ben's note"]);
    // Seatless, it still edits what is there (the guard's other rules apply).
    const annNote = [...boardView(await serverDoc(w)).notesById.values()].find((n) => n.text === "Ann's note")?.id ?? '';
    expect(await send(w, seatless, (doc) => editNoteText(doc, annNote, "Ann's note, edited", mine))).toBeNull();
    const anna = await w.join('participant', 'Anna', 'gaia');
    expect(
      await send(w, anna, (doc) => addNote(doc, note('joined first', { author: { id: anna.id, name: 'Anna', cluster: 'gaia' } }), mine)),
    ).toBeNull();
  });

  it('[G5] during private writing a participant cannot publish text as a theme title or in a note that is not theirs', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote, benNote } = await withPeople(w);
    await w.command({ type: 'privateWriting', on: true });
    expect(await send(w, ann, (doc) => createTheme(doc, { title: 'Read me, everyone', dimension: 'strategy', kind: 'need' }, mine))).toBe(
      'private writing is on, so theme titles wait until it ends',
    );
    expect(await send(w, ann, (doc) => editNoteText(doc, benNote, 'Read me, everyone', mine))).toBe(
      "private writing is on, so only your own notes' text can change",
    );
    expect(await send(w, ann, (doc) => editNoteText(doc, annNote, "Ann's note, edited", mine))).toBeNull();
    const texts = [...boardView(await serverDoc(w)).notesById.values()].map((n) => n.text).sort();
    expect(texts).toEqual(["Ann's note, edited", "Ben's note"]);
  });
});

describe('locks, by the records as stored', () => {
  it('[G8] a note planted with an invalid kind before a lock cannot be made valid in the locked dimension', async () => {
    const w = await workshopOn(defer);
    const { ann, annNote } = await withPeople(w);
    // Stored while nothing checked kinds: the view skips it, yet it sits in strategy.
    noteMap(await serverDoc(w), annNote).set('kind', 'not-a-kind');
    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    expect(await send(w, ann, (doc) => noteMap(doc, annNote).set('kind', 'challenge'))).toBe('Cluster strategy is locked');
    expect(boardView(await serverDoc(w)).notesById.has(annNote)).toBe(false);
  });
});

describe('a board at its size limit', () => {
  it('[G6] still takes deletions, also after a restart, so the facilitator can bring it back; anything else gets 4413', async () => {
    const handle = await serverFor(defer, { overrides: { limits: { boardBytes: 20_000 } } });
    const board = await boardOn(handle.current);
    const room = await handle.current.server.rooms.acquire(board.id);
    const ids = Array.from({ length: 12 }, (_, i) => addNote(room.doc, note(`${i} ${'z'.repeat(1_900)}`), serverOrigin('api')));
    const facilitator = clientOf(defer, handle.current.server, board.id, board.tokens.facilitator);
    await waitForSync(facilitator);
    const closes: number[] = [];
    facilitator.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));

    deleteNote(facilitator.doc, ids[0]!, mine);
    await waitFor(() => !notesMap(room.doc).has(ids[0]!), 'the deletion lands');
    addNote(facilitator.doc, note('one too many'), mine);
    await waitFor(() => closes.includes(CloseCode.TooLarge), 'a new note is refused with 4413');

    const restarted = await handle.restart();
    const again = clientOf(defer, restarted.server, board.id, board.tokens.facilitator);
    await waitForSync(again);
    const reopened = await restarted.server.rooms.acquire(board.id);
    deleteNote(again.doc, ids[1]!, mine);
    await waitFor(() => !notesMap(reopened.doc).has(ids[1]!), 'the deletion lands after a restart');
    expect(notesMap(reopened.doc).size).toBe(10);
  });
});

/** A note written as a crafted client would, past the limit its own copy of the mutations keeps. */
function craftedNote(doc: Y.Doc, text: string, author: { id: string; name: string; cluster: string | null }): void {
  const scratch = new Y.Doc();
  const id = addNote(scratch, note(text, { author }), mine);
  const fields = (notesMap(scratch).get(id) as Y.Map<unknown>).toJSON() as Record<string, unknown>;
  scratch.destroy();
  const map = new Y.Map<unknown>();
  for (const [field, value] of Object.entries(fields)) map.set(field, field === 'text' ? new Y.Text(String(value)) : value);
  notesMap(doc).set(id, map);
}

describe('a board at its note limit', () => {
  it(
    '[Q2] an update that would take the board past 10,000 notes is refused over the socket, from anyone; edits and deletions still land',
    { timeout: 60_000 },
    async () => {
      const w = await workshopOn(defer);
      const ann = await w.join('participant', 'Ann', 'gaia');
      const asAnn = { id: ann.id, name: 'Ann', cluster: 'gaia' as const };
      const doc = await serverDoc(w);
      // Near the limit in one batch, as the server itself would add them (small notes: well within the size cap).
      const held = addNotes(
        doc,
        Array.from({ length: MAX_NOTES_PER_BOARD - 1 }, (_, i) => note(`n${i}`)),
        serverOrigin('api'),
      );
      const full = 'the board holds 9,999 notes, and a board holds at most 10,000';
      const two = (d: Y.Doc) => ['one', 'two'].forEach((text) => craftedNote(d, text, asAnn));
      expect(await send(w, ann, two)).toBe(full);
      expect(await send(w, ann, (d) => addNote(d, note('the last one', { author: asAnn }), mine))).toBeNull();
      expect(notesMap(doc).size).toBe(MAX_NOTES_PER_BOARD);
      const atLimit = 'the board holds 10,000 notes, and a board holds at most 10,000';
      expect(await send(w, ann, (d) => craftedNote(d, 'one too many', asAnn))).toBe(atLimit);
      expect(await send(w, w.facilitator, (d) => craftedNote(d, 'one too many', asAnn))).toBe(atLimit);
      // At the limit the board still changes: an edit, and a deletion with a new note in its place.
      expect(await send(w, ann, (d) => editNoteText(d, held[0]!, 'n0, edited', mine))).toBeNull();
      expect(
        await send(w, w.facilitator, (d) => {
          deleteNote(d, held[1]!, mine);
          addNote(d, note('in its place', { author: asAnn }), mine);
        }),
      ).toBeNull();
      expect(notesMap(doc).size).toBe(MAX_NOTES_PER_BOARD);
      expect(noteTexts(doc).filter((text) => ['one', 'two', 'one too many'].includes(text))).toEqual([]);
    },
  );
});
