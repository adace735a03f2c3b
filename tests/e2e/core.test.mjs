// End-to-end tests of the core map: what a user does in a real browser against the release build.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { markerLabels, marker, storedData, storedMaps, plotBox, dotCentre, FIXTURES, SUB_PATH, positionPart, fromMenu, openMenu, notice, announcer } from './support.mjs';

/** One stakeholder as stored in the browser, looked up by name in the only map. */
async function storedStakeholder(page, name) {
  const [stored] = Object.values(await storedMaps(page));
  return stored?.stakeholders.find((s) => s.name === name);
}

test('first visit shows the worked example with quadrants, labels and named controls', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await expect(page.locator('g.marker')).toHaveCount(10);
  const labels = (await markerLabels(page)).map(positionPart);
  expect(labels).toContain('Dana Ortiz, influence 88, skepticism 74, Win over');
  const quadrants = new Set(labels.map((l) => l.split(', ').at(-1)));
  expect([...quadrants].sort()).toEqual(['Champions', 'Keep informed', 'Reassure', 'Win over']);
  for (const name of ['Win over', 'Champions', 'Reassure', 'Keep informed']) {
    await expect(page.locator('text.quadrant-name', { hasText: name }), name).toHaveCount(1);
  }
  await expect(page.getByRole('button', { name: 'Add stakeholder', exact: true })).toBeVisible();
  for (const name of ['Map', 'List', 'Plan board', 'Due for contact', 'Evidence', 'Report', 'Workshop round']) {
    await expect(page.getByRole('tab', { name, exact: true }), `tab “${name}”`).toBeVisible();
  }
  // Map and file actions are in one menu.
  await openMenu(page);
  for (const name of ['Import map…', 'Export map', 'Export with passphrase…', 'Share…', 'New map', 'Duplicate map', 'Delete map']) {
    await expect(page.locator('#map-menu').getByRole('button', { name, exact: true }), `menu item “${name}”`).toBeVisible();
  }
  await expect(page.getByLabel('Open map')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('#map-menu')).toBeHidden();
  await expect(page.getByLabel('Import map')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('adding through the form validates inline, then places the stakeholder', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('140');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(page.getByText('Influence must be between 0 and 100 (you typed 140).')).toBeVisible();
  await expect(page.locator('g.marker'), 'nothing added while invalid').toHaveCount(10);
  await expect(page.getByLabel('Name (required)')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Name (required)').fill('Jordan Lee');
  await page.getByLabel('Role', { exact: true }).fill('Head of Procurement');
  await page.getByLabel('Organisation or unit').fill('Operations');
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('30');
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill('80');
  await page.getByLabel('Past disappointments').check();
  await page.getByLabel('Value not visible').check();
  await page.getByLabel('What they care about').fill('Supplier costs, contract compliance');
  await page.getByLabel('Notes').fill('Saw two “leadership journeys” fizzle out.');
  await page.getByLabel('Tags').fill('ops, new');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expectPosition(page, 'Jordan Lee', 'Jordan Lee, influence 30, skepticism 80, Reassure');
  await expect.poll(async () => {
    const jordan = await storedStakeholder(page, 'Jordan Lee');
    return jordan && { role: jordan.role, causes: jordan.root_causes, tags: jordan.tags, cares: jordan.cares_about };
  }).toEqual(
    { role: 'Head of Procurement', causes: ['past_disappointments', 'value_not_visible'], tags: ['ops', 'new'], cares: 'Supplier costs, contract compliance' },
  );
});

test('the map is drawn once, at its size: no marker moves after it first shows', async ({ openApp }) => {
  const { page } = await openApp();
  // Every change to a marker's place, from the very start of the next load.
  await page.addInitScript(() => {
    window.__moved = [];
    new MutationObserver((list) => {
      for (const m of list) if (m.target.matches?.('g.marker')) window.__moved.push(m.target.getAttribute('data-id'));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['transform'] });
  });
  await page.reload();
  await expect(marker(page, 'Dana Ortiz')).toBeVisible();
  const moved = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok(window.__moved), 1000)));
  expect(moved, 'markers drawn a second time once the map measured itself').toEqual([]);
});

