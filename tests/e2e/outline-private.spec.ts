/**
 * The outline view adds notes where the grid does: during private writing, a participant's new
 * note goes to their private notes, not to the shared board (TH5, W4).
 */
import { expect, test } from '@playwright/test';
import type { CreatedBoard } from '../../shared/protocol';
import { cell, joinBoard, note } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

function facilitatorToken(board: CreatedBoard): string {
  const token = /token=([^&]+)/.exec(new URL(board.links.facilitator).hash)?.[1];
  if (!token) throw new Error('no token in the facilitator link');
  return decodeURIComponent(token);
}

test("[TH5] during private writing, the outline's A puts a participant's new note in their private notes, as the grid does", async ({ browser }) => {
  const board = await boards.server.createBoard('Outline in private');
  const anna = await boards.newPerson(browser);
  const jonas = await boards.newPerson(browser);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  const turnedOn = await fetch(`${boards.server.url}/api/boards/${board.id}/control`, {
    method: 'POST',
    headers: { authorization: `Bearer ${facilitatorToken(board)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'privateWriting', on: true }),
  });
  expect(turnedOn.status).toBe(204);
  await expect(cell(anna, 'structure', 'challenge').getByRole('button', { name: /Add a private note/ })).toBeVisible();

  await anna.getByRole('button', { name: 'Outline' }).click();
  const tree = anna.getByRole('tree', { name: 'Board outline' });
  await tree.getByRole('treeitem', { name: /^Cluster structure/ }).focus();
  await anna.keyboard.press('ArrowDown');
  await anna.keyboard.press('a');
  await expect(anna.getByRole('textbox', { name: /New private note in/ })).toBeFocused();
  await anna.keyboard.type('Written privately in the outline');
  await anna.keyboard.press('Enter');

  await expect(anna.getByRole('region', { name: /Your private notes/ })).toContainText('Written privately in the outline');
  await expect(anna.getByRole('alert')).toHaveCount(0);
  await anna.screenshot({ path: test.info().outputPath('outline-private.png') });
  // Nobody else sees it, and it is not on Anna's shared board either.
  await anna.getByRole('button', { name: 'Grid' }).click();
  await expect(note(anna, 'Written privately in the outline')).toHaveCount(0);
  await expect(jonas.getByText('Written privately in the outline')).toHaveCount(0);
});
