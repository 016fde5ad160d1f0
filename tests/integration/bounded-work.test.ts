/**
 * Work per request is bounded (SPEC Q1-Q6): bulk inserts, rows per import, notes per board, heavy
 * reads computed once per version and metered, quotas on anonymous creation, and the loaded-board
 * cap over HTTP. The tests count work done (scans, computations, refusals), not time.
 */
import { describe, expect, it } from 'vitest';
import type { ServerOptions } from '../../server/app';
import { Metrics } from '../../server/ops/metrics';
import { notesMap } from '../../shared/model/doc';
import { MAX_CSV_IMPORT_ROWS, MAX_NOTES_PER_BOARD, MAX_NOTES_PER_REVEAL } from '../../shared/model/limits';
import { addNotes } from '../../shared/model/mutations/notes';
import { orderWork } from '../../shared/model/order';
import { serverOrigin } from '../../shared/model/origin';
import { DIMENSIONS, KINDS } from '../../shared/model/vocabulary';
import { waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, note, serverFor } from './support';
import { workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

async function serverWith(overrides: Partial<ServerOptions> = {}) {
  const metrics = new Metrics();
  const { current: ts } = await serverFor(defer, { overrides: { metrics, ...overrides } });
  const computed = async (what: string): Promise<number> => {
    const values = (await metrics.registry.getSingleMetric('clusterboard_heavy_reads_computed_total')?.get())?.values ?? [];
    return values.find((v) => v.labels.what === what)?.value ?? 0;
  };
  return { ts, base: ts.server.url, computed };
}

/** `rows` CSV lines spread over the 15 cells, after a header. */
function csvOf(rows: number): string {
  const lines = ['dimension,kind,text,cluster,author'];
  for (let i = 0; i < rows; i++) lines.push(`${DIMENSIONS[i % 5]?.id},${KINDS[i % 3]?.id},Imported note ${i},gaia,Ana`);
  return `${lines.join('\n')}\n`;
}

const importCsv = (base: string, boardId: string, token: string, csv: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/boards/${boardId}/notes/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}`, ...headers },
    body: csv,
  });

const createBoard = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ title: 'Quota' }),
  });

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('bulk inserts and limits', () => {
  it('[Q1] a CSV import of 10,000 lines scans the board once and generates keys once per cell, not once per note', { timeout: 60_000 }, async () => {
    const { ts, base } = await serverWith();
    const board = await boardOn(ts);
    const scans = orderWork.cellScans;
    const batches = orderWork.keyBatches;
    const res = await importCsv(base, board.id, board.tokens.facilitator, csvOf(MAX_CSV_IMPORT_ROWS));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { imported: number }).imported).toBe(MAX_CSV_IMPORT_ROWS);
    // Note by note this was 10,000 scans and sorts of a growing cell, and 10,000 key generations.
    expect(orderWork.cellScans - scans).toBe(1);
    expect(orderWork.keyBatches - batches).toBe(15);
    expect(notesMap((await ts.server.rooms.acquire(board.id)).doc).size).toBe(MAX_CSV_IMPORT_ROWS);
  });

  it('[Q1] "From a previous board" carrying 4,000 notes scans the new board once and generates keys once per cell', { timeout: 60_000 }, async () => {
    const { ts, base } = await serverWith();
    const source = await boardOn(ts);
    const room = await ts.server.rooms.acquire(source.id);
    addNotes(
      room.doc,
      Array.from({ length: 4000 }, (_, i) => note(`practice ${i}`, { kind: 'good-practice', dimension: DIMENSIONS[i % 5]?.id ?? 'structure' })),
      serverOrigin('api'),
    );
    const scans = orderWork.cellScans;
    const batches = orderWork.keyBatches;
    const res = await fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Next', template: 'previous-board', from: { board: source.id, token: source.tokens.participant } }),
    });
    expect(res.status).toBe(201);
    expect(orderWork.cellScans - scans).toBe(1);
    expect(orderWork.keyBatches - batches).toBe(5);
    const created = (await res.json()) as { id: string };
    expect(notesMap((await ts.server.rooms.acquire(created.id)).doc).size).toBe(4000);
  });

  it(
    '[Q2] a CSV of 12,000 lines is refused whole with 400 naming the limit, and a full board refuses one note more with 409',
    { timeout: 60_000 },
    async () => {
      const { ts, base } = await serverWith();
      const board = await boardOn(ts);
      const token = board.tokens.facilitator;
      const refused = await importCsv(base, board.id, token, csvOf(12_000));
      expect(refused.status).toBe(400);
      expect(await errorOf(refused)).toBe('The file has 12,000 rows of notes; one import takes at most 10,000. Split it into smaller files.');
      const room = await ts.server.rooms.acquire(board.id);
      expect(notesMap(room.doc).size).toBe(0);

      addNotes(
        room.doc,
        Array.from({ length: MAX_NOTES_PER_BOARD }, (_, i) => note(`n${i}`)),
        serverOrigin('api'),
      );
      const one = await fetch(`${base}/api/boards/${board.id}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: 'one more', dimension: 'strategy', kind: 'need', author: 'Ana' }),
      });
      expect(one.status).toBe(409);
      expect(await errorOf(one)).toBe('This board holds 10,000 notes, the most a board may hold (10,000).');
      const more = await importCsv(base, board.id, token, csvOf(2));
      expect(more.status).toBe(409);
      expect(await errorOf(more)).toBe('This board holds 10,000 notes; adding 2 would pass the limit of 10,000 notes per board.');
      expect(notesMap(room.doc).size).toBe(MAX_NOTES_PER_BOARD);
    },
  );

  it('[Q2] a JSON import with more notes than a board holds is refused with 400 naming the limit', { timeout: 60_000 }, async () => {
    const { ts, base } = await serverWith();
    const board = await boardOn(ts);
    addNotes((await ts.server.rooms.acquire(board.id)).doc, [note('the one')], serverOrigin('api'));
    const exported = (await (
      await fetch(`${base}/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${board.tokens.facilitator}` } })
    ).json()) as {
      notes: { id: string }[];
    };
    const [first] = exported.notes;
    if (!first) throw new Error('the export has no note');
    exported.notes = Array.from({ length: MAX_NOTES_PER_BOARD + 1 }, (_, i) => ({ ...first, id: `note-${i}` }));
    const res = await fetch(`${base}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exported),
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe('This file cannot be imported: notes: must hold at most 10,000 records.');
  });

  it(
    '[Q2] a reveal of more private notes than the limit is refused with 400 and a sentence; the notes stay private',
    { timeout: 30_000 },
    async () => {
      const w = await workshopOn(defer);
      const ada = await w.join('participant', 'Ada');
      const own = await w.server.rooms.acquire(w.board.id, { kind: 'private', personId: ada.id });
      const author = { id: ada.id, name: 'Ada', cluster: null };
      addNotes(
        own.doc,
        Array.from({ length: MAX_NOTES_PER_REVEAL + 1 }, (_, i) => note(`private ${i}`, { author })),
        serverOrigin('api'),
      );
      const answer = await w.call<{ error: string }>('POST', '/reveal', ada);
      expect(answer).toEqual({
        status: 400,
        body: { error: 'Too many notes revealed at once: 2,001; the most is 2,000.', code: 'reveal.tooMany', values: { count: 2001, most: 2000 } },
      });
      expect(notesMap((await w.server.rooms.acquire(w.board.id)).doc).size).toBe(0);
      expect(notesMap(own.doc).size).toBe(MAX_NOTES_PER_REVEAL + 1);
    },
  );
});

describe('heavy reads', () => {
  it('[Q3] the notes list and each export are computed once for many identical requests on an unchanged board, again after a change', async () => {
    const { ts, base, computed } = await serverWith();
    const board = await boardOn(ts, 'excite-d1.4');
    const auth = { headers: { authorization: `Bearer ${board.tokens.participant}` } };
    const lists = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/api/boards/${board.id}/notes`, auth)));
    const bodies = await Promise.all(lists.map((r) => r.text()));
    expect(lists.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    for (let i = 0; i < 5; i++) expect((await fetch(`${base}/api/boards/${board.id}/notes`, auth)).status).toBe(200);
    expect(await computed('notes')).toBe(1);

    for (const format of ['md', 'csv', 'json', 'docx', 'html']) {
      const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${base}/api/boards/${board.id}/export?format=${format}`, auth)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      await Promise.all(answers.map((r) => r.arrayBuffer()));
      expect(await computed(`export-${format}`)).toBe(1);
    }

    addNotes((await ts.server.rooms.acquire(board.id)).doc, [note('a change')], serverOrigin('api'));
    const after = await fetch(`${base}/api/boards/${board.id}/notes`, auth);
    expect(await after.text()).toContain('a change');
    expect(await computed('notes')).toBe(2);
  });

  it('[Q3] a client past its read budget gets 429 with Retry-After, and reads from the cache stay cheap', async () => {
    const { ts, base, computed } = await serverWith({ quotas: { createPolicy: 'open', readNotesPerSecond: 1, readNotesBurst: 1000 } });
    const board = await boardOn(ts);
    const room = await ts.server.rooms.acquire(board.id);
    addNotes(
      room.doc,
      Array.from({ length: 500 }, (_, i) => note(`n${i}`)),
      serverOrigin('api'),
    );
    const auth = { headers: { authorization: `Bearer ${board.tokens.participant}` } };
    expect((await fetch(`${base}/api/boards/${board.id}/export?format=md`, auth)).status).toBe(200);
    // Answers from the cache cost 10 notes each: the rest of the budget covers many.
    for (let i = 0; i < 10; i++) expect((await fetch(`${base}/api/boards/${board.id}/export?format=md`, auth)).status).toBe(200);
    addNotes(room.doc, [note('forces a new computation')], serverOrigin('api'));
    const refused = await fetch(`${base}/api/boards/${board.id}/export?format=md`, auth);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(refused)).toMatch(
      /^Too many large reads \(notes lists and exports\) from your address just now\. Try again in \d+ seconds\.$/,
    );
    expect(await computed('export-md')).toBe(1);
  });
});

describe('quotas for anonymous work', () => {
  it('[Q4] board creation from one address past its quota answers 429 with a sentence and Retry-After; imports count too', async () => {
    const { base } = await serverWith({ quotas: { createPolicy: 'limited', createBurstPerAddress: 3, createsPerAddressPerHour: 60 } });
    for (let i = 0; i < 3; i++) expect((await createBoard(base)).status).toBe(201);
    const refused = await createBoard(base);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await errorOf(refused)).toMatch(
      /^Too many boards created or imported from your address \(at most 3 boards at once and 60 an hour\)\. Try again in \d+ seconds?\.$/,
    );
    const imported = await fetch(`${base}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(imported.status).toBe(429);
  });

  it('[Q4] the instance quota holds against many addresses (behind a trusted proxy, one per X-Forwarded-For)', async () => {
    const { base } = await serverWith({
      trustProxy: ['127.0.0.1'],
      quotas: { createPolicy: 'limited', createBurstPerInstance: 4, createsPerInstancePerHour: 60 },
    });
    for (let i = 0; i < 4; i++) expect((await createBoard(base, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status).toBe(201);
    const refused = await createBoard(base, { 'x-forwarded-for': '203.0.113.99' });
    expect(refused.status).toBe(429);
    expect(await errorOf(refused)).toMatch(/^This server is creating too many boards just now \(at most 60 an hour\)\. Try again in \d+ seconds?\.$/);
  });

  it('[Q4] CREATE_POLICY token: only a request bearing ADMIN_TOKEN creates a board', async () => {
    const adminToken = 'admin-token-for-the-test-0123456789';
    const { base } = await serverWith({ quotas: { createPolicy: 'token', adminToken } });
    const missing = await createBoard(base);
    expect(missing.status).toBe(401);
    expect(await errorOf(missing)).toBe('Only the administrator may create boards on this server: send its token as Authorization: Bearer <token>.');
    expect((await createBoard(base, { authorization: 'Bearer not-the-admin-token-at-all-000' })).status).toBe(403);
    expect((await createBoard(base, { authorization: `Bearer ${adminToken}` })).status).toBe(201);
  });

  it('[Q5] CSV imports into a board are metered per address under the limited policy', async () => {
    const { ts, base } = await serverWith({ quotas: { createPolicy: 'limited', createBurstPerAddress: 2, createsPerAddressPerHour: 60 } });
    const board = await boardOn(ts);
    for (let i = 0; i < 2; i++) expect((await importCsv(base, board.id, board.tokens.facilitator, csvOf(3))).status).toBe(200);
    const refused = await importCsv(base, board.id, board.tokens.facilitator, csvOf(3));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(notesMap((await ts.server.rooms.acquire(board.id)).doc).size).toBe(6);
  });
});

describe('the loaded-board cap over HTTP', () => {
  it('[Q6] a request that would load a board past the cap answers 503 with a sentence and Retry-After, not 500', async () => {
    const { ts, base } = await serverWith({ limits: { boardsLoaded: 1 } });
    const busy = await boardOn(ts);
    const other = await boardOn(ts);
    // Someone is in the first board, so it stays loaded whatever the server does with idle ones.
    await waitForSync(clientOf(defer, ts.server, busy.id, busy.tokens.participant));
    const res = await fetch(`${base}/api/boards/${other.id}/notes`, { headers: { authorization: `Bearer ${other.tokens.participant}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await errorOf(res)).toBe('This server has as many boards open as it can hold just now. Please try again in a minute.');
  });
});
