/**
 * The Clusterboard server: one HTTP port for the built client, the JSON API and the board
 * sockets (`/ws/<boardId>?token=...`, the y-websocket protocol).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { CloseCode, parseDocKey, WS_PATH_PREFIX } from '../shared/protocol';
import { socketAuthenticator } from './access/authenticate';
import type { SeatLimits } from './access/people';
import type { UpdateBus } from './bus/bus';
import { handleApi } from './http/api';
import { clientAddress, normalizeAddress } from './http/clientAddress';
import { setSecurityHeaders } from './http/headers';
import { handleOps } from './http/ops';
import { DEFAULT_QUOTAS, Quotas, type QuotaSettings } from './http/quotas';
import { ReadCache } from './http/readCache';
import { sendError } from './http/respond';
import { serveStatic } from './http/static';
import { decodeSegment, requestUrl } from './http/url';
import type { Logger } from './log';
import { EventLoopDelay } from './ops/eventLoop';
import { instrumentLog } from './ops/instrumentedStore';
import { Metrics } from './ops/metrics';
import type { ReadinessCheck } from './ops/readiness';
import { Shutdown, type ShutdownState } from './ops/shutdown';
import { storageAnswer, storageFailure } from './storage/failures';
import { HealthTrackingStore } from './storage/health';
import { LastKnownStore } from './storage/lastKnown';
import { type BoardStore, DamagedBoardError } from './storage/store';
import { acceptConnection } from './sync/connection';
import { ServerBusyError } from './sync/errors';
import { AddressCounter, DEFAULT_LIMITS, type Limits } from './sync/limits';
import { Rooms } from './sync/rooms';
import { DeletionWatch } from './workshop/deletedNotes';
import { DeletedNotes } from './workshop/deletedRestore';
import { boardDocumentHooks } from './workshop/documents';
import { Workshop } from './workshop/workshop';

export interface ServerOptions {
  port: number;
  host: string;
  store: BoardStore;
  log: Logger;
  /** Folder of the built client. */
  clientDir: string;
  /** Largest accepted WebSocket message, in bytes. */
  maxPayload?: number;
  idleUnloadMs?: number;
  compactEvery?: number;
  /**
   * [K8] A socket that sends nothing and answers no ping for this long is dropped (60 s by default).
   * Pinged every `heartbeatMs` (half of it by default).
   */
  idleTimeoutMs?: number;
  heartbeatMs?: number;
  /** [K7] Time for a socket's upgrade headers, and then its login and first message (10 s by default). */
  handshakeTimeoutMs?: number;
  /** Origin for links in API answers; the request's Host when absent. */
  publicUrl?: string | null;
  /** Rates and sizes per connection, address and board (server/sync/limits.ts). */
  limits?: Partial<Limits>;
  /** The server's metrics (closed with it); a fresh set without process metrics when absent. */
  metrics?: Metrics;
  /** When set, GET /metrics needs `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | null;
  /** Dependencies /readyz checks besides storage, which is always checked. */
  readiness?: ReadinessCheck[];
  /** How long close() keeps serving after /readyz turns 503, before refusing connections. */
  drainMs?: number;
  /** Addresses of reverse proxies whose X-Forwarded-For names the client (http/clientAddress.ts). */
  trustProxy?: readonly string[];
  /** Other instances serving the same boards (server/bus/bus.ts); closed with the server. */
  bus?: UpdateBus | null;
  /** Bytes of updates each document keeps while storage is unreachable (sync/persistence.ts); 0 by default. */
  outageBufferBytes?: number;
  /** Who may create boards and how often, and the heavy-read budget (http/quotas.ts). */
  quotas?: Partial<QuotaSettings>;
  /** Seats per link and per address on one board (server/people.ts). */
  seats?: Partial<SeatLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  rooms: Rooms;
  connectionCount(): number;
  /** In the order of server/ops/shutdown.ts: not ready, stop accepting, sockets closed with 4503, boards flushed, store closed. */
  close(): Promise<void>;
  /** Where close() has got to. */
  shutdownState(): ShutdownState;
}

