import { readFile } from 'node:fs/promises';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { addNote, cell, joinBoard, note, noteMenu, pickUpWithKeyboard } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

const newPerson = (browser: Browser) => boards.newPerson(browser);

/** Drags with the mouse in small steps, as a hand would, to a point inside `target`. */
async function drag(page: Page, source: Locator, target: Locator, where: 'centre' | 'top' | 'bottom' = 'centre') {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: element not visible');
  const y = where === 'centre' ? to.y + to.height / 2 : where === 'top' ? to.y + 4 : to.y + to.height - 4;
  await page.mouse.move(from.x + from.width / 2, from.y + 12);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, y, { steps: 12 });
  await page.mouse.move(to.x + to.width / 2, y + 1, { steps: 2 });
  await page.mouse.up();
}

async function twoPeople(browser: Browser, title: string) {
  const board = await boards.server.createBoard(title);
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  return { board, anna, jonas };
}

test('[B1] a note dragged with the mouse moves to another cell, and dropped onto a note makes a theme', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Mouse drag');
  await addNote(anna, 'strategy', 'challenge', 'Weak KPIs');
  await addNote(anna, 'strategy', 'challenge', 'No reporting tool');
  await addNote(anna, 'organisation', 'challenge', 'Too much reporting');

  await drag(anna, note(anna, 'Weak KPIs'), cell(anna, 'strategy', 'need').getByRole('button', { name: /Add a note/ }));
  await expect(cell(jonas, 'strategy', 'need')).toContainText('Weak KPIs');
  await expect(cell(jonas, 'strategy', 'challenge')).not.toContainText('Weak KPIs');

  await drag(anna, note(anna, 'Too much reporting'), note(anna, 'No reporting tool'), 'centre');
  const title = anna.getByRole('textbox', { name: 'Theme title' });
  await expect(title).toBeFocused();
  await title.fill('Reporting');
  await title.press('Enter');
  await expect(anna.getByRole('button', { name: 'Reporting', exact: true })).toBeFocused();
  const theme = jonas.getByRole('region', { name: 'Theme: Reporting' });
  await expect(theme).toBeVisible();
  await expect(theme).toContainText('No reporting tool');
  await expect(theme).toContainText('Too much reporting');
  await expect(cell(jonas, 'strategy', 'challenge')).toContainText('Too much reporting');
  await jonas.screenshot({ path: test.info().outputPath('theme-by-drag.png') });
});

test('[B2] a note moves with the keyboard alone, and the move is announced', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Keyboard drag');
  await addNote(anna, 'structure', 'challenge', 'Hard to reach vertical markets');

  const live = anna.locator('[id^="DndLiveRegion"]');
  await note(anna, 'Hard to reach vertical markets')
    .getByRole('button', { name: /Drag note/ })
    .focus();
  await pickUpWithKeyboard(anna, 'Space');
  await expect(live).toContainText('Over Cluster structure / Challenge');
  await anna.keyboard.press('ArrowRight');
  await expect(live).toContainText('Over Cluster structure / Best practice needed');
  await anna.keyboard.press('Space');
  await expect(anna.getByTestId('drop-announcement')).toContainText('Cluster structure / Best practice needed');
  await expect(cell(jonas, 'structure', 'need')).toContainText('Hard to reach vertical markets');
  await expect(cell(jonas, 'structure', 'challenge')).not.toContainText('Hard to reach vertical markets');

  // Into a theme: step down until the screen reader says the theme is under the note, then drop.
  await addNote(anna, 'structure', 'need', 'Cross-industry partnerships');
  await note(anna, 'Cross-industry partnerships')
    .getByRole('checkbox', { name: /Select note/ })
    .check();
  await anna.getByRole('button', { name: 'Group as theme' }).click();
  await anna.getByRole('dialog').getByLabel('Theme title').fill('Markets');
  await anna.getByRole('dialog').getByRole('button', { name: 'Group' }).click();
  await addNote(anna, 'structure', 'challenge', 'Members are too diverse');
  await note(anna, 'Members are too diverse')
    .getByRole('button', { name: /Drag note/ })
    .focus();
  await pickUpWithKeyboard(anna, 'Enter');
  await expect(live).toContainText('Over Cluster structure / Challenge');
  await anna.keyboard.press('ArrowRight');
  // Each step is read only once announced: a loaded machine announces later than the key press.
  await expect(live).toContainText('Best practice needed');
  for (let step = 0; step < 8 && !(await live.innerText()).includes('add it to the theme'); step++) {
    const before = await live.innerText();
    await anna.keyboard.press('ArrowUp');
    await expect
      .poll(() => live.innerText(), { timeout: 2_000 })
      .not.toBe(before)
      .catch(() => undefined); // at the column's top nothing changes, and the loop ends on its count
  }
  await expect(live).toContainText('Over theme “Markets”');
  await anna.keyboard.press('Enter');
  await expect(anna.getByTestId('drop-announcement')).toContainText('theme “Markets”');
  await expect(jonas.getByRole('region', { name: 'Theme: Markets' })).toContainText('Members are too diverse');
});

