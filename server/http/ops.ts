/**
 * Endpoints for operators and orchestrators, answered before the API and never needing storage
 * unless they say so:
 *   GET /healthz  liveness: the process answers; rooms, connections, memory, event-loop delay
 *   GET /readyz   readiness: storage and every other dependency answer (server/ops/readiness.ts)
 *   GET /metrics  Prometheus text; `Authorization: Bearer <METRICS_TOKEN>` when one is set
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLoopDelay } from '../ops/eventLoop';
import type { Metrics } from '../ops/metrics';
import { checkReadiness, type ReadinessCheck } from '../ops/readiness';
import type { Rooms } from '../sync/rooms';
import { HttpError, sendError, sendJson } from './respond';

export interface OpsDeps {
  rooms: Rooms;
  connectionCount(): number;
  startedAt: number;
  /** /healthz's own window: each health read starts a new one (the metrics keep theirs). */
  eventLoopDelay: EventLoopDelay;
  metrics: Metrics;
  /** When set, /metrics needs it as a bearer token. */
  metricsToken: string | null;
  readiness: readonly ReadinessCheck[];
  /** False once shutdown has begun. */
  ready(): boolean;
}

const OPS_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function sameSecret(given: string, expected: string): boolean {
  // Hashed first so the comparison takes the same time whatever the lengths.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Returns false when the path is not one of these (so the API and static files are tried). */
export async function handleOps(req: IncomingMessage, res: ServerResponse, url: URL, deps: OpsDeps): Promise<boolean> {
  const path = url.pathname;
  if (!OPS_PATHS.has(path)) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, new HttpError(405, { code: 'request.wrongMethod', values: { method: 'GET' } }, `Use GET to read ${path}.`));
    return true;
  }
  switch (path) {
    case '/healthz': {
      const memory = process.memoryUsage();
      sendJson(res, 200, {
        status: 'ok',
        uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
        rooms: deps.rooms.size,
        documents: deps.rooms.documents,
        connections: deps.connectionCount(),
        memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
        eventLoopDelay: deps.eventLoopDelay.read(),
      });
      return true;
    }
    case '/readyz': {
      if (!deps.ready()) {
        sendJson(res, 503, { ready: false, checks: { server: 'shutting down' } });
        return true;
      }
      const readiness = await checkReadiness(deps.readiness);
      // Shutdown may have begun while the checks ran.
      if (!deps.ready()) sendJson(res, 503, { ready: false, checks: { ...readiness.checks, server: 'shutting down' } });
      else sendJson(res, readiness.ready ? 200 : 503, readiness);
      return true;
    }
    case '/metrics': {
      if (deps.metricsToken !== null) {
        const header = req.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
        if (!sameSecret(token, deps.metricsToken)) {
          res.setHeader('www-authenticate', 'Bearer realm="metrics"');
          sendError(res, 401, 'metrics.tokenNeeded');
          return true;
        }
      }
      const { contentType, body } = await deps.metrics.scrape();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      res.end(body);
      return true;
    }
  }
  return false;
}
