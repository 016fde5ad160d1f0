/**
 * Where each record type lives inside a board's Y.Doc. Only `shared/` touches these Y types;
 * everything else reads `boardView(doc)` and writes through the named mutations.
 *
 *   meta:   Y.Map  title, template, schemaVersion, createdAt
 *   notes:  Y.Map<id, Y.Map>  one note each; `text` is a Y.Text (values are untrusted: check before use)
 *   themes: Y.Map<id, Y.Map>
 *   links:  Y.Map<id, Y.Map>
 */
import * as Y from 'yjs';
import type { z } from 'zod';

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

/** A Y.Map record as plain data; Y.Text fields become strings. Non-map values yield null. */
export function plainRecord(value: unknown): Record<string, unknown> | null {
  if (!(value instanceof Y.Map)) return null;
  return value.toJSON() as Record<string, unknown>;
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
