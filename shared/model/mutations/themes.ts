import * as Y from 'yjs';
import { newRecordMap, notesMap, readRecord, themesMap } from '../doc';
import { MutationError, parseInput } from '../errors';
import { newId } from '../ids';
import { byOrder, orderAt, orderBetween } from '../order';
import { type MutationOrigin, timeFor } from '../origin';
import { noteRecord, THEME_STATEMENT_MAX, THEME_TITLE_MAX, type ThemeInput, themeInput, type ThemeRecord, themeRecord } from '../schema';
import type { DimensionId, KindId } from '../vocabulary';
import { checkTarget, moveNotes, siblingsAt } from './notes';

/**
 * Puts `notes` (already in the wanted order) into `themeId` of their cell, one after the other,
 * after the order key `after`. Only for notes of the same cell as the theme.
 */
function appendNotes(doc: Y.Doc, notes: readonly { id: string }[], themeId: string | null, after: string | null, now: number): void {
  let previous = after;
  for (const note of notes) {
    const map = notesMap(doc).get(note.id);
    if (!(map instanceof Y.Map)) continue;
    const order = orderBetween(previous, null);
    map.set('themeId', themeId);
    map.set('order', order);
    map.set('updatedAt', now);
    previous = order;
  }
}

function themesInCell(doc: Y.Doc, dimension: string, kind: string): ThemeRecord[] {
  const themes: ThemeRecord[] = [];
  const map = themesMap(doc);
  map.forEach((_value, key) => {
    const theme = readRecord(themeRecord, map, key);
    if (theme && theme.dimension === dimension && theme.kind === kind) themes.push(theme);
  });
  return themes.sort(byOrder);
}

/**
 * Creates a theme in a cell, optionally gathering notes of that cell into it (in their current
 * order). Notes from other cells are refused rather than silently moved across the board.
 */
export function createTheme(doc: Y.Doc, input: ThemeInput, origin: MutationOrigin): string {
  const valid = parseInput(themeInput, input);
  const id = valid.id ?? newId();
  doc.transact(() => {
    if (themesMap(doc).has(id)) throw new MutationError('theme.idTaken');
    const members = (valid.noteIds ?? []).map((noteId) => {
      const note = readRecord(noteRecord, notesMap(doc), noteId);
      if (!note) throw new MutationError('notes.selectedGone');
      if (note.dimension !== valid.dimension || note.kind !== valid.kind) {
        throw new MutationError('theme.otherCell');
      }
      return note;
    });
    const siblings = themesInCell(doc, valid.dimension, valid.kind);
    themesMap(doc).set(
      id,
      newRecordMap({
        id,
        title: valid.title,
        statement: valid.statement ?? '',
        dimension: valid.dimension,
        kind: valid.kind,
        order: orderAt(siblings, siblings.length),
        createdAt: timeFor(origin),
      }),
    );
    appendNotes(doc, members.sort(byOrder), id, null, timeFor(origin));
  }, origin);
  return id;
}

export function renameTheme(doc: Y.Doc, themeId: string, change: { title?: string; statement?: string }, origin: MutationOrigin): void {
  const title = change.title?.trim();
  if (title !== undefined && (title.length === 0 || title.length > THEME_TITLE_MAX)) {
    throw new MutationError('theme.titleLength', { max: THEME_TITLE_MAX });
  }
  if (change.statement !== undefined && change.statement.length > THEME_STATEMENT_MAX) {
    throw new MutationError('theme.statementLength', { max: THEME_STATEMENT_MAX });
  }
  doc.transact(() => {
    const map = themesMap(doc).get(themeId);
    if (!(map instanceof Y.Map)) throw new MutationError('theme.gone');
    if (title !== undefined) map.set('title', title);
    if (change.statement !== undefined) map.set('statement', change.statement);
  }, origin);
}

/**
 * Removes a theme and returns its notes to the cell, after the cell's ungrouped notes. A note that
 * a peer moves into the theme concurrently keeps a dangling `themeId`; boardView shows it ungrouped.
 */
export function dissolveTheme(doc: Y.Doc, themeId: string, origin: MutationOrigin): void {
  doc.transact(() => {
    const theme = readRecord(themeRecord, themesMap(doc), themeId);
    themesMap(doc).delete(themeId);
    if (!theme) return;
    const members = siblingsAt(doc, { dimension: theme.dimension, kind: theme.kind, themeId });
    const ungrouped = siblingsAt(doc, { dimension: theme.dimension, kind: theme.kind, themeId: null });
    appendNotes(doc, members, null, ungrouped.at(-1)?.order ?? null, timeFor(origin));
  }, origin);
}

/**
 * Makes a theme of `noteIds` in the given cell, moving notes from other cells there first (a note
 * dropped onto a note of another cell). The notes keep the order given. Returns the theme id.
 */
export function groupNotes(doc: Y.Doc, noteIds: readonly string[], theme: Omit<ThemeInput, 'noteIds'>, origin: MutationOrigin): string {
  if (noteIds.length === 0) throw new MutationError('group.empty');
  let id = '';
  doc.transact(() => {
    // Checked before anything is written: Yjs has no rollback, and a refusal must change nothing.
    if (noteIds.some((noteId) => !readRecord(noteRecord, notesMap(doc), noteId))) {
      throw new MutationError('notes.selectedGone');
    }
    id = createTheme(doc, theme, origin);
    moveNotes(doc, noteIds, { dimension: theme.dimension, kind: theme.kind, themeId: id }, origin);
  }, origin);
  return id;
}

/**
 * Moves a theme, with its notes, to a position among the themes of a cell (its own or another).
 * A note joining the theme concurrently stays in the old cell, shown ungrouped there.
 */
export function moveTheme(
  doc: Y.Doc,
  themeId: string,
  target: { dimension: DimensionId; kind: KindId; index?: number },
  origin: MutationOrigin,
): void {
  checkTarget(target);
  doc.transact(() => {
    const theme = readRecord(themeRecord, themesMap(doc), themeId);
    const map = themesMap(doc).get(themeId);
    if (!theme || !(map instanceof Y.Map)) throw new MutationError('theme.gone');
    const siblings = themesInCell(doc, target.dimension, target.kind).filter((t) => t.id !== themeId);
    map.set('order', orderAt(siblings, target.index ?? siblings.length));
    if (theme.dimension === target.dimension && theme.kind === target.kind) return;
    const members = siblingsAt(doc, { dimension: theme.dimension, kind: theme.kind, themeId });
    map.set('dimension', target.dimension);
    map.set('kind', target.kind);
    for (const note of members) {
      const noteMap = notesMap(doc).get(note.id);
      if (!(noteMap instanceof Y.Map)) continue;
      // The whole place, themeId too: if a peer moves this note elsewhere meanwhile, the note
      // ends either with the theme or where the peer put it, never in a mix of both.
      noteMap.set('dimension', target.dimension);
      noteMap.set('kind', target.kind);
      noteMap.set('themeId', themeId);
      noteMap.set('updatedAt', timeFor(origin));
    }
  }, origin);
}
