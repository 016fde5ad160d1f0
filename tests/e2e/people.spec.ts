/**
 * The facilitator's People panel in real browsers (SPEC SE4, SE5): everyone who joined with their
 * cluster, removing a person with the keyboard alone (their page says so) and merging a made-up
 * cluster name into another, at desktop and phone widths.
 */
import { expect, test } from '@playwright/test';
import { addNote, joinBoard, note } from './board-page';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();

test('[SE8][SE4][SE5][SE6] the facilitator removes a person and merges a made-up cluster from the People panel, keyboard only, at 1440 and 390 px', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const board = await boards.server.createBoard('People workshop');
  const frida = await boards.newPerson(browser, { viewport: { width: 1440, height: 900 } });
  const anna = await boards.newPerson(browser);
  const jonas = await boards.newPerson(browser);
  const bo = await boards.newPerson(browser);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'Silicon Saxony e.V.');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'SilSax');
  await joinBoard(bo, board.links.participant, 'Bo', 'GAIA');

  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  const people = panel.getByRole('region', { name: 'People' });
  await expect(people.getByTestId('person-Jonas')).toContainText('Other: SilSax');
  await expect(people.getByTestId('person-Bo')).toContainText('GAIA');
  await expect(people.getByTestId('person-Frida')).toContainText('(you)');
  await expect(people.getByTestId('person-Frida').getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await people.scrollIntoViewIfNeeded();
  await frida.screenshot({ path: test.info().outputPath('people-1440.png') });

  // Remove Bo with the keyboard: Enter on "Remove Bo" asks first, and the confirmation has focus.
  await people.getByRole('button', { name: 'Remove Bo' }).focus();
  await frida.keyboard.press('Enter');
  const confirm = people.getByRole('button', { name: 'Remove Bo', exact: true }).and(frida.locator('.danger'));
  await expect(confirm).toBeFocused();
  // Escape keeps Bo and gives the keyboard back to "Remove".
  await frida.keyboard.press('Escape');
  await expect(people.getByRole('button', { name: 'Remove Bo' })).toBeFocused();
  await frida.keyboard.press('Enter');
  await expect(confirm).toBeFocused();
  await frida.keyboard.press('Enter');
  await expect(people.getByTestId('person-Bo')).toHaveCount(0);
  await expect(bo.getByRole('heading', { name: 'You were removed from this board' })).toBeVisible();

  // Merge "SilSax" into "Silicon Saxony e.V.", keyboard only.
  await people.getByLabel('Move everyone of').focus();
  await people.getByLabel('Move everyone of').selectOption({ label: 'Other: SilSax (1)' });
  await people.getByLabel('into').selectOption({ label: 'Other: Silicon Saxony e.V.' });
  await people.getByRole('button', { name: 'Merge', exact: true }).focus();
  await frida.keyboard.press('Enter');
  await expect(people.getByRole('status')).toContainText('Moved 1 person from “Other: SilSax” to “Other: Silicon Saxony e.V.”.');
  await expect(people.getByTestId('person-Jonas')).toContainText('Other: Silicon Saxony e.V.');
  // Jonas's next visit joins with his seat: the same person, in the merged cluster.
  await jonas.reload();
  await expect(jonas.getByRole('list', { name: 'People on this board' })).toContainText('Other: Silicon Saxony e.V.');
  await frida.screenshot({ path: test.info().outputPath('people-1440-after.png') });

  // [SE6] A vote with hidden results: nobody's count is in the shared control document, yet the
  // facilitator's panel still shows who has voted how much (asked from the server).
  await addNote(anna, 'strategy', 'challenge', 'Members skip strategy meetings');
  await panel.getByRole('button', { name: 'Open voting' }).click();
  await note(anna, 'Members skip strategy meetings')
    .getByRole('button', { name: /^Vote for note/ })
    .click();
  await expect(anna.getByTestId('votes-left')).toContainText('4 of 5 votes left');
  await expect(people.getByTestId('person-Anna')).toContainText('1 of 5 votes used');
  await expect(people.getByTestId('person-Jonas')).toContainText('0 of 5 votes used');
  await expect(panel.getByRole('region', { name: 'Voting' })).toContainText('1 vote cast by 1 of');

  // A phone: the panel sits under the board, the list and the merge form fit the width.
  await frida.setViewportSize({ width: 390, height: 844 });
  await people.getByTestId('person-Anna').scrollIntoViewIfNeeded();
  // Neither the page (docs/UX.md PH1: the grid is one column on a phone) nor the panel scrolls sideways.
  expect(await frida.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
  expect((await panel.boundingBox())?.width).toBeLessThanOrEqual(390);
  expect(await people.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await frida.screenshot({ path: test.info().outputPath('people-390.png') });
  await people.getByRole('button', { name: 'Merge', exact: true }).scrollIntoViewIfNeeded();
  await frida.screenshot({ path: test.info().outputPath('people-390-merge.png') });
  await expect(anna.getByRole('list', { name: 'People on this board' })).toContainText('Jonas');
});
