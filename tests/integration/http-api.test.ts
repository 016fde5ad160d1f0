/** The JSON API over real HTTP (SPEC H1). */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type BoardInfo, CONTROL_DOC, type CreatedBoard, ROLES } from '../../shared/protocol';
import { boardView } from '../../shared/view/boardView';
import { resultsMap } from '../../shared/workshop/control';
import { waitForSync } from '../helpers/server';
import { cleanupAfterEach, clientOf, serverFor, TEMPLATE_NOTE_COUNT, waitFor } from './support';

const defer = cleanupAfterEach();

/** A fresh server and small fetch helpers for its API. */
async function api() {
  const { current: ts } = await serverFor(defer);
  const base = ts.server.url;
  const post = (body: string, contentType: string | null = 'application/json') =>
    fetch(`${base}/api/boards`, {
      method: 'POST',
      headers: contentType === null ? {} : { 'content-type': contentType },
      body,
    });
  const create = async (input: unknown): Promise<CreatedBoard> => {
    const res = await post(JSON.stringify(input));
    expect(res.status).toBe(201);
    return (await res.json()) as CreatedBoard;
  };
  const get = (path: string, token?: string) => fetch(`${base}${path}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { ts, base, post, create, get };
}

function tokenOf(link: string): string {
  const match = /#token=([^&]+)$/.exec(link);
  if (!match?.[1]) throw new Error(`no token in ${link}`);
  return decodeURIComponent(match[1]);
}

async function errorOf(res: Response): Promise<string> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  return body.error as string;
}

describe('POST /api/boards', () => {
  it('[H1] creates a board (201) with a facilitator, participant and viewer link, each carrying its token in the fragment', async () => {
    const { base, create, get } = await api();
    const created = await create({ title: '  Workshop Vilnius  ' });
    expect(created.title).toBe('Workshop Vilnius');
    expect(Object.keys(created.links).sort()).toEqual([...ROLES].sort());

    const tokens = ROLES.map((role) => tokenOf(created.links[role]));
    expect(new Set(tokens).size).toBe(3);
    for (const role of ROLES) {
      expect(created.links[role].startsWith(`${base}/b/${created.id}#token=`)).toBe(true);
      // Each link's token grants exactly its own role.
      const res = await get(`/api/boards/${created.id}`, tokenOf(created.links[role]));
      expect(res.status).toBe(200);
      const info = (await res.json()) as BoardInfo;
      expect(info).toMatchObject({ id: created.id, title: 'Workshop Vilnius', template: null, role });
    }
  });

  it('[H1] accepts a template by id or by its "EXCITE D1.4" label, in any case', async () => {
    const { ts, create, get } = await api();
    for (const template of ['excite-d1.4', 'EXCITE D1.4', 'excite d1.4']) {
      const created = await create({ title: 'From template', template });
      const info = (await (await get(`/api/boards/${created.id}`, tokenOf(created.links.viewer))).json()) as BoardInfo;
      expect(info.template, template).toBe('excite-d1.4');
    }
    // And the created board really holds the template over the socket.
    const created = await create({ title: 'Check', template: 'EXCITE D1.4' });
    const client = clientOf(defer, ts.server, created.id, tokenOf(created.links.participant));
    await waitForSync(client);
    expect(boardView(client.doc).noteCount).toBe(TEMPLATE_NOTE_COUNT);
    expect(boardView(client.doc).meta.title).toBe('Check');
  });

  it.each([
    { name: 'an empty title', body: JSON.stringify({ title: '' }), message: /^A board needs a title\.$/ },
    { name: 'a blank title', body: JSON.stringify({ title: '   ' }), message: /^A board needs a title\.$/ },
    { name: 'a missing title', body: JSON.stringify({}), message: /^A board needs a title\.$/ },
    { name: 'an unknown template', body: JSON.stringify({ title: 'T', template: 'kanban' }), message: /template must be one of: .*"EXCITE D1\.4"/ },
    { name: 'invalid JSON', body: '{"title": ', message: /not valid JSON/ },
  ])('[H1] answers 400 with a clear message for $name', async ({ body, message }) => {
    const { post } = await api();
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(message);
  });

  it('[T2] "From a previous board" carries its good practices and open needs, needing a writer\'s link of that board', async () => {
    const { ts, post, create, get } = await api();
    const previous = await create({ title: 'Dresden workshop', template: 'EXCITE D1.4' });
    const source = { board: previous.id, token: tokenOf(previous.links.participant) };
    const next = await create({ title: 'Vilnius workshop', template: 'From a previous board', from: source });
    const info = (await (await get(`/api/boards/${next.id}`, tokenOf(next.links.viewer))).json()) as BoardInfo;
    expect(info.template).toBe('previous-board');
    const client = clientOf(defer, ts.server, next.id, tokenOf(next.links.viewer));
    await waitForSync(client);
    const notes = [...boardView(client.doc).notesById.values()];
    // The template board links no needs to practices: every need and practice comes, no challenge.
    expect(notes.filter((n) => n.kind === 'challenge')).toEqual([]);
    expect(notes).toHaveLength(TEMPLATE_NOTE_COUNT - 31);
    expect(notes.every((n) => n.carriedFrom?.boardId === previous.id && n.carriedFrom.boardTitle === 'Dresden workshop')).toBe(true);

    for (const [from, status] of [
      [undefined, 400],
      [{ ...source, token: 'wrong' }, 401],
      [{ ...source, token: tokenOf(previous.links.viewer) }, 403],
      [{ ...source, board: 'doesnotexist1234' }, 404],
    ] as const) {
      const res = await post(JSON.stringify({ title: 'Next', template: 'previous-board', from }));
      expect(res.status, JSON.stringify(from)).toBe(status);
    }
  });

  it('[H1] answers 415 when the body is not sent as JSON', async () => {
    const { post } = await api();
    for (const contentType of ['text/plain', null]) {
      const res = await post(JSON.stringify({ title: 'T' }), contentType);
      expect(res.status, String(contentType)).toBe(415);
      expect(await errorOf(res)).toMatch(/application\/json/);
    }
  });
});

