/**
 * What the facilitator writes for the report, in real browsers (SPEC RC2, RC3, RC5, RC7): two
 * facilitators fill the cover and write the introduction together; a participant sees no editor.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { joinBoard } from './board-page';
import { useBoardServer } from './fixtures';
import { ScreenChecks, Words } from './languages';

const boards = useBoardServer();
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function openReport(page: Page) {
  await page.getByRole('button', { name: 'Facilitator controls' }).click();
  const controls = page.getByRole('complementary', { name: 'Facilitator controls' });
  await controls.getByRole('button', { name: 'Write the report’s content' }).click();
  const panel = page.getByRole('complementary', { name: 'Report' });
  await expect(panel).toBeVisible();
  return panel;
}

async function noSidewaysScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test('[RC2, RC5, RC7] a facilitator fills the cover and writes an introduction with a list; another facilitator sees it live; a participant sees no editor', async ({
  browser,
}: {
  browser: Browser;
}) => {
  test.setTimeout(90_000);
  const board = await boards.server.createBoard('Deliverable workshop', 'excite-d1.4');
  const frida = await boards.newPerson(browser, { viewport: LAPTOP });
  const fabian = await boards.newPerson(browser, { viewport: LAPTOP });
  const anna = await boards.newPerson(browser, { viewport: PHONE });
  await joinBoard(frida, board.links.facilitator, 'Frida', 'SCS Cluster');
  await joinBoard(fabian, board.links.facilitator, 'Fabian', 'GAIA');
  await joinBoard(anna, board.links.participant, 'Anna', 'Acme Cluster');

  const mine = await openReport(frida);
  const theirs = await openReport(fabian);

  // [RC7] The template's cover, as D1.4's.
  await expect(mine.getByLabel('Deliverable number')).toHaveValue('D1.4');
  await expect(mine.getByLabel('Main editor')).toHaveValue('Clémence Castell');

  // The cover: saved when the field is left, shown to the other facilitator at once.
  await mine.getByLabel('Title', { exact: true }).fill('Final Report on Collection of Best Practices');
  await mine.getByLabel('Version').fill('2.0');
  await mine.getByLabel('Version').press('Tab');
  await mine.getByLabel('Date', { exact: true }).fill('2026-12-02');
  await mine.getByLabel('Main editor').focus();
  await expect(theirs.getByLabel('Title', { exact: true })).toHaveValue('Final Report on Collection of Best Practices');
  await expect(theirs.getByLabel('Version')).toHaveValue('2.0');
  await expect(theirs.getByLabel('Date', { exact: true })).toHaveValue('2026-12-02');

  // The introduction: a paragraph, then two lines made a bulleted list with the toolbar.
  const intro = mine.getByRole('textbox', { name: 'Introduction (text)' });
  await intro.click();
  await frida.keyboard.type('The workshop gathered six clusters.\nStudy visits\nLearning tandems');
  await intro.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf('Study'), el.value.length));
  await mine.getByRole('button', { name: 'Bulleted list' }).first().click();
  const written = 'The workshop gathered six clusters.\n- Study visits\n- Learning tandems';
  await expect(intro).toHaveValue(written);
  // Live, as typed: no leaving the field needed.
  await expect(theirs.getByRole('textbox', { name: 'Introduction (text)' })).toHaveValue(written);

  // Both type into the introduction at once: each keeps the other's words.
  const theirIntro = theirs.getByRole('textbox', { name: 'Introduction (text)' });
  await theirIntro.click();
  await theirIntro.press('ControlOrMeta+Home');
  await fabian.keyboard.type('Fabian: ');
  await intro.press('ControlOrMeta+End');
  await frida.keyboard.type('\nA closing line.');
  await expect(intro).toHaveValue(`Fabian: ${written}\nA closing line.`);
  await expect(theirIntro).toHaveValue(`Fabian: ${written}\nA closing line.`);

  // [RC2] The clusters: the six partners and the other cluster someone on the board is in.
  await expect(mine.locator('details.report-profile')).toHaveCount(7);
  const acme = mine.locator('details[data-cluster="other:Acme Cluster"]');
  await acme.locator('summary').click();
  await acme.getByRole('button', { name: 'Add a profile for Acme Cluster' }).click();
  await expect(acme.getByLabel('Full name')).toHaveValue('Acme Cluster');
  await acme.getByLabel('Creation date').fill('2015');
  await acme.getByLabel('Creation date').press('Enter');
  const theirAcme = theirs.locator('details[data-cluster="other:Acme Cluster"]');
  await theirAcme.locator('summary').click();
  await expect(theirAcme.getByLabel('Creation date')).toHaveValue('2015');
  // Removing asks first: nothing brings a removed profile back.
  await acme.getByRole('button', { name: 'Remove the profile of Acme Cluster' }).click();
  await expect(acme.getByText('Remove the profile of Acme Cluster? What it says is lost.')).toBeVisible();
  await acme.getByRole('button', { name: 'Keep it' }).click();
  await expect(theirAcme.getByLabel('Creation date')).toHaveValue('2015');

  await frida.screenshot({ path: test.info().outputPath('report-panel-1440.png') });
  await acme.getByRole('button', { name: 'Remove the profile of Acme Cluster' }).click();
  await acme.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(theirAcme.locator('summary')).toContainText('no profile');
  await expect(theirAcme.getByRole('button', { name: 'Add a profile for Acme Cluster' })).toBeVisible();
  await intro.scrollIntoViewIfNeeded();
  await frida.screenshot({ path: test.info().outputPath('report-introduction-1440.png') });

  // [RC3] A participant is shown no way to the report's editor.
  await expect(anna.getByRole('button', { name: 'Facilitator controls' })).toHaveCount(0);
  await expect(anna.getByRole('complementary', { name: 'Report' })).toHaveCount(0);
  await expect(anna.getByRole('textbox', { name: 'Introduction (text)' })).toHaveCount(0);
});

test('[RC2] on a phone the Report panel is a full-screen sheet, usable by keyboard, without sideways scrolling', async ({ browser }) => {
  const board = await boards.server.createBoard('Phone report', 'excite-d1.4');
  const page = await boards.newPerson(browser, { viewport: PHONE });
  await joinBoard(page, board.links.facilitator, 'Frida', 'SCS Cluster');
  const panel = await openReport(page);
  await expect(panel.getByLabel('Deliverable number')).toHaveValue('D1.4');
  await noSidewaysScroll(page);
  await page.screenshot({ path: test.info().outputPath('report-panel-390.png') });
  const gaia = panel.locator('details[data-cluster="gaia"]');
  await gaia.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(gaia.getByLabel('Membership')).toHaveValue('311 members, 65% SMEs');
  await gaia.getByLabel('Membership').scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('report-profile-390.png') });
  await noSidewaysScroll(page);
  const conclusion = panel.getByRole('textbox', { name: 'Conclusion (text)' });
  await conclusion.fill('Members engage.\nTraining\nTandems');
  await conclusion.press('ControlOrMeta+End');
  await conclusion.press('Shift+ArrowUp');
  // [RC5] From the keyboard: Shift+Tab reaches the list buttons, and the text keeps its selection.
  await page.keyboard.press('Shift+Tab');
  await expect(panel.getByRole('button', { name: 'Numbered list' }).last()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(conclusion).toHaveValue('Members engage.\n1. Training\n2. Tandems');
  await page.screenshot({ path: test.info().outputPath('report-conclusion-390.png') });
  await noSidewaysScroll(page);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

for (const locale of ['de', 'bg'] as const) {
  test(`[RC2] [LG7] the Report panel in ${locale} shows no English and nothing overflows, at 390 and 1440`, async ({ browser }) => {
    test.setTimeout(90_000);
    const words = new Words(locale);
    const checks = new ScreenChecks();
    for (const viewport of [PHONE, LAPTOP]) {
      const board = await boards.server.createBoard(`Report ${locale}`, 'excite-d1.4');
      const page = await boards.newPerson(browser, { viewport });
      await joinBoard(page, board.links.facilitator, 'Frida', 'SCS Cluster');
      await page.getByRole('combobox', { name: 'Language' }).selectOption(locale);
      await page.getByRole('button', { name: words.text('Facilitator controls') }).click();
      await page.getByRole('button', { name: words.text('Write the report’s content') }).click();
      const panel = page.getByRole('complementary', { name: words.text('Report') });
      await expect(panel).toBeVisible();
      const gaia = panel.locator('details[data-cluster="gaia"]');
      await gaia.locator('summary').click();
      await gaia.getByRole('button', { name: words.like('Remove the profile of GAIA') }).click();
      await checks.check(page, 'report-panel', locale, ['Frida', `Report ${locale}`]);
      await panel.locator('textarea[data-report-text="introduction"]').scrollIntoViewIfNeeded();
      await checks.check(page, 'report-text', locale, ['Frida', `Report ${locale}`]);
    }
    expect(checks.findings, checks.report()).toEqual([]);
  });
}
