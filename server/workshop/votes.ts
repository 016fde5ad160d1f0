/**
 * Voting rounds and the votes cast in them: opening and closing a round (with the totals it
 * publishes) and one person's vote. Every function here runs inside the board's turn
 * (`Workshop.serial`), so two votes cannot both take the last one of a budget, and nobody changes
 * cluster between a vote's check and its ballot.
 */
import { notesMap } from '../../shared/model/doc';
import { newId } from '../../shared/model/ids';
import { serverOrigin } from '../../shared/model/origin';
import { CONTROL_DOC } from '../../shared/protocol';
import type { MyVotes } from '../../shared/workshop/commands';
import { readControl, type Round, type VotingConfig } from '../../shared/workshop/control';
import { publishClusterResults, publishResults, setControl, updatePeople } from '../../shared/workshop/mutations';
import { type Ballot, checkVote, resultsVisible, tally, tallyByCluster, usage, votesUsedBy } from '../../shared/workshop/voting';
import type { BoardStore, PersonRecord } from '../storage/store';
import type { Room } from '../sync/room';
import type { Rooms } from '../sync/rooms';
import { WorkshopError } from './errors';
import { changeStatus } from './people';

const CONTROL_ORIGIN = serverOrigin('control');

export interface VoteDeps {
  store: BoardStore;
  rooms: Rooms;
}

/** Opens a new round, closing (and publishing) the one before it first. */
export async function openRound(store: BoardStore, boardId: string, control: Room, config: VotingConfig, title: string): Promise<void> {
  await closeRound(store, boardId, control);
  const round: Round = { ...config, id: newId(12), title, status: 'open', openedAt: Date.now(), closedAt: null };
  control.doc.transact(() => {
    // A new vote closes the last one's results on every screen.
    setControl(control.doc, { round, resultsView: null }, CONTROL_ORIGIN);
    updatePeople(control.doc, (status) => (status.votesUsed === 0 ? null : { ...status, votesUsed: 0 }), CONTROL_ORIGIN);
    if (resultsVisible(round)) publishResults(control.doc, round.id, {}, CONTROL_ORIGIN);
  }, CONTROL_ORIGIN);
}

/** Closes the open round, if any, and publishes its totals. */
export async function closeRound(store: BoardStore, boardId: string, control: Room): Promise<void> {
  const round = readControl(control.doc).round;
  if (!round || round.status !== 'open') return;
  const ballots = await store.getBallots(boardId, round.id);
  const used = usage(ballots);
  // [OV6] Votes per cluster count each voter in the cluster the people records hold now (merged
  // clusters count together), as the cluster cap does; published only now the round is closed.
  const clusters = new Map((await store.listPeople(boardId)).map((p) => [p.id, p.cluster]));
  const byCluster = tallyByCluster(
    ballots.map((b) => ({ ...b, cluster: clusters.has(b.personId) ? (clusters.get(b.personId) ?? null) : b.cluster })),
  );
  control.doc.transact(() => {
    setControl(control.doc, { round: { ...round, status: 'closed', closedAt: Date.now() } }, CONTROL_ORIGIN);
    publishResults(control.doc, round.id, tally(ballots), CONTROL_ORIGIN);
    publishClusterResults(control.doc, round.id, byCluster, CONTROL_ORIGIN);
    // [SE6] Each person's count is public once the results are.
    updatePeople(
      control.doc,
      (status, id) => ((used.get(id) ?? 0) === status.votesUsed ? null : { ...status, votesUsed: used.get(id) ?? 0 }),
      CONTROL_ORIGIN,
    );
  }, CONTROL_ORIGIN);
}

/** [WV1-WV4] Casts or takes back one vote as `person` (the seat's owner: nobody votes for others). */
export async function vote(deps: VoteDeps, person: PersonRecord, noteId: string, change: 1 | -1): Promise<MyVotes> {
  const control = await deps.rooms.acquire(person.boardId, CONTROL_DOC);
  const round = readControl(control.doc).round;
  const board = await deps.rooms.acquire(person.boardId);
  // A vote on a note deleted since may still be taken back (it would hold budget otherwise).
  if (change === 1 && !notesMap(board.doc).has(noteId)) throw new WorkshopError('not-found', 'vote.noteGone');
  const stored = round ? await deps.store.getBallots(person.boardId, round.id) : [];
  // [SE3] The cap counts each voter's cluster as the people records hold it now (a seat's
  // record, never a request field; merged clusters count together), not as a ballot was cast.
  const clusters = new Map((await deps.store.listPeople(person.boardId)).map((p) => [p.id, p.cluster]));
  const ballots = stored.map((b) => ({ ...b, cluster: clusters.has(b.personId) ? (clusters.get(b.personId) ?? null) : b.cluster }));
  const cluster = clusters.has(person.id) ? (clusters.get(person.id) ?? null) : person.cluster;
  const verdict = checkVote(round, ballots, { personId: person.id, cluster }, noteId, change);
  if (!verdict.ok || !round) throw new WorkshopError('conflict', verdict.ok ? 'vote.closed' : verdict.code, verdict.ok ? undefined : verdict.values);
  const mine = ballots.find((b) => b.personId === person.id && b.noteId === noteId);
  const ballot = { personId: person.id, cluster, noteId, count: (mine?.count ?? 0) + change };
  await deps.store.setBallot(person.boardId, round.id, ballot);
  const after = [...ballots.filter((b) => b !== mine), ballot];
  if (resultsVisible(round)) {
    control.doc.transact(() => {
      changeStatus(control, person.id, (status) => ({ ...status, votesUsed: votesUsedBy(after, person.id) }));
      publishResults(control.doc, round.id, tally(after), CONTROL_ORIGIN);
    }, CONTROL_ORIGIN);
  }
  // [SE6] While the round hides its results, a person's count is theirs alone (the answer
  // below, `GET …/votes/mine`) and the facilitator's (`GET …/people`); the control document,
  // which every role reads, shows nobody's.
  return myVotes(round, after, person.id);
}

/** A person's own votes in the current round (`GET …/votes/mine`); needs no turn, it only reads. */
export async function readMyVotes(deps: VoteDeps, person: PersonRecord): Promise<MyVotes> {
  const control = await deps.rooms.acquire(person.boardId, CONTROL_DOC);
  const round = readControl(control.doc).round;
  const ballots = round ? await deps.store.getBallots(person.boardId, round.id) : [];
  return myVotes(round, ballots, person.id);
}

function myVotes(round: Round | null, ballots: readonly Ballot[], personId: string): MyVotes {
  const notes: Record<string, number> = {};
  for (const ballot of ballots) if (ballot.personId === personId && ballot.count > 0) notes[ballot.noteId] = ballot.count;
  return {
    roundId: round?.status === 'open' ? round.id : null,
    budget: round?.budget ?? 0,
    used: usage(ballots).get(personId) ?? 0,
    notes,
  };
}
