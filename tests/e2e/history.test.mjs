// End-to-end tests of trust over time: snapshots and comparison, the progress report (and how it
// prints), targets, history, the replay timeline and the baseline offer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useServerAndBrowser, openApp, marker, positionOf, plotBox, ROOT } from './support.mjs';

const env = useServerAndBrowser();

async function nudge(page, name, key, times) {
  await marker(page, name).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

async function markerIds(page, names) {
  const out = [];
  for (const name of names) out.push(await marker(page, name).getAttribute('data-id'));
  return out.sort();
}

/** Chooses the option whose text starts with `prefix`. */
async function choose(page, label, prefix) {
  const select = page.getByLabel(label, { exact: true });
  const value = await select.locator('option').evaluateAll(
    (opts, p) => opts.find((o) => o.textContent.startsWith(p))?.value,
    prefix,
  );
  assert.ok(value, `an option starting “${prefix}” in ${label}`);
  await select.selectOption(value);
}

function weighted(list) {
  const total = list.reduce((s, [i]) => s + i, 0);
  return list.reduce((s, [i, k]) => s + i * k, 0) / total;
}

test('snapshot, move two, compare: arrows for exactly those two; the report has the right figures and prints', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });
  const labels = await page.locator('g.marker').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const before = labels.map((l) => { const [name, i, k] = l.split(', '); return [name, +i.split(' ')[1], +k.split(' ')[1]]; });

  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByLabel('Snapshot name').fill('Before the offsite');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await page.getByText('Snapshot “Before the offsite” saved.').waitFor();

  // Dana 74 → 34 (Champions), Grace 70 → 40 (Keep informed).
  await nudge(page, 'Dana Ortiz', 'Shift+ArrowLeft', 4);
  await nudge(page, 'Grace Lindqvist', 'Shift+ArrowLeft', 3);
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 34, Champions');
  assert.equal(await positionOf(page, 'Grace Lindqvist'), 'Grace Lindqvist, influence 38, skepticism 40, Keep informed');

  await choose(page, 'Compare with', 'Before the offsite');
  await page.getByText(/Compared with “Before the offsite”.*: 2 moved, 0 added, 0 removed, 8 unchanged\./).waitFor();
  const arrows = await page.locator('.comparison g.moved').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')).sort());
  assert.deepEqual(arrows, await markerIds(page, ['Dana Ortiz', 'Grace Lindqvist']));
  assert.equal(await page.locator('.comparison line.move-arrow').count(), 2);
  // The ghost sits where Dana was; the arrow ends where she is.
  const plot = await plotBox(page);
  const ghost = await page.locator(`.comparison g.moved[data-id="${(await markerIds(page, ['Dana Ortiz']))[0]}"] circle.ghost`).boundingBox();
  const was = plot.at(88, 74);
  assert.ok(Math.abs(ghost.x + ghost.width / 2 - was.x) < 2 && Math.abs(ghost.y + ghost.height / 2 - was.y) < 2, 'ghost at the old position');

  // Added and removed since are marked.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Noor Haddad');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Ravi Menon').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByText(/: 2 moved, 1 added, 1 removed, 7 unchanged\./).waitFor();
  assert.equal(await page.locator('.comparison g.added').count(), 1);
  assert.match(await page.locator('.comparison g.removed').textContent(), /Ravi Menon \(removed\)/);

  // The report against the snapshot.
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  await choose(page, 'Compare now with', 'Before the offsite');
  const row = async (q) => (await page.locator(`tr[data-quadrant="${q}"] td`).allInnerTexts());
  const then = Object.fromEntries(['Win over', 'Champions', 'Reassure', 'Keep informed'].map((q) => [q, 0]));
  const quadrant = (i, k) => (i >= 50 ? (k >= 50 ? 'Win over' : 'Champions') : (k >= 50 ? 'Reassure' : 'Keep informed'));
  for (const [, i, k] of before) then[quadrant(i, k)] += 1;
  const nowList = before
    .filter(([n]) => n !== 'Ravi Menon')
    .map(([n, i, k]) => (n === 'Dana Ortiz' ? [n, i, 34] : n === 'Grace Lindqvist' ? [n, i, 40] : [n, i, k]))
    .concat([['Noor Haddad', 50, 50]]);
  const now = Object.fromEntries(Object.keys(then).map((q) => [q, 0]));
  for (const [, i, k] of nowList) now[quadrant(i, k)] += 1;
  for (const [q, key] of [['Win over', 'win-over'], ['Champions', 'champions'], ['Reassure', 'reassure'], ['Keep informed', 'keep-informed']]) {
    const [a, b] = await row(key);
    assert.deepEqual([+a, +b], [then[q], now[q]], q);
  }
  const headline = await page.locator('.headline').innerText();
  const expectThen = Math.round(weighted(before.map(([, i, k]) => [i, k])));
  const expectNow = Math.round(weighted(nowList.map(([, i, k]) => [i, k])));
  assert.equal(headline, `Influence-weighted skepticism fell from ${expectThen} to ${expectNow} since “Before the offsite”: the people who matter most are more convinced.`);
  const toward = await page.locator('.movers').first().innerText();
  assert.match(toward, /Dana Ortiz: skepticism 74 → 34 \(−40\), from Win over to Champions/);
  assert.match(toward, /Grace Lindqvist: skepticism 70 → 40 \(−30\), from Reassure to Keep informed/);
  assert.ok(toward.indexOf('Dana Ortiz') < toward.indexOf('Grace Lindqvist'), 'largest move first');
  assert.match(await page.locator('.report-page').innerText(), /1 added since, 1 removed since\./);
  assert.equal(await page.locator('dd[data-figure="contacts"]').innerText(), '0');
  assert.equal(await page.locator('dd[data-figure="done"]').innerText(), '0');

  // Printing shows the report alone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.topbar').isVisible(), false);
  assert.equal(await page.locator('.panel').isVisible(), false);
  assert.equal(await page.locator('.report-tools').isVisible(), false);
  assert.equal(await page.locator('.report-page').isVisible(), true);
  await mkdir(join(ROOT, 'tests', 'e2e', 'artifacts'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'report-print.png'), fullPage: true });
  await page.pdf?.({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'report.pdf') }).catch(() => {});
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('targets are set by typing, moved by keyboard and by dragging, and kept', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });
  await marker(page, 'Jonas Weber').click();
  await page.getByLabel('Target influence').fill('30');
  await page.getByLabel('Target skepticism').fill('20');
  await page.getByRole('form', { name: 'Stakeholder details' }).getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();
  const handle = page.getByRole('button', { name: /^Target for Jonas Weber,/ });
  await handle.waitFor();
  assert.equal(await handle.getAttribute('aria-label'), 'Target for Jonas Weber, influence 30, skepticism 20, Keep informed');
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await handle.waitFor();
  assert.equal(await page.getByRole('button', { name: /^Target for Jonas Weber,/ }).getAttribute('aria-label'), 'Target for Jonas Weber, influence 41, skepticism 20, Keep informed');
  // Drag it to influence 60, skepticism 10.
  const plot = await plotBox(page);
  const ring = await page.locator('.target.active circle.target-ring').boundingBox();
  const start = { x: ring.x + ring.width / 2, y: ring.y + ring.height / 2 };
  const goal = plot.at(60, 10);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(goal.x, goal.y, { steps: 6 });
  await page.mouse.up();
  const moved = page.getByRole('button', { name: /^Target for Jonas Weber,/ });
  assert.equal(await moved.getAttribute('aria-label'), 'Target for Jonas Weber, influence 60, skepticism 10, Champions');
  assert.equal(await positionOf(page, 'Jonas Weber'), 'Jonas Weber, influence 22, skepticism 41, Keep informed', 'the person did not move');
  await page.reload();
  await marker(page, 'Jonas Weber').click();
  assert.equal(await page.getByRole('button', { name: /^Target for Jonas Weber,/ }).getAttribute('aria-label'), 'Target for Jonas Weber, influence 60, skepticism 10, Champions');
  assert.equal(await page.getByLabel('Target influence').inputValue(), '60');
  await context.close();
});

