/** Serves the built client (dist/client). Unknown paths under /b/ get index.html (client routing). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PAGE_CSP } from './headers';
import { sendError } from './respond';
import { decodeSegment } from './url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileAt(root: string, urlPath: string): Promise<string | null> {
  const decoded = decodeSegment(urlPath);
  if (decoded === null) return null;
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    return info.isFile() ? full : null;
  } catch {
    return null;
  }
}

function isAppRoute(path: string): boolean {
  return path === '/' || path === '/index.html' || /^\/b\/[^/]+\/?$/.test(path);
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'request.methodNotAllowed');
  const path = url.pathname;
  const file = isAppRoute(path) ? await fileAt(root, '/index.html') : await fileAt(root, path);
  if (!file) {
    if (isAppRoute(path)) {
      return sendError(res, 503, 'client.notBuilt');
    }
    return sendError(res, 404, 'page.notFound');
  }
  const immutable = path.startsWith('/assets/');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // The page and its service worker run scripts; everything else is data.
  if (type.startsWith('text/html') || path === '/sw.js') res.setHeader('content-security-policy', PAGE_CSP);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  // pipeline, not pipe: a read error ends this response instead of crashing the process.
  await pipeline(createReadStream(file), res).catch(() => res.destroy());
}
