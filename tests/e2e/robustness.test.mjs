// End-to-end robustness: two tabs on one map, and undo/redo over every kind of edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  useServerAndBrowser, openApp, marker, positionOf, storedData, FIXTURES } from './support.mjs';

const env = useServerAndBrowser();

async function waitForPosition(page, name, expected, ms = 1000) {
  const started = Date.now();
  for (;;) {
    const now = await positionOf(page, name);
    if (now === expected) return Date.now() - started;
    if (Date.now() - started > ms) assert.equal(now, expected, `within ${ms} ms`);
    await page.waitForTimeout(25);
  }
}

test('two tabs: an edit in one appears in the other within a second, and simultaneous edits both survive', async () => {
  const context = await env.browser.newContext();
  const a = await context.newPage();
  await a.goto(env.server.origin + '/');
  await a.locator('g.marker').first().waitFor();
  const b = await context.newPage();
  await b.goto(env.server.origin + '/');
  await b.locator('g.marker').first().waitFor();
  assert.equal(await b.locator('g.marker').count(), 10, 'the second tab opens the same map');

  await marker(a, 'Dana Ortiz').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  const took = await waitForPosition(b, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');
  assert.ok(took < 1000, `arrived in ${took} ms`);

  // Both tabs edit different people "at once": B has not heard of A's edit when it makes its own.
  await b.evaluate(() => { window.__block = (e) => e.stopImmediatePropagation(); window.addEventListener('storage', window.__block, true); });
  await marker(a, 'Marcus Feld').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  await marker(b, 'Helen Achterberg').focus();
  await b.keyboard.press('Shift+ArrowLeft');
  await b.evaluate(() => window.removeEventListener('storage', window.__block, true));
  // B built its edit on top of A's (it read the newer revision before saving) ...
  assert.equal(await positionOf(b, 'Marcus Feld'), 'Marcus Feld, influence 92, skepticism 53, Win over');
  assert.equal(await positionOf(b, 'Helen Achterberg'), 'Helen Achterberg, influence 66, skepticism 71, Win over');
  // ... and A receives B's.
  await waitForPosition(a, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 71, Win over');
  assert.equal(await positionOf(a, 'Marcus Feld'), 'Marcus Feld, influence 92, skepticism 53, Win over');

  // After a reload, storage holds both.
  await a.reload();
  await marker(a, 'Helen Achterberg').waitFor();
  assert.equal(await positionOf(a, 'Marcus Feld'), 'Marcus Feld, influence 92, skepticism 53, Win over');
  assert.equal(await positionOf(a, 'Helen Achterberg'), 'Helen Achterberg, influence 66, skepticism 71, Win over');
  await context.close();
});

test('undo and redo over add, move, delete and import, by keyboard and buttons; a reload agrees', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  assert.equal(await undo.isDisabled(), true, 'nothing to undo on a first visit');

  // Add.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Kim Park');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Kim Park').waitFor();
  assert.equal(await undo.getAttribute('title'), 'Undo add Kim Park (Ctrl+Z)');
  await undo.click();
  assert.equal(await marker(page, 'Kim Park').count(), 0);
  await redo.click();
  await marker(page, 'Kim Park').waitFor();

  // Move, undone with Ctrl+Z while the marker has focus, redone with Ctrl+Shift+Z and Ctrl+Y.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 54, Win over');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 74, Win over');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 64, Win over');
  await page.keyboard.press('Control+y');
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 54, Win over');

  // Ctrl+Z inside a text field is the field's own undo, not the map's.
  await marker(page, 'Dana Ortiz').click();
  await page.getByLabel('Notes').fill('typing');
  await page.getByLabel('Notes').press('Control+z');
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 54, Win over');

  // Delete (with its plan), undone.
  await marker(page, 'Marcus Feld').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  assert.equal(await marker(page, 'Marcus Feld').count(), 0);
  await undo.click();
  await marker(page, 'Marcus Feld').waitFor();
  await page.getByRole('button', { name: 'Plan board', exact: true }).click();
  assert.ok((await page.locator('article').evaluateAll((a) => a.map((x) => x.getAttribute('aria-label')))).includes('Share ROI evidence'), "Marcus's actions came back");
  await page.getByRole('button', { name: 'Map view', exact: true }).click();

  // Import, undone (the map goes), redone (it comes back).
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'good', 'full-v1.stakemap.json'));
  await marker(page, 'Renée Østergaard').waitFor();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 2);
  await undo.click();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 1);
  await redo.click();
  await marker(page, 'Renée Østergaard').waitFor();
  await undo.click();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 1);

  // A reload shows exactly what undo left: stored state and screen agree.
  const stored = await storedData(page);
  await page.reload();
  await marker(page, 'Marcus Feld').waitFor();
  assert.equal(await page.getByLabel('Open map').locator('option').count(), 1);
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 54, Win over');
  assert.equal(await marker(page, 'Kim Park').count(), 1);
  // The same maps and parts; settings (like the version the app last ran) are not map data.
  const mapKeys = (data) => Object.keys(data).filter((k) => !k.startsWith('stakemap:setting:')).sort();
  assert.deepEqual(mapKeys(await storedData(page)), mapKeys(stored));
  assert.deepEqual(errors, []);
  await context.close();
});
