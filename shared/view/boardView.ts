/**
 * boardView(doc): the one pure derivation of a board that the UI and every export read.
 *
 * It must tolerate any state concurrent edits can produce:
 *  - a note whose theme was dissolved (or sits in another cell) shows ungrouped, never vanishes;
 *  - a link whose need or practice was deleted is hidden;
 *  - records that fail validation are skipped and counted in `invalid`, never thrown.
 * Every valid note appears exactly once, in its own dimension x kind cell.
 *
 * [AT2] Attribution is resolved here, in one place: a note whose author id names a person of this
 * board shows that person's CURRENT name and cluster (so renaming updates everywhere, and what a
 * client wrote into the note's copies is never what is shown); a sourced note shows its source.
 */
import type * as Y from 'yjs';
import type { z } from 'zod';
import { dismissalsMap, linksMap, metaMap, meTooMap, notesMap, plainRecord, readRecord, themesMap } from '../model/doc';
import { byOrder } from '../model/order';
import {
  type DismissalRecord,
  dismissalRecord,
  type LinkRecord,
  linkRecord,
  type MetaRecord,
  metaRecord,
  type MeTooRecord,
  meTooRecord,
  type NoteRecord,
  noteRecord,
  type ThemeRecord,
  themeRecord,
} from '../model/schema';
import {
  type AttributionWords,
  clusterLabel,
  type Colour,
  defaultColour,
  type DimensionId,
  DIMENSIONS,
  ENGLISH_ATTRIBUTION,
  type KindId,
  KINDS,
} from '../model/vocabulary';

/** A board's people: person id -> current name and cluster (the control document's, or storage's). */
export type BoardPeople = ReadonlyMap<string, { readonly name: string; readonly cluster: string | null }>;

export interface NoteView extends NoteRecord {
  /** The colour shown: the one picked by hand, or the kind's. */
  colour: Colour;
  /** Whether someone picked the colour by hand (it then stays when the note changes kind). */
  colourPicked: boolean;
  clusterLabel: string;
  /** Who a person reads as the note's author: the person's name, or the note's source. */
  byline: string;
  /** Ids of notes linked to this one (practices for a need, needs for a practice). */
  linkedIds: string[];
  /**
   * [SU3] The people who said "me too" to this note, as person ids in id order (each once; the
   * author's own is never counted). `meToo.length` is the note's count, for the board and reports.
   */
  meToo: string[];
}

export interface ThemeView extends ThemeRecord {
  notes: NoteView[];
}

export interface CellView {
  dimension: DimensionId;
  kind: KindId;
  themes: ThemeView[];
  /** Notes in no theme, or whose theme is gone. */
  ungrouped: NoteView[];
  noteCount: number;
}

export interface DimensionView {
  id: DimensionId;
  label: string;
  hint: string;
  cells: CellView[];
}

export interface BoardView {
  meta: MetaRecord;
  dimensions: DimensionView[];
  links: LinkRecord[];
  /** [SU6] Keys (dismissalId) of the proposals a facilitator dismissed for this board. */
  dismissed: ReadonlySet<string>;
  notesById: ReadonlyMap<string, NoteView>;
  noteCount: number;
  invalid: { notes: number; themes: number; links: number };
}

const NO_LINKS: string[] = [];

function cellKey(dimension: string, kind: string): string {
  return `${dimension}/${kind}`;
}

function readAll<S extends z.ZodType>(map: Y.Map<unknown>, schema: S): { valid: z.infer<S>[]; invalid: number } {
  const valid: z.infer<S>[] = [];
  let invalid = 0;
  map.forEach((_value, key) => {
    const record = readRecord(schema, map, key);
    if (record === null) invalid++;
    else valid.push(record);
  });
  return { valid, invalid };
}

/** A theme shown on the board, by id. */
export function findTheme(view: BoardView, themeId: string): ThemeView | undefined {
  for (const dimension of view.dimensions) {
    for (const cell of dimension.cells) {
      const theme = cell.themes.find((t) => t.id === themeId);
      if (theme) return theme;
    }
  }
  return undefined;
}

/** The board's meta alone, with defaults for anything missing. */
export function readMeta(doc: Y.Doc): MetaRecord {
  return metaRecord.parse(plainRecord(metaMap(doc)) ?? {});
}

