/**
 * The reference: the Yjs project's y-websocket server (`@y/websocket-server`), as its own
 * `src/server.js` starts it, documents kept in memory. Two additions, through its own hooks and
 * identical to what ourServer.ts measures: the event-loop probe, and boards seeded for the join
 * storm (the reference has no storage; its persistence hook loads a seed file when a document is
 * first opened, as our server loads SQLite).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { serve } from './ipc';
import { loopDelayProbe } from './probe';

const seedDir = process.env.BENCH_DATA_DIR ?? '';
if (!seedDir) throw new Error('BENCH_DATA_DIR is not set.');
const seedFile = (room: string) => join(seedDir, `${encodeURIComponent(room)}.bin`);

setPersistence({
  provider: null,
  bindState: (name: string, doc: Y.Doc) => {
    if (existsSync(seedFile(name))) Y.applyUpdate(doc, readFileSync(seedFile(name)));
  },
  writeState: async () => undefined,
});

// As node_modules/@y/websocket-server/src/server.js.
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
const loopDelay = loopDelayProbe();

let rooms = 0;
serve({
  port: () => (server.address() as AddressInfo).port,
  loopDelay,
  /** Any room name is a board here; there are no tokens. */
  createBoards: ({ count }: { count: number }) => Array.from({ length: count }, () => ({ id: `bench-${rooms++}`, writer: '', reader: '' })),
  seed: ({ room, update }: { room: string; update: string }) => writeFileSync(seedFile(room), Buffer.from(update, 'base64')),
});
process.on('SIGTERM', () => process.exit(0));
process.send?.({ id: 0, result: 'ready' });
