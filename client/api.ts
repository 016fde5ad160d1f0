/**
 * The browser's calls to the HTTP API, by the contract both sides share (shared/api/contract.ts):
 * its paths, bodies and answers.
 */
import { type AnswerOf, API, type BodyOf, type Endpoint, type ErrorAnswer, pathOf, type PathParams, PROTOCOL_HEADER } from '../shared/api/contract';
import type { Problem } from '../shared/errors';
import { PROTOCOL_VERSION, SEAT_HEADER } from '../shared/protocol';
import type { TemplateId } from '../shared/templates/index';
import { t } from './i18n/current';
import { problemOf, problemText } from './i18n/errors';

export type { CsvImportAnswer as CsvImportResult } from '../shared/api/contract';

/** A refused request; its message is the sentence for the person, in the page's language (LG4). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The refusal's code and values, when the server sent them. */
    readonly problem: Problem | null = null,
  ) {
    super(message);
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorAnswer> | null;
  const problem = problemOf(body);
  if (problem) return new ApiError(response.status, problemText(problem), problem);
  return new ApiError(response.status, body?.error ?? t('errors.server.answered', { status: response.status }));
}

export interface Credentials {
  token?: string;
  seat?: string | null;
  /** Sends this page's `PROTOCOL_VERSION`. */
  protocol?: boolean;
}

/** The raw response of one endpoint, refused with an ApiError unless it is a success. */
async function send(
  endpoint: Endpoint,
  params: PathParams,
  who: Credentials,
  init: { body?: string; contentType?: string; query?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (who.token) headers.authorization = `Bearer ${who.token}`;
  if (who.seat) headers[SEAT_HEADER] = who.seat;
  if (who.protocol) headers[PROTOCOL_HEADER] = String(PROTOCOL_VERSION);
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(`${pathOf(endpoint, params)}${init.query ?? ''}`, {
    method: endpoint.method,
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** Calls a JSON endpoint of the contract: its body in, its answer out (nothing for 204). */
export async function request<E extends Endpoint>(
  endpoint: E,
  params: PathParams,
  who: Credentials,
  ...body: BodyOf<E> extends never ? [] : [BodyOf<E>]
): Promise<AnswerOf<E>> {
  const json = body.length > 0 ? { body: JSON.stringify(body[0]), contentType: 'application/json' } : {};
  const response = await send(endpoint, params, who, json);
  if (response.status === 204) return undefined as AnswerOf<E>;
  return (await response.json()) as AnswerOf<E>;
}

/** `from`: for "From a previous board", that board's id and a facilitator or participant token. */
export const apiCreateBoard = (title: string, template: TemplateId, from?: { board: string; token: string }) =>
  request(API.createBoard, {}, {}, from ? { title, template, from } : { title, template });

/** The board's info; the page's protocol version goes with it, and a server of another one answers 409 (HC5). */
export const apiBoardInfo = (boardId: string, token: string) => request(API.boardInfo, { board: boardId }, { token, protocol: true });

/** Downloads a board export (the token goes in a header, never in a URL). */
export async function apiDownloadExport(boardId: string, token: string, format: 'md' | 'csv' | 'docx' | 'json' | 'html'): Promise<void> {
  const response = await send(API.exportBoard, { board: boardId }, { token }, { query: `?format=${format}` });
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `board.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * [RG9] Shows the printable report in a new tab. The tab is opened by the click itself (a popup
 * blocker lets only that through) and cut from this page (`opener`); the report is fetched with
 * the token in a header and shown from a blob URL, so the token never lands in a URL or history.
 * The blob stays alive while this page does, so the tab can be reloaded. Where no tab may open
 * (a blocker), the page is downloaded as a file instead, and the board stays where it is.
 */
export async function apiOpenPrintable(boardId: string, token: string): Promise<void> {
  const tab = window.open('', '_blank');
  if (!tab) return apiDownloadExport(boardId, token, 'html');
  tab.opener = null;
  try {
    const response = await send(API.exportBoard, { board: boardId }, { token }, { query: '?format=html' });
    tab.location.href = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html;charset=utf-8' }));
  } catch (error) {
    tab.close();
    throw error;
  }
}

/** `seat`: the importing person's, so the notes read "CSV import by <their name>". */
export async function apiImportCsv(boardId: string, token: string, seat: string | null, csv: string): Promise<AnswerOf<typeof API.importCsv>> {
  const response = await send(API.importCsv, { board: boardId }, { token, seat }, { body: csv, contentType: 'text/csv' });
  return (await response.json()) as AnswerOf<typeof API.importCsv>;
}
