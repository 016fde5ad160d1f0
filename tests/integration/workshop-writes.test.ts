/**
 * Who may write each document of a board, with real sockets (SPEC W1-W6). A refused update is
 * dropped silently; to show that, each test waits until the server has handled the refused update
 * (`roundTrip`) and an allowed one sent after it has reached an observer, then looks for the
 * refused one on the observer, in the server's document and in storage.
 */
import { describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as Y from 'yjs';
import { englishSentence, problemSentence, socketRefusalProblem } from '../../shared/errors';
import { loadMessages } from '../../shared/i18n/catalogue';
import { createTranslator } from '../../shared/i18n/translate';
import { notesMap } from '../../shared/model/doc';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/model/mutations/notes';
import { createTheme } from '../../shared/model/mutations/themes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { BOARD_DOC, CloseCode, CONTROL_DOC, type DocName, MessageType } from '../../shared/protocol';
import { controlMap, peopleMap, resultsMap } from '../../shared/workshop/control';
import { cleanupAfterEach, note, noteTexts, storedNoteTexts, syncUpdateFrame } from './support';
import { controlOf, type Person, roundTrip, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');

/** A board with one note in the strategy dimension and one in structure, written by the server. */
async function boardWithNotes(w: Workshop) {
  const room = await w.server.rooms.acquire(w.board.id);
  const strategy = addNote(room.doc, note('strategy note'), serverOrigin('api'));
  const structure = addNote(room.doc, note('structure note', { dimension: 'structure' }), serverOrigin('api'));
  return { room, strategy, structure };
}

/** Who a joined person's notes are by (G4: the person of the seat their socket opened with). */
const authorOf = (person: Person, name = 'Ada') => ({ id: person.id, name, cluster: null });

/** The note texts of the server's board document, its storage, and an observer's copy agree. */
async function expectBoardTexts(w: Workshop, observer: { doc: Y.Doc }, texts: string[]) {
  const room = w.server.rooms.peek(w.board.id);
  expect(room && noteTexts(room.doc), 'server document').toEqual(texts);
  expect(await storedNoteTexts(w.ts.store, w.board.id), 'storage').toEqual(texts);
  expect(noteTexts(observer.doc), 'observer').toEqual(texts);
}

describe('the board document', () => {
  it('[W1] a facilitator writes the board while it is locked, a dimension is locked and private writing is on', async () => {
    const w = await workshopOn(defer);
    const { strategy } = await boardWithNotes(w);
    await w.command({ type: 'lock', lock: { board: true, dimensions: ['strategy'] } });
    await w.command({ type: 'privateWriting', on: true });
    const facilitator = w.open(BOARD_DOC, w.facilitator);
    const viewer = w.open(BOARD_DOC, w.viewer);
    await synced(facilitator, viewer);

    addNote(facilitator.doc, note('facilitator strategy note'), mine);
    editNoteText(facilitator.doc, strategy, 'strategy note, edited', mine);
    await waitFor(() => noteTexts(viewer.doc).includes('strategy note, edited'), 'viewer sees the edit');

    await expectBoardTexts(w, viewer, ['facilitator strategy note', 'strategy note, edited', 'structure note']);
  });

  it("[W2] while the board is locked, a participant's new notes, edits and deletions are dropped; they stay connected", async () => {
    const w = await workshopOn(defer);
    const { strategy, structure } = await boardWithNotes(w);
    await w.command({ type: 'lock', lock: { board: true, dimensions: [] } });
    // Joined, so only the lock stands in the way (G4 refuses a seatless socket's notes anyway).
    const ada = await w.join('participant', 'Ada');
    const participant = w.open(BOARD_DOC, ada);
    const facilitator = w.open(BOARD_DOC, w.facilitator);
    const viewer = w.open(BOARD_DOC, w.viewer);
    await synced(participant, facilitator, viewer);

    addNote(participant.doc, note('participant note', { author: authorOf(ada) }), mine);
    editNoteText(participant.doc, strategy, 'strategy note, edited', mine);
    deleteNote(participant.doc, structure, mine);
    await roundTrip(participant);
    addNote(facilitator.doc, note('facilitator note'), mine);
    await waitFor(() => noteTexts(viewer.doc).includes('facilitator note'), 'viewer sees the facilitator note');
    await roundTrip(viewer);

    await expectBoardTexts(w, viewer, ['facilitator note', 'strategy note', 'structure note']);
    await roundTrip(participant);
    expect(noteTexts(participant.doc)).toEqual(['facilitator note', 'participant note', 'strategy note, edited']);
    expect(participant.provider.wsconnected).toBe(true);
  });

  it('[W3] a participant cannot add, edit, move into or out of, or delete notes of a locked dimension, yet writes elsewhere', async () => {
    const w = await workshopOn(defer);
    const { strategy, structure } = await boardWithNotes(w);
    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    const viewer = w.open(BOARD_DOC, w.viewer);
    // One participant per refused change, so each is refused for its own sake, not for building
    // on an earlier refused one.
    const ada = await w.join('participant', 'Ada');
    const refused: ((doc: Y.Doc) => void)[] = [
      (doc) => addNote(doc, note('new strategy note', { author: authorOf(ada) }), mine),
      (doc) => editNoteText(doc, strategy, 'strategy note, edited', mine),
      (doc) => moveNote(doc, strategy, { dimension: 'structure', kind: 'need', themeId: null }, mine),
      (doc) => moveNote(doc, structure, { dimension: 'strategy', kind: 'need', themeId: null }, mine),
      (doc) => deleteNote(doc, strategy, mine),
      // A crafted client writing the dimension as text rather than a plain value.
      (doc) => {
        const text = new Y.Text('strategy');
        (notesMap(doc).get(structure) as Y.Map<unknown>).set('dimension', text);
      },
    ];
    const refusing = refused.map(() => w.open(BOARD_DOC, ada));
    const allowed = w.open(BOARD_DOC, ada);
    await synced(viewer, allowed, ...refusing);

    refused.forEach((change, i) => change(refusing[i]!.doc));
    await Promise.all(refusing.map((client) => roundTrip(client)));
    addNote(allowed.doc, note('new structure note', { dimension: 'structure', author: authorOf(ada) }), mine);
    editNoteText(allowed.doc, structure, 'structure note, edited', mine);
    await waitFor(() => noteTexts(viewer.doc).includes('structure note, edited'), 'viewer sees the allowed edit');
    await roundTrip(viewer);

    await expectBoardTexts(w, viewer, ['new structure note', 'strategy note', 'structure note, edited']);
    const dimensions = [strategy, structure].map((id) => (notesMap(viewer.doc).get(id) as Y.Map<unknown>).get('dimension'));
    expect(dimensions).toEqual(['strategy', 'structure']);
  });

  it("[W4] during private writing a participant's new board note is dropped; their edits and the facilitator's notes land", async () => {
    const w = await workshopOn(defer);
    const { room } = await boardWithNotes(w);
    // [G5] Text changes only in one's own notes during private writing.
    const ann = await w.join('participant', 'Ann');
    const annNote = addNote(room.doc, note("Ann's note", { author: { id: ann.id, name: 'Ann', cluster: null } }), serverOrigin('api'));
    await w.command({ type: 'privateWriting', on: true });
    const adding = w.open(BOARD_DOC, ann);
    const editing = w.open(BOARD_DOC, ann);
    const facilitator = w.open(BOARD_DOC, w.facilitator);
    const viewer = w.open(BOARD_DOC, w.viewer);
    await synced(adding, editing, facilitator, viewer);

    addNote(adding.doc, note('participant board note', { author: authorOf(ann, 'Ann') }), mine);
    await roundTrip(adding);
    editNoteText(editing.doc, annNote, "Ann's note, edited", mine);
    addNote(facilitator.doc, note('facilitator note'), mine);
    await waitFor(() => noteTexts(viewer.doc).length === 4 && noteTexts(viewer.doc).includes("Ann's note, edited"), 'viewer sees both');
    await roundTrip(viewer);

    await expectBoardTexts(w, viewer, ["Ann's note, edited", 'facilitator note', 'strategy note', 'structure note']);
  });
});

describe('a refused change', () => {
  it("[W7] [LG4] is answered with y-websocket's permission denied and a coded reason the page words in its language; under a new client id the writer's next changes land at once", async () => {
    const w = await workshopOn(defer);
    await boardWithNotes(w);
    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    const ada = await w.join('participant', 'Ada');
    const author = authorOf(ada);
    const participant = w.open(BOARD_DOC, ada);
    const observer = w.open(BOARD_DOC, w.viewer);
    const reasons: string[] = [];
    participant.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) =>
      authProtocol.readAuthMessage(decoder, participant.doc, (_doc: unknown, reason: string) => reasons.push(reason));
    await synced(participant, observer);

    addNote(participant.doc, note('raced into a locked dimension', { author }), mine);
    await waitFor(() => reasons.length === 1, 'the refusal reaches the writer');
    const told = socketRefusalProblem(reasons[0]!);
    expect(told).toEqual({ code: 'sync.dimensionLocked', values: { dimension: 'Cluster strategy' } });
    const german = createTranslator('de', await loadMessages('de'), await loadMessages('en'));
    expect(problemSentence(german.t, told)).toBe('Cluster strategy ist gesperrt');
    expect(englishSentence(told)).toBe('Cluster strategy is locked');

    // As the browser does: continue under a new client id, so later changes do not wait behind
    // the refused one (Yjs applies one client's changes in order).
    const presence = participant.provider.awareness.getLocalState();
    participant.provider.awareness.setLocalState(null);
    participant.doc.clientID += 1;
    participant.provider.awareness.clientID = participant.doc.clientID;
    participant.provider.awareness.setLocalState(presence);
    addNote(participant.doc, note('written just after, elsewhere', { dimension: 'structure', author }), mine);
    await waitFor(() => noteTexts(observer.doc).includes('written just after, elsewhere'), 'the next change lands');
    expect(noteTexts(observer.doc)).not.toContain('raced into a locked dimension');

    // And the refused change arrives once the dimension opens.
    await w.command({ type: 'lock', lock: { board: false, dimensions: [] } });
    await waitFor(() => noteTexts(observer.doc).includes('raced into a locked dimension'), 'the refused change arrives after unlock');
  });
});

describe('an update that skips ahead', () => {
  it('[W8] is refused from a participant, so a held-back change cannot slip in later behind a small one', async () => {
    const w = await workshopOn(defer);
    const observer = w.open(BOARD_DOC, w.facilitator);
    await synced(observer);
    // A crafted client makes two changes but sends the second (a strategy note) first, while
    // strategy is open: Yjs would keep it waiting for the first.
    const crafted = new Y.Doc();
    defer(() => crafted.destroy());
    const updates: Uint8Array[] = [];
    crafted.on('update', (update: Uint8Array) => updates.push(update));
    // [G3] Participants do not write meta: the harmless change is a theme elsewhere.
    const ada = await w.join('participant', 'Ada');
    createTheme(crafted, { title: 'probe', dimension: 'structure', kind: 'need' }, mine);
    addNote(crafted, note('held back into strategy', { author: authorOf(ada) }), mine);
    const socket = w.record(BOARD_DOC, ada);
    await socket.opened;
    socket.ws.send(syncUpdateFrame(updates[1]!));
    // An answer on the same socket means the server has handled the update before it.
    await socket.fetchAll();
    // No restriction yet: refused without a word (an honest client only skips ahead in a
    // reconnect race, and its sync answer carries the change again).
    expect(socket.frames.some((f) => f[0] === MessageType.Auth)).toBe(false);

    // Strategy locks; the first, harmless change fills the gap.
    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    socket.ws.send(syncUpdateFrame(updates[0]!));
    await waitFor(() => observer.doc.getMap('themes').size === 1, 'the harmless change lands');
    expect(noteTexts(observer.doc)).toEqual([]);
    expect(noteTexts((await w.server.rooms.acquire(w.board.id)).doc)).toEqual([]);
  });
});

describe('the notes API', () => {
  it('[W2] [W3] binds participants to the same locks (423), never the facilitator', async () => {
    const w = await workshopOn(defer);
    const post = (who: { token: string }, dimension: string) =>
      w.call('POST', '/notes', who, { text: `via API in ${dimension}`, dimension, kind: 'need', author: 'CRM bot' });

    await w.command({ type: 'lock', lock: { board: true, dimensions: [] } });
    expect((await post(w.participant, 'structure')).status).toBe(423);
    expect((await post(w.facilitator, 'structure')).status).toBe(201);

    await w.command({ type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
    expect((await post(w.participant, 'strategy')).status).toBe(423);
    expect((await post(w.participant, 'organisation')).status).toBe(201);
    expect((await post(w.facilitator, 'strategy')).status).toBe(201);

    const room = w.server.rooms.peek(w.board.id);
    expect(room && noteTexts(room.doc)).toEqual(['via API in organisation', 'via API in strategy', 'via API in structure']);
  });
});

describe('the control document', () => {
  it("[W5] no socket writes the control document, not even the facilitator's; the server's writes on commands reach every reader", async () => {
    const w = await workshopOn(defer);
    const writers = [w.facilitator, w.participant, w.viewer].map((who) => w.open(CONTROL_DOC, who));
    const reader = w.open(CONTROL_DOC, w.participant);
    await synced(reader, ...writers);

    for (const writer of writers) {
      writer.doc.transact(() => {
        controlMap(writer.doc).set('lock', { board: true, dimensions: [] });
        controlMap(writer.doc).set('privateWriting', true);
        resultsMap(writer.doc).set('forged-round', { forged: 99 });
        const forged = { name: 'Forged', cluster: null, role: 'facilitator', ready: true, privateCount: 0, votesUsed: 0 };
        peopleMap(writer.doc).set('forged-person', forged);
      }, mine);
    }
    await Promise.all(writers.map((writer) => roundTrip(writer)));
    await w.command({ type: 'bringHere', dimension: 'strategy' });
    await waitFor(() => controlOf(reader).focus?.dimension === 'strategy', 'reader sees the command');
    await roundTrip(reader);

    const room = w.server.rooms.peek(w.board.id, CONTROL_DOC);
    for (const doc of [reader.doc, room?.doc]) {
      expect(doc?.getMap('control').toJSON()).toEqual({ focus: { dimension: 'strategy', seq: 1, by: 'The facilitator' } });
      expect(doc?.getMap('results').size).toBe(0);
      expect(doc?.getMap('people').size).toBe(0);
    }
  });
});

describe('private documents', () => {
  it("[W6] a person's private notes are written to their private document only, and counted (not shown) for the facilitator", async () => {
    const w = await workshopOn(defer);
    const ada = await w.join('participant', 'Ada');
    const own = w.open({ kind: 'private', personId: ada.id }, ada);
    const control = w.open(CONTROL_DOC, w.facilitator);
    const board = w.open(BOARD_DOC, w.facilitator);
    await synced(own, control, board);

    addNote(own.doc, note('my private idea'), mine);
    await waitFor(() => controlOf(control).people.get(ada.id)?.privateCount === 1, 'the facilitator sees the count');

    const privateRoom = w.server.rooms.peek(w.board.id, { kind: 'private', personId: ada.id });
    expect(privateRoom && noteTexts(privateRoom.doc)).toEqual(['my private idea']);
    await roundTrip(board);
    expect(noteTexts(board.doc)).toEqual([]);
  });

  it("[W6] another person's socket is refused before anything it sends reaches a private document", async () => {
    const w = await workshopOn(defer);
    const [ada, bo] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo')];
    const adaPrivate: DocName = { kind: 'private', personId: ada.id };
    const own = w.open(adaPrivate, ada);
    await synced(own);

    const forged = new Y.Doc();
    addNote(forged, note('written into Ada’s notes by Bo'), mine);
    const bosSocket = w.record(adaPrivate, bo);
    // Sent at once: it arrives while the server is still checking the seat.
    bosSocket.ws.on('open', () => bosSocket.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(forged))));
    expect((await bosSocket.closed).code).toBe(CloseCode.Forbidden);
    forged.destroy();

    await roundTrip(own);
    expect(noteTexts(own.doc)).toEqual([]);
    const stored = await w.ts.store.loadState(w.board.id, `private/${ada.id}`);
    expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBe(0);
  });
});
