import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { requestProblem } from '../../shared/api/contract';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
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

export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: message });
}

/** The request body, refused with 413 as soon as it passes `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body of at most `limit` bytes; a clear HttpError otherwise. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) throw new HttpError(415, 'Send the request body as application/json.');
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

/** Reads a text body of at most `limit` bytes, of one of the given content types. */
export async function readText(req: IncomingMessage, limit: number, types: readonly string[]): Promise<string> {
  const type = req.headers['content-type'] ?? '';
  if (!types.some((t) => type.includes(t))) throw new HttpError(415, `Send the request body as ${types.join(' or ')}.`);
  return (await readBody(req, limit)).toString('utf8');
}

/** A JSON body checked against its schema from the contract (shared/api/contract.ts); 400 with its sentence otherwise. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, requestProblem(parsed.error));
  return parsed.data;
}
