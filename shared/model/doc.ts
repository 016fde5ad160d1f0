/**
 * Where each record type lives inside a board's Y.Doc. Only `shared/` touches these Y types;
 * everything else reads `boardView(doc)` and writes through the named mutations.
 *
 *   meta:   Y.Map  title, template, schemaVersion, createdAt
 *   notes:  Y.Map<id, Y.Map>  one note each; `text` is a Y.Text (values are untrusted: check before use)
 *   themes: Y.Map<id, Y.Map>
 *   links:  Y.Map<id, Y.Map>
 *   meToo:  Y.Map<`note>person`, Y.Map>  one "me too" each (issue 19): a person adding their voice to a note
 *   dismissals: Y.Map<proposal key, Y.Map>  suggestions a facilitator dismissed for this board (issue 19)
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import { FOREIGN_FIELDS, PLAIN_DEPTH_MAX, plainValueProblem } from './limits';

export type RecordMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function notesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('notes');
}

export function themesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('themes');
}

export function linksMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('links');
}

export function meTooMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meToo');
}

export function dismissalsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('dismissals');
}

/**
 * A Y.Map record as plain data; Y.Text fields become strings. Non-map values yield null.
 *
 * Read with bounded depth, never with `toJSON`: a record may hold structure no mutation writes
 * (stored before the guard refused it, or by a foreign tool), and `toJSON` recurses through all of
 * it, so 6,000 nested maps overflowed the stack of every reader. A nested type deeper than
 * `PLAIN_DEPTH_MAX` reads as null; a plain value that nests deeper, is too large or is not JSON is
 * left out, as are fields that never belong to a record (`FOREIGN_FIELDS`).
 */
export function plainRecord(value: unknown): Record<string, unknown> | null {
  if (!(value instanceof Y.Map)) return null;
  const record: Record<string, unknown> = {};
  for (const [key, field] of (value as Y.Map<unknown>).entries()) {
    if (FOREIGN_FIELDS.has(key)) continue;
    const plain = boundedPlain(field, 1);
    if (plain !== undefined) record[key] = plain;
  }
  return record;
}

/** A field as plain data, or undefined when it is not one a reader can use. */
function boundedPlain(value: unknown, depth: number): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) {
    if (depth > PLAIN_DEPTH_MAX) return null;
    if (value instanceof Y.Map) {
      const out: Record<string, unknown> = {};
      for (const [key, item] of (value as Y.Map<unknown>).entries()) {
        const plain = boundedPlain(item, depth + 1);
        if (plain !== undefined) out[key] = plain;
      }
      return out;
    }
    if (value instanceof Y.Array) return (value as Y.Array<unknown>).toArray().map((item) => boundedPlain(item, depth + 1) ?? null);
    return null;
  }
  return plainValueProblem(value) === null ? value : undefined;
}

/**
 * Reads and validates the record stored under `key`; null (never a throw) when it cannot be used.
 * The key is the record's identity: an inner `id` field that is missing or disagrees (a foreign
 * or malicious writer) is replaced by the key, so a record can neither vanish nor appear twice.
 */
export function readRecord<S extends z.ZodType>(schema: S, container: Y.Map<unknown>, key: string): z.infer<S> | null {
  const plain = plainRecord(container.get(key));
  if (plain === null) return null;
  const parsed = schema.safeParse({ ...plain, id: key });
  return parsed.success ? parsed.data : null;
}

/** Write plain fields into a new Y.Map record. */
export function newRecordMap(fields: Record<string, unknown>): RecordMap {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}
