/**
 * A facilitated workshop in real browsers: one facilitator runs a three-step run-sheet (private
 * writing with a timer, clustering, a vote) while two participants take part (SPEC WE1-WE3).
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { cell, joinBoard, note } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();
const newPerson = (browser: Browser) => boards.newPerson(browser);

/** Seconds left on a timer text such as "7:58". */
async function secondsLeft(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer').innerText()).trim();
  const match = /(\d+):(\d\d)/.exec(text);
  if (!match) throw new Error(`Not a running timer: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

async function addPrivateNote(page: Page, dimension: string, kind: string, text: string): Promise<void> {
  const target = cell(page, dimension, kind);
  await target.getByRole('button', { name: /Add a private note/ }).click();
  await target.getByRole('textbox').fill(text);
  await target.getByRole('textbox').press('Enter');
  await expect(page.getByRole('region', { name: /Your private notes/ })).toContainText(text);
}

test('[WE1] a facilitator runs a three-step run-sheet with a timer, private writing and a vote while two participants take part', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const board = await boards.server.createBoard('Facilitated workshop');
  const frida = await newPerson(browser);
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  await expect(panel).toBeVisible();
  await buildRunSheet(frida);

  // Step 1: silent writing, private, with a timer everyone sees alike.
  await panel.getByRole('button', { name: 'Next step' }).click();
  for (const page of [frida, anna, jonas]) {
    await expect(page.getByTestId('current-step')).toContainText('Step 1 of 3: Silent writing');
    await expect(page.getByTestId('timer')).toBeVisible();
  }
  const left = await Promise.all([anna, jonas].map(secondsLeft));
  expect(Math.abs(left[0]! - left[1]!)).toBeLessThanOrEqual(1);
  expect(left[0]).toBeGreaterThan(7 * 60);

  await addPrivateNote(anna, 'strategy', 'challenge', 'Anna writes this in private');
  await expect(note(anna, 'Anna writes this in private')).toHaveCount(0);
  // The facilitator sees that Anna wrote one, never what.
  await expect(panel.getByTestId('person-Anna')).toContainText('1 private');
  await expect(frida.getByText('Anna writes this in private')).toHaveCount(0);
  await expect(jonas.getByText('Anna writes this in private')).toHaveCount(0);

  await anna.getByRole('button', { name: "I'm done" }).click();
  await expect(panel.getByTestId('person-Anna')).toContainText('Done');
  await expect(panel.getByTestId('person-Jonas')).toContainText('Still writing');

  // The timer is the facilitator's: pause shows paused everywhere; a minute more shows more.
  await panel.getByRole('button', { name: 'Pause timer' }).click();
  await expect(jonas.getByTestId('timer')).toContainText('paused');
  const paused = await secondsLeft(jonas);
  await panel.getByRole('button', { name: 'Add a minute' }).click();
  await expect.poll(() => secondsLeft(jonas)).toBe(paused + 60);
  await panel.getByRole('button', { name: 'Resume timer' }).click();
  await expect(jonas.getByTestId('timer')).not.toContainText('paused');

  // Reveal: the note moves onto the shared board for everyone.
  await panel.getByRole('button', { name: "Reveal everyone's private notes" }).click();
  await expect(note(jonas, 'Anna writes this in private')).toBeVisible();
  await expect(note(jonas, 'Anna writes this in private')).toContainText('Anna · GAIA');
  await jonas.screenshot({ path: test.info().outputPath('after-reveal.png') });

  // Step 2: clustering, back to writing on the shared board.
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(jonas.getByTestId('current-step')).toContainText('Step 2 of 3: Cluster into themes');
  await expect(cell(jonas, 'strategy', 'need').getByRole('button', { name: /Add a note to/ })).toBeVisible();
  await expect(anna.getByRole('button', { name: "I'm done" })).toHaveAttribute('aria-pressed', 'false');

  // Step 3: a vote with hidden results, on a locked board.
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(anna.getByTestId('current-step')).toContainText('Step 3 of 3: Vote');
  await expect(anna.getByText('The board is locked')).toBeVisible();
  await expect(anna.getByRole('button', { name: /Add a note to/ })).toHaveCount(0);
  await expect(anna.getByTestId('votes-left')).toContainText('5 of 5 votes left');

  const voteOn = (page: Page) => note(page, 'Anna writes this in private').getByRole('button', { name: /^Vote for note/ });
  await voteOn(anna).click();
  await expect(anna.getByTestId('votes-left')).toContainText('4 of 5 votes left');
  await voteOn(anna).click();
  await voteOn(jonas).click();
  await expect(jonas.getByTestId('votes-left')).toContainText('4 of 5 votes left');
  // Three votes at most per note and person: the fourth is refused with a reason.
  await voteOn(anna).click();
  await expect(anna.getByTestId('votes-left')).toContainText('2 of 5 votes left');
  await voteOn(anna).click();
  await expect(note(anna, 'Anna writes this in private').getByRole('alert')).toContainText('At most 3');
  // Hidden until the round closes.
  await expect(jonas.getByTestId('vote-total')).toHaveCount(0);

  await panel.getByRole('button', { name: 'Close voting' }).click();
  for (const page of [frida, anna, jonas]) {
    await expect(note(page, 'Anna writes this in private').getByTestId('vote-total')).toHaveText('4 votes');
  }
  await frida.screenshot({ path: test.info().outputPath('facilitator-after-vote.png') });

  // The votes survive into the report.
  const report = await frida.evaluate(
    async ({ id, token }) => (await fetch(`/api/boards/${id}/export?format=md`, { headers: { authorization: `Bearer ${token}` } })).text(),
    { id: board.id, token: new URL(board.links.facilitator).hash.slice('#token='.length) },
  );
  expect(report).toContain('- Anna writes this in private (4 votes)');
});

/** Three steps through the run-sheet editor. */
async function buildRunSheet(frida: Page): Promise<void> {
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  await panel.getByRole('button', { name: 'Use the standard run-sheet' }).click();
  await expect(panel.getByText('Silent writing')).toBeVisible();
  await panel.getByRole('button', { name: 'Edit run-sheet' }).click();
  await panel.getByRole('button', { name: 'Remove step 4' }).click();
  await panel.getByRole('button', { name: 'Save run-sheet' }).click();
  await expect(panel.getByText('Discuss')).toHaveCount(0);
}

test('[WE2] history: a snapshot previews read-only and restores as a new board; the live board is untouched', async ({ browser }) => {
  const board = await boards.server.createBoard('History workshop');
  const frida = await newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await addNoteAs(frida, 'strategy', 'need', 'Kept in the snapshot');
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  await panel.getByLabel('Snapshot name').fill('Before lunch');
  await panel.getByRole('button', { name: 'Take snapshot' }).click();
  await expect(panel.getByRole('list', { name: 'Snapshots, newest first' })).toContainText('Before lunch');
  // [RD13] The list says who took it.
  await expect(panel.getByRole('list', { name: 'Snapshots, newest first' }).getByRole('listitem').first()).toContainText('by Frida');
  // A change after the snapshot is in the live board only.
  await addNoteAs(frida, 'strategy', 'need', 'Written after lunch');

  await panel.getByRole('button', { name: 'Preview' }).click();
  const preview = frida.getByRole('dialog', { name: 'Snapshot: Before lunch' });
  await expect(preview).toContainText('Kept in the snapshot');
  await expect(preview).not.toContainText('Written after lunch');
  await expect(preview.getByRole('textbox')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Restore as a new board' }).click();
  const opened = preview.getByRole('link', { name: 'Open the restored board (new tab)' });
  await expect(opened).toBeVisible();
  const restoredLink = await opened.getAttribute('href');
  await frida.screenshot({ path: test.info().outputPath('snapshot-preview.png') });
  await preview.getByRole('button', { name: 'Close' }).click();

  await expect(note(frida, 'Written after lunch')).toBeVisible();
  const restored = await newPerson(browser);
  await joinBoard(restored, restoredLink ?? '', 'Frida', 'DTI Cluster');
  await expect(note(restored, 'Kept in the snapshot')).toBeVisible();
  await expect(note(restored, 'Written after lunch')).toHaveCount(0);
  await expect(restored.getByRole('heading', { level: 1 })).toContainText('restored: Before lunch');
});

test('[WE3] a replaced participant link disconnects its users with "This link was revoked"; a locked dimension is read-only for participants', async ({
  browser,
}) => {
  const board = await boards.server.createBoard('Links workshop');
  const frida = await newPerson(browser);
  const anna = await newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });

  await panel.getByRole('checkbox', { name: 'Lock Cluster strategy' }).check();
  await expect(anna.getByText('Locked: Cluster strategy')).toBeVisible();
  await expect(cell(anna, 'strategy', 'need').getByRole('button', { name: /Add a note/ })).toHaveCount(0);
  await expect(cell(anna, 'structure', 'need').getByRole('button', { name: /Add a note/ })).toBeVisible();
  await expect(cell(frida, 'strategy', 'need').getByRole('button', { name: /Add a note/ })).toBeVisible();
  await panel.getByRole('checkbox', { name: 'Lock Cluster strategy' }).uncheck();
  await expect(cell(anna, 'strategy', 'need').getByRole('button', { name: /Add a note/ })).toBeVisible();

  await panel.getByRole('button', { name: 'Replace participant link' }).click();
  await frida.getByRole('dialog').getByRole('button', { name: 'Replace link' }).click();
  await expect(anna.getByRole('heading', { name: 'This link was revoked' })).toBeVisible();
  await expect(frida.getByTestId('connection')).toHaveText('Live');
  await anna.screenshot({ path: test.info().outputPath('revoked.png') });
});

async function addNoteAs(page: Page, dimension: string, kind: string, text: string): Promise<void> {
  const target = cell(page, dimension, kind);
  await target.getByRole('button', { name: /Add a note/ }).click();
  await target.getByRole('textbox').fill(text);
  await target.getByRole('textbox').press('Enter');
  await expect(note(page, text)).toBeVisible();
}
