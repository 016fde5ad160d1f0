/** The voting rules on their own (shared/workshop/voting.ts; SPEC WV1, WV3, WV4). */
import { describe, expect, it } from 'vitest';
import type { Round } from '../../shared/workshop/control';
import { type Ballot, checkVote, resultsVisible, tally, usage, votesUsedBy } from '../../shared/workshop/voting';

function round(extra: Partial<Round> = {}): Round {
  return {
    id: 'r1',
    title: 'Vote',
    status: 'open',
    openedAt: 0,
    closedAt: null,
    budget: 3,
    maxPerNote: 2,
    clusterCap: null,
    hideResults: true,
    ...extra,
  };
}

const ada = { personId: 'ada', cluster: 'gaia' };
const bo = { personId: 'bo', cluster: 'gaia' };
const cy = { personId: 'cy', cluster: 'scs' };
const dee = { personId: 'dee', cluster: null };

function ballot(voter: { personId: string; cluster: string | null }, noteId: string, count: number): Ballot {
  return { ...voter, noteId, count };
}

describe('checkVote', () => {
  it('[WV1] refuses every vote while no round is open', () => {
    expect(checkVote(null, [], ada, 'n1', 1)).toEqual({ ok: false, code: 'vote.closed', reason: 'Voting is not open.' });
    expect(checkVote(round({ status: 'closed' }), [ballot(ada, 'n1', 1)], ada, 'n1', -1).ok).toBe(false);
  });

  it('[WV1] refuses a vote over the budget, counting every note, and one over the most per note', () => {
    const spent = [ballot(ada, 'n1', 2), ballot(ada, 'n2', 1)];
    expect(checkVote(round(), spent, ada, 'n3', 1)).toEqual({
      ok: false,
      code: 'vote.budgetUsed',
      values: { budget: 3 },
      reason: 'You have used all 3 of your votes.',
    });
    expect(checkVote(round(), [ballot(ada, 'n1', 2)], ada, 'n1', 1)).toEqual({
      ok: false,
      code: 'vote.perNote',
      values: { most: 2 },
      reason: 'At most 2 of your votes can go on one note.',
    });
    expect(checkVote(round(), [ballot(ada, 'n1', 2)], ada, 'n2', 1)).toEqual({ ok: true });
    // Someone else's votes are not Ada's budget.
    expect(checkVote(round(), [ballot(bo, 'n1', 2), ballot(bo, 'n2', 1)], ada, 'n1', 1)).toEqual({ ok: true });
  });

  it('[WV1] takes back only a vote the person has on that note, even with the budget used up', () => {
    const spent = [ballot(ada, 'n1', 2), ballot(ada, 'n2', 1)];
    expect(checkVote(round(), spent, ada, 'n2', -1)).toEqual({ ok: true });
    expect(checkVote(round(), spent, ada, 'n3', -1).ok).toBe(false);
    expect(checkVote(round(), [ballot(bo, 'n3', 1)], ada, 'n3', -1).ok).toBe(false);
  });

  it("[WV3] caps what one cluster's people together put on one note, and no one else", () => {
    const capped = round({ budget: 5, maxPerNote: 3, clusterCap: 2 });
    const gaiaOnN1 = [ballot(ada, 'n1', 1), ballot(bo, 'n1', 1)];
    expect(checkVote(capped, gaiaOnN1, ada, 'n1', 1)).toEqual({
      ok: false,
      code: 'vote.clusterCap',
      values: { cap: 2 },
      reason: 'Your cluster has already put 2 votes on this note (the most one cluster may).',
    });
    expect(checkVote(capped, gaiaOnN1, bo, 'n1', 1).ok).toBe(false);
    expect(checkVote(capped, gaiaOnN1, ada, 'n2', 1)).toEqual({ ok: true });
    expect(checkVote(capped, gaiaOnN1, cy, 'n1', 1)).toEqual({ ok: true });
    expect(checkVote(capped, [...gaiaOnN1, ballot(dee, 'n1', 2)], dee, 'n1', 1)).toEqual({ ok: true });
    // The cap counts the cluster a ballot was cast under.
    expect(checkVote(capped, [ballot({ personId: 'ada', cluster: 'scs' }, 'n1', 2)], ada, 'n1', 1)).toEqual({ ok: true });
    expect(checkVote(round({ budget: 5, maxPerNote: 3, clusterCap: null }), gaiaOnN1, ada, 'n1', 1)).toEqual({ ok: true });
  });
});

describe('totals', () => {
  it('[WV1] tally sums votes per note and leaves out ballots taken back to 0; usage and votesUsedBy count per person', () => {
    const ballots = [ballot(ada, 'n1', 2), ballot(bo, 'n1', 1), ballot(bo, 'n2', 0), ballot(cy, 'n3', 1)];
    expect(tally(ballots)).toEqual({ n1: 3, n3: 1 });
    expect(Object.fromEntries(usage(ballots))).toEqual({ ada: 2, bo: 1, cy: 1 });
    expect(votesUsedBy(ballots, 'bo')).toBe(1);
    expect(votesUsedBy(ballots, 'dee')).toBe(0);
  });

  it('[WV4] results are visible during a round only when it does not hide them, and always once it is closed', () => {
    expect(resultsVisible(round({ hideResults: true }))).toBe(false);
    expect(resultsVisible(round({ hideResults: false }))).toBe(true);
    expect(resultsVisible(round({ hideResults: true, status: 'closed', closedAt: 1 }))).toBe(true);
  });
});
