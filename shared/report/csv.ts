/**
 * One row per note, for spreadsheets: UTF-8 with a byte-order mark (so Excel reads accents) and
 * CRLF line ends. No cell, and no piece of a cell, can run as a formula (R2, E2).
 */
import { kindKey, type MessageKey } from '../i18n/catalogue';
import type { Translator } from '../i18n/translate';
import type { BoardView } from '../view/boardView';
import { isoTime } from '../view/time';

/** The columns, headed in the export's language [LG5]. */
export const CSV_COLUMNS: readonly MessageKey[] = [
  'csv.column.dimension',
  'csv.column.kind',
  'csv.column.theme',
  'csv.column.themeStatement',
  'csv.column.text',
  'csv.column.author',
  'csv.column.cluster',
  'csv.column.votes',
  'csv.column.linkedNotes',
  'csv.column.created',
];

/** What makes a spreadsheet read a cell as a formula (full-width forms included: some do). */
const FORMULA_START = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20';

/**
 * A piece of the cell that a spreadsheet could take as a cell of its own starts with a formula
 * character: after a separator it may split on (comma, semicolon as European Excel does, tab) or
 * a line break, perhaps behind blanks or the quote that would open a quoted field. `x;=1+1;y`
 * opened by an Excel that splits on `;` would otherwise run `=1+1` [E2].
 */
const FRAGMENT_FORMULA = new RegExp(`([,;\\t\\r\\n][\\s"]*)([${FORMULA_START}])`, 'g');

/**
 * An apostrophe before the cell (R2: a cell that starts with = + - @, a tab or a carriage return)
 * and before every piece of it that could become a cell of its own [E2]. Spreadsheets show a
 * leading apostrophe as nothing and treat the rest as text.
 */
export function neutralise(value: string): string {
  const inside = value.replace(FRAGMENT_FORMULA, "$1'$2");
  return new RegExp(`^[\\s"]*[${FORMULA_START}]|^[\\t\\r]`).test(inside) ? `'${inside}` : inside;
}

function cell(value: string | number): string {
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV in the language of `words`: its header and the kinds of note are the product's words;
 * dimensions, themes, notes and names stay as written (LG6), times stay ISO 8601 for spreadsheets.
 */
export function renderCsv(view: BoardView, words: Translator, votes: ReadonlyMap<string, number> = new Map()): string {
  const rows: (string | number)[][] = [CSV_COLUMNS.map((column) => words.t(column))];
  for (const dimension of view.dimensions) {
    for (const cellView of dimension.cells) {
      const groups = [...cellView.themes.map((t) => ({ theme: t, notes: t.notes })), { theme: null, notes: cellView.ungrouped }];
      for (const { theme, notes } of groups) {
        for (const note of notes) {
          rows.push([
            dimension.label,
            words.t(kindKey(note.kind)),
            theme?.title ?? '',
            theme?.statement ?? '',
            note.text,
            note.byline,
            note.clusterLabel,
            votes.get(note.id) ?? 0,
            note.linkedIds
              .map((id) => view.notesById.get(id)?.text ?? '')
              .filter(Boolean)
              .join(' | '),
            isoTime(note.createdAt),
          ]);
        }
      }
    }
  }
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
