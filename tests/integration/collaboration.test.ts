/** Two real providers on one board: document changes and presence flow both ways. */
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { addNote, deleteNote, editNoteText, moveNote, setNoteColour } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { boardView } from '../../shared/view/boardView';
import { waitForSync } from '../helpers/server';
import { awarenessFrame, boardOn, cleanupAfterEach, clientOf, note, noteTexts, rawSocket, seatedParticipant, serverFor, waitFor } from './support';

const defer = cleanupAfterEach();

async function twoClients() {
  const { current: ts } = await serverFor(defer);
  const board = await boardOn(ts);
  const a = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
  // B writes notes too, so it joins first (G4).
  const ada = await seatedParticipant(ts.store, board);
  const b = clientOf(defer, ts.server, board.id, ada);
  await Promise.all([waitForSync(a), waitForSync(b)]);
  return { ts, board, a, b, ada };
}

describe('document sync', () => {
  it("B sees each of A's note mutations: add, edit, move, recolour, delete", async () => {
    const { a, b } = await twoClients();
    const origin = localOrigin('a');
    const seen = (id: string) => boardView(b.doc).notesById.get(id);

    const id = addNote(a.doc, note('first draft', { dimension: 'structure', kind: 'challenge' }), origin);
    await waitFor(() => seen(id)?.text === 'first draft', 'B sees the new note');
    expect(seen(id)).toMatchObject({ dimension: 'structure', kind: 'challenge', authorName: 'Ada' });

    editNoteText(a.doc, id, 'second draft', origin);
    await waitFor(() => seen(id)?.text === 'second draft', 'B sees the edit');

    moveNote(a.doc, id, { dimension: 'organisation', kind: 'need', themeId: null }, origin);
    await waitFor(() => seen(id)?.dimension === 'organisation', 'B sees the move');
    expect(seen(id)?.kind).toBe('need');

    setNoteColour(a.doc, id, 'violet', origin);
    await waitFor(() => seen(id)?.colour === 'violet', 'B sees the colour');

    deleteNote(a.doc, id, origin);
    await waitFor(() => seen(id) === undefined, 'B sees the deletion');
    expect(boardView(b.doc).noteCount).toBe(0);
  });

  it('concurrent edits from both sides converge to the same board', async () => {
    const { ts, board, a, b, ada } = await twoClients();
    const shared = addNote(a.doc, note('shared'), localOrigin('a'));
    await waitFor(() => boardView(b.doc).notesById.has(shared), 'B sees the shared note');

    // Both write before either hears from the other.
    addNote(a.doc, note('from A'), localOrigin('a'));
    addNote(b.doc, note('from B', { author: ada.author }), localOrigin('b'));
    editNoteText(a.doc, shared, 'shared, edited by A', localOrigin('a'));
    setNoteColour(b.doc, shared, 'sky', localOrigin('b'));

    const expected = ['from A', 'from B', 'shared, edited by A'];
    await waitFor(() => JSON.stringify(noteTexts(a.doc)) === JSON.stringify(expected), 'A converges');
    await waitFor(() => JSON.stringify(noteTexts(b.doc)) === JSON.stringify(expected), 'B converges');
    await waitFor(() => boardView(a.doc).notesById.get(shared)?.colour === 'sky', 'A sees the colour');
    const roomDoc = ts.server.rooms.peek(board.id)?.doc;
    expect(roomDoc && noteTexts(roomDoc)).toEqual(expected);
  });
});

describe('presence', () => {
  it("B sees A's awareness state, and it disappears when A's connection drops", async () => {
    const { a, b } = await twoClients();
    a.provider.awareness.setLocalStateField('user', { name: 'Ada', cluster: 'scs' });
    const stateOfA = () => b.provider.awareness.getStates().get(a.doc.clientID);
    await waitFor(() => stateOfA()?.user?.name === 'Ada', "B sees A's presence");
    // Without a seat, the server shows the given name with the role, never a claimed cluster (P6).
    expect(stateOfA()?.user).toMatchObject({ name: 'Ada', cluster: null, role: 'facilitator' });

    // Drop the socket without the goodbye a graceful disconnect sends: the server must clean up.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WebSocket).terminate();
    await waitFor(() => stateOfA() === undefined, "A's presence disappears for B");
    expect(b.provider.wsconnected).toBe(true);
  });

  it('a client that joins later sees the presence of those already there', async () => {
    const { ts, board, a } = await twoClients();
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    const room = ts.server.rooms.peek(board.id);
    await waitFor(() => room?.awareness.getStates().has(a.doc.clientID) === true, "the server has A's presence");

    const c = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitFor(() => c.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', "the late joiner sees A's presence");
  });
});

describe('presence ownership', () => {
  it("[P5] one connection cannot erase another's presence, as a stock provider's echo of a local time-out would", async () => {
    const { ts, board, a, b } = await twoClients();
    a.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    b.provider.awareness.setLocalStateField('user', { name: 'Ben' });
    const room = ts.server.rooms.peek(board.id);
    await waitFor(() => room?.awareness.getStates().size === 2, 'the server has both presences');
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 'B sees Ana');

    let anaRemovedForB = 0;
    b.provider.awareness.on('update', ({ removed }: { removed: number[] }) => {
      if (removed.includes(a.doc.clientID)) anaRemovedForB++;
    });

    // B's awareness times Ana out locally (as after a network hiccup) and the provider echoes it.
    const clock = b.provider.awareness.meta.get(a.doc.clientID)?.clock ?? 0;
    const intruder = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    await waitFor(() => intruder.messages.length > 0, 'the intruder joined');
    intruder.ws.send(awarenessFrame(a.doc.clientID, clock + 1, null));
    // And tries to rename her: a state with an old clock is not a takeover.
    intruder.ws.send(awarenessFrame(a.doc.clientID, clock, { user: { name: 'Not Ana' } }));
    const marker = new Y.Doc();
    intruder.ws.send(awarenessFrame(marker.clientID, 1, { user: { name: 'Intruder' } }));
    await waitFor(() => b.provider.awareness.getStates().has(marker.clientID), "B sees the intruder's own presence");

    // Ana's own provider would re-announce her after a removal: the point is that she never blinks.
    expect(anaRemovedForB).toBe(0);
    expect(room?.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'Ana' } });
    expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'Ana' } });
    marker.destroy();

    // What a connection owns leaves with it.
    intruder.ws.close();
    await waitFor(() => !b.provider.awareness.getStates().has(marker.clientID), "the intruder's presence leaves with it");
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(true);
  });
});
