/**
 * Attribution and counts over the real server (SPEC AT1-AT6): names and clusters come from the
 * people records, every figure from the people who joined, and no stored time takes a list or an
 * export down. Notes are written as a browser writes them: over the board's socket, with a seat.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { BOARD_DOC, type CreatedBoard } from '../../shared/protocol';
import { cleanupAfterEach, waitForAsync } from './support';
import { type Caller, type Person, synced, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

const DAY = 86_400_000;

async function text(ws: Workshop, path: string, who: Caller = ws.facilitator, boardId = ws.board.id): Promise<{ status: number; body: string }> {
  const res = await fetch(`${ws.server.url}/api/boards/${boardId}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
  return { status: res.status, body: await res.text() };
}

interface ListedNote {
  id: string;
  text: string;
  author: string;
  cluster: string | null;
  createdAt: string | null;
}

async function listed(ws: Workshop): Promise<ListedNote[]> {
  const answer = await ws.call<{ notes: ListedNote[] }>('GET', '/notes', ws.viewer);
  expect(answer.status).toBe(200);
  return answer.body.notes;
}

/** Writes a note over the person's own board socket, as their browser does, and waits until the server has it. */
async function writeAs(
  ws: Workshop,
  person: Person,
  input: { text: string; name?: string; cluster?: string | null; createdAt?: number },
): Promise<string> {
  const client = ws.open(BOARD_DOC, person, new Y.Doc());
  await synced(client);
  const id = addNote(
    client.doc,
    // The name and cluster copies are whatever this client claims; the author id is the seat's person.
    {
      text: input.text,
      dimension: 'strategy',
      kind: 'good-practice',
      author: { id: person.id, name: input.name ?? 'Copy of a name', cluster: input.cluster ?? null },
    },
    localOrigin(person.id),
  );
  if (input.createdAt !== undefined) (notesMap(client.doc).get(id) as Y.Map<unknown>).set('createdAt', input.createdAt);
  await waitForAsync(async () => (await listed(ws)).some((n) => n.id === id), `the server has "${input.text}"`);
  client.destroy();
  return id;
}

function engagementTable(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Cluster') && !line.startsWith('| ---'));
}

function timeLines(markdown: string): string[] {
  const after = (markdown.split('Notes written per')[1] ?? '').split('\n## ')[0] ?? '';
  return after.split('\n').filter((line) => line.startsWith('- '));
}

describe('attribution comes from the server', () => {
  it('[AT2] a participant cannot credit another cluster: the name and cluster written into a note are not what is shown or counted, and a rename shows everywhere', async () => {
    const ws = await workshopOn(defer);
    const eve = await ws.join('participant', 'Eve', 'dti');
    await writeAs(ws, eve, { text: 'Our great practice', name: 'Ana Garcia', cluster: 'gaia' });

    expect((await listed(ws)).find((n) => n.text === 'Our great practice')).toMatchObject({ author: 'Eve', cluster: 'dti' });
    const markdown = (await text(ws, '/export?format=md')).body;
    expect(markdown).toContain('- Our great practice — *DTI Cluster*');
    expect(engagementTable(markdown)).toEqual(['| DTI Cluster | 1 | 0 | 1 | 0 | 0 | 0 | 1 |']);
    expect(markdown).not.toContain('GAIA');
    expect(markdown).not.toContain('Ana Garcia');
    const csv = (await text(ws, '/export?format=csv')).body;
    expect(csv).toContain('Our great practice,Eve,DTI Cluster');

    expect((await ws.call('PUT', '/people/me', eve, { name: 'Eve Ivanova', cluster: 'dti' })).status).toBe(204);
    expect((await listed(ws)).find((n) => n.text === 'Our great practice')).toMatchObject({ author: 'Eve Ivanova' });
    expect((await text(ws, '/export?format=csv')).body).toContain('Our great practice,Eve Ivanova,DTI Cluster');
  });

  it('[AT6] a note posted over REST counts once: with a seat it is the person\'s own, without one its source is "API" and nobody\'s', async () => {
    const ws = await workshopOn(defer);
    const ana = await ws.join('participant', 'Ana', 'gaia');
    await writeAs(ws, ana, { text: 'Written on the board', cluster: 'gaia' });
    const note = { text: 'Posted over REST', dimension: 'strategy', kind: 'need', author: 'Ana', cluster: 'gaia' };
    expect((await ws.call('POST', '/notes', ana, note)).status).toBe(201);
    expect((await ws.call('POST', '/notes', ws.participant, { ...note, text: 'Posted by the CRM', author: 'Ana' })).status).toBe(201);
    const markdown = (await text(ws, '/export?format=md')).body;
    // One participant, two contributions (the board note and her REST note); the CRM's note is nobody's.
    expect(engagementTable(markdown)).toEqual(['| GAIA | 1 | 0 | 2 | 0 | 0 | 0 | 2 |']);
    expect(markdown).toContain('- **GAIA**: Ana\n');
    const notes = await listed(ws);
    expect(notes.find((n) => n.text === 'Posted over REST')).toMatchObject({ author: 'Ana', cluster: 'gaia' });
    expect(notes.find((n) => n.text === 'Posted by the CRM')).toMatchObject({ author: 'Ana (API)', cluster: 'gaia' });
    expect((await ws.call('POST', '/notes', { ...ana, seat: `${ana.id}.wrong` }, note)).status).toBe(401);
  });

  it('[AT1] a CSV import sent with a seat reads "CSV import by <name>" and counts for nobody', async () => {
    const ws = await workshopOn(defer);
    const fay = await ws.join('facilitator', 'Fay', null);
    const res = await fetch(`${ws.server.url}/api/boards/${ws.board.id}/notes/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${fay.token}`, 'x-clusterboard-seat': fay.seat },
      body: 'dimension,kind,text,cluster,author\nCluster strategy,Good practice,Imported practice,GAIA,\n',
    });
    expect(res.status).toBe(200);
    expect((await listed(ws)).find((n) => n.text === 'Imported practice')).toMatchObject({ author: 'CSV import by Fay', cluster: 'gaia' });
    const markdown = (await text(ws, '/export?format=md')).body;
    expect(engagementTable(markdown)).toEqual(['| no cluster | 1 | 0 | 0 | 0 | 0 | 0 | 0 |']);
    // The cluster is the import's claim, and the report says whose.
    expect(markdown).toContain('- Imported practice — *GAIA* *(CSV import by Fay)*');
  });
});

