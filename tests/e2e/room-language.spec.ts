/**
 * The board in another language (issue 17): the header's language picker switches the board at
 * once, without leaving it or reloading, and this browser remembers the choice.
 */
import { expect, test } from '@playwright/test';
import { joinBoard } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

test('[LG2] on a laptop, the header picker shows the board in German at once and after a reload', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  const board = await boards.server.createBoard('Dresden workshop');
  await joinBoard(page, board.links.participant, 'Jonas', 'GAIA');
  const address = page.url();
  await page.getByRole('banner').getByRole('combobox', { name: 'Language' }).selectOption('de');
  const tools = page.getByRole('toolbar', { name: 'Board-Werkzeuge' });
  await expect(tools.getByRole('button', { name: 'Raster' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'Name oder Cluster ändern' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  expect(page.url()).toBe(address);
  await page.reload();
  await expect(page.getByRole('toolbar', { name: 'Board-Werkzeuge' }).getByRole('button', { name: 'Gliederung' })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
});

test('[LG2] on a phone, the language sits in the header row of the Write view, 44 px tall, and switches it to Lithuanian', async ({ browser }) => {
  const page = await boards.newPerson(browser, { viewport: { width: 390, height: 844 } });
  const board = await boards.server.createBoard('Vilnius workshop');
  await joinBoard(page, board.links.participant, 'Rūta', 'Other cluster');
  await expect(page.getByRole('heading', { name: 'Write a note' })).toBeVisible();
  const picker = page.getByRole('banner').getByRole('combobox', { name: 'Language' });
  const target = await page.locator('.header-language').boundingBox();
  expect(target?.height ?? 0).toBeGreaterThanOrEqual(44);
  await picker.selectOption('lt');
  await expect(page.getByRole('heading', { name: 'Rašyti pastabą' })).toBeVisible();
  await expect(page.locator('.header-language-code')).toHaveText('LT');
  await expect(page.getByRole('navigation', { name: 'Vaizdai' }).getByRole('button', { name: 'Rašyti' })).toHaveAttribute('aria-pressed', 'true');
  const widths = await page.evaluate(() => ({ page: document.scrollingElement?.scrollWidth ?? 0, screen: window.innerWidth }));
  expect(widths.page).toBeLessThanOrEqual(widths.screen);
});
