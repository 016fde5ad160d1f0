/**
 * Who may run the workshop and open which document, over real HTTP and sockets (SPEC WA1-WA3).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryEntry } from '../../server/storage/store';
import { addNote } from '../../shared/model/mutations/notes';
import { serverOrigin } from '../../shared/model/origin';
import { BOARD_DOC, CloseCode, CONTROL_DOC, type CreatedBoard, type DocName } from '../../shared/protocol';
import type { ControlCommand } from '../../shared/workshop/commands';
import { DEFAULT_VOTING, readControl } from '../../shared/workshop/control';
import type { TestClient } from '../helpers/server';
import { cleanupAfterEach, note, noteTexts } from './support';
import { type Caller, roundTrip, synced, waitFor, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

/** Close codes a provider reports, as they arrive. */
function closeCodes(client: TestClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => codes.push(event?.code ?? -1));
  return codes;
}

function tokenOf(link: string): string {
  return decodeURIComponent(/#token=([^&]+)$/.exec(link)?.[1] ?? '');
}

describe('facilitator-only requests', () => {
  it('[WA1] a participant (with a seat) or a viewer gets 403 for every command, history, restore and link request; nothing changes', async () => {
    const w = await workshopOn(defer);
    const ada = await w.join('participant', 'Ada');
    const snapshot = await w.call<HistoryEntry>('POST', '/history', w.facilitator, { name: 'Start' });
    expect(snapshot.status).toBe(201);
    const controlBefore = readControl((await w.server.rooms.acquire(w.board.id, CONTROL_DOC)).doc);

    const commands: ControlCommand[] = [
      { type: 'setSteps', steps: [] },
      { type: 'startStep', index: 0 },
      { type: 'timer', action: 'start', minutes: 5 },
      { type: 'privateWriting', on: true },
      { type: 'lock', lock: { board: true, dimensions: [] } },
      { type: 'openVoting', config: DEFAULT_VOTING },
      { type: 'closeVoting' },
      { type: 'revealAll' },
      { type: 'bringHere', dimension: 'strategy' },
      { type: 'resetReady' },
    ];
    const requests: [string, string, unknown?][] = [
      ...commands.map((command): [string, string, unknown] => ['POST', '/control', command]),
      ['GET', '/history'],
      ['POST', '/history', { name: 'Mine' }],
      ['GET', `/history/${snapshot.body.id}`],
      ['POST', `/history/${snapshot.body.id}/restore`],
      ['POST', '/links', { role: 'participant' }],
      ['POST', '/links', { role: 'facilitator' }],
    ];
    for (const who of [ada, w.viewer] satisfies Caller[]) {
      for (const [method, path, body] of requests) {
        const answer = await w.call(method, path, who, body);
        expect(answer.status, `${method} ${path} ${JSON.stringify(body)} as ${who === ada ? 'participant' : 'viewer'}`).toBe(403);
      }
    }

    const control = w.server.rooms.peek(w.board.id, CONTROL_DOC);
    expect(control && readControl(control.doc)).toEqual(controlBefore);
    expect((await w.ts.store.listHistory(w.board.id)).map((e) => e.name)).toEqual(['Start']);
    expect((await w.ts.store.getBoard(w.board.id))?.tokens).toEqual(w.board.tokens);
    // The same requests work for the facilitator.
    expect((await w.call('POST', '/control', w.facilitator, commands[4])).status).toBe(204);
    expect((await w.call('GET', '/history', w.facilitator)).status).toBe(200);
  });

  it('[WA1] viewers cannot join as people; facilitators and participants join and appear in the control document', async () => {
    const w = await workshopOn(defer);
    const refused = await w.call('POST', '/people', w.viewer, { name: 'Vic', cluster: null });
    expect(refused.status).toBe(403);

    const ada = await w.join('participant', 'Ada', 'gaia');
    const fay = await w.join('facilitator', 'Fay');
    const control = w.open(CONTROL_DOC, w.viewer);
    await synced(control);
    const people = readControl(control.doc).people;
    expect([...people.keys()].sort()).toEqual([ada.id, fay.id].sort());
    expect(people.get(ada.id)).toMatchObject({ name: 'Ada', cluster: 'gaia', role: 'participant' });
    expect(people.get(fay.id)).toMatchObject({ name: 'Fay', role: 'facilitator' });
    expect((await w.ts.store.listPeople(w.board.id)).map((p) => p.name).sort()).toEqual(['Ada', 'Fay']);
  });
});

describe('replacing a link', () => {
  it('[WA2] a new participant link closes every participant socket with 4410, and no other; the old token then gets 4401 and 401', async () => {
    const w = await workshopOn(defer);
    const ada = await w.join('participant', 'Ada');
    const adaPrivate: DocName = { kind: 'private', personId: ada.id };
    const board = w.open(BOARD_DOC, ada);
    const own = w.open(adaPrivate, ada);
    const facilitator = w.open(BOARD_DOC, w.facilitator);
    const viewer = w.open(CONTROL_DOC, w.viewer);
    await synced(board, own, facilitator, viewer);
    const closes = [board, own, facilitator, viewer].map(closeCodes);

    const rotated = await w.call<{ links: CreatedBoard['links'] }>('POST', '/links', w.facilitator, { role: 'participant' });
    expect(rotated.status).toBe(200);
    const newToken = tokenOf(rotated.body.links.participant);
    expect(newToken).not.toBe(ada.token);
    expect(tokenOf(rotated.body.links.viewer)).toBe(w.viewer.token);

    await waitFor(() => closes[0]!.length > 0 && closes[1]!.length > 0, 'participant sockets closed', 2000);
    expect(closes.slice(0, 2)).toEqual([[CloseCode.LinkRevoked], [CloseCode.LinkRevoked]]);
    expect([board.provider.shouldConnect, own.provider.shouldConnect]).toEqual([false, false]);
    await Promise.all([roundTrip(facilitator), roundTrip(viewer)]);
    expect(closes.slice(2)).toEqual([[], []]);

    const stale = w.open(BOARD_DOC, ada);
    const staleCodes = closeCodes(stale);
    await waitFor(() => staleCodes.length > 0, 'the old token is refused', 2000);
    expect(staleCodes).toEqual([CloseCode.Unauthorized]);
    expect((await w.call('GET', '/votes/mine', ada)).status).toBe(401);

    // The new link opens the board, and the seat still says who Ada is.
    const renewed = { token: newToken, seat: ada.seat };
    const again = w.open(adaPrivate, renewed);
    await synced(again, w.open(BOARD_DOC, renewed));
    expect((await w.call('GET', '/votes/mine', renewed)).status).toBe(200);
  });
});

describe('private documents', () => {
  it("[WA3] a private document opens only with its owner's seat; any other caller gets 4403 before a single frame", async () => {
    const w = await workshopOn(defer);
    const [ada, bo] = [await w.join('participant', 'Ada'), await w.join('participant', 'Bo')];
    const fay = await w.join('facilitator', 'Fay');
    const adaPrivate: DocName = { kind: 'private', personId: ada.id };
    const room = await w.server.rooms.acquire(w.board.id, adaPrivate);
    addNote(room.doc, note('Ada’s private idea'), serverOrigin('api'));

    const secret = ada.seat.slice(ada.seat.indexOf('.') + 1);
    const strangers: [string, Caller][] = [
      ["Bo's seat", bo],
      ["the facilitator's seat", fay],
      ['no seat', { token: w.board.tokens.participant }],
      ['the facilitator link without a seat', w.facilitator],
      ['a forged secret', { token: ada.token, seat: `${ada.id}.${secret.slice(1)}x` }],
      ["Ada's id with Bo's secret", { token: ada.token, seat: `${ada.id}.${bo.seat.slice(bo.seat.indexOf('.') + 1)}` }],
      ["a viewer link with Ada's seat", { token: w.viewer.token, seat: ada.seat }],
    ];
    const sockets = strangers.map(([, who]) => w.record(adaPrivate, who));
    for (const [i, socket] of sockets.entries()) {
      const [what] = strangers[i]!;
      expect((await socket.closed).code, what).toBe(CloseCode.Forbidden);
      expect(socket.frames, what).toEqual([]);
    }

    // Ada's seat opens it, with either link she may hold.
    const own = w.open(adaPrivate, ada);
    const withFacilitatorLink = w.open(adaPrivate, { token: w.facilitator.token, seat: ada.seat }, new Y.Doc());
    await synced(own, withFacilitatorLink);
    expect(noteTexts(own.doc)).toEqual(['Ada’s private idea']);
    expect(noteTexts(withFacilitatorLink.doc)).toEqual(['Ada’s private idea']);
  });
});
