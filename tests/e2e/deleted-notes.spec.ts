/**
 * [N1][N2] A participant deletes notes one after another; the facilitator finds them under
 * History > Deleted notes and puts them back with the keyboard, and the participant sees them return.
 */
import { expect, test } from '@playwright/test';
import { joinBoard, noteMenu } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

test('[N2] a facilitator restores notes a participant deleted, with the keyboard, and everyone sees them back', async ({ browser }) => {
  test.setTimeout(90_000);
  const board = await boards.server.createBoard('Deleted notes', 'excite-d1.4');
  const frida = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  const anna = await boards.newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');

  const notes = anna.locator('li.note');
  const before = await notes.count();
  for (let i = 0; i < 10; i++) {
    await noteMenu(anna, notes.first(), 'Delete…');
    await anna.getByRole('button', { name: 'Delete for everyone' }).click();
    await expect(notes).toHaveCount(before - i - 1);
  }

  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const deleted = panel.getByRole('list', { name: 'Deleted notes' });
  // The list was read when the panel opened; it follows the board's deletions by itself.
  await expect(deleted.getByRole('listitem')).toHaveCount(10);
  await noteMenu(anna, notes.first(), 'Delete…');
  await anna.getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(deleted.getByRole('listitem')).toHaveCount(11);
  await expect(deleted.getByRole('listitem').first()).toContainText('deleted by Anna');
  await expect(panel.getByRole('list', { name: 'Snapshots, newest first' })).toContainText('Automatic: before Anna deleted 10 notes');
  await deleted.scrollIntoViewIfNeeded();
  await frida.screenshot({ path: 'test-results/deleted-notes-1440.png' });

  // Keyboard only: focus the first "Restore", press Enter.
  await deleted.getByRole('button', { name: 'Restore' }).first().focus();
  await frida.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('1 note is back on the board.');
  await expect(notes).toHaveCount(before - 10);
  await expect(deleted.getByRole('listitem')).toHaveCount(10);

  await frida.setViewportSize({ width: 390, height: 844 });
  await panel.getByRole('button', { name: 'Restore all' }).scrollIntoViewIfNeeded();
  await frida.screenshot({ path: 'test-results/deleted-notes-390.png' });
  await panel.getByRole('button', { name: 'Restore all' }).focus();
  await frida.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('10 notes are back on the board.');
  await expect(notes).toHaveCount(before);
  await expect(panel.getByText('No notes were deleted in the last hour.')).toBeVisible();
});
