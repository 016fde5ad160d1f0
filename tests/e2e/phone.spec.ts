/**
 * Phones as first-class writers (docs/UX.md PH1-PH6): with 30 people present, a participant on a
 * 390 or 360 px phone lands on the Write view, writes (shared and private), reveals, votes and sees
 * the facilitator's messages, with nothing off screen and every target thumb-sized.
 */
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { addNote, cell, expectLive, joinBoard, note } from './board-page';
import { fillRoom } from './crowd';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();
const LAPTOP = { width: 1440, height: 900 };
const PHONES = [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
] as const;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page is no wider than the screen').toBeLessThanOrEqual(innerWidth);
}

async function expectInViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, 'shown').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
}

/**
 * The buttons, selects and fields of the board body that are on screen, measured: any under
 * 44 px high (or, for buttons other than a note's or theme's own text and link chips, 44 px wide).
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      ':is(.board-main, .phone-nav, .private-notes, .toast) :is(button, select, textarea, input:not([type="checkbox"], [type="radio"])), .phone-kind',
    );
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      const onScreen = box.width > 0 && box.bottom > 0 && box.top < window.innerHeight;
      if (!onScreen) continue;
      const textButton = target.matches('.note-text, .link-chip, .theme-title-button');
      if (box.height < 44 || (!textButton && target.tagName === 'BUTTON' && box.width < 44)) {
        small.push(
          `${target.tagName.toLowerCase()} "${(target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
        );
      }
    }
    return small;
  });
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: test.info().outputPath(`${name}.png`) });
}

test('[PH1][PH2][PH5][PH6] a participant on a phone lands on Write, sends notes a laptop sees live in their cells, and switches to a one-column board that never scrolls sideways, with 30 people present', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const board = await boards.server.createBoard('Phone workshop', 'excite-d1.4');
  const crowd = await fillRoom(boards.server.url, board, 30);
  const laptop = await boards.newPerson(browser, { viewport: LAPTOP });
  const phone = await boards.newPerson(browser, { viewport: PHONES[0], hasTouch: true });
  await joinBoard(laptop, board.links.participant, 'Sven', 'Silicon Saxony');
  await joinBoard(phone, board.links.participant, 'Noor', 'GAIA');

  const write = phone.getByRole('region', { name: 'Write a note' });
  await expect(write).toBeVisible();
  await expect(phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Write' })).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.getByRole('main', { name: 'Board' })).toHaveCount(0);
  await expectInViewport(phone, write.getByRole('button', { name: 'Send' }));
  await expectNoSidewaysScroll(phone);
  await shot(phone, 'phone-write-390');

  await write.getByLabel('Dimension').selectOption({ label: '2. Cluster strategy' });
  await write.getByRole('radio', { name: 'Best practice needed' }).check();
  const text = write.getByLabel('Your note');
  await text.fill('Members want a shared CRM');
  await text.press('Enter');
  await expect(write.getByText('Sent to Cluster strategy · Best practice needed.')).toBeVisible();
  await expect(text).toHaveValue('');
  await expect(text).toBeFocused();
  await expect(cell(laptop, 'strategy', 'need').locator(note(laptop, 'Members want a shared CRM'))).toBeVisible();

  // Shift+Enter breaks the line; Enter sends both lines as one note.
  await text.pressSequentially('Onboarding pack');
  await text.press('Shift+Enter');
  await text.pressSequentially('for new members');
  await expect(text).toHaveValue('Onboarding pack\nfor new members');
  await text.press('Enter');
  await expect(cell(laptop, 'strategy', 'need').locator('li.note', { hasText: 'for new members' })).toContainText('Onboarding pack');

  // Recent notes, newest first, with where each sits; a note from the laptop arrives on top.
  const recent = phone.getByRole('region', { name: 'Recent notes' });
  await expect(recent.getByRole('listitem').first()).toContainText('for new members');
  await expect(recent.getByRole('listitem').first()).toContainText('Cluster strategy · Best practice needed');
  await addNote(laptop, 'communication', 'challenge', 'Nobody reads the newsletter');
  await expect(recent.getByRole('listitem').first()).toContainText('Nobody reads the newsletter');
  await expect(recent.getByRole('listitem').first()).toContainText('Sven · Silicon Saxony');
  await recent.getByRole('button', { name: 'Mine' }).click();
  const mine = phone.getByRole('region', { name: 'My notes, newest first' });
  await expect(mine.getByRole('listitem')).toHaveCount(2);
  await expect(mine.getByRole('listitem').first()).toContainText('for new members');
  expect(await smallTargets(phone)).toEqual([]);

  // The dimension and kind are remembered on this phone.
  await phone.reload();
  await expectLive(phone);
  await expect(write.getByLabel('Dimension')).toHaveValue('strategy');
  await expect(write.getByRole('radio', { name: 'Best practice needed' })).toBeChecked();

  // The board, by keyboard from the view bar: one column, each dimension's kinds stacked.
  await phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).focus();
  await phone.keyboard.press('Enter');
  await expect(phone.getByRole('main', { name: 'Board' })).toBeVisible();
  await expect(phone.getByRole('region', { name: 'Write a note' })).toHaveCount(0);
  const strategy = cell(phone, 'strategy', 'need');
  await expect(strategy.locator(note(phone, 'Members want a shared CRM'))).toBeVisible();
  const cells = await phone.locator('[data-cell^="strategy/"]').evaluateAll((all) => all.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  expect(cells).toHaveLength(3);
  for (const box of cells) expect(box.x).toBe(cells[0]!.x);
  expect(cells[1]!.y).toBeGreaterThan(cells[0]!.y + cells[0]!.height - 1);
  await expect(strategy.getByRole('heading', { name: 'Best practice needed' })).toBeVisible();
  await expectNoSidewaysScroll(phone);
  await strategy.locator(note(phone, 'Members want a shared CRM')).scrollIntoViewIfNeeded();
  expect(await smallTargets(phone)).toEqual([]);
  await shot(phone, 'phone-board-390');

  await phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Outline' }).click();
  await expect(phone.getByRole('tree')).toBeVisible();
  await expectNoSidewaysScroll(phone);

  // 360 px: the narrowest phone, every view.
  await phone.setViewportSize(PHONES[1]);
  await expectNoSidewaysScroll(phone);
  await phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  await expect(phone.getByRole('main', { name: 'Board' })).toBeVisible();
  await expectNoSidewaysScroll(phone);
  await strategy.scrollIntoViewIfNeeded();
  await shot(phone, 'phone-board-360');
  await phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Write' }).click();
  await expect(write).toBeVisible();
  await expectNoSidewaysScroll(phone);
  expect(await smallTargets(phone)).toEqual([]);
  await shot(phone, 'phone-write-360');
  await crowd.leave();
});

test('[PH5] a viewer on a phone reads the board and has no Write view', async ({ browser }) => {
  const board = await boards.server.createBoard('Phone viewer', 'excite-d1.4');
  const viewer = await boards.newPerson(browser, { viewport: PHONES[1] });
  await joinBoard(viewer, board.links.viewer, 'Projector', 'Room B');
  const views = viewer.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: 'Board' })).toHaveAttribute('aria-pressed', 'true');
  await expect(views.getByRole('button', { name: 'Write' })).toHaveCount(0);
  await expect(viewer.getByRole('main', { name: 'Board' })).toBeVisible();
  await expectNoSidewaysScroll(viewer);
});

async function facilitatedRoom(browser: Browser, title: string, phoneSize: (typeof PHONES)[number]) {
  const board = await boards.server.createBoard(title, 'excite-d1.4');
  const crowd = await fillRoom(boards.server.url, board, 30);
  const frida = await boards.newPerson(browser, { viewport: LAPTOP });
  const noor = await boards.newPerson(browser, { viewport: phoneSize, hasTouch: true });
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(noor, board.links.participant, 'Noor', 'GAIA');
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  return { crowd, frida, noor, panel };
}

test('[PH2][PH3][PH4][PH6] during private writing a phone writes privately, cannot send to a locked dimension and reveals its note onto the board, with 30 people present', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { crowd, frida, noor, panel } = await facilitatedRoom(browser, 'Phone private writing', PHONES[1]);

  // Private writing, with a timer running: the phone's note stays on the phone.
  await panel.getByRole('checkbox', { name: 'Private writing' }).check();
  await panel.getByLabel('Timer minutes').fill('5');
  await panel.getByRole('button', { name: 'Start timer' }).click();
  const write = noor.getByRole('region', { name: 'Write a private note' });
  await expect(write).toBeVisible();
  await expectInViewport(noor, noor.getByTestId('timer'));
  await write.getByLabel('Dimension').selectOption({ label: '4. Cluster business model' });
  await write.getByRole('radio', { name: 'Challenge' }).check();
  await write.getByLabel('Your note').fill('Fees are too high for start-ups');
  await write.getByRole('button', { name: 'Save privately' }).click();
  const privateNotes = noor.getByRole('region', { name: /Your private notes/ });
  await expect(privateNotes).toContainText('Fees are too high for start-ups');
  await expect(privateNotes).toContainText('Cluster business model · Challenge');
  await expect(panel.getByTestId('person-Noor')).toContainText('1 private');
  await expect(frida.getByText('Fees are too high for start-ups')).toHaveCount(0);
  await expectNoSidewaysScroll(noor);
  expect(await smallTargets(noor)).toEqual([]);
  await privateNotes.scrollIntoViewIfNeeded();
  await shot(noor, 'phone-private-360');
  await noor.setViewportSize(PHONES[0]);
  await expectNoSidewaysScroll(noor);
  await shot(noor, 'phone-private-390');

  // The board view shows the private notes as a sheet above the view bar, inside the screen.
  await noor.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  await expect(privateNotes.getByRole('button', { name: 'Reveal my notes' })).toBeVisible();
  await expectInViewport(noor, privateNotes);
  await privateNotes.getByRole('button', { name: 'Show the list' }).click();
  await expect(privateNotes).toContainText('Fees are too high for start-ups');
  await expectInViewport(noor, privateNotes);
  await expectNoSidewaysScroll(noor);
  await shot(noor, 'phone-private-board-390');
  await privateNotes.getByRole('button', { name: 'Hide the list' }).click();
  await noor.setViewportSize(PHONES[1]);
  await expectInViewport(noor, privateNotes);
  await noor.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Write' }).click();

  // A locked dimension says so on the phone and cannot be sent to.
  await panel.getByRole('checkbox', { name: 'Lock Cluster business model' }).check();
  await expect(write.getByText('The facilitator has locked Cluster business model. Pick another dimension to write.')).toBeVisible();
  await write.getByLabel('Your note').fill('This waits');
  await expect(write.getByRole('button', { name: 'Save privately' })).toBeDisabled();
  await panel.getByRole('checkbox', { name: 'Lock Cluster business model' }).uncheck();
  await expect(write.getByRole('button', { name: 'Save privately' })).toBeEnabled();
  await write.getByLabel('Your note').fill('');

  // Reveal from the phone: the note reaches the shared board.
  await privateNotes.getByRole('button', { name: 'Reveal my notes' }).click();
  await expect(privateNotes).toContainText('Your note is on the board now.');
  await expect(cell(frida, 'business-model', 'challenge').locator(note(frida, 'Fees are too high for start-ups'))).toBeVisible();
  await crowd.leave();
});

test('[PH3][PH4][PH6] a phone votes from its list and sees "brought everyone" inside the screen on the Write view and on the board, with 30 people present', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { crowd, frida, noor, panel } = await facilitatedRoom(browser, 'Phone vote', PHONES[0]);
  await addNote(frida, 'business-model', 'challenge', 'Fees are too high for start-ups');

  await panel.getByRole('button', { name: 'Open voting' }).click();
  const votesLeft = noor.getByTestId('phone-votes-left');
  await expect(votesLeft).toHaveText('Voting: 5 of 5 votes left');
  const item = noor.getByRole('region', { name: 'Recent notes' }).getByRole('listitem').filter({ hasText: 'Fees are too high for start-ups' });
  await item.getByRole('button', { name: /^Vote for note/ }).click();
  await expect(votesLeft).toHaveText('Voting: 4 of 5 votes left');
  await expect(item.getByTestId('my-votes')).toContainText('●');
  await item.scrollIntoViewIfNeeded();
  expect(await smallTargets(noor)).toEqual([]);
  await expectNoSidewaysScroll(noor);
  await shot(noor, 'phone-vote-390');
  await noor.setViewportSize(PHONES[1]);
  await item.scrollIntoViewIfNeeded();
  await expectNoSidewaysScroll(noor);
  await shot(noor, 'phone-vote-360');

  // "Bring everyone here" on the Write view: said on screen, and the next note goes there.
  await panel.locator('#facilitate-bring-dimension').selectOption({ label: 'Communication, visibility & reputation' });
  await panel.getByRole('button', { name: 'Bring everyone here' }).click();
  const brought = noor.getByRole('status').filter({ hasText: 'Frida brought everyone to Communication, visibility & reputation.' });
  await expect(brought).toBeVisible();
  await noor.evaluate(() => window.scrollTo(0, 0));
  await expectInViewport(noor, brought);
  await expect(noor.getByRole('region', { name: 'Write a note' }).getByLabel('Dimension')).toHaveValue('communication');
  await shot(noor, 'phone-brought-360');

  // On the board view the same call is a message above the view bar, inside the screen.
  await noor.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  await expect(noor.getByRole('main', { name: 'Board' })).toBeVisible();
  expect(await smallTargets(noor)).toEqual([]);
  await panel.locator('#facilitate-bring-dimension').selectOption({ label: 'Cluster organisation' });
  await panel.getByRole('button', { name: 'Bring everyone here' }).click();
  const toast = noor.locator('.toast').filter({ hasText: 'Frida brought everyone to Cluster organisation.' });
  await expect(toast).toBeVisible();
  await expectInViewport(noor, toast);
  await shot(noor, 'phone-toast-360');
  await noor.setViewportSize(PHONES[0]);
  await expectInViewport(noor, toast);
  await shot(noor, 'phone-toast-390');
  await crowd.leave();
});
