/**
 * Hostile text goes everywhere harmlessly (SPEC X1): a note and a name carrying HTML, script and a
 * spreadsheet formula show as text on every screen, in the panels and in every export; no script
 * runs, no dialog opens, and the page reports no Content-Security-Policy violation.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { cell, joinBoard, note } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

const HTML = '<img src=x onerror="window.__xss=1;alert(1)">';
const FORMULA = '=HYPERLINK("http://evil.example","click")';
const NAME = '<b onmouseover=alert(2)>Eve</b>';

/** Fails the test on any dialog, and collects console messages about blocked content. */
function watch(page: Page): string[] {
  const violations: string[] = [];
  page.on('dialog', (dialog) => {
    violations.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function download(page: Page, item: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return readFile((await file.path()) ?? '');
}

test('[X1] HTML, script and formulas in notes and names stay text in the UI and in every export', async ({ browser }) => {
  const board = await boards.server.createBoard('Hostile text');
  const eve = await boards.newPerson(browser);
  const frida = await boards.newPerson(browser);
  const problems = [...watch(eve), ...watch(frida)];
  await joinBoard(eve, board.links.participant, NAME, 'GAIA');
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');

  for (const text of [HTML, FORMULA]) {
    const target = cell(eve, 'strategy', 'challenge');
    await target.getByRole('button', { name: /Add a note/ }).click();
    await target.getByRole('textbox').fill(text);
    await target.getByRole('textbox').press('Enter');
  }
  for (const page of [eve, frida]) {
    await expect(note(page, HTML)).toBeVisible();
    await expect(note(page, FORMULA)).toBeVisible();
    await expect(note(page, HTML)).toContainText(NAME);
  }
  await expect(frida.getByRole('list', { name: 'People on this board' })).toContainText(NAME);
  await frida.getByRole('button', { name: 'Outline' }).click();
  await expect(frida.getByText(HTML).first()).toBeVisible();
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  await expect(frida.getByTestId(`person-${NAME}`)).toBeVisible();
  await frida.getByRole('button', { name: 'Export' }).click();
  await frida.getByRole('menuitem', { name: 'Engagement' }).click();
  await frida.getByRole('complementary', { name: 'Engagement' }).getByRole('button', { name: 'Close', exact: true }).click();

  const markdown = (await download(frida, 'Report (Markdown)')).toString('utf8');
  expect(markdown).toContain('\\<img src=x onerror="window.\\_\\_xss=1;alert(1)"\\>');
  expect(markdown).not.toMatch(/(^|[^\\])<(img|b)\b/);
  const csv = (await download(frida, 'Notes (CSV)')).toString('utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  const docx = strFromU8(unzipSync(new Uint8Array(await download(frida, 'Report (Word)')))['word/document.xml'] ?? new Uint8Array());
  expect(docx).toContain('&lt;img src=x onerror=');
  expect(docx).not.toContain('<img');

  expect(await eve.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await frida.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(problems).toEqual([]);
  await frida.screenshot({ path: test.info().outputPath('hostile-text.png') });
});
