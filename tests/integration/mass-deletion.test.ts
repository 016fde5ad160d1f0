/** A way back from mass deletion (SPEC N1, N2): an automatic snapshot first, then a restore into the live board. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryEntry } from '../../server/storage/store';
import { notesMap } from '../../shared/model/doc';
import { deleteNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { roomName, type Seat, SEAT_HEADER } from '../../shared/protocol';
import type { DeletedNotesAnswer, RestoreAnswer } from '../../shared/workshop/deletedNotes';
import { stockProvider } from '../helpers/provider';
import { type TestClient, waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, noteTexts, serverFor, TEMPLATE_NOTE_COUNT, waitFor } from './support';

const defer = cleanupAfterEach();

describe('mass deletion', () => {
  it('[N1][N2] a participant update that deletes all 59 notes leaves an automatic snapshot, and the facilitator restores them into the live board for everyone', async () => {
    // Compacting after every update: the deleted text is gone from the board's log at once, so
    // only the automatic snapshot can bring it back.
    const { current: ts } = await serverFor(defer, { overrides: { compactEvery: 1 } });
    const { server } = ts;
    const board = await boardOn(ts, 'excite-d1.4');
    const api = async <T>(method: string, path: string, token: string, body?: unknown, seat?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (seat) headers[SEAT_HEADER] = seat;
      const res = await fetch(`${server.url}/api/boards/${board.id}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const joined = await api<Seat>('POST', '/people', board.tokens.participant, { name: 'Mallory', cluster: null });
    expect(joined.status).toBe(201);

    const participant = seatedClient(server.port, board.id, board.tokens.participant, joined.body.seat);
    const watcher = clientOf(defer, server, board.id, board.tokens.viewer);
    await Promise.all([waitForSync(participant), waitForSync(watcher)]);
    expect(TEMPLATE_NOTE_COUNT).toBe(59);
    const before = noteTexts(watcher.doc);
    expect(before).toHaveLength(59);

    // One update deletes every note.
    participant.doc.transact(() => {
      for (const id of [...notesMap(participant.doc).keys()]) deleteNote(participant.doc, id, localOrigin('mallory'));
    });
    await waitFor(() => notesMap(watcher.doc).size === 0, 'the deletion to reach the other client');

    const history = await api<{ entries: HistoryEntry[] }>('GET', '/history', board.tokens.facilitator);
    const automatic = history.body.entries.filter((entry) => entry.name.startsWith('Automatic:'));
    expect(automatic).toHaveLength(1);
    expect(automatic[0]?.notes).toBe(59);
    expect(automatic[0]?.name).toContain('Mallory');

    const deleted = await api<DeletedNotesAnswer>('GET', '/deleted-notes', board.tokens.facilitator);
    expect(deleted.status).toBe(200);
    expect(deleted.body.notes).toHaveLength(59);
    expect(new Set(deleted.body.notes.map((note) => note.deletedBy))).toEqual(new Set(['Mallory']));
    expect((await api('GET', '/deleted-notes', board.tokens.participant)).status).toBe(403);

    const restored = await api<RestoreAnswer>('POST', '/deleted-notes/restore', board.tokens.facilitator, {});
    expect(restored.status).toBe(200);
    expect(restored.body.restored).toBe(59);
    // Another client sees them live, with their texts.
    await waitFor(() => notesMap(watcher.doc).size === 59, 'the restored notes to reach the other client');
    expect(noteTexts(watcher.doc)).toEqual(before);
    // Restored notes leave the list.
    expect((await api<DeletedNotesAnswer>('GET', '/deleted-notes', board.tokens.facilitator)).body.notes).toEqual([]);
  });

  it('[N1] deleting two notes of the template takes no snapshot, and one note at a time past the threshold takes one holding the first as well', async () => {
    const { current: ts } = await serverFor(defer);
    const { server } = ts;
    const board = await boardOn(ts, 'excite-d1.4');
    const facilitator = clientOf(defer, server, board.id, board.tokens.facilitator);
    await waitForSync(facilitator);
    const ids = [...notesMap(facilitator.doc).keys()];
    const history = async () => ts.store.listHistory(board.id);
    const origin = localOrigin('f');
    // Applied and stored by the server: whatever it stores ahead of an update is stored by then.
    const serverHas = async (notes: number) => {
      await waitFor(() => notesMap(server.rooms.peek(board.id)?.doc ?? new Y.Doc()).size === notes, `the server to hold ${notes} notes`);
      await server.rooms.peek(board.id)?.flushed();
    };
    for (const id of ids.slice(0, 2)) deleteNote(facilitator.doc, id, origin);
    await serverHas(57);
    expect(await history()).toEqual([]);
    for (const id of ids.slice(2, 10)) deleteNote(facilitator.doc, id, origin);
    await serverHas(49);
    const [entry] = await history();
    expect(entry?.name).toMatch(/^Automatic: before a facilitator without a name deleted 10 notes$/);
    const state = await ts.store.getHistoryState(board.id, entry?.id ?? '');
    const snapshot = new Y.Doc();
    Y.applyUpdate(snapshot, state ?? new Uint8Array());
    // The snapshot is the board before the first of the ten deletions.
    expect(notesMap(snapshot).size).toBe(59);
    snapshot.destroy();
  });

  function seatedClient(port: number, boardId: string, token: string, seat: string): TestClient {
    const client = stockProvider(`ws://127.0.0.1:${port}/ws`, roomName(boardId, { kind: 'board' }), { params: { token, seat } });
    defer(() => client.destroy());
    return client;
  }
});
