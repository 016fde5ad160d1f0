/**
 * The board as versioned JSON (docs/export-schema.md): re-importable into a new board whose view
 * equals the original's. An import is checked against the same bounds as every other way in
 * [E4]; parsing reports the first problem with its path (`notes[3].createdAt: ...`), for a person
 * to fix.
 */
import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { formatCount } from '../model/limits';
import { PROFILES_MAX, type ReportSource } from '../model/reportContent';
import { CLUSTER_PROFILE_MAX, isIsoDay, REPORT_SETTINGS_MAX, SOURCE_KINDS, SOURCE_LABEL_MAX } from '../model/schema';
import { COLOURS, DIMENSION_IDS, KIND_IDS, parseClusterRef } from '../model/vocabulary';
import type { BoardView } from '../view/boardView';
import {
  AUTHOR_NAME_MAX,
  BOARD_TITLE_MAX,
  CLUSTER_REF_MAX,
  isKeepableUnknownField,
  LINK_ID_MAX,
  LINKS_MAX,
  NOTE_TEXT_MAX,
  NOTES_MAX,
  ORDER_KEY_MAX,
  RECORD_ID_MAX,
  TEMPLATE_ID_MAX,
  THEME_STATEMENT_MAX,
  THEME_TITLE_MAX,
  THEMES_MAX,
  TIME_AHEAD_MAX_MS,
  UNKNOWN_FIELD_DEPTH_MAX,
  UNKNOWN_FIELD_JSON_MAX,
  UNKNOWN_FIELDS_MAX,
  VOTES_PER_NOTE_MAX,
} from './bounds';
import { type Engagement, engagement, type Participant } from './engagement';
import { REPORT_TEXT_MAX } from './textBlocks';

export const EXPORT_FORMAT = 'clusterboard.board';
export const EXPORT_VERSION = 1;
const DATE_MAX_MS = 8.64e15;