describe('engagement comes from the people who joined', () => {
  it('[AT3] a board started "From a previous board" that nobody joined reports no participants, contributions or time chart', async () => {
    const ws = await workshopOn(defer);
    const ana = await ws.join('participant', 'Ana', 'gaia');
    await writeAs(ws, ana, { text: 'A practice worth carrying', cluster: 'gaia' });
    const created = await fetch(`${ws.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Next workshop', template: 'previous-board', from: { board: ws.board.id, token: ws.participant.token } }),
    });
    expect(created.status).toBe(201);
    const next = (await created.json()) as CreatedBoard;
    const token = decodeURIComponent(/#token=(.+)$/.exec(next.links.facilitator)?.[1] ?? '');
    const markdown = (await text(ws, '/export?format=md', { token }, next.id)).body;
    expect(markdown).toContain('- A practice worth carrying — *GAIA* *(from “Test board”)*');
    expect(markdown).toContain('\n\nNobody has joined this board yet.\n');
    expect(markdown).toContain('## 4. Engagement\n\nNo participant contributions yet.');
    expect(markdown).not.toContain('Notes written per');
  });

  it('[AT4] a participant whose clock is a year behind does not turn the time chart into hundreds of rows', async () => {
    const ws = await workshopOn(defer);
    const ana = await ws.join('participant', 'Ana', 'gaia');
    await writeAs(ws, ana, { text: 'Written a year ago, says the laptop', cluster: 'gaia', createdAt: Date.now() - 366 * DAY });
    await writeAs(ws, ana, { text: 'Written now', cluster: 'gaia' });
    const markdown = (await text(ws, '/export?format=md')).body;
    const lines = timeLines(markdown);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThanOrEqual(48);
    expect(lines.reduce((sum, line) => sum + Number(line.split(': ').at(-1)), 0)).toBe(2);
  });

  it('[AT5] a facilitator without a cluster is shown and counted under "no cluster", never as the consortium', async () => {
    const ws = await workshopOn(defer);
    const fay = await ws.join('facilitator', 'Fay', null);
    await writeAs(ws, fay, { text: 'Facilitator note', name: 'Fay', cluster: null });
    const markdown = (await text(ws, '/export?format=md')).body;
    expect(markdown).toContain('- **no cluster**: Fay');
    expect((await listed(ws)).find((n) => n.text === 'Facilitator note')).toMatchObject({ author: 'Fay', cluster: null });
    expect(engagementTable(markdown)).toEqual(['| no cluster | 1 | 0 | 1 | 0 | 0 | 0 | 1 |']);
    expect(markdown).not.toContain('EXCITE consortium');
    expect((await text(ws, '/export?format=csv')).body).toContain('Facilitator note,Fay,no cluster');
  });
});

describe('no stored time takes a list or an export down', () => {
  it('[AT4] a board imported with a note dated 1e300 exports as Markdown (or the import is refused, naming the field)', async () => {
    const ws = await workshopOn(defer);
    const exported = JSON.parse((await text(ws, '/export?format=json')).body) as { notes: unknown[] };
    const note = {
      id: 'n1',
      text: 'From the far future',
      dimension: 'strategy',
      kind: 'need',
      themeId: null,
      order: 'a0',
      colour: null,
      authorId: '',
      authorName: 'X',
      cluster: null,
      createdAt: 1e300,
      updatedAt: 1e300,
      carriedFrom: null,
    };
    const imported = await fetch(`${ws.server.url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...exported, notes: [note] }),
    });
    if (imported.status === 400) {
      expect(((await imported.json()) as { error: string }).error).toMatch(/createdAt/);
      return;
    }
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreatedBoard;
    const token = decodeURIComponent(/#token=(.+)$/.exec(copy.links.facilitator)?.[1] ?? '');
    const started = Date.now();
    const markdown = await text(ws, '/export?format=md', { token }, copy.id);
    expect(markdown.status).toBe(200);
    expect(markdown.body).toContain('From the far future');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('[AT4] a note dated 9e15 already on a board: the notes list and the CSV answer 200 for everyone', async () => {
    const ws = await workshopOn(defer);
    const ana = await ws.join('participant', 'Ana', 'gaia');
    const id = await writeAs(ws, ana, { text: 'Dated 9e15', cluster: 'gaia' });
    // Stored as a board from before the guard bounded times holds it (the guard may refuse it now).
    const room = await ws.server.rooms.acquire(ws.board.id);
    (notesMap(room.doc).get(id) as Y.Map<unknown>).set('createdAt', 9e15);
    expect((await listed(ws)).find((n) => n.id === id)).toMatchObject({ createdAt: null });
    const csv = await text(ws, '/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('Dated 9e15,Ana,GAIA,0,,\r\n');
    for (const format of ['md', 'docx', 'json']) expect((await text(ws, `/export?format=${format}`)).status, format).toBe(200);
  });
});
