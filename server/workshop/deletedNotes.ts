/**
 * [N1] A way back from mass deletion. Every board update is looked at before it is applied (the
 * room's `beforeApply`): which notes does it delete? Deleting many notes in a short time, by
 * anyone, stores an automatic snapshot in the board's history *before* the deleting update is
 * stored or shown to anyone, and the process remembers who deleted which note and when, so a
 * facilitator can list the notes deleted in the last hour and put them back (deletedRestore.ts).
 *
 * The threshold: at least MASS_MIN_NOTES notes, or at least MASS_SHARE of the board (and
 * MASS_SMALL_MIN notes), deleted within MASS_WINDOW_MS. Tidying a board deletes a note or two at a
 * time; one update that deletes a whole cell, or a person deleting notes as fast as they can
 * click, crosses it. A snapshot costs one encode of the board and a copy of it in storage, so it
 * is taken at most once per burst, and a note already held by an automatic snapshot of the last
 * hour does not count towards a new one: a board can never be copied once per deleted note.
 *
 * The snapshot is the board as it was when the burst began (its first deleting update), so it
 * holds every note the burst deleted, the first ones too. A note added and deleted within the
 * same burst is not in it: nobody but its writer saw it for long.
 */
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { newId } from '../../shared/model/ids';
import type { Logger } from '../log';
import type { BoardStore, HistoryEntry } from '../storage/store';
import type { Peer } from '../sync/room';

export const MASS_WINDOW_MS = 60_000;
export const MASS_MIN_NOTES = 10;
export const MASS_SHARE = 0.3;
export const MASS_SMALL_MIN = 3;
/** How long deleted notes are listed, and how long an automatic snapshot covers its notes. */
export const DELETED_KEPT_MS = 60 * 60_000;
/**
 * Automatic snapshots one board takes in DELETED_KEPT_MS at most. Each is a copy of the whole
 * board in storage: without a cap, "add ten notes, delete them" over and over would fill the disk.
 * Past it, deletions are still listed, but only the last snapshots can bring notes back.
 */
export const AUTOMATIC_SNAPSHOTS_PER_HOUR = 6;
/** The prefix of every automatic snapshot's name: the deleted-notes list reads these first. */
export const AUTOMATIC_PREFIX = 'Automatic:';

export interface Deletion {
  by: string;
  at: number;
}

interface Burst {
  startedAt: number;
  /** The board as it was before the burst's first deletion. */
  baseline: Uint8Array;
  baselineNotes: number;
  baselineIds: string[];
  deleted: number;
}

interface BoardWatch {
  burst: Burst | null;
  /** Notes held by an automatic snapshot, until when. */
  covered: Map<string, number>;
  /** Who deleted each note, and when (kept DELETED_KEPT_MS). */
  deletions: Map<string, Deletion>;
  /** When this board's automatic snapshots were taken, within the last DELETED_KEPT_MS. */
  snapshots: number[];
}

export interface DeletedNotesDeps {
  store: BoardStore;
  log: Logger;
  now?: () => number;
}

export class DeletionWatch {
  private readonly boards = new Map<string, BoardWatch>();
  /** Automatic snapshots taken (tests and metrics read it). */
  snapshotsTaken = 0;
  private sweptAt = 0;

