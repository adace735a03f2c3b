// Workshop and any screen: presenting the map to a room (large labels, nothing sensitive), the
// quick-add tray (paste names, then drag them onto the map by mouse or finger, or place them by
// keyboard), touch dragging on a tablet, the phone layout, printing the map, the shortcuts, the
// first-visit tour and empty states that name the next step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, openApp, marker, positionOf, plotBox, dotCentre, storedData } from './support.mjs';

const env = useServerAndBrowser();
const open = (options) => openApp(env.browser, env.server.origin, options);
const skipTour = (page) => page.getByRole('button', { name: 'Skip the tour' }).click();

/** Drags with a finger through the DevTools touch input, from `from` to `to` in steps. */
async function touchDrag(context, page, from, to, steps = 8) {
  const cdp = await context.newCDPSession(page);
  const point = (p) => [{ x: Math.round(p.x), y: Math.round(p.y), id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= steps; i++) {
    const p = { x: from.x + (to.x - from.x) * i / steps, y: from.y + (to.y - from.y) * i / steps };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(p) });
  }
  // The finger rests before lifting, as it does when placing something; lifting while still
  // moving would start a fling, and the browser then takes the next tap as "stop the fling".
  for (let i = 0; i < 3; i++) {
    await new Promise((ok) => setTimeout(ok, 60));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(to) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('presenting shows the map alone with large labels, and nothing sensitive', async () => {
  const { context, page } = await open();
  await skipTour(page);
  await marker(page, 'Dana Ortiz').click();
  const normalLabel = await marker(page, 'Dana Ortiz').locator('text.label').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  // Notes and plans are on the page before presenting…
  const notes = (await page.getByLabel('Notes').inputValue()).slice(0, 30);
  assert.ok(notes.length > 10, 'Dana has notes in the example');
  await page.keyboard.press('p');
  await page.getByRole('button', { name: 'Leave presentation' }).waitFor();
  const bigLabel = await marker(page, 'Dana Ortiz').locator('text.label').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(bigLabel >= normalLabel * 1.5, `labels grow for a projector (${normalLabel}px to ${bigLabel}px)`);
  // …and gone while presenting: no panel, no notes, no overdue badges, no targets, no header.
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(notes), 'notes are not on screen');
  assert.equal(await page.locator('aside.panel').count(), 0);
  assert.equal(await page.locator('g.marker .badge:visible').count(), 0);
  assert.equal(await page.locator('g.target').count(), 0);
  assert.equal(await page.locator('header.topbar').isVisible(), false);
  assert.equal(await page.locator('g.marker').count(), 10, 'everyone is still on the map');
  // The map fills the screen.
  const svg = await page.locator('svg.map-svg').boundingBox();
  assert.ok(svg.width >= 1200 && svg.height >= 500, JSON.stringify(svg));
  // Escape leaves; the panel is back.
  await page.keyboard.press('Escape');
  await page.locator('aside.panel').waitFor();
  assert.equal(await page.locator('header.topbar').isVisible(), true);
  await context.close();
});

test('quick add: pasted names wait in a tray, are dragged onto the map, and are kept on reload', async () => {
  const { context, page } = await open();
  await skipTour(page);
  await page.getByRole('button', { name: 'Present to a room' }).click();
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  await page.getByLabel('Names, one per line').fill('1. Sam Lee\n- Priya Nair\n\nJo Becker\tCFO\nDana Ortiz\nsam lee');
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await page.getByText('Added 3 names to the tray. Already in the tray or on the map: Dana Ortiz, sam lee.').waitFor();
  const tray = page.getByRole('list', { name: 'Names waiting to be placed' });
  assert.deepEqual(await tray.getByRole('button', { name: /^Place / }).allInnerTexts(), ['Sam Lee', 'Priya Nair', 'Jo Becker']);

  // The tray survives a reload.
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  assert.deepEqual(await tray.getByRole('button', { name: /^Place / }).allInnerTexts(), ['Sam Lee', 'Priya Nair', 'Jo Becker']);
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
  await marker(page, 'Sam Lee').waitFor();
  const sam = await positionOf(page, 'Sam Lee');
  const [, inf, sk] = sam.match(/influence (\d+), skepticism (\d+)/).map(Number);
  assert.ok(Math.abs(inf - 80) <= 2 && Math.abs(sk - 20) <= 2, sam);
  assert.equal(await page.locator('#move-announcer').textContent(), `Sam Lee placed at influence ${inf}, skepticism ${sk}: Champions`);

  // Keyboard: press Priya to put her in the middle; focus goes to her marker for the arrows.
  await page.getByRole('button', { name: 'Place Priya Nair on the map' }).focus();
  await page.keyboard.press('Enter');
  await marker(page, 'Priya Nair').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Priya Nair,'));
  await page.keyboard.press('Shift+ArrowUp');
  assert.equal(await positionOf(page, 'Priya Nair'), 'Priya Nair, influence 60, skepticism 50, Win over');

  // Remove Jo without placing; the tray is empty and nothing of it is left in storage.
  await page.getByRole('button', { name: 'Remove Jo Becker from the tray' }).click();
  assert.equal(await tray.getByRole('button').count(), 0);
  assert.ok(!Object.keys(await storedData(page)).some((k) => k.startsWith('stakemap:setting:tray:')));
  assert.equal(await page.locator('g.marker').count(), 12);
  await context.close();
});

