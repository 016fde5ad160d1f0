/**
 * The bounds of every field a board record can hold, for what the server accepts from a socket
 * (server/workshop/guard.ts) and what readers take from a stored board (doc.ts). The text maxima
 * are the schema's own (schema.ts), so a note the editor allows is a note the guard allows.
 *
 * A field is a plain value (JSON: null, boolean, finite number, string, array, object) or, for the
 * text fields, a Y.Text. No record holds any other nested Y type, and no plain value nests deeper
 * than `PLAIN_DEPTH_MAX`: a 6,000-deep chain of maps once made every reader of a board overflow its
 * stack.
 *
 * The sizes that keep one request's work bounded (Q1-Q3) are here too, so the client and the
 * server refuse the same things with the same sentence. Each is far above a real workshop: the
 * EXCITE D1.4 demo holds about 120 notes, a busy two-day workshop a few hundred.
 */
import type { ErrorCode } from '../errors';
import { LOCALES } from '../i18n/locales';
import { REPORT_TEXT_MAX } from '../report/textBlocks';
import { MutationError } from './errors';
import {
  BOARD_TITLE_MAX,
  CLUSTER_PROFILE_MAX,
  NOTE_TEXT_MAX,
  PERSON_NAME_MAX,
  REPORT_SETTINGS_MAX,
  SOURCE_KINDS,
  SOURCE_LABEL_MAX,
  THEME_STATEMENT_MAX,
  THEME_TITLE_MAX,
} from './schema';
import { CLUSTER_NAME_MAX, COLOURS, DIMENSION_IDS, KIND_IDS } from './vocabulary';

/** Record ids, person ids and references to them. */
export const ID_MAX = 64;
/** Record keys: a link's id joins its two notes' ids (`need>practice`). */
export const KEY_MAX = 2 * ID_MAX + 1;
/** Field names (record keys of a map). */
export const FIELD_NAME_MAX = 64;
/** Fractional indices grow by about a character per insertion between two neighbours. */
export const ORDER_MAX = 1_000;
/** Labels (a source's label, a carried note's board title, an author's name as stored). */
export const LABEL_MAX = 200;
/** A cluster reference: a cluster's id, or `other:` and a cluster name. */
export const CLUSTER_REF_MAX = 'other:'.length + CLUSTER_NAME_MAX;
/** How deep a plain value may nest (`{ a: [ { b: 1 } ] }` is 3 deep). */
export const PLAIN_DEPTH_MAX = 4;
/** Characters (strings and keys) plus one per number, boolean or null, in one plain value. */
export const PLAIN_SIZE_MAX = 4_096;
/** Times are refused past the server's clock plus this much (a client's clock may run ahead). */
export const TIME_AHEAD_MS = 24 * 60 * 60 * 1000;

/** A template's id (`excite-d1.4`), as the board's settings name it. */
export const TEMPLATE_ID_MAX = 64;

export type FieldSpec =
  | { type: 'string'; max: number; nullable?: boolean }
  | { type: 'enum'; values: readonly string[]; nullable?: boolean }
  | { type: 'time' }
  | { type: 'int'; min: number; max: number }
  /** Stored as a Y.Text (or a plain string) that people type into. */
  | { type: 'text'; max: number }
  | { type: 'object'; fields: Readonly<Record<string, FieldSpec>>; nullable?: boolean };

const id: FieldSpec = { type: 'string', max: ID_MAX };
const time: FieldSpec = { type: 'time' };
const dimension: FieldSpec = { type: 'enum', values: DIMENSION_IDS };
const kind: FieldSpec = { type: 'enum', values: KIND_IDS };
const order: FieldSpec = { type: 'string', max: ORDER_MAX };

export type RecordRoot = 'notes' | 'themes' | 'links';

