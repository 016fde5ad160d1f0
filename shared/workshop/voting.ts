/**
 * The voting rules, pure so the server enforces and the client explains the same ones. The
 * server holds every ballot (who put how many votes on which note); only totals are published.
 */
import { englishSentence, type ErrorCode, type ErrorValues } from '../errors';
import type { Round } from './control';

/** One person's votes on one note in one round. */
export interface Ballot {
  personId: string;
  /** The voter's cluster when they voted (a `ClusterRef`), or null. */
  cluster: string | null;
  noteId: string;
  count: number;
}

export interface Voter {
  personId: string;
  cluster: string | null;
}

/** A refused vote says why by code (LG4) and, in English, `reason`. */
export type VoteCheck = { ok: true } | { ok: false; code: ErrorCode; values?: ErrorValues; reason: string };

function refused(code: ErrorCode, values?: ErrorValues): VoteCheck {
  const problem = values ? { code, values } : { code };
  return { ok: false, ...problem, reason: englishSentence(problem) };
}

export function votesUsedBy(ballots: readonly Ballot[], personId: string): number {
  let used = 0;
  for (const ballot of ballots) if (ballot.personId === personId) used += ballot.count;
  return used;
}

function votesOn(ballots: readonly Ballot[], noteId: string, include: (b: Ballot) => boolean): number {
  let votes = 0;
  for (const ballot of ballots) if (ballot.noteId === noteId && include(ballot)) votes += ballot.count;
  return votes;
}

/**
 * May `voter` add (`change` 1) or take back (-1) one vote on `noteId`? The fairness cap limits what
 * one cluster's people together put on one note, so a cluster that sent ten people cannot outvote
 * one that sent two on any single note.
 */
export function checkVote(round: Round | null, ballots: readonly Ballot[], voter: Voter, noteId: string, change: 1 | -1): VoteCheck {
  if (!round || round.status !== 'open') return refused('vote.closed');
  const mine = votesOn(ballots, noteId, (b) => b.personId === voter.personId);
  if (change === -1) return mine > 0 ? { ok: true } : refused('vote.noneToTakeBack');
  if (votesUsedBy(ballots, voter.personId) >= round.budget) {
    return refused('vote.budgetUsed', { budget: round.budget });
  }
  if (mine >= round.maxPerNote) {
    return refused('vote.perNote', { most: round.maxPerNote });
  }
  if (round.clusterCap !== null && voter.cluster !== null) {
    const clusterVotes = votesOn(ballots, noteId, (b) => b.cluster === voter.cluster);
    if (clusterVotes >= round.clusterCap) {
      return refused('vote.clusterCap', { cap: round.clusterCap });
    }
  }
  return { ok: true };
}

/** Votes per note. */
export function tally(ballots: readonly Ballot[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const ballot of ballots) {
    if (ballot.count > 0) totals[ballot.noteId] = (totals[ballot.noteId] ?? 0) + ballot.count;
  }
  return totals;
}

/** The key of voters without a cluster in `tallyByCluster`. */
export const NO_CLUSTER_KEY = '';

/** Votes per note and voter cluster (`NO_CLUSTER_KEY` for voters without one). */
export function tallyByCluster(ballots: readonly Ballot[]): Record<string, Record<string, number>> {
  const totals: Record<string, Record<string, number>> = {};
  for (const ballot of ballots) {
    if (ballot.count <= 0) continue;
    const note = (totals[ballot.noteId] ??= {});
    const cluster = ballot.cluster ?? NO_CLUSTER_KEY;
    note[cluster] = (note[cluster] ?? 0) + ballot.count;
  }
  return totals;
}

/** Votes each person has used. */
export function usage(ballots: readonly Ballot[]): Map<string, number> {
  const used = new Map<string, number>();
  for (const ballot of ballots) used.set(ballot.personId, (used.get(ballot.personId) ?? 0) + ballot.count);
  return used;
}

/** Whether the round's totals may be shown to everyone now. */
export function resultsVisible(round: Round): boolean {
  return round.status === 'closed' || !round.hideResults;
}