test('dragging a marker with the mouse moves it, live, and saves once on release', async ({ openApp }) => {
  const { page } = await openApp();
  // Resize first: the drawing must follow its container.
  await page.setViewportSize({ width: 1100, height: 760 });
  const dana = marker(page, 'Dana Ortiz');
  await expect.poll(() => page.evaluate(() => {
    const svg = document.querySelector('svg.map-svg');
    const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
    const box = svg.getBoundingClientRect();
    return Math.abs(w - box.width) < 1 && Math.abs(h - box.height) < 1;
  }), { message: 'the drawing has the size of its container' }).toBe(true);
  const start = await dotCentre(dana);
  const plot = await plotBox(page);
  const target = plot.at(30, 20);
  const savedBefore = await storedData(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + target.x) / 2, (start.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 5 });
  // Mid-drag: the quadrant and colour follow the pointer, storage is untouched.
  await expect(dana).toHaveClass(/q-keep-informed/);
  expect(await storedData(page), 'the model is not saved during the drag').toEqual(savedBefore);
  // What the user sees moving is the lifted copy: shown, and under the pointer.
  const lifted = page.locator('svg.drag-layer g.marker');
  await expect(lifted).toHaveCSS('opacity', '1');
  await expect(dana).toHaveCSS('opacity', '0');
  await expect.poll(async () => {
    const c = await dotCentre(lifted);
    return Math.hypot(c.x - target.x, c.y - target.y);
  }, { message: "the dragged marker is drawn under the pointer" }).toBeLessThan(6);
  await page.mouse.up();
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 30, skepticism 20, Keep informed');
  await expect.poll(async () => {
    const saved = await storedStakeholder(page, 'Dana Ortiz');
    return [saved.influence, saved.skepticism];
  }).toEqual([30, 20]);
  // The side panel shows the same numbers.
  await expect(page.getByRole('spinbutton', { name: /^Influence/ })).toHaveValue('30');
});

test('a focused marker moves with the arrow keys, 1 point or 10 with Shift', async ({ openApp }) => {
  const { page } = await openApp();
  const dana = marker(page, 'Dana Ortiz');
  await dana.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 90, skepticism 65, Win over');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 50, skepticism 65, Win over');
  await page.keyboard.press('ArrowDown');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 49, skepticism 65, Reassure');
  // Typing the numbers in the panel moves it too.
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill('10');
  await expect(page.getByRole('form', { name: 'Stakeholder details' }).getByRole('status')).toHaveText('Saved');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 49, skepticism 10, Keep informed');
});

test('a reload restores exactly the same maps, names and positions', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByLabel('Map name').fill('Board rollout');
  await page.getByLabel('Map name').press('Enter');
  await marker(page, 'Marcus Feld').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await expectPosition(page, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 73, Win over');
  await fromMenu(page, 'New map');
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Solo Person');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expect(marker(page, 'Solo Person')).toBeVisible();
  const before = await storedMaps(page);
  expect(Object.keys(before)).toHaveLength(2);
  await page.reload();
  await expect(marker(page, 'Solo Person')).toBeVisible();
  await expect(page.getByLabel('Map name'), 'the last open map reopens').toHaveValue('Untitled map');
  await (await openMenu(page)).getByLabel('Open map').selectOption({ label: 'Board rollout' });
  await expectPosition(page, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 73, Win over');
  const after = await storedMaps(page);
  for (const [id, file] of Object.entries(before)) {
    const byId = (list) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after[id].stakeholders), id).toEqual(byId(file.stakeholders));
  }
});