/** The fields of each record type, as the mutations in `mutations/` write them. */
export const RECORD_FIELDS: Readonly<Record<RecordRoot, Readonly<Record<string, FieldSpec>>>> = {
  notes: {
    id,
    text: { type: 'text', max: NOTE_TEXT_MAX },
    dimension,
    kind,
    themeId: { ...id, nullable: true },
    order,
    colour: { type: 'enum', values: COLOURS, nullable: true },
    authorId: id,
    authorName: { type: 'string', max: Math.max(PERSON_NAME_MAX, LABEL_MAX) },
    cluster: { type: 'string', max: CLUSTER_REF_MAX, nullable: true },
    createdAt: time,
    updatedAt: time,
    carriedFrom: { type: 'object', nullable: true, fields: { boardId: id, boardTitle: { type: 'string', max: BOARD_TITLE_MAX }, noteId: id } },
    source: {
      type: 'object',
      nullable: true,
      fields: { kind: { type: 'enum', values: SOURCE_KINDS }, label: { type: 'string', max: SOURCE_LABEL_MAX } },
    },
  },
  themes: {
    id,
    title: { type: 'text', max: THEME_TITLE_MAX },
    statement: { type: 'text', max: THEME_STATEMENT_MAX },
    dimension,
    kind,
    order,
    createdAt: time,
    updatedAt: time,
  },
  links: {
    id: { type: 'string', max: KEY_MAX },
    needId: id,
    practiceId: id,
    createdBy: id,
    createdAt: time,
  },
};

/** Without these a record cannot be placed on the board (the view would skip it). */
export const REQUIRED_FIELDS: Readonly<Record<RecordRoot, readonly string[]>> = {
  notes: ['text', 'dimension', 'kind'],
  themes: ['dimension', 'kind'],
  links: ['needId', 'practiceId'],
};

/** The board's settings (the `meta` map): plain values only, written by facilitators. */
export const META_FIELDS: Readonly<Record<string, FieldSpec>> = {
  title: { type: 'string', max: BOARD_TITLE_MAX },
  template: { type: 'string', max: TEMPLATE_ID_MAX, nullable: true },
  schemaVersion: { type: 'int', min: 0, max: 1_000 },
  createdAt: time,
  language: { type: 'enum', values: LOCALES, nullable: true },
};

/**
 * [RC1] The report's content (shared/model/reportContent.ts): four roots of their own, written by
 * facilitators only. Root types, not types nested in a map: two facilitators who open the report
 * on a fresh board would each create a nested Y.Text, and only one of the two would survive with
 * what its writer typed. A root type exists once in every copy of the document.
 */
export const REPORT_ROOTS = {
  /** Y.Map of the cover's fields, each a plain string. */
  settings: 'report',
  /** Y.Map<cluster ref, Y.Map> of the profiles' fields, each a plain string. */
  profiles: 'reportProfiles',
  /** Y.Text: the introduction's lines (shared/report/textBlocks.ts). */
  introduction: 'reportIntroduction',
  /** Y.Text: the conclusion's lines. */
  conclusion: 'reportConclusion',
} as const;
export type ReportTextName = 'introduction' | 'conclusion';
export const REPORT_ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(REPORT_ROOTS));
export const REPORT_TEXT_ROOTS: ReadonlySet<string> = new Set([REPORT_ROOTS.introduction, REPORT_ROOTS.conclusion]);
export { REPORT_TEXT_MAX };

const lines = <K extends string>(maxima: Readonly<Record<K, number>>): Readonly<Record<K, FieldSpec>> =>
  Object.fromEntries(Object.entries<number>(maxima).map(([name, max]) => [name, { type: 'string', max }])) as Record<K, FieldSpec>;

/** The cover's fields (the `report` root), plain strings within their maxima. */
export const REPORT_SETTINGS_FIELDS = lines(REPORT_SETTINGS_MAX);
/** A cluster profile's fields (a record of `reportProfiles`), plain strings within their maxima. */
export const CLUSTER_PROFILE_FIELDS_SPEC = lines(CLUSTER_PROFILE_MAX);

/** The root maps and texts of a board document; nothing else belongs in it. */
export const BOARD_ROOTS: ReadonlySet<string> = new Set(['meta', 'notes', 'themes', 'links', ...REPORT_ROOT_NAMES]);

/**
 * Fields that never belong to a board record. Vote totals live in the control document, written
 * by the server; a `votes` field on a note is a client's claim, so readers drop it and the guard
 * refuses it.
 */
export const FOREIGN_FIELDS: ReadonlySet<string> = new Set(['votes']);

export function isRecordRoot(root: string): root is RecordRoot {
  return root === 'notes' || root === 'themes' || root === 'links';
}

