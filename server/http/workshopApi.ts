/**
 * The workshop API. Role tokens as everywhere (`Authorization: Bearer`); actions taken as a person
 * also carry that person's seat (`x-clusterboard-seat: <personId>.<secret>`).
 *   GET  /api/time                                  { now }: the server clock, for the shared timer
 *   POST /api/boards/:id/people        {name, cluster}   -> 201 Seat         facilitator, participant
 *                                                        -> 200 Seat         the same seat, when the browser sends the one it holds
 *   GET  /api/boards/:id/people                          -> {people}         facilitator
 *   PUT  /api/boards/:id/people/me     {name, cluster}   -> 204              seat
 *   POST /api/boards/:id/control       ControlCommand    -> 204              facilitator
 *   POST /api/boards/:id/votes         {noteId, change}  -> MyVotes          seat
 *   GET  /api/boards/:id/votes/mine                      -> MyVotes          seat
 *   POST /api/boards/:id/ready         {ready}           -> 204              seat
 *   POST /api/boards/:id/reveal                          -> {revealed}       seat
 *   GET  /api/boards/:id/history                         -> {entries}        facilitator
 *   POST /api/boards/:id/history       {name}            -> 201 HistoryEntry facilitator
 *   GET  /api/boards/:id/history/:entry                  -> board export     facilitator
 *   POST /api/boards/:id/history/:entry/restore          -> 201 CreatedBoard facilitator
 *   GET  /api/boards/:id/links                           -> {links}          facilitator
 *   POST /api/boards/:id/links         {role}            -> {links}          facilitator
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API,
  controlCommand,
  linkRequest,
  matchPath,
  type PathParams,
  personRequest,
  readyRequest,
  snapshotRequest,
  voteRequest,
} from '../../shared/api/contract';
import { type CreatedBoard, type Role, SEAT_HEADER } from '../../shared/protocol';
import { importBoard } from '../access/boards';
import { personForSeat } from '../access/people';
import type { BoardRecord, BoardStore, PersonRecord } from '../storage/store';
import type { Rooms } from '../sync/rooms';
import type { Workshop } from '../workshop/workshop';
import { authorise, bearerToken } from './auth';
import { HttpError, parseBody, readJson, sendJson } from './respond';

const BODY_LIMIT = 64 * 1024;

export interface WorkshopApiDeps {
  store: BoardStore;
  rooms: Rooms;
  workshop: Workshop;
  boardLinks(board: BoardRecord, req: IncomingMessage): CreatedBoard['links'];
  /** The client's address for per-address limits (http/clientAddress.ts). */
  addressOf(req: IncomingMessage): string;
}

function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}

/** The endpoints handled here, by path (each path's methods are told apart below). */
const ROUTES = {
  people: API.join,
  me: API.updateMe,
  control: API.control,
  votes: API.vote,
  myVotes: API.myVotes,
  ready: API.ready,
  reveal: API.reveal,
  history: API.listHistory,
  entry: API.readSnapshot,
  restore: API.restoreSnapshot,
  links: API.rotateLink,
} as const;

function routeOf(path: string): { name: keyof typeof ROUTES; params: PathParams } | null {
  for (const name of Object.keys(ROUTES) as (keyof typeof ROUTES)[]) {
    const params = matchPath(ROUTES[name], path);
    if (params) return { name, params };
  }
  return null;
}

function requireMethod(req: IncomingMessage, method: string, what: string): void {
  if (req.method !== method) throw new HttpError(405, { code: 'request.wrongMethod', values: { method } }, `Use ${method} to ${what}.`);
}

