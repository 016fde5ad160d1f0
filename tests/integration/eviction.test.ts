/**
 * The loaded-board cap is not a lock-out (SPEC K6): past it, the board nobody is in that was used
 * longest ago is flushed and unloaded to make room, so boards opened and left by anyone never keep
 * a workshop out. A small cap stands in for the 2,000 of a real server.
 */
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { CloseCode } from '../../shared/protocol';
import { waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, note, noteTexts, rawSocket, serverFor, storedNoteTexts, waitFor } from './support';

const defer = cleanupAfterEach();
const me = localOrigin('me');

/** Opens a board the way an attacker does: a socket that syncs, then leaves. */
async function openAndLeave(server: RunningServer, boardId: string, token: string): Promise<void> {
  const socket = rawSocket(defer, server, boardId, token);
  await socket.opened;
  socket.ws.send(new Uint8Array([0, 0, 1, 0]));
  await waitFor(() => socket.messages.length > 0, 'the board answers');
  socket.ws.close();
  await socket.closed;
}

describe('loaded boards', () => {
  it('[K6] after many boards were opened and left, a workshop board still opens (no "Server busy")', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { boardsLoaded: 3 } } });
    for (let i = 0; i < 12; i++) {
      const empty = await boardOn(ts);
      await openAndLeave(ts.server, empty.id, empty.tokens.viewer);
    }
    const workshop = await boardOn(ts);
    const facilitator = clientOf(defer, ts.server, workshop.id, workshop.tokens.facilitator);
    const closes: { code: number; reason: string }[] = [];
    facilitator.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push({ code: event.code, reason: event.reason }));
    await waitForSync(facilitator);
    expect(closes).toEqual([]);
    expect(ts.server.rooms.size).toBeLessThanOrEqual(3);
    // Over HTTP too: the notes API opens the board and answers.
    const other = await boardOn(ts);
    const response = await fetch(`${ts.server.url}/api/boards/${other.id}/notes`, { headers: { authorization: `Bearer ${other.tokens.viewer}` } });
    expect(response.status).toBe(200);
  });

  it('[K6] the board evicted is the one used longest ago, and it is flushed first: its notes come back when it reopens', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { boardsLoaded: 2 } } });
    const [old, recent, newcomer] = [await boardOn(ts), await boardOn(ts), await boardOn(ts)];
    const writer = clientOf(defer, ts.server, old.id, old.tokens.facilitator);
    await waitForSync(writer);
    addNote(writer.doc, note('kept through eviction'), me);
    await waitFor(() => ts.server.rooms.peek(old.id)?.doc.getMap('notes').size === 1, 'the note reaches the server');
    writer.destroy();
    await waitFor(() => ts.server.rooms.peek(old.id)?.peerCount === 0, 'the writer has left');
    await openAndLeave(ts.server, recent.id, recent.tokens.viewer);

    await openAndLeave(ts.server, newcomer.id, newcomer.tokens.viewer);
    expect(ts.server.rooms.peek(old.id)).toBeNull();
    expect(ts.server.rooms.peek(recent.id)).not.toBeNull();
    expect(await storedNoteTexts(ts.store, old.id)).toEqual(['kept through eviction']);

    const reader = clientOf(defer, ts.server, old.id, old.tokens.viewer);
    await waitForSync(reader);
    expect(noteTexts(reader.doc)).toEqual(['kept through eviction']);
  });

  it('[K6, Z2] only when every loaded board has someone in it is a newcomer refused, with 4503 (retry later)', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { boardsLoaded: 2 } } });
    const [a, b, c] = [await boardOn(ts), await boardOn(ts), await boardOn(ts)];
    const inA = clientOf(defer, ts.server, a.id, a.tokens.viewer);
    const inB = clientOf(defer, ts.server, b.id, b.tokens.viewer);
    await Promise.all([waitForSync(inA), waitForSync(inB)]);
    const refused = rawSocket(defer, ts.server, c.id, c.tokens.viewer);
    expect(await refused.closed).toEqual({ code: CloseCode.GoingAway, reason: 'Server busy, retry shortly' });
    const response = await fetch(`${ts.server.url}/api/boards/${c.id}/notes`, { headers: { authorization: `Bearer ${c.tokens.viewer}` } });
    expect(response.status).toBe(503);
    // One of them leaves: now the newcomer gets in.
    inB.destroy();
    await waitFor(() => ts.server.rooms.peek(b.id)?.peerCount === 0, 'B is empty');
    const admitted = clientOf(defer, ts.server, c.id, c.tokens.viewer);
    await waitForSync(admitted);
    expect(inA.provider.wsconnected).toBe(true);
  });
});
