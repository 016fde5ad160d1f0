/**
 * CSV import: a spreadsheet of notes (columns dimension, kind, text, cluster, author) into
 * validated note inputs. Every line is checked; a bad line is reported by its line number and the
 * reason, and never stops the good ones. Header names and values are matched case-insensitively,
 * in any of the product's languages (csvWords.ts), and the seed report's own wording is accepted
 * ("Cluster operational organisation", "Best practices needed", ...).
 */
import { CodedError, englishSentence, type ErrorCode, type ErrorValues } from '../errors';
import { MAX_CSV_IMPORT_ROWS } from '../model/limits';
import { NOTE_TEXT_MAX, PERSON_NAME_MAX } from '../model/schema';
import { CLUSTER_NAME_MAX, type ClusterRef, CLUSTERS, type DimensionId, DIMENSIONS, type KindId, KINDS, otherCluster } from '../model/vocabulary';
import { COLUMN_WORDS, type CsvColumn, KIND_WORDS, NO_CLUSTER_WORDS, OTHER_CLUSTER_PREFIXES } from './csvWords';

export interface CsvNote {
  line: number;
  dimension: DimensionId;
  kind: KindId;
  text: string;
  cluster: ClusterRef | null;
  author: string;
}

/** A line not imported: `reason` in English (scripts), `code` and `values` for the page's language [LG4]. */
export interface CsvProblem {
  line: number;
  reason: string;
  code: ErrorCode;
  values?: ErrorValues;
}

export function csvProblem(line: number, code: ErrorCode, values?: ErrorValues): CsvProblem {
  const problem = values ? { code, values } : { code };
  return { line, reason: englishSentence(problem), ...problem };
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
for (const [name, id] of KIND_WORDS) KIND_NAMES.set(normal(name), id);

const COLUMN_NAMES = new Map<string, CsvColumn>(COLUMN_WORDS.map(([name, column]) => [normal(name), column]));
const NO_CLUSTER = new Set(NO_CLUSTER_WORDS.map(normal));

function clusterOf(value: string): ClusterRef | null {
  const name = value.trim();
  if (!name || NO_CLUSTER.has(normal(name))) return null;
  const known = CLUSTERS.find((c) => normal(c.id) === normal(name) || normal(c.label) === normal(name));
  if (known) return known.id;
  // "Other: Acme" as an export writes it is the cluster "Acme" (every language's prefix ends in a colon).
  const prefix = OTHER_CLUSTER_PREFIXES.find((p) => normal(name).startsWith(normal(p)) && name.length > p.length);
  return otherCluster(prefix ? name.slice(name.indexOf(':') + 1) : name);
}

const COLUMNS = ['dimension', 'kind', 'text', 'cluster', 'author'] as const;

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
  if (!header) return { notes: [], problems: [csvProblem(1, 'csv.empty')] };
  if (rows.length > MAX_CSV_IMPORT_ROWS) throw new CsvTooLargeError(rows.length);
  const index = new Map<string, number>();
  header.cells.forEach((name, i) => {
    const column = COLUMN_NAMES.get(normal(name)) ?? normal(name);
    if (!index.has(column)) index.set(column, i);
  });
  const missing = COLUMNS.filter((c) => c !== 'cluster' && c !== 'author' && !index.has(c));
  if (missing.length > 0) {
    return {
      notes: [],
      problems: [csvProblem(header.line, 'csv.missingColumns', { columns: missing.map((m) => `"${m}"`).join(', '), expected: COLUMNS.join(', ') })],
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
    if (control) problems.push(csvProblem(line, 'csv.controlCharacters', { column: control }));
    else if (!dimension) problems.push(csvProblem(line, 'csv.unknownDimension', { value: value(cells, 'dimension') }));
    else if (!kind) problems.push(csvProblem(line, 'csv.unknownKind', { value: value(cells, 'kind') }));
    else if (!text) problems.push(csvProblem(line, 'csv.textEmpty'));
    else if (text.length > NOTE_TEXT_MAX) problems.push(csvProblem(line, 'csv.textLength', { most: String(NOTE_TEXT_MAX) }));
    else if (author.length > PERSON_NAME_MAX) problems.push(csvProblem(line, 'csv.authorLength', { most: String(PERSON_NAME_MAX) }));
    else if (cluster.length > CLUSTER_NAME_MAX) problems.push(csvProblem(line, 'csv.clusterLength', { most: String(CLUSTER_NAME_MAX) }));
    else notes.push({ line, dimension, kind, text, cluster: clusterOf(cluster), author });
  }
  return { notes, problems };
}
