import { expect, test } from '@playwright/test';
import { addNote, expectLive, joinBoard, note } from './board-page';
import { ServerProcess } from './server-process';

test('[D2] a server restart keeps every note, and both browsers reconnect by themselves', async ({ browser }) => {
  let server = await ServerProcess.start();
  try {
    const board = await server.createBoard('Restart', 'excite-d1.4');
    const anna = await (await browser.newContext()).newPage();
    const jonas = await (await browser.newContext()).newPage();
    await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
    await joinBoard(jonas, board.links.participant, 'Jonas', 'DTI Cluster');
    await expect(note(anna, 'B2B events with an entry fee.')).toContainText('Silicon Saxony');

    await addNote(anna, 'structure', 'need', 'Tandem visits between clusters');
    await expect(note(jonas, 'Tandem visits between clusters')).toBeVisible();

    server = await server.restart('SIGTERM');
    await expectLive(anna);
    await expectLive(jonas);
    await addNote(jonas, 'structure', 'challenge', 'Written after the restart');
    await expect(note(anna, 'Written after the restart')).toBeVisible();

    await anna.reload();
    await expectLive(anna);
    await expect(note(anna, 'Tandem visits between clusters')).toBeVisible();
    await expect(note(anna, 'Written after the restart')).toBeVisible();
    await anna.context().close();
    await jonas.context().close();
  } finally {
    await server.stop();
  }
});

test('[D1] kill -9 during edits loses no note that the other browser had shown', async ({ browser }) => {
  let server = await ServerProcess.start();
  try {
    const board = await server.createBoard('Crash');
    const writer = await (await browser.newContext()).newPage();
    const watcher = await (await browser.newContext()).newPage();
    await joinBoard(writer, board.links.participant, 'Writer', 'Mazovia Cluster ICT');
    await joinBoard(watcher, board.links.participant, 'Watcher', 'SCS Cluster');

    for (let i = 1; i <= 12; i++) await addNote(writer, 'strategy', 'need', `Crash note ${i}`);
    // Whatever the watcher shows at the moment of the crash must survive it.
    await expect(note(watcher, 'Crash note 1')).toBeVisible();
    const shown = await watcher.locator('li.note .note-text').allInnerTexts();
    // The writer closes first, so only the server's disk can bring the notes back.
    await writer.context().close();
    server = await server.restart('SIGKILL');

    const fresh = await (await browser.newContext()).newPage();
    await joinBoard(fresh, board.links.viewer, 'Checker', 'GAIA');
    for (const text of shown) await expect(note(fresh, text)).toHaveCount(1);
    expect(shown.length).toBeGreaterThan(0);
    await fresh.screenshot({ path: test.info().outputPath('after-kill-9.png') });
    await watcher.context().close();
    await fresh.context().close();
  } finally {
    await server.stop();
  }
});
