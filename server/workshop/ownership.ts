/**
 * What a participant may change on the board, judged item by item as the guard walks an update
 * (guard.ts) and settled at the end, when the whole update is known:
 *  - never the board's settings (`meta`) nor the report's content (RC3): only facilitators change those;
 *  - new notes only as themselves (`authorId` = the person of their seat, so none without a seat)
 *    and with no `source`; never where an existing note came from (`PROTECTED_NOTE_FIELDS`);
 *  - the locks and private writing, asked of the one write rule (shared/workshop/writeRule.ts)
 *    about each part of the update: a new note ('add'), a theme's title or statement ('name
 *    theme'), a note's text ('edit own text' / 'edit text'), and every dimension the update
 *    touches. A record's dimension is read raw from the stored map, valid or not, so a note the
 *    view skips (an unknown kind) is still in its dimension.
 *  - [SU4, SU6] a "me too" only in their own name, and no dismissals (voices.ts).
 * Facilitators are bound by none of this (W1; the write rule allows them everything too).
 */
import * as Y from 'yjs';
import { englishSentence, type Problem } from '../../shared/errors';
import { notesMap } from '../../shared/model/doc';
import { isRecordRoot, RECORD_FIELDS, type RecordRoot, REPORT_ROOT_NAMES } from '../../shared/model/limits';
import { type BoardAction, mayWrite, type WorkshopRules } from '../../shared/workshop/writeRule';
import type { Locator, Place } from './places';
import { refuse, refuseWith } from './refusal';
import { VoiceRules } from './voices';

export interface Writer {
  role: 'facilitator' | 'participant';
  /** The person of the seat the socket presented; null for a socket without one. */
  personId: string | null;
}

/** Where a note came from and whose it is: set when it is created, never changed over a socket. */
export const PROTECTED_NOTE_FIELDS: ReadonlySet<string> = new Set(['authorId', 'source', 'authorName', 'cluster', 'carriedFrom', 'createdAt']);

const RECORD_NAMES: Readonly<Record<RecordRoot, string>> = {
  notes: 'note',
  themes: 'theme',
  links: 'link',
  meToo: '"me too"',
  dismissals: 'dismissal',
};

const THEME_TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'statement']);

export { Refusal, refuse, refuseWith } from './refusal';

/** A note record the update creates, with what it says about its author. */
interface NewNote {
  authorIds: unknown[];
  sources: unknown[];
}

export class Ownership {
  private readonly participant: boolean;
  private readonly touched = new Map<string, Place>();
  private readonly newNotes = new Map<Y.Item, NewNote>();
  private readonly strings: string[] = [];
  /** Changes allowed only as part of deleting their whole record, with the reason otherwise. */
  private readonly unlessRecordDeleted: { record: Y.Item; reason: string; problem?: Problem }[] = [];
  private readonly deletedRecords = new Set<Y.Item>();
  private readonly voices: VoiceRules;

  constructor(
    private readonly doc: Y.Doc,
    private readonly writer: Writer,
    private readonly rules: WorkshopRules,
    private readonly locator: Locator,
  ) {
    this.participant = writer.role === 'participant';
    this.voices = new VoiceRules(writer);
  }

