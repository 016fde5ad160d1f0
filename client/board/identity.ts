/** Who this person is on a board: remembered per board in localStorage. */
import { newId } from '../../shared/model/ids';
import { PERSON_NAME_MAX } from '../../shared/model/schema';
import { type ClusterRef, parseClusterRef } from '../../shared/model/vocabulary';

export interface Identity {
  /** Written on this person's notes as their author id. */
  id: string;
  name: string;
  cluster: ClusterRef;
  /** The server's seat for this person (`<personId>.<secret>`); null for viewers, or until joined. */
  seat: string | null;
}

const key = (boardId: string) => `clusterboard:identity:${boardId}`;

export function loadIdentity(boardId: string): Identity | null {
  try {
    const raw = localStorage.getItem(key(boardId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Identity>;
    const cluster = typeof value.cluster === 'string' ? parseClusterRef(value.cluster) : null;
    if (typeof value.id !== 'string' || typeof value.name !== 'string' || !cluster) return null;
    const name = value.name.trim();
    if (name.length === 0 || name.length > PERSON_NAME_MAX) return null;
    return { id: value.id, name, cluster, seat: typeof value.seat === 'string' ? value.seat : null };
  } catch {
    return null;
  }
}

/**
 * The seat this browser holds for the board, even when the rest of the stored identity cannot be
 * used: joining again sends it, and the server gives the same seat back (SPEC SE1).
 */
export function loadSeat(boardId: string): string | null {
  try {
    const raw = localStorage.getItem(key(boardId));
    const value = raw ? (JSON.parse(raw) as { seat?: unknown }) : null;
    return value && typeof value.seat === 'string' ? value.seat : null;
  } catch {
    return null;
  }
}

/** Forgets the seat (the facilitator removed this person): the next visit joins afresh. */
export function forgetSeat(boardId: string, identity: Identity): void {
  saveIdentity(boardId, { ...identity, seat: null });
}

export function saveIdentity(boardId: string, identity: Identity): void {
  try {
    localStorage.setItem(key(boardId), JSON.stringify(identity));
  } catch {
    // Private browsing may refuse storage: the person simply joins again next time.
  }
}

export function newIdentity(name: string, cluster: ClusterRef, previous: Identity | null): Identity {
  return { id: previous?.id ?? newId(), name: name.trim(), cluster, seat: previous?.seat ?? null };
}

/** The person id inside a seat. */
export function seatPerson(seat: string | null): string | null {
  if (!seat) return null;
  const dot = seat.indexOf('.');
  return dot > 0 ? seat.slice(0, dot) : null;
}

const PRESENCE_COLOURS = ['#b45309', '#1d4ed8', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];

/** A stable colour per person, used for their presence chip and editing outline. */
export function presenceColour(id: string): string {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return PRESENCE_COLOURS[hash % PRESENCE_COLOURS.length] ?? '#1d4ed8';
}