async function exportCurrent(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    fromMenu(page, 'Export map'),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

test('export, clear storage, import gives back the same map', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByLabel('Map name').fill('Round trip / Q3');
  await page.getByLabel('Map name').press('Enter');
  await marker(page, 'Helen Achterberg').focus();
  await page.keyboard.press('ArrowLeft');
  await expectPosition(page, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 80');
  const exported = await exportCurrent(page);
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  expect(exported.name).toBe(`Round-trip-Q3-${today}.stakemap.json`);
  const file = JSON.parse(exported.text);
  expect(file.format).toBe('stakemap');
  expect(file.version).toBe(5);
  expect(file.evidence).toHaveLength(6);
  expect(file.relationships).toHaveLength(14);
  expect(file.exported_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(file.stakeholders).toHaveLength(10);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await page.getByLabel('Import map').setInputFiles(exported.path);
  // Said in words, shown and to a screen reader; the opened map is the one on show.
  const imported = 'Imported “Round trip / Q3” with 10 stakeholders as a new map.';
  await expect(notice(page).getByText(imported)).toBeVisible();
  await expect(announcer(page)).toHaveText(imported);
  await expect(page.getByLabel('Map name')).toHaveValue('Round trip / Q3');
  await expect(marker(page, 'Helen Achterberg')).toBeInViewport();
  const again = JSON.parse((await exportCurrent(page)).text);
  expect(again.map).toEqual(file.map);
  expect(again.stakeholders).toEqual(file.stakeholders);
});

test('an invalid file shows what is wrong and where, and changes nothing', async ({ openApp }) => {
  const { page } = await openApp();
  const before = await storedData(page);
  const mapsBefore = await page.getByLabel('Open map').locator('option').count();
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'bad', 'influence-not-number.json'));
  const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await expect(alert).toContainText('“influence-not-number.json” was not imported. Nothing was changed.');
  await expect(alert).toContainText('stakeholders[0].influence: expected a number from 0 to 100, found "high"');
  expect(await storedData(page)).toEqual(before);
  await expect(page.getByLabel('Open map').locator('option')).toHaveCount(mapsBefore);

  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'bad', 'future-version.json'));
  await expect(page.getByRole('alert').filter({ hasText: 'newer Stakemap' })).toBeVisible();
  expect(await storedData(page)).toEqual(before);
});

