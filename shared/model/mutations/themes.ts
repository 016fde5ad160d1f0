import * as Y from 'yjs';
import { newRecordMap, notesMap, readRecord, themesMap } from '../doc';
import { MutationError, parseInput } from '../errors';
import { newId } from '../ids';
import { byOrder, orderAt, orderBetween } from '../order';
import type { MutationOrigin } from '../origin';
import { THEME_STATEMENT_MAX, THEME_TITLE_MAX, noteRecord, themeInput, themeRecord, type NoteRecord, type ThemeInput, type ThemeRecord } from '../schema';
import { siblingsAt } from './notes';

/**
 * Puts `notes` (already in the wanted order) into `themeId` of their cell, one after the other,
 * after the order key `after`. Only for notes of the same cell as the theme.
 */
function appendNotes(doc: Y.Doc, notes: readonly NoteRecord[], themeId: string | null, after: string | null): void {
  let previous = after;
  for (const note of notes) {
    const map = notesMap(doc).get(note.id);
    if (!(map instanceof Y.Map)) continue;
    const order = orderBetween(previous, null);
    map.set('themeId', themeId);
    map.set('order', order);
    map.set('updatedAt', Date.now());
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
    if (themesMap(doc).has(id)) throw new MutationError('A theme with that id already exists.');
    const members = (valid.noteIds ?? []).map((noteId) => {
      const note = readRecord(noteRecord, notesMap(doc), noteId);
      if (!note) throw new MutationError('One of the selected notes no longer exists.');
      if (note.dimension !== valid.dimension || note.kind !== valid.kind) {
        throw new MutationError('A theme can only gather notes from its own cell.');
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
        createdAt: Date.now(),
      }),
    );
    appendNotes(doc, members.sort(byOrder), id, null);
  }, origin);
  return id;
}

export function renameTheme(
  doc: Y.Doc,
  themeId: string,
  change: { title?: string; statement?: string },
  origin: MutationOrigin,
): void {
  const title = change.title?.trim();
  if (title !== undefined && (title.length === 0 || title.length > THEME_TITLE_MAX)) {
    throw new MutationError(`A theme title has 1 to ${THEME_TITLE_MAX} characters.`);
  }
  if (change.statement !== undefined && change.statement.length > THEME_STATEMENT_MAX) {
    throw new MutationError(`A theme statement has at most ${THEME_STATEMENT_MAX} characters.`);
  }
  doc.transact(() => {
    const map = themesMap(doc).get(themeId);
    if (!(map instanceof Y.Map)) throw new MutationError('That theme no longer exists.');
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
    appendNotes(doc, members, null, ungrouped.at(-1)?.order ?? null);
  }, origin);
}
