/**
 * People on a board. Everyone who writes joins under a name and cluster and receives a seat: a
 * person id plus a secret that only their browser holds. The seat, never a field in a request
 * body, says who is voting, who is ready and whose private notes a socket may open.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../shared/model/ids';
import type { Role, Seat } from '../shared/protocol';
import type { PersonRecord, BoardStore } from './storage/store';

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
export async function personForSeat(store: BoardStore, boardId: string, seat: string | null | undefined): Promise<PersonRecord | null> {
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