test('dropping a file on the window imports it as a new map', async ({ openApp }) => {
  const { page } = await openApp();
  const text = await readFile(join(FIXTURES, 'good', 'full-v1.stakemap.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'from-colleague.stakemap.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(marker(page, 'Renée Østergaard')).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('Finance transformation — coaching pilot');
  await expect(page.getByLabel('Open map').locator('option'), 'opened beside the example, not instead of it').toHaveCount(2);
});

test('maps can be created, renamed, duplicated, switched and deleted with confirmation', async ({ openApp }) => {
  const { page } = await openApp();
  await fromMenu(page, 'Duplicate map');
  await expect(page.getByLabel('Map name')).toHaveValue('Example: leadership coaching rollout (copy)');
  await expect(page.locator('g.marker')).toHaveCount(10);
  await page.getByLabel('Map name').fill('');
  await page.getByLabel('Map name').press('Enter');
  await expect(page.getByText('Give the map a name.')).toBeVisible();
  await page.getByLabel('Map name').fill('Sales leadership');
  await page.getByLabel('Map name').press('Enter');
  await expect(page.getByLabel('Open map').locator('option:checked')).toHaveText('Sales leadership');
  await fromMenu(page, 'Delete map');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete the map “Sales leadership”?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Open map').locator('option'), 'cancel keeps it').toHaveCount(2);
  await fromMenu(page, 'Delete map');
  await dialog.getByRole('button', { name: 'Delete map' }).click();
  await expect(page.getByLabel('Open map').locator('option')).toHaveCount(1);
  await expect(page.getByLabel('Map name')).toHaveValue('Example: leadership coaching rollout');

  // Deleting a stakeholder asks first too.
  await marker(page, 'Ravi Menon').locator('.dot').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(dialog).toContainText('Delete Ravi Menon?');
  await dialog.getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(marker(page, 'Ravi Menon')).toHaveCount(0);
  await expect(page.locator('g.marker')).toHaveCount(9);
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect(page.locator('g.marker')).toHaveCount(9);
});

test('the list view sorts, filters and shares the selection with the map', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByRole('tab', { name: 'List', exact: true }).click();
  // Rows that do not match the filter leave the table.
  const names = page.locator('tbody tr:visible td:first-child');
  const sortedNames = async () => (await names.allInnerTexts()).sort();
  await expect(names).toHaveCount(10);
  await page.getByRole('button', { name: 'Sort by influence' }).click();
  await page.getByRole('button', { name: 'Sort by influence' }).click();
  await expect(names.first()).toHaveText('Marcus Feld');
  await expect(page.locator('th[aria-sort="descending"]')).toHaveText('Influence ▼');
  await page.getByLabel('Filter').fill('budget');
  await expect.poll(sortedNames).toEqual(['Dana Ortiz', 'Jonas Weber', 'Marcus Feld']);
  await expect(page.locator('.list-count')).toHaveText('Showing 3 of 10');
  await page.getByLabel('Filter').fill('');
  await page.getByLabel('Tag', { exact: true }).selectOption('sponsor');
  await expect.poll(sortedNames).toEqual(['Aisha Bello', 'Priya Raman']);
  await page.getByRole('button', { name: 'Priya Raman' }).click();
  await expect(page.locator('tr[aria-selected="true"] td:first-child')).toHaveText('Priya Raman');
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await expect(marker(page, 'Priya Raman')).toHaveAttribute('aria-pressed', 'true');
  await marker(page, 'Tomasz Nowak').locator('.dot').click();
  await page.getByRole('tab', { name: 'List', exact: true }).click();
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  await expect(page.locator('tr[aria-selected="true"] td:first-child')).toHaveText('Tomasz Nowak');
});

test('works when hosted under a sub-path', async ({ openApp }) => {
  const { page } = await openApp({ path: SUB_PATH });
  await expect(page.locator('g.marker')).toHaveCount(10);
});

test('stays usable at 320 px wide and on a projector', async ({ openApp }) => {
  /** How far the page reaches past the right edge of the window, in pixels. */
  const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  for (const viewport of [{ width: 320, height: 640 }, { width: 1920, height: 1080 }]) {
    const { context, page } = await openApp({ viewport });
    await expect.poll(() => overflow(page), `no sideways scrolling at ${viewport.width}px`).toBeLessThanOrEqual(0);
    if (viewport.width < 640) {
      // A phone opens on the list; the map is one button away.
      await expect(page.locator('.stakeholder-table tbody tr').first()).toBeVisible();
      await page.getByRole('tab', { name: 'Map', exact: true }).click();
      await expect(page.locator('g.marker').first()).toBeVisible();
      await expect.poll(() => overflow(page), `no sideways scrolling on the map at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
    const map = page.locator('svg.map-svg');
    // Narrow screens put the panel below the map; wide ones beside it (360 px).
    const room = viewport.width < 900 ? viewport.width - 20 : viewport.width - 360 - 20;
    await expect.poll(async () => (await map.boundingBox()).width, `the map fills the room it has at ${viewport.width}px (${room}px)`)
      .toBeGreaterThanOrEqual(room);
    await expect.poll(async () => (await map.boundingBox()).height, `the map is tall enough at ${viewport.width}px`)
      .toBeGreaterThanOrEqual(300);
    const label = await page.locator('g.marker text.label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(label, 'labels at least 12px').toBeGreaterThanOrEqual(12);
    // Every marker is inside the drawing.
    const svg = await map.boundingBox();
    const boxes = await page.locator('g.marker .dot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    expect(boxes).toHaveLength(10);
    for (const b of boxes) {
      expect(b.left >= svg.x - 1 && b.right <= svg.x + svg.width + 1, `${JSON.stringify(b)} inside ${JSON.stringify(svg)}`).toBe(true);
    }
    await context.close();
  }
});

test('the app requested nothing from any other origin', async ({ openApp, server }) => {
  // Every test that opens the app checks its own requests when it ends (fixtures.mjs). This one
  // goes through every main view, the share dialog, an export and the sub-path, and checks the lot.
  const { page, requests } = await openApp();
  for (const name of ['List', 'Plan board', 'Due for contact', 'Report', 'Workshop round', 'Map']) {
    const tab = page.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab, name).toHaveAttribute('aria-selected', 'true');
  }
  await fromMenu(page, 'Share…');
  const share = page.getByRole('dialog', { name: 'Share this map' });
  await Promise.all([page.waitForEvent('download'), share.getByRole('button', { name: 'Download PNG' }).click()]);
  await share.getByRole('button', { name: 'Close' }).click();
  await exportCurrent(page);
  const sub = await openApp({ path: SUB_PATH });
  const urls = [...requests, ...sub.requests];
  expect(urls.length, 'requests were recorded').toBeGreaterThan(10);
  const foreign = urls.filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
});
