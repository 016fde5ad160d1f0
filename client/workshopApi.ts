/** The workshop endpoints (server/http/workshopApi.ts), called with the role token and, as a person, the seat. */
import type { CreatedBoard, Role, Seat } from '../shared/protocol';
import { SEAT_HEADER } from '../shared/protocol';
import type { BoardExport } from '../shared/report/json';
import type { ControlCommand, MyVotes } from '../shared/workshop/commands';
import type { DeletedNotesAnswer, RestoreAnswer } from '../shared/workshop/deletedNotes';
import { ApiError } from './api';

export interface Caller {
  boardId: string;
  token: string;
  seat: string | null;
}

/** A person as the facilitator's People panel lists them (`GET …/people`). */
export interface PersonSummary {
  id: string;
  name: string;
  cluster: string | null;
  role: 'facilitator' | 'participant';
  joinedAt: number;
  /** Votes in the latest round, also while it hides its results (the facilitator sees them). */
  votesUsed: number;
}

export interface HistoryEntry {
  id: string;
  name: string;
  createdAt: number;
  notes: number;
}

async function call<T>(caller: Caller, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${caller.token}` };
  if (caller.seat) headers[SEAT_HEADER] = caller.seat;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/boards/${encodeURIComponent(caller.boardId)}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(response.status, error?.error ?? `The server answered ${response.status}.`);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Joins the board; with the seat the browser holds (`caller.seat`), the server gives that seat back. */
export const joinBoard = (caller: Caller, person: { name: string; cluster: string }) => call<Seat>(caller, 'POST', '/people', person);
export const listPeople = (caller: Caller) => call<{ people: PersonSummary[] }>(caller, 'GET', '/people');
export const updateMe = (caller: Caller, person: { name: string; cluster: string }) => call<void>(caller, 'PUT', '/people/me', person);
export const sendCommand = (caller: Caller, command: ControlCommand) => call<void>(caller, 'POST', '/control', command);
export const castVote = (caller: Caller, noteId: string, change: 1 | -1) => call<MyVotes>(caller, 'POST', '/votes', { noteId, change });
export const fetchMyVotes = (caller: Caller) => call<MyVotes>(caller, 'GET', '/votes/mine');
export const setReady = (caller: Caller, ready: boolean) => call<void>(caller, 'POST', '/ready', { ready });
export const revealMine = (caller: Caller) => call<{ revealed: number }>(caller, 'POST', '/reveal');
export const listHistory = (caller: Caller) => call<{ entries: HistoryEntry[] }>(caller, 'GET', '/history');
export const takeSnapshot = (caller: Caller, name: string) => call<HistoryEntry>(caller, 'POST', '/history', { name });
export const readSnapshot = (caller: Caller, id: string) => call<BoardExport>(caller, 'GET', `/history/${encodeURIComponent(id)}`);
export const restoreSnapshot = (caller: Caller, id: string) => call<CreatedBoard>(caller, 'POST', `/history/${encodeURIComponent(id)}/restore`);
export const listDeletedNotes = (caller: Caller) => call<DeletedNotesAnswer>(caller, 'GET', '/deleted-notes');
export const restoreDeletedNotes = (caller: Caller, noteIds?: string[]) =>
  call<RestoreAnswer>(caller, 'POST', '/deleted-notes/restore', noteIds ? { noteIds } : {});
/** The board's current links, unchanged (facilitator only). */
export const readLinks = (caller: Caller) => call<{ links: CreatedBoard['links'] }>(caller, 'GET', '/links');
export const rotateLink = (caller: Caller, role: Role) => call<{ links: CreatedBoard['links'] }>(caller, 'POST', '/links', { role });

/** The server clock's lead over this device's, from the fastest of a few round trips. */
export async function measureClockOffset(samples = 3): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    const response = await fetch('/api/time', { cache: 'no-store' });
    const received = Date.now();
    if (!response.ok) continue;
    const { now } = (await response.json()) as { now: number };
    const rtt = received - sent;
    if (!best || rtt < best.rtt) best = { rtt, offset: now - (sent + rtt / 2) };
  }
  return best?.offset ?? 0;
}
