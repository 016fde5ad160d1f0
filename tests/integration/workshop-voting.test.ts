/** Votes over real HTTP, and what the control document publishes of them (SPEC WV1-WV4). */
import { describe, expect, it } from 'vitest';
import { registerPerson } from '../../server/access/people';
import { addNote, deleteNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { CONTROL_DOC } from '../../shared/protocol';
import type { MyVotes } from '../../shared/workshop/commands';
import { resultsMap, type VotingConfig } from '../../shared/workshop/control';
import { boardOn, cleanupAfterEach, note } from './support';
import { type Answer, type Caller, controlOf, roundTrip, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

/** A board with two notes and an open voting round. */
async function votingBoard(config: Partial<VotingConfig> = {}) {
  const w = await workshopOn(defer);
  const room = await w.server.rooms.acquire(w.board.id);
  const first = addNote(room.doc, note('first'), serverOrigin('api'));
  const second = addNote(room.doc, note('second'), serverOrigin('api'));
  await w.command({ type: 'openVoting', config: { budget: 5, maxPerNote: 3, clusterCap: null, hideResults: false, ...config } });
  const round = controlOf(await w.server.rooms.acquire(w.board.id, CONTROL_DOC)).round;
  if (!round) throw new Error('no round opened');
  return { w, first, second, roundId: round.id };
}

function vote(w: Workshop, who: Caller, noteId: string, change: 1 | -1 = 1, extra: object = {}): Promise<Answer<MyVotes & { error?: string }>> {
  return w.call('POST', '/votes', who, { noteId, change, ...extra });
}

async function statuses(w: Workshop, who: Caller, noteIds: string[], change: 1 | -1 = 1): Promise<number[]> {
  const answers: number[] = [];
  for (const noteId of noteIds) answers.push((await vote(w, who, noteId, change)).status);
  return answers;
}

describe('budgets', () => {
  it('[WV1] a vote over the budget or over the most per note is refused with 409 and counted nowhere; taking one back frees it', async () => {
    const { w, first, second, roundId } = await votingBoard({ budget: 3, maxPerNote: 2 });
    const ada = await w.join('participant', 'Ada');

    expect(await statuses(w, ada, [first, first])).toEqual([200, 200]);
    const overNote = await vote(w, ada, first);
    expect(overNote.status).toBe(409);
    expect(overNote.body.error).toBe('At most 2 of your votes can go on one note.');
    expect((await vote(w, ada, second)).body).toEqual({ roundId, budget: 3, used: 3, notes: { [first]: 2, [second]: 1 } });
    const overBudget = await vote(w, ada, second);
    expect(overBudget.status).toBe(409);
    expect(overBudget.body.error).toBe('You have used all 3 of your votes.');

    expect((await vote(w, ada, first, -1)).status).toBe(200);
    expect((await vote(w, ada, second)).body).toMatchObject({ used: 3, notes: { [first]: 1, [second]: 2 } });
    expect((await w.call<MyVotes>('GET', '/votes/mine', ada)).body).toMatchObject({ used: 3, notes: { [first]: 1, [second]: 2 } });
    expect(await w.ts.store.getBallots(w.board.id, roundId)).toHaveLength(2);
    const control = w.server.rooms.peek(w.board.id, CONTROL_DOC);
    expect(control && controlOf(control).results.get(roundId)).toEqual({ [first]: 1, [second]: 2 });
  });

  it('[WV1] a vote is refused (409) before a round opens and after it closes, and a vote never cast cannot be taken back', async () => {
    const { w, first } = await votingBoard();
    const ada = await w.join('participant', 'Ada');
    expect((await vote(w, ada, first, -1)).status).toBe(409);
    await w.command({ type: 'closeVoting' });
    expect((await vote(w, ada, first)).status).toBe(409);
    expect((await vote(w, ada, 'no-such-note')).status).toBe(404);
  });
});

describe('who votes', () => {
  it('[WV2] nobody votes as someone else: a body naming another person gets 403, a missing or forged seat 401, a viewer 403', async () => {
    const { w, first, roundId } = await votingBoard();
    const [ada, bo] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo')];
    const secretOf = (seat: string) => seat.slice(seat.indexOf('.') + 1);
    const otherBoard = await boardOn(w.ts);
    const elsewhere = await registerPerson(w.ts.store, otherBoard.id, { name: 'Ada', cluster: null, role: 'participant' });

    expect((await vote(w, bo, first, 1, { personId: ada.id })).status).toBe(403);
    expect((await vote(w, { token: ada.token }, first)).status).toBe(401);
    expect((await vote(w, { token: ada.token, seat: `${ada.id}.${secretOf(bo.seat)}` }, first)).status).toBe(401);
    expect((await vote(w, { token: ada.token, seat: `${ada.id}.forged` }, first)).status).toBe(401);
    expect((await vote(w, { token: ada.token, seat: ada.id }, first)).status).toBe(401);
    expect((await vote(w, { token: ada.token, seat: elsewhere.seat.seat }, first)).status).toBe(401);
    expect((await vote(w, { token: w.viewer.token, seat: ada.seat }, first)).status).toBe(403);

    // Ada herself, naming herself or not.
    expect((await vote(w, ada, first, 1, { personId: ada.id })).status).toBe(200);
    expect(await w.ts.store.getBallots(w.board.id, roundId)).toEqual([{ personId: ada.id, cluster: null, noteId: first, count: 1 }]);
    expect((await w.call<MyVotes>('GET', '/votes/mine', bo)).body.used).toBe(0);
  });
});

describe('cluster fairness', () => {
  it("[WV3] one cluster's people together put at most the cap on a note; other clusters and people without one are not held back", async () => {
    const { w, first, second } = await votingBoard({ budget: 5, maxPerNote: 3, clusterCap: 2 });
    const [ada, bo] = [await w.join('participant', 'Ada', 'gaia'), await w.join('participant', 'Bo', 'gaia')];
    const [cy, dee] = [await w.join('participant', 'Cy', 'scs'), await w.join('participant', 'Dee', null)];

    expect(await statuses(w, ada, [first, first])).toEqual([200, 200]);
    const capped = await vote(w, bo, first);
    expect(capped.status).toBe(409);
    expect(capped.body.error).toMatch(/Your cluster has already put 2 votes on this note/);
    expect(await statuses(w, bo, [second])).toEqual([200]);
    expect(await statuses(w, cy, [first, first, first])).toEqual([200, 200, 409]);
    expect(await statuses(w, dee, [first, first, first])).toEqual([200, 200, 200]);

    // Ada takes one back: a place opens for her cluster.
    expect(await statuses(w, ada, [first], -1)).toEqual([200]);
    expect(await statuses(w, bo, [first, first])).toEqual([200, 409]);
  });

  it('[WV3][SE3] changing cluster mid-round opens no second share: the change is refused (409) while the round is open', async () => {
    const { w, first } = await votingBoard({ budget: 5, maxPerNote: 3, clusterCap: 2 });
    const ada = await w.join('participant', 'Ada', 'gaia');
    const bo = await w.join('participant', 'Bo', 'gaia');
    expect(await statuses(w, ada, [first])).toEqual([200]);
    const refused = await w.call<{ error: string }>('PUT', '/people/me', ada, { name: 'Ada', cluster: 'scs' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/cluster cannot change while a vote is open/);
    // Ada still counts for gaia: her second vote fills gaia's cap, and her third would pass it.
    expect(await statuses(w, ada, [first, first])).toEqual([200, 409]);
    expect(await statuses(w, bo, [first])).toEqual([409]);
    // Her name may change; her cluster once the round is closed.
    expect((await w.call('PUT', '/people/me', ada, { name: 'Ada L.', cluster: 'gaia' })).status).toBe(204);
    await w.command({ type: 'closeVoting' });
    expect((await w.call('PUT', '/people/me', ada, { name: 'Ada L.', cluster: 'scs' })).status).toBe(204);
  });

  it('[WV1] a vote on a note deleted since can be taken back, so it does not hold budget', async () => {
    const { w, first } = await votingBoard({ budget: 1 });
    const ada = await w.join('participant', 'Ada');
    expect(await statuses(w, ada, [first])).toEqual([200]);
    const room = await w.server.rooms.acquire(w.board.id);
    deleteNote(room.doc, first, serverOrigin('api'));
    expect(await statuses(w, ada, [first])).toEqual([404]);
    expect(await statuses(w, ada, [first], -1)).toEqual([200]);
  });
});

describe('hidden results', () => {
  it('[WV4] while a round hides its results nothing of them is in the control document; closing the round publishes the totals', async () => {
    const { w, first, second, roundId } = await votingBoard({ hideResults: true });
    const [ada, bo] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo')];
    const watcher = w.open(CONTROL_DOC, bo);
    await synced(watcher);
    const published: string[] = [];
    resultsMap(watcher.doc).observe((event) => published.push(...event.keysChanged));

    await statuses(w, ada, [first, second]);
    await statuses(w, bo, [first]);
    // Everything the votes changed in the control document has reached the watcher after this.
    await roundTrip(watcher);
    expect(published).toEqual([]);
    expect(controlOf(watcher).results.has(roundId)).toBe(false);
    const room = w.server.rooms.peek(w.board.id, CONTROL_DOC);
    expect(room?.doc.getMap('results').size).toBe(0);

    await w.command({ type: 'closeVoting' });
    await waitFor(() => controlOf(watcher).results.has(roundId), 'the totals are published');
    expect(controlOf(watcher).results.get(roundId)).toEqual({ [first]: 2, [second]: 1 });
    expect(published).toEqual([roundId]);
  });

  it('[WV4] a round that shows its results publishes the running totals with each vote', async () => {
    const { w, first, roundId } = await votingBoard({ hideResults: false });
    const ada = await w.join('participant', 'Ada');
    const watcher = w.open(CONTROL_DOC, w.viewer);
    await synced(watcher);
    await statuses(w, ada, [first, first]);
    await waitFor(() => controlOf(watcher).results.get(roundId)?.[first] === 2, 'the watcher sees the running total');
  });
});
