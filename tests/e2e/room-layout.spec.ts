/**
 * The board's frame with a full room (issue 15, docs/UX.md PS rules): 30 and 60 people present,
 * on a 1440x900 laptop and a 390x844 phone. The facilitator's screen is measured, since theirs
 * has the most in it (run-sheet step, timer, private writing, the controls button).
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { clusterLabel, CLUSTERS } from '../../shared/model/vocabulary';
import { cell, joinBoard } from './board-page';
import { type Crowd, fillRoom } from './crowd';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();
// Filling a room of 30-60 people takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SIZES = [
  { name: 'laptop', viewport: LAPTOP, share: 0.15 },
  { name: 'phone', viewport: PHONE, share: 0.25 },
] as const;

let crowd: Crowd | null = null;
test.afterEach(async () => {
  await crowd?.leave();
  crowd = null;
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator.toString()} has no box`);
  return found;
}

function intersects(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A facilitator in a full room, the run-sheet's first step running (step, timer, private writing). */
async function fullRoom(page: Page, people: number): Promise<void> {
  const board = await boards.server.createBoard('Vilnius cluster workshop, spring 2026');
  await joinBoard(page, board.links.facilitator, 'Frida', 'DTI Cluster');
  crowd = await fillRoom(boards.server.url, board, people);
  await expect(strip(page)).toContainText(`${people + 1} here`);
  const panel = page.getByRole('complementary', { name: 'Facilitator controls' });
  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  await panel.getByRole('button', { name: 'Use the standard run-sheet' }).click();
  await panel.getByRole('button', { name: 'Next step' }).click();
  await expect(page.getByTestId('timer')).toBeVisible();
  await panel.getByRole('button', { name: 'Close the panel' }).click();
  await expect(panel).toHaveCount(0);
  // Opening the panel scrolled it into view; people look at the board from its top.
  await page.evaluate(() => window.scrollTo(0, 0));
}

const strip = (page: Page) => page.locator('.presence-strip');
const countButton = (page: Page) => page.getByRole('button', { name: /^People: \d+ here$/ });

async function frameHeight(page: Page): Promise<number> {
  const header = await box(page.getByRole('banner'));
  const toolbar = await box(page.getByRole('toolbar', { name: 'Board tools' }));
  return header.height + toolbar.height;
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ page: document.scrollingElement?.scrollWidth ?? 0, screen: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
}

for (const size of SIZES) {
  for (const people of [30, 60]) {
    test(`[PS1, PS4, PS5] on a ${size.name} with ${people} people present, the presence strip is one line and header and toolbar take at most ${size.share * 100} % of the height`, async ({
      browser,
    }) => {
      const page = await boards.newPerson(browser, { viewport: size.viewport });
      await fullRoom(page, people);

      // One line: every avatar shown sits on the same row, and the strip is no taller than one.
      const avatars = strip(page).locator('.presence-avatar:not(.visually-hidden)');
      const shown = await avatars.count();
      expect(shown).toBeGreaterThan(2);
      const tops = new Set(await avatars.evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top))));
      expect(tops.size).toBe(1);
      expect((await box(strip(page))).height).toBeLessThanOrEqual(48);
      await expect(countButton(page)).toContainText(`${people + 1} here`);
      await expect(countButton(page).locator('.presence-more')).toHaveText(`+${people + 1 - shown}`);
      // The list still names everyone, for a screen reader.
      const list = page.getByRole('list', { name: 'People on this board' });
      await expect(list.getByRole('listitem')).toHaveCount(people + 1);
      await expect(list).toContainText('Frida (you), DTI Cluster');

      expect(await frameHeight(page)).toBeLessThanOrEqual(size.viewport.height * size.share);
      await noSidewaysScroll(page);
      await page.screenshot({ path: test.info().outputPath(`room-${size.name}-${people}.png`) });
    });
  }

  test(`[PS2] on a ${size.name}, the count opens everyone grouped by cluster; Escape closes it and gives focus back`, async ({ browser }) => {
    const page = await boards.newPerson(browser, { viewport: size.viewport });
    await fullRoom(page, 30);
    await countButton(page).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'People' });
    await expect(panel).toBeVisible();
    await expect(panel).toBeFocused();
    await expect(countButton(page)).toHaveAttribute('aria-expanded', 'true');
    for (const member of crowd!.members) {
      await expect(panel.getByRole('list', { name: clusterLabel(member.cluster), exact: true })).toContainText(member.name);
    }
    await expect(panel.getByRole('list', { name: 'DTI Cluster', exact: true })).toContainText('Frida (you)');
    // Every partner cluster has its own group, with its people and no one else's.
    for (const cluster of CLUSTERS) {
      const names = crowd!.members.filter((m) => m.cluster === cluster.id).map((m) => m.name);
      const items = panel.getByRole('list', { name: cluster.label, exact: true }).getByRole('listitem');
      await expect(items).toHaveCount(names.length + (cluster.label === 'DTI Cluster' ? 1 : 0));
    }
    await page.screenshot({ path: test.info().outputPath(`people-panel-${size.name}.png`) });
    if (size.name === 'phone') expect(await box(panel)).toMatchObject({ x: 0, width: PHONE.width });
    await noSidewaysScroll(page);

    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(countButton(page)).toBeFocused();
  });

  test(`[PS3] on a ${size.name}, who is typing shows in the strip and in the full list`, async ({ browser }) => {
    const page = await boards.newPerson(browser, { viewport: size.viewport });
    await fullRoom(page, 30);
    const [anna, jonas, mila] = crowd!.members;
    await expect(strip(page)).not.toContainText('typing');
    crowd!.setEditing(anna!, 'note-1');
    await expect(page.getByTestId('typing')).toHaveText('Anna is typing…');
    crowd!.setEditing(jonas!, 'note-2');
    crowd!.setEditing(mila!, 'note-3');
    await expect(page.getByTestId('typing')).toHaveText('3 people are typing…');
    await page.screenshot({ path: test.info().outputPath(`typing-${size.name}.png`) });
    await countButton(page).click();
    const panel = page.getByRole('complementary', { name: 'People' });
    await expect(panel.getByRole('listitem').filter({ hasText: 'Anna' }).first()).toContainText('typing…');
    crowd!.setEditing(anna!, null);
    crowd!.setEditing(jonas!, null);
    crowd!.setEditing(mila!, null);
    await expect(page.getByTestId('typing')).toHaveCount(0);
    expect(await frameHeight(page)).toBeLessThanOrEqual(size.viewport.height * size.share);
  });
}

