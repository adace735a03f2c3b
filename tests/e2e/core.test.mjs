// End-to-end tests of the core map: what a user does in a real browser against the release build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useServerAndBrowser, openApp, markerLabels, marker, storedData, storedMaps, plotBox, dotCentre, FIXTURES, SUB_PATH,
  positionOf, positionPart,
} from './support.mjs';

const env = useServerAndBrowser();
const allRequests = [];

async function open(options) {
  const app = await openApp(env.browser, env.server.origin, options);
  allRequests.push(app.requests);
  return app;
}

test('first visit shows the worked example with quadrants, labels and named controls', async () => {
  const { context, page, errors } = await open();
  const labels = (await markerLabels(page)).map(positionPart);
  assert.equal(labels.length, 10);
  assert.ok(labels.includes('Dana Ortiz, influence 88, skepticism 74, Win over'), labels.join('\n'));
  const quadrants = new Set(labels.map((l) => l.split(', ').at(-1)));
  assert.deepEqual([...quadrants].sort(), ['Champions', 'Keep informed', 'Reassure', 'Win over']);
  for (const name of ['Win over', 'Champions', 'Reassure', 'Keep informed']) {
    assert.equal(await page.locator('text.quadrant-name', { hasText: name }).count(), 1, name);
  }
  for (const name of ['Add stakeholder', 'Export map', 'New map', 'Duplicate map', 'Delete map', 'Map view', 'List view']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, `button “${name}”`);
  }
  assert.equal(await page.getByLabel('Import map').count(), 1);
  assert.equal(await page.getByLabel('Open map').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('adding through the form validates inline, then places the stakeholder', async () => {
  const { context, page } = await open();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('140');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await page.getByText('Enter a name.').waitFor();
  await page.getByText('Influence must be between 0 and 100 (you typed 140).').waitFor();
  assert.equal(await page.locator('g.marker').count(), 10, 'nothing added while invalid');
  assert.equal(await page.getByLabel('Name (required)').getAttribute('aria-invalid'), 'true');

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
  await marker(page, 'Jordan Lee').waitFor();
  assert.equal(positionPart(await marker(page, 'Jordan Lee').getAttribute('aria-label')), 'Jordan Lee, influence 30, skepticism 80, Reassure');
  const [stored] = Object.values(await storedMaps(page));
  const jordan = stored.stakeholders.find((s) => s.name === 'Jordan Lee');
  assert.deepEqual(
    { role: jordan.role, causes: jordan.root_causes, tags: jordan.tags, cares: jordan.cares_about },
    { role: 'Head of Procurement', causes: ['past_disappointments', 'value_not_visible'], tags: ['ops', 'new'], cares: 'Supplier costs, contract compliance' },
  );
  await context.close();
});

test('dragging a marker with the mouse moves it, live, and saves once on release', async () => {
  const { context, page } = await open();
  // Resize first: the drawing must follow its container.
  await page.setViewportSize({ width: 1100, height: 760 });
  const dana = marker(page, 'Dana Ortiz');
  await page.waitForFunction(() => {
    const svg = document.querySelector('svg.map-svg');
    const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
    const box = svg.getBoundingClientRect();
    return Math.abs(w - box.width) < 1 && Math.abs(h - box.height) < 1;
  });
  const start = await dotCentre(dana);
  const plot = await plotBox(page);
  const target = plot.at(30, 20);
  const savedBefore = await storedData(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + target.x) / 2, (start.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 5 });
  // Mid-drag: the quadrant and colour follow the pointer, storage is untouched.
  assert.match(await dana.getAttribute('class'), /q-keep-informed/);
  assert.deepEqual(await storedData(page), savedBefore, 'the model is not saved during the drag');
  await page.mouse.up();
  assert.equal(positionPart(await dana.getAttribute('aria-label')), 'Dana Ortiz, influence 30, skepticism 20, Keep informed');
  const [stored] = Object.values(await storedMaps(page));
  const saved = stored.stakeholders.find((s) => s.name === 'Dana Ortiz');
  assert.deepEqual([saved.influence, saved.skepticism], [30, 20]);
  // The side panel shows the same numbers.
  assert.equal(await page.getByRole('spinbutton', { name: /^Influence/ }).inputValue(), '30');
  await context.close();
});

test('a focused marker moves with the arrow keys, 1 point or 10 with Shift', async () => {
  const { context, page } = await open();
  const dana = marker(page, 'Dana Ortiz');
  await dana.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('ArrowRight');
  assert.equal(positionPart(await dana.getAttribute('aria-label')), 'Dana Ortiz, influence 90, skepticism 65, Win over');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  assert.equal(positionPart(await dana.getAttribute('aria-label')), 'Dana Ortiz, influence 50, skepticism 65, Win over');
  await page.keyboard.press('ArrowDown');
  assert.equal(positionPart(await dana.getAttribute('aria-label')), 'Dana Ortiz, influence 49, skepticism 65, Reassure');
  // Typing the numbers in the panel moves it too.
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill('10');
  await page.getByRole('form', { name: 'Stakeholder details' }).getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  assert.equal(positionPart(await dana.getAttribute('aria-label')), 'Dana Ortiz, influence 49, skepticism 10, Keep informed');
  await context.close();
});

test('a reload restores exactly the same maps, names and positions', async () => {
  const { context, page } = await open();
  await page.getByLabel('Map name').fill('Board rollout');
  await page.getByLabel('Map name').press('Enter');
  await marker(page, 'Marcus Feld').focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.getByRole('button', { name: 'New map' }).click();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Solo Person');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Solo Person').waitFor();
  const before = await storedMaps(page);
  await page.reload();
  await marker(page, 'Solo Person').waitFor();
  assert.equal(await page.getByLabel('Map name').inputValue(), 'Untitled map', 'the last open map reopens');
  await page.getByLabel('Open map').selectOption({ label: 'Board rollout' });
  await marker(page, 'Marcus Feld').waitFor();
  assert.equal(positionPart(await marker(page, 'Marcus Feld').getAttribute('aria-label')), 'Marcus Feld, influence 92, skepticism 73, Win over');
  const after = await storedMaps(page);
  assert.equal(Object.keys(before).length, 2);
  for (const [id, file] of Object.entries(before)) {
    const byId = (list) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(byId(after[id].stakeholders), byId(file.stakeholders), id);
  }
  await context.close();
});

