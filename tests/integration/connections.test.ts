/**
 * Sockets cannot hold the server's places for nothing (SPEC K7, K8): a handshake has a deadline, a
 * socket nobody answers from is dropped, and the sockets one process holds are capped, while
 * someone who only watches (answering pings, sending nothing) stays.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MemoryStore } from '../../server/storage/memory';
import { CloseCode } from '../../shared/protocol';
import { createTestBoard } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, gatedServer, rawSocket, serverFor, sleep, waitFor } from './support';

const defer = cleanupAfterEach();

/** Whether `closed` settles within `ms`; 'still open' otherwise. */
function within<T>(closed: Promise<T>, ms: number): Promise<T | 'still open'> {
  return Promise.race([closed, sleep(ms).then(() => 'still open' as const)]);
}

describe('connections', () => {
  it('[K7] a socket whose login is not done within the handshake time is closed with 4503 (retry later)', async () => {
    const inner = new MemoryStore();
    const board = await createTestBoard(inner);
    const { server, store } = await gatedServer(defer, inner, { handshakeTimeoutMs: 300 });
    // Storage takes longer to load the board than the handshake may last.
    store.loadDelayMs = 1_500;
    const slow = rawSocket(defer, server, board.id, board.tokens.viewer);
    await slow.opened;
    expect(await within(slow.closed, 1_000)).toEqual({ code: CloseCode.GoingAway, reason: 'Server busy, retry shortly' });
  });

  it('[K7] an open socket that never sends its first message is closed with 4503; a provider in the same wait is not', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { handshakeTimeoutMs: 300 } });
    const board = await boardOn(ts);
    const honest = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    const closes: number[] = [];
    honest.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    const silent = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await silent.opened;
    expect(await within(silent.closed, 2_000)).toEqual({ code: CloseCode.GoingAway, reason: 'Handshake timed out' });
    expect(honest.provider.synced).toBe(true);
    expect(closes).toEqual([]);
  });

  it('[K7] a server that stalls past the handshake time does not close a socket whose first message waited meanwhile', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { handshakeTimeoutMs: 300 } });
    const board = await boardOn(ts);
    const socket = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await socket.opened;
    await sleep(50);
    socket.ws.send(new Uint8Array([0, 0, 1, 0]));
    // The event loop (the server's, here the test's too) is blocked past the deadline.
    const until = Date.now() + 600;
    while (Date.now() < until);
    expect(await within(socket.closed, 500)).toBe('still open');
    expect(socket.messages.length).toBeGreaterThan(0);
  });

  it('[K7] a connection that sends no request, or trickles its upgrade headers, is closed after the handshake time', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { handshakeTimeoutMs: 300 } });
    const board = await boardOn(ts);
    // The trickle sends a header line every 100 ms: never quiet for long, never done.
    const closedAfter = (send: string | null) =>
      new Promise<string>((resolve) => {
        const socket = connect(ts.server.port, '127.0.0.1', () => {
          if (send === null) return;
          socket.write(send);
          const trickle = setInterval(() => socket.write('X-Slow: yes\r\n'), 100);
          socket.on('close', () => clearInterval(trickle));
        });
        defer(() => socket.destroy());
        let answer = '';
        socket.on('data', (data) => (answer += data.toString()));
        socket.on('error', () => {});
        socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
      });
    const silent = closedAfter(null);
    const trickle = closedAfter(`GET /ws/${board.id}?token=${board.tokens.viewer} HTTP/1.1\r\nHost: localhost\r\n`);
    expect(await within(silent, 3_000)).toBe('');
    expect(await within(trickle, 3_000)).toBe('HTTP/1.1 408 Request Timeout');
  });

  it('[K8] a socket that sends nothing and answers no ping is dropped after the idle timeout; a watcher who answers pings stays', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { idleTimeoutMs: 400, heartbeatMs: 100 } });
    const board = await boardOn(ts);
    const watcher = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    const closes: number[] = [];
    watcher.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    await waitFor(() => watcher.provider.synced, 'the watcher syncs');
    // A laptop whose lid closed: the socket is there, nothing answers.
    const gone = new WebSocket(`ws://127.0.0.1:${ts.server.port}/ws/${board.id}?token=${board.tokens.viewer}`, { autoPong: false });
    defer(() => gone.terminate());
    gone.on('error', () => {});
    const goneClosed = new Promise<number>((resolve) => gone.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => gone.once('open', () => resolve()));
    // It spoke once (sync step 1) and then fell silent.
    gone.send(new Uint8Array([0, 0, 1, 0]));
    // 1006: dropped without a close frame (a dead socket could not read one).
    expect(await within(goneClosed, 3_000)).toBe(1006);
    // The watcher sent nothing since its first messages (presence renews every 15 s), yet stays.
    await sleep(1_000);
    expect(closes).toEqual([]);
    expect(watcher.provider.wsconnected).toBe(true);
  });

  it('[K8] past the sockets one process holds, a newcomer is closed with 4503 (retry later), and a closed socket frees its place', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { connectionsTotal: 2 } } });
    const board = await boardOn(ts);
    const first = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    const second = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await Promise.all([first.opened, second.opened]);
    const third = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    expect(await third.closed).toEqual({ code: CloseCode.GoingAway, reason: 'Server busy, retry shortly' });
    first.ws.close();
    await first.closed;
    await waitFor(() => ts.server.connectionCount() === 1, 'the first socket is gone');
    const fourth = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await fourth.opened;
    fourth.ws.send(new Uint8Array([0, 0, 1, 0]));
    await waitFor(() => fourth.messages.length > 0, 'the fourth socket is served');
  });
});
