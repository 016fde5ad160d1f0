/**
 * The JSON API:
 *   POST /api/boards        { title, template? } -> 201 { id, title, links }
 *   GET  /api/boards/:id    token in `Authorization: Bearer` or `?token=` -> BoardInfo
 * (/healthz, /readyz and /metrics are in ./ops.ts.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API, createBoardRequest, matchPath, PROTOCOL_HEADER, sameProtocol } from '../../shared/api/contract';
import { isLocale, LOCALES } from '../../shared/i18n/locales';
import { MutationError } from '../../shared/model/errors';
import { BoardFullError } from '../../shared/model/limits';
import { type BoardInfo, boardPath, type CreatedBoard, PROTOCOL_VERSION, ROLES } from '../../shared/protocol';
import { ImportError, parseBoardExport } from '../../shared/report/json';
import { readMeta } from '../../shared/view/boardView';
import { createBoard, createBoardFromPrevious, importBoard } from '../access/boards';
import { boardPeople, currentView, EXPORT_FORMATS, isExportFormat, sharedExport } from '../exports';
import type { BoardRecord, BoardStore } from '../storage/store';
import { ServerBusyError } from '../sync/errors';
import type { Rooms } from '../sync/rooms';
import type { DeletedNotes } from '../workshop/deletedRestore';
import { WorkshopError } from '../workshop/errors';
import type { Workshop } from '../workshop/workshop';
import { authorise, bearerToken } from './auth';
import { handleDeletedNotesApi } from './deletedNotesApi';
import { handleNotesApi } from './notesApi';
import { type Quotas, RateLimitedError } from './quotas';
import type { ReadCache } from './readCache';
import { HttpError, parseBody, readJson, sendError, sendJson } from './respond';
import { handleWorkshopApi } from './workshopApi';
import { WORKSHOP_STATUS } from './workshopErrors';

const BODY_LIMIT = 16 * 1024;
/** A board export of the largest board we plan for (5,000 notes) fits well within this. */
const IMPORT_LIMIT = 16 * 1024 * 1024;

export interface ApiDeps {
  store: BoardStore;
  rooms: Rooms;
  workshop: Workshop;
  deletedNotes: DeletedNotes;
  publicUrl: string | null;
  quotas: Quotas;
  reads: ReadCache;
  /** The client's address for per-address limits (http/clientAddress.ts). */
  addressOf(req: IncomingMessage): string;
}

export function boardLinks(board: BoardRecord, origin: string): CreatedBoard['links'] {
  const links = {} as CreatedBoard['links'];
  for (const role of ROLES) links[role] = `${origin}${boardPath(board.id, board.tokens[role])}`;
  return links;
}

function requestOrigin(req: IncomingMessage, publicUrl: string | null): string {
  return publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
}

