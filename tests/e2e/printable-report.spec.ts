/**
 * [RG8, RG9] The printable report in real Chromium: opened from the Export menu in a new tab,
 * printed to PDF as several A4 pages with the charts drawn.
 */
import { writeFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { addNote, joinBoard } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

/** A4 in PDF points (1/72 inch), as Chromium writes a page's MediaBox. */
const A4 = { width: 595.92, height: 842.88 };

async function openPrintable(page: Page): Promise<Page> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('menuitem', { name: 'Printable report' }).click()]);
  await tab.waitForURL(/^blob:/);
  await tab.waitForLoadState();
  return tab;
}

test('[RG9] the Export menu opens the printable report in a new tab (a file where no tab may open), the token in no URL; a viewer has no Export menu', async ({
  browser,
}) => {
  const board = await boards.server.createBoard('Printable <b>workshop</b>', 'excite-d1.4');
  const page = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  await joinBoard(page, board.links.participant, 'Clémence', 'SCS Cluster');
  await addNote(page, 'strategy', 'good-practice', 'Mentoring <script>pairs</script>');
  await page.getByRole('button', { name: 'Export' }).click();
  await page.screenshot({ path: test.info().outputPath('export-menu-1440.png') });
  await page.keyboard.press('Escape');

  const tab = await openPrintable(page);
  expect(tab.url()).not.toContain(board.links.participant.split('#')[1] ?? 'no token');
  // The cover carries the template's deliverable title, and the board's own title under it.
  await expect(tab).toHaveTitle('Initial Report on Collection of Best Practices');
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText('Initial Report on Collection of Best Practices');
  await expect(tab.locator('.cover .subtitle')).toHaveText('Printable <b>workshop</b>');
  await expect(tab.locator('.callout', { hasText: 'Mentoring <script>pairs</script>' })).toContainText('Good practice · SCS Cluster');
  // [RG10] The contents link to the chapters in the page.
  await tab.getByRole('link', { name: '2.2 Cluster strategy' }).click();
  await expect(tab).toHaveURL(/#dimension-2$/);
  await expect(tab.locator('figure.chart svg')).toHaveCount(2);
  // The page's style sheet applies in the tab (the app's policy allows it by its hash): a shaded call-out.
  await expect(tab.locator('.callout').first()).toHaveCSS('background-color', 'rgb(232, 243, 236)');
  await tab.screenshot({ path: test.info().outputPath('printable-1440.png') });
  await tab.setViewportSize({ width: 390, height: 844 });
  await tab.screenshot({ path: test.info().outputPath('printable-390.png') });
  // Nothing spills sideways on a phone.
  expect(await tab.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Where a blocker refuses the tab, the page comes as a file and the board stays.
  await page.evaluate(() => {
    window.open = () => null;
  });
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Printable report' }).click()]);
  expect(file.suggestedFilename()).toMatch(/^printable-b-workshop-b-\d{4}-\d{2}-\d{2}\.html$/);
  await expect(page.getByTestId('connection')).toHaveText('Live');

  const viewer = await boards.newPerson(browser);
  await joinBoard(viewer, board.links.viewer, 'Projector', 'GAIA');
  await expect(viewer.getByRole('button', { name: 'Export' })).toHaveCount(0);
});

test('[RG8] the printed page is a PDF of several A4 pages, numbered, a section per page', async ({ browser }) => {
  const board = await boards.server.createBoard('Print run', 'excite-d1.4');
  const page = await boards.newPerson(browser);
  await joinBoard(page, board.links.facilitator, 'Frida', 'DTI Cluster');
  await addNote(page, 'structure', 'challenge', 'Members leave after a year');
  const tab = await openPrintable(page);
  await tab.emulateMedia({ media: 'print' });
  // On paper the hint about saving is gone, the cover is a page of its own, and each chapter starts a page.
  await expect(tab.getByText('print it (Ctrl+P', { exact: false })).toBeHidden();
  expect(
    await tab
      .locator('section.main')
      .first()
      .evaluate((el) => getComputedStyle(el).breakBefore),
  ).toBe('page');
  expect(await tab.locator('.cover').evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');

  const pdf = await tab.pdf({ preferCSSPageSize: true });
  await writeFile(test.info().outputPath('printable.pdf'), pdf);
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-')).toBe(true);
  const pages = text.match(/\/Type\s*\/Page\b/g) ?? [];
  // Cover, revision history, contents, methodology, the clusters, five dimensions, tandems,
  // engagement and the annex: at least thirteen pages.
  expect(pages.length).toBeGreaterThanOrEqual(13);
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [width, height] of boxes) {
    expect(Math.abs((width ?? 0) - A4.width)).toBeLessThan(2);
    expect(Math.abs((height ?? 0) - A4.height)).toBeLessThan(2);
  }
});
