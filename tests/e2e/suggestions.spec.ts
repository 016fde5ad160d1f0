import { expect, type Page, test } from '@playwright/test';
import { addNote, cell, joinBoard, note, noteMenu } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

function facilitatorToken(link: string): string {
  const token = /token=([^&]+)/.exec(new URL(link).hash)?.[1];
  if (!token) throw new Error('no token in the facilitator link');
  return decodeURIComponent(token);
}

/** Where screenshots go when asked for (SCREENSHOTS=dir): to look at, not to compare. */
const shots = process.env.SCREENSHOTS;
async function shoot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

test('[SU1] [SU3] [SU5] [SU7] [SU8] a participant sees similar notes while typing and says "me too"; a facilitator accepts a proposed theme and a tandem, live elsewhere; undo takes them back', async ({
  browser,
}) => {
  const board = await boards.server.createBoard('Suggestions');
  const frida = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  const anna = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  const jonas = await boards.newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'GAIA');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  await addNote(jonas, 'strategy', 'challenge', 'Weak KPI monitoring of cluster members');
  await addNote(jonas, 'strategy', 'challenge', 'No tool for KPI monitoring of members');
  await addNote(jonas, 'strategy', 'need', 'Efficient reporting tool such as a CRM for KPI monitoring');
  await addNote(anna, 'strategy', 'good-practice', 'Efficient KPI monitoring thanks to a CRM reporting tool');

  // [SU1] While typing: the similar notes appear, with their text; "me too" adds Anna's voice.
  const target = cell(anna, 'strategy', 'challenge');
  await target.getByRole('button', { name: /Add a note/ }).click();
  await target.getByRole('textbox').pressSequentially('monitoring KPI of members');
  const similar = target.getByTestId('similar-notes');
  await expect(similar.getByRole('heading', { name: /^\d similar notes?$/ })).toBeVisible();
  await expect(similar).toContainText('Weak KPI monitoring of cluster members');
  await shoot(anna, 'similar-1440');
  await similar
    .locator('li', { hasText: 'Weak KPI monitoring of cluster members' })
    .getByRole('button', { name: /^Me too: add your voice/ })
    .click();
  await expect(note(jonas, 'Weak KPI monitoring of cluster members').getByTestId('me-too-count')).toHaveText('1 person agrees');
  await expect(note(frida, 'Weak KPI monitoring of cluster members').getByTestId('me-too')).toHaveText('Me too · 1');
  await target.getByRole('button', { name: 'Cancel' }).click();

  // [SU8] Only facilitators are offered proposals.
  await expect(cell(anna, 'strategy', 'challenge').getByRole('button', { name: /^Propose themes/ })).toHaveCount(0);

  // [SU5] A proposed theme for the cell, renamed and accepted: live in Anna's browser.
  await cell(frida, 'strategy', 'challenge')
    .getByRole('button', { name: /^Propose themes for/ })
    .click();
  const panel = frida.getByRole('complementary', { name: 'Suggestions' });
  const proposal = panel.getByTestId('theme-proposal').first();
  await expect(proposal).toContainText('Weak KPI monitoring of cluster members');
  await expect(proposal).toContainText('Shared terms:');
  await proposal.getByLabel('Theme title').fill('KPI monitoring');
  await shoot(frida, 'themes-1440');
  await proposal.getByRole('button', { name: 'Accept as theme' }).click();
  await expect(panel.getByRole('status').first()).toContainText('Theme “KPI monitoring” created');
  await expect(cell(anna, 'strategy', 'challenge').locator('.theme-title')).toContainText('KPI monitoring');

  // [SU7] Matchmaking: the need gets the other cluster's practice; Link is live in Anna's browser.
  await panel.getByRole('button', { name: 'Matchmaking' }).click();
  const need = panel.getByTestId('need-proposals').filter({ hasText: 'Efficient reporting tool such as a CRM' });
  const tandem = need.getByTestId('tandem-proposal').filter({ hasText: 'Efficient KPI monitoring thanks to a CRM reporting tool' });
  await expect(tandem).toContainText('% match');
  await shoot(frida, 'matchmaking-1440');
  await tandem.getByRole('button', { name: /^Link the need/ }).click();
  const needCard = note(anna, 'Efficient reporting tool such as a CRM for KPI monitoring');
  await expect(needCard.locator('.note-links')).toContainText('Efficient KPI monitoring thanks to a CRM');

  // Undo takes them back, one step each, for everyone.
  const undo = frida.getByRole('button', { name: 'Undo', exact: true });
  await undo.click();
  await expect(needCard.locator('.note-links')).toHaveCount(0);
  await undo.click();
  await expect(cell(anna, 'strategy', 'challenge').locator('.theme-title')).toHaveCount(0);
  await expect(note(anna, 'Weak KPI monitoring of cluster members')).toBeVisible();

  // [SU7] The need's own "Link good practices" dialog proposes the same practice.
  await panel.getByRole('button', { name: 'Close' }).click();
  await noteMenu(frida, note(frida, 'Efficient reporting tool such as a CRM for KPI monitoring'), 'Link good practices…');
  const dialog = frida.getByRole('dialog');
  await expect(dialog.getByTestId('tandem-proposal')).toContainText('Efficient KPI monitoring thanks to a CRM reporting tool');
  await expect(dialog.getByTestId('tandem-proposal')).toContainText('% match');
});

