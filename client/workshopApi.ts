/** The workshop endpoints (server/http/workshopApi.ts), called with the role token and, as a person, the seat. */
import { type AnswerOf, API, type BodyOf, type Endpoint } from '../shared/api/contract';
import type { Role } from '../shared/protocol';
import type { ControlCommand } from '../shared/workshop/commands';
import { request } from './api';

export type { HistoryEntry, PersonSummary } from '../shared/api/contract';

export interface Caller {
  boardId: string;
  token: string;
  seat: string | null;
}

/** One endpoint of the board, as the caller. */
function call<E extends Endpoint>(endpoint: E, caller: Caller, params: { entry?: string } = {}, ...body: BodyOf<E> extends never ? [] : [BodyOf<E>]) {
  return request(endpoint, { board: caller.boardId, ...params }, { token: caller.token, seat: caller.seat }, ...body);
}

/** Joins the board; with the seat the browser holds (`caller.seat`), the server gives that seat back. */
export const joinBoard = (caller: Caller, person: { name: string; cluster: string }) => call(API.join, caller, {}, person);
export const listPeople = (caller: Caller) => call(API.listPeople, caller);
export const updateMe = (caller: Caller, person: { name: string; cluster: string }) => call(API.updateMe, caller, {}, person);
export const sendCommand = (caller: Caller, command: ControlCommand) => call(API.control, caller, {}, command);
export const castVote = (caller: Caller, noteId: string, change: 1 | -1) => call(API.vote, caller, {}, { noteId, change });
export const fetchMyVotes = (caller: Caller) => call(API.myVotes, caller);
export const setReady = (caller: Caller, ready: boolean) => call(API.ready, caller, {}, { ready });
export const revealMine = (caller: Caller) => call(API.reveal, caller);
export const listHistory = (caller: Caller) => call(API.listHistory, caller);
export const takeSnapshot = (caller: Caller, name: string) => call(API.takeSnapshot, caller, {}, { name });
export const readSnapshot = (caller: Caller, id: string) => call(API.readSnapshot, caller, { entry: id });
export const restoreSnapshot = (caller: Caller, id: string) => call(API.restoreSnapshot, caller, { entry: id });
export const listDeletedNotes = (caller: Caller) => call(API.deletedNotes, caller);
export const restoreDeletedNotes = (caller: Caller, noteIds?: string[]) => call(API.restoreDeleted, caller, {}, noteIds ? { noteIds } : {});
/** The board's current links, unchanged (facilitator only). */
export const readLinks = (caller: Caller) => call(API.readLinks, caller);
export const rotateLink = (caller: Caller, role: Role) => call(API.rotateLink, caller, {}, { role });

/** The server clock's lead over this device's, from the fastest of a few round trips. */
export async function measureClockOffset(samples = 3): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = Date.now();
    const response = await fetch(API.time.path, { cache: 'no-store' });
    const received = Date.now();
    if (!response.ok) continue;
    const { now } = (await response.json()) as AnswerOf<typeof API.time>;
    const rtt = received - sent;
    if (!best || rtt < best.rtt) best = { rtt, offset: now - (sent + rtt / 2) };
  }
  return best?.offset ?? 0;
}
