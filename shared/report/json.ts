/**
 * The board as versioned JSON (docs/export-schema.md): re-importable into a new board whose view
 * equals the original's. Parsing reports the first problem with its path, for a person to fix.
 */
import { z } from 'zod';
import { linkRecord, noteRecord, themeRecord, BOARD_TITLE_MAX, NOTE_TEXT_MAX } from '../model/schema';
import type { BoardView } from '../view/boardView';
import { engagement, type Engagement, type Participant } from './engagement';

export const EXPORT_FORMAT = 'clusterboard.board';
export const EXPORT_VERSION = 1;

const exportedNote = noteRecord.extend({ text: z.string().max(NOTE_TEXT_MAX) });

export const boardExport = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `"format" must be "${EXPORT_FORMAT}".` }),
  version: z.literal(EXPORT_VERSION, { error: `"version" must be ${EXPORT_VERSION}; this file is from another version of Clusterboard.` }),
  exportedAt: z.string(),
  board: z.object({ title: z.string().trim().min(1).max(BOARD_TITLE_MAX), template: z.string().nullable(), createdAt: z.number().finite() }),
  notes: z.array(exportedNote).max(50_000),
  themes: z.array(themeRecord).max(10_000),
  links: z.array(linkRecord).max(50_000),
  /** Published votes per note id, summed over the board's voting rounds. Absent in older files. */
  votes: z.record(z.string(), z.number().int().min(0)).optional(),
});
export type BoardExport = z.infer<typeof boardExport>;

/** Strips what the view adds to a note record (derived fields), keeping unknown stored fields. */
function storedNote(note: BoardView['notesById'] extends ReadonlyMap<string, infer N> ? N : never): z.infer<typeof exportedNote> {
  const { clusterLabel, linkedIds, byline, ...record } = note;
  return record;
}

/**
 * `engagement` [AT3] is the figures every report shows, for reading only: an import ignores it
 * (the board's records are the truth, and the people who joined stay with the original board).
 */
export function exportJson(
  view: BoardView,
  exportedAt: Date,
  votes: ReadonlyMap<string, number> = new Map(),
  people: readonly Participant[] = [],
): BoardExport & { engagement: Engagement } {
  const published: Record<string, number> = {};
  for (const [noteId, count] of votes) if (count > 0 && view.notesById.has(noteId)) published[noteId] = count;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    board: { title: view.meta.title, template: view.meta.template, createdAt: view.meta.createdAt },
    notes: [...view.notesById.values()].map(storedNote),
    themes: view.dimensions.flatMap((d) => d.cells.flatMap((c) => c.themes.map(({ notes, ...theme }) => theme))),
    links: view.links,
    votes: published,
    engagement: engagement({ view, people, votes, now: exportedAt.getTime() }),
  };
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
}

export function parseBoardExport(value: unknown): BoardExport {
  const result = boardExport.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new ImportError(`${where}${issue?.message ?? 'This is not a Clusterboard board export.'}`);
}
