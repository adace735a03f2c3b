// End-to-end robustness: two tabs on one map, and undo/redo over every kind of edit.
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, positionOf, storedData, FIXTURES, skipTour } from './support.mjs';

test('two tabs: an edit in one appears in the other, and simultaneous edits both survive', async ({ browser, server }) => {
  const context = await browser.newContext();
  const a = await context.newPage();
  await a.goto(server.origin + '/');
  await expect(a.locator('g.marker').first()).toBeVisible();
  const b = await context.newPage();
  await b.goto(server.origin + '/');
  await expect(b.locator('g.marker').first()).toBeVisible();
  await expect(b.locator('g.marker'), 'the second tab opens the same map').toHaveCount(10);

  await marker(a, 'Dana Ortiz').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  await expectPosition(b, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');

  // Both tabs edit different people "at once": B has not heard of A's edit when it makes its own.
  await b.evaluate(() => { window.__block = (e) => e.stopImmediatePropagation(); window.addEventListener('storage', window.__block, true); });
  await marker(a, 'Marcus Feld').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  await expectPosition(a, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 53, Win over');
  await marker(b, 'Helen Achterberg').focus();
  await b.keyboard.press('Shift+ArrowLeft');
  await expectPosition(b, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 71, Win over');
  await b.evaluate(() => window.removeEventListener('storage', window.__block, true));
  // B built its edit on top of A's (it read the newer revision before saving): read at once, as
  // the storage event that would have told B was blocked and none has come since.
  expect(await positionOf(b, 'Marcus Feld')).toBe('Marcus Feld, influence 92, skepticism 53, Win over');
  // ... and A receives B's.
  await expectPosition(a, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 71, Win over');
  await expectPosition(a, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 53, Win over');

  // After a reload, storage holds both.
  await a.reload();
  await expect(marker(a, 'Helen Achterberg')).toBeVisible();
  await expectPosition(a, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 53, Win over');
  await expectPosition(a, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 71, Win over');
  await context.close();
});

test('undo and redo over add, move, delete and import, by keyboard and buttons; a reload agrees', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  const maps = page.getByLabel('Open map').locator('option');
  await expect(undo, 'nothing to undo on a first visit').toBeDisabled();

  // Add.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Kim Park');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expect(marker(page, 'Kim Park')).toBeVisible();
  await expect(undo).toHaveAttribute('title', 'Undo add Kim Park (Ctrl+Z)');
  await undo.click();
  await expect(marker(page, 'Kim Park')).toHaveCount(0);
  await redo.click();
  await expect(marker(page, 'Kim Park')).toBeVisible();

  // Move, undone with Ctrl+Z while the marker has focus, redone with Ctrl+Shift+Z and Ctrl+Y.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 54, Win over');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 74, Win over');
  await page.keyboard.press('Control+Shift+z');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');
  await page.keyboard.press('Control+y');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 54, Win over');

  // Ctrl+Z inside a text field is the field's own undo, not the map's. (The map's undo would run
  // in the key's own handler, before the key press is done; the position is read right after.)
  await marker(page, 'Dana Ortiz').locator('.dot').click();
  await page.getByLabel('Notes').fill('typing');
  await page.getByLabel('Notes').press('Control+z');
  expect(await positionOf(page, 'Dana Ortiz')).toBe('Dana Ortiz, influence 88, skepticism 54, Win over');

  // Delete (with its plan), undone.
  await marker(page, 'Marcus Feld').locator('.dot').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(marker(page, 'Marcus Feld')).toHaveCount(0);
  await undo.click();
  await expect(marker(page, 'Marcus Feld')).toBeVisible();
  await page.getByRole('tab', { name: 'Plan board', exact: true }).click();
  await expect(page.locator('article[aria-label="Share ROI evidence"]').first(), "Marcus's actions came back").toBeVisible();
  await page.getByRole('tab', { name: 'Map', exact: true }).click();

  // Import, undone (the map goes), redone (it comes back).
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'good', 'full-v1.stakemap.json'));
  await expect(marker(page, 'Renée Østergaard')).toBeVisible();
  await expect(maps).toHaveCount(2);
  await undo.click();
  await expect(maps).toHaveCount(1);
  await redo.click();
  await expect(marker(page, 'Renée Østergaard')).toBeVisible();
  await undo.click();
  await expect(maps).toHaveCount(1);

  // A reload shows exactly what undo left: stored state and screen agree.
  const stored = await storedData(page);
  await page.reload();
  await expect(marker(page, 'Marcus Feld')).toBeVisible();
  await expect(maps).toHaveCount(1);
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 54, Win over');
  await expect(marker(page, 'Kim Park')).toHaveCount(1);
  // The same maps and parts; settings (like the version the app last ran) are not map data.
  const mapKeys = (data) => Object.keys(data).filter((k) => !k.startsWith('stakemap:setting:')).sort();
  expect(mapKeys(await storedData(page))).toEqual(mapKeys(stored));
  expect(errors).toEqual([]);
});