test('[B3] notes selected with their checkboxes are grouped as a theme from the toolbar', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Group selection');
  await addNote(anna, 'business-model', 'need', 'Light subscription process');
  await addNote(anna, 'business-model', 'need', 'Payment monitoring');
  await note(anna, 'Light subscription process')
    .getByRole('checkbox', { name: /Select note/ })
    .check();
  await note(anna, 'Payment monitoring')
    .getByRole('checkbox', { name: /Select note/ })
    .check();
  await expect(anna.getByText('2 selected')).toBeVisible();
  await anna.getByRole('button', { name: 'Group as theme' }).click();
  const dialog = anna.getByRole('dialog');
  await dialog.getByLabel('Theme title').fill('Membership admin');
  await dialog.getByLabel(/Theme statement/).fill('Make joining and paying effortless.');
  await dialog.getByRole('button', { name: 'Group' }).click();
  const theme = jonas.getByRole('region', { name: 'Theme: Membership admin' });
  await expect(theme).toContainText('Light subscription process');
  await expect(theme).toContainText('Payment monitoring');
  await expect(theme).toContainText('Make joining and paying effortless.');

  // "Move to…" for the same notes, to another dimension.
  await note(anna, 'Payment monitoring')
    .getByRole('checkbox', { name: /Select note/ })
    .check();
  await anna.getByRole('button', { name: 'Move to…' }).click();
  await anna.getByRole('dialog').getByLabel('Dimension').selectOption({ label: '3. Cluster organisation' });
  await anna.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
  await expect(cell(jonas, 'organisation', 'need')).toContainText('Payment monitoring');
});

test('[B4] the outline view reads, edits and moves notes with the keyboard alone', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Outline');
  await addNote(anna, 'communication', 'challenge', 'Members ignore newsletters');
  await anna.getByRole('button', { name: 'Outline' }).click();
  const tree = anna.getByRole('tree', { name: 'Board outline' });
  await expect(tree).toBeVisible();
  await tree.getByRole('treeitem', { name: /Members ignore newsletters/ }).focus();
  await anna.keyboard.press('Enter');
  await anna.keyboard.type(' and e-mails');
  await anna.keyboard.press('Enter');
  await expect(note(jonas, 'Members ignore newsletters and e-mails')).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /Members ignore newsletters and e-mails/ })).toBeFocused();

  await anna.keyboard.press('m');
  await anna.getByRole('dialog').getByLabel('Kind').selectOption({ label: 'Best practice needed' });
  await anna.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
  await expect(cell(jonas, 'communication', 'need')).toContainText('Members ignore newsletters and e-mails');

  await tree.getByRole('treeitem', { name: /^Cluster structure/ }).focus();
  await anna.keyboard.press('ArrowDown');
  await anna.keyboard.press('a');
  await anna.keyboard.type('Written in the outline');
  await anna.keyboard.press('Enter');
  await expect(cell(jonas, 'structure', 'challenge')).toContainText('Written in the outline');
  await anna.screenshot({ path: test.info().outputPath('outline.png') });
});