test('history records moves, the timeline replays the past, and a new map offers a baseline', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });
  // Six quick arrow presses are one point of history.
  await nudge(page, 'Marcus Feld', 'ArrowLeft', 6);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const items = await page.locator('.history-list li').allInnerTexts();
  assert.equal(items.length, 2, items.join('\n'));
  assert.match(items[0], /influence 92, skepticism 57 \(Win over\) · Moved on the map/);
  assert.match(items[1], /influence 92, skepticism 63 \(Win over\) · Added/);
  assert.match(await page.locator('svg.history-chart').getAttribute('aria-label'), /Skepticism went from 63 to 57/);

  // Replay from the example's baseline: Dana was at skepticism 85 then.
  await page.getByLabel('Replay over time').check();
  assert.equal(await page.locator('g.markers').isVisible(), false);
  const danaId = await page.locator('g.marker[aria-label^="Dana Ortiz,"]').getAttribute('data-id');
  const plot = await plotBox(page);
  const at = async () => {
    const b = await page.locator(`g.replay-marker[data-id="${danaId}"] circle.dot`).boundingBox();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  let p = await at();
  let want = plot.at(88, 85);
  assert.ok(Math.abs(p.x - want.x) < 2 && Math.abs(p.y - want.y) < 2, `Dana at her baseline: ${JSON.stringify(p)} vs ${JSON.stringify(want)}`);
  assert.match(await page.locator('.replay-date').innerText(), /^The map on /);
  const slider = page.getByLabel('Replay date');
  await slider.evaluate((el) => { el.value = el.max; el.dispatchEvent(new Event('input', { bubbles: true })); });
  p = await at();
  want = plot.at(88, 74);
  assert.ok(Math.abs(p.x - want.x) < 2 && Math.abs(p.y - want.y) < 2, 'Dana where she is now at the end of the timeline');
  await page.getByLabel('Replay over time').uncheck();
  assert.equal(await page.locator('g.markers').isVisible(), true);

  // A new map with its first stakeholder offers a baseline.
  await page.getByRole('button', { name: 'New map' }).click();
  assert.equal(await page.getByRole('button', { name: 'Take baseline' }).count(), 0, 'no offer for an empty map');
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('First Person');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await page.getByRole('button', { name: 'Take baseline' }).click();
  assert.equal(await page.getByRole('button', { name: 'Take baseline' }).count(), 0);
  await choose(page, 'Compare with', 'Baseline');
  await page.getByText(/0 moved, 0 added, 0 removed, 1 unchanged/).waitFor();
  await context.close();
});
