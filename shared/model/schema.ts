/**
 * The board schema: each record type's runtime validator, TS type and defaults, together.
 *
 * Records are read leniently. A concurrent edit may leave any field in any state, so every field
 * that can be defaulted is defaulted (`catch`) rather than rejected; only a record that cannot be
 * placed on the board at all (no id, dimension or kind) is invalid. `looseObject` keeps fields this
 * version does not know, so a newer client's data survives an older one (forward compatibility).
 *
 * Inputs to mutations are validated strictly instead: that is where a person gets a clear error.
 */
import { z } from 'zod';
import { coded } from '../errors';
import { LOCALES } from '../i18n/locales';
import type { ClusterProfile, ReportSettings } from '../report/content';
import { REPORT_TEXT_MAX } from '../report/textBlocks';
import { CLUSTERS, COLOURS, DIMENSION_IDS, KIND_IDS, parseClusterRef } from './vocabulary';

export const SCHEMA_VERSION = 3;

export const NOTE_TEXT_MAX = 2000;
export const THEME_TITLE_MAX = 120;
export const THEME_STATEMENT_MAX = 1000;
export const BOARD_TITLE_MAX = 200;
export const PERSON_NAME_MAX = 60;
export const SOURCE_LABEL_MAX = 200;

const text = z.string().catch('');
const timestamp = z.number().finite().catch(0);

export const carriedFrom = z.object({
  boardId: z.string(),
  boardTitle: z.string(),
  noteId: z.string(),
});
export type CarriedFrom = z.infer<typeof carriedFrom>;

/**
 * Where a note that no participant wrote on this board came from: the template's report, an
 * import, the REST API, a previous workshop. [AT1] Such a note has `authorId: ''` and is never
 * counted as anyone's contribution; the label is shown in place of an author.
 */
export const SOURCE_KINDS = ['template', 'import', 'api', 'carried'] as const;
export const noteSource = z.object({
  kind: z.enum(SOURCE_KINDS),
  label: z.string().trim().min(1).max(SOURCE_LABEL_MAX),
});
export type NoteSource = z.infer<typeof noteSource>;

/** A source label cut to its maximum (a board title or a person's name may be long). */
export function sourceLabel(text: string): string {
  return text.trim().slice(0, SOURCE_LABEL_MAX) || 'Unknown source';
}

export const noteRecord = z.looseObject({
  id: z.string().min(1),
  /** Stored as Y.Text so two people can type into one note; read here as its string. */
  text,
  dimension: z.enum(DIMENSION_IDS),
  kind: z.enum(KIND_IDS),
  /** A theme id, or null when ungrouped. May name a theme that no longer exists (see boardView). */
  themeId: z.string().nullable().catch(null),
  /** Fractional index; ties between peers are broken by id. */
  order: z.string().catch('a0'),
  /**
   * A colour someone picked by hand, or null: the note then shows its kind's colour, and takes the
   * new kind's colour when it moves (boardView). Since schema version 3 (`ColourFollowsKind`).
   */
  colour: z.enum(COLOURS).nullable().catch(null),
  /**
   * The person (seat's person id) who wrote the note on this board; '' for a sourced note. Names
   * and clusters are shown from that person's record, not from the copies below (boardView).
   */
  authorId: z.string().catch(''),
  /** The author's name when the note was written: shown only when no person record says better. */
  authorName: z.string().catch(''),
  /**
   * A `ClusterRef` copied from the author when written; for a sourced note, the cluster a good
   * practice belongs to, or null for notes that speak for the whole consortium (the template's).
   */
  cluster: z.string().nullable().catch(null),
  /** Null for notes people wrote on the board (absent in boards before schema version 2). */
  source: noteSource.nullable().catch(null),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Where a note carried over from a previous workshop came from; null for notes written here. */
  carriedFrom: carriedFrom.nullable().catch(null),
});
export type NoteRecord = z.infer<typeof noteRecord>;

export const themeRecord = z.looseObject({
  id: z.string().min(1),
  title: text,
  statement: text,
  dimension: z.enum(DIMENSION_IDS),
  kind: z.enum(KIND_IDS),
  order: z.string().catch('a0'),
  createdAt: timestamp,
});
export type ThemeRecord = z.infer<typeof themeRecord>;

/** A need note answered by a good-practice note, usually from another cluster. */
export const linkRecord = z.looseObject({
  id: z.string().min(1),
  needId: z.string().min(1),
  practiceId: z.string().min(1),
  createdBy: z.string().catch(''),
  createdAt: timestamp,
});
export type LinkRecord = z.infer<typeof linkRecord>;

export const metaRecord = z.looseObject({
  title: z.string().catch('Untitled board'),
  template: z.string().nullable().catch(null),
  schemaVersion: z.number().int().catch(0),
  createdAt: timestamp,
  /**
   * [LG3] The board's language, set by a facilitator: the language of its reports and of a viewer
   * link in a browser that never picked one. Null until set (reports then in English). Absent in
   * older boards, which read as null: no migration, since null is what an unset board stores too.
   */
  language: z.enum(LOCALES).nullable().catch(null),
});
export type MetaRecord = z.infer<typeof metaRecord>;

// ---- Mutation inputs (strict) ----

/** A person's name; also the HTTP API's (shared/api/contract.ts), with the same sentences. */
export const personNameInput = z
  .string({ error: coded('person.nameRequired') })
  .trim()
  .min(1, coded('person.nameRequired'))
  .max(PERSON_NAME_MAX, coded('person.nameLength', { max: PERSON_NAME_MAX }));

