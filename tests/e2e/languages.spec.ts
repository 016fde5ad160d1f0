/**
 * The product in the partners' languages (issue 17, SPEC LG2, LG7): people whose browsers speak
 * Polish, German and Spanish work on one board, each in their own language, with no English from
 * the catalogue left on their screens and nothing past the screen's edge.
 * Controls are found by their names in the person's language, read from the catalogues.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import type { Locale } from '../../shared/i18n/locales';
import { findEnglishLeftovers } from '../helpers/englishLeftovers';
import { cell, note } from './board-page';
import { useBoardServer } from './fixtures';
import { CONTENT, ScreenChecks, visibleText, Words } from './languages';

const boards = useBoardServer();
// A control that never appears fails the step at once, not at the end of the whole walk.
test.use({ actionTimeout: 20_000 });

const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The browser's language for each of ours: the first language shown follows it (LG2). */
const BROWSER_LANGUAGE: Record<Locale, string> = {
  en: 'en-GB',
  de: 'de-DE',
  bg: 'bg-BG',
  lt: 'lt-LT',
  pl: 'pl-PL',
  es: 'es-ES',
  fr: 'fr-FR',
};
const REMEMBERED = 'clusterboard.language';

/** Opens `link`: the join screen, in the language of the browser (nobody picked one yet: LG2). */
async function open(page: Page, words: Words, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.locator('html')).toHaveAttribute('lang', words.locale);
  await expect(page.getByRole('button', { name: words.text('Join the board') })).toBeVisible();
}

/** Joins the board opened with `open` as `name` of `cluster` (a partner's name). */
async function join(page: Page, words: Words, name: string, cluster: string): Promise<void> {
  await page.getByLabel(words.label('Your name')).fill(name);
  await page.getByLabel(words.label('Your cluster')).selectOption({ label: cluster });
  await page.getByRole('button', { name: words.text('Join the board') }).click();
  await expect(page.getByTestId('connection')).toHaveText(words.text('Live'), { timeout: 15_000 });
}

async function newPerson(browser: Browser, locale: Locale, viewport: { width: number; height: number }, touch = false) {
  return boards.newPerson(browser, { locale: BROWSER_LANGUAGE[locale], viewport, hasTouch: touch });
}

