/**
 * People on a board. Everyone who writes joins under a name and cluster and receives a seat: a
 * person id plus a secret that only their browser holds. The seat, never a field in a request
 * body, says who is voting, who is ready and whose private notes a socket may open.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../../shared/model/ids';
import type { Role, Seat } from '../../shared/protocol';
import { quotaKey } from '../http/clientAddress';
import type { BoardStore, PersonRecord } from '../storage/store';

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export async function registerPerson(
  store: BoardStore,
  boardId: string,
  input: { name: string; cluster: string | null; role: Exclude<Role, 'viewer'> },
): Promise<{ person: PersonRecord; seat: Seat }> {
  const secret = randomBytes(24).toString('base64url');
  const person: PersonRecord = {
    id: newId(16),
    boardId,
    secretHash: hashSecret(secret),
    name: input.name,
    cluster: input.cluster,
    role: input.role,
    createdAt: Date.now(),
  };
  await store.addPerson(person);
  return { person, seat: { personId: person.id, seat: `${person.id}.${secret}` } };
}

/** The person a seat string belongs to on this board, or null (unknown person or wrong secret). */
export async function personForSeat(
  store: Pick<BoardStore, 'getPerson'>,
  boardId: string,
  seat: string | null | undefined,
): Promise<PersonRecord | null> {
  if (!seat || seat.length > 200) return null;
  const dot = seat.indexOf('.');
  if (dot <= 0) return null;
  const personId = seat.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{8,40}$/.test(personId)) return null;
  const person = await store.getPerson(boardId, personId);
  if (!person) return null;
  const given = Buffer.from(hashSecret(seat.slice(dot + 1)), 'hex');
  const stored = Buffer.from(person.secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? person : null;
}

/**
 * [SE2] How many seats one board hands out. A seat is a person with a vote budget, so unbounded
 * seats are unbounded votes. Per link: every seat of a role's link counts (stored, so it holds
 * across restarts and instances). Per address: the seats people joined from one client address
 * (behind TRUST_PROXY, the X-Forwarded-For client); a venue's Wi-Fi puts a whole room behind one
 * address, so the figure is generous (60 people behind one NAT fit with room to spare).
 */
export interface SeatLimits {
  perLink: number;
  perAddress: number;
}

export const DEFAULT_SEAT_LIMITS: SeatLimits = { perLink: 250, perAddress: 100 };

/** Boards whose addresses are remembered; the least recently joined board is forgotten first. */
const BOARDS_REMEMBERED = 10_000;

/**
 * Which address each seat of a board was created from, in this process's memory. Kept in memory
 * on purpose: a client address is personal data we would rather not store, and the per-link limit
 * (stored) is the hard bound; this one only keeps one network from taking a link's whole share.
 * A restart, or another instance, starts counting afresh (SECURITY.md says so).
 */
export class SeatAddresses {
  private readonly boards = new Map<string, Map<string, Set<string>>>();

  /** `address` is counted as one client the way every per-client limit counts it (an IPv6 /64 is one). */
  count(boardId: string, address: string): number {
    return this.boards.get(boardId)?.get(quotaKey(address))?.size ?? 0;
  }

  add(boardId: string, address: string, personId: string): void {
    const addresses = this.boards.get(boardId) ?? new Map<string, Set<string>>();
    // Re-inserted, so the map's order is least recently joined first.
    this.boards.delete(boardId);
    this.boards.set(boardId, addresses);
    if (this.boards.size > BOARDS_REMEMBERED) this.boards.delete(this.boards.keys().next().value as string);
    const key = quotaKey(address);
    const seats = addresses.get(key) ?? new Set<string>();
    seats.add(personId);
    addresses.set(key, seats);
  }

  /** A removed person frees their place. */
  remove(boardId: string, personId: string): void {
    const addresses = this.boards.get(boardId);
    if (!addresses) return;
    for (const [address, seats] of addresses) {
      if (seats.delete(personId) && seats.size === 0) addresses.delete(address);
    }
  }
}
