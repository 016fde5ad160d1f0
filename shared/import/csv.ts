/**
 * CSV import: a spreadsheet of notes (columns dimension, kind, text, cluster, author) into
 * validated note inputs. Every line is checked; a bad line is reported by its line number and the
 * reason, and never stops the good ones. Header names and values are matched case-insensitively,
 * and the seed report's own wording is accepted ("Cluster operational organisation",
 * "Best practices needed", ...).
 */
import { CodedError } from '../errors';
import { MAX_CSV_IMPORT_ROWS } from '../model/limits';
import { NOTE_TEXT_MAX, PERSON_NAME_MAX } from '../model/schema';
import { CLUSTER_NAME_MAX, type ClusterRef, CLUSTERS, type DimensionId, DIMENSIONS, type KindId, KINDS, otherCluster } from '../model/vocabulary';

export interface CsvNote {
  line: number;
  dimension: DimensionId;
  kind: KindId;
  text: string;
  cluster: ClusterRef | null;
  author: string;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvImport {
  notes: CsvNote[];
  problems: CsvProblem[];
}

/**
 * RFC 4180 rows with the line each starts on; a BOM is ignored, quotes may hold line breaks.
 * The separator is a comma, or a semicolon when the header uses them (spreadsheets in much of
 * Europe save that way).
 */
export function parseCsvRows(input: string): { line: number; cells: string[] }[] {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

const normal = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[’']/g, "'");

const DIMENSION_NAMES = new Map<string, DimensionId>();
DIMENSIONS.forEach((d, i) => {
  for (const name of [d.id, d.label, String(i + 1), d.label.replace(/^cluster /i, '')]) DIMENSION_NAMES.set(normal(name), d.id);
});
// The seed report's own headings.
DIMENSION_NAMES.set('cluster operational organisation', 'organisation');
DIMENSION_NAMES.set('communication and reputation', 'communication');
DIMENSION_NAMES.set('communication, visibility and reputation', 'communication');
DIMENSION_NAMES.set('business model', 'business-model');

const KIND_NAMES = new Map<string, KindId>();
for (const k of KINDS) KIND_NAMES.set(normal(k.id), k.id).set(normal(k.label), k.id);
for (const [name, id] of [
  ['challenges', 'challenge'],
  ['common challenge', 'challenge'],
  ['common challenges', 'challenge'],
  ['best practices needed', 'need'],
  ['need', 'need'],
  ['needs', 'need'],
  ['good practices', 'good-practice'],
  ['practice', 'good-practice'],
] as const) {
  KIND_NAMES.set(name, id);
}

function clusterOf(value: string): ClusterRef | null {
  const name = value.trim();
  if (!name) return null;
  const known = CLUSTERS.find((c) => normal(c.id) === normal(name) || normal(c.label) === normal(name));
  return known ? known.id : otherCluster(name);
}

const COLUMNS = ['dimension', 'kind', 'text', 'cluster', 'author'] as const;
const column = (name: (typeof COLUMNS)[number]) => (name === 'author' ? 'author name' : name);

/** C0 controls but tab and line breaks, DEL and C1 controls: no honest spreadsheet cell holds them. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** [Q2] A file with more rows than one import takes: refused whole, nothing imported. */
export class CsvTooLargeError extends CodedError {
  override readonly name = 'CsvTooLargeError';
  constructor(rows: number) {
    super({ code: 'csv.tooManyRows', values: { rows, most: MAX_CSV_IMPORT_ROWS } });
  }
}

export function importNotesCsv(input: string): CsvImport {
  const rows = parseCsvRows(input);
  const header = rows.shift();
  if (!header) return { notes: [], problems: [{ line: 1, reason: 'The file is empty.' }] };
  if (rows.length > MAX_CSV_IMPORT_ROWS) throw new CsvTooLargeError(rows.length);
  const index = new Map(header.cells.map((name, i) => [normal(name), i]));
  const missing = COLUMNS.filter((c) => c !== 'cluster' && c !== 'author' && !index.has(c));
  if (missing.length > 0) {
    return {
      notes: [],
      problems: [
        { line: header.line, reason: `The header has no column ${missing.map((m) => `"${m}"`).join(', ')}. Expected: ${COLUMNS.join(', ')}.` },
      ],
    };
  }
  const value = (cells: string[], column: (typeof COLUMNS)[number]) => {
    const at = index.get(column);
    return at === undefined ? '' : (cells[at] ?? '');
  };
  const notes: CsvNote[] = [];
  const problems: CsvProblem[] = [];
  for (const { line, cells } of rows) {
    const dimension = DIMENSION_NAMES.get(normal(value(cells, 'dimension')));
    const kind = KIND_NAMES.get(normal(value(cells, 'kind')));
    const text = value(cells, 'text').trim();
    const author = value(cells, 'author').trim() || 'CSV import';
    const cluster = value(cells, 'cluster').trim();
    const control = COLUMNS.find((column) => CONTROL.test(value(cells, column)));
    // [E5] The same bounds as a note written on the board; the first value out of them is named.
    if (control) problems.push({ line, reason: `The ${column(control)} holds control characters (such as NUL or ESC), which a note cannot hold.` });
    else if (!dimension) problems.push({ line, reason: `Unknown dimension "${value(cells, 'dimension')}".` });
    else if (!kind) problems.push({ line, reason: `Unknown kind "${value(cells, 'kind')}" (use Challenge, Best practice needed or Good practice).` });
    else if (!text) problems.push({ line, reason: 'The text is empty.' });
    else if (text.length > NOTE_TEXT_MAX) problems.push({ line, reason: `The text is longer than ${NOTE_TEXT_MAX} characters.` });
    else if (author.length > PERSON_NAME_MAX) problems.push({ line, reason: `The author name is longer than ${PERSON_NAME_MAX} characters.` });
    else if (cluster.length > CLUSTER_NAME_MAX) problems.push({ line, reason: `The cluster name is longer than ${CLUSTER_NAME_MAX} characters.` });
    else notes.push({ line, dimension, kind, text, cluster: clusterOf(cluster), author });
  }
  return { notes, problems };
}
