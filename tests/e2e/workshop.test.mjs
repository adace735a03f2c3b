// Workshop and any screen: presenting the map to a room (large labels, nothing sensitive), the
// quick-add tray (paste names, then drag them onto the map by mouse or finger, or place them by
// keyboard), touch dragging on a tablet, the phone layout, printing the map, the shortcuts, the
// first-visit tour and empty states that name the next step.
import { readFile } from 'node:fs/promises';
import { test, expect, expectPosition, expectNear } from './fixtures.mjs';
import { marker, plotBox, dotCentre, storedData, fromMenu } from './support.mjs';

const skipTour = (page) => page.getByRole('button', { name: 'Skip the tour' }).click();

/**
 * Drags with a finger through the DevTools touch input, from `from` to `to` in steps. Each event
 * carries its own time, so the gesture has the same speed however fast this machine sends it:
 * the moves one frame (16 ms) apart, then the finger rests on the target for three events 60 ms
 * apart before lifting, as it does when placing something. Lifting while still moving would
 * start a fling, and the browser then takes the next tap as "stop the fling".
 */
async function touchDrag(context, page, from, to, steps = 8) {
  const cdp = await context.newCDPSession(page);
  const point = (p) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  // Seconds since the epoch, starting a second ago so that no event claims a time yet to come.
  let time = Date.now() / 1000 - 1;
  const send = (type, touchPoints, after) => {
    time += after;
    return cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: time });
  };
  await send('touchStart', point(from), 0);
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps };
    await send('touchMove', point(p), 0.016);
  }
  for (let i = 0; i < 3; i++) await send('touchMove', point(to), 0.06);
  await send('touchEnd', [], 0.016);
  await cdp.detach();
}

/** The font size of `name`'s label on the map, in pixels. */
const labelSize = (page, name) => marker(page, name).locator('text.label').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

