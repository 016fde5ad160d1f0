/**
 * One row per note, for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents) and
 * CRLF line ends; a cell that starts with = + - @ (or a tab or carriage return) is prefixed with
 * an apostrophe so that no spreadsheet runs it as a formula.
 */
import { kindLabel } from '../model/vocabulary';
import type { BoardView } from '../view/boardView';
import { isoTime } from '../view/time';

export const CSV_COLUMNS = [
  'Dimension',
  'Kind',
  'Theme',
  'Theme statement',
  'Text',
  'Author',
  'Cluster',
  'Votes',
  'Linked notes',
  'Created',
] as const;

export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(value: string | number): string {
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(view: BoardView, votes: ReadonlyMap<string, number> = new Map()): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const dimension of view.dimensions) {
    for (const cellView of dimension.cells) {
      const groups = [...cellView.themes.map((t) => ({ theme: t, notes: t.notes })), { theme: null, notes: cellView.ungrouped }];
      for (const { theme, notes } of groups) {
        for (const note of notes) {
          rows.push([
            dimension.label,
            kindLabel(note.kind),
            theme?.title ?? '',
            theme?.statement ?? '',
            note.text,
            note.byline,
            note.clusterLabel,
            votes.get(note.id) ?? 0,
            note.linkedIds.map((id) => view.notesById.get(id)?.text ?? '').filter(Boolean).join(' | '),
            isoTime(note.createdAt),
          ]);
        }
      }
    }
  }
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