test('[B5] two people typing in one note both keep their words', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Concurrent typing');
  await addNote(anna, 'strategy', 'need', 'Co-creation');
  await note(anna, 'Co-creation').getByRole('button', { name: 'Co-creation', exact: true }).click();
  await note(jonas, 'Co-creation').getByRole('button', { name: 'Co-creation', exact: true }).click();
  const annaEditor = anna.getByRole('textbox', { name: 'Note text' });
  const jonasEditor = jonas.getByRole('textbox', { name: 'Note text' });
  await annaEditor.press('Home');
  await jonasEditor.press('End');
  await Promise.all([annaEditor.pressSequentially('Member ', { delay: 15 }), jonasEditor.pressSequentially(' workshops', { delay: 15 })]);
  await expect(annaEditor).toHaveValue('Member Co-creation workshops');
  await expect(jonasEditor).toHaveValue('Member Co-creation workshops');
  await expect(anna.locator('li.note', { has: annaEditor })).toContainText('Jonas (Silicon Saxony) is editing');
});

test('[B6] a need is linked to a good practice; the link shows on both notes and can be followed', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Links');
  await addNote(anna, 'business-model', 'need', 'Major event with entry fee');
  await addNote(jonas, 'business-model', 'good-practice', 'B2B events with an entry fee');
  await noteMenu(anna, note(anna, 'Major event with entry fee'), 'Link good practices…');
  await anna
    .getByRole('dialog')
    .getByRole('checkbox', { name: /B2B events with an entry fee/ })
    .check();
  await anna.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  const chip = note(jonas, 'B2B events with an entry fee').getByRole('button', { name: /GAIA: “Major event with entry fee”/ });
  await expect(chip).toBeVisible();
  await expect(note(jonas, 'Major event with entry fee').getByRole('button', { name: /Silicon Saxony: “B2B events/ })).toBeVisible();
  await chip.click();
  await expect(note(jonas, 'Major event with entry fee').getByRole('button', { name: 'Major event with entry fee', exact: true })).toBeFocused();
});

test('[B7] the filter dims notes that do not match, on this screen only', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Filter');
  await addNote(anna, 'strategy', 'challenge', 'KPIs are unreliable');
  await addNote(jonas, 'strategy', 'challenge', 'Strategy made by few');
  await anna.getByRole('combobox', { name: 'Filter by cluster' }).selectOption({ label: 'Silicon Saxony' });
  await expect(note(anna, 'KPIs are unreliable')).toHaveClass(/dimmed/);
  await expect(note(anna, 'Strategy made by few')).not.toHaveClass(/dimmed/);
  await expect(note(jonas, 'KPIs are unreliable')).not.toHaveClass(/dimmed/);
  await anna.getByRole('searchbox', { name: 'Search notes' }).fill('kpi');
  await anna.getByRole('combobox', { name: 'Filter by cluster' }).selectOption({ label: 'All clusters' });
  await expect(note(anna, 'KPIs are unreliable')).not.toHaveClass(/dimmed/);
  await expect(note(anna, 'Strategy made by few')).toHaveClass(/dimmed/);
});

