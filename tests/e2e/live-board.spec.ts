import { type Browser, expect, test } from '@playwright/test';
import { addNote, cell, expectLive, joinBoard, note, noteMenu } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

const newPerson = (browser: Browser) => boards.newPerson(browser);

test('[L1] a note added, edited and deleted in one browser appears in the other at once', async ({ browser }) => {
  const board = await boards.server.createBoard('Live sync');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  await expect(anna.getByRole('list', { name: 'People on this board' })).toContainText('Jonas');
  await expect(jonas.getByRole('list', { name: 'People on this board' })).toContainText('Anna');

  await addNote(anna, 'strategy', 'challenge', 'Members do not join strategy meetings');
  const seen = note(jonas, 'Members do not join strategy meetings');
  await expect(seen).toBeVisible();
  await expect(seen).toContainText('Anna · GAIA');
  await expect(cell(jonas, 'strategy', 'challenge')).toContainText('Members do not join strategy meetings');

  await seen.getByRole('button', { name: 'Members do not join strategy meetings', exact: true }).click();
  const editor = jonas.getByRole('textbox', { name: 'Note text' });
  await editor.press('End');
  await editor.pressSequentially(' twice a year');
  await expect(note(anna, 'Members do not join strategy meetings twice a year')).toBeVisible();
  await expect(note(anna, 'Members do not join strategy meetings twice a year')).toContainText('Jonas (Silicon Saxony) is editing');
  await editor.press('Enter');
  await expect(note(anna, 'Members do not join strategy meetings twice a year')).not.toContainText('is editing');

  await jonas.screenshot({ path: test.info().outputPath('two-people.png'), fullPage: false });

  await noteMenu(anna, note(anna, 'Members do not join strategy meetings twice a year'), 'Delete…');
  await note(anna, 'Members do not join strategy meetings twice a year').getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(note(jonas, 'Members do not join strategy meetings twice a year')).toHaveCount(0);
  await expect(note(anna, 'Members do not join strategy meetings twice a year')).toHaveCount(0);
});

test('[L2] a reload keeps the notes and the person', async ({ browser }) => {
  const board = await boards.server.createBoard('Reload');
  const page = await newPerson(browser);
  await joinBoard(page, board.links.participant, 'Ona', 'Business Hive Vilnius');
  await addNote(page, 'communication', 'need', 'Newsletter per focus sector');
  await page.reload();
  await expectLive(page);
  await expect(note(page, 'Newsletter per focus sector')).toContainText('Ona · Business Hive Vilnius');
});

test('[L3] a viewer sees notes arrive but has no way to change them', async ({ browser }) => {
  const board = await boards.server.createBoard('Viewer');
  const writer = await newPerson(browser);
  const viewer = await newPerson(browser);
  await joinBoard(writer, board.links.facilitator, 'Clémence', 'SCS Cluster');
  await joinBoard(viewer, board.links.viewer, 'Projector', 'Room B');
  // The viewer link opens the presenter view on a big screen (FO6); this viewer reads the board.
  await viewer.getByRole('button', { name: 'Leave presenter view' }).click();
  await expect(viewer.getByRole('list', { name: 'People on this board' })).toContainText('Other: Room B');
  await expect(viewer.getByText('Viewer (read-only)')).toBeVisible();
  await expect(viewer.getByRole('button', { name: /Add a note/ })).toHaveCount(0);
  await addNote(writer, 'business-model', 'good-practice', 'B2B events with an entry fee');
  await expect(note(viewer, 'B2B events with an entry fee')).toBeVisible();
  await expect(note(viewer, 'B2B events with an entry fee').getByRole('button')).toHaveCount(0);
});

