/**
 * [N2] The notes deleted from a board in the last hour, read from its snapshots (automatic ones
 * taken before a mass deletion, and every other snapshot of the hour), and putting them back into
 * the live board through the named mutations: each returns as a new record under its old id,
 * with its text, cell, author and cluster, in its theme if that theme still exists in its cell,
 * with its links to notes on the board. Notes on the board are never touched.
 */
import * as Y from 'yjs';
import { linksMap, notesMap, readRecord, themesMap } from '../../shared/model/doc';
import { MutationError } from '../../shared/model/errors';
import { addLink, linkId } from '../../shared/model/mutations/links';
import { addNotes } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { type AddNoteInput, type LinkRecord, NOTE_TEXT_MAX, PERSON_NAME_MAX, themeRecord } from '../../shared/model/schema';
import { boardView, type NoteView } from '../../shared/view/boardView';
import type { DeletedNote, RestoreAnswer } from '../../shared/workshop/deletedNotes';
import type { BoardStore } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import { DELETED_KEPT_MS, type DeletionWatch } from './deletedNotes';
import { WorkshopError } from './errors';

const RESTORE_ORIGIN = serverOrigin('control');
/** Snapshots read per listing: a facilitator taking one a minute still gets an answer soon. */
const SNAPSHOTS_READ = 30;

interface Found {
  note: NoteView;
  before: number;
  links: LinkRecord[];
}

export interface DeletedNotesDeps {
  store: BoardStore;
  rooms: Rooms;
  watch: DeletionWatch;
  now?: () => number;
}

export class DeletedNotes {
  constructor(private readonly deps: DeletedNotesDeps) {}

  async list(boardId: string): Promise<DeletedNote[]> {
    const found = await this.find(boardId);
    return [...found.values()]
      .map(({ note, before }) => {
        const deletion = this.deps.watch.deletionOf(boardId, note.id);
        return {
          id: note.id,
          text: note.text,
          dimension: note.dimension,
          kind: note.kind,
          authorName: note.authorName,
          deletedBy: deletion?.by ?? null,
          deletedAt: deletion?.at ?? null,
          before,
        };
      })
      .sort((a, b) => (b.deletedAt ?? b.before) - (a.deletedAt ?? a.before) || a.id.localeCompare(b.id));
  }

  /** Restores the named notes (every listed one when `noteIds` is absent); answers once stored. */
  async restore(boardId: string, noteIds: readonly string[] | undefined): Promise<RestoreAnswer> {
    const found = await this.find(boardId);
    const chosen = noteIds ? noteIds.map((id) => found.get(id)) : [...found.values()];
    if (chosen.some((entry) => entry === undefined)) {
      throw new WorkshopError('not-found', 'deletedNotes.notFound');
    }
    const board = await this.deps.rooms.acquire(boardId);
    const doc = board.doc;
    const restoring = chosen as Found[];
    let links = 0;
    doc.transact(() => {
      addNotes(
        doc,
        restoring.map(({ note }) => noteInput(doc, note)),
        RESTORE_ORIGIN,
      );
      const restoredIds = new Set(restoring.map(({ note }) => note.id));
      const done = new Set<string>();
      for (const { links: candidates } of restoring) {
        for (const link of candidates) {
          const id = linkId(link.needId, link.practiceId);
          if (done.has(id) || linksMap(doc).has(id)) continue;
          if (!restoredIds.has(link.needId) && !restoredIds.has(link.practiceId)) continue;
          if (!notesMap(doc).has(link.needId) || !notesMap(doc).has(link.practiceId)) continue;
          done.add(id);
          try {
            addLink(doc, link.needId, link.practiceId, link.createdBy, RESTORE_ORIGIN);
            links++;
          } catch (error) {
            // A note moved to another kind since cannot carry the link: the note comes back without it.
            if (!(error instanceof MutationError)) throw error;
          }
        }
      }
    }, RESTORE_ORIGIN);
    try {
      await board.flushed();
    } catch {
      throw new WorkshopError('unavailable', 'deletedNotes.storeFailed');
    }
    return { restored: restoring.length, links };
  }

  /** Deleted notes by id, each from the newest snapshot of the last hour that holds it. */
  private async find(boardId: string): Promise<Map<string, Found>> {
    const board = await this.deps.rooms.acquire(boardId);
    const live = notesMap(board.doc);
    const since = (this.deps.now?.() ?? Date.now()) - DELETED_KEPT_MS;
    const entries = (await this.deps.store.listHistory(boardId)).filter((entry) => entry.createdAt >= since).slice(0, SNAPSHOTS_READ);
    const found = new Map<string, Found>();
    for (const entry of entries) {
      const state = await this.deps.store.getHistoryState(boardId, entry.id);
      if (!state) continue;
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, state);
        const view = boardView(doc);
        for (const note of view.notesById.values()) {
          if (live.has(note.id) || found.has(note.id)) continue;
          const links = view.links.filter((link) => link.needId === note.id || link.practiceId === note.id);
          found.set(note.id, { note, before: entry.createdAt, links });
        }
      } finally {
        doc.destroy();
      }
    }
    return found;
  }
}

function noteInput(doc: Y.Doc, note: NoteView): AddNoteInput {
  const theme = note.themeId ? readRecord(themeRecord, themesMap(doc), note.themeId) : null;
  const inTheme = theme !== null && theme.dimension === note.dimension && theme.kind === note.kind;
  return {
    id: note.id,
    text: note.text.slice(0, NOTE_TEXT_MAX),
    dimension: note.dimension,
    kind: note.kind,
    themeId: inTheme ? theme.id : null,
    ...(note.colourPicked ? { colour: note.colour } : {}),
    author: { id: note.authorId || 'unknown', name: note.authorName.trim().slice(0, PERSON_NAME_MAX) || 'Unknown', cluster: note.cluster },
    ...(note.carriedFrom ? { carriedFrom: note.carriedFrom } : {}),
    // A template, imported or carried note comes back as what it was: nobody's, with its source [AT1].
    ...(note.source ? { source: note.source } : {}),
  };
}