/** Returns false when the path is not one of these endpoints. */
export async function handleWorkshopApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: WorkshopApiDeps): Promise<boolean> {
  const path = url.pathname;
  if (path === API.time.path) {
    requireMethod(req, 'GET', 'read the server clock');
    sendJson(res, 200, { now: Date.now() });
    return true;
  }
  const route = routeOf(path);
  if (!route) return false;
  const { name, params } = route;
  const entryId = params.entry ?? '';
  const { board, role } = await authorise(deps.store, params.board ?? '', bearerToken(req, url));

  const facilitatorOnly = () => {
    if (role !== 'facilitator') throw new HttpError(403, 'role.facilitatorOnly');
  };
  const seatHolder = async (): Promise<PersonRecord> => {
    if (role === 'viewer') throw new HttpError(403, 'role.viewerTakePart');
    const seat = req.headers[SEAT_HEADER];
    const person = await personForSeat(deps.store, board.id, typeof seat === 'string' ? seat : null);
    if (!person) throw new HttpError(401, 'seat.missing');
    return person;
  };

  switch (name) {
    case 'people': {
      if (req.method === 'GET') {
        facilitatorOnly();
        sendJson(res, 200, { people: await deps.workshop.listPeople(board.id) });
        return true;
      }
      requireMethod(req, 'POST', 'join the board');
      if (role === 'viewer') throw new HttpError(403, 'role.viewerJoin');
      const body = parseBody(personRequest, await readJson(req, BODY_LIMIT));
      const held = req.headers[SEAT_HEADER];
      const { seat, created } = await deps.workshop.join(board.id, {
        ...body,
        role,
        heldSeat: typeof held === 'string' ? held : null,
        address: deps.addressOf(req),
      });
      sendJson(res, created ? 201 : 200, seat);
      return true;
    }
    case 'me': {
      requireMethod(req, 'PUT', 'change your name or cluster');
      const person = await seatHolder();
      const body = parseBody(personRequest, await readJson(req, BODY_LIMIT));
      await deps.workshop.rename(person, body);
      sendNoContent(res);
      return true;
    }
    case 'control': {
      requireMethod(req, 'POST', 'run the workshop');
      facilitatorOnly();
      const command = parseBody(controlCommand, await readJson(req, BODY_LIMIT));
      const seat = req.headers[SEAT_HEADER];
      const facilitator = await personForSeat(deps.store, board.id, typeof seat === 'string' ? seat : null);
      await deps.workshop.command(board, facilitator, command);
      sendNoContent(res);
      return true;
    }
    case 'votes': {
      requireMethod(req, 'POST', 'vote');
      const person = await seatHolder();
      const vote = parseBody(voteRequest, await readJson(req, BODY_LIMIT));
      // [WV2] The seat says who votes; a body that names someone else is refused, never obeyed.
      if (vote.personId !== undefined && vote.personId !== person.id) throw new HttpError(403, 'vote.onlyYourself');
      sendJson(res, 200, await deps.workshop.vote(person, vote.noteId, vote.change));
      return true;
    }
    case 'myVotes':
      requireMethod(req, 'GET', 'read your votes');
      sendJson(res, 200, await deps.workshop.myVotes(await seatHolder()));
      return true;
    case 'ready': {
      requireMethod(req, 'POST', 'say you are done');
      const person = await seatHolder();
      const body = parseBody(readyRequest, await readJson(req, BODY_LIMIT));
      await deps.workshop.setReady(person, body.ready);
      sendNoContent(res);
      return true;
    }
    case 'reveal': {
      requireMethod(req, 'POST', 'reveal your notes');
      const revealed = await deps.workshop.revealOwn(await seatHolder());
      sendJson(res, 200, { revealed });
      return true;
    }
    case 'history': {
      facilitatorOnly();
      if (req.method === 'GET') {
        sendJson(res, 200, { entries: await deps.store.listHistory(board.id) });
        return true;
      }
      requireMethod(req, 'POST', 'take a snapshot');
      const body = parseBody(snapshotRequest, await readJson(req, BODY_LIMIT));
      // [RD13] The seat names who took it; as with run-sheet commands, a facilitator link without
      // a seat (a script) may still take one, with no author.
      const seat = req.headers[SEAT_HEADER];
      const taker = await personForSeat(deps.store, board.id, typeof seat === 'string' ? seat : null);
      sendJson(res, 201, await deps.workshop.snapshot(board.id, body.name, taker?.name ?? ''));
      return true;
    }
    case 'entry': {
      requireMethod(req, 'GET', 'read a snapshot');
      facilitatorOnly();
      sendJson(res, 200, await deps.workshop.exportSnapshot(board.id, entryId));
      return true;
    }
    case 'restore': {
      requireMethod(req, 'POST', 'restore a snapshot');
      facilitatorOnly();
      const entry = (await deps.store.listHistory(board.id)).find((e) => e.id === entryId);
      // [SE7] With the votes published when the snapshot was taken: the new board shows them.
      const exported = await deps.workshop.exportSnapshot(board.id, entryId);
      const title = `${exported.board.title} (restored: ${entry?.name ?? 'snapshot'})`.slice(0, 200);
      // Restoring never touches the live board: the snapshot becomes a new board.
      const restored = await importBoard(deps.store, { ...exported, board: { ...exported.board, title } });
      sendJson(res, 201, { id: restored.id, title: restored.title, links: deps.boardLinks(restored, req) } satisfies CreatedBoard);
      return true;
    }
    case 'links': {
      // [FO5] Showing the links again (the Invite panel) never changes them; only the facilitator
      // token reads them, since the facilitator link is among them.
      if (req.method === 'GET') {
        facilitatorOnly();
        sendJson(res, 200, { links: deps.boardLinks(board, req) });
        return true;
      }
      requireMethod(req, 'POST', 'replace a link');
      facilitatorOnly();
      const body = parseBody(linkRequest, await readJson(req, BODY_LIMIT));
      const updated = await rotateLink(deps, board, body.role);
      sendJson(res, 200, { links: deps.boardLinks(updated, req) });
      return true;
    }
  }
}

/** [WA2] A new secret for the role; every socket opened with the old one is closed (4410). */
async function rotateLink(deps: WorkshopApiDeps, board: BoardRecord, role: Role): Promise<BoardRecord> {
  const token = randomBytes(24).toString('base64url');
  await deps.store.setToken(board.id, role, token);
  deps.rooms.revokeLink(board.id, role);
  return { ...board, tokens: { ...board.tokens, [role]: token } };
}
