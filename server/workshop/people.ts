/**
 * People of a board, as the facilitator and the people themselves change them: joining (a seat is
 * a person: the same browser gets its seat back), renaming, removing and merging clusters. Every
 * function here runs inside the board's turn (`Workshop.serial`), so two joins cannot both take
 * the last place of a limit, and nobody changes cluster between a vote's check and its ballot.
 */
import type { PersonSummary } from '../../shared/api/contract';
import { serverOrigin } from '../../shared/model/origin';
import { clusterLabel } from '../../shared/model/vocabulary';
import type { Role, Seat } from '../../shared/protocol';
import { peopleMap, type PersonStatus, readControl } from '../../shared/workshop/control';
import { publishResults, setPersonStatus } from '../../shared/workshop/mutations';
import { resultsVisible, tally, usage } from '../../shared/workshop/voting';
import { personForSeat, registerPerson, type SeatAddresses, type SeatLimits } from '../access/people';
import type { BoardStore, PersonRecord } from '../storage/store';
import type { Room } from '../sync/room';
import type { Rooms } from '../sync/rooms';
import { WorkshopError } from './errors';

const CONTROL_ORIGIN = serverOrigin('control');

export interface PersonFields {
  name: string;
  cluster: string | null;
}

export interface JoinRequest extends PersonFields {
  role: Exclude<Role, 'viewer'>;
  /** The seat the browser already holds for this board, if any. */
  heldSeat: string | null;
  /** The client's address (server/http/clientAddress.ts). */
  address: string;
}

/** What the facilitator's People panel lists (`GET …/people`): the HTTP contract's type. */
export type { PersonSummary } from '../../shared/api/contract';

export interface PeopleDeps {
  store: BoardStore;
  rooms: Rooms;
  limits: SeatLimits;
  addresses: SeatAddresses;
}

/** The control document's entry of a person: what everyone reads about them. */
export function showPerson(control: Room, person: Pick<PersonRecord, 'id' | 'name' | 'cluster' | 'role'>, rooms: Rooms, boardId: string): void {
  for (const room of rooms.ofBoard(boardId)) room.updateIdentity(person.id, { name: person.name, cluster: person.cluster });
  const current = readControl(control.doc).people.get(person.id);
  const status: PersonStatus = {
    name: person.name,
    cluster: person.cluster,
    role: person.role,
    ready: current?.ready ?? false,
    privateCount: current?.privateCount ?? 0,
    votesUsed: current?.votesUsed ?? 0,
  };
  setPersonStatus(control.doc, person.id, status, CONTROL_ORIGIN);
}

/** Changes a person's entry in the control document; `change` returns null to leave it as it is. Nobody's entry is made up. */
export function changeStatus(control: Room, personId: string, change: (status: PersonStatus) => PersonStatus | null): void {
  const status = readControl(control.doc).people.get(personId);
  if (!status) return;
  const next = change(status);
  if (next) setPersonStatus(control.doc, personId, next, CONTROL_ORIGIN);
}

/** [SE3] Nobody changes cluster while a round is open: the cap counts each person's cluster. */
function refuseClusterChange(control: Room, person: PersonRecord, cluster: string | null): void {
  if (person.cluster === cluster) return;
  if (readControl(control.doc).round?.status !== 'open') return;
  throw new WorkshopError('conflict', 'person.clusterDuringVote');
}

/**
 * [SE1] Joins a person to the board, or, when the browser sends the seat it holds (same board,
 * same role's link), gives that seat back with the new name and cluster instead of a new person.
 * [SE2] New seats are bounded per link and per address (429 with a sentence).
 */
