/**
 * Exports and imports over real HTTP with hostile data (SPEC E4, E6): whatever a board holds, every
 * export answers, and a file out of bounds is refused with 400 naming its field.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CreatedBoard } from '../../shared/protocol';
import { HOSTILE_TEXTS } from '../helpers/hostileTexts';
import { rawBoard } from '../helpers/rawBoard';
import { boardOn, cleanupAfterEach, serverFor } from './support';

const defer = cleanupAfterEach();

function tokenOf(link: string): string {
  return decodeURIComponent(/#token=([^&]+)$/.exec(link)?.[1] ?? '');
}

function exportFile(notes: unknown[]) {
  return {
    format: 'clusterboard.board',
    version: 1,
    exportedAt: new Date().toISOString(),
    board: { title: 'Imported', template: null, createdAt: Date.now() - 60_000 },
    notes,
    themes: [],
    links: [],
  };
}

function importedNote(createdAt: unknown) {
  return {
    id: 'n1',
    text: '# Injected heading',
    dimension: 'strategy',
    kind: 'challenge',
    themeId: null,
    order: 'a0',
    colour: null,
    authorId: 'p',
    authorName: 'P',
    cluster: 'gaia',
    createdAt,
    updatedAt: Date.now(),
    carriedFrom: null,
  };
}

describe('import bounds over HTTP', () => {
  it('[E4] an anonymous import of a note created at 1e300 is refused with 400 naming notes[0].createdAt', async () => {
    const { current: ts } = await serverFor(defer);
    const res = await fetch(`${ts.server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exportFile([importedNote(1e300)])),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^This file cannot be imported: notes\[0\]\.createdAt: must be a time no later than /,
    );
  });

  it('[E4] a time written as text, or too large for JSON to hold as a finite number, is refused the same way', async () => {
    const { current: ts } = await serverFor(defer);
    for (const [body, field] of [
      [JSON.stringify(exportFile([importedNote('NaN')])), 'notes[0].createdAt'],
      [JSON.stringify(exportFile([importedNote(0)])).replace('"createdAt":0', '"createdAt":1e999'), 'notes[0].createdAt'],
    ] as const) {
      const res = await fetch(`${ts.server.url}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain(`: ${field}: must be a time`);
    }
  });
});

describe('exports of a board holding what a malicious client wrote', () => {
  it('[E6] every format answers 200 with bounded output, and the JSON export imports again', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const huge = 'x'.repeat(200_000);
    const hostile = rawBoard({
      notes: {
        far: {
          text: { $text: huge },
          dimension: 'strategy',
          kind: 'challenge',
          themeId: null,
          order: 'a0',
          authorId: 'p',
          authorName: huge,
          cluster: huge,
          createdAt: 9e15,
          updatedAt: 1e300,
        },
        neg: {
          text: { $text: HOSTILE_TEXTS.join('\n') },
          dimension: 'structure',
          kind: 'need',
          themeId: 'gone',
          order: 'a1',
          authorId: 'q',
          authorName: 'Q',
          cluster: null,
          createdAt: -5,
          updatedAt: 'soon',
        },
        deep: {
          text: { $text: 'junk' },
          dimension: 'structure',
          kind: 'good-practice',
          order: 'a2',
          createdAt: Date.now(),
          junk: { $map: { a: { $map: { b: { $map: { c: { $map: { d: { $map: { e: 1 } } } } } } } } } },
        },
        [`${'k'.repeat(300)}`]: {
          text: { $text: 'a note under an id no writer of ours makes' },
          dimension: 'structure',
          kind: 'challenge',
          order: 'a3',
          createdAt: 0,
        },
      },
      links: { self: { needId: 'neg', practiceId: 'neg', createdAt: 1 }, dangling: { needId: 'neg', practiceId: 'deleted', createdAt: 1 } },
    });
    await ts.store.appendUpdate(board.id, Y.encodeStateAsUpdate(hostile));
    const token = board.tokens.participant;
    const get = (format: string) =>
      fetch(`${ts.server.url}/api/boards/${board.id}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
    for (const format of ['md', 'csv', 'docx', 'json', 'html']) {
      const res = await get(format);
      expect(res.status, format).toBe(200);
      // Texts are cut at their maxima (2,000 characters for a note), whatever the board holds.
      expect((await res.arrayBuffer()).byteLength, format).toBeLessThan(100_000);
    }
    const json = await (await get('json')).text();
    const reimported = await fetch(`${ts.server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    expect(reimported.status).toBe(201);
    const copy = (await reimported.json()) as CreatedBoard;
    const again = await fetch(`${ts.server.url}/api/boards/${copy.id}/export?format=json`, {
      headers: { authorization: `Bearer ${tokenOf(copy.links.participant)}` },
    });
    const strip = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), exportedAt: null });
    // [AT1] An import makes every note the import's: no author id, and its source unless it had one.
    const original = strip(json) as unknown as { board: { title: string }; notes: { source: unknown }[] };
    const imported = { kind: 'import', label: `Imported from “${original.board.title}”` };
    const expected = { ...original, notes: original.notes.map((n) => ({ ...n, authorId: '', source: n.source ?? imported })) };
    expect(strip(await again.text())).toEqual(expected);
    expect((JSON.parse(json) as { notes: unknown[] }).notes).toHaveLength(3);
  });
});
