import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { type ErrorAnswer, requestProblem } from '../../shared/api/contract';
import { CodedError, englishSentence, type ErrorCode, type Problem } from '../../shared/errors';

/** A refused request: its status and its problem (LG4); `english` keeps a script-only wording as it was. */
export class HttpError extends CodedError {
  constructor(
    readonly status: number,
    problem: Problem | ErrorCode,
    english?: string,
  ) {
    const coded = typeof problem === 'string' ? { code: problem } : problem;
    super(coded, english ?? englishSentence(coded));
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

/** [LG4] A refusal: the English sentence for scripts beside the code and values the page translates. */
export function sendError(res: ServerResponse, status: number, error: CodedError | Problem | ErrorCode): void {
  const coded = error instanceof CodedError ? error : new CodedError(typeof error === 'string' ? { code: error } : error);
  const { code, values, field } = coded.problem;
  const answer: ErrorAnswer = { error: coded.message, code, ...(values ? { values } : {}), ...(field ? { field } : {}) };
  sendJson(res, status, answer);
}

/** The request body, refused with 413 as soon as it passes `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, { code: 'request.bodyTooLarge', values: { limit: String(limit) } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body of at most `limit` bytes; a clear HttpError otherwise. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) throw new HttpError(415, 'request.sendJson');
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'request.notJson');
  }
}

/** Reads a CSV body (text/csv or text/plain) of at most `limit` bytes. */
export async function readCsv(req: IncomingMessage, limit: number): Promise<string> {
  const type = req.headers['content-type'] ?? '';
  if (!['text/csv', 'text/plain'].some((t) => type.includes(t))) throw new HttpError(415, 'request.sendCsv');
  return (await readBody(req, limit)).toString('utf8');
}

/** A JSON body checked against its schema from the contract (shared/api/contract.ts); 400 with its sentence otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { problem, english } = requestProblem(parsed.error);
    throw new HttpError(400, problem, english);
  }
  return parsed.data;
}
