/**
 * Running a workshop with real sockets: the shared timer, steps and the board's history, and what
 * happens to refused edits when a restriction lifts (SPEC WT1, WS1, WL1).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryEntry } from '../../server/storage/store';
import { addNote, deleteNote, editNoteText } from '../../shared/model/mutations/notes';
import { localOrigin, serverOrigin } from '../../shared/model/origin';
import { BOARD_DOC, CONTROL_DOC, type CreatedBoard } from '../../shared/protocol';
import type { BoardExport } from '../../shared/report/json';
import type { ControlState, Step } from '../../shared/workshop/control';
import { connectClient } from '../helpers/server';
import { cleanupAfterEach, note, noteTexts } from './support';
import { controlOf, roundTrip, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');
const MINUTE = 60_000;

async function serverNow(w: Workshop): Promise<number> {
  const res = await fetch(`${w.server.url}/api/time`);
  return ((await res.json()) as { now: number }).now;
}

/** Runs a timer command and returns the timer it leaves, with the server clock just before and after. */
async function timerAfter(w: Workshop, action: 'start' | 'pause' | 'resume' | 'addMinute' | 'clear', minutes?: number) {
  const before = await serverNow(w);
  await w.command({ type: 'timer', action, ...(minutes === undefined ? {} : { minutes }) });
  const after = await serverNow(w);
  const control = w.server.rooms.peek(w.board.id, CONTROL_DOC);
  return { timer: control && controlOf(control).timer, before, after };
}

describe('the timer', () => {
  it('[WT1] runs in server time: start, "add a minute", pause and resume set the end from the server clock', async () => {
    const w = await workshopOn(defer);
    const reader = w.open(CONTROL_DOC, w.participant);
    await synced(reader);

    const started = await timerAfter(w, 'start', 2);
    expect(started.timer).toMatchObject({ durationMs: 2 * MINUTE, remainingMs: null });
    const endsAt = started.timer?.endsAt ?? 0;
    expect(endsAt).toBeGreaterThanOrEqual(started.before + 2 * MINUTE);
    expect(endsAt).toBeLessThanOrEqual(started.after + 2 * MINUTE);
    await waitFor(() => controlOf(reader).timer?.endsAt === endsAt, 'readers get the same end time');

    const longer = await timerAfter(w, 'addMinute');
    expect(longer.timer).toEqual({ durationMs: 3 * MINUTE, endsAt: endsAt + MINUTE, remainingMs: null });

    const paused = await timerAfter(w, 'pause');
    const left = paused.timer?.remainingMs ?? -1;
    expect(paused.timer?.endsAt).toBeNull();
    expect(left).toBeGreaterThanOrEqual(endsAt + MINUTE - paused.after);
    expect(left).toBeLessThanOrEqual(endsAt + MINUTE - paused.before);

    const pausedLonger = await timerAfter(w, 'addMinute');
    expect(pausedLonger.timer).toEqual({ durationMs: 4 * MINUTE, endsAt: null, remainingMs: left + MINUTE });

    const resumed = await timerAfter(w, 'resume');
    expect(resumed.timer?.remainingMs).toBeNull();
    expect(resumed.timer?.endsAt).toBeGreaterThanOrEqual(resumed.before + left + MINUTE);
    expect(resumed.timer?.endsAt).toBeLessThanOrEqual(resumed.after + left + MINUTE);

    expect((await timerAfter(w, 'clear')).timer).toBeNull();
    await waitFor(() => controlOf(reader).timer === null, 'readers see the timer cleared');
  });
});

const writeStep: Step = {
  id: 'write',
  title: 'Write',
  minutes: 5,
  dimension: 'strategy',
  privateWriting: true,
  voting: null,
  locked: false,
};
const voteStep: Step = {
  id: 'vote',
  title: 'Vote',
  minutes: 3,
  dimension: null,
  privateWriting: false,
  voting: { budget: 3, maxPerNote: 2, clusterCap: null, hideResults: true },
  locked: true,
};

