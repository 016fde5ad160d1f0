/**
 * Note actions where the note is, and a keyboard path through a full board (docs/UX.md, NA1-NA5),
 * at 1440x900 and 390x844 with 30 people present.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { addNotes } from '../../shared/model/mutations/notes';
import { localOrigin } from '../../shared/model/origin';
import type { DimensionId, KindId } from '../../shared/model/vocabulary';
import type { CreatedBoard } from '../../shared/protocol';
import { cell, joinBoard, note } from './board-page';
import { type Crowd, fillRoom } from './crowd';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

// Thirty people join and write before each test: slower than a small board on a busy machine.
test.describe.configure({ timeout: 120_000 });

let crowd: Crowd | null = null;
test.afterEach(async () => {
  await crowd?.leave();
  crowd = null;
});

const DIMENSIONS: DimensionId[] = ['structure', 'strategy', 'organisation', 'business-model', 'communication'];
const KINDS: KindId[] = ['challenge', 'need', 'good-practice'];

/** A board with 30 people present and 30 notes, two in each cell, written by the crowd. */
async function fullRoom(browser: Browser, title: string, viewport: { width: number; height: number }): Promise<{ board: CreatedBoard; page: Page }> {
  const board = await boards.server.createBoard(title);
  crowd = await fillRoom(boards.server.url, board, 30);
  const writer = crowd.members[0];
  if (!writer) throw new Error('no crowd');
  const notes = DIMENSIONS.flatMap((dimension, d) =>
    KINDS.flatMap((kind, k) =>
      [1, 2].map((n) => ({
        text: `Note ${d + 1}.${k + 1}.${n}`,
        dimension,
        kind,
        author: { id: writer.seat.personId, name: writer.name, cluster: writer.cluster },
      })),
    ),
  );
  addNotes(writer.doc, notes, localOrigin(writer.seat.personId));
  const page = await boards.newPerson(browser, { viewport });
  await joinBoard(page, board.links.participant, 'Ana', 'GAIA');
  // A participant on a phone lands on the Write view (PH2); the notes' menus are on the board.
  if (viewport.width <= 640) await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  await expect(page.locator('li.note')).toHaveCount(30);
  return { board, page };
}

const focusedNoteText = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('li.note')?.querySelector('.note-text')?.textContent ?? null);

async function openMenu(page: Page, text: string) {
  await note(page, text)
    .getByRole('button', { name: /^Actions for note/ })
    .click();
  const menu = page.getByRole('menu', { name: new RegExp(`Actions for note “${text}”`) });
  await expect(menu).toBeVisible();
  return menu;
}

/**
 * The laptop uses the pointer, the phone taps (the header is one short line now, so a tap reaches
 * a note); the 44 px sizes are measured on the phone.
 */