export interface BoardRecords {
  meta: MetaRecord;
  notes: { valid: NoteRecord[]; invalid: number };
  themes: { valid: ThemeRecord[]; invalid: number };
  links: { valid: LinkRecord[]; invalid: number };
  /** Absent where a reader builds records without them (an export's bounded copy): none then. */
  meToo?: { valid: MeTooRecord[]; invalid: number };
  dismissals?: { valid: DismissalRecord[]; invalid: number };
}

export function readBoardRecords(doc: Y.Doc, options: { notes: boolean } = { notes: true }): BoardRecords {
  return {
    meta: readMeta(doc),
    notes: options.notes ? readAll(notesMap(doc), noteRecord) : { valid: [], invalid: 0 },
    themes: readAll(themesMap(doc), themeRecord),
    links: readAll(linksMap(doc), linkRecord),
    meToo: readAll(meTooMap(doc), meTooRecord),
    dismissals: readAll(dismissalsMap(doc), dismissalRecord),
  };
}

/** `people`: the board's people; without them the copies stored on each note are shown. */
export function boardView(doc: Y.Doc, people?: BoardPeople, words?: AttributionWords): BoardView {
  return deriveBoardView(readBoardRecords(doc), undefined, undefined, people, words);
}

/** [AT2, AT5] A note's shown author, cluster and byline. */
function attribution(
  note: NoteRecord,
  people: BoardPeople | undefined,
  words: AttributionWords,
): Pick<NoteView, 'authorName' | 'cluster' | 'clusterLabel' | 'byline'> {
  if (note.source) {
    const name = note.authorName.trim();
    // The template's notes carry the source as their author; carried notes keep who wrote them.
    const byline =
      name === '' || name === note.source.label ? note.source.label : note.source.kind === 'carried' ? name : `${name} (${note.source.label})`;
    // Only the report's own text (the template, and what a previous workshop carried over from it)
    // speaks for the whole consortium; an imported or API note without a cluster has none [AT5].
    const consortium = note.cluster === null && (note.source.kind === 'template' || note.source.kind === 'carried');
    return {
      authorName: note.authorName,
      cluster: note.cluster,
      clusterLabel: consortium ? words.consortium : clusterLabel(note.cluster, words),
      byline,
    };
  }
  if (!people)
    return {
      authorName: note.authorName,
      cluster: note.cluster,
      clusterLabel: clusterLabel(note.cluster, words),
      byline: note.authorName.trim() || words.unknownAuthor,
    };
  const person = note.authorId === '' ? undefined : people.get(note.authorId);
  if (person)
    return {
      authorName: person.name,
      cluster: person.cluster,
      clusterLabel: clusterLabel(person.cluster, words),
      byline: person.name.trim() || words.unknownAuthor,
    };
  // [AT7] Nobody of this board vouches for this author: a person since removed, or a note written
  // before seats bound authors. The stored name stays as a hint, marked; the cluster it claims is
  // not shown, nor counted (engagement counts only people), so nobody can speak for a cluster.
  const name = note.authorName.trim();
  return { authorName: note.authorName, cluster: null, clusterLabel: words.noCluster, byline: name ? words.notOnBoard(name) : words.unknownPerson };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function sameAttribution(view: NoteView, shown: ReturnType<typeof attribution>): boolean {
  return (
    view.authorName === shown.authorName && view.cluster === shown.cluster && view.clusterLabel === shown.clusterLabel && view.byline === shown.byline
  );
}

/**
 * [SU3] Each note's "me too" person ids, sorted. A record counts only under its own key (a record
 * filed under another note's or person's key would let one voice count twice), and never the
 * note's author (nobody agrees with themselves).
 */
function meTooVoices(records: readonly MeTooRecord[], notes: readonly NoteRecord[]): Map<string, string[]> {
  const authors = new Map(notes.map((n) => [n.id, n.authorId]));
  const voices = new Map<string, string[]>();
  for (const record of records) {
    if (record.id !== `${record.noteId}>${record.personId}`) continue;
    const author = authors.get(record.noteId);
    if (author === undefined || author === record.personId) continue;
    const list = voices.get(record.noteId) ?? [];
    list.push(record.personId);
    voices.set(record.noteId, list);
  }
  for (const list of voices.values()) list.sort();
  return voices;
}

/** The people each derived view was resolved with (NO_PEOPLE for none), to tell when they changed. */
const resolvedWith = new WeakMap<BoardView, BoardPeople>();
/** The words each view's attributions were made in. */
const wordsOf = new WeakMap<BoardView, AttributionWords>();
const NO_PEOPLE: BoardPeople = new Map();

/**
 * The derivation proper, from validated records. `previous` (the last view, when records are
 * cached between calls) lets an unchanged note keep its NoteView object, so memoised components
 * skip it: a remote edit of one note re-renders one card, not five thousand. When `previous` was
 * resolved with other `people` (someone joined, left or renamed), a note keeps its object only if
 * it still reads the same: a person joining re-renders no card, a rename only that person's notes.
 */
export function deriveBoardView(
  records: BoardRecords,
  previous?: BoardView,
  sourceOf?: (view: NoteView) => NoteRecord | undefined,
  people?: BoardPeople,
  words: AttributionWords = ENGLISH_ATTRIBUTION,
): BoardView {
  const { meta, notes, themes, links, meToo, dismissals } = records;

  const noteIds = new Set(notes.valid.map((n) => n.id));
  const liveLinks = links.valid
    .filter((l) => noteIds.has(l.needId) && noteIds.has(l.practiceId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const linked = new Map<string, string[]>();
  for (const link of liveLinks) {
    linked.set(link.needId, [...(linked.get(link.needId) ?? []), link.practiceId]);
    linked.set(link.practiceId, [...(linked.get(link.practiceId) ?? []), link.needId]);
  }

  const voices = meTooVoices(meToo?.valid ?? [], notes.valid);

  const cells = new Map<string, CellView>();
  for (const dimension of DIMENSIONS) {
    for (const kind of KINDS) {
      cells.set(cellKey(dimension.id, kind.id), {
        dimension: dimension.id,
        kind: kind.id,
        themes: [],
        ungrouped: [],
        noteCount: 0,
      });
    }
  }

  const themesById = new Map<string, ThemeView>();
  for (const theme of [...themes.valid].sort(byOrder)) {
    const view: ThemeView = { ...theme, notes: [] };
    themesById.set(theme.id, view);
    cells.get(cellKey(theme.dimension, theme.kind))?.themes.push(view);
  }

  // A rename, a join or another language: every note's attribution is made again.
  const peopleChanged = previous !== undefined && (resolvedWith.get(previous) !== (people ?? NO_PEOPLE) || wordsOf.get(previous) !== words);
  const notesById = new Map<string, NoteView>();
  for (const note of [...notes.valid].sort(byOrder)) {
    const linkedIds = linked.get(note.id) ?? NO_LINKS;
    const noteVoices = voices.get(note.id) ?? NO_LINKS;
    const before = previous?.notesById.get(note.id);
    const shown = peopleChanged || !before ? attribution(note, people, words) : null;
    const view: NoteView =
      before &&
      sourceOf?.(before) === note &&
      sameIds(before.linkedIds, linkedIds) &&
      sameIds(before.meToo, noteVoices) &&
      (shown === null || sameAttribution(before, shown))
        ? before
        : {
            ...note,
            colour: note.colour ?? defaultColour(note.kind),
            colourPicked: note.colour !== null,
            ...(shown ?? attribution(note, people, words)),
            linkedIds,
            meToo: noteVoices,
          };
    notesById.set(note.id, view);
    const cell = cells.get(cellKey(note.dimension, note.kind));
    if (!cell) continue;
    cell.noteCount++;
    const theme = note.themeId === null ? undefined : themesById.get(note.themeId);
    if (theme && theme.dimension === note.dimension && theme.kind === note.kind) theme.notes.push(view);
    else cell.ungrouped.push(view);
  }

  const view: BoardView = {
    meta,
    dimensions: DIMENSIONS.map((d) => ({
      id: d.id,
      label: d.label,
      hint: d.hint,
      cells: KINDS.map((k) => cells.get(cellKey(d.id, k.id))).filter((c): c is CellView => c !== undefined),
    })),
    links: liveLinks,
    dismissed: new Set((dismissals?.valid ?? []).map((d) => d.id)),
    notesById,
    noteCount: notesById.size,
    invalid: { notes: notes.invalid, themes: themes.invalid, links: links.invalid },
  };
  resolvedWith.set(view, people ?? NO_PEOPLE);
  wordsOf.set(view, words);
  return view;
}