interface LiveSocket extends WebSocket {
  /** When the client last sent anything, a pong included. */
  heardAt?: number;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  const metrics = options.metrics ?? new Metrics();
  // [N3] Storage failures are tracked for /readyz; a store that refuses writes at start serves read-only.
  const health = new HealthTrackingStore(options.store);
  const refusing = await health.probe();
  if (refusing) {
    log.error(
      `storage refuses writes (${refusing.kind === 'full' ? 'the disk is full' : refusing.reason}): serving boards read-only, /readyz answers 503 until writes succeed again`,
      {
        reason: refusing.reason,
      },
    );
  }
  // [M4] With an outage buffer, people can also reconnect during an outage (storage/lastKnown.ts).
  const lastKnown = options.outageBufferBytes ? new LastKnownStore(health) : null;
  const store: BoardStore = lastKnown ?? health;
  // The sync core sees only the document log, timed for metrics; records go to `store`.
  const documents = instrumentLog(health, metrics);
  options.bus?.onEvent((event) => {
    if (event.type === 'link-revoked') lastKnown?.forget(event.boardId);
    else if (event.type === 'person-removed') lastKnown?.forgetPerson(event.boardId, event.personId);
  });
  const shutdown = new Shutdown(log);
  const startedAt = Date.now();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const addresses = new AddressCounter(limits.connectionsPerAddress);
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const trustedProxies = new Set((options.trustProxy ?? []).map(normalizeAddress));
  const quotas = new Quotas({ ...DEFAULT_QUOTAS, ...options.quotas }, trustedProxies);
  const reads = new ReadCache({
    quotas,
    computed: metrics.counter(
      'heavy_reads_computed_total',
      'Notes lists and exports computed (not answered from the cache), by what was read (Q3).',
      ['what'],
    ),
  });
  const deletionWatch = new DeletionWatch({ store, log });
  const rooms: Rooms = new Rooms({
    maxBoards: limits.boardsLoaded,
    presenceLimits: { idsPerMinute: limits.presenceIdsPerMinute, perRoom: limits.presencePerRoom, forgetMs: limits.presenceForgetMs },
    maxBoardBytes: limits.boardBytes,
    store: documents,
    log,
    compactEvery: options.compactEvery ?? 500,
    idleUnloadMs: options.idleUnloadMs ?? 30_000,
    bus: options.bus ?? null,
    outageBufferBytes: options.outageBufferBytes ?? 0,
    hooks: {
      ...boardDocumentHooks({ store, log }),
      onChange: (room, name) => {
        metrics.updateApplied();
        workshop.privateChanged(room, name);
      },
      // [N1] Only the board document holds notes.
      beforeApply: (room, peer, update) => (room.docKey === '' ? deletionWatch.beforeApply(room.boardId, room.doc, peer, update) : null),
    },
  });
  const authenticate = socketAuthenticator(store);
  const deletedNotes = new DeletedNotes({ store, rooms, watch: deletionWatch });
  const workshop = new Workshop({ store, rooms, log, ...(options.seats ? { seats: options.seats } : {}) });
  const eventLoopDelay = new EventLoopDelay();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 2 * 1024 * 1024 });
  const connectionCount = () => wss.clients.size;
  metrics.watch({ connections: connectionCount, boardsOpen: () => rooms.size, documentsOpen: () => rooms.documents });
  metrics.gauge('storage_outage_bytes', 'Bytes of updates waiting in memory for storage to come back (M4).', () => rooms.unstoredBytes);
  const ops = {
    rooms,
    connectionCount,
    startedAt,
    eventLoopDelay,
    metrics,
    metricsToken: options.metricsToken ?? null,
    readiness: [
      { name: 'storage', check: () => store.ping() },
      ...(options.bus ? [{ name: 'bus', check: () => options.bus?.ping() ?? Promise.resolve() }] : []),
      ...(options.readiness ?? []),
    ],
    ready: () => shutdown.ready,
  };

  // [K7] Upgrade headers (and any request's headers) must arrive within the handshake time: a
  // socket that opens and trickles bytes holds a file descriptor for nothing. Node checks every
  // `connectionsCheckingInterval`.
  const httpOptions = { headersTimeout: handshakeTimeoutMs, connectionsCheckingInterval: Math.min(30_000, Math.max(100, handshakeTimeoutMs / 4)) };
  const http = createServer(httpOptions, (req, res) => {
    req.socket.setTimeout(0);
    setSecurityHeaders(res);
    const url = requestUrl(req.url);
    if (!url) return sendError(res, 400, 'request.badUrl');
    handleOps(req, res, url, ops)
      .then(
        (handled) =>
          handled ||
          handleApi(req, res, url, {
            store,
            rooms,
            workshop,
            deletedNotes,
            publicUrl: options.publicUrl ?? null,
            quotas,
            reads,
            addressOf: (request) => clientAddress(request, trustedProxies),
          }),
      )
      .then((handled) => (handled ? undefined : serveStatic(req, res, url, options.clientDir)))
      .catch((error: unknown) => {
        // [N3] A storage failure is told as one: 507 for a full disk, 503 otherwise, never a bare 500.
        const failure = storageFailure(error);
        // [K6] Every loaded board has people in it: this one must wait for one of them to empty.
        const busy = error instanceof ServerBusyError;
        log.error(failure ? `request failed: storage ${failure}` : busy ? 'request refused: server busy' : 'request failed', {
          method: req.method,
          path: url.pathname,
          error,
        });
        if (res.headersSent) res.destroy();
        else if (busy) sendError(res, 503, 'server.busyBoards');
        else if (failure) sendError(res, storageAnswer(failure).status, storageAnswer(failure).code);
        else if (error instanceof DamagedBoardError) {
          sendError(res, 500, { code: 'board.damaged', values: { detail: error.message } });
        } else sendError(res, 500, 'server.failed');
      });
  });

  // ...and a connection that sends nothing at all is not a request yet, so Node would keep it: it
  // is closed once the handshake time passes without a request (Node destroys a socket whose
  // timeout nobody handles). Cleared as soon as a request or upgrade arrives.
  http.on('connection', (socket: Socket) => socket.setTimeout(handshakeTimeoutMs));

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    (socket as Socket).setTimeout(0);
    socket.on('error', () => socket.destroy());
    if (!shutdown.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const url = requestUrl(req.url);
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!url.pathname.startsWith(WS_PATH_PREFIX)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // A malformed id is accepted like an unknown one, then closed with 4404.
    const [boardSegment = '', ...rest] = url.pathname.slice(WS_PATH_PREFIX.length).split('/');
    const boardId = decodeSegment(boardSegment) ?? '';
    const docName = parseDocKey(rest.join('/'));
    // Accepted even when the token is wrong, then closed with 44xx: a browser cannot read an
    // HTTP status from a refused upgrade, and the 44xx close tells providers not to retry.
    wss.handleUpgrade(req, socket, head, (ws) => {
      const live = ws as LiveSocket;
      live.heardAt = Date.now();
      ws.on('pong', () => (live.heardAt = Date.now()));
      ws.on('message', () => (live.heardAt = Date.now()));
      // [K8] Past the sockets this process holds, newcomers retry later; `clients` counts this one.
      if (wss.clients.size > limits.connectionsTotal) {
        ws.close(CloseCode.GoingAway, 'Server busy, retry shortly');
        return;
      }
      // [Z2] Accepted, then closed with a code the client can explain (a refused upgrade has none).
      const address = clientAddress(req, trustedProxies);
      if (!addresses.enter(address)) {
        ws.close(CloseCode.TooManyRequests, 'Too many connections from your network');
        return;
      }
      ws.once('close', () => addresses.leave(address));
      const request = { boardId, docName, token: url.searchParams.get('token'), seat: url.searchParams.get('seat') };
      acceptConnection(ws, request, { authenticate, rooms, log, limits, handshakeTimeoutMs });
    });
  });

  // [K8] Sockets idle past the idle timeout (a laptop lid closed mid-workshop) are dropped, so
  // their presence disappears for everyone else. Idle means nothing at all from the client, not
  // even a pong: someone who only watches answers pings and stays. (A socket that answers pings
  // and says nothing is one of those, and is bounded by the socket limits instead.)
  // Pinged in slices of 256 per event-loop turn: 3,000 pings in one callback stalled the loop for
  // 111 ms in the many-boards bench.
  const pingSlice = (sockets: LiveSocket[], from: number) => {
    const now = Date.now();
    for (const ws of sockets.slice(from, from + 256)) {
      if (ws.readyState !== ws.OPEN) continue;
      if (now - (ws.heardAt ?? now) > idleTimeoutMs) {
        ws.terminate();
        continue;
      }
      ws.ping();
    }
    if (from + 256 < sockets.length) setImmediate(() => pingSlice(sockets, from + 256));
  };
  // After this turn's I/O: if the server itself stalled, the pongs that waited meanwhile count.
  const heartbeat = setInterval(
    () => setImmediate(() => pingSlice([...(wss.clients as Set<LiveSocket>)], 0)),
    options.heartbeatMs ?? idleTimeoutMs / 2,
  );
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    rooms,
    connectionCount,
    shutdownState: () => shutdown.current,
    close: () =>
      shutdown.run({
        'not ready': async () => {
          if (options.drainMs) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
        },
        'stop accepting': () => {
          clearInterval(heartbeat);
          http.close();
        },
        'close sockets': () => {
          for (const ws of wss.clients) ws.close(CloseCode.GoingAway, 'Server restarting');
        },
        'flush boards': () => rooms.closeAll('Server restarting'),
        'close storage': async () => {
          for (const ws of wss.clients) ws.terminate();
          wss.close();
          http.closeAllConnections();
          eventLoopDelay.stop();
          metrics.close();
          await options.bus?.close();
          await store.close();
        },
      }),
  };
}
