/**
 * Following the facilitator, inviting people and the projector's presenter view, in a full room
 * (30 people through the API, docs/UX.md FO rules): the facilitator on a 1440x900 laptop, a
 * follower on a 390x844 phone, the projector at 1920x1080.
 */
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import type { CreatedBoard } from '../../shared/protocol';
import { expectLive, joinBoard } from './board-page';
import { type Crowd, fillRoom, SEAT_HEADER } from './crowd';
import { useBoardServer } from './fixtures';

const boards = useBoardServer();
const LAPTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };

let crowd: Crowd | null = null;
test.afterEach(async () => {
  await crowd?.leave();
  crowd = null;
});

async function fullRoom(title: string): Promise<CreatedBoard> {
  const board = await boards.server.createBoard(title, 'excite-d1.4');
  crowd = await fillRoom(boards.server.url, board, 30);
  return board;
}

const person = (browser: Browser, viewport: { width: number; height: number }) => boards.newPerson(browser, { viewport });

/**
 * Where a dimension's heading is on this screen, against the bottom of what sticks to the top
 * (the header, the grid's column headings): the block of the grid, or the outline's tree row.
 */
async function headingPlace(page: Page, dimension: string) {
  return page.evaluate((id) => {
    const heading = document.getElementById(`dimension-${id}`)?.closest('.dimension-heading') ?? document.querySelector(`[data-key="d:${id}"]`);
    if (!heading) return null;
    let covered = 0;
    for (const element of document.querySelectorAll<HTMLElement>('.board-header, .kind-heading')) {
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.position !== 'sticky') continue;
      covered = Math.max(covered, element.getBoundingClientRect().bottom);
    }
    const top = heading.getBoundingClientRect().top;
    return { top, covered, viewport: window.innerHeight, scrollY: window.scrollY };
  }, dimension);
}

/** The heading sits in view, below the sticky header: not under it, not below the fold. */
async function expectHeadingInView(page: Page, dimension: string): Promise<void> {
  await expect
    .poll(async () => {
      const place = await headingPlace(page, dimension);
      const inView = place !== null && place.top >= place.covered - 1 && place.top < place.covered + 0.5 * (place.viewport - place.covered);
      return inView ? 'in view' : JSON.stringify(place);
    })
    .toBe('in view');
}

/** A phone lands on its Write view (PH2); a follower reading the board switches to it first. */
async function showBoard(phone: Page): Promise<void> {
  await phone.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Board' }).click();
  await expect(phone.locator('#dimension-structure')).toBeVisible();
}

async function bringEveryone(facilitator: Page, dimensionLabel: string): Promise<void> {
  const panel = facilitator.getByRole('complementary', { name: 'Facilitator controls' });
  await panel.getByLabel('Dimension').selectOption({ label: dimensionLabel });
  await panel.getByRole('button', { name: 'Bring everyone here' }).click();
}

test('[FO1][FO3] "Bring everyone here" moves a phone follower to the dimension heading, "Go back" returns; with following off only the message and "Go there"', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const board = await fullRoom('Follow workshop');
  const frida = await person(browser, LAPTOP);
  const anna = await person(browser, PHONE);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await showBoard(anna);
  await frida.getByRole('button', { name: 'Facilitator controls' }).click();

  const before = await headingPlace(anna, 'business-model');
  expect(before?.top).toBeGreaterThan(PHONE.height);
  await bringEveryone(frida, 'Cluster business model');
  await expect(anna.getByRole('status').filter({ hasText: 'Frida brought everyone to Cluster business model.' })).toBeVisible();
  await expectHeadingInView(anna, 'business-model');
  await anna.screenshot({ path: test.info().outputPath('follower-phone-moved.png') });
  await frida.screenshot({ path: test.info().outputPath('facilitator-bring-here.png') });

  await anna.getByRole('button', { name: 'Go back' }).click();
  await expect.poll(() => anna.evaluate(() => window.scrollY)).toBeLessThan(5);

  // Following off, remembered by this browser across a reload.
  await anna.getByRole('checkbox', { name: 'Follow the facilitator' }).uncheck();
  await anna.reload();
  await expectLive(anna);
  await showBoard(anna);
  await expect(anna.getByRole('checkbox', { name: 'Follow the facilitator' })).not.toBeChecked();
  await bringEveryone(frida, 'Communication, visibility & reputation');
  const message = anna.getByRole('status').filter({ hasText: 'Frida brought everyone to Communication, visibility & reputation.' });
  await expect(message).toBeVisible();
  expect(await anna.evaluate(() => window.scrollY)).toBeLessThan(5);
  const stayed = await headingPlace(anna, 'communication');
  expect(stayed?.top).toBeGreaterThan(PHONE.height);
  await anna.screenshot({ path: test.info().outputPath('follower-phone-not-following.png') });
  await message.getByRole('button', { name: 'Go there' }).click();
  await expectHeadingInView(anna, 'communication');
  await expect(message.getByRole('button', { name: 'Go back' })).toBeVisible();
});