/** How far the page reaches past the right edge of the window, in pixels. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test('presenting shows the map alone with large labels, and nothing sensitive', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await marker(page, 'Dana Ortiz').locator('.dot').click();
  const normalLabel = await labelSize(page, 'Dana Ortiz');
  // Notes and plans are on the page before presenting…
  await expect(page.getByLabel('Notes')).not.toHaveValue('');
  const notes = (await page.getByLabel('Notes').inputValue()).slice(0, 30);
  expect(notes.length, 'Dana has notes in the example').toBeGreaterThan(10);
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Leave presentation' })).toBeVisible();
  await expect.poll(() => labelSize(page, 'Dana Ortiz'), `labels grow for a projector (from ${normalLabel}px)`)
    .toBeGreaterThanOrEqual(normalLabel * 1.5);
  // …and gone while presenting: no panel, no notes, no overdue badges, no targets, no header.
  await expect(page.locator('body'), 'notes are not on screen').not.toContainText(notes, { useInnerText: true });
  await expect(page.locator('aside.panel')).toHaveCount(0);
  await expect(page.locator('g.marker .badge:visible')).toHaveCount(0);
  await expect(page.locator('g.target')).toHaveCount(0);
  await expect(page.locator('header.topbar')).toBeHidden();
  await expect(page.locator('g.marker'), 'everyone is still on the map').toHaveCount(10);
  // The map fills the screen.
  await expect(async () => {
    const svg = await page.locator('svg.map-svg').boundingBox();
    expect(svg.width >= 1200 && svg.height >= 500, JSON.stringify(svg)).toBe(true);
  }).toPass();
  // Escape leaves; the panel is back.
  await page.keyboard.press('Escape');
  await expect(page.locator('aside.panel')).toBeVisible();
  await expect(page.locator('header.topbar')).toBeVisible();
});

test('quick add: pasted names wait in a tray, are dragged onto the map, and are kept on reload', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await page.getByRole('button', { name: 'Present to a room' }).click();
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  await page.getByLabel('Names, one per line').fill('1. Sam Lee\n- Priya Nair\n\nJo Becker\tCFO\nDana Ortiz\nsam lee');
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await expect(page.getByText('Added 3 names to the tray. Already in the tray or on the map: Dana Ortiz, sam lee.')).toBeVisible();
  const tray = page.getByRole('list', { name: 'Names waiting to be placed' });
  await expect(tray.getByRole('button', { name: /^Place / })).toHaveText(['Sam Lee', 'Priya Nair', 'Jo Becker · CFO']);

  // The tray survives a reload.
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect(tray.getByRole('button', { name: /^Place / })).toHaveText(['Sam Lee', 'Priya Nair', 'Jo Becker · CFO']);
  await page.getByRole('button', { name: 'Present to a room' }).click();

  // Mouse: drag Sam onto the map at influence 80, skepticism 20.
  const box = await plotBox(page);
  const target = box.at(80, 20);
  const chip = await page.getByRole('button', { name: 'Place Sam Lee on the map' }).boundingBox();
  await page.mouse.move(chip.x + chip.width / 2, chip.y + chip.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(chip.x + (target.x - chip.x) * i / 10, chip.y + (target.y - chip.y) * i / 10);
  }
  await page.mouse.up();
  await expect(marker(page, 'Sam Lee')).toBeVisible();
  const sam = await expectNear(page, 'Sam Lee', 80, 20);
  await expect(page.locator('#move-announcer')).toHaveText(`Sam Lee placed at influence ${sam.influence}, skepticism ${sam.skepticism}: Champions`);

  // Keyboard: press Priya to put her in the middle; focus goes to her marker for the arrows.
  await page.getByRole('button', { name: 'Place Priya Nair on the map' }).focus();
  await page.keyboard.press('Enter');
  await expect(marker(page, 'Priya Nair')).toBeFocused();
  await page.keyboard.press('Shift+ArrowUp');
  await expectPosition(page, 'Priya Nair', 'Priya Nair, influence 60, skepticism 50, Win over');

  // Remove Jo without placing; the tray is empty and nothing of it is left in storage.
  await page.getByRole('button', { name: 'Remove Jo Becker from the tray' }).click();
  await expect(tray.getByRole('button')).toHaveCount(0);
  await expect.poll(async () => Object.keys(await storedData(page)).filter((k) => k.startsWith('stakemap:setting:tray:')))
    .toEqual([]);
  await expect(page.locator('g.marker')).toHaveCount(12);
});

test('quick add: a title pasted with each name waits beside it and becomes the role once placed', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  // Lines as people paste them: from an e-mail, a slide, and a block copied out of a spreadsheet
  // with its header row.
  await page.getByLabel('Names, one per line').fill([
    'Ben Cohen – Head of Retail',
    'Lopez, Anne-Marie',
    'Kim Park, Chief Financial Officer',
    '2. Sam Lee (Chief of Staff)',
    'Stakeholder\tTitle\tDepartment',
    'Jo Becker\tSales Director\tSales',
    'Ana Lima\tGeneral Counsel\tLegal',
  ].join('\n'));
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await expect(page.getByText('Added 6 names to the tray.', { exact: true })).toBeVisible();
  const tray = page.getByRole('list', { name: 'Names waiting to be placed' });
  await expect(tray.getByRole('button', { name: /^Place / })).toHaveText([
    'Ben Cohen · Head of Retail',
    'Anne-Marie Lopez',
    'Kim Park · Chief Financial Officer',
    'Sam Lee · Chief of Staff',
    'Jo Becker · Sales Director',
    'Ana Lima · General Counsel',
  ]);

  // Pressed from the keyboard, Ben lands in the middle with his title as his role.
  await page.getByRole('button', { name: 'Place Ben Cohen, Head of Retail, on the map' }).focus();
  await page.keyboard.press('Enter');
  await expect(marker(page, 'Ben Cohen')).toBeFocused();
  await marker(page, 'Ben Cohen').locator('.dot').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Ben Cohen' })).toBeVisible();
  await expect(page.getByLabel('Name (required)')).toHaveValue('Ben Cohen');
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('Head of Retail');

  // Anne-Marie, pasted "Lopez, Anne-Marie", comes with no role.
  await page.getByRole('button', { name: 'Place Anne-Marie Lopez on the map' }).click();
  await marker(page, 'Anne-Marie Lopez').locator('.dot').click();
  await expect(page.getByLabel('Name (required)')).toHaveValue('Anne-Marie Lopez');
  await expect(page.getByLabel('Role', { exact: true })).toHaveValue('');

  // The others keep their titles across a reload.
  await page.reload();
  await expect(tray.getByRole('button', { name: /^Place / })).toHaveText([
    'Kim Park · Chief Financial Officer',
    'Sam Lee · Chief of Staff',
    'Jo Becker · Sales Director',
    'Ana Lima · General Counsel',
  ]);
});

test('on a tablet, a finger drags markers and names from the tray', async ({ openApp }) => {
  const { context, page } = await openApp({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
  await skipTour(page);
  const box = await plotBox(page);
  await touchDrag(context, page, await dotCentre(marker(page, 'Dana Ortiz')), box.at(30, 20));
  await expectNear(page, 'Dana Ortiz', 30, 20);

  await page.getByRole('button', { name: 'Type or paste names' }).tap();
  await page.getByLabel('Names, one per line').fill('Kim Park');
  await page.getByRole('button', { name: 'Add to the tray' }).tap();
  const chip = await page.getByRole('button', { name: 'Place Kim Park on the map' }).boundingBox();
  const box2 = await plotBox(page);
  await touchDrag(context, page, { x: chip.x + chip.width / 2, y: chip.y + chip.height / 2 }, box2.at(10, 90), 12);
  await expectNear(page, 'Kim Park', 10, 90);
});

test('a phone opens on the list, with the map one button away', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await skipTour(page);
  await expect(page.locator('.stakeholder-table tbody tr:visible')).toHaveCount(10);
  await expect(page.locator('svg.map-svg')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Map', exact: true }).tap();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect.poll(async () => (await page.locator('svg.map-svg').boundingBox()).width, "the map uses the phone's width")
    .toBeGreaterThanOrEqual(350);
  await expect.poll(() => overflow(page), 'no sideways scrolling').toBeLessThanOrEqual(0);
});

test('printing the map gives the map alone, with its key, on one page', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['header.topbar', 'aside.panel', '.main-tools', '.snapshot-bar', '.quick-add', '.tour']) {
    await expect(page.locator(hidden).first(), `${hidden} is not printed`).toBeHidden();
  }
  await expect(page.locator('svg.map-svg')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Key' }), 'the key is printed with the map').toBeVisible();
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages, 'the map prints on one page').toBe(1);
});

test('the shortcuts help lists the keys, and each key does what it says', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const words of ['New stakeholder', 'Search the list', 'Delete the selected stakeholder', 'Export the map', 'Undo', 'Redo', 'Switch between map and list']) {
    await expect(help.locator('tbody tr', { hasText: words }).first(), `the help lists “${words}”`).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const danaRow = page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' });
  await page.keyboard.press('m');
  await expect(page.locator('.stakeholder-table')).toBeVisible();
  await page.keyboard.press('m');
  await expect(page.locator('svg.map-svg')).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.locator('#list-filter')).toBeFocused();
  await page.keyboard.type('ortiz');
  await expect(page.locator('.stakeholder-table tbody tr:visible')).toHaveCount(1);
  // Typing in a field never triggers a shortcut ("m", "e", "n" were typed above as text): once the
  // field holds every key, the view is still the list.
  await page.keyboard.type(' me');
  await expect(page.locator('#list-filter')).toHaveValue('ortiz me');
  await expect(page.locator('.stakeholder-table'), 'still on the list').toHaveCount(1);
  await page.getByLabel('Filter').fill('');
  await danaRow.click();
  await page.locator('body').focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete Dana Ortiz?' });
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(danaRow, 'nothing deleted without confirming').toHaveCount(1);
  await page.keyboard.press('Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(danaRow).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(danaRow).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(danaRow).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(file.stakeholders).toHaveLength(9);
  await page.keyboard.press('n');
  await expect(page.locator('#sh-name')).toBeFocused();
  await expect(page.getByRole('heading', { name: 'New stakeholder' })).toBeVisible();
});

test('the tour shows once, on a first visit, and empty views say what to do next', async ({ openApp }) => {
  const { page } = await openApp();
  const tour = page.getByRole('region', { name: 'Welcome to Stakemap' });
  await expect(tour).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Place people on the map' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Share by file' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('section.tour')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect(page.locator('section.tour'), 'the tour does not come back').toHaveCount(0);

  // A new, empty map: every view names the next step.
  await fromMenu(page, 'New map');
  await expect(page.getByText('This map has no stakeholders yet. Use “Add stakeholder” to place the first one.')).toBeVisible();
  await expect(page.getByText('Select someone on the map or in the list')).toBeVisible();
  await page.getByRole('tab', { name: 'List', exact: true }).click();
  await expect(page.getByText('No stakeholders yet. Use “Add stakeholder” to add the first one.')).toBeVisible();
  await page.getByRole('tab', { name: 'Plan board', exact: true }).click();
  await expect(page.getByText('No actions yet. Select a stakeholder and open their Plan to accept a suggestion.')).toBeVisible();
  await page.getByRole('tab', { name: 'Due for contact', exact: true }).click();
  await expect(page.getByText(/Nobody is due for contact today. When you meet someone, log it/)).toBeVisible();
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await expect(page.getByText(/Take one first: in the map view, use “Take snapshot”/)).toBeVisible();
});

test('skipping the tour is remembered', async ({ openApp }) => {
  const { page } = await openApp();
  await skipTour(page);
  await expect(page.locator('section.tour')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect(page.locator('section.tour')).toHaveCount(0);
});
