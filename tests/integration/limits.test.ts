/** Limits with clear close codes (SPEC Z2, Z3): one client's excess is its own problem. */
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { notesMap } from '../../shared/model/doc';
import { addNote, addNotes } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import { DIMENSION_IDS, KIND_IDS } from '../../shared/model/vocabulary';
import { CloseCode } from '../../shared/protocol';
import { waitForSync } from '../helpers/server';
import { boardOn, cleanupAfterEach, clientOf, note, noteTexts, rawSocket, seatedParticipant, serverFor, syncUpdateFrame, waitFor } from './support';

const defer = cleanupAfterEach();
const me = localOrigin('me');

describe('limits', () => {
  it('[Z2] a socket that sends faster than its rate is closed with 4429; others on the board carry on', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { messagesPerSecond: 5, messageBurst: 20 } } });
    const board = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, board);
    const honest = clientOf(defer, ts.server, board.id, ada);
    await waitForSync(honest);
    const flood = rawSocket(defer, ts.server, board.id, board.tokens.participant);
    await flood.opened;
    const scratch = new Y.Doc();
    defer(() => scratch.destroy());
    const frames: Uint8Array[] = [];
    scratch.on('update', (update: Uint8Array) => frames.push(syncUpdateFrame(update)));
    for (let i = 0; i < 40; i++) scratch.getMap('meta').set(`k${i}`, i);
    for (const frame of frames) flood.ws.send(frame);
    expect((await flood.closed).code).toBe(CloseCode.TooManyRequests);

    addNote(honest.doc, note('still writing', { author: ada.author }), me);
    const check = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitFor(() => noteTexts(check.doc).includes('still writing'), 'the honest client still writes');
  });

  it('[Z2] sockets past the limit for one address are closed with 4429, and a closed one frees its place', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { connectionsPerAddress: 2 } } });
    const board = await boardOn(ts);
    const first = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    const second = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await Promise.all([first.opened, second.opened]);
    const third = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    expect((await third.closed).code).toBe(CloseCode.TooManyRequests);
    first.ws.close();
    await first.closed;
    const fourth = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await fourth.opened;
    await waitFor(() => fourth.messages.length > 0, 'the fourth socket is served');
  });

  it('[Z2] behind a trusted proxy, sockets count against the X-Forwarded-For client, not the proxy', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { connectionsPerAddress: 2 }, trustProxy: ['127.0.0.1'] } });
    const board = await boardOn(ts);
    const from = (client: string) => {
      const ws = new WebSocket(`ws://127.0.0.1:${ts.server.port}/ws/${board.id}?token=${board.tokens.viewer}`, {
        // A client may put anything left of what the proxy appends: only the right-most counts.
        headers: { 'x-forwarded-for': `10.9.9.9, ${client}` },
      });
      defer(() => ws.terminate());
      ws.on('error', () => {});
      const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
      const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
      return { opened, closed };
    };
    const people = ['192.0.2.1', '192.0.2.2', '192.0.2.3'].map(from);
    await Promise.all(people.map((socket) => socket.opened));
    await from('192.0.2.1').opened;
    expect(await from('192.0.2.1').closed).toBe(CloseCode.TooManyRequests);
    await waitFor(() => ts.server.connectionCount() === 4, 'three people, and the first one twice');
  });

  it('[Z2, K6] past the most boards one server holds, each with someone in it, opening another answers 4503 (retry later)', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { boardsLoaded: 1 } } });
    const [a, b] = [await boardOn(ts), await boardOn(ts)];
    const first = clientOf(defer, ts.server, a.id, a.tokens.viewer);
    await waitForSync(first);
    const refused = rawSocket(defer, ts.server, b.id, b.tokens.viewer);
    const closed = await refused.closed;
    expect(closed.code).toBe(CloseCode.GoingAway);
    expect(closed.reason).toMatch(/busy/);
  });

  it('[Z4] a socket that stops reading is closed (4503, "Connection too slow") once its backlog passes the limit; others carry on', async () => {
    const limits = { presenceBacklogBytes: 64 * 1024, sendBacklogBytes: 256 * 1024, byteBurst: 64 * 1024 * 1024 };
    const { current: ts } = await serverFor(defer, { overrides: { limits } });
    const board = await boardOn(ts);
    const slow = rawSocket(defer, ts.server, board.id, board.tokens.viewer);
    await slow.opened;
    // The reader stops reading: the kernel's buffers fill, then the server's queue for it grows.
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = clientOf(defer, ts.server, board.id, board.tokens.facilitator);
    const honest = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await Promise.all([waitForSync(writer), waitForSync(honest)]);
    // About 8 MiB in all, in 40 updates: well past loopback's socket buffers and the 256 KiB limit.
    // Spread over every cell: placing a note costs a look at its cell's notes.
    const cells = DIMENSION_IDS.flatMap((dimension) => KIND_IDS.map((kind) => ({ dimension, kind })));
    for (let batch = 0; batch < 40; batch++) {
      const notes = Array.from({ length: 100 }, (_, i) => note(`${batch}.${i} ${'z'.repeat(1_990)}`, cells[i % cells.length]));
      addNotes(writer.doc, notes, me);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => notesMap(honest.doc).size === 4_000, 'the honest reader gets every note', 30_000);
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.resume();
    // Once it reads again it finds, after what was queued before the limit, the close.
    const outcome = await Promise.race([slow.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
    expect(outcome).toEqual({ code: CloseCode.GoingAway, reason: 'Connection too slow' });
  }, 60_000);

  it('[Z3] a board past its size limit refuses further writes with 4413 and keeps what it has', async () => {
    const { current: ts } = await serverFor(defer, { overrides: { limits: { boardBytes: 2000 } } });
    const board = await boardOn(ts);
    const ada = await seatedParticipant(ts.store, board);
    const writer = clientOf(defer, ts.server, board.id, ada);
    await waitForSync(writer);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => event && closes.push(event.code));
    const author = ada.author;
    addNote(writer.doc, note('x'.repeat(1500), { author }), me);
    addNote(writer.doc, note('y'.repeat(1500), { author }), me);
    addNote(writer.doc, note('one too many', { author }), me);
    await waitFor(() => closes.includes(CloseCode.TooLarge), 'the writer is told the board is full');
    const reader = clientOf(defer, ts.server, board.id, board.tokens.viewer);
    await waitForSync(reader);
    expect(noteTexts(reader.doc)).toContain('x'.repeat(1500));
    expect(noteTexts(reader.doc)).not.toContain('one too many');
  });
});