test('[FO2] a run-sheet step with a focus moves followers there, in the grid on a phone and in the outline on a laptop', async ({ browser }) => {
  test.setTimeout(240_000);
  const board = await fullRoom('Run-sheet focus');
  const frida = await person(browser, LAPTOP);
  const anna = await person(browser, PHONE);
  const jonas = await person(browser, LAPTOP);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await showBoard(anna);
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');
  await jonas.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Outline' }).click();
  await expect(jonas.getByRole('tree', { name: 'Board outline' })).toBeVisible();

  const facilitatorToken = new URL(board.links.facilitator).hash.replace(/^#token=/, '');
  const steps = [
    { id: 's1', title: 'Business models', minutes: 10, dimension: 'business-model', privateWriting: false, voting: null, locked: false },
  ];
  const response = await fetch(`${boards.server.url}/api/boards/${board.id}/control`, {
    method: 'POST',
    headers: { authorization: `Bearer ${decodeURIComponent(facilitatorToken)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'setSteps', steps }),
  });
  expect(response.status).toBe(204);

  await frida.getByRole('button', { name: 'Facilitator controls' }).click();
  const panel = frida.getByRole('complementary', { name: 'Facilitator controls' });
  await panel.getByRole('button', { name: 'Start step 1: Business models' }).click();
  await expect(anna.getByTestId('current-step')).toContainText('Business models');
  await expectHeadingInView(anna, 'business-model');
  await expectHeadingInView(jonas, 'business-model');
  await anna.screenshot({ path: test.info().outputPath('step-focus-phone.png') });
  await jonas.screenshot({ path: test.info().outputPath('step-focus-outline.png') });
});

/** The QR image's rendered size, after it has loaded. */
async function qrSize(within: Page | Locator): Promise<{ width: number; height: number }> {
  const image = within.getByRole('img', { name: 'QR code of the participant link' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const box = await image.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

test('[FO4] Invite shows the participant link with a QR code and copy buttons, presents the QR full screen, and changes no link', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const board = await fullRoom('Invite workshop');
  const frida = await person(browser, LAPTOP);
  const jonas = await person(browser, LAPTOP);
  await joinBoard(frida, board.links.facilitator, 'Frida', 'DTI Cluster');
  await joinBoard(jonas, board.links.participant, 'Jonas', 'Silicon Saxony');

  await frida.getByRole('button', { name: 'Invite' }).click();
  const invite = frida.getByRole('dialog', { name: 'Invite people' });
  await expect(invite.getByRole('textbox', { name: 'Participant link' })).toHaveValue(board.links.participant);
  await expect(invite.getByRole('textbox', { name: 'Viewer link' })).toHaveValue(board.links.viewer);
  await expect(invite.getByRole('textbox', { name: 'Facilitator link' })).toHaveValue(board.links.facilitator);
  await expect(invite.getByRole('note')).toContainText('whoever has it can run the workshop');
  await expect(invite.getByRole('button', { name: 'Copy participant link' })).toBeVisible();
  const small = await qrSize(invite);
  expect(Math.min(small.width, small.height)).toBeGreaterThanOrEqual(200);
  await frida.screenshot({ path: test.info().outputPath('invite-laptop.png') });

  await invite.getByRole('button', { name: 'Show the QR code full screen' }).click();
  const present = frida.getByRole('dialog', { name: 'Join with this QR code' });
  await expect(present).toBeVisible();
  const big = await qrSize(present);
  expect(Math.min(big.width, big.height)).toBeGreaterThanOrEqual(0.6 * LAPTOP.height);
  await expect(present).toContainText(board.links.participant);
  await frida.screenshot({ path: test.info().outputPath('invite-present-qr.png') });
  await frida.keyboard.press('Escape');
  await expect(present).toHaveCount(0);
  await expect(invite).toBeVisible();
  await invite.getByRole('button', { name: 'Close' }).click();

  // Nothing was rotated: Jonas is still connected and a newcomer joins with the same link.
  await expect(jonas.getByTestId('connection')).toHaveText('Live');
  const anna = await person(browser, PHONE);
  await joinBoard(anna, board.links.participant, 'Anna', 'GAIA');
  await frida.getByRole('button', { name: 'Invite' }).click();
  await expect(frida.getByRole('dialog', { name: 'Invite people' }).getByRole('textbox', { name: 'Participant link' })).toHaveValue(
    board.links.participant,
  );
});

test("[FO4] the home page shows a new board's links in the same Invite panel, with the QR code of the participant link that works", async ({
  browser,
}) => {
  const frida = await person(browser, LAPTOP);
  await frida.goto(boards.server.url);
  await frida.getByLabel('Title').fill('Vilnius kick-off');
  await frida.getByRole('button', { name: 'Create board' }).click();
  await expect(frida.getByRole('heading', { name: 'Board “Vilnius kick-off” is ready' })).toBeVisible();
  const participantLink = await frida.getByRole('textbox', { name: 'Participant link' }).inputValue();
  expect(participantLink).toMatch(/\/b\/[a-z0-9]+#token=/);
  await expect(frida.getByRole('textbox', { name: 'Viewer link' })).toHaveValue(/#token=/);
  await expect(frida.getByRole('textbox', { name: 'Facilitator link' })).toHaveValue(/#token=/);
  const size = await qrSize(frida);
  expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(200);
  await frida.screenshot({ path: test.info().outputPath('home-invite-laptop.png'), fullPage: true });

  const anna = await person(browser, PHONE);
  await joinBoard(anna, participantLink, 'Anna', 'GAIA');
  await expect(anna.getByRole('heading', { level: 1 })).toHaveText('Vilnius kick-off');
  await frida.setViewportSize(PHONE);
  await frida.screenshot({ path: test.info().outputPath('home-invite-phone.png'), fullPage: true });
});

const SAMPLE_TEXTS = [
  'Members do not read the newsletter',
  'Hard to find matching partners abroad for joint projects',
  'Quarterly round tables with the board',
  'A shared booking tool for lab equipment between members',
  'Membership fees stay flat while services grow',
  'Mentoring of start-ups by senior members, twice a year',
];

/** Adds `perCell` notes to every cell through the notes API, each written by a crowd member. */
async function fillCells(board: CreatedBoard, room: Crowd, perCell: number): Promise<number> {
  const token = decodeURIComponent(new URL(board.links.participant).hash.replace(/^#token=/, ''));
  const dimensions = ['structure', 'strategy', 'organisation', 'business-model', 'communication'];
  const kinds = ['challenge', 'need', 'good-practice'];
  let added = 0;
  for (const dimension of dimensions) {
    for (const kind of kinds) {
      for (let i = 0; i < perCell; i++) {
        const member = room.members[added % room.members.length]!;
        const response = await fetch(`${boards.server.url}/api/boards/${board.id}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SEAT_HEADER]: member.seat.seat },
          body: JSON.stringify({ text: `${SAMPLE_TEXTS[added % SAMPLE_TEXTS.length]} (${added + 1})`, dimension, kind }),
        });
        expect(response.status).toBe(201);
        added++;
      }
    }
  }
  return added;
}

