/**
 * The Invite panel's links (docs/UX.md FO5): the facilitator can read the board's current links as
 * often as needed without changing them; nobody else can read them.
 */
import { describe, expect, it } from 'vitest';
import { BOARD_DOC, type CreatedBoard } from '../../shared/protocol';
import { cleanupAfterEach } from './support';
import { synced, workshopOn } from './workshopSupport';

const defer = cleanupAfterEach();

function tokenOf(link: string): string {
  return decodeURIComponent(/#token=([^&]+)$/.exec(link)?.[1] ?? '');
}

type Links = CreatedBoard['links'];

describe('showing the links again', () => {
  it('[FO5] the facilitator reads the current links any number of times; they stay the same and keep opening the board', async () => {
    const w = await workshopOn(defer);
    const first = await w.call<{ links: Links }>('GET', '/links', w.facilitator);
    const second = await w.call<{ links: Links }>('GET', '/links', w.facilitator);
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(tokenOf(first.body.links.facilitator)).toBe(w.facilitator.token);
    expect(tokenOf(first.body.links.participant)).toBe(w.participant.token);
    expect(tokenOf(first.body.links.viewer)).toBe(w.viewer.token);
    expect(first.body.links.participant).toMatch(new RegExp(`/b/${w.board.id}#token=`));

    // Reading did not rotate anything: the participant link still joins and syncs.
    const ada = await w.join('participant', 'Ada');
    await synced(w.open(BOARD_DOC, ada));
  });

  it('[FO5] a participant (with a seat), a viewer, a wrong token and no token cannot read the links', async () => {
    const w = await workshopOn(defer);
    const ada = await w.join('participant', 'Ada');
    const answers = await Promise.all([
      w.call('GET', '/links', ada),
      w.call('GET', '/links', w.participant),
      w.call('GET', '/links', w.viewer),
      w.call('GET', '/links', { token: 'x'.repeat(32) }),
      w.call('GET', '/links', { token: '' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 401, 401]);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(w.facilitator.token);
  });

  it('[FO5] after a participant link is replaced, the facilitator reads the new one', async () => {
    const w = await workshopOn(defer);
    const rotated = await w.call<{ links: Links }>('POST', '/links', w.facilitator, { role: 'participant' });
    const read = await w.call<{ links: Links }>('GET', '/links', w.facilitator);
    expect(read.body.links).toEqual(rotated.body.links);
    expect(tokenOf(read.body.links.participant)).not.toBe(w.participant.token);
  });
});
