import { SEAT_HEADER, type BoardInfo, type CreatedBoard } from '../shared/protocol';
import type { TemplateId } from '../shared/templates/index';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  return new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`);
}

/** `from`: for "From a previous board", that board's id and a facilitator or participant token. */
export async function apiCreateBoard(title: string, template: TemplateId, from?: { board: string; token: string }): Promise<CreatedBoard> {
  const response = await fetch('/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(from ? { title, template, from } : { title, template }),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as CreatedBoard;
}

export async function apiBoardInfo(boardId: string, token: string): Promise<BoardInfo> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as BoardInfo;
}

/** Downloads a board export (the token goes in a header, never in a URL). */
export async function apiDownloadExport(boardId: string, token: string, format: 'md' | 'csv' | 'docx' | 'json'): Promise<void> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export?format=${format}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw await errorOf(response);
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

export interface CsvImportResult {
  imported: number;
  problems: { line: number; reason: string }[];
}

/** `seat`: the importing person's, so the notes read "CSV import by <their name>". */
export async function apiImportCsv(boardId: string, token: string, seat: string | null, csv: string): Promise<CsvImportResult> {
  const headers: Record<string, string> = { 'content-type': 'text/csv', authorization: `Bearer ${token}` };
  if (seat) headers[SEAT_HEADER] = seat;
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/notes/import`, {
    method: 'POST',
    headers,
    body: csv,
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as CsvImportResult;
}