test('[B8] on a touch screen, press and hold a note, then drag it to another cell', async ({ browser }) => {
  const board = await boards.server.createBoard('Touch');
  const tablet = await boards.newPerson(browser, { hasTouch: true, viewport: { width: 1280, height: 900 } });
  const context = tablet.context();
  const watcher = await newPerson(browser);
  await joinBoard(tablet, board.links.participant, 'Tablet', 'DTI Cluster');
  await joinBoard(watcher, board.links.participant, 'Watcher', 'GAIA');
  await addNote(tablet, 'organisation', 'challenge', 'No time for training');

  await cell(tablet, 'organisation', 'good-practice').scrollIntoViewIfNeeded();
  const from = await note(tablet, 'No time for training').boundingBox();
  const to = await cell(tablet, 'organisation', 'good-practice').boundingBox();
  if (!from || !to) throw new Error('not visible');
  const cdp = await context.newCDPSession(tablet);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  const start = { x: from.x + from.width / 2, y: from.y + 14 };
  // The top padding of the empty cell: inside the cell, above its "Add note" button.
  const end = { x: to.x + to.width / 2, y: to.y + 5 };
  await touch('touchStart', start.x, start.y);
  await tablet.waitForTimeout(400);
  for (let i = 1; i <= 15; i++) {
    await touch('touchMove', start.x + ((end.x - start.x) * i) / 15, start.y + ((end.y - start.y) * i) / 15);
    await tablet.waitForTimeout(16);
  }
  await touch('touchEnd', end.x, end.y);
  await expect(cell(watcher, 'organisation', 'good-practice')).toContainText('No time for training');
  await expect(cell(watcher, 'organisation', 'challenge')).not.toContainText('No time for training');
});

/** [PS4] The downloads sit in the Export menu: open it, choose one. */
async function exportItem(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name }).click();
}

test('[R5] the report and the notes download from the board in the browser', async ({ browser }) => {
  const board = await boards.server.createBoard('Downloads', 'excite-d1.4');
  const page = await newPerson(browser);
  await joinBoard(page, board.links.facilitator, 'Clémence', 'SCS Cluster');
  const [report] = await Promise.all([page.waitForEvent('download'), exportItem(page, 'Report (Markdown)')]);
  expect(report.suggestedFilename()).toMatch(/^downloads-\d{4}-\d{2}-\d{2}\.md$/);
  const markdown = await readFile((await report.path()) ?? '', 'utf8');
  expect(markdown).toContain('### 2.5 Communication, visibility \\& reputation');
  expect(markdown).toContain('Numerous formal and informal meetings');
  const [notes] = await Promise.all([page.waitForEvent('download'), exportItem(page, 'Notes (CSV)')]);
  expect(notes.suggestedFilename()).toMatch(/\.csv$/);
  expect(await readFile((await notes.path()) ?? '', 'utf8')).toContain('Cluster strategy,Good practice');
  const [word] = await Promise.all([page.waitForEvent('download'), exportItem(page, 'Report (Word)')]);
  expect(word.suggestedFilename()).toMatch(/\.docx$/);
  expect((await readFile((await word.path()) ?? '')).subarray(0, 2).toString()).toBe('PK');
  const [json] = await Promise.all([page.waitForEvent('download'), exportItem(page, 'Board (JSON)')]);
  expect(JSON.parse(await readFile((await json.path()) ?? '', 'utf8'))).toMatchObject({ format: 'clusterboard.board', version: 1 });
});

test('[B9] a note being edited stays open while a colleague moves it into another cell', async ({ browser }) => {
  const { anna, jonas } = await twoPeople(browser, 'Edit while moved');
  await addNote(anna, 'strategy', 'challenge', 'KPIs');
  await note(anna, 'KPIs').getByRole('button', { name: 'KPIs', exact: true }).click();
  const editor = anna.getByRole('textbox', { name: 'Note text' });
  await editor.press('End');
  await editor.pressSequentially(' are weak');
  await expect(note(jonas, 'KPIs are weak')).toBeVisible();

  await note(jonas, 'KPIs are weak')
    .getByRole('checkbox', { name: /Select note/ })
    .check();
  await jonas.getByRole('button', { name: 'Move to…' }).click();
  await jonas.getByRole('dialog').getByLabel('Kind').selectOption({ label: 'Best practice needed' });
  await jonas.getByRole('dialog').getByRole('button', { name: 'Move' }).click();
  await expect(cell(anna, 'strategy', 'need').getByRole('textbox', { name: 'Note text' })).toBeVisible();

  await anna.getByRole('textbox', { name: 'Note text' }).press('End');
  await anna.getByRole('textbox', { name: 'Note text' }).pressSequentially(' and unreliable');
  await expect(note(jonas, 'KPIs are weak and unreliable')).toBeVisible();
  await expect(cell(jonas, 'strategy', 'need')).toContainText('KPIs are weak and unreliable');
});