test('[LG2][LG7] a participant joins in Polish, another in German on a phone; both work on one board; a Spanish facilitator runs a vote; every screen shows only their language', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const checks = new ScreenChecks();
  const title = 'Warsztat EXCITE · Taller';
  const olaNote = 'Wspólne szkolenia dla członków';
  const jonasNote = 'Gemeinsame Messestände mit Partnern';
  const content = [title, 'Lucía', 'Ola', 'Jonas', olaNote, jonasNote];
  const board = await boards.server.createBoard(title, 'excite-d1.4');
  const es = new Words('es');
  const pl = new Words('pl');
  const de = new Words('de');

  // Each browser's first language is its own: nobody picked one yet (LG2).
  const lucia = await newPerson(browser, 'es', LAPTOP);
  const ola = await newPerson(browser, 'pl', LAPTOP);
  const jonas = await newPerson(browser, 'de', PHONE, true);
  for (const [page, words, link] of [
    [lucia, es, board.links.facilitator],
    [ola, pl, board.links.participant],
    [jonas, de, board.links.participant],
  ] as const) {
    await open(page, words, link);
    await checks.check(page, 'join', words.locale, content);
  }
  await join(lucia, es, 'Lucía', 'GAIA');
  await join(ola, pl, 'Ola', 'Mazovia Cluster ICT');
  await join(jonas, de, 'Jonas', 'Silicon Saxony');
  await checks.check(lucia, 'board', 'es', content);
  await checks.check(ola, 'board', 'pl', content);

  // Ola writes in a cell of the grid; Jonas writes from his phone's Write view.
  const strategyChallenges = cell(ola, 'strategy', 'challenge');
  await strategyChallenges.getByRole('button', { name: pl.like('Add a note to Cluster strategy · Challenge') }).click();
  await strategyChallenges.getByRole('textbox').fill(olaNote);
  await strategyChallenges.getByRole('textbox').press('Enter');
  await expect(note(ola, olaNote)).toBeVisible();

  const write = jonas.getByRole('region', { name: de.text('Write a note') });
  await expect(write).toBeVisible();
  await write.getByLabel(de.label('Dimension')).selectOption('strategy');
  await write.getByRole('radio', { name: de.text('Best practice needed') }).check();
  await write.getByLabel(de.label('Your note')).fill(jonasNote);
  await write.getByRole('button', { name: de.text('Send') }).click();
  await expect(write.getByRole('status').filter({ hasText: de.like('Sent to Cluster strategy · Best practice needed.') })).toBeVisible();
  await checks.check(jonas, 'write', 'de', content);
  for (const page of [lucia, ola]) await expect(note(page, jonasNote)).toBeVisible();
  await expect(note(lucia, olaNote)).toBeVisible();

  // Lucía opens a vote from her panel.
  await lucia.getByRole('button', { name: es.text('Facilitator controls') }).click();
  const panel = lucia.getByRole('complementary', { name: es.text('Facilitator controls') });
  await panel.getByRole('button', { name: es.text('Open voting') }).click();
  await expect(panel.getByRole('button', { name: es.text('Close voting') })).toBeVisible();
  await checks.check(lucia, 'panel', 'es', content);
  await expect(ola.getByTestId('votes-left')).toBeVisible();
  await checks.check(ola, 'board-voting', 'pl', content);
  await checks.check(jonas, 'write-voting', 'de', content);

  // Each votes for the other's note: Ola on the grid, Jonas on his phone's one-column board.
  await note(ola, jonasNote)
    .getByRole('button', { name: pl.like('Vote for note Gemeinsame') })
    .click();
  await jonas
    .getByRole('navigation', { name: de.text('Views') })
    .getByRole('button', { name: de.text('Board') })
    .click();
  // A card's buttons render once it comes near the screen: Jonas scrolls to the note, as a person would.
  await note(jonas, olaNote).scrollIntoViewIfNeeded();
  await note(jonas, olaNote)
    .getByRole('button', { name: de.like('Vote for note Wspólne') })
    .click();
  await expect(note(jonas, olaNote).getByRole('button', { name: de.like('Take a vote back from note Wspólne') })).toBeVisible();
  await checks.check(jonas, 'board-voting', 'de', content);

  // Lucía closes the vote and shows the results on every screen.
  await panel.getByRole('button', { name: es.text('Close voting') }).click();
  await lucia
    .getByRole('toolbar')
    .getByRole('button', { name: es.text('Results') })
    .click();
  await lucia
    .getByRole('dialog')
    .getByRole('button', { name: es.text('Show results to everyone') })
    .click();
  for (const page of [lucia, ola, jonas]) await expect(page.getByRole('dialog').getByTestId('result')).toHaveCount(2);
  await checks.check(lucia, 'results', 'es', content);
  await checks.check(ola, 'results', 'pl', content);
  await checks.check(jonas, 'results', 'de', content);
  await lucia
    .getByRole('dialog')
    .getByRole('button', { name: es.text('Close results for everyone') })
    .click();
  await expect(ola.getByRole('dialog')).toHaveCount(0);

  // [LG2] Ola picks French in the board's header: shown at once, without reloading or leaving,
  // with nothing Polish left behind; remembered by her browser over its own Polish.
  await ola.evaluate(() => Object.assign(window, { stillThisPage: true }));
  const address = ola.url();
  await ola
    .getByRole('banner')
    .getByRole('combobox', { name: new RegExp(`^${pl.message('Language')}`) })
    .selectOption('fr');
  await expect(ola.locator('html')).toHaveAttribute('lang', 'fr');
  const fr = new Words('fr');
  await expect(ola.getByTestId('connection')).toHaveText(fr.text('Live'));
  expect(await ola.evaluate(() => (window as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  expect(ola.url()).toBe(address);
  expect(await ola.evaluate((key) => localStorage.getItem(key), REMEMBERED)).toBe('fr');
  const french = await visibleText(ola);
  expect(findEnglishLeftovers(french, fr.own, pl.own, [...CONTENT, ...content]), 'Polish left after switching to French').toEqual([]);
  await checks.check(ola, 'board-after-pick', 'fr', content);
  await ola.reload();
  await expect(ola.getByTestId('connection')).toHaveText(fr.text('Live'), { timeout: 15_000 });
  await expect(ola.locator('html')).toHaveAttribute('lang', 'fr');

  expect(checks.findings, checks.report()).toEqual([]);
});
