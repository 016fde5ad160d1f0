/**
 * The board document's write guard: judges every update a socket sends to a board before any of
 * it is applied, by the records it creates or changes (places.ts says where each item goes).
 *
 * For everyone who writes (facilitators included) it checks structure and bounds: only the root
 * maps `meta`, `notes`, `themes`, `links`; a record is a Y.Map directly in its root map; fields are
 * plain values within their schema's bounds (shared/model/limits.ts), except text fields, which
 * may be a Y.Text of plain characters; texts stay within their maxima after the update; nothing
 * nests deeper; the board keeps to its note limit (Q2); the report's content keeps its shape and
 * bounds (reportGuard.ts, RC3). For participants it adds who may write what (ownership.ts): no board settings,
 * no report content, notes only as themselves, no change to where a note came from, and the locks and private
 * writing, decided by the records as they are stored (valid or not).
 */
import * as Y from 'yjs';
import type { Problem } from '../../shared/errors';
import { notesMap } from '../../shared/model/doc';
import {
  BOARD_ROOTS,
  FIELD_NAME_MAX,
  type FieldSpec,
  fieldValueProblem,
  FOREIGN_FIELDS,
  isRecordRoot,
  KEY_MAX,
  MAX_NOTES_PER_BOARD,
  META_FIELDS,
  plainValueProblem,
  RECORD_FIELDS,
  type RecordRoot,
  REPORT_ROOT_NAMES,
  REQUIRED_FIELDS,
} from '../../shared/model/limits';
import type { WorkshopRules } from '../../shared/workshop/writeRule';
import { Ownership, Refusal, refuse, type Writer } from './ownership';
import { Locator, MISPLACED, type Place, UNRESOLVED } from './places';
import { checkReportShape, checkReportTextLength, isReportTextRoot, ProfileCount } from './reportGuard';

export type { Writer } from './ownership';

/** `reason`: the English clause, logged; `problem`: what the writer is told, in their language [LG4]. */
export type GuardVerdict = { ok: true } | { ok: false; reason: string; problem: Problem };

/**
 * Does the update skip ahead of what the server has from one of its writers? Yjs would hold such an
 * update back and apply it later, when a small update fills the gap: the guard would then have
 * judged only the small one. Participants' updates never start beyond the server's state unless
 * an earlier one was refused (the refused one is sent again when the rule allows).
 */
export function skipsAhead(doc: Y.Doc, update: Uint8Array): boolean {
  for (const [client, clock] of Y.parseUpdateMeta(update).from) {
    if (clock > Y.getState(doc.store, client)) return true;
  }
  return false;
}

export function checkUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer, rules: WorkshopRules, now = Date.now()): GuardVerdict {
  try {
    judge(doc, update, writer, rules, now);
    return { ok: true };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message, problem: error.problem };
    throw error;
  }
}

/** Characters a text will hold after the update, per text (`root/key/field`). */
interface TextChange {
  place: Place;
  inserted: number;
  deleted: number;
}

