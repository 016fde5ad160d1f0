import * as Y from 'yjs';
import { linksMap, metaMap, newRecordMap, notesMap, themesMap } from '../doc';
import { MutationError } from '../errors';
import type { ServerOrigin } from '../origin';
import { sourceLabel, type LinkRecord, type NoteRecord, type ThemeRecord } from '../schema';
import { initBoard } from './meta';

export interface ImportedRecords {
  title: string;
  template: string | null;
  /** When the original board was created. */
  createdAt: number;
  notes: readonly NoteRecord[];
  themes: readonly ThemeRecord[];
  links: readonly LinkRecord[];
}

/**
 * Fills a new, empty board with records exactly as exported: ids, order keys, authors, times and
 * fields this version does not know, so the new board's view equals the exported one.
 */
export function importRecords(doc: Y.Doc, records: ImportedRecords, origin: ServerOrigin): void {
  if (notesMap(doc).size > 0 || themesMap(doc).size > 0) throw new MutationError('A board can only be imported into a new board.');
  doc.transact(() => {
    initBoard(doc, { title: records.title, template: records.template }, origin);
    metaMap(doc).set('createdAt', records.createdAt);
    for (const theme of records.themes) themesMap(doc).set(theme.id, newRecordMap({ ...theme }));
    for (const note of records.notes) {
      const text = new Y.Text();
      text.insert(0, note.text);
      notesMap(doc).set(note.id, newRecordMap({ ...note, text }));
    }
    for (const link of records.links) linksMap(doc).set(link.id, newRecordMap({ ...link }));
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