  /** An item the update writes at `place` (its shape already checked). */
  written(place: Place, item: Y.Item): void {
    if (!this.participant) return;
    if (place.root === 'meta') refuseWith({ code: 'sync.facilitatorOnly' });
    if (REPORT_ROOT_NAMES.has(place.root)) refuseWith({ code: 'sync.reportFacilitatorOnly' });
    if (!isRecordRoot(place.root) || place.key === null) return;
    this.touch(place);
    const fresh = this.locator.isFresh(place.record);
    if (place.root === 'meToo' || place.root === 'dismissals') {
      if (place.level === 2 && !((place.field ?? '') in RECORD_FIELDS[place.root]))
        refuse(`a ${RECORD_NAMES[place.root]} has no field "${(place.field ?? '').slice(0, 64)}"`);
      this.voices.written(place, item, fresh);
      this.collectStrings(item);
      return;
    }
    const deletedContent = item.content instanceof Y.ContentDeleted;
    if (place.level === 1) {
      if (place.root === 'notes' && !deletedContent) this.newNotes.set(item, { authorIds: [], sources: [] });
      return;
    }
    const field = place.field ?? '';
    // Fields this version does not know are kept when a facilitator's newer client writes them
    // (S1), but are not a participant's to invent.
    if (place.level === 2 && !(field in RECORD_FIELDS[place.root])) refuse(`a ${RECORD_NAMES[place.root]} has no field "${field.slice(0, 64)}"`);
    this.collectStrings(item);
    if (place.level === 2 && place.root === 'notes') {
      const created = this.newNotes.get(place.record);
      if (created && item.content instanceof Y.ContentAny) {
        if (field === 'authorId') created.authorIds.push(...item.content.arr);
        if (field === 'source') created.sources.push(...item.content.arr);
      } else if (!fresh && PROTECTED_NOTE_FIELDS.has(field)) {
        refuse(`the ${field} of a note is set when it is written and never changes`);
      }
    }
    const problem = this.privateTextProblem(place, fresh);
    if (problem) refuseWith(problem);
  }

  /** An existing, live item the update deletes. */
  deleted(place: Place, item: Y.Item): void {
    if (!this.participant) return;
    if (place.root === 'meta') refuseWith({ code: 'sync.facilitatorOnly' });
    if (REPORT_ROOT_NAMES.has(place.root)) refuseWith({ code: 'sync.reportFacilitatorOnly' });
    if (!isRecordRoot(place.root) || place.key === null) return;
    this.touch(place);
    if (place.root === 'meToo' || place.root === 'dismissals') {
      this.voices.deleted(place, item, this.locator.isFresh(place.record));
      return;
    }
    if (place.level === 1) {
      this.deletedRecords.add(item);
      return;
    }
    // Deleting a record deletes its fields and text with it: those are judged with the record. A
    // record the update itself creates is judged by what it ends with (its new-note rules).
    const fresh = this.locator.isFresh(place.record);
    const field = place.field ?? '';
    if (place.level === 2 && place.root === 'notes' && PROTECTED_NOTE_FIELDS.has(field) && !fresh) {
      this.unlessRecordDeleted.push({ record: place.record, reason: `the ${field} of a note is set when it is written and never changes` });
    }
    const problem = this.privateTextProblem(place, fresh);
    if (problem) this.unlessRecordDeleted.push({ record: place.record, reason: englishSentence(problem), problem });
  }

  /** Settles what needs the whole update: deletions, new notes' authors, locks. */
  finish(): void {
    if (!this.participant) return;
    for (const { record, reason, problem } of this.unlessRecordDeleted) if (!this.deletedRecords.has(record)) refuse(reason, problem);
    if (this.newNotes.size > 0) this.ask('add', null);
    for (const note of this.newNotes.values()) this.checkAuthor(note);
    this.voices.finish();
    this.checkLocks();
  }

  /** Strings an update writes: a dimension id or a note id among them brings a lock to ask. */
  private collectStrings(item: Y.Item): void {
    if (!(item.content instanceof Y.ContentAny)) return;
    for (const value of item.content.arr) if (typeof value === 'string') this.strings.push(value);
  }

  /** The write rule's word on a change of text (private writing keeps some text off the board). */
  private privateTextProblem(place: Place, fresh: boolean): Problem | null {
    if (place.field === null) return null;
    let action: BoardAction | null = null;
    if (place.root === 'themes' && THEME_TEXT_FIELDS.has(place.field)) action = 'name theme';
    else if (place.root === 'notes' && place.field === 'text' && !fresh) action = this.owns(place.record) ? 'edit own text' : 'edit text';
    if (action === null) return null;
    // Asked "anywhere": the dimensions the update touches are asked about in checkLocks.
    const verdict = mayWrite(this.writer.role, this.rules, action, null);
    return verdict.ok ? null : verdict.problem;
  }