test('[I1] a facilitator imports a CSV from the board and sees which lines were refused', async ({ browser }) => {
  const board = await boards.server.createBoard('CSV import');
  const facilitator = await newPerson(browser);
  const participant = await newPerson(browser);
  await joinBoard(facilitator, board.links.facilitator, 'Clémence', 'SCS Cluster');
  await joinBoard(participant, board.links.participant, 'Ana', 'GAIA');
  await expect(participant.getByRole('button', { name: 'Import CSV…' })).toHaveCount(0);
  await facilitator.getByLabel('CSV file to import').setInputFiles({
    name: 'notes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Dimension,Kind,Text,Cluster\nCluster strategy,Challenge,Imported challenge,GAIA\nNowhere,Challenge,Bad line,\n'),
  });
  const dialog = facilitator.getByRole('dialog', { name: 'CSV import' });
  await expect(dialog).toContainText('1 note was added to the board.');
  await expect(dialog).toContainText('Line 3: Unknown dimension "Nowhere".');
  await expect(note(participant, 'Imported challenge')).toContainText('CSV import by Clémence · GAIA');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // [AT1, AT3] The engagement panel counts the people who joined, and an imported note for nobody:
  // GAIA has Ana and no notes (before issue 13 the file's author counted as a second person).
  await exportItem(participant, 'Engagement');
  const row = participant.getByRole('complementary', { name: 'Engagement' }).getByRole('row', { name: /GAIA/ });
  await expect(row.getByRole('cell')).toHaveText(['1', '0', '0', '0', '0', '0', '0']);
});

test('[T2] a board started "From a previous board" carries its good practices and open needs, marked with their source', async ({ browser }) => {
  const previous = await boards.server.createBoard('Dresden workshop');
  const anna = await newPerson(browser);
  await joinBoard(anna, previous.links.participant, 'Anna', 'GAIA');
  await addNote(anna, 'strategy', 'good-practice', 'Quarterly member round tables');
  await addNote(anna, 'strategy', 'challenge', 'Members skip the survey');

  const coordinator = await newPerson(browser);
  await coordinator.goto(boards.server.url);
  await coordinator.getByLabel('Title').fill('Vilnius workshop');
  await coordinator.getByLabel('Start from').selectOption({ label: 'From a previous board (its good practices and open needs)' });
  await coordinator.getByLabel(/Link to the previous board/).fill(previous.links.participant);
  await coordinator.getByRole('button', { name: 'Create board' }).click();
  const link = coordinator.getByRole('link', { name: 'Open the board as facilitator' });
  await expect(coordinator.getByRole('heading', { name: 'Board “Vilnius workshop” is ready' })).toBeVisible();
  await joinBoard(coordinator, (await link.getAttribute('href')) ?? '', 'Frida', 'DTI Cluster');
  await expect(note(coordinator, 'Quarterly member round tables')).toContainText('Anna · GAIA · from “Dresden workshop”');
  await expect(note(coordinator, 'Members skip the survey')).toHaveCount(0);
  // [AT3] Anna took part in the previous workshop, not this one: only Frida, who joined, counts.
  await exportItem(coordinator, 'Engagement');
  const engagementDialog = coordinator.getByRole('complementary', { name: 'Engagement' });
  await expect(engagementDialog.getByRole('row', { name: /GAIA/ })).toHaveCount(0);
  await expect(engagementDialog.getByRole('row', { name: /DTI Cluster/ }).getByRole('cell')).toHaveText(['1', '0', '0', '0', '0', '0', '0']);
});