for (const [size, viewport] of [
  ['laptop', LAPTOP],
  ['phone', PHONE],
] as const) {
  const onPhone = size === 'phone';

  test(`[NA1] [NA2] on a ${size}, a note moved from its menu lands in its new cell, the page stays where it was and the note keeps the focus`, async ({
    browser,
  }) => {
    const { page } = await fullRoom(browser, `Move from the menu (${size})`, viewport);
    const moving = note(page, 'Note 2.1.2');
    await moving.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const menu = await openMenu(page, 'Note 2.1.2');
    // The page as it is when the person chooses the action (opening the menu may scroll the note into view).
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(100);
    const items = menu.getByRole('menuitem');
    // "Me too" (SU3): the note is someone else's.
    await expect(items).toHaveText(['Edit', 'Move to…', 'Group with…', 'Colour…', 'Me too', 'Select', 'Drag with the keyboard', 'Delete…']);
    const heights = await items.evaluateAll((all) => all.map((item) => item.getBoundingClientRect().height));
    for (const height of heights) expect(height).toBeGreaterThanOrEqual(onPhone ? 44 : 30);
    const button = await moving.getByRole('button', { name: /^Actions for note/ }).boundingBox();
    if (onPhone) expect(Math.min(button?.width ?? 0, button?.height ?? 0)).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: test.info().outputPath(`menu-open-${size}.png`) });
    await expect(items.first()).toBeFocused();

    await menu.getByRole('menuitem', { name: 'Move to…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').selectOption({ label: 'Good practice' });
    await dialog.getByRole('button', { name: 'Move' }).click();

    await expect(cell(page, 'strategy', 'good-practice')).toContainText('Note 2.1.2');
    await expect(cell(page, 'strategy', 'challenge')).not.toContainText('Note 2.1.2');
    await expect.poll(() => focusedNoteText(page)).toBe('Note 2.1.2');
    await expect(page.getByTestId('note-announcement')).toHaveText(
      'Moved. Note “Note 2.1.2” is in Cluster strategy / Good practice, position 3 of 3.',
    );
    const after = await page.evaluate(() => window.scrollY);
    expect(Math.abs(after - before)).toBeLessThanOrEqual(4);
  });

  test(`[NA1] [NA2] on a ${size}, a note grouped from its menu (opened with the "." key) forms a theme with the selected note, and the page stays`, async ({
    browser,
  }) => {
    const { page } = await fullRoom(browser, `Group from the menu (${size})`, viewport);
    // A card far from the viewport is light (no tools): the person scrolls to it first.
    await note(page, 'Note 3.2.1').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    // On a phone the note menu's Select replaces the small checkbox (PH6); on a laptop, the checkbox.
    if (onPhone) await (await openMenu(page, 'Note 3.2.1')).getByRole('menuitem', { name: 'Select' }).click();
    else
      await note(page, 'Note 3.2.1')
        .getByRole('checkbox', { name: /Select note/ })
        .check();
    await expect(note(page, 'Note 3.2.1')).toHaveClass(/selected/);
    const target = note(page, 'Note 3.2.2').locator('.note-text');
    await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await target.focus();
    const row = page.getByRole('heading', { name: /Cluster organisation/ });
    const before = { scrollY: await page.evaluate(() => window.scrollY), top: (await row.boundingBox())?.y ?? NaN };
    const selectionBar = (await page.getByRole('group', { name: 'Selected notes' }).boundingBox())?.height ?? 0;
    await page.keyboard.press('.');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Group with…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('The 1 selected note goes with it');
    await dialog.getByLabel('Theme title').fill('Organisation needs');
    await page.keyboard.press('Enter');

    const theme = page.getByRole('region', { name: 'Theme: Organisation needs' });
    await expect(theme).toContainText('Note 3.2.2');
    await expect(theme).toContainText('Note 3.2.1');
    await expect.poll(() => focusedNoteText(page)).toBe('Note 3.2.2');
    await expect(page.getByTestId('note-announcement')).toContainText(
      'Grouped. Note “Note 3.2.2” is in Cluster organisation / Best practice needed, theme “Organisation needs”',
    );
    // The dimension stays where it was on the screen. (scrollY itself goes down by the height of the
    // toolbar's "1 selected" bar, which closes as the selection is used: the browser's scroll
    // anchoring keeps the board still, and the page never goes back to the top.)
    expect(Math.abs(((await row.boundingBox())?.y ?? NaN) - before.top)).toBeLessThanOrEqual(4);
    // Never back toward the top: at most the closed bar (and its wrapped rows on a phone) less.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(before.scrollY - Math.max(selectionBar * 2, 60));
    await page.screenshot({ path: test.info().outputPath(`grouped-${size}.png`) });
  });
}