describe('steps and history', () => {
  it('[WS1] starting a step applies all its settings in one change of the control document, after a named snapshot of the board', async () => {
    const w = await workshopOn(defer);
    const room = await w.server.rooms.acquire(w.board.id);
    addNote(room.doc, note('before the workshop'), serverOrigin('api'));
    await w.command({ type: 'setSteps', steps: [writeStep, voteStep] });
    const reader = w.open(CONTROL_DOC, w.viewer);
    await synced(reader);
    const seen: ControlState[] = [];
    reader.doc.on('afterTransaction', () => seen.push(controlOf(reader)));

    const before = Date.now();
    await w.command({ type: 'startStep', index: 0 });
    await waitFor(() => controlOf(reader).currentStep === 0, 'the first step runs');
    for (const state of seen.filter((s) => s.currentStep === 0)) {
      expect(state.privateWriting).toBe(true);
      expect(state.lock).toEqual({ board: false, dimensions: [] });
      expect(state.timer?.durationMs).toBe(5 * MINUTE);
      expect(state.timer?.endsAt).toBeGreaterThanOrEqual(before + 5 * MINUTE);
      expect(state.focus?.dimension).toBe('strategy');
    }

    addNote(room.doc, note('written in step 1'), serverOrigin('api'));
    await w.command({ type: 'startStep', index: 1 });
    await waitFor(() => controlOf(reader).round?.status === 'open', 'the second step opens its vote');
    for (const state of seen.filter((s) => s.currentStep === 1)) {
      expect(state.privateWriting).toBe(false);
      expect(state.lock).toEqual({ board: true, dimensions: [] });
      expect(state.timer?.durationMs).toBe(3 * MINUTE);
    }
    expect(controlOf(reader).round).toMatchObject({ title: 'Vote', budget: 3, hideResults: true, status: 'open' });

    const history = await w.call<{ entries: HistoryEntry[] }>('GET', '/history', w.facilitator);
    expect(history.body.entries.map(({ name, notes }) => ({ name, notes }))).toEqual([
      { name: 'Before step 2: Vote', notes: 2 },
      { name: 'Before step 1: Write', notes: 1 },
    ]);
  });

  it('[WS1] a snapshot previews its own content; restoring it makes a new board with it and leaves the live board as it is', async () => {
    const w = await workshopOn(defer);
    const live = w.open(BOARD_DOC, w.facilitator);
    await synced(live);
    const kept = addNote(live.doc, note('kept'), mine);
    const deleted = addNote(live.doc, note('deleted later'), mine);
    await roundTrip(live);
    const snapshot = await w.call<HistoryEntry>('POST', '/history', w.facilitator, { name: 'Before clustering' });
    expect(snapshot.status).toBe(201);
    expect(snapshot.body).toMatchObject({ name: 'Before clustering', notes: 2 });

    deleteNote(live.doc, deleted, mine);
    editNoteText(live.doc, kept, 'kept, edited', mine);
    addNote(live.doc, note('added later'), mine);
    await roundTrip(live);

    const preview = await w.call<BoardExport>('GET', `/history/${snapshot.body.id}`, w.facilitator);
    expect(preview.status).toBe(200);
    expect(preview.body.notes.map((n) => n.text).sort()).toEqual(['deleted later', 'kept']);

    const room = w.server.rooms.peek(w.board.id);
    const stateBefore = room && Y.encodeStateAsUpdate(room.doc);
    let liveUpdates = 0;
    live.doc.on('update', () => liveUpdates++);
    const restored = await w.call<CreatedBoard>('POST', `/history/${snapshot.body.id}/restore`, w.facilitator);
    expect(restored.status).toBe(201);
    expect(restored.body.id).not.toBe(w.board.id);
    expect(restored.body.title).toBe('Test board (restored: Before clustering)');

    await roundTrip(live);
    expect(liveUpdates).toBe(0);
    expect(room && Y.encodeStateAsUpdate(room.doc)).toEqual(stateBefore);
    expect(noteTexts(live.doc)).toEqual(['added later', 'kept, edited']);

    const token = decodeURIComponent(/#token=([^&]+)$/.exec(restored.body.links.facilitator)?.[1] ?? '');
    const copy = connectClient(w.server, restored.body.id, token);
    defer(() => copy.destroy());
    await synced(copy);
    expect(noteTexts(copy.doc)).toEqual(['deleted later', 'kept']);
  });
});

describe('lifting a restriction', () => {
  /** A participant and a facilitator on a board with one note, and the participant's socket. */
  async function twoOnABoard() {
    const w = await workshopOn(defer);
    const room = await w.server.rooms.acquire(w.board.id);
    // The participant's own note: during private writing only one's own notes' text changes (G5).
    const ann = await w.join('participant', 'Ann');
    const author = { id: ann.id, name: 'Ann', cluster: null };
    const existing = addNote(room.doc, note('existing', { author }), serverOrigin('api'));
    const participant = w.open(BOARD_DOC, ann);
    const facilitator = w.open(BOARD_DOC, w.facilitator);
    await synced(participant, facilitator);
    return { w, author, existing, participant, facilitator, socket: participant.provider.ws };
  }

  it('[WL1] when the facilitator unlocks the board, the edits it refused meanwhile arrive without reconnecting', async () => {
    const { w, author, existing, participant, facilitator, socket } = await twoOnABoard();
    await w.command({ type: 'lock', lock: { board: true, dimensions: [] } });
    addNote(participant.doc, note('written while locked', { author }), mine);
    editNoteText(participant.doc, existing, 'existing, edited while locked', mine);
    await roundTrip(participant);
    await roundTrip(facilitator);
    expect(noteTexts(facilitator.doc)).toEqual(['existing']);

    await w.command({ type: 'lock', lock: { board: false, dimensions: [] } });
    await waitFor(() => noteTexts(facilitator.doc).length === 2, 'the refused edits arrive');
    expect(noteTexts(facilitator.doc)).toEqual(['existing, edited while locked', 'written while locked']);
    expect(participant.provider.ws).toBe(socket);
  });

  it('[WL1] when private writing ends, a new board note it refused arrives', async () => {
    const { w, author, participant, facilitator, socket } = await twoOnABoard();
    await w.command({ type: 'privateWriting', on: true });
    addNote(participant.doc, note('written on the board', { author }), mine);
    await roundTrip(participant);
    await roundTrip(facilitator);
    expect(noteTexts(facilitator.doc)).toEqual(['existing']);

    await w.command({ type: 'privateWriting', on: false });
    await waitFor(() => noteTexts(facilitator.doc).includes('written on the board'), 'the refused note arrives');
    expect(participant.provider.ws).toBe(socket);
  });

  it('[WL1] starting an unlocked step after a locked one lets refused edits arrive, also when the new step writes in private', async () => {
    const { w, existing, participant, facilitator } = await twoOnABoard();
    await w.command({ type: 'setSteps', steps: [{ ...voteStep, voting: null }, writeStep] });
    await w.command({ type: 'startStep', index: 0 });
    editNoteText(participant.doc, existing, 'existing, edited while locked', mine);
    await roundTrip(participant);
    await roundTrip(facilitator);
    expect(noteTexts(facilitator.doc)).toEqual(['existing']);

    await w.command({ type: 'startStep', index: 1 });
    await waitFor(() => noteTexts(facilitator.doc).includes('existing, edited while locked'), 'the refused edit arrives');
  });
});
