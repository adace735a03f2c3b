// End-to-end: nothing a user made is lost when storage is cleared under a tab, when two tabs
// save at the same moment, or when the app builds names at the edge of the limit.
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, fromMenu, openMenu } from './support.mjs';

/** The "Open map" list's options. */
const mapOptions = (page) => page.locator('#map-select option');

/** The names in the "Open map" list, in order. */
async function mapNames(page) {
  return mapOptions(page).allTextContents();
}

test('storage cleared in one tab: an edit in the other writes every map back, and a reload shows them', async ({ browser, server }) => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const a = await context.newPage();
  await a.goto(server.origin + '/');
  await expect(marker(a, 'Dana Ortiz')).toBeVisible();
  // A second map, so there is more than the open one to lose.
  await fromMenu(a, 'New map');
  await expect(mapOptions(a)).toHaveCount(2);
  const held = await mapNames(a);
  await (await openMenu(a)).locator('#map-select').selectOption({ label: held[0] });
  await expect(marker(a, 'Dana Ortiz')).toBeVisible();

  const b = await context.newPage();
  await b.goto(server.origin + '/');
  await expect(mapOptions(b)).toHaveCount(2);
  await b.evaluate(() => localStorage.clear());

  // Tab A is told, in words, and still holds both maps.
  const banner = a.locator('.save-problem');
  await expect(banner).toContainText('storage was cleared');
  await expect(banner).toContainText('2 maps');
  expect(await mapNames(a)).toEqual(held);

  // The user does what the banner says: any change.
  await marker(a, 'Dana Ortiz').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  await expect(a.locator('.notice', { hasText: 'written back' })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Every map is back in storage: a reload (of either tab) shows them all, with the edit.
  await b.reload();
  await expect(mapOptions(b)).toHaveCount(2);
  expect((await mapNames(b)).sort()).toEqual([...held].sort());
  await (await openMenu(b)).locator('#map-select').selectOption({ label: held[0] });
  await expectPosition(b, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64');
  await context.close();
});

test('two tabs editing different people at the same moment: both edits are kept', async ({ browser, server }) => {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const a = await context.newPage();
  await a.goto(server.origin + '/');
  await expect(marker(a, 'Dana Ortiz')).toBeVisible();
  const b = await context.newPage();
  await b.goto(server.origin + '/');
  await expect(marker(b, 'Dana Ortiz')).toBeVisible();
  await marker(a, 'Marcus Feld').focus();
  await marker(b, 'Grace Lindqvist').focus();
  // Both key presses are sent together; neither tab waits for the other.
  await Promise.all([a.keyboard.press('Shift+ArrowDown'), b.keyboard.press('Shift+ArrowDown')]);
  await Promise.all([a.keyboard.press('Shift+ArrowDown'), b.keyboard.press('Shift+ArrowDown')]);
  const marcus = 'Marcus Feld, influence 72, skepticism 63';
  const grace = 'Grace Lindqvist, influence 18, skepticism 70';
  for (const page of [a, b]) {
    await expectPosition(page, 'Marcus Feld', marcus);
    await expectPosition(page, 'Grace Lindqvist', grace);
  }
  const c = await context.newPage();
  await c.goto(server.origin + '/');
  await expect(marker(c, 'Marcus Feld')).toBeVisible();
  await expectPosition(c, 'Marcus Feld', marcus);
  await expectPosition(c, 'Grace Lindqvist', grace);
  await context.close();
});

test('a map renamed to the longest name and duplicated twice reloads with every copy readable', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  const long = 'Leadership coaching rollout for the northern region, phase two, with the plant directors and the finance partners ok';
  expect(long).toHaveLength(116);
  const name = page.locator('#map-name');
  await name.fill(long + ' end');
  await name.press('Enter');
  await name.blur();
  await expect(page.locator('#map-select option:checked')).toHaveText(long + ' end');
  await fromMenu(page, 'Duplicate map');
  await expect(mapOptions(page)).toHaveCount(2);
  await fromMenu(page, 'Duplicate map');
  await expect(mapOptions(page)).toHaveCount(3);
  const names = await mapNames(page);
  for (const n of names) expect([...n.trim()].length, `"${n}" fits the limit`).toBeLessThanOrEqual(120);
  await page.reload();
  await expect(mapOptions(page)).toHaveCount(3);
  expect(await mapNames(page)).toEqual(names);
  await expect(page.locator('.notice', { hasText: 'could not be read' })).toHaveCount(0);
  await expect(page.locator('.set-aside'), 'nothing was set aside').toHaveCount(0);
  expect(errors).toEqual([]);
});
