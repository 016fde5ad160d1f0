/**
 * The bounds every export writes and every import accepts [E4, E6]. Text maxima are the schema's;
 * the rest (ids, order keys, unknown fields) are the sizes our own writers produce, with room.
 *
 * A board document can hold values no honest client writes (a malicious client writes raw into
 * the Y.Doc; older boards predate the guard). Exports read the board through `boundRecords`, so
 * every format shows the same, bounded board, and the JSON export is exactly what the import
 * accepts: exporting, importing and exporting again gives the same file.
 */
import * as Y from 'yjs';
import {
  CLUSTER_REF_MAX,
  ID_MAX,
  isAcceptedTime,
  KEY_MAX,
  LABEL_MAX,
  MAX_IMPORT_NOTES,
  ORDER_MAX,
  PLAIN_DEPTH_MAX,
  TEMPLATE_ID_MAX,
  TIME_AHEAD_MS,
} from '../model/limits';
import {
  BOARD_TITLE_MAX,
  type LinkRecord,
  type MetaRecord,
  NOTE_TEXT_MAX,
  type NoteRecord,
  THEME_STATEMENT_MAX,
  THEME_TITLE_MAX,
  type ThemeRecord,
} from '../model/schema';
import type { AttributionWords } from '../model/vocabulary';
import { type BoardPeople, type BoardRecords, type BoardView, deriveBoardView, readBoardRecords } from '../view/boardView';

/** Record ids are 16 characters (shared/model/ids.ts); board ids and author ids are shorter than this. */
export const RECORD_ID_MAX = ID_MAX;
/** Fractional order keys grow by about a character per insertion at the same spot. */
export const ORDER_KEY_MAX = ORDER_MAX;
/** An author's name, or the source a note came from ("Carried over from <board title>"). */
export const AUTHOR_NAME_MAX = LABEL_MAX;
export { CLUSTER_REF_MAX };
export { TEMPLATE_ID_MAX };
export const LINK_ID_MAX = KEY_MAX;
/** Times are milliseconds since 1970, at most this far past the exporting (or importing) clock. */
export const TIME_AHEAD_MAX_MS = TIME_AHEAD_MS;
/** Fields this version does not know survive a round trip only as plain JSON this small. */
export const UNKNOWN_FIELDS_MAX = 16;
export const UNKNOWN_FIELD_DEPTH_MAX = PLAIN_DEPTH_MAX;
export const UNKNOWN_FIELD_JSON_MAX = 2_000;
export const UNKNOWN_FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const FORBIDDEN_FIELD_NAMES: ReadonlySet<string> = new Set(['constructor', 'prototype']);

export const NOTES_MAX = MAX_IMPORT_NOTES;
export const THEMES_MAX = 10_000;
export const LINKS_MAX = 50_000;
export const VOTES_PER_NOTE_MAX = 1_000_000;

export { BOARD_TITLE_MAX, NOTE_TEXT_MAX, THEME_STATEMENT_MAX, THEME_TITLE_MAX };

/** Cut to `max` UTF-16 units without leaving half of a surrogate pair at the end. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, end);
}

/** A time within [0, now + 24 h], else 0 ("unknown", which every format shows as no time). */
export function boundedTime(value: number, now: number): number {
  return isAcceptedTime(value, now) ? value : 0;
}

