/**
 * Reading a board with bounded depth (SPEC G2, G7): a board that already holds structure no
 * mutation writes (stored before the guard, or by a foreign tool) renders, reports and exports;
 * vote data in a record never reaches a reader; the server removes such structure on load.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap, notesMap, readRecord } from '../../shared/model/doc';
import { addNote, deleteNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { removeStrayStructure } from '../../shared/model/repair';
import { noteRecord } from '../../shared/model/schema';
import { renderCsv } from '../../shared/report/csv';
import { exportJson } from '../../shared/report/json';
import { renderMarkdown } from '../../shared/report/markdown';
import { buildReport } from '../../shared/report/report';
import { reportTranslator } from '../../shared/report/words';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin } from './support';

/** The reports' words in English, the language of these expectations. */
const en = await reportTranslator('en');

function chain(map: Y.Map<unknown>, key: string, depth: number): void {
  let current = map;
  for (let i = 0; i < depth; i++) {
    const next = new Y.Map<unknown>();
    current.set(key, next);
    current = next;
  }
}

describe('a board holding structure no mutation writes', () => {
  it('[G2] 6,000 nested maps under a note and under meta: the view, every report and the export still read the board', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { text: 'still here', dimension: 'strategy', kind: 'need', author: alice }, aliceOrigin);
    const note = notesMap(doc).get(id) as Y.Map<unknown>;
    doc.transact(() => {
      chain(note, 'deep', 6_000);
      chain(metaMap(doc), 'deep', 6_000);
    });
    // A plain value nested deeper than any field of the schema, stored as is.
    let plain: unknown = 'bottom';
    for (let i = 0; i < 6_000; i++) plain = [plain];
    note.set('plainDeep', plain);

    const view = boardView(doc);
    expect(view.notesById.get(id)?.text).toBe('still here');
    expect(view.meta.title).toBeTypeOf('string');
    expect(renderMarkdown(buildReport(view, { generatedAt: new Date() }), en)).toContain('still here');
    expect(renderCsv(view, en)).toContain('still here');
    const exported = JSON.stringify(exportJson(view, new Date()));
    expect(exported).toContain('still here');
    expect(exported.length).toBeLessThan(10_000);
    // Nested types read as plain data only a few levels down; deeper plain values are left out.
    const record = readRecord(noteRecord, notesMap(doc), id) as Record<string, unknown>;
    expect(JSON.stringify(record.deep)).toMatch(/^(\{"deep":){1,5}null\}+$/);
    expect(record).not.toHaveProperty('plainDeep');
  });

  it('[G7] a votes field stored on a note is dropped by every reader', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { text: 'voted up by hand', dimension: 'strategy', kind: 'need', author: alice }, aliceOrigin);
    (notesMap(doc).get(id) as Y.Map<unknown>).set('votes', 600);
    expect(readRecord(noteRecord, notesMap(doc), id)).not.toHaveProperty('votes');
    const exported = exportJson(boardView(doc), new Date());
    expect(exported.notes[0]).not.toHaveProperty('votes');
    expect(exported.votes).toEqual({});
  });
});

describe('removing what no record holds', () => {
  it('[G2] the server removes a 6,000-deep chain bottom up, in steps every client can apply; the note can then be deleted', () => {
    const doc = new Y.Doc();
    const id = addNote(doc, { text: 'keep my text', dimension: 'strategy', kind: 'need', author: alice }, aliceOrigin);
    doc.transact(() => {
      chain(notesMap(doc).get(id) as Y.Map<unknown>, 'deep', 6_000);
      chain(metaMap(doc), 'deep', 6_000);
    });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));

    expect(removeStrayStructure(doc, serverOrigin('repair'))).toBe(12_000);
    for (const update of updates) Y.applyUpdate(client, update);
    for (const copy of [doc, client]) {
      expect((notesMap(copy).get(id) as Y.Map<unknown>).has('deep')).toBe(false);
      expect(metaMap(copy).has('deep')).toBe(false);
      expect(boardView(copy).notesById.get(id)?.text).toBe('keep my text');
    }
    expect(removeStrayStructure(doc, serverOrigin('repair'))).toBe(0);
    deleteNote(client, id, aliceOrigin);
    expect(notesMap(client).has(id)).toBe(false);
  });
});