async function exportCurrent(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export map' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

test('export, clear storage, import gives back the same map', async () => {
  const { context, page } = await open();
  await page.getByLabel('Map name').fill('Round trip / Q3');
  await page.getByLabel('Map name').press('Enter');
  await marker(page, 'Helen Achterberg').focus();
  await page.keyboard.press('ArrowLeft');
  const exported = await exportCurrent(page);
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  assert.equal(exported.name, `Round-trip-Q3-${today}.stakemap.json`);
  const file = JSON.parse(exported.text);
  assert.equal(file.format, 'stakemap');
  assert.equal(file.version, 3);
  assert.match(file.exported_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(file.stakeholders.length, 10);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  await page.getByLabel('Import map').setInputFiles(exported.path);
  await page.getByText('Imported “Round trip / Q3” with 10 stakeholders as a new map.').waitFor();
  assert.equal(await page.getByLabel('Map name').inputValue(), 'Round trip / Q3');
  const again = JSON.parse((await exportCurrent(page)).text);
  assert.deepEqual(again.map, file.map);
  assert.deepEqual(again.stakeholders, file.stakeholders);
  await context.close();
});

test('an invalid file shows what is wrong and where, and changes nothing', async () => {
  const { context, page } = await open();
  const before = await storedData(page);
  const mapsBefore = await page.getByLabel('Open map').locator('option').count();
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'bad', 'influence-not-number.json'));
  const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await alert.waitFor();
  const text = await alert.innerText();
  assert.match(text, /“influence-not-number\.json” was not imported\. Nothing was changed\./);
  assert.match(text, /stakeholders\[0\]\.influence: expected a number from 0 to 100, found "high"/);
  assert.deepEqual(await storedData(page), before);
  assert.equal(await page.getByLabel('Open map').locator('option').count(), mapsBefore);

  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'bad', 'future-version.json'));
  await page.getByRole('alert').filter({ hasText: 'newer Stakemap' }).waitFor();
  assert.deepEqual(await storedData(page), before);
  await context.close();
});

test('dropping a file on the window imports it as a new map', async () => {
  const { context, page } = await open();
  const text = await readFile(join(FIXTURES, 'good', 'full-v1.stakemap.json'), 'utf8');
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'from-colleague.stakemap.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await marker(page, 'Renée Østergaard').waitFor();
  assert.equal(await page.getByLabel('Map name').inputValue(), 'Finance transformation — coaching pilot');
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 2, 'opened beside the example, not instead of it');
  await context.close();
});

