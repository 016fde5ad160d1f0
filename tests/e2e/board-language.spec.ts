/**
 * [LG3] The board's language in real browsers: the facilitator sets it in the panel; a projector
 * (viewer link) in a browser that never picked a language shows it, one that picked keeps its own.
 */
import { type Browser, expect, test } from '@playwright/test';
import { joinBoard } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

test("[LG3] a facilitator sets the board's language; a projector that never picked a language shows it and follows it, one that picked keeps its own", async ({
  browser,
}: {
  browser: Browser;
}) => {
  // Five browsers on a shared machine: each join can take tens of seconds there.
  test.setTimeout(360_000);
  const board = await boards.server.createBoard('Workshop in Sophia-Antipolis');
  const frida = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const section = frida.getByRole('complementary', { name: 'Facilitator controls' }).getByRole('region', { name: 'Board language' });
  const select = section.getByRole('combobox', { name: 'Language' });
  await expect(select).toHaveValue('');
  await expect(section).toContainText('The projector link and the reports use it.');
  await select.selectOption('fr');
  await expect(select).toHaveValue('fr');
  // The facilitator's own screen stays in the language this browser shows.
  await expect(frida.locator('html')).toHaveAttribute('lang', 'en');
  await section.screenshot({ path: test.info().outputPath('board-language-section-1440.png') });
  await frida.screenshot({ path: test.info().outputPath('board-language-1440.png') });

  const projector = await boards.newPerson(browser, { locale: 'en-GB' });
  await joinBoard(projector, board.links.viewer, 'Projector', 'DTI Cluster');
  await expect(projector.locator('html')).toHaveAttribute('lang', 'fr');

  const picked = await boards.newPerson(browser, { locale: 'en-GB' });
  await picked.addInitScript(() => localStorage.setItem('clusterboard.language', 'en'));
  await joinBoard(picked, board.links.viewer, 'Second screen', 'DTI Cluster');
  await expect(picked.locator('html')).toHaveAttribute('lang', 'en');

  // The facilitator changes it: the projector follows, and still has nothing remembered.
  await select.selectOption('de');
  await expect(projector.locator('html')).toHaveAttribute('lang', 'de');
  expect(await projector.evaluate(() => localStorage.getItem('clusterboard.language'))).toBeNull();
  await expect(picked.locator('html')).toHaveAttribute('lang', 'en');

  const phone = await boards.newPerson(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await joinBoard(phone, board.links.facilitator, 'Frida on the phone', 'DTI Cluster');
  await phone
    .getByRole('button', { name: /Facilitator controls|Controls/ })
    .first()
    .click();
  const phoneSection = phone.getByRole('region', { name: 'Board language' });
  await expect(phoneSection.getByRole('combobox', { name: 'Language' })).toHaveValue('de');
  await phoneSection.screenshot({ path: test.info().outputPath('board-language-section-390.png') });
  await phone.screenshot({ path: test.info().outputPath('board-language-390.png') });
});
