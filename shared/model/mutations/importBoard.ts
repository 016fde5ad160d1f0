import * as Y from 'yjs';
import type { Locale } from '../../i18n/locales';
import { linksMap, metaMap, newRecordMap, notesMap, themesMap } from '../doc';
import { MutationError } from '../errors';
import { isAcceptedTime } from '../limits';
import type { ServerOrigin } from '../origin';
import {
  BOARD_TITLE_MAX,
  type LinkRecord,
  NOTE_TEXT_MAX,
  type NoteRecord,
  sourceLabel,
  THEME_STATEMENT_MAX,
  THEME_TITLE_MAX,
  type ThemeRecord,
} from '../schema';
import { initBoard } from './meta';
import { type ReportSourceInput, writeReportSource } from './report';

export interface ImportedRecords {
  title: string;
  template: string | null;
  /** When the original board was created. */
  createdAt: number;
  /** [LG3] The original board's language, if it had one. */
  language?: Locale | null | undefined;
  notes: readonly NoteRecord[];
  themes: readonly ThemeRecord[];
  links: readonly LinkRecord[];
  /** [RC6] What the facilitator wrote for the report; absent in older files. */
  report?: ReportSourceInput | undefined;
}

/**
 * The first value out of the schema's bounds, as `notes[3].createdAt: ...`, or null. The file was
 * validated in full when it was parsed (shared/report/json.ts, SPEC E4); this is the mutation's
 * own guard on what can hurt every later reader of the board: texts past their maxima and times
 * that are not finite or lie outside [0, now + 24 h].
 */
function outOfBounds(records: ImportedRecords, now: number): string | null {
  const time = (value: number) => isAcceptedTime(value, now);
  if (records.title.length > BOARD_TITLE_MAX) return `title: at most ${BOARD_TITLE_MAX} characters.`;
  if (!time(records.createdAt)) return 'createdAt: not a time between 1970 and 24 hours from now.';
  for (const [i, note] of records.notes.entries()) {
    if (note.text.length > NOTE_TEXT_MAX) return `notes[${i}].text: at most ${NOTE_TEXT_MAX} characters.`;
    if (!time(note.createdAt)) return `notes[${i}].createdAt: not a time between 1970 and 24 hours from now.`;
    if (!time(note.updatedAt)) return `notes[${i}].updatedAt: not a time between 1970 and 24 hours from now.`;
  }
  for (const [i, theme] of records.themes.entries()) {
    if (theme.title.length > THEME_TITLE_MAX) return `themes[${i}].title: at most ${THEME_TITLE_MAX} characters.`;
    if (theme.statement.length > THEME_STATEMENT_MAX) return `themes[${i}].statement: at most ${THEME_STATEMENT_MAX} characters.`;
    if (!time(theme.createdAt)) return `themes[${i}].createdAt: not a time between 1970 and 24 hours from now.`;
  }
  for (const [i, link] of records.links.entries()) {
    if (!time(link.createdAt)) return `links[${i}].createdAt: not a time between 1970 and 24 hours from now.`;
  }
  return null;
}

/**
 * Fills a new, empty board with records exactly as exported: ids, order keys, authors, times and
 * fields this version does not know, so the new board's view equals the exported one.
 */
export function importRecords(doc: Y.Doc, records: ImportedRecords, origin: ServerOrigin): void {
  if (notesMap(doc).size > 0 || themesMap(doc).size > 0) throw new MutationError('import.notEmpty');
  const problem = outOfBounds(records, Date.now());
  if (problem) throw new MutationError('import.outOfBounds', { detail: problem });
  doc.transact(() => {
    initBoard(doc, { title: records.title, template: records.template }, origin);
    metaMap(doc).set('createdAt', records.createdAt);
    if (records.language) metaMap(doc).set('language', records.language);
    for (const theme of records.themes) themesMap(doc).set(theme.id, newRecordMap({ ...theme }));
    for (const note of records.notes) {
      const text = new Y.Text();
      text.insert(0, note.text);
      notesMap(doc).set(note.id, newRecordMap({ ...note, text }));
    }
    for (const link of records.links) linksMap(doc).set(link.id, newRecordMap({ ...link }));
    if (records.report) writeReportSource(doc, records.report, origin);
  }, origin);
}

/**
 * [AT1] Notes of another board, brought in by an import: no person of the new board wrote them, so
 * each has no author id and a source (one that already had a source keeps it). Names and clusters
 * stay as the export showed them.
 */
export function asImported(notes: readonly NoteRecord[], fromTitle: string): NoteRecord[] {
  const source = { kind: 'import', label: sourceLabel(`Imported from “${fromTitle}”`) } as const;
  return notes.map((note) => ({ ...note, authorId: '', source: note.source ?? source }));
}