/** Plain JSON (no NaN, no binary, no cycles) at most `depth` levels deep. */
export function isBoundedJson(value: unknown, depth = UNKNOWN_FIELD_DEPTH_MAX): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth <= 0 || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((item) => isBoundedJson(item, depth - 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
  // `__proto__` would come back from storage as the object's prototype, not as a field.
  return Object.entries(value).every(([key, item]) => key !== '__proto__' && isBoundedJson(item, depth - 1));
}

/** Whether an unknown field may travel: a safe name and small, shallow, plain JSON. */
export function isKeepableUnknownField(name: string, value: unknown): boolean {
  return (
    UNKNOWN_FIELD_NAME.test(name) &&
    !FORBIDDEN_FIELD_NAMES.has(name) &&
    isBoundedJson(value) &&
    JSON.stringify(value).length <= UNKNOWN_FIELD_JSON_MAX
  );
}

const validId = (id: string) => id.length > 0 && id.length <= RECORD_ID_MAX;
/** A link's id joins its two notes' ids (`need>practice`), so it may be twice as long. */
const validLinkId = (id: string) => id.length > 0 && id.length <= LINK_ID_MAX;

/** The record's known fields as they are, and the unknown ones that may travel (at most 16). */
function withUnknown<T extends object>(record: T, known: readonly string[], bounded: Partial<T>): T {
  const out: Record<string, unknown> = {};
  let unknown = 0;
  for (const [name, value] of Object.entries(record)) {
    if (known.includes(name)) out[name] = value;
    else if (unknown < UNKNOWN_FIELDS_MAX && isKeepableUnknownField(name, value)) {
      out[name] = value;
      unknown++;
    }
  }
  return { ...out, ...bounded } as T;
}

const NOTE_FIELDS = [
  'id',
  'text',
  'dimension',
  'kind',
  'themeId',
  'order',
  'colour',
  'authorId',
  'authorName',
  'cluster',
  'createdAt',
  'updatedAt',
  'carriedFrom',
];
const THEME_FIELDS = ['id', 'title', 'statement', 'dimension', 'kind', 'order', 'createdAt'];
const LINK_FIELDS = ['id', 'needId', 'practiceId', 'createdBy', 'createdAt'];

function boundNote(note: NoteRecord, now: number): NoteRecord {
  const carried = note.carriedFrom;
  return withUnknown(note, NOTE_FIELDS, {
    text: cut(note.text, NOTE_TEXT_MAX),
    themeId: note.themeId !== null && validId(note.themeId) ? note.themeId : null,
    order: cut(note.order, ORDER_KEY_MAX),
    authorId: cut(note.authorId, RECORD_ID_MAX),
    authorName: cut(note.authorName, AUTHOR_NAME_MAX),
    cluster: note.cluster === null ? null : cut(note.cluster, CLUSTER_REF_MAX),
    createdAt: boundedTime(note.createdAt, now),
    updatedAt: boundedTime(note.updatedAt, now),
    carriedFrom:
      carried === null
        ? null
        : {
            boardId: cut(carried.boardId, RECORD_ID_MAX),
            boardTitle: cut(carried.boardTitle, BOARD_TITLE_MAX),
            noteId: cut(carried.noteId, RECORD_ID_MAX),
          },
  });
}

function boundTheme(theme: ThemeRecord, now: number): ThemeRecord {
  return withUnknown(theme, THEME_FIELDS, {
    title: cut(theme.title, THEME_TITLE_MAX),
    statement: cut(theme.statement, THEME_STATEMENT_MAX),
    order: cut(theme.order, ORDER_KEY_MAX),
    createdAt: boundedTime(theme.createdAt, now),
  });
}

function boundLink(link: LinkRecord, now: number): LinkRecord {
  return withUnknown(link, LINK_FIELDS, { createdBy: cut(link.createdBy, RECORD_ID_MAX), createdAt: boundedTime(link.createdAt, now) });
}

function boundMeta(meta: MetaRecord, now: number): MetaRecord {
  const title = cut(meta.title.trim(), BOARD_TITLE_MAX).trim();
  return {
    ...meta,
    title: title === '' ? 'Untitled board' : title,
    template: meta.template === null ? null : cut(meta.template, TEMPLATE_ID_MAX),
    createdAt: boundedTime(meta.createdAt, now),
  };
}

/**
 * The board's records within the export bounds [E6]: texts cut to the schema's maxima, times
 * outside [0, now + 24 h] as 0, unknown fields that are not small plain JSON dropped, and records
 * whose id no writer of ours could have made (empty or longer than 64) left out with the links
 * that name them. A board written only through our mutations comes back unchanged.
 */
export function boundRecords(records: BoardRecords, now: number): BoardRecords {
  const notes = records.notes.valid.filter((n) => validId(n.id)).slice(0, NOTES_MAX);
  const themes = records.themes.valid.filter((t) => validId(t.id)).slice(0, THEMES_MAX);
  const links = records.links.valid.filter((l) => validLinkId(l.id) && validId(l.needId) && validId(l.practiceId)).slice(0, LINKS_MAX);
  return {
    meta: boundMeta(records.meta, now),
    notes: { valid: notes.map((n) => boundNote(n, now)), invalid: records.notes.invalid + records.notes.valid.length - notes.length },
    themes: { valid: themes.map((t) => boundTheme(t, now)), invalid: records.themes.invalid + records.themes.valid.length - themes.length },
    links: { valid: links.map((l) => boundLink(l, now)), invalid: records.links.invalid + records.links.valid.length - links.length },
  };
}

/** The board as every export shows it: `boardView` over the bounded records [E6]. */
/** The board's records as every export reads them, bounded [E6]; `exportView` derives the view. */
export function exportRecords(doc: Y.Doc, now: number): BoardRecords {
  return boundRecords(readBoardRecords(doc), now);
}

/** `words`: who wrote each note in the export's language (LG5); English where none is given. */
export function exportView(doc: Y.Doc | BoardRecords, now: number, people?: BoardPeople, words?: AttributionWords): BoardView {
  const records = doc instanceof Y.Doc ? exportRecords(doc, now) : doc;
  return deriveBoardView(records, undefined, undefined, people, words);
}