export async function join(
  deps: PeopleDeps,
  control: Room,
  boardId: string,
  request: JoinRequest,
): Promise<{ seat: Seat; created: boolean; person: PersonRecord }> {
  const { heldSeat } = request;
  const held = heldSeat ? await personForSeat(deps.store, boardId, heldSeat) : null;
  if (heldSeat && held && held.role === request.role) {
    const person = await rename(deps, control, held, request);
    return { seat: { personId: held.id, seat: heldSeat }, created: false, person };
  }
  const people = await deps.store.listPeople(boardId);
  const ofLink = people.filter((p) => p.role === request.role).length;
  if (ofLink >= deps.limits.perLink) {
    throw new WorkshopError('too-many', 'join.linkFull', { role: request.role, most: String(deps.limits.perLink) });
  }
  if (deps.addresses.count(boardId, request.address) >= deps.limits.perAddress) {
    throw new WorkshopError('too-many', 'join.networkFull', { most: String(deps.limits.perAddress) });
  }
  const { person, seat } = await registerPerson(deps.store, boardId, { name: request.name, cluster: request.cluster, role: request.role });
  deps.addresses.add(boardId, request.address, person.id);
  showPerson(control, person, deps.rooms, boardId);
  return { seat, created: true, person };
}

/** A person's own change of name or cluster (refused for the cluster while a round is open). */
export async function rename(deps: PeopleDeps, control: Room, person: PersonRecord, fields: PersonFields): Promise<PersonRecord> {
  refuseClusterChange(control, person, fields.cluster);
  const next = { ...person, name: fields.name, cluster: fields.cluster };
  await deps.store.updatePerson(person.boardId, person.id, { name: next.name, cluster: next.cluster });
  showPerson(control, next, deps.rooms, person.boardId);
  return next;
}

/**
 * [SE4] The facilitator removes a person: the seat stops working (401 over HTTP; their sockets are
 * closed with 4403, on every instance), their ballots in an open round are withdrawn (and the
 * published totals follow when they are shown), and they leave the control document's people.
 * Notes they wrote stay on the board with the name they were written under.
 */
export async function remove(deps: PeopleDeps, control: Room, boardId: string, personId: string): Promise<void> {
  const person = await deps.store.getPerson(boardId, personId);
  if (!person) throw new WorkshopError('not-found', 'person.notFound');
  const round = readControl(control.doc).round;
  if (round?.status === 'open') {
    const ballots = await deps.store.getBallots(boardId, round.id);
    const theirs = ballots.filter((b) => b.personId === personId && b.count > 0);
    for (const ballot of theirs) await deps.store.setBallot(boardId, round.id, { ...ballot, count: 0 });
    if (theirs.length > 0 && resultsVisible(round)) {
      publishResults(control.doc, round.id, tally(ballots.filter((b) => b.personId !== personId)), CONTROL_ORIGIN);
    }
  }
  await deps.store.removePerson(boardId, personId);
  deps.addresses.remove(boardId, personId);
  control.doc.transact(() => peopleMap(control.doc).delete(personId), CONTROL_ORIGIN);
  deps.rooms.closePerson(boardId, personId);
}

/**
 * [SE5] Merges a cluster name into another: every person of `from` now belongs to `into` (people
 * records, control document and presence). Allowed during a round: the cap then counts them
 * together, which is the point of merging made-up names.
 */
export async function mergeClusters(deps: PeopleDeps, control: Room, boardId: string, from: string, into: string): Promise<number> {
  if (from === into) throw new WorkshopError('invalid', 'cluster.mergeSame');
  const moving = (await deps.store.listPeople(boardId)).filter((p) => p.cluster === from);
  if (moving.length === 0) throw new WorkshopError('invalid', 'cluster.empty', { cluster: clusterLabel(from) });
  for (const person of moving) {
    await deps.store.updatePerson(boardId, person.id, { name: person.name, cluster: into });
  }
  control.doc.transact(() => {
    for (const person of moving) showPerson(control, { ...person, cluster: into }, deps.rooms, boardId);
  }, CONTROL_ORIGIN);
  return moving.length;
}

/** Everyone who joined, with their votes in the latest round: for the facilitator only. */
export async function summaries(deps: PeopleDeps, control: Room, boardId: string): Promise<PersonSummary[]> {
  const round = readControl(control.doc).round;
  const used = round ? usage(await deps.store.getBallots(boardId, round.id)) : new Map<string, number>();
  return (await deps.store.listPeople(boardId)).map((p) => ({
    id: p.id,
    name: p.name,
    cluster: p.cluster,
    role: p.role,
    joinedAt: p.createdAt,
    votesUsed: used.get(p.id) ?? 0,
  }));
}