/** Returns false when the path is not an API path (so static files are tried). */
export async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: ApiDeps): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/api/')) return false;
  try {
    if (path === API.createBoard.path) {
      if (req.method !== 'POST') throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'POST' } }, 'Use POST to create a board.');
      deps.quotas.admitCreate(req, 'create');
      const { title, template = 'blank', from } = parseBody(createBoardRequest, await readJson(req, BODY_LIMIT));
      let board: BoardRecord;
      if (template === 'previous-board') {
        if (!from) throw new HttpError(400, 'board.fromNeedsLink');
        const source = await authorise(deps.store, from.board, from.token);
        if (source.role === 'viewer') throw new HttpError(403, 'board.fromNeedsWriterLink');
        // Current names on the carried notes' copies [AT2].
        const view = await currentView(deps.store, deps.rooms, source.board.id, await boardPeople(deps.store, source.board.id));
        board = await createBoardFromPrevious(deps.store, { title, previous: { boardId: source.board.id, view } });
      } else {
        board = await createBoard(deps.store, { title, template });
      }
      const created: CreatedBoard = { id: board.id, title: board.title, links: boardLinks(board, requestOrigin(req, deps.publicUrl)) };
      sendJson(res, 201, created);
      return true;
    }
    if (path === API.importBoard.path) {
      if (req.method !== 'POST') throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'POST' } }, 'Use POST to import a board.');
      deps.quotas.admitCreate(req, 'import');
      let data;
      try {
        data = parseBoardExport(await readJson(req, IMPORT_LIMIT));
      } catch (error) {
        if (error instanceof ImportError) throw new HttpError(400, { code: 'import.invalid', values: { detail: error.message } });
        throw error;
      }
      let board: BoardRecord;
      try {
        board = await importBoard(deps.store, data);
      } catch (error) {
        // [E4] The mutation's own bounds check (shared/model/mutations/importBoard.ts) names the field too.
        if (error instanceof MutationError) throw new HttpError(400, error.problem, error.message);
        throw error;
      }
      const created: CreatedBoard = { id: board.id, title: board.title, links: boardLinks(board, requestOrigin(req, deps.publicUrl)) };
      sendJson(res, 201, created);
      return true;
    }
    const notesMatch = matchPath(API.addNote, path) ?? matchPath(API.importCsv, path);
    if (notesMatch?.board) {
      await handleNotesApi(req, res, url, deps, { boardSegment: notesMatch.board, action: path.endsWith('/import') ? 'import' : 'notes' });
      return true;
    }
    const exportMatch = matchPath(API.exportBoard, path);
    if (exportMatch?.board) {
      if (req.method !== 'GET') throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'GET' } }, 'Use GET to export a board.');
      const { board, role } = await authorise(deps.store, exportMatch.board, bearerToken(req, url));
      if (role === 'viewer') throw new HttpError(403, 'export.needsWriterLink');
      const format = url.searchParams.get('format') ?? 'md';
      if (!isExportFormat(format)) throw new HttpError(400, { code: 'export.format', values: { formats: EXPORT_FORMATS.join(', ') } });
      // [LG5] Reports in the language asked for, else the board's; an unknown one is refused with the list.
      const language = url.searchParams.get('lang');
      if (language !== null && !isLocale(language))
        throw new HttpError(400, { code: 'export.language', values: { language: language.slice(0, 40), known: LOCALES.join(', ') } });
      const exported = await sharedExport(deps.store, deps.rooms, deps.reads, req, board, format, language);
      res.writeHead(200, {
        'content-type': exported.contentType,
        // [RG6] The printable report opens in the browser; the other formats are files to keep.
        'content-disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${exported.filename}"`,
        'cache-control': 'no-store',
      });
      res.end(exported.body);
      return true;
    }
    const match = matchPath(API.boardInfo, path);
    if (match?.board) {
      if (req.method !== 'GET') throw new HttpError(405, { code: 'request.wrongMethod', values: { method: 'GET' } }, 'Use GET to read a board.');
      // [HC5] A page of another protocol version is told to reload (one without the header is an integration's).
      const version = req.headers[PROTOCOL_HEADER];
      if (typeof version === 'string' && !sameProtocol(version)) throw new HttpError(409, 'page.outOfDate');
      const { board, role } = await authorise(deps.store, match.board, bearerToken(req, url));
      const live = deps.rooms.peek(board.id);
      const info: BoardInfo = {
        id: board.id,
        title: live ? readMeta(live.doc).title : board.title,
        template: board.template,
        role,
        protocolVersion: PROTOCOL_VERSION,
      };
      sendJson(res, 200, info);
      return true;
    }
    const links = (board: BoardRecord, request: IncomingMessage) => boardLinks(board, requestOrigin(request, deps.publicUrl));
    if (await handleWorkshopApi(req, res, url, { ...deps, boardLinks: links })) return true;
    if (await handleDeletedNotesApi(req, res, url, deps)) return true;
    throw new HttpError(404, 'api.notFound');
  } catch (error) {
    if (error instanceof RateLimitedError) res.setHeader('retry-after', String(error.retryAfterSeconds));
    if (error instanceof HttpError) sendError(res, error.status, error);
    else if (error instanceof WorkshopError) sendError(res, WORKSHOP_STATUS[error.kind], error);
    else if (error instanceof ServerBusyError) {
      // [Q6] The loaded-board cap says "later", not "broken".
      res.setHeader('retry-after', '30');
      sendError(res, 503, 'server.busy');
    } else if (error instanceof BoardFullError) sendError(res, 409, error);
    else if (error instanceof MutationError) sendError(res, 400, error);
    else throw error;
    return true;
  }
}
