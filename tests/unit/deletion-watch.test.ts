/** The mass-deletion rule (SPEC N1), judged on updates before they are applied (server/workshop/deletedNotes.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import type { BoardStore, HistoryEntry } from '../../server/storage/store';
import type { Peer } from '../../server/sync/room';
import { AUTOMATIC_SNAPSHOTS_PER_HOUR, DeletionWatch, notesDeletedBy } from '../../server/workshop/deletedNotes';
import { notesMap } from '../../shared/model/doc';
import { addNote, deleteNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';

const origin = localOrigin('u');
const author = { id: 'u', name: 'U', cluster: null };
const peer = { role: 'participant', identity: { id: 'p', name: 'Mallory', cluster: null, role: 'participant' } } as unknown as Peer;

/** A server doc with `count` notes, and a client copy that deletes. */
function board(count: number): { server: Y.Doc; client: Y.Doc; ids: string[] } {
  const server = new Y.Doc();
  const ids = Array.from({ length: count }, (_, i) => addNote(server, { text: `n${i}`, dimension: 'strategy', kind: 'challenge', author }, origin));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client, ids };
}

/** The client's change as one update, applied to the server after the watch has seen it. */
function change(server: Y.Doc, client: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(server);
  edit();
  return Y.encodeStateAsUpdate(client, before);
}

class HistoryStore {
  entries: { entry: HistoryEntry; state: Uint8Array }[] = [];
  refuse = false;
  async addHistory(_board: string, entry: HistoryEntry, state: Uint8Array): Promise<void> {
    if (this.refuse) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    this.entries.push({ entry, state });
  }
}

function watchWith(store: HistoryStore, now = () => 1_000_000): DeletionWatch {
  return new DeletionWatch({ store: store as unknown as BoardStore, log: createLogger('silent'), now });
}

/** Runs the watch as the room does: its step first, then the update. */
async function deliver(watch: DeletionWatch, server: Y.Doc, update: Uint8Array): Promise<void> {
  const step = watch.beforeApply('b', server, peer, update);
  Y.applyUpdate(server, update);
  await step?.();
}

describe('mass deletion rule', () => {
  it('[N1] finds exactly the notes an update deletes, and none for text edits', () => {
    const { server, client, ids } = board(5);
    const edit = change(server, client, () => editNoteText(client, ids[0] as string, 'changed', origin));
    expect(notesDeletedBy(server, edit)).toEqual([]);
    Y.applyUpdate(server, edit);
    const removal = change(server, client, () => [ids[1], ids[3]].forEach((id) => deleteNote(client, id as string, origin)));
    expect(notesDeletedBy(server, removal).sort()).toEqual([ids[1], ids[3]].sort());
  });

  it('[N1] 3 of 8 notes (30%) take a snapshot of the board as it was; 2 of 20 do not', async () => {
    const small = board(8);
    const store = new HistoryStore();
    const watch = watchWith(store);
    await deliver(
      watch,
      small.server,
      change(small.server, small.client, () => small.ids.slice(0, 3).forEach((id) => deleteNote(small.client, id, origin))),
    );
    expect(store.entries.map((e) => e.entry.name)).toEqual(['Automatic: before Mallory deleted 3 notes']);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, store.entries[0]?.state ?? new Uint8Array());
    expect(notesMap(copy).size).toBe(8);

    const large = board(20);
    const other = new HistoryStore();
    await deliver(
      watchWith(other),
      large.server,
      change(large.server, large.client, () => large.ids.slice(0, 2).forEach((id) => deleteNote(large.client, id, origin))),
    );
    expect(other.entries).toEqual([]);
  });

  it('[N1] notes held by an automatic snapshot do not count again; a refused snapshot is taken again when the deletion is resent', async () => {
    const { server, client, ids } = board(40);
    const store = new HistoryStore();
    const watch = watchWith(store);
    store.refuse = true;
    const first = change(server, client, () => ids.slice(0, 10).forEach((id) => deleteNote(client, id, origin)));
    // The room fails and the update is not stored; its writer resends it to a fresh room.
    await expect(watch.beforeApply('b', server, peer, first)?.()).rejects.toThrow('disk is full');
    store.refuse = false;
    await deliver(watch, server, first);
    expect(store.entries).toHaveLength(1);
    // Ten more of the same notes of the board: all held by that snapshot already.
    await deliver(
      watch,
      server,
      change(server, client, () => ids.slice(10, 20).forEach((id) => deleteNote(client, id, origin))),
    );
    expect(store.entries).toHaveLength(1);
    expect(watch.deletionOf('b', ids[15] as string)?.by).toBe('Mallory');
  });

  it('[N1] "add ten notes, delete them" over and over takes at most a few snapshots an hour, so it cannot fill the disk', async () => {
    const { server, client } = board(5);
    const store = new HistoryStore();
    let now = 1_000_000;
    const watch = watchWith(store, () => now);
    for (let round = 0; round < 20; round++) {
      now += 1_000;
      const added = change(server, client, () => {
        for (let i = 0; i < 10; i++) addNote(client, { text: `round ${round} note ${i}`, dimension: 'strategy', kind: 'challenge', author }, origin);
      });
      await deliver(watch, server, added);
      const fresh = [...notesMap(client).keys()].filter((id) =>
        String((notesMap(client).get(id) as Y.Map<unknown>).get('text')).startsWith(`round ${round} `),
      );
      await deliver(
        watch,
        server,
        change(server, client, () => fresh.forEach((id) => deleteNote(client, id, origin))),
      );
    }
    expect(store.entries).toHaveLength(AUTOMATIC_SNAPSHOTS_PER_HOUR);
  });
});
