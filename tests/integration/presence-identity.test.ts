/**
 * Presence tells the truth about who is here (SPEC P6, P7): names and clusters come from the
 * server's record of each seat, a connection speaks for one client id, and nobody takes over
 * someone else's. Raw frames stand in for a crafted client.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BOARD_DOC, CloseCode } from '../../shared/protocol';
import { awarenessFrame, cleanupAfterEach, waitFor } from './support';
import { synced, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

type Presence = { user?: { id?: string; name?: string; cluster?: string | null; role?: string } } | undefined;

describe('presence identity', () => {
  it("[P6] a seat's presence shows the server's record of that person, whatever the client claims, and follows a rename", async () => {
    const w = await workshopOn(defer);
    const ana = await w.join('participant', 'Ana', 'gaia');
    const observer = w.open(BOARD_DOC, w.viewer);
    await synced(observer);
    const forger = w.record(BOARD_DOC, ana);
    await forger.opened;
    const fake = new Y.Doc();
    defer(() => fake.destroy());
    const seen = (): Presence => observer.provider.awareness.getStates().get(fake.clientID) as Presence;

    forger.ws.send(awarenessFrame(fake.clientID, 1, { user: { id: 'frida-facilitator', name: 'Frida (facilitator)', cluster: 'dti' }, focus: null }));
    await waitFor(() => seen() !== undefined, 'the observer sees the presence');
    expect(seen()?.user).toEqual({ id: ana.id, name: 'Ana', cluster: 'gaia', role: 'participant' });

    const renamed = await w.call('PUT', '/people/me', ana, { name: 'Ana K.', cluster: 'other:Tartu' });
    expect(renamed.status).toBe(204);
    forger.ws.send(awarenessFrame(fake.clientID, 2, { user: { name: 'still lying' } }));
    await waitFor(() => seen()?.user?.name === 'Ana K.', 'the new name shows');
    expect(seen()?.user).toEqual({ id: ana.id, name: 'Ana K.', cluster: 'other:Tartu', role: 'participant' });
  });

  it('[P6] without a seat, presence shows the role and the given name, under an id no person can have', async () => {
    const w = await workshopOn(defer);
    const observer = w.open(BOARD_DOC, w.facilitator);
    await synced(observer);
    const viewer = w.record(BOARD_DOC, w.viewer);
    await viewer.opened;
    const fake = new Y.Doc();
    defer(() => fake.destroy());
    viewer.ws.send(awarenessFrame(fake.clientID, 1, { user: { id: 'someone-real', name: 'Projector', cluster: 'scs' } }));
    await waitFor(() => observer.provider.awareness.getStates().has(fake.clientID), 'the observer sees the viewer');
    const user = (observer.provider.awareness.getStates().get(fake.clientID) as Presence)?.user;
    expect(user).toMatchObject({ name: 'Projector', cluster: null, role: 'viewer' });
    expect(user?.id).toMatch(/^viewer:/);
  });

  it('[P6] a connection speaks for one client id at a time, and cannot take over a client id of another person', async () => {
    const w = await workshopOn(defer);
    const ana = await w.join('participant', 'Ana', 'gaia');
    const ben = await w.join('participant', 'Ben', 'scs');
    const observer = w.open(BOARD_DOC, w.viewer);
    await synced(observer);
    const has = (id: number) => observer.provider.awareness.getStates().has(id);
    const [first, second, marker] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    defer(() => [first, second, marker].forEach((d) => d.destroy()));

    const socket = w.record(BOARD_DOC, ana);
    await socket.opened;
    socket.ws.send(awarenessFrame(first.clientID, 1, { focus: null }));
    socket.ws.send(awarenessFrame(second.clientID, 1, { focus: null }));
    // Ben's connection tries Ana's id with a newer clock: no takeover across people.
    const bens = w.record(BOARD_DOC, ben);
    await bens.opened;
    bens.ws.send(awarenessFrame(first.clientID, 5, { focus: 'stolen' }));
    bens.ws.send(awarenessFrame(marker.clientID, 1, { focus: null }));
    await waitFor(() => has(marker.clientID), "Ben's own presence arrives");
    expect(has(second.clientID)).toBe(false);
    expect((observer.provider.awareness.getStates().get(first.clientID) as Presence)?.user?.name).toBe('Ana');

    // Leaving the first id frees the connection to take another (as a client changing its Yjs id does).
    socket.ws.send(awarenessFrame(first.clientID, 2, null));
    socket.ws.send(awarenessFrame(second.clientID, 2, { focus: null }));
    await waitFor(() => has(second.clientID) && !has(first.clientID), 'the connection moved to its new id');

    // Ana's second connection (a reconnect before the old socket is gone) may take her id over.
    const again = w.record(BOARD_DOC, ana);
    await again.opened;
    again.ws.send(awarenessFrame(second.clientID, 3, { focus: 'after reconnect' }));
    await waitFor(
      () => (observer.provider.awareness.getStates().get(second.clientID) as { focus?: string })?.focus === 'after reconnect',
      'the same person takes over',
    );
  });

  it('[P7] a presence state over 4 KB closes only that socket, with 4413', async () => {
    const w = await workshopOn(defer);
    const ana = await w.join('participant', 'Ana', 'gaia');
    const observer = w.open(BOARD_DOC, w.viewer);
    await synced(observer);
    const socket = w.record(BOARD_DOC, ana);
    await socket.opened;
    socket.ws.send(awarenessFrame(12345, 1, { focus: 'x'.repeat(5000) }));
    expect((await socket.closed).code).toBe(CloseCode.TooLarge);
    expect(observer.provider.awareness.getStates().has(12345)).toBe(false);
    expect(observer.provider.wsconnected).toBe(true);
  });
});