export const authorInput = z.object({
  /** The person's id; '' only for a note with a source. */
  id: z.string(),
  name: personNameInput,
  cluster: z.string().nullable(),
});
export type AuthorInput = z.infer<typeof authorInput>;

export const noteTextInput = z.string().max(NOTE_TEXT_MAX, coded('note.textLength', { max: NOTE_TEXT_MAX }));

export const addNoteInput = z
  .object({
    text: noteTextInput,
    dimension: z.enum(DIMENSION_IDS),
    kind: z.enum(KIND_IDS),
    themeId: z.string().nullable().optional(),
    colour: z.enum(COLOURS).optional(),
    author: authorInput,
    /** Optional fixed id, for imports and templates; random otherwise. */
    id: z.string().min(1).optional(),
    carriedFrom: carriedFrom.optional(),
    /** For notes no participant wrote here; the stored author id is then ''. */
    source: noteSource.optional(),
  })
  .refine((input) => input.source !== undefined || input.author.id !== '', {
    error: coded('note.authorOrSource'),
    path: ['author', 'id'],
  });
export type AddNoteInput = z.input<typeof addNoteInput>;

export const themeInput = z.object({
  title: z.string().trim().min(1, coded('theme.titleRequired')).max(THEME_TITLE_MAX),
  statement: z.string().max(THEME_STATEMENT_MAX).optional(),
  dimension: z.enum(DIMENSION_IDS),
  kind: z.enum(KIND_IDS),
  noteIds: z.array(z.string()).optional(),
  id: z.string().min(1).optional(),
});
export type ThemeInput = z.input<typeof themeInput>;

/** [LG3] A language the product speaks, for the board's. */
export const boardLanguageInput = z.enum(LOCALES, { error: coded('board.language', { known: LOCALES.join(', ') }) });

/** A board's title; also the HTTP API's (shared/api/contract.ts), with the same sentences (HC4). */
export const boardTitleInput = z
  .string({ error: coded('board.titleRequired') })
  .trim()
  .min(1, coded('board.titleRequired'))
  .max(BOARD_TITLE_MAX, coded('board.titleLength', { max: BOARD_TITLE_MAX }));

// ---- What the facilitator writes for the report (issue 18; shared/report/content.ts) ----

/** [RC2] The maxima of the report's cover fields: a cover line each, the funding a sentence or two. */
export const REPORT_SETTINGS_MAX = {
  title: 200,
  deliverable: 40,
  version: 40,
  /** "2026-12-02" */
  date: 10,
  dissemination: 100,
  type: 100,
  funding: 1_000,
  editor: 200,
} as const satisfies Record<keyof ReportSettings, number>;

/** [RC2] The maxima of a cluster profile's fields, each a line of the report's cluster table. */
export const CLUSTER_PROFILE_MAX = {
  fullName: 200,
  location: 300,
  membership: 200,
  technologyFocus: 500,
  created: 60,
} as const satisfies Record<Exclude<keyof ClusterProfile, 'cluster'>, number>;

export type ReportSettingName = keyof typeof REPORT_SETTINGS_MAX;
export type ClusterProfileField = keyof typeof CLUSTER_PROFILE_MAX;
export const REPORT_SETTING_NAMES = Object.keys(REPORT_SETTINGS_MAX) as ReportSettingName[];
export const CLUSTER_PROFILE_FIELDS = Object.keys(CLUSTER_PROFILE_MAX) as ClusterProfileField[];

/** A day as ISO writes it, and a real one (no 2026-02-30). */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

const reportLine = (max: number) => z.string().trim().max(max, coded('report.fieldLength', { max }));

/** Some of the cover's fields (those given are set, the rest stay); "" clears one. */
export const reportSettingsInput = z
  .strictObject({
    title: reportLine(REPORT_SETTINGS_MAX.title),
    deliverable: reportLine(REPORT_SETTINGS_MAX.deliverable),
    version: reportLine(REPORT_SETTINGS_MAX.version),
    date: z
      .string()
      .trim()
      .refine((value) => value === '' || isIsoDay(value), coded('report.date')),
    dissemination: reportLine(REPORT_SETTINGS_MAX.dissemination),
    type: reportLine(REPORT_SETTINGS_MAX.type),
    funding: reportLine(REPORT_SETTINGS_MAX.funding),
    editor: reportLine(REPORT_SETTINGS_MAX.editor),
  })
  .partial();
export type ReportSettingsInput = z.input<typeof reportSettingsInput>;

/** Some of a profile's fields; a profile that does not exist yet starts with the rest empty. */
export const clusterProfileInput = z
  .strictObject({
    fullName: reportLine(CLUSTER_PROFILE_MAX.fullName),
    location: reportLine(CLUSTER_PROFILE_MAX.location),
    membership: reportLine(CLUSTER_PROFILE_MAX.membership),
    technologyFocus: reportLine(CLUSTER_PROFILE_MAX.technologyFocus),
    created: reportLine(CLUSTER_PROFILE_MAX.created),
  })
  .partial();
export type ClusterProfileInput = z.input<typeof clusterProfileInput>;

/** A cluster a profile is about: a partner's id, or `other:` and a name. */
export const profileClusterInput = z
  .string({ error: coded('cluster.invalidNamed', { partners: CLUSTERS.map((c) => c.id).join(', ') }) })
  .refine((value) => parseClusterRef(value) === value, coded('cluster.invalidNamed', { partners: CLUSTERS.map((c) => c.id).join(', ') }));

export const reportTextInput = z.string().max(REPORT_TEXT_MAX, coded('report.textLength', { max: REPORT_TEXT_MAX }));
