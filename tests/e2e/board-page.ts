/** What a person does on a board page, in Playwright terms. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens a board link and joins as `name` of `cluster` (a partner's name, or any other name). */
export async function joinBoard(page: Page, link: string, name: string, cluster: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  const select = page.getByLabel('Your cluster');
  const partners = await select.locator('option').allInnerTexts();
  if (partners.includes(cluster)) {
    await select.selectOption({ label: cluster });
  } else {
    await select.selectOption({ label: 'Other…' });
    await page.getByLabel('Name of your cluster or organisation').fill(cluster);
  }
  await page.getByRole('button', { name: 'Join the board' }).click();
  await expectLive(page);
}

export async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection')).toHaveText('Live', { timeout: 15_000 });
}

export function cell(page: Page, dimension: string, kind: string): Locator {
  return page.locator(`[data-cell="${dimension}/${kind}"]`);
}

/** The note whose text is exactly `text`. */
export function note(page: Page, text: string): Locator {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return page.locator('li.note').filter({ has: page.locator('.note-text', { hasText: exact }) });
}

export async function addNote(page: Page, dimension: string, kind: string, text: string): Promise<void> {
  const target = cell(page, dimension, kind);
  await target.getByRole('button', { name: /Add a note/ }).click();
  await target.getByRole('textbox').fill(text);
  await target.getByRole('textbox').press('Enter');
  await expect(note(page, text)).toBeVisible();
}

/** Chooses an item of a note's "⋯" menu (docs/UX.md NA1): "Delete…", "Link good practices…", … */
export async function noteMenu(page: Page, card: Locator, item: string): Promise<void> {
  await card.getByRole('button', { name: /^Actions for note/ }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

/**
 * Picks up the focused drag handle with the keyboard. dnd-kit's keyboard sensor listens for the
 * arrow keys only from a timer it sets on pick-up, and Chromium runs input before timers: a timer
 * set after it runs after it, so the next key press is heard.
 */
export async function pickUpWithKeyboard(page: Page, key: 'Space' | 'Enter' = 'Space'): Promise<void> {
  await page.keyboard.press(key);
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve)));
}
