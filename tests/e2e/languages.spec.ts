/**
 * The product in the partners' languages (issue 17, SPEC LG2, LG7): people whose browsers speak
 * Polish, German and Spanish work on one board, each in their own language, and every main screen
 * in every language fits 390x844 and 1440x900 with no English from the catalogue left on it.
 * Controls are found by their names in the person's language, read from the catalogues.
 */
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { type Locale, LOCALES } from '../../shared/i18n/locales';
import type { CreatedBoard } from '../../shared/protocol';
import { findEnglishLeftovers } from '../helpers/englishLeftovers';
import { cell, note } from './board-page';
import { SEAT_HEADER } from './crowd';
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

function tokenOf(link: string): string {
  return decodeURIComponent(new URL(link).hash.match(/token=([^&]+)/)![1]!);
}

async function api(serverUrl: string, board: CreatedBoard, path: string, body: object, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(`${serverUrl}/api/boards/${encodeURIComponent(board.id)}/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(board.links.facilitator)}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return response.status === 204 ? null : response.json();
}

const control = (url: string, board: CreatedBoard, command: object) => api(url, board, 'control', command);

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

test('[LG7] every main screen in every language fits 390x844 and 1440x900 (nothing sideways, no clipped button) and shows no English from the catalogue', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const url = boards.server.url;
  const checks = new ScreenChecks();
  const title = 'Cluster workshop 2026 · Dresden';
  const step = 'Mapping members and partners';
  const voted = 'Shared booth at the Hannover fair';
  const rounds = LOCALES.map((l) => `Priorities ${l}`);
  const content = [title, step, voted, ...rounds, 'Marta', ...LOCALES.flatMap((l) => [`Person ${l}`, `Board ${l}`])];
  // A small board: the screens' own words are what is measured, not the template's notes.
  const board = await boards.server.createBoard(title, 'blank');
  const participantAuth = { authorization: `Bearer ${tokenOf(board.links.participant)}` };

  // The workshop mid-way: a step with its timer and private writing, a locked dimension.
  const added = (await api(url, board, 'notes', { text: voted, dimension: 'business-model', kind: 'good-practice', author: 'Marta' })) as {
    id: string;
  };
  await api(url, board, 'notes', { text: 'Mentoring for new cluster managers', dimension: 'organisation', kind: 'need', author: 'Marta' });
  await control(url, board, {
    type: 'setSteps',
    steps: [{ id: 'mapping', title: step, minutes: 8, dimension: null, privateWriting: true, voting: null, locked: false }],
  });
  await control(url, board, { type: 'startStep', index: 0 });
  await control(url, board, { type: 'lock', lock: { board: false, dimensions: ['strategy'] } });
  const marta = (await api(url, board, 'people', { name: 'Marta', cluster: 'mazovia' }, participantAuth)) as { seat: string };

  for (const [index, locale] of LOCALES.entries()) {
    // Each language has its own round: open while the board is walked, its results after.
    await control(url, board, {
      type: 'openVoting',
      title: rounds[index],
      config: { budget: 5, maxPerNote: 3, clusterCap: null, hideResults: true },
    });
    await api(url, board, 'votes', { noteId: added.id, change: 1 }, { ...participantAuth, [SEAT_HEADER]: marta.seat });
    // One browser per role and language: its first language is its own (LG2).
    const facilitator = await browser.newContext({ locale: BROWSER_LANGUAGE[locale], viewport: LAPTOP });
    const participant = await browser.newContext({ locale: BROWSER_LANGUAGE[locale], viewport: PHONE, hasTouch: true });
    try {
      await walk(url, board, new Words(locale), facilitator, participant, checks, content);
    } finally {
      await Promise.all([facilitator.close(), participant.close()]);
    }
  }

  test.info().annotations.push({ type: 'screens checked', description: String(checks.checked.length) });
  expect(checks.findings, checks.report()).toEqual([]);
});

/**
 * One language's main screens at both sizes: home (and a board just created), the join screen,
 * the board with its header, toolbar and workshop bar, the phone's Write view, the facilitator's
 * panel and the results.
 */
async function walk(
  url: string,
  board: CreatedBoard,
  words: Words,
  facilitator: BrowserContext,
  participant: BrowserContext,
  checks: ScreenChecks,
  content: string[],
) {
  const { locale } = words;
  const home = await facilitator.newPage();
  await home.goto(url);
  await expect(home.locator('html')).toHaveAttribute('lang', locale);
  await checks.check(home, 'home', locale, content);
  await home.setViewportSize(PHONE);
  await checks.check(home, 'home', locale, content);
  await home.getByLabel(words.label('Title')).fill(`Board ${locale}`);
  await home.getByRole('button', { name: words.text('Create board') }).click();
  await expect(home.getByRole('link', { name: words.text('Open the board as facilitator') })).toBeVisible();
  await checks.check(home, 'home-created', locale, content);
  await home.setViewportSize(LAPTOP);
  await checks.check(home, 'home-created', locale, content);
  await home.close();

  // A participant on a phone: the join screen at both sizes, the Write view they land on, the laptop's board.
  const phone = await participant.newPage();
  await open(phone, words, board.links.participant);
  await checks.check(phone, 'join', locale, content);
  await phone.setViewportSize(LAPTOP);
  await checks.check(phone, 'join', locale, content);
  await phone.setViewportSize(PHONE);
  await join(phone, words, `Person ${locale}`, 'GAIA');
  await expect(phone.getByRole('region', { name: words.text('Write a note', 'Write a private note') })).toBeVisible();
  await checks.check(phone, 'write', locale, content);
  await phone.setViewportSize(LAPTOP);
  await checks.check(phone, 'board-participant', locale, content);
  await phone.close();

  // The facilitator: the board on a phone and its Write view, the laptop's board with the panel.
  const page = await facilitator.newPage();
  await page.setViewportSize(PHONE);
  await open(page, words, board.links.facilitator);
  await join(page, words, `Person ${locale}`, 'DTI Cluster');
  await checks.check(page, 'board', locale, content);
  await page
    .getByRole('navigation', { name: words.text('Views') })
    .getByRole('button', { name: words.text('Write') })
    .click();
  await expect(page.getByRole('region', { name: words.text('Write a note', 'Write a private note') })).toBeVisible();
  await checks.check(page, 'write-facilitator', locale, content);
  await page.setViewportSize(LAPTOP);
  await checks.check(page, 'board', locale, content);
  await page.getByRole('button', { name: words.text('Facilitator controls') }).click();
  const panel = page.getByRole('complementary', { name: words.text('Facilitator controls') });
  await expect(panel.getByRole('button', { name: words.text('Close voting') })).toBeVisible();
  await checks.check(page, 'panel', locale, content);
  await page.setViewportSize(PHONE);
  await checks.check(page, 'panel', locale, content);

  // The round closes: its results.
  await page.setViewportSize(LAPTOP);
  await panel.getByRole('button', { name: words.text('Close voting') }).click();
  await page
    .getByRole('toolbar')
    .getByRole('button', { name: words.text('Results') })
    .click();
  await expect(page.getByRole('dialog').getByTestId('result')).toHaveCount(1);
  await checks.check(page, 'results', locale, content);
  await page.setViewportSize(PHONE);
  await checks.check(page, 'results', locale, content);
}