const text = (max: number) => z.string({ error: 'must be text.' }).max(max, `must be at most ${max} characters.`);
const id = z
  .string({ error: 'must be an id (text).' })
  .min(1, 'must not be empty.')
  .max(RECORD_ID_MAX, `must be at most ${RECORD_ID_MAX} characters.`);
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of: ${values.join(', ')}.` });

/** Milliseconds since 1970, no later than 24 hours after `now` (the importing server's clock). */
function time(now: number) {
  // A caller that trusts the times (the server judged them) passes Infinity; dates end at 8.64e15.
  const latest = Math.min(now + TIME_AHEAD_MAX_MS, DATE_MAX_MS);
  return z
    .number({ error: 'must be a time in milliseconds since 1970 (a number).' })
    .min(0, 'must be a time in milliseconds since 1970, not before it.')
    .max(
      latest,
      latest === DATE_MAX_MS
        ? 'must be a time a date can hold.'
        : `must be a time no later than ${new Date(latest).toISOString()} (24 hours from now).`,
    );
}

/**
 * Fields this version does not know are kept (a newer Clusterboard's data survives), but only as
 * small plain JSON under a plain name, and at most 16 per record.
 */
function knownAnd<S extends z.ZodRawShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).superRefine((record, ctx) => {
    let unknown = 0;
    for (const [name, value] of Object.entries(record)) {
      if (known.has(name)) continue;
      unknown++;
      if (unknown > UNKNOWN_FIELDS_MAX) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is one field too many: a record keeps at most ${UNKNOWN_FIELDS_MAX} fields this version does not know.`,
        });
        return;
      }
      if (!isKeepableUnknownField(name, value)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is not a field Clusterboard knows, and only small plain values (at most ${UNKNOWN_FIELD_DEPTH_MAX} levels deep and ${UNKNOWN_FIELD_JSON_MAX} characters) under plain names are kept.`,
        });
        return;
      }
    }
  });
}

function recordSchemas(now: number) {
  const note = knownAnd({
    id,
    text: text(NOTE_TEXT_MAX),
    dimension: choice(DIMENSION_IDS),
    kind: choice(KIND_IDS),
    themeId: id.nullable(),
    order: text(ORDER_KEY_MAX),
    colour: choice(COLOURS).nullable(),
    authorId: text(RECORD_ID_MAX),
    authorName: text(AUTHOR_NAME_MAX),
    cluster: text(CLUSTER_REF_MAX).nullable(),
    createdAt: time(now),
    updatedAt: time(now),
    carriedFrom: z
      .object(
        { boardId: text(RECORD_ID_MAX), boardTitle: text(BOARD_TITLE_MAX), noteId: text(RECORD_ID_MAX) },
        { error: 'must be { boardId, boardTitle, noteId } or null.' },
      )
      .nullable(),
    source: z
      .object({ kind: choice(SOURCE_KINDS), label: text(SOURCE_LABEL_MAX) }, { error: 'must be { kind, label } or null.' })
      .nullable()
      .default(null),
  });
  const theme = knownAnd({
    id,
    title: text(THEME_TITLE_MAX),
    statement: text(THEME_STATEMENT_MAX),
    dimension: choice(DIMENSION_IDS),
    kind: choice(KIND_IDS),
    order: text(ORDER_KEY_MAX),
    createdAt: time(now),
  });
  const linkId = z
    .string({ error: 'must be an id (text).' })
    .min(1, 'must not be empty.')
    .max(LINK_ID_MAX, `must be at most ${LINK_ID_MAX} characters.`);
  const link = knownAnd({ id: linkId, needId: id, practiceId: id, createdBy: text(RECORD_ID_MAX), createdAt: time(now) });
  return { note, theme, link };
}

/** [RC6] What the facilitator wrote for the report; texts as typed (lines, textBlocks.ts). */
function reportSchema() {
  const max = REPORT_SETTINGS_MAX;
  const settings = z.object(
    {
      title: text(max.title),
      deliverable: text(max.deliverable),
      version: text(max.version),
      date: text(max.date).refine((value) => value === '' || isIsoDay(value), 'must be a day as YYYY-MM-DD, or "".'),
      dissemination: text(max.dissemination),
      type: text(max.type),
      funding: text(max.funding),
      editor: text(max.editor),
    },
    { error: `must be { ${Object.keys(max).join(', ')} }.` },
  );
  const profile = z.object(
    {
      cluster: z
        .string({ error: 'must be a cluster (text).' })
        .refine((value) => parseClusterRef(value) === value, 'must be a partner cluster\'s id or "other:<name>".'),
      fullName: text(CLUSTER_PROFILE_MAX.fullName),
      location: text(CLUSTER_PROFILE_MAX.location),
      membership: text(CLUSTER_PROFILE_MAX.membership),
      technologyFocus: text(CLUSTER_PROFILE_MAX.technologyFocus),
      created: text(CLUSTER_PROFILE_MAX.created),
    },
    { error: `must be { cluster, ${Object.keys(CLUSTER_PROFILE_MAX).join(', ')} }.` },
  );
  return z
    .object(
      {
        settings,
        profiles: z.array(profile, { error: 'must be a list.' }).max(PROFILES_MAX, `must hold at most ${PROFILES_MAX} profiles.`),
        introduction: text(REPORT_TEXT_MAX),
        conclusion: text(REPORT_TEXT_MAX),
      },
      { error: 'must be { settings, profiles, introduction, conclusion }.' },
    )
    .superRefine((report, ctx) => {
      const seen = new Set<string>();
      report.profiles.forEach((profile, index) => {
        if (seen.has(profile.cluster))
          ctx.addIssue({ code: 'custom', path: ['profiles', index, 'cluster'], message: `"${profile.cluster}" has an earlier profile too.` });
        seen.add(profile.cluster);
      });
    });
}

const list = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item, { error: 'must be a list.' }).max(max, `must hold at most ${formatCount(max)} records.`);

/** The schema of an export as this server accepts it now (times are judged by `now`). */
export function boardExportSchema(now: number) {
  const { note, theme, link } = recordSchemas(now);
  return z
    .object(
      {
        format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}".` }),
        version: z.literal(EXPORT_VERSION, { error: `must be ${EXPORT_VERSION}; this file is from another version of Clusterboard.` }),
        exportedAt: text(40),
        board: z.object(
          {
            title: text(BOARD_TITLE_MAX).trim().min(1, 'must not be empty.'),
            template: text(TEMPLATE_ID_MAX).nullable(),
            createdAt: time(now),
            /** [LG3] The board's language; absent in older files. */
            language: z
              .enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}, or null.` })
              .nullable()
              .optional(),
          },
          { error: 'must be { title, template, createdAt, language }.' },
        ),
        notes: list(note, NOTES_MAX),
        themes: list(theme, THEMES_MAX),
        links: list(link, LINKS_MAX),
        /** [RC6] The report's cover, cluster profiles, introduction and conclusion. Absent in older files. */
        report: reportSchema().optional(),
        /** Published votes per note id, summed over the board's voting rounds. Absent in older files. */
        votes: z
          .record(
            id,
            z
              .number({ error: 'must be a number of votes.' })
              .int('must be a whole number of votes.')
              .min(0, 'must not be negative.')
              .max(VOTES_PER_NOTE_MAX, `must be at most ${VOTES_PER_NOTE_MAX}.`),
            {
              error: 'must be an object of note ids to vote counts.',
            },
          )
          .optional(),
        /**
         * [SU3] "Me too" voices per note id, for reading: like votes, they are the original board's
         * people's, and an import starts with none. Absent in older files.
         */
        meToo: z
          .record(id, z.number({ error: 'must be a number of voices.' }).int('must be a whole number of voices.').min(0, 'must not be negative.'), {
            error: 'must be an object of note ids to counts of voices.',
          })
          .optional(),
      },
      { error: 'This is not a Clusterboard board export (a JSON object).' },
    )
    .superRefine((file, ctx) => {
      // A record id used twice would silently keep only the last record: refuse the file instead.
      for (const [name, records] of [
        ['notes', file.notes],
        ['themes', file.themes],
        ['links', file.links],
      ] as const) {
        const seen = new Set<string>();
        records.forEach((record, index) => {
          if (seen.has(record.id))
            ctx.addIssue({ code: 'custom', path: [name, index, 'id'], message: `"${record.id}" is the id of an earlier record too.` });
          seen.add(record.id);
        });
      }
      if (file.votes && Object.keys(file.votes).length > NOTES_MAX)
        ctx.addIssue({ code: 'custom', path: ['votes'], message: `must hold at most ${NOTES_MAX} notes.` });
      if (file.meToo && Object.keys(file.meToo).length > NOTES_MAX)
        ctx.addIssue({ code: 'custom', path: ['meToo'], message: `must hold at most ${NOTES_MAX} notes.` });
    });
}
export type BoardExport = z.infer<ReturnType<typeof boardExportSchema>>;
type ExportedNote = BoardExport['notes'][number];

/** Strips what the view adds to a note record (derived fields), keeping unknown stored fields. */
function storedNote(note: BoardView['notesById'] extends ReadonlyMap<string, infer N> ? N : never): ExportedNote {
  // `meToo` (SU3) is derived from the board's own records, not the note's: not a stored field.
  const { clusterLabel, linkedIds, byline, colourPicked, colour, meToo, ...record } = note;
  // [NA3] Only a colour picked by hand is stored: the view's kind colour would come back as picked.
  return { ...record, colour: colourPicked ? colour : null };
}

/**
 * The board as a file. Pass a view read through `exportView` (shared/report/bounds.ts), whose
 * values are within the import's bounds, so the file always imports again [E6].
 * `engagement` [AT3] is the figures every report shows, for reading only: an import ignores it
 * (the board's records are the truth, and the people who joined stay with the original board).
 * `report` [RC6] is what the facilitator wrote for the report (`readReportSource(doc)`, bounded
 * by the reader); without it the file has no `report` and an import starts with none.
 */
export function exportJson(
  view: BoardView,
  exportedAt: Date,
  votes: ReadonlyMap<string, number> = new Map(),
  people: readonly Participant[] = [],
  report?: ReportSource,
): BoardExport & { engagement: Engagement } {
  const published: Record<string, number> = {};
  for (const [noteId, count] of votes)
    if (count > 0 && view.notesById.has(noteId)) published[noteId] = Math.min(Math.floor(count), VOTES_PER_NOTE_MAX);
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    board: { title: view.meta.title, template: view.meta.template, createdAt: view.meta.createdAt, language: view.meta.language },
    notes: [...view.notesById.values()].map(storedNote),
    themes: view.dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes.map(({ notes, ...theme }) => theme))),
    links: view.links,
    votes: published,
    meToo: Object.fromEntries([...view.notesById.values()].filter((n) => n.meToo.length > 0).map((n) => [n.id, n.meToo.length])),
    ...(report ? { report } : {}),
    engagement: engagement({ view, people, votes, now: exportedAt.getTime() }),
  };
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

/** `notes[3].createdAt`: the path a person finds the field by. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${String(part)}`)).join('');
}

/**
 * The file as a board export, or an ImportError naming the first wrong field [E4]. Times are
 * judged by `now` (the server's clock when importing).
 */
export function parseBoardExport(value: unknown, now: number = Date.now()): BoardExport {
  const result = boardExportSchema(now).safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue || issue.path.length === 0) throw new ImportError(issue?.message ?? 'This is not a Clusterboard board export.');
  throw new ImportError(`${fieldPath(issue.path)}: ${issue.message}`);
}
