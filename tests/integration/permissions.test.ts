/** Who may open a board socket, and what a viewer's socket may do (SPEC P1-P3). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode } from '../../shared/protocol';
import { waitForSync } from '../helpers/server';
import {
  boardOn,
  cleanupAfterEach,
  clientOf,
  closedEvent,
  countingClient,
  note,
  noteTexts,
  rawSocket,
  serverFor,
  sleep,
  storedNoteTexts,
  waitFor,
} from './support';

const defer = cleanupAfterEach();

describe('board sockets without a valid token', () => {
  it('[P1] a socket with no token or a wrong token is accepted, then closed with 4401', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);

    for (const token of [null, 'not-a-real-token', board.tokens.viewer.slice(1)]) {
      const socket = rawSocket(defer, ts.server, board.id, token);
      // The upgrade succeeds (a browser could not read a refused upgrade's status)...
      await expect(socket.opened).resolves.toBeUndefined();
      // ...and the close code says why.
      const closed = await socket.closed;
      expect(closed.code, `token ${String(token)}`).toBe(CloseCode.Unauthorized);
    }
  });

  it('[P1] the stock provider stops after 4401: it emits closed and makes no second connection attempt', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const cases = [countingClient(defer, ts.server, board.id, {}), countingClient(defer, ts.server, board.id, { token: 'not-a-real-token' })];
    const closes = cases.map(() => 0);
    cases.forEach((client, i) => client.provider.on('connection-close', () => closes[i]!++));

    const events = await Promise.all(cases.map((client) => closedEvent(client)));
    for (const event of events) expect(event.code).toBe(CloseCode.Unauthorized);
    for (const client of cases) expect(client.provider.shouldConnect).toBe(false);

    // The provider's first retry would come after ~200 ms of backoff; give it well over that.
    await sleep(1500);
    expect(cases.map((client) => client.attempts())).toEqual([1, 1]);
    expect(closes).toEqual([1, 1]);
    expect(cases.some((client) => client.provider.synced)).toBe(false);
    expect(ts.server.connectionCount()).toBe(0);
  });
});

describe('board sockets for the wrong board', () => {
  it("[P2] another board's token gets 4401, while this board's own token opens it", async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const other = await boardOn(ts);

    const wrong = clientOf(defer, ts.server, board.id, other.tokens.facilitator);
    const right = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    expect((await closedEvent(wrong)).code).toBe(CloseCode.Unauthorized);
    expect(wrong.provider.shouldConnect).toBe(false);
    await waitForSync(right);
    expect(right.provider.wsconnected).toBe(true);
  });

  it('[P2] an unknown board id gets 4404, whether or not it looks like a board id', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);

    for (const boardId of ['abcdefgh12345678', 'NOT_A_BOARD', '%ZZ', `${board.id}x`]) {
      const client = clientOf(defer, ts.server, boardId, board.tokens.facilitator);
      const event = await closedEvent(client);
      expect(event.code, boardId).toBe(CloseCode.BoardNotFound);
      expect(client.provider.shouldConnect).toBe(false);
    }
    expect(ts.server.rooms.size).toBe(0);
  });
});

describe('viewers', () => {
  it("[P3] a viewer's document updates never reach the server doc, storage or other clients, while the viewer still syncs down", async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);

    // The viewer arrives with an "offline edit", sent to the server in its sync step 2...
    const viewerDoc = new Y.Doc();
    addNote(viewerDoc, note('viewer offline'), localOrigin('v'));
    const viewer = clientOf(defer, ts.server, board.id, board.tokens.viewer, viewerDoc);
    const facilitator = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    const participant = clientOf(defer, ts.server, board.id, board.tokens.participant);
    await Promise.all([viewer, facilitator, participant].map((c) => waitForSync(c)));

    // ...and then edits live.
    addNote(viewer.doc, note('viewer live'), localOrigin('v'));
    // Barrier: the server handles a socket's messages in order, so once the facilitator sees
    // this awareness change the server has handled both of the viewer's updates.
    viewer.provider.awareness.setLocalStateField('mark', 1);
    await waitFor(() => facilitator.provider.awareness.getStates().get(viewer.doc.clientID)?.mark === 1, "facilitator sees the viewer's presence");

    // A write from the facilitator is stored and forwarded after anything the server took before it.
    addNote(facilitator.doc, note('facilitator'), localOrigin('f'));
    await waitFor(() => noteTexts(participant.doc).includes('facilitator'), 'participant sees the facilitator note');
    await waitFor(() => noteTexts(viewer.doc).includes('facilitator'), 'viewer syncs down');

    expect(noteTexts(participant.doc)).toEqual(['facilitator']);
    expect(noteTexts(facilitator.doc)).toEqual(['facilitator']);
    const roomDoc = ts.server.rooms.peek(board.id)?.doc;
    expect(roomDoc && noteTexts(roomDoc)).toEqual(['facilitator']);
    expect(await storedNoteTexts(ts.store, board.id)).toEqual(['facilitator']);
    // The viewer keeps its own local edits and stays connected: dropping is silent.
    expect(noteTexts(viewer.doc)).toEqual(['facilitator', 'viewer live', 'viewer offline']);
    expect(viewer.provider.wsconnected).toBe(true);
  });
});
