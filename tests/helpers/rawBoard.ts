/**
 * Writes records straight into a board's Y.Doc, as a malicious client (or an old board) can:
 * no mutation, no validation. For tests of what exports and views do with whatever is there.
 */
import * as Y from 'yjs';

export type RawValue = unknown;
export type RawRecord = Record<string, RawValue>;

/** A Y value for a plain one: strings under `textFields` become Y.Text, nested `{ $map: {...} }` a Y.Map. */
function yValue(value: RawValue): unknown {
  if (value !== null && typeof value === 'object' && '$map' in value) {
    const map = new Y.Map<unknown>();
    for (const [key, inner] of Object.entries((value as { $map: RawRecord }).$map)) map.set(key, yValue(inner));
    return map;
  }
  if (value !== null && typeof value === 'object' && '$text' in value) return new Y.Text(String((value as { $text: unknown }).$text));
  return value;
}

export function rawRecordMap(record: RawRecord): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(record)) map.set(key, yValue(value));
  return map;
}

export interface RawBoard {
  meta?: RawRecord;
  notes?: Record<string, RawRecord | RawValue>;
  themes?: Record<string, RawRecord | RawValue>;
  links?: Record<string, RawRecord | RawValue>;
}

/** A doc holding exactly these records; a record that is not an object is stored as the raw value. */
export function rawBoard(board: RawBoard): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    for (const [key, value] of Object.entries(board.meta ?? {})) meta.set(key, yValue(value));
    for (const name of ['notes', 'themes', 'links'] as const) {
      const root = doc.getMap(name);
      for (const [id, record] of Object.entries(board[name] ?? {})) {
        const isRecord = record !== null && typeof record === 'object' && !Array.isArray(record) && !('$map' in record) && !('$text' in record);
        root.set(id, isRecord ? rawRecordMap(record as RawRecord) : yValue(record));
      }
    }
  });
  return doc;
}
