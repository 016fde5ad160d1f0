import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap, notesMap } from '../../shared/model/doc';
import { migrate, type Migration, MIGRATIONS, schemaVersionOf } from '../../shared/model/migrations';
import { addNote, editNoteText, moveNote, setNoteColour } from '../../shared/model/mutations/notes';
import { createTheme } from '../../shared/model/mutations/themes';
import { serverOrigin } from '../../shared/model/origin';
import { SCHEMA_VERSION } from '../../shared/model/schema';
import { boardView } from '../../shared/view/boardView';
import { alice, aliceOrigin, recordOrigins, stateOf, syncDocs } from './support';

const migration = serverOrigin('migration');

/** A migration that records the order it ran in and leaves a trace in meta. */
function step(name: string, to: number, ran: string[]): Migration {
  return {
    name,
    to,
    run(doc) {
      ran.push(name);
      metaMap(doc).set(name, to);
    },
  };
}

describe('migrate', () => {
  it("[S1] lifts a doc without schemaVersion to SCHEMA_VERSION, applying 'InitialiseMeta' in one migration transaction", () => {
    const doc = new Y.Doc();
    const origins = recordOrigins(doc);
    expect(schemaVersionOf(doc)).toBe(0);
    const start = Date.now();
    expect(migrate(doc, migration)).toEqual({
      status: 'migrated',
      from: 0,
      to: SCHEMA_VERSION,
      applied: ['InitialiseMeta', 'AttributeNoteSources', 'ColourFollowsKind'],
    });
    expect(origins).toEqual([migration]);
    expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
    const meta = boardView(doc).meta;
    expect(meta).toMatchObject({ title: 'Untitled board', template: null, schemaVersion: SCHEMA_VERSION });
    expect(meta.createdAt).toBeGreaterThanOrEqual(start);
    expect(MIGRATIONS.map((m) => m.name)).toContain('InitialiseMeta');
  });

  it("[S1] 'InitialiseMeta' keeps the title, template and creation time a doc already has", () => {
    const doc = new Y.Doc();
    metaMap(doc).set('title', 'Foreign board');
    metaMap(doc).set('template', 'excite-d1.4');
    metaMap(doc).set('createdAt', 1234);
    migrate(doc, migration);
    expect(boardView(doc).meta).toEqual({
      title: 'Foreign board',
      template: 'excite-d1.4',
      createdAt: 1234,
      schemaVersion: SCHEMA_VERSION,
      language: null,
    });
  });

  it('[S1] treats a schemaVersion that is not an integer as version 0', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', '1');
    expect(schemaVersionOf(doc)).toBe(0);
    metaMap(doc).set('schemaVersion', 0.5);
    expect(migrate(doc, migration)).toMatchObject({
      status: 'migrated',
      from: 0,
      applied: ['InitialiseMeta', 'AttributeNoteSources', 'ColourFollowsKind'],
    });
  });

  it("[S1] is a no-op the second time: 'current', nothing written", () => {
    const doc = new Y.Doc();
    migrate(doc, migration);
    const before = stateOf(doc);
    const origins = recordOrigins(doc);
    expect(migrate(doc, migration)).toEqual({ status: 'current', version: SCHEMA_VERSION });
    expect(origins).toEqual([]);
    expect(stateOf(doc)).toEqual(before);
  });

  it("[S1] leaves a doc written by a newer version untouched and reports 'newer'", () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION + 3);
    metaMap(doc).set('futureMeta', { colourScheme: 'dark' });
    const before = stateOf(doc);
    const origins = recordOrigins(doc);
    expect(migrate(doc, migration)).toEqual({ status: 'newer', version: SCHEMA_VERSION + 3 });
    expect(origins).toEqual([]);
    expect(stateOf(doc)).toEqual(before);
  });

  it('[S1] runs a custom migration list in `to` order, only the steps above the doc version and up to the target', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', 1);
    const ran: string[] = [];
    const list = [step('AddFour', 4, ran), step('AddTwo', 2, ran), step('AddOne', 1, ran), step('AddThree', 3, ran)];
    expect(migrate(doc, migration, list, 3)).toEqual({ status: 'migrated', from: 1, to: 3, applied: ['AddTwo', 'AddThree'] });
    expect(ran).toEqual(['AddTwo', 'AddThree']);
    expect(metaMap(doc).toJSON()).toEqual({ schemaVersion: 3, AddTwo: 2, AddThree: 3 });

    expect(migrate(doc, migration, list, 4)).toMatchObject({ status: 'migrated', from: 3, to: 4, applied: ['AddFour'] });
    expect(ran).toEqual(['AddTwo', 'AddThree', 'AddFour']);
  });

  it('[S1] converges when two replicas run the same migrations concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addNote(a, { id: 'n', text: 'old note', dimension: 'structure', kind: 'challenge', author: alice }, aliceOrigin);
    syncDocs(a, b);
    migrate(a, migration);
    migrate(b, migration);
    syncDocs(a, b);
    expect(schemaVersionOf(a)).toBe(SCHEMA_VERSION);
    expect(boardView(a)).toEqual(boardView(b));
    expect(migrate(a, migration).status).toBe('current');
  });
});