test('[PS6] on a laptop, a docked panel narrows the board: no column or column heading runs under it, before or after scrolling', async ({
  browser,
}) => {
  const page = await boards.newPerson(browser, { viewport: LAPTOP });
  await fullRoom(page, 30);
  const headings = page.locator('.kind-heading');
  const thirdColumn = () => [cell(page, 'strategy', 'good-practice'), cell(page, 'communication', 'good-practice'), headings.nth(2)];
  const check = async (panel: Locator, name: string) => {
    await expect(panel).toBeVisible();
    const panelBox = await box(panel);
    expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(LAPTOP.width);
    for (const part of thirdColumn()) {
      await part.scrollIntoViewIfNeeded();
      expect(intersects(await box(part), await box(panel)), `${name}: ${part.toString()}`).toBe(false);
    }
    // Scrolled down, the sticky headings stay inside the board, beside the panel.
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    for (let i = 0; i < 3; i++) expect(intersects(await box(headings.nth(i)), await box(panel))).toBe(false);
    await noSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`docked-${name}-laptop.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
  };

  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  await check(page.getByRole('complementary', { name: 'Facilitator controls' }), 'facilitator');

  // Opening another panel takes the dock's place.
  await countButton(page).click();
  await expect(page.getByRole('complementary', { name: 'Facilitator controls' })).toHaveCount(0);
  await check(page.getByRole('complementary', { name: 'People' }), 'people');

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Engagement' }).click();
  await check(page.getByRole('complementary', { name: 'Engagement' }), 'engagement');
});

test('[PS6] on a phone, a panel is a full-screen sheet and closing it shows the board again', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: PHONE });
  await fullRoom(page, 30);
  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = page.getByRole('complementary', { name: 'Facilitator controls' });
  expect(await box(panel)).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
  await noSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('docked-facilitator-phone.png') });
  await panel.getByRole('button', { name: 'Close the panel' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Facilitator controls' })).toBeFocused();
});

test('[PS4] the Export menu works from the keyboard: arrows move, Enter downloads, Escape closes and focus goes back', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: LAPTOP });
  const board = await boards.server.createBoard('Export menu');
  await joinBoard(page, board.links.facilitator, 'Frida', 'DTI Cluster');
  const button = page.getByRole('button', { name: 'Export' });
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export and import' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Engagement',
    'Report (Word)',
    'Report (Markdown)',
    'Printable report',
    'Notes (CSV)',
    'Board (JSON)',
    'Import CSV…',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Engagement' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Import CSV…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Engagement' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Report (Markdown)' })).toBeFocused();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^export-menu-\d{4}-\d{2}-\d{2}\.md$/);
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('[PS4] on a phone the filters fold behind "Filters" and unfold in the toolbar', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: PHONE });
  const board = await boards.server.createBoard('Filters on a phone');
  await joinBoard(page, board.links.participant, 'Anna', 'GAIA');
  // A participant's phone lands on Write (PH2), which has no toolbar; the board view has it.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  const search = page.getByRole('searchbox', { name: 'Search notes' });
  await expect(search).toBeHidden();
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(search).toBeVisible();
  await search.fill('kpi');
  await expect(page.getByRole('button', { name: 'Filters (on)' })).toHaveAttribute('aria-expanded', 'true');
  await noSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('filters-phone.png') });
});

test('[PS4] on a 1920x1080 projector with 60 people present, header and toolbar take at most 15 % of the height', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: { width: 1920, height: 1080 } });
  await fullRoom(page, 60);
  expect(await frameHeight(page)).toBeLessThanOrEqual(1080 * 0.15);
  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  await page.screenshot({ path: test.info().outputPath('room-projector-60.png') });
});