describe('GET /api/boards/:id', () => {
  it('[H1] answers 401 for a wrong, missing or other-board token', async () => {
    const { create, get } = await api();
    const board = await create({ title: 'Mine' });
    const other = await create({ title: 'Theirs' });
    for (const token of ['wrong', undefined, tokenOf(other.links.facilitator)]) {
      const res = await get(`/api/boards/${board.id}`, token);
      expect(res.status, String(token)).toBe(401);
      await errorOf(res);
    }
  });

  it('[H1] accepts the token as ?token= too', async () => {
    const { create, get } = await api();
    const board = await create({ title: 'Query' });
    const res = await get(`/api/boards/${board.id}?token=${encodeURIComponent(tokenOf(board.links.participant))}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as BoardInfo).role).toBe('participant');
  });

  it.each(['abcdefgh12345678', 'Not-A-Board-Id', '%E0%A4%A', '%ZZ'])('[H1] answers 404 (not 500) for the unknown board id %s', async (id) => {
    const { create, get } = await api();
    const board = await create({ title: 'Exists' });
    const res = await get(`/api/boards/${id}`, tokenOf(board.links.facilitator));
    expect(res.status).toBe(404);
    await errorOf(res);
  });
});

describe('other paths', () => {
  it('[H1] GET /healthz answers 200 ok', async () => {
    const { get } = await api();
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', rooms: 0, connections: 0 });
  });

  it.each(['/api/nope', '/api/boards/abc/def', '/api/'])('[H1] an unknown API path %s answers 404 JSON', async (path) => {
    const { get } = await api();
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatch(/No such API endpoint/);
  });
});

/** Sends raw bytes on a TCP connection and resolves with everything the server answered. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(3000, () => socket.destroy(new Error('no answer')));
  });
}

describe('malformed requests', () => {
  it.each([
    ['a request line that is not a URL', 'GET //[/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
    ['an absolute URL that is not one', 'GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', /^HTTP\/1\.1 400/],
    [
      'an upgrade to a URL that is not one',
      'GET //[/ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      /^HTTP\/1\.1 400/,
    ],
  ])('[H1] %s gets 400 and the server keeps serving', async (_name, request, expected) => {
    const { ts, get } = await api();
    expect(await rawRequest(ts.server.port, request)).toMatch(expected);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('GET /api/boards/:id/export', () => {
  it('[R4] exports the Markdown report and the CSV to a participant, without changing the board', async () => {
    const { ts, create, get } = await api();
    const board = await create({ title: 'Export me', template: 'EXCITE D1.4' });
    const participant = tokenOf(board.links.participant);
    const client = clientOf(defer, ts.server, board.id, participant);
    await waitForSync(client);
    const before = Y.encodeStateVector(client.doc);

    const md = await get(`/api/boards/${board.id}/export?format=md`, participant);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="export-me-\d{4}-\d{2}-\d{2}\.md"$/);
    const text = await md.text();
    // [RD2] The EXCITE template's cover carries D1.4's title; the board's own follows it.
    expect(text).toContain('# Initial Report on Collection of Best Practices\n\n*Export me*');
    expect(text).toContain('### 2.1 Cluster structure');
    expect(text).toContain('B2B events with an entry fee. — *Silicon Saxony*');

    const csv = await get(`/api/boards/${board.id}/export?format=csv`, tokenOf(board.links.facilitator));
    expect(csv.status).toBe(200);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n').length).toBe(TEMPLATE_NOTE_COUNT + 2);

    const room = ts.server.rooms.peek(board.id);
    expect(room && Y.encodeStateVector(room.doc)).toEqual(before);
  });

  it('[R4] refuses a viewer (403), an unknown format (400), a wrong token (401) and an unknown board (404)', async () => {
    const { create, get } = await api();
    const board = await create({ title: 'Guarded' });
    expect((await get(`/api/boards/${board.id}/export?format=md`, tokenOf(board.links.viewer))).status).toBe(403);
    const bad = await get(`/api/boards/${board.id}/export?format=pdf`, tokenOf(board.links.participant));
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/format must be one of: md, csv/);
    expect((await get(`/api/boards/${board.id}/export?format=md`, 'nope')).status).toBe(401);
    expect((await get(`/api/boards/zzzzzzzzzzzzzzzz/export?format=md`, 'nope')).status).toBe(404);
  });
});

describe('JSON export and import', () => {
  it('[R6] a board exported as JSON and imported through the API opens with the same notes', async () => {
    const { base, create, get } = await api();
    const board = await create({ title: 'Round trip', template: 'EXCITE D1.4' });
    const exported = await get(`/api/boards/${board.id}/export?format=json`, tokenOf(board.links.participant));
    expect(exported.status).toBe(200);
    const body = await exported.text();
    const imported = await fetch(`${base}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreatedBoard;
    expect(copy.id).not.toBe(board.id);
    const again = await get(`/api/boards/${copy.id}/export?format=json`, tokenOf(copy.links.participant));
    const strip = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), exportedAt: null });
    expect(strip(await again.text())).toEqual(strip(body));
  });

  it('[R6] votes survive the round trip: exported per note, imported as published results that rank the report', async () => {
    const { ts, base, create, get } = await api();
    const board = await create({ title: 'Voted board', template: 'EXCITE D1.4' });
    const participant = tokenOf(board.links.participant);
    const noteIds = ((await (await get(`/api/boards/${board.id}/notes`, participant)).json()) as { notes: { id: string }[] }).notes.map((n) => n.id);
    // Results as a closed round publishes them (the workshop tests cover how votes get there).
    const control = await ts.server.rooms.acquire(board.id, CONTROL_DOC);
    control.doc.transact(() => resultsMap(control.doc).set('round1', { [noteIds[3]!]: 4, [noteIds[5]!]: 1 }));

    const body = await (await get(`/api/boards/${board.id}/export?format=json`, participant)).text();
    expect((JSON.parse(body) as { votes: unknown }).votes).toEqual({ [noteIds[3]!]: 4, [noteIds[5]!]: 1 });
    const imported = await fetch(`${base}/api/boards/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const copy = (await imported.json()) as CreatedBoard;
    const again = JSON.parse(await (await get(`/api/boards/${copy.id}/export?format=json`, tokenOf(copy.links.participant))).text()) as {
      votes: unknown;
    };
    expect(again.votes).toEqual({ [noteIds[3]!]: 4, [noteIds[5]!]: 1 });
    const report = await (await get(`/api/boards/${copy.id}/export?format=md`, tokenOf(copy.links.participant))).text();
    expect(report).toContain('(4 votes)');
  });

  it('[R6] refuses a file that is not a board export, saying where it is wrong (400)', async () => {
    const { base } = await api();
    const res = await fetch(`${base}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        format: 'clusterboard.board',
        version: 1,
        exportedAt: 'x',
        board: { title: 'T', template: null, createdAt: 1 },
        notes: [{ id: 'n' }],
        themes: [],
        links: [],
      }),
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^This file cannot be imported: notes\[0\]\.text: /);
  });
});