  private ask(action: BoardAction, dimension: string | null): void {
    const verdict = mayWrite(this.writer.role, this.rules, action, dimension);
    if (!verdict.ok) refuse(verdict.reason, verdict.problem);
  }

  private owns(record: Y.Item): boolean {
    if (!(record.content instanceof Y.ContentType)) return false;
    const authorId = (record.content.type as Y.Map<unknown>).get('authorId');
    return this.writer.personId !== null && authorId === this.writer.personId;
  }

  /** A new note names its writer as its author and has no source (sources are the server's). */
  private checkAuthor(note: NewNote): void {
    if (note.sources.some((source) => source !== null)) refuse('only the server gives a note a source');
    if (note.authorIds.length === 0) refuse('a new note needs its author');
    const { personId } = this.writer;
    // [G4] A socket without a seat speaks for nobody: whatever author it named, the board would
    // show that name and cluster as someone's, so it writes no notes at all.
    if (personId === null) refuseWith({ code: 'sync.joinFirst' });
    for (const authorId of note.authorIds) if (authorId !== personId) refuseWith({ code: 'sync.ownName' });
  }

  private touch(place: Place): void {
    this.touched.set(`${place.root}\u0000${place.key ?? ''}`, place);
  }

  /**
   * Every dimension the update touches, asked of the write rule as an edit: whatever the change
   * (add, move, delete, link), a locked dimension refuses it, so the action does not change the
   * answer here (what the action does decide was asked with no dimension).
   */
  private checkLocks(): void {
    // Nothing is locked: no dimension can refuse, and the walk below is skipped.
    if (this.rules.lock.dimensions.length === 0) return;
    const asked = new Set<string>();
    const askAbout = (dimension: string) => {
      if (asked.has(dimension)) return;
      asked.add(dimension);
      this.ask('edit', dimension);
    };
    const notes = notesMap(this.doc);
    const extra: { root: string; key: string }[] = [];
    for (const value of this.strings) {
      // A dimension id written anywhere is a move or a new record in that dimension; a note id is
      // a new link to that note.
      askAbout(value);
      if (notes.has(value)) extra.push({ root: 'notes', key: value });
    }
    for (const { root, key } of [...this.touched.values(), ...extra]) {
      if (key === null) continue;
      for (const dimension of rawDimensions(this.doc, root, key)) askAbout(dimension);
    }
  }
}

/** A record's dimension as stored, whatever else the record holds. */
function rawDimension(record: unknown): string | null {
  if (!(record instanceof Y.Map)) return null;
  const dimension: unknown = record.get('dimension');
  if (typeof dimension === 'string') return dimension;
  return dimension instanceof Y.Text ? dimension.toString() : null;
}

/** The dimensions a record sits in now: a note's or theme's own, a link's two notes'. */
function rawDimensions(doc: Y.Doc, root: string, key: string): string[] {
  const record: unknown = doc.getMap(root).get(key);
  if (root === 'notes' || root === 'themes') {
    const dimension = rawDimension(record);
    return dimension === null ? [] : [dimension];
  }
  if (root === 'meToo' && record instanceof Y.Map) {
    const noteId: unknown = record.get('noteId');
    const dimension = typeof noteId === 'string' ? rawDimension(notesMap(doc).get(noteId)) : null;
    return dimension === null ? [] : [dimension];
  }
  if (root !== 'links' || !(record instanceof Y.Map)) return [];
  return ['needId', 'practiceId'].flatMap((end) => {
    const noteId: unknown = record.get(end);
    const dimension = typeof noteId === 'string' ? rawDimension(notesMap(doc).get(noteId)) : null;
    return dimension === null ? [] : [dimension];
  });
}