function judge(doc: Y.Doc, update: Uint8Array, writer: Writer, rules: WorkshopRules, now: number): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    refuse('it is not a readable update');
  }
  const { structs, ds } = decoded;
  const locator = new Locator(doc, structs);
  const ownership = new Ownership(doc, writer, rules, locator);
  const completeness = new Completeness(locator);
  const noteCount = new NoteCount(doc);
  const profileCount = new ProfileCount(doc);
  const texts = new Map<string, TextChange>();
  const textOf = (place: Place): TextChange => {
    // A report text is a root type: each run of characters is its own level-1 item, and the text
    // is one whatever the run (checkReportTextLength counts it whole).
    const id = isReportTextRoot(place.root)
      ? place.root
      : `${place.root}\u0000${place.key ?? ''}\u0000${place.field ?? ''}\u0000${locator.isFresh(place.record) ? 'new' : 'old'}`;
    const change = texts.get(id) ?? { place, inserted: 0, deleted: 0 };
    texts.set(id, change);
    return change;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const place = locator.resolve(struct);
    if (place === UNRESOLVED) refuse('it depends on changes the server does not have');
    if (place === MISPLACED) refuse('it puts something inside a plain value');
    if (typeof place === 'string') continue;
    // Already stored (a catch-up answering an older state vector repeats what reached the server
    // since, e.g. over the bus): Yjs skips it, so it changes nothing (G2). It was still resolved
    // above: a repeated struct Yjs cannot place would hold back the rest of its writer's update.
    if (locator.isStored(struct)) continue;
    // Written into a record that is deleted: Yjs integrates it deleted, and it changes nothing.
    if (!locator.isFresh(place.record) && place.record.deleted) continue;
    checkShape(place, struct.content, now);
    // Only the part beyond what the server holds is inserted (Yjs applies an item from that offset).
    const stored = Math.max(0, Y.getState(doc.store, struct.id.client) - struct.id.clock);
    if (struct.content instanceof Y.ContentString) textOf(place).inserted += struct.content.str.length - stored;
    completeness.written(place, struct);
    ownership.written(place, struct);
    noteCount.written(place, struct);
    profileCount.written(place, struct);
  }

  for (const [client, ranges] of mergedRanges(ds)) {
    for (const range of ranges) {
      const end = range.clock + range.len;
      for (let clock = range.clock; clock < end;) {
        const located = locator.locate(new Y.ID(client, clock));
        if (located === null) refuse('it deletes something the server does not have');
        if (typeof located === 'string') {
          // Deleting what is collected (in the doc, or a GC run the update itself carries) changes
          // nothing. Skip the run whole: one GC struct can span 2^52 clocks (any writer can send
          // one), and stepping through it clock by clock would block the server.
          clock = locator.collectedEnd(new Y.ID(client, clock)) ?? end;
          continue;
        }
        const itemEnd = located.id.clock + located.length;
        if (!located.deleted) {
          const place = locator.resolve(located);
          if (place === UNRESOLVED) refuse('it depends on changes the server does not have');
          if (place === MISPLACED) refuse('it puts something inside a plain value');
          if (typeof place !== 'string') {
            if (located.content instanceof Y.ContentString) textOf(place).deleted += Math.min(end, itemEnd) - clock;
            completeness.deleted(place, located);
            ownership.deleted(place, located);
            noteCount.deleted(place);
          }
        }
        clock = itemEnd;
      }
    }
  }

  for (const change of texts.values()) {
    if (isReportTextRoot(change.place.root)) checkReportTextLength(doc, change.place.root, change.inserted, change.deleted);
    else checkTextLength(change, locator);
  }
  completeness.finish();
  ownership.finish();
  noteCount.finish();
  profileCount.finish();
}

/**
 * [Q2] The notes a board holds after the update, for everyone who writes: a key the update fills
 * that holds no note now is one more, a note it deletes (and does not put back) one fewer. Only
 * an update that adds notes past the limit is refused, so a board at the limit (or past it,
 * from before this check) still takes edits, deletions and a note's replacement.
 */
class NoteCount {
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();

  constructor(private readonly doc: Y.Doc) {}

  written(place: Place, item: Y.Item): void {
    if (place.root === 'notes' && place.level === 1 && place.key !== null && !(item.content instanceof Y.ContentDeleted)) this.added.add(place.key);
  }

  deleted(place: Place): void {
    if (place.root === 'notes' && place.level === 1 && place.key !== null) this.removed.add(place.key);
  }

  finish(): void {
    if (this.added.size === 0) return;
    const notes = notesMap(this.doc);
    let growth = 0;
    for (const key of this.added) if (!notes.has(key)) growth++;
    for (const key of this.removed) if (notes.has(key) && !this.added.has(key)) growth--;
    if (growth > 0 && notes.size + growth > MAX_NOTES_PER_BOARD) {
      const figure = (n: number) => n.toLocaleString('en-GB');
      refuse(`the board holds ${figure(notes.size)} notes, and a board holds at most ${figure(MAX_NOTES_PER_BOARD)}`, {
        code: 'sync.boardFull',
        values: { count: notes.size, most: MAX_NOTES_PER_BOARD },
      });
    }
  }
}

/** The structure and bounds every writer keeps to. */
function checkShape(place: Place, content: Y.Item['content'], now: number): void {
  if (!BOARD_ROOTS.has(place.root)) refuse(`a board has no "${place.root.slice(0, FIELD_NAME_MAX)}"`);
  // Deleted content carries nothing: what it replaces is judged by who may change that key.
  if (content instanceof Y.ContentDeleted) return;
  if (REPORT_ROOT_NAMES.has(place.root)) {
    checkReportShape(place, content, now);
    return;
  }
  if (place.root === 'meta') {
    if (place.level > 1 || place.sub === null) refuse('board settings are plain values');
    const name = place.sub;
    if (!(content instanceof Y.ContentAny)) refuse('board settings are plain values');
    for (const value of content.arr) checkValue(META_FIELDS[name], name, value, now);
    return;
  }
  if (!isRecordRoot(place.root)) return;
  const fields = RECORD_FIELDS[place.root];
  switch (place.level) {
    case 1:
      if (place.sub === null || place.sub.length === 0 || place.sub.length > KEY_MAX) refuse(`a record needs an id of at most ${KEY_MAX} characters`);
      if (!(content instanceof Y.ContentType && content.type instanceof Y.Map)) refuse('a record must be a map of fields');
      return;
    case 2: {
      const name = place.sub;
      if (name === null || name.length > FIELD_NAME_MAX) refuse('a record holds named fields only');
      if (FOREIGN_FIELDS.has(name)) refuse(`"${name}" is not the board's to hold (votes are cast, not written)`);
      const spec = fields[name];
      if (content instanceof Y.ContentType) {
        if (spec?.type === 'text' && content.type instanceof Y.Text) return;
        refuse(`${name} must be a plain value`);
      }
      if (!(content instanceof Y.ContentAny)) refuse(`${name} must be a plain value`);
      for (const value of content.arr) checkValue(spec, name, value, now);
      return;
    }
    case 3:
      // Characters typed into a text field, and nothing else.
      if (place.sub === null && content instanceof Y.ContentString && place.field !== null && fields[place.field]?.type === 'text') return;
      refuse(`${place.field ?? 'a field'} holds plain text only`);
      return;
    default:
      refuse('records hold no nested structure');
  }
}