/**
 * Why `value` is not a plain value within the depth and size bounds, or null when it is. Walks at
 * most `PLAIN_SIZE_MAX` nodes and `PLAIN_DEPTH_MAX` levels, whatever the value.
 */
export function plainValueProblem(value: unknown): string | null {
  let budget = PLAIN_SIZE_MAX;
  const visit = (node: unknown, depth: number): string | null => {
    budget -= typeof node === 'string' ? node.length : 1;
    if (budget < 0) return `is larger than ${PLAIN_SIZE_MAX} characters`;
    if (node === null || typeof node === 'boolean' || typeof node === 'string') return null;
    if (typeof node === 'number') return Number.isFinite(node) ? null : 'is not a finite number';
    if (typeof node !== 'object') return 'is not a plain value';
    if (depth >= PLAIN_DEPTH_MAX) return `nests deeper than ${PLAIN_DEPTH_MAX} levels`;
    if (Array.isArray(node)) {
      for (const item of node) {
        const problem = visit(item, depth + 1);
        if (problem) return problem;
      }
      return null;
    }
    if (Object.getPrototypeOf(node) !== Object.prototype) return 'is not a plain value';
    for (const [key, item] of Object.entries(node as Record<string, unknown>)) {
      budget -= key.length;
      const problem = visit(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return visit(value, 0);
}

/**
 * A time any way in accepts (socket, import, export): milliseconds since 1970, no later than the
 * server's clock plus TIME_AHEAD_MS (a client's clock may run ahead).
 */
export function isAcceptedTime(value: unknown, now: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= now + TIME_AHEAD_MS;
}

/**
 * Why `value` does not fit `spec`, or null when it does. `now` is the server's clock: times run
 * from 0 to `now + TIME_AHEAD_MS`. A text field checked here is a plain string (a Y.Text's length
 * is the guard's to project).
 */
export function fieldValueProblem(spec: FieldSpec, value: unknown, now: number): string | null {
  if (value === null) return 'nullable' in spec && spec.nullable ? null : 'may not be empty';
  switch (spec.type) {
    case 'string':
    case 'text':
      if (typeof value !== 'string') return 'must be text';
      return value.length > spec.max ? `holds at most ${spec.max.toLocaleString('en')} characters` : null;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : `must be one of ${spec.values.join(', ')}`;
    case 'time':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a time';
      return isAcceptedTime(value, now) ? null : 'is a time outside the range the server accepts';
    case 'int':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
        ? null
        : `must be a whole number from ${spec.min} to ${spec.max}`;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return 'must be an object';
      const entries = Object.entries(value as Record<string, unknown>);
      for (const [key, item] of entries) {
        const inner = spec.fields[key];
        if (!inner) return `has no field "${key.slice(0, FIELD_NAME_MAX)}"`;
        const problem = fieldValueProblem(inner, item, now);
        if (problem) return `${key} ${problem}`;
      }
      const missing = Object.keys(spec.fields).find((key) => !(key in (value as Record<string, unknown>)));
      return missing ? `needs "${missing}"` : null;
    }
  }
}

// ---- Work per request (Q1-Q3) ----

/** Notes one board may hold. Every write that adds notes checks it (addNote, addNotes). */
export const MAX_NOTES_PER_BOARD = 10_000;

/** Data rows one CSV import may hold (the header not counted). */
export const MAX_CSV_IMPORT_ROWS = 10_000;

/** Notes one JSON import (a new board) may hold. */
export const MAX_IMPORT_NOTES = MAX_NOTES_PER_BOARD;

/** Private notes one person may reveal onto the board at once. */
export const MAX_NOTES_PER_REVEAL = 2_000;

const figure = (n: number) => n.toLocaleString('en-GB');

/** The board would pass MAX_NOTES_PER_BOARD: nothing was added. */
export class BoardFullError extends MutationError {
  constructor(held: number, adding: number) {
    super(adding === 1 ? 'board.full' : 'board.fullBatch', { held, adding, most: MAX_NOTES_PER_BOARD });
  }
}

/** A batch larger than its limit (`code` says which batch, e.g. notes revealed at once): nothing was added. */
export class BatchTooLargeError extends MutationError {
  constructor(count: number, most: number, code: ErrorCode) {
    super(code, { count, most });
  }
}

export { figure as formatCount };