test('[FO6] the viewer link opens the presenter view: all 15 cells of a 60-note board on one 1920x1080 screen, with step, timer and who is done', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const board = await boards.server.createBoard('Projector workshop');
  const room = await fillRoom(boards.server.url, board, 30);
  crowd = room;
  expect(await fillCells(board, room, 4)).toBe(60);
  const facilitatorToken = decodeURIComponent(new URL(board.links.facilitator).hash.replace(/^#token=/, ''));
  const control = (command: unknown) =>
    fetch(`${boards.server.url}/api/boards/${board.id}/control`, {
      method: 'POST',
      headers: { authorization: `Bearer ${facilitatorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
  const steps = [{ id: 's1', title: 'Write challenges', minutes: 12, dimension: null, privateWriting: false, voting: null, locked: false }];
  expect((await control({ type: 'setSteps', steps })).status).toBe(204);
  expect((await control({ type: 'startStep', index: 0 })).status).toBe(204);
  const participantToken = decodeURIComponent(new URL(board.links.participant).hash.replace(/^#token=/, ''));
  for (const member of room.members.slice(0, 7)) {
    const response = await fetch(`${boards.server.url}/api/boards/${board.id}/ready`, {
      method: 'POST',
      headers: { authorization: `Bearer ${participantToken}`, 'content-type': 'application/json', [SEAT_HEADER]: member.seat.seat },
      body: JSON.stringify({ ready: true }),
    });
    expect(response.status).toBe(204);
  }

  const projector = await person(browser, PROJECTOR);
  await joinBoard(projector, board.links.viewer, 'Projector', 'DTI Cluster');
  const presenter = projector.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  await expect(presenter.locator('.presenter-note')).toHaveCount(60);
  await expect(projector.getByTestId('presenter-step')).toHaveText('Step 1 of 1: Write challenges');
  await expect(projector.getByTestId('presenter-timer')).toHaveText(/^1[12]:\d\d$/);
  await expect(projector.getByTestId('presenter-done')).toHaveText(`7 of ${room.members.length} participants done`);

  // No page scroll, every cell and every note inside the screen and inside its cell.
  const layout = await projector.evaluate(() => {
    const inside = (r: DOMRect, o: { left: number; top: number; right: number; bottom: number }) =>
      r.left >= o.left - 1 && r.top >= o.top - 1 && r.right <= o.right + 1 && r.bottom <= o.bottom + 1;
    const screen = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    const cells = [...document.querySelectorAll('[data-presenter-cell]')];
    const notesOutside = [...document.querySelectorAll('.presenter-note')].filter((note) => {
      const cell = note.closest('[data-presenter-cell]');
      return !cell || !inside(note.getBoundingClientRect(), cell.getBoundingClientRect());
    }).length;
    const smallest = Math.min(...[...document.querySelectorAll('.presenter-note')].map((n) => Number.parseFloat(getComputedStyle(n).fontSize)));
    return {
      scrolls: document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth,
      cells: cells.length,
      cellsOnScreen: cells.filter((cell) => inside(cell.getBoundingClientRect(), screen)).length,
      notesOutside,
      smallest,
    };
  });
  expect(layout).toMatchObject({ scrolls: false, cells: 15, cellsOnScreen: 15, notesOutside: 0 });
  // Readable from the back of a room on a 1920 px projector.
  expect(layout.smallest).toBeGreaterThanOrEqual(12);
  await projector.screenshot({ path: test.info().outputPath('presenter-1920.png') });

  // Anyone can leave it for the board, and come back.
  await projector.getByRole('button', { name: 'Leave presenter view' }).click();
  await expect(presenter).toHaveCount(0);
  await expect(projector.getByRole('main', { name: 'Board' })).toBeVisible();
  await projector.getByRole('button', { name: 'Presenter view' }).click();
  await expect(presenter).toBeVisible();
});