test('[SU1] [SU6] [SU8] on a phone the Write view shows similar notes; the facilitator’s proposals work there, and a dismissed theme or tandem stays dismissed', async ({
  browser,
}) => {
  const board = await boards.server.createBoard('Suggestions on a phone');
  const frida = await boards.newPerson(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const anna = await boards.newPerson(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await joinBoard(frida, board.links.facilitator, 'Frida', 'GAIA');
  await joinBoard(anna, board.links.participant, 'Anna', 'Silicon Saxony');

  // A need of Anna's cluster and a good practice of Gina's (at her laptop), for matchmaking.
  const gina = await boards.newPerson(browser);
  await joinBoard(gina, board.links.participant, 'Gina', 'GAIA');
  await addNote(gina, 'strategy', 'good-practice', 'Our CRM makes reporting efficient');
  const write = anna.getByRole('region', { name: 'Write a note' });
  await write.getByRole('radio', { name: 'Best practice needed' }).check();
  await write.getByLabel('Your note').fill('An efficient reporting tool such as a CRM');
  await write.getByRole('button', { name: 'Send' }).click();

  await write.getByRole('radio', { name: 'Challenge' }).check();
  await write.getByLabel('Your note').fill('Shared calendar of cluster events');
  await write.getByRole('button', { name: 'Send' }).click();
  await write.getByLabel('Your note').fill('A calendar of events shared by clusters');
  await write.getByRole('button', { name: 'Send' }).click();
  await write.getByLabel('Your note').pressSequentially('calendar of cluster events');
  await expect(anna.getByTestId('similar-notes')).toContainText('Shared calendar of cluster events');
  await shoot(anna, 'similar-390');

  // The facilitator's tools on a phone: proposals for the board, one dismissed for good.
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  await frida.getByRole('button', { name: 'Propose themes for the whole board' }).click();
  const panel = frida.getByRole('complementary', { name: 'Suggestions' });
  const proposal = panel.getByTestId('theme-proposal').filter({ hasText: 'Shared calendar of cluster events' });
  await expect(proposal).toBeVisible();
  await shoot(frida, 'themes-390');
  await proposal.getByRole('button', { name: 'Dismiss' }).click();
  await expect(proposal).toHaveCount(0);
  await panel.getByRole('button', { name: 'Matchmaking' }).click();
  const tandem = panel.getByTestId('tandem-proposal').filter({ hasText: 'Our CRM makes reporting efficient' });
  await expect(tandem).toContainText('% match');
  await shoot(frida, 'matchmaking-390');
  await tandem.getByRole('button', { name: 'Dismiss', exact: false }).click();
  await expect(panel.getByRole('status').last()).toContainText('No need has a proposal');
  await panel.getByRole('button', { name: 'Proposed themes' }).click();
  await expect(panel.getByRole('status').last()).toContainText('No proposals');
});

test('[SU2] during private writing a person sees their own private notes among the similar ones, never someone else’s', async ({ browser }) => {
  const board = await boards.server.createBoard('Suggestions in private');
  const anna = await boards.newPerson(browser);
  const jonas = await boards.newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await addNote(jonas, 'structure', 'challenge', 'Members hardly answer our surveys');
  const turnedOn = await fetch(`${boards.server.url}/api/boards/${board.id}/control`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitatorToken(board.links.facilitator)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'privateWriting', on: true }),
  });
  expect(turnedOn.status).toBe(204);

  const write = async (page: Page, text: string) => {
    const target = cell(page, 'structure', 'challenge');
    await target.getByRole('button', { name: /Add a private note/ }).click();
    await target.getByRole('textbox').fill(text);
    await target.getByRole('textbox').press('Enter');
  };
  await write(jonas, 'Surveys of members get few answers');
  await write(anna, 'Our member surveys get few answers');

  const target = cell(anna, 'structure', 'challenge');
  await target.getByRole('button', { name: /Add a private note/ }).click();
  await target.getByRole('textbox').pressSequentially('member surveys answers');
  const similar = target.getByTestId('similar-notes');
  await expect(similar.locator('li', { hasText: 'Our member surveys get few answers' })).toContainText('Your private note');
  await expect(similar).toContainText('Members hardly answer our surveys');
  await expect(similar).not.toContainText('Surveys of members get few answers');
  await expect(similar.locator('li', { hasText: 'Our member surveys get few answers' }).getByTestId('me-too')).toHaveCount(0);
});
