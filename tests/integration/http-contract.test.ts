/**
 * The HTTP contract (shared/api/contract.ts, SPEC HC4) against the real server: every endpoint it
 * names is served at its path and method, and a request body is checked with the model's own
 * schemas, so the API and the mutation word the same mistake the same way.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { API, OUT_OF_DATE, pathOf, PROTOCOL_HEADER } from '../../shared/api/contract';
import { MutationError } from '../../shared/model/errors';
import { setBoardTitle } from '../../shared/model/mutations/meta';
import { localOrigin } from '../../shared/model/origin';
import { NOTE_TEXT_MAX } from '../../shared/model/schema';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { boardOn, cleanupAfterEach, serverFor } from './support';

const defer = cleanupAfterEach();

/** The sentence and code (LG4) the mutation refuses a title with, as the API answers them. */
function mutationSentence(title: unknown): { error: string; code: string; values?: unknown } {
  try {
    setBoardTitle(new Y.Doc(), title as string, localOrigin('someone'));
  } catch (error) {
    if (error instanceof MutationError) {
      const { code, values } = error.problem;
      return { error: error.message, code, ...(values ? { values } : {}) };
    }
    throw error;
  }
  throw new Error(`the mutation took ${JSON.stringify(title)}`);
}

describe('one HTTP contract', () => {
  it.each([
    ['an empty title', ''],
    ['a blank title', '   '],
    ['a title one character too long', 'T'.repeat(201)],
    ['a title that is not text', 42],
  ])('[HC4] [LG4] %s gets the same sentence and code from POST /api/boards as from the title mutation', async (_name, title) => {
    const { current: ts } = await serverFor(defer);
    const res = await fetch(`${ts.server.url}${pathOf(API.createBoard)}`, {
      method: API.createBoard.method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(mutationSentence(title));
  });

  it("[HC4] a posted note's text is refused with the note model's sentence", async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const res = await fetch(`${ts.server.url}${pathOf(API.addNote, { board: board.id })}`, {
      method: API.addNote.method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.tokens.facilitator}` },
      body: JSON.stringify({ text: 'x'.repeat(NOTE_TEXT_MAX + 1), dimension: 'strategy', kind: 'need', author: 'CRM bot' }),
    });
    expect(await res.json()).toEqual({
      error: `A note holds at most ${NOTE_TEXT_MAX} characters.`,
      code: 'note.textLength',
      values: { max: NOTE_TEXT_MAX },
    });
  });

  it('[HC4] the server serves every endpoint of the contract at its path and method', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    for (const [name, endpoint] of Object.entries(API)) {
      const res = await fetch(`${ts.server.url}${pathOf(endpoint, { board: board.id, entry: 'nosuchentry' })}`, {
        method: endpoint.method,
        headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
        ...(endpoint.method === 'GET' ? {} : { body: '{}' }),
      });
      const body = await res.text();
      // Whatever the answer to an empty body, it is the endpoint's: not an unknown path or method.
      expect(body, name).not.toContain('No such API endpoint');
      expect(res.status, `${name}: ${body}`).not.toBe(405);
    }
  });

  it('[HC5] the board info call answers a page of another protocol version 409 with "reload the page"; its own version and integrations are served', async () => {
    const { current: ts } = await serverFor(defer);
    const board = await boardOn(ts);
    const info = (version?: string) =>
      fetch(`${ts.server.url}${pathOf(API.boardInfo, { board: board.id })}`, {
        headers: { authorization: `Bearer ${board.tokens.participant}`, ...(version === undefined ? {} : { [PROTOCOL_HEADER]: version }) },
      });
    const stale = await info(String(PROTOCOL_VERSION + 1));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toEqual({ error: OUT_OF_DATE, code: 'page.outOfDate' });
    expect(OUT_OF_DATE).toMatch(/out of date: reload the page/);
    for (const version of [String(PROTOCOL_VERSION), undefined]) {
      const res = await info(version);
      expect(res.status, String(version)).toBe(200);
      expect(await res.json()).toMatchObject({ id: board.id, protocolVersion: PROTOCOL_VERSION });
    }
  });
});