function checkValue(spec: FieldSpec | undefined, name: string, value: unknown, now: number): void {
  const problem = spec ? fieldValueProblem(spec, value, now) : plainValueProblem(value);
  if (problem) refuse(`${name} ${problem}`);
}

/**
 * Records stay placeable: a new record brings the fields it cannot be placed without, and no
 * update deletes one of those fields from a record it keeps.
 */
class Completeness {
  /** Fields each record gets a live value for in this update. */
  private readonly fields = new Map<Y.Item, Set<string>>();
  private readonly created = new Map<Y.Item, RecordRoot>();
  private readonly deletedFields: { place: Place; field: string }[] = [];
  private readonly deletedRecords = new Set<Y.Item>();

  constructor(private readonly locator: Locator) {}

  written(place: Place, item: Y.Item): void {
    if (!isRecordRoot(place.root) || item.content instanceof Y.ContentDeleted) return;
    if (place.level === 1) this.created.set(item, place.root);
    else if (place.level === 2 && place.field !== null) this.fieldsOf(place.record).add(place.field);
  }

  deleted(place: Place, item: Y.Item): void {
    if (!isRecordRoot(place.root)) return;
    if (place.level === 1) this.deletedRecords.add(item);
    else if (place.level === 2 && place.field !== null && REQUIRED_FIELDS[place.root].includes(place.field) && !this.locator.isFresh(place.record)) {
      this.deletedFields.push({ place, field: place.field });
    }
  }

  finish(): void {
    for (const [record, root] of this.created) {
      const missing = REQUIRED_FIELDS[root].find((field) => !this.fieldsOf(record).has(field));
      if (missing) refuse(`a new record needs its ${missing}`);
    }
    // Setting a field deletes its old value: only a deletion with no new value removes it.
    for (const { place, field } of this.deletedFields) {
      if (!this.deletedRecords.has(place.record) && !this.fieldsOf(place.record).has(field)) refuse(`${field} cannot be removed from a record`);
    }
  }

  private fieldsOf(record: Y.Item): Set<string> {
    const fields = this.fields.get(record) ?? new Set<string>();
    this.fields.set(record, fields);
    return fields;
  }
}

/**
 * A text may hold at most its maximum after the update: what is there now, plus what the update
 * inserts, minus what it deletes. An update that only deletes always passes, so a text stored over
 * the limit before can still be cut.
 */
function checkTextLength(change: TextChange, locator: Locator): void {
  const { place } = change;
  if (change.inserted === 0 || !isRecordRoot(place.root) || place.field === null) return;
  const spec = RECORD_FIELDS[place.root][place.field];
  if (spec?.type !== 'text') return;
  let stored = 0;
  if (!locator.isFresh(place.record) && place.record.content instanceof Y.ContentType) {
    const current = (place.record.content.type as Y.Map<unknown>).get(place.field);
    if (current instanceof Y.Text) stored = current.length;
  }
  if (stored + change.inserted - change.deleted > spec.max) {
    refuse(`${place.field} holds at most ${spec.max.toLocaleString('en')} characters`, {
      code: 'sync.textLength',
      values: { field: place.field, most: spec.max },
    });
  }
}

/**
 * The delete set by client, each client's ranges sorted and merged: a crafted update may name a
 * range twice, and counting its characters twice would let it insert more than the limit.
 */
function mergedRanges(ds: ReturnType<typeof Y.decodeUpdate>['ds']): Map<number, { clock: number; len: number }[]> {
  const merged = new Map<number, { clock: number; len: number }[]>();
  for (const [client, ranges] of ds.clients) {
    const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
    const out: { clock: number; len: number }[] = [];
    for (const range of sorted) {
      const last = out.at(-1);
      if (last && range.clock <= last.clock + last.len) last.len = Math.max(last.len, range.clock + range.len - last.clock);
      else out.push({ clock: range.clock, len: range.len });
    }
    merged.set(client, out);
  }
  return merged;
}