describe('forward compatibility', () => {
  it('[S1] keeps unknown fields of a note through mutations and shows them in the board view', () => {
    const a = new Y.Doc();
    addNote(a, { id: 'n', text: 'from the future', dimension: 'structure', kind: 'need', author: alice }, aliceOrigin);
    createTheme(a, { id: 't', title: 'T', dimension: 'strategy', kind: 'need' }, aliceOrigin);
    const map = notesMap(a).get('n') as Y.Map<unknown>;
    map.set('futureField', 42);
    map.set('futureObject', { votes: ['alice', 'bob'] });

    editNoteText(a, 'n', 'from the future, edited', aliceOrigin);
    setNoteColour(a, 'n', 'sky', aliceOrigin);
    moveNote(a, 'n', { dimension: 'strategy', kind: 'need', themeId: 't' }, aliceOrigin);
    migrate(a, migration);

    const b = new Y.Doc();
    syncDocs(a, b);
    for (const doc of [a, b]) {
      const shown = boardView(doc).notesById.get('n');
      expect(shown).toMatchObject({
        text: 'from the future, edited',
        colour: 'sky',
        themeId: 't',
        futureField: 42,
        futureObject: { votes: ['alice', 'bob'] },
      });
      expect((notesMap(doc).get('n') as Y.Map<unknown>).get('futureField')).toBe(42);
    }
  });

  it('[S1] keeps unknown meta fields through a migration', () => {
    const doc = new Y.Doc();
    metaMap(doc).set('futureMeta', 'kept');
    migrate(doc, migration);
    expect(metaMap(doc).get('futureMeta')).toBe('kept');
    expect(boardView(doc).meta).toMatchObject({ futureMeta: 'kept' });
  });
});

describe("'AttributeNoteSources' (schema version 2)", () => {
  function legacyNote(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({
      id,
      text: new Y.Text(id),
      dimension: 'strategy',
      kind: 'need',
      order: 'a0',
      authorName: 'Someone',
      cluster: null,
      createdAt: 1,
      ...fields,
    })) {
      map.set(key, value);
    }
    notesMap(doc).set(id, map);
  }

  it("[AT1] gives the template's, carried-over and REST notes of a version-1 board their source and takes their author id; people's notes stay theirs", () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', 1);
    legacyNote(doc, 'template', { authorId: 'template', authorName: 'EXCITE D1.4 report' });
    legacyNote(doc, 'carried', {
      authorId: 'old-person',
      authorName: 'Olga',
      carriedFrom: { boardId: 'b', boardTitle: 'Sofia workshop', noteId: 'n' },
    });
    legacyNote(doc, 'rest', { authorId: 'api:crm-bot', authorName: 'CRM bot', cluster: 'gaia' });
    legacyNote(doc, 'person', { authorId: 'p1', authorName: 'Ana', cluster: 'gaia' });
    expect(migrate(doc, migration, MIGRATIONS, 2)).toEqual({ status: 'migrated', from: 1, to: 2, applied: ['AttributeNoteSources'] });
    const view = boardView(doc, new Map([['p1', { name: 'Ana Ruiz', cluster: 'gaia' }]]));
    expect(view.notesById.get('template')).toMatchObject({
      authorId: '',
      source: { kind: 'template', label: 'EXCITE D1.4 report' },
      clusterLabel: 'EXCITE consortium',
    });
    expect(view.notesById.get('carried')).toMatchObject({
      authorId: '',
      source: { kind: 'carried', label: 'Carried over from Sofia workshop' },
      byline: 'Olga',
    });
    expect(view.notesById.get('rest')).toMatchObject({
      authorId: '',
      source: { kind: 'api', label: 'API or CSV import' },
      byline: 'CRM bot (API or CSV import)',
    });
    expect(view.notesById.get('person')).toMatchObject({ authorId: 'p1', source: null, byline: 'Ana Ruiz' });
    // Idempotent: a second run (another instance) changes nothing.
    const before = Y.encodeStateVector(doc);
    MIGRATIONS.find((m) => m.name === 'AttributeNoteSources')?.run(doc);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe("'ColourFollowsKind' (schema version 3)", () => {
  function version2Note(doc: Y.Doc, id: string, kind: string, colour: unknown): void {
    const map = new Y.Map<unknown>();
    notesMap(doc).set(id, map);
    for (const [key, value] of Object.entries({
      id,
      text: new Y.Text(id),
      dimension: 'strategy',
      kind,
      themeId: null,
      order: 'a0',
      colour,
      authorId: 'alice',
      authorName: 'Alice',
      cluster: 'gaia',
      createdAt: 1,
      updatedAt: 1,
      carriedFrom: null,
      source: null,
    })) {
      map.set(key, value);
    }
  }

  it("[NA3] [S1] clears a stored colour equal to its kind's, keeps any other as picked, and the cleared notes then follow their kind", () => {
    const doc = new Y.Doc();
    metaMap(doc).set('schemaVersion', 2);
    version2Note(doc, 'default', 'challenge', 'rose');
    version2Note(doc, 'recoloured', 'challenge', 'sky');
    version2Note(doc, 'moved-before', 'good-practice', 'rose');
    version2Note(doc, 'none', 'need', null);
    expect(migrate(doc, migration)).toEqual({ status: 'migrated', from: 2, to: SCHEMA_VERSION, applied: ['ColourFollowsKind'] });
    const stored = (id: string) => (notesMap(doc).get(id) as Y.Map<unknown>).get('colour');
    expect([stored('default'), stored('recoloured'), stored('moved-before'), stored('none')]).toEqual([null, 'sky', 'rose', null]);
    expect(boardView(doc).notesById.get('default')).toMatchObject({ colour: 'rose', colourPicked: false });
    moveNote(doc, 'default', { dimension: 'strategy', kind: 'good-practice', themeId: null }, aliceOrigin);
    moveNote(doc, 'recoloured', { dimension: 'strategy', kind: 'good-practice', themeId: null }, aliceOrigin);
    expect(boardView(doc).notesById.get('default')?.colour).toBe('green');
    expect(boardView(doc).notesById.get('recoloured')?.colour).toBe('sky');
  });
});
