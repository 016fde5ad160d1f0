/**
 * `npm run screenshots`: the README's pictures, taken as a person sees the product. Starts a real
 * server with a fresh data directory, creates a board from the EXCITE template, fills the room with
 * 30 people (tests/e2e/crowd.ts) and photographs the facilitator's board on a 1440x900 laptop and
 * a participant's phone view at 390x844. Writes docs/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { fillRoom } from '../tests/e2e/crowd';
import { ServerProcess } from '../tests/helpers/server-process';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function join(
  browser: Browser,
  link: string,
  name: string,
  cluster: string,
  viewport: { width: number; height: number },
  phone: boolean,
): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: phone ? 2 : 1, isMobile: phone, hasTouch: phone });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your cluster').selectOption({ label: cluster });
  await page.getByRole('button', { name: 'Join the board' }).click();
  await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor({ timeout: 15_000 });
  // Let presence and the template's notes settle before the picture.
  await page.waitForTimeout(1_000);
  return page;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await ServerProcess.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const board = await server.createBoard('EXCITE workshop, Vilnius', 'excite-d1.4');
    const crowd = await fillRoom(server.url, board, 30);
    const desktop = await join(browser, board.links.facilitator, 'Frida', 'DTI Cluster', { width: 1440, height: 900 }, false);
    await desktop.screenshot({ path: `${OUT}board-desktop.png` });
    const phone = await join(browser, board.links.participant, 'Ieva', 'Business Hive Vilnius', { width: 390, height: 844 }, true);
    await phone.screenshot({ path: `${OUT}phone.png` });
    await crowd.leave();
    process.stdout.write(`Wrote ${OUT}board-desktop.png and ${OUT}phone.png\n`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
