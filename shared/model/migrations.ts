/**
 * Named schema migrations, run on load (server side, before the first client is answered).
 * Each migration lifts a document to version `to`; they run in order for every version above the
 * document's own. A migration must be idempotent and commutative with itself, because two server
 * instances (or an old and a new one) may run it concurrently on replicas of the same board.
 */
import * as Y from 'yjs';
import { metaMap, notesMap } from './doc';
import type { ServerOrigin } from './origin';
import { carriedFrom, type NoteSource, SCHEMA_VERSION, sourceLabel } from './schema';
import { defaultColour, KIND_IDS, type KindId } from './vocabulary';

export interface Migration {
  readonly name: string;
  readonly to: number;
  run(doc: Y.Doc): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // Boards written before meta existed (or by a foreign tool) get a title and a creation time.
    name: 'InitialiseMeta',
    to: 1,
    run(doc) {
      const meta = metaMap(doc);
      if (typeof meta.get('title') !== 'string') meta.set('title', 'Untitled board');
      if (meta.get('template') === undefined) meta.set('template', null);
      if (typeof meta.get('createdAt') !== 'number') meta.set('createdAt', Date.now());
    },
  },
  {
    // [AT1] Notes no participant wrote here get their source and lose their author id: the
    // template's notes (author id 'template'), notes carried over from a previous board, and
    // notes posted over the REST API (author id 'api:<name>', never a person of the board).
    name: 'AttributeNoteSources',
    to: 2,
    run(doc) {
      notesMap(doc).forEach((value) => {
        if (!(value instanceof Y.Map) || value.get('source') !== undefined) return;
        const source = legacySource(value);
        if (!source) return;
        value.set('source', source);
        value.set('authorId', '');
      });
    },
  },
  {
    // Before version 3 every note stored a colour, its kind's at first, so a moved note kept its
    // old kind's colour and a picked colour could not be told from the default. Now only a colour
    // picked by hand is stored. A stored colour equal to the kind's is cleared (the note looks the
    // same and now follows its kind); any other is kept as picked, since a note moved before this
    // version cannot be told from one recoloured by hand.
    name: 'ColourFollowsKind',
    to: 3,
    run(doc) {
      notesMap(doc).forEach((value) => {
        if (!(value instanceof Y.Map)) return;
        const kind = value.get('kind');
        if (KIND_IDS.includes(kind as KindId) && value.get('colour') === defaultColour(kind as KindId)) value.set('colour', null);
      });
    },
  },
];

function legacySource(note: Y.Map<unknown>): NoteSource | null {
  const carried = carriedFrom.safeParse(note.get('carriedFrom'));
  if (carried.success) return { kind: 'carried', label: sourceLabel(`Carried over from ${carried.data.boardTitle}`) };
  const authorId = note.get('authorId');
  const authorName = note.get('authorName');
  if (authorId === 'template') return { kind: 'template', label: sourceLabel(typeof authorName === 'string' ? authorName : 'EXCITE D1.4 report') };
  // The notes API and the CSV import both wrote `api:<name>` before sources existed; which one
  // wrote a note cannot be told any more, so the label says both.
  if (typeof authorId === 'string' && authorId.startsWith('api:')) return { kind: 'api', label: 'API or CSV import' };
  return null;
}

export type MigrationResult =
  | { status: 'current'; version: number }
  | { status: 'migrated'; from: number; to: number; applied: string[] }
  /** Written by a newer version of Clusterboard: left alone, unknown fields survive. */
  | { status: 'newer'; version: number };

export function schemaVersionOf(doc: Y.Doc): number {
  const version = metaMap(doc).get('schemaVersion');
  return typeof version === 'number' && Number.isInteger(version) ? version : 0;
}

export function migrate(
  doc: Y.Doc,
  origin: ServerOrigin,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = SCHEMA_VERSION,
): MigrationResult {
  const from = schemaVersionOf(doc);
  if (from === target) return { status: 'current', version: from };
  if (from > target) return { status: 'newer', version: from };
  const pending = migrations.filter((m) => m.to > from && m.to <= target).sort((a, b) => a.to - b.to);
  doc.transact(() => {
    for (const migration of pending) migration.run(doc);
    metaMap(doc).set('schemaVersion', target);
  }, origin);
  return { status: 'migrated', from, to: target, applied: pending.map((m) => m.name) };
}
