/** Ranked results over real HTTP and sockets (docs/UX.md OV6, OV7): votes per cluster, and "show results to everyone". */
import { describe, expect, it } from 'vitest';
import { addNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { CONTROL_DOC } from '../../shared/protocol';
import { clusterResultsMap, type VotingConfig } from '../../shared/workshop/control';
import { cleanupAfterEach, note } from './support';
import { type Caller, controlOf, roundTrip, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

async function votingBoard(config: Partial<VotingConfig> = {}) {
  const w = await workshopOn(defer);
  const room = await w.server.rooms.acquire(w.board.id);
  const first = addNote(room.doc, note('first'), serverOrigin('api'));
  const second = addNote(room.doc, note('second'), serverOrigin('api'));
  await w.command({ type: 'openVoting', config: { budget: 5, maxPerNote: 3, clusterCap: null, hideResults: true, ...config } });
  const round = controlOf(await w.server.rooms.acquire(w.board.id, CONTROL_DOC)).round;
  if (!round) throw new Error('no round opened');
  return { w, first, second, roundId: round.id };
}

async function votes(w: Workshop, who: Caller, noteIds: string[]): Promise<void> {
  for (const noteId of noteIds) expect((await w.call('POST', '/votes', who, { noteId, change: 1 })).status).toBe(200);
}

describe('votes per cluster', () => {
  it('[OV6] a closed round publishes its votes per voter cluster; while it is open (results hidden or shown) nothing per cluster is published', async () => {
    const { w, first, second, roundId } = await votingBoard({ hideResults: false });
    const [ada, bo] = [await w.join('participant', 'Ada', 'gaia'), await w.join('participant', 'Bo', 'gaia')];
    const [cy, dee] = [await w.join('participant', 'Cy', 'scs'), await w.join('participant', 'Dee', null)];
    const watcher = w.open(CONTROL_DOC, w.viewer);
    await synced(watcher);

    await votes(w, ada, [first, first]);
    await votes(w, bo, [first, second]);
    await votes(w, cy, [first]);
    await votes(w, dee, [second, second]);
    await roundTrip(watcher);
    // The running totals are shown in this round, but not who (which cluster) put them there.
    expect(controlOf(watcher).results.get(roundId)).toEqual({ [first]: 4, [second]: 3 });
    expect(clusterResultsMap(watcher.doc).size).toBe(0);

    await w.command({ type: 'closeVoting' });
    await waitFor(() => controlOf(watcher).clusterResults.has(roundId), 'the votes per cluster are published');
    expect(controlOf(watcher).clusterResults.get(roundId)).toEqual({
      [first]: { gaia: 3, scs: 1 },
      [second]: { gaia: 1, '': 2 },
    });
  });

  it('[OV6] a round that hides its results publishes nothing of them, per cluster either, until it closes', async () => {
    const { w, first, roundId } = await votingBoard({ hideResults: true });
    const ada = await w.join('participant', 'Ada', 'gaia');
    const watcher = w.open(CONTROL_DOC, ada);
    await synced(watcher);
    await votes(w, ada, [first]);
    await roundTrip(watcher);
    expect(controlOf(watcher).results.has(roundId)).toBe(false);
    expect(clusterResultsMap(watcher.doc).size).toBe(0);
    await w.command({ type: 'closeVoting' });
    await waitFor(() => controlOf(watcher).clusterResults.has(roundId), 'the votes per cluster are published');
    expect(controlOf(watcher).clusterResults.get(roundId)).toEqual({ [first]: { gaia: 1 } });
  });
});

describe('showing results to everyone', () => {
  it('[OV7] only the facilitator shows or closes the results for everyone, and only once the vote has closed', async () => {
    const { w, first, roundId } = await votingBoard();
    const ada = await w.join('participant', 'Ada', 'gaia');
    const watcher = w.open(CONTROL_DOC, ada);
    await synced(watcher);
    await votes(w, ada, [first]);

    const early = await w.call<{ error: string }>('POST', '/control', w.facilitator, { type: 'showResults', show: true });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('Results can be shown once a vote has closed.');
    await w.command({ type: 'closeVoting' });

    expect((await w.call('POST', '/control', ada, { type: 'showResults', show: true })).status).toBe(403);
    expect((await w.call('POST', '/control', w.viewer, { type: 'showResults', show: true })).status).toBe(403);
    expect((await w.call('POST', '/control', w.facilitator, { type: 'showResults', show: 'yes' })).status).toBe(400);
    await roundTrip(watcher);
    expect(controlOf(watcher).resultsView).toBeNull();

    await w.command({ type: 'showResults', show: true });
    await waitFor(() => controlOf(watcher).resultsView !== null, 'the results view is opened for everyone');
    expect(controlOf(watcher).resultsView).toEqual({ roundId, seq: 1 });
    await w.command({ type: 'showResults', show: true });
    await waitFor(() => controlOf(watcher).resultsView?.seq === 2, 'showing again is a new call');

    await w.command({ type: 'showResults', show: false });
    await waitFor(() => controlOf(watcher).resultsView === null, 'the results view is closed for everyone');

    // A new vote closes the last results on every screen.
    await w.command({ type: 'showResults', show: true });
    await waitFor(() => controlOf(watcher).resultsView !== null, 'shown again');
    await w.command({ type: 'openVoting', config: { budget: 3, maxPerNote: 1, clusterCap: null, hideResults: true } });
    await waitFor(() => controlOf(watcher).resultsView === null, 'a new vote closes the results');
  });
});