test('[NA1] Escape closes the note menu and gives the focus back to the note; the ContextMenu key and Shift+F10 open it', async ({ browser }) => {
  const { page } = await fullRoom(browser, 'Menu keys', LAPTOP);
  const text = note(page, 'Note 1.1.1').locator('.note-text');
  await text.focus();
  for (const key of ['ContextMenu', 'Shift+F10', '.']) {
    await page.keyboard.press(key);
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByRole('menuitem', { name: 'Delete…' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(text).toBeFocused();
  }
});

test("[NA3] a moved note takes its new kind's colour; a colour picked by hand stays", async ({ browser }) => {
  const { page } = await fullRoom(browser, 'Colour follows kind', LAPTOP);
  await expect(note(page, 'Note 1.1.1')).toHaveClass(/colour-rose/);
  const move = async (text: string, kind: string) => {
    await (await openMenu(page, text)).getByRole('menuitem', { name: 'Move to…' }).click();
    await page.getByRole('dialog').getByLabel('Kind').selectOption({ label: kind });
    await page.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
  };
  await move('Note 1.1.1', 'Good practice');
  await expect(cell(page, 'structure', 'good-practice').locator('li.note', { hasText: 'Note 1.1.1' })).toHaveClass(/colour-green/);

  await (await openMenu(page, 'Note 1.1.2')).getByRole('menuitem', { name: 'Colour…' }).click();
  await expect(note(page, 'Note 1.1.2').getByRole('button', { name: /Colour of its kind/ })).toBeFocused();
  await note(page, 'Note 1.1.2').getByRole('button', { name: 'sky', exact: true }).click();
  await expect(note(page, 'Note 1.1.2').locator('.note-text')).toBeFocused();
  await expect(note(page, 'Note 1.1.2')).toHaveClass(/colour-sky/);
  await move('Note 1.1.2', 'Best practice needed');
  await expect(cell(page, 'structure', 'need').locator('li.note', { hasText: 'Note 1.1.2' })).toHaveClass(/colour-sky/);

  // Back to its kind's colour: it follows the kind again.
  await (await openMenu(page, 'Note 1.1.2')).getByRole('menuitem', { name: 'Colour…' }).click();
  await note(page, 'Note 1.1.2')
    .getByRole('button', { name: /Colour of its kind/ })
    .click();
  await expect(note(page, 'Note 1.1.2')).toHaveClass(/colour-amber/);
});

test('[NA4] one tab stop per cell of notes: a note in dimension 3 is a handful of Tab presses from the top of a 30-note board', async ({
  browser,
}) => {
  const { page } = await fullRoom(browser, 'Tab stops', LAPTOP);
  for (const dimension of DIMENSIONS) {
    for (const kind of KINDS) {
      const stops = cell(page, dimension, kind).locator('li.note .note-text[tabindex="0"]');
      await expect(stops).toHaveCount(1);
    }
  }
  // No control inside a note is a tab stop of its own.
  expect(
    await page
      .locator('li.note button:not(.note-text), li.note input')
      .evaluateAll((all) => all.filter((el) => (el as HTMLElement).tabIndex >= 0).length),
  ).toBe(0);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.locator('body').focus();
  let presses = 0;
  let firstNote = 0;
  const path: string[] = [];
  for (; presses < 200;) {
    await page.keyboard.press('Tab');
    presses++;
    path.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return `${el?.tagName ?? '?'}:${(el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 40)}`;
      }),
    );
    const where = await page.evaluate(() => document.activeElement?.closest('[data-cell]')?.getAttribute('data-cell') ?? null);
    if (where && !firstNote) firstNote = presses;
    if (where?.startsWith('organisation/') && (await page.evaluate(() => document.activeElement?.classList.contains('note-text')))) break;
  }
  test.info().annotations.push({ type: 'tab presses', description: `first note after ${firstNote}, a note of dimension 3 after ${presses}` });
  test.info().annotations.push({ type: 'tab path', description: path.map((stop, i) => `${i + 1} ${stop}`).join('\n') });
  // Six cells to pass (a note and "Add note" each), the collapse button of dimensions 2 and 3
  // (one per dimension heading, OV rules), then the first note of dimension 3.
  expect(presses - firstNote).toBeLessThanOrEqual(6 * 2 + 2);
  expect(presses).toBeLessThan(60);
  expect(await focusedNoteText(page)).toBe('Note 3.1.1');

  // Arrows rove: down the column, across to the next cell, Home and End in the cell.
  await page.keyboard.press('ArrowDown');
  expect(await focusedNoteText(page)).toBe('Note 3.1.2');
  await page.keyboard.press('ArrowDown');
  expect(await focusedNoteText(page)).toBe('Note 4.1.1');
  await page.keyboard.press('ArrowRight');
  expect(await focusedNoteText(page)).toBe('Note 4.2.1');
  await page.keyboard.press('End');
  expect(await focusedNoteText(page)).toBe('Note 4.2.2');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  expect(await focusedNoteText(page)).toBe('Note 3.2.2');
  // The note focused last is its cell's tab stop now.
  await expect(cell(page, 'organisation', 'need').locator('.note-text[tabindex="0"]')).toHaveText('Note 3.2.2');
});

test('[NA4] [NA5] on a note: Enter edits and Escape returns, Space selects, Delete asks and the next note takes the focus, undo brings the note back', async ({
  browser,
}) => {
  const { page } = await fullRoom(browser, 'Note keys', LAPTOP);
  const text = note(page, 'Note 2.2.1').locator('.note-text');
  await text.focus();
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: 'Note text' });
  await expect(editor).toBeFocused();
  await page.keyboard.type(' edited');
  await page.keyboard.press('Escape');
  await expect(note(page, 'Note 2.2.1 edited').locator('.note-text')).toBeFocused();

  await page.keyboard.press('Space');
  await expect(note(page, 'Note 2.2.1 edited')).toHaveClass(/selected/);
  await expect(page.getByText('1 selected')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(note(page, 'Note 2.2.1 edited')).not.toHaveClass(/selected/);

  await page.keyboard.press('Delete');
  await expect(page.getByRole('button', { name: 'Delete for everyone' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(note(page, 'Note 2.2.1 edited')).toHaveCount(0);
  await expect(note(page, 'Note 2.2.2').locator('.note-text')).toBeFocused();

  await page.keyboard.press('Control+z');
  await expect(note(page, 'Note 2.2.1 edited')).toBeVisible();
  await expect(note(page, 'Note 2.2.2').locator('.note-text')).toBeFocused();

  // D reaches the drag handle for a keyboard drag (B2).
  await page.keyboard.press('d');
  await expect(note(page, 'Note 2.2.2').getByRole('button', { name: /Drag note/ })).toBeFocused();
});

test('[NA5] in the outline, the focus stays on the note after grouping it', async ({ browser }) => {
  const { page } = await fullRoom(browser, 'Outline focus', LAPTOP);
  await page.getByRole('button', { name: 'Outline' }).click();
  const tree = page.getByRole('tree', { name: 'Board outline' });
  await tree.getByRole('treeitem', { name: /^Note 2\.3\.1/ }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.keyboard.press('g');
  await page.getByRole('dialog').getByLabel('Theme title').fill('Practices');
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('treeitem', { name: /Theme: Practices/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^Note 2\.3\.2/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(tree.getByRole('treeitem', { name: /^Note 2\.3\.1/ })).toBeFocused();
});
