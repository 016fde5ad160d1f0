import * as Y from 'yjs';
import type { ErrorCode } from '../../errors';
import { linksMap, newRecordMap, notesMap, readRecord, themesMap } from '../doc';
import { MutationError, parseInput } from '../errors';
import { newId } from '../ids';
import { BatchTooLargeError, BoardFullError, MAX_NOTES_PER_BOARD } from '../limits';
import { byOrder, orderBetween, ordersBetween, orderWork } from '../order';
import { type MutationOrigin, timeFor } from '../origin';
import { type AddNoteInput, addNoteInput, noteRecord, noteTextInput, themeRecord } from '../schema';
import { applyTextDiff } from '../text';
import { type Colour, COLOURS, DIMENSION_IDS, type DimensionId, KIND_IDS, type KindId } from '../vocabulary';

export interface Place {
  dimension: DimensionId;
  kind: KindId;
  themeId: string | null;
}

/**
 * Notes that share a place, in board order, leaving out `except` (the ones being moved). Reads
 * only the four fields it needs, without validating whole records: every add and move calls it,
 * and on a board of thousands of notes a full read would make each of them slow.
 */
export function siblingsAt(doc: Y.Doc, place: Place, except: ReadonlySet<string> = new Set()): { id: string; order: string }[] {
  orderWork.cellScans++;
  const siblings: { id: string; order: string }[] = [];
  notesMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map) || except.has(id)) return;
    const themeId = value.get('themeId') ?? null;
    if (value.get('dimension') !== place.dimension || value.get('kind') !== place.kind || themeId !== place.themeId) return;
    const order = value.get('order');
    siblings.push({ id, order: typeof order === 'string' ? order : 'a0' });
  });
  return siblings.sort(byOrder);
}

function noteMap(doc: Y.Doc, noteId: string): Y.Map<unknown> {
  const map = notesMap(doc).get(noteId);
  if (!(map instanceof Y.Map)) throw new MutationError('note.gone');
  return map;
}

/** A theme id is only usable if the theme exists and sits in the same cell. */
function checkTheme(doc: Y.Doc, place: Place): void {
  if (place.themeId === null) return;
  const theme = readRecord(themeRecord, themesMap(doc), place.themeId);
  if (!theme) throw new MutationError('theme.gone');
  if (theme.dimension !== place.dimension || theme.kind !== place.kind) {
    throw new MutationError('note.themeOtherCell');
  }
}

export function addNote(doc: Y.Doc, input: AddNoteInput, origin: MutationOrigin): string {
  const [id] = addNotes(doc, [input], origin);
  if (id === undefined) throw new MutationError('note.notAdded');
  return id;
}

const placeKey = (dimension: unknown, kind: unknown, themeId: unknown) =>
  `${String(dimension)}/${String(kind)}/${themeId === null ? '-' : `t:${String(themeId)}`}`;

/**
 * The highest order key in each of `places`, from one pass over the board's notes: a batch's
 * notes go after it. Reads the same four fields as `siblingsAt`, with its default for a missing key.
 */
function lastOrders(doc: Y.Doc, places: ReadonlyMap<string, Place>): Map<string, string | null> {
  orderWork.cellScans++;
  const last = new Map<string, string | null>([...places.keys()].map((key) => [key, null]));
  notesMap(doc).forEach((value) => {
    if (!(value instanceof Y.Map)) return;
    const themeId: unknown = value.get('themeId') ?? null;
    if (themeId !== null && typeof themeId !== 'string') return;
    const key = placeKey(value.get('dimension'), value.get('kind'), themeId);
    if (!last.has(key)) return;
    const raw = value.get('order');
    const order = typeof raw === 'string' ? raw : 'a0';
    const current = last.get(key) ?? null;
    if (current === null || order > current) last.set(key, order);
  });
  return last;
}