test('maps can be created, renamed, duplicated, switched and deleted with confirmation', async () => {
  const { context, page } = await open();
  await page.getByRole('button', { name: 'Duplicate map' }).click();
  assert.equal(await page.getByLabel('Map name').inputValue(), 'Example: leadership coaching rollout (copy)');
  assert.equal(await page.locator('g.marker').count(), 10);
  await page.getByLabel('Map name').fill('');
  await page.getByLabel('Map name').press('Enter');
  await page.getByText('Give the map a name.').waitFor();
  await page.getByLabel('Map name').fill('Sales leadership');
  await page.getByLabel('Map name').press('Enter');
  await page.getByRole('button', { name: 'Delete map' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Delete the map “Sales leadership”\?/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 2, 'cancel keeps it');
  await page.getByRole('button', { name: 'Delete map' }).click();
  await dialog.getByRole('button', { name: 'Delete map' }).click();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 1);
  assert.equal(await page.getByLabel('Map name').inputValue(), 'Example: leadership coaching rollout');

  // Deleting a stakeholder asks first too.
  await marker(page, 'Ravi Menon').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  assert.match(await dialog.innerText(), /Delete Ravi Menon\?/);
  await dialog.getByRole('button', { name: 'Delete stakeholder' }).click();
  assert.equal(await marker(page, 'Ravi Menon').count(), 0);
  assert.equal(await page.locator('g.marker').count(), 9);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  assert.equal(await page.locator('g.marker').count(), 9);
  await context.close();
});

test('the list view sorts, filters and shares the selection with the map', async () => {
  const { context, page } = await open();
  await page.getByRole('button', { name: 'List view' }).click();
  // Rows that do not match the filter stay in the table, hidden.
  const names = () => page.locator('tbody tr:visible td:first-child').allInnerTexts();
  assert.equal((await names()).length, 10);
  await page.getByRole('button', { name: 'Sort by influence' }).click();
  await page.getByRole('button', { name: 'Sort by influence' }).click();
  assert.equal((await names())[0], 'Marcus Feld');
  assert.equal((await page.locator('th[aria-sort="descending"]').innerText()).replace(/\s+/g, ' '), 'Influence ▼');
  await page.getByLabel('Filter').fill('budget');
  assert.deepEqual((await names()).sort(), ['Dana Ortiz', 'Jonas Weber', 'Marcus Feld']);
  assert.equal(await page.locator('.list-count').innerText(), 'Showing 3 of 10');
  await page.getByLabel('Filter').fill('');
  await page.getByLabel('Tag', { exact: true }).selectOption('sponsor');
  assert.deepEqual((await names()).sort(), ['Aisha Bello', 'Priya Raman']);
  await page.getByRole('button', { name: 'Priya Raman' }).click();
  assert.equal(await page.locator('tr[aria-selected="true"] td:first-child').innerText(), 'Priya Raman');
  await page.getByRole('button', { name: 'Map view' }).click();
  assert.equal(await marker(page, 'Priya Raman').getAttribute('aria-pressed'), 'true');
  await marker(page, 'Tomasz Nowak').click();
  await page.getByRole('button', { name: 'List view' }).click();
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  assert.equal(await page.locator('tr[aria-selected="true"] td:first-child').innerText(), 'Tomasz Nowak');
  await context.close();
});

test('works when hosted under a sub-path', async () => {
  const { context, page } = await open({ path: SUB_PATH });
  assert.equal(await page.locator('g.marker').count(), 10);
  await context.close();
});

test('stays usable at 320 px wide and on a projector', async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 1920, height: 1080 }]) {
    const { context, page } = await open({ viewport });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${viewport.width}px (overflow ${overflow}px)`);
    if (viewport.width < 640) {
      // A phone opens on the list; the map is one button away.
      await page.locator('.stakeholder-table tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'Map view', exact: true }).click();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(wide <= 0, `no sideways scrolling on the map at ${viewport.width}px (overflow ${wide}px)`);
    }
    const svg = await page.locator('svg.map-svg').boundingBox();
    // Narrow screens put the panel below the map; wide ones beside it (360 px).
    const room = viewport.width < 900 ? viewport.width - 20 : viewport.width - 360 - 20;
    assert.ok(svg.width >= room, `the map fills the room it has at ${viewport.width}px (${svg.width}px of ${room}px)`);
    assert.ok(svg.height >= 300, `the map is tall enough at ${viewport.width}px (${svg.height}px)`);
    const label = await page.locator('g.marker text.label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    assert.ok(label >= 12, `labels at least 12px (${label}px)`);
    // Every marker is inside the drawing.
    const boxes = await page.locator('g.marker .dot').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()));
    for (const b of boxes) assert.ok(b.left >= svg.x - 1 && b.right <= svg.x + svg.width + 1, JSON.stringify(b));
    await context.close();
  }
});

test('the app requested nothing from any other origin', () => {
  const urls = allRequests.flat();
  assert.ok(urls.length > 10, 'requests were recorded');
  const foreign = urls.filter((u) => !u.startsWith(env.server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
});
