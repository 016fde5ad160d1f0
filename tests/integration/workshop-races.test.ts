/**
 * Workshop actions that meet a race or a failure: a link replaced while a socket is still
 * logging in (SPEC WA2), and a reveal whose board cannot be stored (PW2).
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/storage/memory';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode, roomName, type Seat, SEAT_HEADER } from '../../shared/protocol';
import { stockProvider } from '../helpers/provider';
import { createTestBoard, waitForSync } from '../helpers/server';
import { cleanupAfterEach, gatedServer, note, noteTexts, rawSocket, sleep, waitFor } from './support';

const defer = cleanupAfterEach();

async function post(url: string, token: string, body: unknown, seat?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (seat) headers[SEAT_HEADER] = seat;
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

describe('races and failures', () => {
  it('[WA2] a link replaced while a socket is still logging in closes that socket too (4410)', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    // Loading the board takes a while: the socket is between its token check and joining.
    store.loadDelayMs = 300;
    const socket = rawSocket(defer, server, board.id, board.tokens.participant);
    await socket.opened;
    await sleep(50);
    const rotated = await post(`${server.url}/api/boards/${board.id}/links`, board.tokens.facilitator, { role: 'participant' });
    expect(rotated.status).toBe(200);
    expect((await socket.closed).code).toBe(CloseCode.LinkRevoked);
  });

  it('[WL2] when the control document cannot be stored, the board stops with it and comes back reading a fresh one', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    const socket = rawSocket(defer, server, board.id, board.tokens.participant);
    await socket.opened;
    await waitFor(() => server.rooms.peek(board.id) !== null, 'the board is loaded');
    const first = server.rooms.peek(board.id);

    store.failAppendsTo = 'control';
    const lock = await post(`${server.url}/api/boards/${board.id}/control`, board.tokens.facilitator, {
      type: 'lock',
      lock: { board: true, dimensions: [] },
    });
    expect(lock.status).toBe(204);
    // The board's write rule would read a dead control document: the board closes (retry later).
    expect((await socket.closed).code).toBe(CloseCode.GoingAway);
    await waitFor(() => first?.isOpen === false, 'the first board room is closed');

    store.failAppendsTo = null;
    const again = await post(`${server.url}/api/boards/${board.id}/control`, board.tokens.facilitator, {
      type: 'lock',
      lock: { board: true, dimensions: [] },
    });
    expect(again.status).toBe(204);
    const reloaded = await server.rooms.acquire(board.id);
    expect(reloaded).not.toBe(first);
    expect(reloaded.isOpen).toBe(true);
  });

  it('[PW2] when the board cannot store revealed notes, they stay private instead of being lost', async () => {
    const { server, store } = await gatedServer(defer, new MemoryStore());
    const board = await createTestBoard(store);
    const api = `${server.url}/api/boards/${board.id}`;
    const seat = (await (await post(`${api}/people`, board.tokens.participant, { name: 'Ada', cluster: 'gaia' })).json()) as Seat;
    const client = stockProvider(`ws://127.0.0.1:${server.port}/ws`, roomName(board.id, { kind: 'private', personId: seat.personId }), {
      params: { token: board.tokens.participant, seat: seat.seat },
    });
    defer(() => client.destroy());
    const { doc } = client;
    await waitForSync(client);
    addNote(doc, note('kept private on failure', { author: { id: seat.personId, name: 'Ada', cluster: 'gaia' } }), localOrigin(seat.personId));
    const privateRoom = await server.rooms.acquire(board.id, { kind: 'private', personId: seat.personId });
    await waitFor(() => noteTexts(privateRoom.doc).length === 1, 'the private note reached the server');

    store.failAppendsTo = '';
    const reveal = await post(`${api}/reveal`, board.tokens.participant, {}, seat.seat);
    expect(reveal.status).toBe(503);
    expect(noteTexts(privateRoom.doc)).toEqual(['kept private on failure']);
    expect(noteTexts(doc)).toEqual(['kept private on failure']);

    // Once storage is back, revealing works and the note leaves the private space.
    store.failAppendsTo = null;
    const again = await post(`${api}/reveal`, board.tokens.participant, {}, seat.seat);
    expect(again.status).toBe(200);
    const live = await server.rooms.acquire(board.id);
    expect(noteTexts(live.doc)).toEqual(['kept private on failure']);
    await waitFor(() => noteTexts(doc).length === 0, 'the private copy is gone');
  });
});