/**
 * Adds notes at the end of their cells (or themes), in input order, in one transaction. Every
 * input and limit is checked before anything is written, so either all of them are added or none
 * is. Returns the new ids in input order.
 *
 * [Q1] The work is one pass over the board plus one key generation per cell of the batch
 * (`generateNKeysBetween` after the cell's last key), whatever the batch's size: a note-by-note
 * loop would scan and sort its cell for every note, quadratic in an import. The keys are the ones
 * adding the notes one by one would give.
 */
export function addNotes(doc: Y.Doc, inputs: readonly AddNoteInput[], origin: MutationOrigin, limit?: { most: number; code: ErrorCode }): string[] {
  if (limit && inputs.length > limit.most) throw new BatchTooLargeError(inputs.length, limit.most, limit.code);
  const valid = inputs.map((input) => parseInput(addNoteInput, input));
  if (valid.length === 0) return [];
  const ids: string[] = [];
  doc.transact(() => {
    const notes = notesMap(doc);
    if (notes.size + valid.length > MAX_NOTES_PER_BOARD) throw new BoardFullError(notes.size, valid.length);
    const places = new Map<string, Place>();
    const batch = new Set<string>();
    const byPlace = new Map<string, number[]>();
    valid.forEach((note, i) => {
      const id = note.id ?? newId();
      if (notes.has(id) || batch.has(id)) throw new MutationError('note.idTaken');
      batch.add(id);
      ids.push(id);
      const place: Place = { dimension: note.dimension, kind: note.kind, themeId: note.themeId ?? null };
      const key = placeKey(place.dimension, place.kind, place.themeId);
      if (!places.has(key)) {
        checkTheme(doc, place);
        places.set(key, place);
        byPlace.set(key, []);
      }
      byPlace.get(key)?.push(i);
    });
    const last = lastOrders(doc, places);
    const orders: string[] = new Array<string>(valid.length);
    for (const [key, members] of byPlace) {
      const keys = ordersBetween(last.get(key) ?? null, null, members.length);
      members.forEach((at, n) => (orders[at] = keys[n] ?? orderBetween(null, null)));
    }
    const now = timeFor(origin);
    valid.forEach((note, i) => {
      const id = ids[i] as string;
      const text = new Y.Text();
      text.insert(0, note.text);
      notes.set(
        id,
        newRecordMap({
          id,
          text,
          dimension: note.dimension,
          kind: note.kind,
          themeId: note.themeId ?? null,
          order: orders[i],
          // Stored only when picked: a note without one follows its kind's colour (boardView).
          colour: note.colour ?? null,
          // [AT1] A sourced note is nobody's: it can never count as a participant's.
          authorId: note.source ? '' : note.author.id,
          authorName: note.author.name,
          cluster: note.author.cluster,
          createdAt: now,
          updatedAt: now,
          // Written only when set: most notes are born on their board.
          ...(note.carriedFrom ? { carriedFrom: note.carriedFrom } : {}),
          source: note.source ?? null,
        }),
      );
    });
  }, origin);
  return ids;
}

export function editNoteText(doc: Y.Doc, noteId: string, text: string, origin: MutationOrigin): void {
  const valid = parseInput(noteTextInput, text);
  doc.transact(() => {
    const map = noteMap(doc, noteId);
    let ytext = map.get('text');
    if (!(ytext instanceof Y.Text)) {
      // Repair a note whose text is not a Y.Text (e.g. written by a foreign tool).
      ytext = new Y.Text();
      map.set('text', ytext);
    }
    applyTextDiff(ytext as Y.Text, valid);
    map.set('updatedAt', timeFor(origin));
  }, origin);
}

export interface MoveTarget extends Place {
  /** Position among the notes already at the target; the end when absent. */
  index?: number;
}

/** Refuses a target that is not a cell of the board, or a position that is not a whole number. */
export function checkTarget(target: { dimension: string; kind: string; index?: number }): void {
  if (!DIMENSION_IDS.includes(target.dimension as DimensionId) || !KIND_IDS.includes(target.kind as KindId)) {
    throw new MutationError('place.invalid');
  }
  if (target.index !== undefined && !(Number.isInteger(target.index) && target.index >= 0)) {
    throw new MutationError('place.index');
  }
}

