/**
 * A seat is a person (SPEC "Seats and votes", SE1-SE7), over real HTTP and sockets: re-joining
 * returns the held seat, seats are bounded per link and per address, the facilitator removes
 * people and merges clusters, a hidden round hides each person's usage, snapshots keep votes.
 */
import { describe, expect, it } from 'vitest';
import { addNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { CONTROL_DOC, type CreatedBoard, PERSON_REMOVED_REASON, type Seat, SEAT_HEADER } from '../../shared/protocol';
import type { Engagement } from '../../shared/report/engagement';
import type { BoardExport } from '../../shared/report/json';
import type { MyVotes } from '../../shared/workshop/commands';
import type { VotingConfig } from '../../shared/workshop/control';
import { boardOn, cleanupAfterEach, note } from './support';
import { type Answer, type Caller, controlOf, roundTrip, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

interface PersonSummary {
  id: string;
  name: string;
  cluster: string | null;
  votesUsed: number;
}

/** Joins as `token`'s role, optionally sending a held seat and a forwarded client address. */
async function joinAs(w: Workshop, token: string, body: { name: string; cluster: string | null }, extra: { seat?: string; from?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (extra.seat) headers[SEAT_HEADER] = extra.seat;
  if (extra.from) headers['x-forwarded-for'] = extra.from;
  const res = await fetch(`${w.server.url}/api/boards/${w.board.id}/people`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Seat & { error?: string } };
}

function vote(w: Workshop, who: Caller, noteId: string, change: 1 | -1 = 1): Promise<Answer<MyVotes & { error?: string }>> {
  return w.call('POST', '/votes', who, { noteId, change });
}

async function openRound(w: Workshop, config: Partial<VotingConfig>): Promise<string> {
  await w.command({ type: 'openVoting', config: { budget: 3, maxPerNote: 3, clusterCap: null, hideResults: false, ...config } });
  const round = controlOf(await w.server.rooms.acquire(w.board.id, CONTROL_DOC)).round;
  if (!round) throw new Error('no round opened');
  return round.id;
}

async function noteOn(w: Workshop, text: string): Promise<string> {
  return addNote((await w.server.rooms.acquire(w.board.id)).doc, note(text), serverOrigin('api'));
}

describe('a seat is a person', () => {
  it('[SE1] joining again with the seat the browser holds returns that seat with the new name and cluster, and creates nobody', async () => {
    const w = await workshopOn(defer);
    const first = await joinAs(w, w.board.tokens.participant, { name: 'Ada', cluster: 'gaia' });
    expect(first.status).toBe(201);
    const again = await joinAs(w, w.board.tokens.participant, { name: 'Ada Lovelace', cluster: 'scs' }, { seat: first.body.seat });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const people = await w.ts.store.listPeople(w.board.id);
    expect(people.map((p) => [p.id, p.name, p.cluster])).toEqual([[first.body.personId, 'Ada Lovelace', 'scs']]);
    const control = w.server.rooms.peek(w.board.id, CONTROL_DOC);
    expect(control && controlOf(control).people.get(first.body.personId)).toMatchObject({ name: 'Ada Lovelace', cluster: 'scs' });

    // A seat that is not this board's, or a forged one, is no seat: a new person joins.
    const other = await boardOn(w.ts);
    const elsewhere = await fetch(`${w.server.url}/api/boards/${other.id}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other.tokens.participant}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', cluster: null }),
    }).then((res) => res.json() as Promise<Seat>);
    expect((await joinAs(w, w.board.tokens.participant, { name: 'Ada', cluster: null }, { seat: elsewhere.seat })).status).toBe(201);
    expect((await joinAs(w, w.board.tokens.participant, { name: 'Ada', cluster: null }, { seat: `${first.body.personId}.forged` })).status).toBe(201);
    expect(await w.ts.store.listPeople(w.board.id)).toHaveLength(3);
  });

  it('[SE1][SE3] joining again cannot change the cluster while a vote is open (409 with a sentence); the name may change', async () => {
    const w = await workshopOn(defer);
    const ada = await joinAs(w, w.board.tokens.participant, { name: 'Ada', cluster: 'gaia' });
    await openRound(w, {});
    const moved = await joinAs(w, w.board.tokens.participant, { name: 'Ada', cluster: 'scs' }, { seat: ada.body.seat });
    expect(moved.status).toBe(409);
    expect(moved.body.error).toBe('Your cluster cannot change while a vote is open. Change it once the facilitator closes the vote.');
    expect((await joinAs(w, w.board.tokens.participant, { name: 'Ada L.', cluster: 'gaia' }, { seat: ada.body.seat })).status).toBe(200);
    expect(await w.ts.store.getPerson(w.board.id, ada.body.personId)).toMatchObject({ name: 'Ada L.', cluster: 'gaia' });
  });
});

describe('seat limits', () => {
  it('[SE2] the stuffing attempt of one participant link from one address: 300 seats with made-up clusters and 600 votes on one note', async () => {
    const w = await workshopOn(defer);
    const noteId = await noteOn(w, 'the note to stuff');
    // All at once: the board's turn makes the limit hold under concurrency.
    const joins = await Promise.all(
      Array.from({ length: 300 }, (_, i) => joinAs(w, w.board.tokens.participant, { name: `Bot ${i}`, cluster: `other:Made-up ${i % 50}` })),
    );
    const seated = joins.filter((j) => j.status === 201);
    const refused = joins.filter((j) => j.status === 429);
    expect(seated).toHaveLength(100);
    expect(refused).toHaveLength(200);
    expect(refused[0]?.body.error).toBe(
      '100 people have already joined this board from your network, the most one network may. If you are all in one room, ask the facilitator to remove people who left.',
    );
    expect(await w.ts.store.listPeople(w.board.id)).toHaveLength(100);

    const roundId = await openRound(w, { budget: 3, maxPerNote: 3, clusterCap: 4 });
    const bots: Caller[] = seated.map((j) => ({ token: w.board.tokens.participant, seat: j.body.seat }));
    const statuses = await Promise.all(bots.flatMap((bot) => Array.from({ length: 6 }, () => vote(w, bot, noteId).then((a) => a.status))));
    expect(statuses).toHaveLength(600);
    // Fifty made-up clusters: the cap (4) holds per cluster, the budget (3) per person.
    const ballots = await w.ts.store.getBallots(w.board.id, roundId);
    const perPerson = new Map<string, number>();
    for (const b of ballots) perPerson.set(b.personId, (perPerson.get(b.personId) ?? 0) + b.count);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(3);
    const clusterOf = new Map((await w.ts.store.listPeople(w.board.id)).map((p) => [p.id, p.cluster]));
    const perCluster = new Map<string | null | undefined, number>();
    for (const b of ballots) perCluster.set(clusterOf.get(b.personId), (perCluster.get(clusterOf.get(b.personId)) ?? 0) + b.count);
    expect(Math.max(...perCluster.values())).toBeLessThanOrEqual(4);
    const total = ballots.reduce((sum, b) => sum + b.count, 0);
    expect(total).toBe(statuses.filter((s) => s === 200).length);
    expect(total).toBeLessThanOrEqual(50 * 4);
    // 900 requests, each in the board's turn: slow on a busy machine, so more time than the default.
  }, 90_000);

  it('[SE2] seats are bounded per link and per address (429 with a sentence); a re-join with the held seat takes no new place', async () => {
    const w = await workshopOn(defer, { seats: { perLink: 4, perAddress: 2 }, trustProxy: ['127.0.0.1'] });
    const participant = w.board.tokens.participant;
    const a1 = await joinAs(w, participant, { name: 'A1', cluster: null }, { from: '198.51.100.1' });
    const a2 = await joinAs(w, participant, { name: 'A2', cluster: null }, { from: '198.51.100.1' });
    expect([a1.status, a2.status]).toEqual([201, 201]);
    const a3 = await joinAs(w, participant, { name: 'A3', cluster: null }, { from: '198.51.100.1' });
    expect(a3.status).toBe(429);
    expect(a3.body.error).toMatch(/^2 people have already joined this board from your network/);
    // The same browser again: its seat back, no new place taken.
    expect((await joinAs(w, participant, { name: 'A1', cluster: null }, { seat: a1.body.seat, from: '198.51.100.1' })).status).toBe(200);

    // Another network still joins, until the link has its four.
    expect((await joinAs(w, participant, { name: 'B1', cluster: null }, { from: '198.51.100.2' })).status).toBe(201);
    expect((await joinAs(w, participant, { name: 'C1', cluster: null }, { from: '198.51.100.3' })).status).toBe(201);
    const full = await joinAs(w, participant, { name: 'D1', cluster: null }, { from: '198.51.100.4' });
    expect(full.status).toBe(429);
    expect(full.body.error).toBe(
      'This participant link already has 4 people on this board, the most it may. Ask the facilitator to remove people who are not taking part, or to start a second board.',
    );
    // Each link has its own share.
    expect((await joinAs(w, w.board.tokens.facilitator, { name: 'F', cluster: null }, { from: '198.51.100.4' })).status).toBe(201);

    // Removing a person frees their place, on the link and on their network.
    await w.command({ type: 'removePerson', personId: a2.body.personId });
    expect((await joinAs(w, participant, { name: 'A4', cluster: null }, { from: '198.51.100.1' })).status).toBe(201);
  });
});

describe('the facilitator and the people of a board', () => {
  it("[SE4] a removed person's seat stops working: 401 on votes, sockets closed (4403), ballots of the open round withdrawn; their notes stay", async () => {
    const w = await workshopOn(defer);
    const noteId = await noteOn(w, 'kept');
    const [ada, bo] = [await w.join('participant', 'Ada', 'gaia'), await w.join('participant', 'Bo', 'gaia')];
    const roundId = await openRound(w, { hideResults: false });
    expect((await vote(w, ada, noteId)).status).toBe(200);
    expect((await vote(w, bo, noteId)).status).toBe(200);
    const privateSocket = w.record({ kind: 'private', personId: ada.id }, ada);
    const boardSocket = w.record({ kind: 'board' }, ada);
    const watcher = w.open(CONTROL_DOC, w.viewer);
    await Promise.all([privateSocket.opened, boardSocket.opened, synced(watcher)]);
    await privateSocket.fetchAll();

    expect((await w.call('POST', '/control', ada, { type: 'removePerson', personId: bo.id })).status).toBe(403);
    await w.command({ type: 'removePerson', personId: ada.id });

    expect(await privateSocket.closed).toEqual({ code: 4403, reason: PERSON_REMOVED_REASON });
    expect((await boardSocket.closed).code).toBe(4403);
    const refused = await vote(w, ada, noteId);
    expect(refused.status).toBe(401);
    expect((await w.call('GET', '/votes/mine', ada)).status).toBe(401);
    expect(await w.ts.store.getBallots(w.board.id, roundId)).toEqual([expect.objectContaining({ personId: bo.id, count: 1 })]);
    await waitFor(() => controlOf(watcher).results.get(roundId)?.[noteId] === 1, 'the published total drops to 1');
    expect(controlOf(watcher).people.has(ada.id)).toBe(false);
    expect((await w.call<{ people: PersonSummary[] }>('GET', '/people', w.facilitator)).body.people.map((p) => p.name)).toEqual(['Bo']);
    expect((await w.server.rooms.acquire(w.board.id)).doc.getMap('notes').has(noteId)).toBe(true);
    expect((await w.call('POST', '/control', w.facilitator, { type: 'removePerson', personId: ada.id })).status).toBe(404);
  });

  it('[SE5] merging a made-up cluster moves everyone of it (records, control document) and the cap then counts them together', async () => {
    const w = await workshopOn(defer);
    const noteId = await noteOn(w, 'capped');
    const real = await w.join('participant', 'Ada', 'other:Silicon Saxony e.V.');
    const fake1 = await w.join('participant', 'Fake 1', 'other:Silicon Saxony');
    const fake2 = await w.join('participant', 'Fake 2', 'other:Silicon Saxony');
    await openRound(w, { budget: 3, maxPerNote: 3, clusterCap: 2 });
    expect((await vote(w, real, noteId)).status).toBe(200);
    expect((await vote(w, fake1, noteId)).status).toBe(200);
    expect((await vote(w, fake1, noteId)).status).toBe(200);
    const watcher = w.open(CONTROL_DOC, w.viewer);
    await synced(watcher);

    await w.command({ type: 'mergeClusters', from: 'other:Silicon Saxony', into: 'other:Silicon Saxony e.V.' });
    for (const person of [fake1, fake2]) {
      expect((await w.ts.store.getPerson(w.board.id, person.id))?.cluster).toBe('other:Silicon Saxony e.V.');
    }
    await waitFor(() => controlOf(watcher).people.get(fake2.id)?.cluster === 'other:Silicon Saxony e.V.', 'the people map follows');
    // One cluster now, with three votes on the note: past its cap of 2.
    const capped = await vote(w, fake2, noteId);
    expect(capped.status).toBe(409);
    expect(capped.body.error).toMatch(/Your cluster has already put 2 votes on this note/);
    expect((await vote(w, real, noteId)).status).toBe(409);

    const bad = await w.call<{ error: string }>('POST', '/control', w.facilitator, { type: 'mergeClusters', from: 'other:Nobody', into: 'gaia' });
    expect(bad).toEqual({
      status: 400,
      body: { error: 'Nobody on this board is in “Other: Nobody”.', code: 'cluster.empty', values: { cluster: 'Other: Nobody' } },
    });
    expect((await w.call('POST', '/control', real, { type: 'mergeClusters', from: 'gaia', into: 'scs' })).status).toBe(403);
  });
});

describe('hidden rounds', () => {
  it("[SE6] during a hidden round nobody (viewers included) sees how many votes each person used; each sees their own, the facilitator everyone's, all once it closes", async () => {
    const w = await workshopOn(defer);
    const noteId = await noteOn(w, 'secret ballot');
    const [ada, bo] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo')];
    await openRound(w, { hideResults: true, budget: 3 });
    const viewer = w.open(CONTROL_DOC, w.viewer);
    const boWatching = w.open(CONTROL_DOC, bo);
    await synced(viewer, boWatching);

    expect((await vote(w, ada, noteId)).body.used).toBe(1);
    expect((await vote(w, ada, noteId)).body.used).toBe(2);
    await roundTrip(viewer);
    await roundTrip(boWatching);
    for (const watcher of [viewer, boWatching]) expect(controlOf(watcher).people.get(ada.id)?.votesUsed).toBe(0);
    expect((await w.call<MyVotes>('GET', '/votes/mine', ada)).body.used).toBe(2);
    const listed = await w.call<{ people: PersonSummary[] }>('GET', '/people', w.facilitator);
    expect(listed.body.people.map((p) => [p.name, p.votesUsed])).toEqual([
      ['Ada', 2],
      ['Bo', 0],
    ]);
    expect((await w.call('GET', '/people', bo)).status).toBe(403);
    expect((await w.call('GET', '/people', w.viewer)).status).toBe(403);

    await w.command({ type: 'closeVoting' });
    await waitFor(() => controlOf(viewer).people.get(ada.id)?.votesUsed === 2, "Ada's count is published with the results");
  });
});

describe('snapshots', () => {
  it('[SE7] [AT2] a snapshot previews and restores with the votes published when it was taken, and names from the people', async () => {
    const w = await workshopOn(defer);
    const noteId = await noteOn(w, 'voted for');
    const ada = await w.join('participant', 'Ada');
    // Her note's stored copy says otherwise: the preview shows her as the people records do.
    const room = await w.server.rooms.acquire(w.board.id);
    const adasNote = addNote(room.doc, note("Ada's idea", { author: { id: ada.id, name: 'An old copy', cluster: 'dti' } }), serverOrigin('api'));
    await openRound(w, { hideResults: true });
    await vote(w, ada, noteId);
    await vote(w, ada, noteId);
    await w.command({ type: 'closeVoting' });
    const entry = await w.call<{ id: string }>('POST', '/history', w.facilitator, { name: 'After the vote' });
    expect(entry.status).toBe(201);
    // A later round changes the live totals, not the snapshot's.
    await openRound(w, { hideResults: false });
    await vote(w, ada, noteId);

    const preview = await w.call<BoardExport>('GET', `/history/${entry.body.id}`, w.facilitator);
    expect(preview.body.votes).toEqual({ [noteId]: 2 });
    expect(preview.body.notes.find((n) => n.id === adasNote)).toMatchObject({ authorId: ada.id, authorName: 'Ada', cluster: null });
    expect((preview.body as BoardExport & { engagement: Engagement }).engagement.totals).toMatchObject({ participants: 1, contributions: 1 });
    const restored = await w.call<CreatedBoard>('POST', `/history/${entry.body.id}/restore`, w.facilitator);
    expect(restored.status).toBe(201);
    const exported = await fetch(`${w.server.url}/api/boards/${restored.body.id}/export?format=json`, {
      headers: { authorization: `Bearer ${(await w.ts.store.getBoard(restored.body.id))?.tokens.facilitator ?? ''}` },
    }).then((res) => res.json() as Promise<BoardExport>);
    expect(exported.votes).toEqual({ [noteId]: 2 });
  });
});
