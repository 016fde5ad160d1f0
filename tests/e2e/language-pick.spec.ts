/**
 * [LG2] The first language follows the browser; a language picked on the join screen or the home
 * page shows at once, is remembered by this browser and carries on into the board.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

/** One language's catalogue file, to find things by what that language says. */
function catalogue(locale: string, namespace: string): (key: string) => string {
  const file = new URL(`../../shared/i18n/messages/${locale}/${namespace}.json`, import.meta.url);
  const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return (key) => {
    const message = messages[key];
    if (message === undefined) throw new Error(`${locale}/${namespace}.json has no ${key}`);
    return message;
  };
}
const [plCommon, plPages] = [catalogue('pl', 'common'), catalogue('pl', 'pages')];
const [deCommon, dePages, deFacilitate] = [catalogue('de', 'common'), catalogue('de', 'pages'), catalogue('de', 'facilitate')];
const [frCommon, frPages, ltPages] = [catalogue('fr', 'common'), catalogue('fr', 'pages'), catalogue('lt', 'pages')];

const withTitle = (message: string, title: string) => message.replace('{title}', title);

/** The element lies wholly inside the window: seen without scrolling. */
async function expectInView(page: Page, element: Locator): Promise<void> {
  const box = await element.boundingBox();
  const window = page.viewportSize();
  expect(box, 'element is laid out').not.toBeNull();
  expect(window).not.toBeNull();
  if (!box || !window) return;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(window.height);
  expect(box.x + box.width).toBeLessThanOrEqual(window.width);
}

test('[LG2] a Polish browser joins in Polish; German picked on the join screen shows at once, survives a reload and opens the board in German', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const board = await boards.server.createBoard('Języki');
  const page = await boards.newPerson(browser, { locale: 'pl-PL', viewport: { width: 390, height: 844 } });
  await page.goto(board.links.facilitator);

  // The browser's language, before anything was picked.
  await expect(page.getByRole('heading', { name: withTitle(plPages('join.heading'), 'Języki') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  const name = page.getByLabel(plPages('join.name'));
  const cluster = page.getByLabel(plPages('join.cluster'));
  const join = page.getByRole('button', { name: plPages('join.submit') });
  // On a phone the picker takes no room from the form: name, cluster and Join are all in view.
  for (const element of [name, cluster, join]) await expectInView(page, element);

  // Labelled and in the keyboard's path: one Shift+Tab back from the name (which has focus).
  const picker = page.getByRole('combobox', { name: plCommon('language') });
  await expect(name).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(picker).toBeFocused();
  await expectInView(page, picker);

  // Shown at once: the same page (no reload, nothing typed is lost) now speaks German.
  await name.fill('Jonas');
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await picker.selectOption('de');
  await expect(page.getByRole('heading', { name: withTitle(dePages('join.heading'), 'Języki') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByText(dePages('join.role.facilitator'))).toBeVisible();
  expect(await page.evaluate(() => 'samePage' in window)).toBe(true);
  await expect(page.getByLabel(dePages('join.name'))).toHaveValue('Jonas');

  // Remembered by this browser, over the browser's own Polish.
  await page.reload();
  await expect(page.getByRole('heading', { name: withTitle(dePages('join.heading'), 'Języki') })).toBeVisible();
  await expect(page.getByRole('combobox', { name: deCommon('language') })).toHaveValue('de');

  await page.getByLabel(dePages('join.name')).fill('Jonas');
  await page.getByLabel(dePages('join.cluster')).selectOption({ label: 'SCS Cluster' });
  await page.getByRole('button', { name: dePages('join.submit') }).click();

  // The board opens in German: the facilitator's panel reads from the German catalogue.
  await expect(page.getByTestId('connection')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.locator('.facilitate-button').click();
  const panel = page.getByRole('complementary', { name: deFacilitate('panel.title') });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: deFacilitate('section.runSheet'), exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: deFacilitate('runSheet.useStandard') })).toBeVisible();
});

test('[LG2] the home page follows a French browser, and Lithuanian picked there is shown at once and remembered', async ({ browser }) => {
  const page = await boards.newPerson(browser, { locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  await page.goto(`${boards.server.url}/`);
  await expect(page.getByRole('heading', { name: frPages('home.create.heading') })).toBeVisible();
  await expect(page.getByRole('button', { name: frPages('home.create.submit') })).toBeVisible();

  await page.getByRole('combobox', { name: frCommon('language') }).selectOption('lt');
  await expect(page.getByRole('heading', { name: ltPages('home.create.heading') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
  await page.reload();
  await expect(page.getByRole('heading', { name: ltPages('home.create.heading') })).toBeVisible();
  await expect(page.getByText(ltPages('home.lead'))).toBeVisible();
});