  constructor(private readonly deps: DeletedNotesDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /**
   * Called with a board update before it is applied. Returns a storage step the room runs ahead of
   * the update's own append (so the snapshot is stored first), or null.
   */
  beforeApply(boardId: string, doc: Y.Doc, peer: Peer, update: Uint8Array): (() => Promise<void>) | null {
    const deleted = notesDeletedBy(doc, update);
    if (deleted.length === 0) return null;
    const now = this.now();
    const watch = this.watchOf(boardId, now);
    const by = whoIs(peer);
    for (const id of deleted) watch.deletions.set(id, { by, at: now });
    const counted = deleted.filter((id) => (watch.covered.get(id) ?? 0) < now);
    if (counted.length === 0) return null;
    if (!watch.burst || now - watch.burst.startedAt > MASS_WINDOW_MS) {
      const ids = [...notesMap(doc).keys()];
      watch.burst = { startedAt: now, baseline: Y.encodeStateAsUpdate(doc), baselineNotes: ids.length, baselineIds: ids, deleted: 0 };
    }
    const burst = watch.burst;
    burst.deleted += counted.length;
    if (!isMassDeletion(burst.deleted, burst.baselineNotes)) return null;
    watch.burst = null;
    watch.snapshots = watch.snapshots.filter((at) => now - at < DELETED_KEPT_MS);
    if (watch.snapshots.length >= AUTOMATIC_SNAPSHOTS_PER_HOUR) {
      this.deps.log.warn('mass deletion: no automatic snapshot, this board took its most for the hour', {
        board: boardId,
        by,
        deleted: burst.deleted,
      });
      return null;
    }
    watch.snapshots.push(now);
    const entry: HistoryEntry = {
      id: newId(12),
      name: `${AUTOMATIC_PREFIX} before ${by} deleted ${burst.deleted} ${burst.deleted === 1 ? 'note' : 'notes'}`.slice(0, 120),
      createdAt: burst.startedAt,
      notes: burst.baselineNotes,
      // The server took it, not a person: the report names the facilitators (RD13).
      author: '',
    };
    this.snapshotsTaken++;
    this.deps.log.info('mass deletion: automatic snapshot taken', { board: boardId, by, deleted: burst.deleted, notes: burst.baselineNotes });
    return async () => {
      await this.deps.store.addHistory(boardId, entry, burst.baseline);
      // Covered only once stored: if storage refuses the snapshot, the room fails, the deletion is
      // not stored either, and when its writer resends it the next attempt takes the snapshot again.
      for (const id of burst.baselineIds) watch.covered.set(id, now + DELETED_KEPT_MS);
    };
  }

  /** Who deleted the note and when, if this process saw it. */
  deletionOf(boardId: string, noteId: string): Deletion | null {
    return this.boards.get(boardId)?.deletions.get(noteId) ?? null;
  }

  /**
   * Once a minute at most, over every board: a burst's baseline (a copy of a whole board) must not
   * outlive its window on a board nobody deletes from again, nor an empty record stay.
   */
  private sweep(now: number): void {
    if (now - this.sweptAt < MASS_WINDOW_MS) return;
    this.sweptAt = now;
    for (const [boardId, watch] of this.boards) {
      if (watch.burst && now - watch.burst.startedAt > MASS_WINDOW_MS) watch.burst = null;
      for (const [id, until] of watch.covered) if (until < now) watch.covered.delete(id);
      for (const [id, deletion] of watch.deletions) if (deletion.at < now - DELETED_KEPT_MS) watch.deletions.delete(id);
      if (!watch.burst && watch.covered.size === 0 && watch.deletions.size === 0) this.boards.delete(boardId);
    }
  }

  private watchOf(boardId: string, now: number): BoardWatch {
    this.sweep(now);
    let watch = this.boards.get(boardId);
    if (!watch) {
      watch = { burst: null, covered: new Map(), deletions: new Map(), snapshots: [] };
      this.boards.set(boardId, watch);
    }
    return watch;
  }
}

export function isMassDeletion(deleted: number, boardNotes: number): boolean {
  return deleted >= MASS_MIN_NOTES || (deleted >= MASS_SMALL_MIN && deleted >= MASS_SHARE * boardNotes);
}

function whoIs(peer: Peer): string {
  if (peer.identity) return peer.identity.name;
  return `a ${peer.role} without a name`;
}

/**
 * The notes the update would delete: live entries of the notes map whose item is in the update's
 * delete set. Walks the structs the delete set names (never clock by clock: one range may span
 * 2^52 clocks), so the work is proportional to what the update deletes, not to the board.
 */
export function notesDeletedBy(doc: Y.Doc, update: Uint8Array): string[] {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return [];
  const notes = notesMap(doc);
  const deleted: string[] = [];
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs || structs.length === 0) continue;
    for (const { clock, len } of ranges) {
      const end = clock + len;
      const last = structs[structs.length - 1] as Y.Item | Y.GC;
      if (clock >= last.id.clock + last.length) continue;
      for (let index = Y.findIndexSS(structs, Math.max(clock, (structs[0] as Y.Item | Y.GC).id.clock)); index < structs.length; index++) {
        const struct = structs[index] as Y.Item | Y.GC;
        if (struct.id.clock >= end) break;
        // A live note is its map's current entry: not deleted, and the last written under its key.
        if (struct instanceof Y.Item && !struct.deleted && struct.parent === notes && struct.parentSub !== null && struct.right === null) {
          deleted.push(struct.parentSub);
        }
      }
    }
  }
  // A note named by several ranges counts once (decode.ts refuses overlapping ranges anyway).
  return [...new Set(deleted)];
}
