/**
 * Every path that writes the shared board gives the answer of the one write rule
 * (shared/workshop/writeRule.ts, SPEC HC1-HC4), with the real server: a participant's socket, the
 * notes API, a CSV import and revealing private notes, each tried in every workshop state (open,
 * board locked, a dimension locked, private writing) and compared with `mayWrite`.
 */
import { describe, expect, it } from 'vitest';
import { addNote } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import type { DimensionId } from '../../shared/model/vocabulary';
import { boardView } from '../../shared/view/boardView';
import { mayWrite, type WorkshopRules } from '../../shared/workshop/writeRule';
import { englishReason } from '../helpers/socketReason';
import { sendRawChange } from './rawWrites';
import { cleanupAfterEach, note, noteTexts } from './support';
import { type Person, synced, waitFor, type Workshop, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();
const mine = localOrigin('someone');

const STATES: Record<string, WorkshopRules> = {
  open: { lock: { board: false, dimensions: [] }, privateWriting: false },
  'board locked': { lock: { board: true, dimensions: [] }, privateWriting: false },
  'strategy locked': { lock: { board: false, dimensions: ['strategy'] }, privateWriting: false },
  'private writing': { lock: { board: false, dimensions: [] }, privateWriting: true },
};
const DIMENSIONS: DimensionId[] = ['strategy', 'structure'];

async function enter(w: Workshop, rules: WorkshopRules): Promise<void> {
  await w.command({ type: 'lock', lock: rules.lock });
  await w.command({ type: 'privateWriting', on: rules.privateWriting });
}

/** Sends a new note of `person` in `dimension` on a raw socket; the refusal's reason, or null. */
async function sendNote(w: Workshop, person: Person, dimension: DimensionId): Promise<string | null> {
  const reason = await sendRawChange(
    w,
    person,
    (doc) => addNote(doc, note(`socket note in ${dimension}`, { dimension, author: { id: person.id, name: 'Ann', cluster: null } }), mine),
    defer,
  );
  return reason === null ? null : englishReason(reason);
}

const reasonOf = (rules: WorkshopRules, action: 'add' | 'reveal', dimension: DimensionId | null) => {
  const verdict = mayWrite('participant', rules, action, dimension);
  return verdict.ok ? null : verdict.reason;
};

describe('one write rule on every path', () => {
  it("[HC1] a participant's socket is refused a new note exactly when the write rule refuses it, with its reason", async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann');
    for (const [state, rules] of Object.entries(STATES)) {
      await enter(w, rules);
      for (const dimension of DIMENSIONS) {
        expect(await sendNote(w, ann, dimension), `${state}, ${dimension}`).toBe(reasonOf(rules, 'add', dimension));
      }
    }
  });

  it('[HC2] the notes API answers a participant 201 or 423 as the write rule says, private writing included; a facilitator always 201', async () => {
    const w = await workshopOn(defer);
    const ann = await w.join('participant', 'Ann');
    for (const [state, rules] of Object.entries(STATES)) {
      await enter(w, rules);
      for (const dimension of DIMENSIONS) {
        const body = { text: `API note in ${dimension} (${state})`, dimension, kind: 'need' };
        const answer = await w.call<{ error?: string }>('POST', '/notes', ann, body);
        expect(answer.status, `${state}, ${dimension}`).toBe(reasonOf(rules, 'add', dimension) === null ? 201 : 423);
        expect((await w.call('POST', '/notes', w.facilitator, { ...body, author: 'CRM bot' })).status).toBe(201);
      }
    }
    const answer = await w.call<{ error: string }>('POST', '/notes', ann, { text: 'x', dimension: 'strategy', kind: 'need' });
    expect(answer).toEqual({
      status: 423,
      body: {
        error: 'Private writing is on: notes reach the board when the facilitator ends it, so they cannot be added now.',
        code: 'note.add.privateWriting',
      },
    });
  });

  it('[HC2] a CSV import by a participant is refused whole (423) while the board is locked or private writing is on, and line by line in a locked dimension', async () => {
    const w = await workshopOn(defer);
    const csv = 'dimension,kind,text,author\nCluster strategy,Challenge,Weak KPIs,Ana\nCluster structure,Challenge,Few members,Ana\n';
    const importAs = async (token: string) => {
      const res = await fetch(`${w.server.url}/api/boards/${w.board.id}/notes/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: csv,
      });
      return { status: res.status, body: (await res.json()) as unknown };
    };
    for (const [state, rules] of Object.entries(STATES)) {
      await enter(w, rules);
      const answer = await importAs(w.board.tokens.participant);
      if (reasonOf(rules, 'add', null) !== null) {
        expect(answer.status, state).toBe(423);
      } else {
        const problems = DIMENSIONS.flatMap((dimension, i) => {
          const reason = reasonOf(rules, 'add', dimension);
          return reason === null ? [] : [{ line: i + 2, reason }];
        });
        expect(answer, state).toMatchObject({ status: 200, body: { imported: DIMENSIONS.length - problems.length, problems } });
      }
      expect(await importAs(w.board.tokens.facilitator), `${state}, facilitator`).toEqual({ status: 200, body: { imported: 2, problems: [] } });
    }
  });

  it('[HC3] revealing private notes moves those the write rule allows, keeps the others private, and is refused (423) while the board is locked', async () => {
    const w = await workshopOn(defer);
    for (const [state, rules] of Object.entries(STATES)) {
      await enter(w, { ...rules, lock: { board: false, dimensions: [] } });
      const person = await w.join('participant', `Ann ${state}`);
      const own = w.open({ kind: 'private', personId: person.id }, person);
      await synced(own);
      for (const dimension of DIMENSIONS)
        addNote(own.doc, note(`${state}: private in ${dimension}`, { dimension, author: { id: person.id, name: 'Ann', cluster: null } }), mine);
      const privateRoom = await w.server.rooms.acquire(w.board.id, { kind: 'private', personId: person.id });
      await waitFor(() => boardView(privateRoom.doc).noteCount === DIMENSIONS.length, 'the private notes reach the server');
      await enter(w, rules);

      const answer = await w.call<{ revealed: number }>('POST', '/reveal', person);
      const expected = DIMENSIONS.filter((dimension) => reasonOf(rules, 'reveal', dimension) === null);
      if (reasonOf(rules, 'reveal', null) !== null) expect(answer.status, state).toBe(423);
      else expect(answer, state).toEqual({ status: 200, body: { revealed: expected.length } });
      const onBoard = noteTexts((await w.server.rooms.acquire(w.board.id)).doc).filter((text) => text.startsWith(`${state}:`));
      const revealed = answer.status === 200 ? expected : [];
      expect(onBoard, state).toEqual(revealed.map((dimension) => `${state}: private in ${dimension}`).sort());
      expect(boardView(privateRoom.doc).noteCount, state).toBe(DIMENSIONS.length - revealed.length);
    }
  });
});
