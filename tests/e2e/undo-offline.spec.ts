import { type Browser, expect, type Page, test } from '@playwright/test';
import { addNote, cell, expectLive, joinBoard, note, noteMenu } from './board-page';
import { useBoardServer } from './fixtures';
import { ServerProcess } from './server-process';

const boards = useBoardServer();

const newPerson = (browser: Browser) => boards.newPerson(browser);

/** Opens the note's editor, moves to the end of its text and types `more` (the editor stays open). */
async function typeInto(page: Page, text: string, more: string) {
  await note(page, text).getByRole('button', { name: text, exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Note text' });
  await editor.press('End');
  await editor.pressSequentially(more);
  return editor;
}

/** The service worker has installed (app shell cached) and controls the page. */
async function offlineReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

const OFFLINE = 'Offline – changes are saved on this device';

test('[U1] [U4] undo reverts only my own changes, not a colleague’s, and redo reapplies them; buttons and shortcuts', async ({ browser }) => {
  const board = await boards.server.createBoard('Undo');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  const viewer = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await joinBoard(viewer, board.links.viewer, 'Projector', 'Room B');

  const undo = anna.getByRole('button', { name: 'Undo', exact: true });
  const redo = anna.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  await expect(undo).toHaveAttribute('aria-keyshortcuts', /Control\+Z/);
  await expect(viewer.getByRole('button', { name: 'Undo' })).toHaveCount(0);

  await addNote(anna, 'strategy', 'need', 'Shared calendar');
  await addNote(jonas, 'strategy', 'need', 'Mentoring');
  await expect(undo).toBeEnabled();

  // Both type at once; Anna's words are one step.
  const annaEditor = await typeInto(anna, 'Shared calendar', ' for members');
  const jonasEditor = await typeInto(jonas, 'Mentoring', ' programme');
  await annaEditor.press('Enter');
  await jonasEditor.press('Enter');
  await expect(note(anna, 'Mentoring programme')).toBeVisible();
  await expect(note(jonas, 'Shared calendar for members')).toBeVisible();

  // Shortcut, focus on the board (the note just edited): Anna's last word goes, Jonas's stay.
  await anna.keyboard.press('ControlOrMeta+z');
  await expect(note(jonas, 'Shared calendar for')).toBeVisible();
  await expect(note(anna, 'Shared calendar for')).toBeVisible();
  await expect(note(jonas, 'Mentoring programme')).toBeVisible();
  await expect(note(anna, 'Mentoring programme')).toBeVisible();

  // Button: the word before, then the note Anna added; Jonas's note stays.
  await undo.click();
  await expect(note(jonas, 'Shared calendar')).toBeVisible();
  await undo.click();
  await expect(note(jonas, 'Shared calendar')).toHaveCount(0);
  await expect(note(viewer, 'Shared calendar')).toHaveCount(0);
  await expect(note(jonas, 'Mentoring programme')).toBeVisible();
  await expect(note(anna, 'Mentoring programme')).toBeVisible();
  await expect(undo).toBeDisabled();
  await expect(undo).toBeFocused();
  // Jonas's history is his own.
  await expect(jonas.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();

  // Redo: shortcut, button, Ctrl+Y.
  await anna.keyboard.press('ControlOrMeta+Shift+z');
  await expect(note(jonas, 'Shared calendar')).toBeVisible();
  await redo.click();
  await expect(note(jonas, 'Shared calendar for')).toBeVisible();
  await anna.keyboard.press('Control+y');
  await expect(note(jonas, 'Shared calendar for members')).toBeVisible();
  await expect(redo).toBeDisabled();
  await expect(note(anna, 'Mentoring programme')).toBeVisible();

  // In the note editor, Ctrl+Z is the board's undo: the shared text goes back, the editor stays.
  const editor = await typeInto(anna, 'Shared calendar for members', ' online');
  await expect(note(jonas, 'Shared calendar for members online')).toBeVisible();
  await editor.press('ControlOrMeta+z');
  await expect(editor).toHaveValue('Shared calendar for members');
  await expect(editor).toBeFocused();
  await expect(note(jonas, 'Shared calendar for members')).toBeVisible();
  await editor.press('Escape');

  // In other text fields, the browser's own undo applies and the board is left alone.
  const target = cell(anna, 'strategy', 'challenge');
  await target.getByRole('button', { name: /Add a note/ }).click();
  const composer = target.getByRole('textbox');
  await composer.fill('Draft');
  await composer.press('ControlOrMeta+z');
  await expect(note(jonas, 'Shared calendar for members')).toBeVisible();
  await expect(note(anna, 'Shared calendar for members')).toBeVisible();

  await anna.screenshot({ path: test.info().outputPath('undo-header-wide.png') });
  await anna.setViewportSize({ width: 420, height: 900 });
  await anna.screenshot({ path: test.info().outputPath('undo-header-narrow.png') });
});

test('[U3] undoing an edit of a note a colleague has deleted changes nothing and says why', async ({ browser }) => {
  const board = await boards.server.createBoard('Undo after delete');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await addNote(jonas, 'organisation', 'challenge', 'Staff turnover');
  await addNote(jonas, 'organisation', 'need', 'Onboarding guide');
  const editor = await typeInto(anna, 'Staff turnover', ' is high');
  await editor.press('Enter');
  await expect(note(jonas, 'Staff turnover is high')).toBeVisible();

  await noteMenu(jonas, note(jonas, 'Staff turnover is high'), 'Delete…');
  await note(jonas, 'Staff turnover is high').getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(note(anna, 'Staff turnover is high')).toHaveCount(0);

  const undo = anna.getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toBeEnabled();
  await undo.click();
  await expect(anna.getByRole('alert')).toContainText('Nothing to undo');
  await expect(undo).toBeDisabled();
  for (const page of [anna, jonas]) {
    await expect(note(page, 'Onboarding guide')).toBeVisible();
    await expect(note(page, 'Staff turnover')).toHaveCount(0);
    await expect(page.locator('li.note')).toHaveCount(1);
  }
});

test('[F1] others see which note a person has focused, and it clears when focus leaves', async ({ browser }) => {
  const board = await boards.server.createBoard('Focus');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await addNote(anna, 'business-model', 'need', 'Paid services');
  await expect(note(anna, 'Paid services')).not.toContainText('Jonas');

  await note(jonas, 'Paid services').getByRole('button', { name: 'Paid services', exact: true }).focus();
  await expect(note(anna, 'Paid services')).toContainText('Jonas');
  await jonas.getByRole('button', { name: 'Change name or cluster' }).focus();
  await expect(note(anna, 'Paid services')).not.toContainText('Jonas');
});

test('[O1] edits made offline and a colleague’s edits made meanwhile end as their union on both screens', async ({ browser }) => {
  const board = await boards.server.createBoard('Offline union');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await addNote(jonas, 'structure', 'challenge', 'Volunteers leave');
  await expect(note(anna, 'Volunteers leave')).toBeVisible();

  await anna.context().setOffline(true);
  await expect(anna.getByTestId('connection')).toHaveText(OFFLINE);
  await addNote(anna, 'structure', 'need', 'Written on the train');
  const editor = await typeInto(anna, 'Volunteers leave', ' after a year');
  await editor.press('Enter');
  await addNote(jonas, 'structure', 'good-practice', 'Buddy system');
  await expect(note(jonas, 'Written on the train')).toHaveCount(0);
  await expect(note(anna, 'Buddy system')).toHaveCount(0);
  await anna.screenshot({ path: test.info().outputPath('offline-status.png') });
  await anna.setViewportSize({ width: 420, height: 900 });
  await anna.screenshot({ path: test.info().outputPath('offline-status-narrow.png') });

  await anna.context().setOffline(false);
  await expectLive(anna);
  for (const page of [anna, jonas]) {
    await expect(note(page, 'Written on the train')).toBeVisible();
    await expect(note(page, 'Buddy system')).toBeVisible();
    await expect(note(page, 'Volunteers leave after a year')).toBeVisible();
    await expect(page.locator('li.note')).toHaveCount(3);
  }
});

test('[O2] a participant who reloads offline still sees the board with what they wrote offline, and it syncs later', async ({ browser }) => {
  const board = await boards.server.createBoard('Offline reload');
  const anna = await newPerson(browser);
  const jonas = await newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await offlineReady(anna);
  await addNote(jonas, 'communication', 'need', 'Newsletter per sector');
  await expect(note(anna, 'Newsletter per sector')).toBeVisible();

  await anna.context().setOffline(true);
  await expect(anna.getByTestId('connection')).toHaveText(OFFLINE);
  await addNote(anna, 'communication', 'challenge', 'Nobody reads long mails');
  await anna.reload();
  await expect(anna.getByRole('heading', { name: 'Offline reload' })).toBeVisible();
  await expect(anna.getByTestId('connection')).toHaveText(OFFLINE);
  await expect(note(anna, 'Newsletter per sector')).toBeVisible();
  await expect(note(anna, 'Nobody reads long mails')).toContainText('Anna · GAIA');
  // Still a working board: another note, written after the offline reload.
  await addNote(anna, 'communication', 'good-practice', 'One-page digest');
  await addNote(jonas, 'communication', 'need', 'Shorter mails');
  await expect(note(jonas, 'Nobody reads long mails')).toHaveCount(0);

  await anna.context().setOffline(false);
  await expectLive(anna);
  for (const page of [anna, jonas]) {
    await expect(note(page, 'Nobody reads long mails')).toBeVisible();
    await expect(note(page, 'One-page digest')).toBeVisible();
    await expect(note(page, 'Shorter mails')).toBeVisible();
    await expect(note(page, 'Newsletter per sector')).toBeVisible();
  }
});

test('[O3] while the server is down the board says when it last synced, keeps working and reloads; it syncs once the server is back', async ({
  browser,
}) => {
  let own = await ServerProcess.start();
  try {
    const board = await own.createBoard('Server down');
    const anna = await newPerson(browser);
    await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
    await offlineReady(anna);
    await addNote(anna, 'strategy', 'challenge', 'Before the outage');

    await own.stop();
    const status = anna.getByTestId('connection');
    await expect(status).toHaveText(/^Reconnecting… last synced \d\d:\d\d$/, { timeout: 15_000 });
    await addNote(anna, 'strategy', 'need', 'During the outage');
    await anna.reload();
    await expect(note(anna, 'Before the outage')).toBeVisible();
    await expect(note(anna, 'During the outage')).toBeVisible();
    await expect(status).toHaveText(/^Reconnecting… last synced \d\d:\d\d$/, { timeout: 15_000 });
    await anna.screenshot({ path: test.info().outputPath('reconnecting-status.png') });

    own = await ServerProcess.start(own.dataDir, own.port);
    await expectLive(anna);
    const checker = await newPerson(browser);
    await joinBoard(checker, board.links.viewer, 'Checker', 'SCS Cluster');
    // A viewer link on a wide screen opens the presenter view; the check reads the board itself.
    await checker.getByRole('button', { name: 'Leave presenter view' }).click();
    await expect(note(checker, 'Before the outage')).toBeVisible();
    await expect(note(checker, 'During the outage')).toBeVisible();
  } finally {
    await own.stop();
  }
});