/**
 * Moves notes, in the order given, to consecutive positions at the target (a cell, or a theme in
 * it). One transaction: for everyone else the notes arrive together.
 */
export function moveNotes(doc: Y.Doc, noteIds: readonly string[], target: MoveTarget, origin: MutationOrigin): void {
  checkTarget(target);
  const ids = [...new Set(noteIds)];
  if (ids.length === 0) return;
  doc.transact(() => {
    const maps = ids.map((id) => noteMap(doc, id));
    checkTheme(doc, target);
    const siblings = siblingsAt(doc, target, new Set(ids));
    const at = Math.min(target.index ?? siblings.length, siblings.length);
    const orders = ordersBetween(siblings[at - 1]?.order ?? null, siblings[at]?.order ?? null, maps.length);
    const now = timeFor(origin);
    maps.forEach((map, i) => {
      // A new cell is written whole: two people moving one note to different cells at once must
      // end in one of the cells they chose, not a mix (each Y.Map key resolves on its own).
      // Unchanged fields are not rewritten: that would delete the old value at once, and a peer
      // that receives this before an earlier update of the same author would briefly see a note
      // with no place at all.
      if (map.get('dimension') !== target.dimension || map.get('kind') !== target.kind) {
        map.set('dimension', target.dimension);
        map.set('kind', target.kind);
        map.set('themeId', target.themeId);
      } else if (map.get('themeId') !== target.themeId) {
        map.set('themeId', target.themeId);
      }
      map.set('order', orders[i] ?? orderBetween(null, null));
      map.set('updatedAt', now);
    });
  }, origin);
}

export function moveNote(doc: Y.Doc, noteId: string, target: MoveTarget, origin: MutationOrigin): void {
  moveNotes(doc, [noteId], target, origin);
}

/** Takes notes out of their themes, to the end of their own cells' ungrouped notes. */
export function ungroupNotes(doc: Y.Doc, noteIds: readonly string[], origin: MutationOrigin): void {
  doc.transact(() => {
    const byCell = new Map<string, { place: Place; ids: string[] }>();
    for (const id of noteIds) {
      const note = readRecord(noteRecord, notesMap(doc), id);
      if (!note) throw new MutationError('notes.selectedGone');
      if (note.themeId === null) continue;
      const key = `${note.dimension}/${note.kind}`;
      const entry = byCell.get(key) ?? { place: { dimension: note.dimension, kind: note.kind, themeId: null }, ids: [] };
      entry.ids.push(id);
      byCell.set(key, entry);
    }
    for (const { place, ids } of byCell.values()) moveNotes(doc, ids, place, origin);
  }, origin);
}

/**
 * Picks a note's colour by hand; null gives the note back its kind's colour, which then follows
 * the note when it moves to another kind.
 */
export function setNoteColour(doc: Y.Doc, noteId: string, colour: Colour | null, origin: MutationOrigin): void {
  if (colour !== null && !COLOURS.includes(colour)) throw new MutationError('colour.unavailable');
  doc.transact(() => {
    const map = noteMap(doc, noteId);
    map.set('colour', colour);
    map.set('updatedAt', timeFor(origin));
  }, origin);
}

/** Deletes the note and every link that names it. Deleting a missing note is a no-op. */
export function deleteNote(doc: Y.Doc, noteId: string, origin: MutationOrigin): void {
  doc.transact(() => {
    notesMap(doc).delete(noteId);
    const links = linksMap(doc);
    for (const [linkId, value] of links.entries()) {
      const needId = value instanceof Y.Map ? value.get('needId') : undefined;
      const practiceId = value instanceof Y.Map ? value.get('practiceId') : undefined;
      if (needId === noteId || practiceId === noteId) links.delete(linkId);
    }
  }, origin);
}