describe('notes API and CSV import', () => {
  it('[A1] a note posted through the API appears live on an open board, and is listed', async () => {
    const { ts, base, create } = await api();
    const board = await create({ title: 'Integrations' });
    const token = tokenOf(board.links.participant);
    const client = clientOf(defer, ts.server, board.id, token);
    await waitForSync(client);
    const posted = await fetch(`${base}/api/boards/${board.id}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'From the CRM', dimension: 'business-model', kind: 'need', author: 'CRM bot', cluster: 'gaia' }),
    });
    expect(posted.status).toBe(201);
    const { id } = (await posted.json()) as { id: string };
    await waitFor(() => boardView(client.doc).notesById.get(id)?.text === 'From the CRM', 'the open board shows the posted note');
    expect(boardView(client.doc).notesById.get(id)).toMatchObject({ authorName: 'CRM bot', clusterLabel: 'GAIA', dimension: 'business-model' });

    const listed = await fetch(`${base}/api/boards/${board.id}/notes`, { headers: { authorization: `Bearer ${tokenOf(board.links.viewer)}` } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { notes: { text: string }[] }).notes.map((n) => n.text)).toEqual(['From the CRM']);
  });

  it('[A1] refuses an invalid note (400 saying why) and a viewer (403)', async () => {
    const { base, create } = await api();
    const board = await create({ title: 'Guarded notes' });
    const post = (token: string, body: unknown) =>
      fetch(`${base}/api/boards/${board.id}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const bad = await post(tokenOf(board.links.facilitator), { text: 'x', dimension: 'finance', kind: 'need', author: 'A' });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/^dimension must be one of/);
    expect((await post(tokenOf(board.links.viewer), { text: 'x', dimension: 'strategy', kind: 'need', author: 'A' })).status).toBe(403);
  });

  it('[I1] a CSV import adds the good lines in one go, live, and reports the bad ones by line', async () => {
    const { ts, base, create } = await api();
    const board = await create({ title: 'CSV' });
    const token = tokenOf(board.links.facilitator);
    const client = clientOf(defer, ts.server, board.id, token);
    await waitForSync(client);
    const csv =
      'dimension,kind,text,cluster,author\nCluster strategy,Challenge,Weak KPIs,GAIA,Ana\nFinance,Challenge,Nope,,\n3,Good practice,Working groups,Mazovia Cluster ICT,Piotr\n';
    const res = await fetch(`${base}/api/boards/${board.id}/notes/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: 2,
      problems: [{ line: 3, reason: 'Unknown dimension "Finance".', code: 'csv.unknownDimension', values: { value: 'Finance' } }],
    });
    await waitFor(() => boardView(client.doc).noteCount === 2, 'the open board shows both imported notes');
  });
});
