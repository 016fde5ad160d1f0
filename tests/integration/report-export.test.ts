/**
 * The report export reads the whole workshop (SPEC RD2, RD5, RD13): the board's snapshots become the
 * revision history, the run-sheet's steps as run and the voting rules the methodology, the people
 * who joined its participants.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../shared/workshop/control';
import { cleanupAfterEach } from './support';
import { workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

const writeStep: Step = { id: 'write', title: 'Write', minutes: 5, dimension: 'strategy', privateWriting: true, voting: null, locked: false };
const voteStep: Step = {
  id: 'vote',
  title: 'Vote',
  minutes: 3,
  dimension: null,
  privateWriting: false,
  voting: { budget: 3, maxPerNote: 2, clusterCap: 4, hideResults: true },
  locked: true,
};

describe('the report of a workshop as it ran', () => {
  it('[RD2, RD5] the snapshots are the revision history, the steps started and the voting rules the methodology', async () => {
    const w = await workshopOn(defer);
    await w.join('facilitator', 'Fay', null);
    await w.join('participant', 'Ada', 'gaia');
    await w.command({ type: 'setSteps', steps: [writeStep, voteStep, { ...writeStep, id: 'later', title: 'Not reached' }] });
    await w.command({ type: 'startStep', index: 0 });
    await w.command({ type: 'startStep', index: 1 });
    expect((await w.call('POST', '/history', w.facilitator, { name: 'After voting' })).status).toBe(201);

    const fetched = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?format=md`, {
      headers: { authorization: `Bearer ${w.facilitator.token}` },
    });
    expect(fetched.status).toBe(200);
    const markdown = await fetched.text();
    const day = new Date().toISOString().slice(0, 10);
    expect(markdown).toContain(
      [
        '## Revision history',
        '',
        '| No. | Date | Author(s) | Comment |',
        '| --- | --- | --- | --- |',
        `| 1 | ${day} | Fay | Before step 1: Write |`,
        `| 2 | ${day} | Fay | Before step 2: Vote |`,
        `| 3 | ${day} | Fay | After voting |`,
      ].join('\n'),
    );
    expect(markdown).toContain(
      'The workshop ran 2 steps:\n\n1. Write (5 minutes): private writing, revealed together\n2. Vote (3 minutes): voting, board read-only\n',
    );
    expect(markdown).not.toContain('Not reached');
    expect(markdown).toContain(
      "Voting: 3 votes per person, at most 2 on one note, at most 4 from one cluster's people on one note; totals hidden until the round closed.",
    );
    expect(markdown).toContain('2 people from 1 cluster took part, 1 of them without a cluster.');

    const docx = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?format=docx`, {
      headers: { authorization: `Bearer ${w.facilitator.token}` },
    });
    expect(docx.status).toBe(200);
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'] ?? new Uint8Array());
    expect(xml.replace(/<[^>]+>/g, '')).toContain('After voting');
  });

  it('[RD13] each revision names the facilitator who took its snapshot, as named then; one without an author names the facilitators', async () => {
    const w = await workshopOn(defer);
    await w.join('facilitator', 'Fay', null);
    const ana = await w.join('facilitator', 'Ana', null);
    await w.command({ type: 'setSteps', steps: [writeStep, voteStep] });
    // Ana starts the step from her seat: the automatic snapshot before it is hers.
    expect((await w.call('POST', '/control', ana, { type: 'startStep', index: 0 })).status).toBe(204);
    const taken = await w.call<{ author: string }>('POST', '/history', ana, { name: 'Ana checks in' });
    expect(taken.status).toBe(201);
    expect(taken.body.author).toBe('Ana');
    // The facilitator link without a seat (a script): nobody is recorded.
    expect((await w.call('POST', '/history', w.facilitator, { name: 'Scripted' })).status).toBe(201);
    // A later rename does not rewrite who took the earlier snapshots.
    expect((await w.call('PUT', '/people/me', ana, { name: 'Ana Lopez', cluster: null })).status).toBe(204);

    const listed = await w.call<{ entries: { name: string; author: string }[] }>('GET', '/history', w.facilitator);
    expect(listed.body.entries.map((e) => [e.name, e.author])).toEqual([
      ['Scripted', ''],
      ['Ana checks in', 'Ana'],
      ['Before step 1: Write', 'Ana'],
    ]);
    const fetched = await fetch(`${w.server.url}/api/boards/${w.board.id}/export?format=md`, {
      headers: { authorization: `Bearer ${w.facilitator.token}` },
    });
    const day = new Date().toISOString().slice(0, 10);
    expect(await fetched.text()).toContain(
      [
        '| No. | Date | Author(s) | Comment |',
        '| --- | --- | --- | --- |',
        `| 1 | ${day} | Ana | Before step 1: Write |`,
        `| 2 | ${day} | Ana | Ana checks in |`,
        `| 3 | ${day} | Fay, Ana Lopez | Scripted |`,
      ].join('\n'),
    );
  });
});