test('[P1] a link with a wrong token shows that the link is not valid', async ({ browser }) => {
  const board = await boards.server.createBoard('Wrong token');
  const page = await newPerson(browser);
  await page.goto(board.links.participant.replace(/#token=.*/, '#token=not-the-token'));
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
  await page.goto(`${boards.server.url}/b/doesnotexist1234#token=x`);
  await expect(page.getByRole('heading', { name: 'Board not found' })).toBeVisible();
});

test('[L4] a note written offline reaches the other browser when the connection returns', async ({ browser }) => {
  const board = await boards.server.createBoard('Offline');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  await anna.context().setOffline(true);
  await expect(anna.getByTestId('connection')).toHaveText(/Offline/, { timeout: 15_000 });
  await addNote(anna, 'organisation', 'need', 'Written on the train');
  await expect(note(jonas, 'Written on the train')).toHaveCount(0);
  await anna.context().setOffline(false);
  await expectLive(anna);
  await expect(note(jonas, 'Written on the train')).toBeVisible();
});

test('[L5] a note can be added, edited and deleted with the keyboard alone, focus never lost', async ({ browser }) => {
  const board = await boards.server.createBoard('Keyboard');
  const page = await newPerson(browser);
  await joinBoard(page, board.links.participant, 'Kasia', 'Mazovia Cluster ICT');
  const target = cell(page, 'organisation', 'need');
  const add = target.getByRole('button', { name: /Add a note/ });

  await add.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Leadership training for staff');
  await page.keyboard.press('Enter');
  await expect(note(page, 'Leadership training for staff')).toBeVisible();
  await expect(add).toBeFocused();

  const text = note(page, 'Leadership training for staff').getByRole('button', { name: 'Leadership training for staff', exact: true });
  await text.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Note text' })).toBeFocused();
  await page.keyboard.type(', twice a year');
  await page.keyboard.press('Enter');
  const edited = note(page, 'Leadership training for staff, twice a year');
  await expect(edited.getByRole('button', { name: 'Leadership training for staff, twice a year', exact: true })).toBeFocused();

  // [NA4] The Delete key on the focused note asks first (its actions are no tab stops of their own).
  await page.keyboard.press('Delete');
  await expect(edited.getByRole('button', { name: 'Delete for everyone' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(note(page, 'Leadership training for staff, twice a year')).toHaveCount(0);
});

test('[L6] changing name or cluster keeps the board open and shows the new name to others', async ({ browser }) => {
  const board = await boards.server.createBoard('Rename');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'DTI Cluster');
  await anna.getByRole('button', { name: 'Change name or cluster' }).click();
  const dialog = anna.getByRole('dialog', { name: 'Change your name or cluster' });
  await dialog.getByLabel('Your name', { exact: true }).fill('Ana');
  await dialog.getByLabel('Your cluster').selectOption({ label: 'SCS Cluster' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(jonas.getByRole('list', { name: 'People on this board' })).toContainText('Ana');
  await expect(jonas.getByRole('list', { name: 'People on this board' })).toContainText('SCS Cluster');
  await expect(anna.getByTestId('connection')).toHaveText('Live');
  await addNote(anna, 'strategy', 'good-practice', 'Co-creation workshops');
  await expect(note(jonas, 'Co-creation workshops')).toContainText('Ana · SCS Cluster');
});

test('[AT2] a rename shows at once on the notes the person wrote before it, on every screen', async ({ browser }) => {
  const board = await boards.server.createBoard('Rename earlier notes');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'DTI Cluster');
  await addNote(anna, 'strategy', 'good-practice', 'Written before the rename');
  await expect(note(jonas, 'Written before the rename')).toContainText('Anna · GAIA');
  await anna.getByRole('button', { name: 'Change name or cluster' }).click();
  const dialog = anna.getByRole('dialog', { name: 'Change your name or cluster' });
  await dialog.getByLabel('Your name', { exact: true }).fill('Ana');
  await dialog.getByLabel('Your cluster').selectOption({ label: 'SCS Cluster' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(note(jonas, 'Written before the rename')).toContainText('Ana · SCS Cluster');
  await expect(note(anna, 'Written before the rename')).toContainText('Ana · SCS Cluster');
});