test('on a tablet, a finger drags markers and names from the tray', async () => {
  const { context, page } = await open({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
  await skipTour(page);
  const box = await plotBox(page);
  await touchDrag(context, page, await dotCentre(marker(page, 'Dana Ortiz')), box.at(30, 20));
  const dana = await positionOf(page, 'Dana Ortiz');
  const [, inf, sk] = dana.match(/influence (\d+), skepticism (\d+)/).map(Number);
  assert.ok(Math.abs(inf - 30) <= 2 && Math.abs(sk - 20) <= 2, dana);

  await page.getByRole('button', { name: 'Type or paste names' }).tap();
  await page.getByLabel('Names, one per line').fill('Kim Park');
  await page.getByRole('button', { name: 'Add to the tray' }).tap();
  const chip = await page.getByRole('button', { name: 'Place Kim Park on the map' }).boundingBox();
  const box2 = await plotBox(page);
  await touchDrag(context, page, { x: chip.x + chip.width / 2, y: chip.y + chip.height / 2 }, box2.at(10, 90), 12);
  const kim = await positionOf(page, 'Kim Park');
  const [, ki, ks] = kim.match(/influence (\d+), skepticism (\d+)/).map(Number);
  assert.ok(Math.abs(ki - 10) <= 2 && Math.abs(ks - 90) <= 2, kim);
  await context.close();
});

test('a phone opens on the list, with the map one button away', async () => {
  const { context, page } = await open({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await skipTour(page);
  assert.equal(await page.locator('.stakeholder-table tbody tr:visible').count(), 10);
  assert.equal(await page.locator('svg.map-svg').count(), 0);
  await page.getByRole('button', { name: 'Map view', exact: true }).tap();
  await page.locator('g.marker').first().waitFor();
  const svg = await page.locator('svg.map-svg').boundingBox();
  assert.ok(svg.width >= 350, `the map uses the phone's width (${svg.width}px)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await context.close();
});

test('printing the map gives the map alone, with its key, on one page', async () => {
  const { context, page } = await open();
  await skipTour(page);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['header.topbar', 'aside.panel', '.main-tools', '.snapshot-bar', '.quick-add', '.tour']) {
    const visible = await page.locator(hidden).first().isVisible().catch(() => false);
    assert.equal(visible, false, `${hidden} is not printed`);
  }
  assert.ok(await page.locator('svg.map-svg').isVisible());
  assert.ok(await page.getByRole('list', { name: 'Key' }).isVisible(), 'the key is printed with the map');
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, 'the map prints on one page');
  await context.close();
});

test('the shortcuts help lists the keys, and each key does what it says', async () => {
  const { context, page } = await open();
  await skipTour(page);
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.waitFor();
  const rows = await help.locator('tbody tr').allInnerTexts();
  for (const words of ['New stakeholder', 'Search the list', 'Delete the selected stakeholder', 'Export the map', 'Undo', 'Redo', 'Switch between map and list']) {
    assert.ok(rows.some((r) => r.includes(words)), `the help lists “${words}”`);
  }
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'hidden' });

  await page.keyboard.press('m');
  await page.locator('.stakeholder-table').waitFor();
  await page.keyboard.press('m');
  await page.locator('svg.map-svg').waitFor();
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement.id === 'list-filter');
  await page.keyboard.type('ortiz');
  assert.equal(await page.locator('.stakeholder-table tbody tr:visible').count(), 1);
  // Typing in a field never triggers a shortcut ("m", "e", "n" were typed above as text).
  await page.keyboard.type(' me');
  assert.equal(await page.locator('.stakeholder-table').count(), 1, 'still on the list');
  await page.getByLabel('Filter').fill('');
  await page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' }).click();
  await page.locator('body').focus();
  await page.keyboard.press('Delete');
  await page.getByRole('dialog', { name: 'Delete Dana Ortiz?' }).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' }).count(), 1, 'nothing deleted without confirming');
  await page.keyboard.press('Delete');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  assert.equal(await page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' }).count(), 0);
  await page.keyboard.press('Control+z');
  await page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' }).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await page.locator('.stakeholder-table tbody tr', { hasText: 'Dana Ortiz' }).waitFor({ state: 'detached' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('e')]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.stakeholders.length, 9);
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.activeElement.id === 'sh-name');
  await page.getByRole('heading', { name: 'New stakeholder' }).waitFor();
  await context.close();
});

test('the tour shows once, on a first visit, and empty views say what to do next', async () => {
  const { context, page } = await open();
  const tour = page.getByRole('region', { name: 'Welcome to Stakemap' });
  await tour.waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Place people on the map' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Share by file' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  assert.equal(await page.locator('section.tour').count(), 0);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  assert.equal(await page.locator('section.tour').count(), 0, 'the tour does not come back');

  // A new, empty map: every view names the next step.
  await page.getByRole('button', { name: 'New map' }).click();
  await page.getByText('This map has no stakeholders yet. Use “Add stakeholder” to place the first one.').waitFor();
  await page.getByText('Select someone on the map or in the list').waitFor();
  await page.getByRole('button', { name: 'List view' }).click();
  await page.getByText('No stakeholders yet. Use “Add stakeholder” to add the first one.').waitFor();
  await page.getByRole('button', { name: 'Plan board' }).click();
  await page.getByText('No actions yet. Select a stakeholder and open their Plan to accept a suggestion.').waitFor();
  await page.getByRole('button', { name: 'Due for contact' }).click();
  await page.getByText(/Nobody is due for contact today. When you meet someone, log it/).waitFor();
  await page.getByRole('button', { name: 'Report' }).click();
  await page.getByText(/Take one first: in the map view, use “Take snapshot”/).waitFor();
  await context.close();
});

test('skipping the tour is remembered', async () => {
  const { context, page } = await open();
  await skipTour(page);
  assert.equal(await page.locator('section.tour').count(), 0);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  assert.equal(await page.locator('section.tour').count(), 0);
  await context.close();
});
