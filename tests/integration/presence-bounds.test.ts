/**
 * Presence is bounded (SPEC K1-K3): what a connection may make a room remember of presence is
 * capped, and what is remembered of people who left is forgotten again, while honest clients
 * (whose providers echo everyone's presence and change client ids after a refused write) are never
 * closed. Raw frames stand in for a crafted client; sizes are read from the server's room.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/app';
import { CloseCode } from '../../shared/protocol';
import { type TestClient, waitForSync } from '../helpers/server';
import { awarenessFrame, boardOn, cleanupAfterEach, clientOf, rawSocket, serverFor, sleep, waitFor } from './support';

const defer = cleanupAfterEach();

/**
 * A stock provider with a presence state, as the app sets one (a provider's own initial state has
 * clock 0, which y-protocols never applies over nothing).
 */
function present(client: TestClient): TestClient {
  client.provider.awareness.setLocalStateField('focus', null);
  return client;
}

/** A client id no one uses (Yjs ids are random 32-bit numbers). */
const freshId = () => new Y.Doc().clientID;

function presenceOf(server: RunningServer, boardId: string) {
  const room = server.rooms.peek(boardId);
  if (!room) throw new Error('the board is not loaded');
  return room.awareness;
}

describe('presence bounds', () => {
  it('[K1] ten removals of client ids nobody owns leave the presence maps as they were, and reach nobody', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const observer = present(clientOf(defer, ts.server, board.id, board.tokens.viewer));
    await waitForSync(observer);
    const attacker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await attacker.opened;
    const presence = presenceOf(ts.server, board.id);
    await waitFor(() => presence.states.size === 1, "the observer's presence is in");
    const before = { states: presence.states.size, meta: presence.meta.size };
    const heard: number[] = [];
    observer.provider.awareness.on('update', ({ removed }: { removed: number[] }) => heard.push(...removed));

    for (let i = 0; i < 10; i++) attacker.ws.send(awarenessFrame(freshId(), 1 + i, null));
    // A state of its own after them: once it is in, the removals before it have been handled.
    const marker = freshId();
    attacker.ws.send(awarenessFrame(marker, 1, { focus: null }));
    await waitFor(() => presence.states.has(marker), 'the marker arrives');

    expect({ states: presence.states.size, meta: presence.meta.size }).toEqual({ states: before.states + 1, meta: before.meta + 1 });
    expect(heard).toEqual([]);
  });

  it('[K2] a connection that keeps taking new client ids is closed with 4429, and the room keeps no more than it allowed', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { presenceIdsPerMinute: 5 } } });
    const board = await boardOn(ts);
    const observer = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(observer);
    const presence = presenceOf(ts.server, board.id);
    const metaBefore = presence.meta.size;
    const attacker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await attacker.opened;
    // Take an id, leave it, take the next: one live id at a time, as P6 allows.
    for (let i = 0; i < 20; i++) {
      const id = freshId();
      attacker.ws.send(awarenessFrame(id, 1, { focus: null }));
      attacker.ws.send(awarenessFrame(id, 2, null));
    }
    expect(await attacker.closed).toEqual({ code: CloseCode.TooManyRequests, reason: 'Too many presence ids on one connection' });
    expect(presence.meta.size - metaBefore).toBeLessThanOrEqual(5);
    expect(observer.provider.wsconnected).toBe(true);
  });

  it('[K2] past the presence a room shows, the connection adding one more is closed with 4429; the others stay', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { presencePerRoom: 2 } } });
    const board = await boardOn(ts);
    const [ana, ben] = [
      present(clientOf(defer, ts.server, board.id, board.tokens.viewer)),
      present(clientOf(defer, ts.server, board.id, board.tokens.viewer)),
    ];
    await Promise.all([waitForSync(ana), waitForSync(ben)]);
    const presence = presenceOf(ts.server, board.id);
    await waitFor(() => presence.states.size === 2, 'both are present');
    const third = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await third.opened;
    third.ws.send(awarenessFrame(freshId(), 1, { focus: null }));
    expect(await third.closed).toEqual({ code: CloseCode.TooManyRequests, reason: 'This board shows at most 2 people at once' });
    expect(presence.states.size).toBe(2);
    expect(ana.provider.wsconnected && ben.provider.wsconnected).toBe(true);
  });

  it('[K3] the clock of a client who left is forgotten once the time for echoes has passed', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { presenceForgetMs: 200 } } });
    const board = await boardOn(ts);
    const stays = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(stays);
    const presence = presenceOf(ts.server, board.id);
    const leaver = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await leaver.opened;
    const id = freshId();
    leaver.ws.send(awarenessFrame(id, 1, { focus: null }));
    await waitFor(() => presence.states.has(id), 'the leaver is present');
    leaver.ws.close();
    await waitFor(() => !presence.states.has(id), 'the leaver is gone');
    // Right after leaving, its clock guards against a late echo of its last state.
    expect(presence.meta.has(id)).toBe(true);
    await sleep(300);
    // Forgotten at the room's next presence change (here the one who stayed moves).
    stays.provider.awareness.setLocalStateField('focus', 'note-1');
    await waitFor(() => !presence.meta.has(id), 'the clock of the one who left is forgotten');
  });

  it('[K1, K2] honest clients are never closed: echoes of everyone, removals of others, and new client ids after refused writes', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const closes: number[] = [];
    const people = Array.from({ length: 4 }, () => {
      const client = present(clientOf(defer, ts.server, board.id, board.tokens.participant));
      client.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
      return client;
    });
    await Promise.all(people.map((p) => waitForSync(p)));
    const presence = presenceOf(ts.server, board.id);
    await waitFor(() => presence.states.size === 4, 'everyone is present');
    // Someone floods removals of made-up ids meanwhile.
    const attacker = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await attacker.opened;
    for (let i = 0; i < 200; i++) attacker.ws.send(awarenessFrame(freshId(), 1, null));
    // One person's writes are refused a dozen times in a row (a lock came down as they typed): the
    // client continues under a new client id each time (client/board/session.ts).
    const [first] = people;
    if (!first) throw new Error('no people');
    for (let i = 0; i < 12; i++) {
      const state = first.provider.awareness.getLocalState();
      first.provider.awareness.setLocalState(null);
      const id = freshId();
      first.doc.clientID = id;
      first.provider.awareness.clientID = id;
      first.provider.awareness.setLocalState(state);
      // (A new id's first state has clock 0, which the server cannot apply: the next move shows it.)
      first.provider.awareness.setLocalStateField('focus', `note-${i}`);
    }
    // And one leaves: the others' providers echo its removal.
    people[3]?.destroy();
    await waitFor(() => presence.states.size === 3 && presence.states.has(first.doc.clientID), 'presence settles');
    await sleep(200);
    expect(closes).toEqual([]);
    expect(people.slice(0, 3).every((p) => p.provider.wsconnected)).toBe(true);
  });
});
