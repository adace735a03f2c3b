// End-to-end: nothing a user made is lost when storage is cleared under a tab, when two tabs
// save at the same moment, or when the app builds names at the edge of the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, marker, positionOf } from './support.mjs';

const env = useServerAndBrowser();

/** "Name, influence N, skepticism M" from a marker's accessible name. */
async function coords(page, name) {
  return (await positionOf(page, name)).split(', ').slice(0, 3).join(', ');
}

/** The names in the "Open map" list, in order. */
async function mapNames(page) {
  return page.locator('#map-select option').allTextContents();
}

/** Waits until `page` shows exactly `count` maps in its list. */
async function waitForMapCount(page, count) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#map-select option').length === n,
    count,
  );
}

test('storage cleared in one tab: an edit in the other writes every map back, and a reload shows them', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const a = await context.newPage();
  await a.goto(env.server.origin + '/');
  await marker(a, 'Dana Ortiz').waitFor();
  // A second map, so there is more than the open one to lose.
  await a.getByRole('button', { name: 'New map', exact: true }).click();
  await waitForMapCount(a, 2);
  const held = await mapNames(a);
  await a.locator('#map-select').selectOption({ label: held[0] });
  await marker(a, 'Dana Ortiz').waitFor();

  const b = await context.newPage();
  await b.goto(env.server.origin + '/');
  await waitForMapCount(b, 2);
  await b.evaluate(() => localStorage.clear());

  // Tab A is told, in words, and still holds both maps.
  const banner = a.locator('.save-problem');
  await banner.waitFor();
  assert.match(await banner.innerText(), /storage was cleared/);
  assert.match(await banner.innerText(), /2 maps/);
  assert.deepEqual(await mapNames(a), held);

  // The user does what the banner says: any change.
  await marker(a, 'Dana Ortiz').focus();
  await a.keyboard.press('Shift+ArrowLeft');
  await a.locator('.notice', { hasText: 'written back' }).waitFor();
  await banner.waitFor({ state: 'detached' });

  // Every map is back in storage: a reload (of either tab) shows them all, with the edit.
  await b.reload();
  await waitForMapCount(b, 2);
  assert.deepEqual((await mapNames(b)).sort(), [...held].sort());
  await b.locator('#map-select').selectOption({ label: held[0] });
  await marker(b, 'Dana Ortiz').waitFor();
  assert.equal(await coords(b, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 64');
  await context.close();
});

test('two tabs editing different people at the same moment: both edits are kept', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const a = await context.newPage();
  await a.goto(env.server.origin + '/');
  await marker(a, 'Dana Ortiz').waitFor();
  const b = await context.newPage();
  await b.goto(env.server.origin + '/');
  await marker(b, 'Dana Ortiz').waitFor();
  await marker(a, 'Marcus Feld').focus();
  await marker(b, 'Grace Lindqvist').focus();
  // Both key presses are sent together; neither tab waits for the other.
  await Promise.all([a.keyboard.press('Shift+ArrowDown'), b.keyboard.press('Shift+ArrowDown')]);
  await Promise.all([a.keyboard.press('Shift+ArrowDown'), b.keyboard.press('Shift+ArrowDown')]);
  const marcus = 'Marcus Feld, influence 72, skepticism 63';
  const grace = 'Grace Lindqvist, influence 18, skepticism 70';
  for (const page of [a, b]) {
    await page.waitForFunction(
      ([m, g]) => [m, g].every((want) => document.querySelector(`g.marker[aria-label^="${want},"]`)),
      [marcus, grace],
    );
  }
  const c = await context.newPage();
  await c.goto(env.server.origin + '/');
  await marker(c, 'Marcus Feld').waitFor();
  assert.equal(await coords(c, 'Marcus Feld'), marcus);
  assert.equal(await coords(c, 'Grace Lindqvist'), grace);
  await context.close();
});

test('a map renamed to the longest name and duplicated twice reloads with every copy readable', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });
  const long = 'Leadership coaching rollout for the northern region, phase two, with the plant directors and the finance partners ok';
  assert.equal(long.length, 116);
  const name = page.locator('#map-name');
  await name.fill(long + ' end');
  await name.press('Enter');
  await name.blur();
  await page.waitForFunction((n) => document.querySelector('#map-select option:checked')?.textContent.trim() === n, long + ' end');
  const duplicate = page.getByRole('button', { name: 'Duplicate map', exact: true });
  await duplicate.click();
  await waitForMapCount(page, 2);
  await duplicate.click();
  await waitForMapCount(page, 3);
  const names = await mapNames(page);
  for (const n of names) assert.ok([...n.trim()].length <= 120, `"${n}" fits the limit`);
  await page.reload();
  await waitForMapCount(page, 3);
  assert.deepEqual(await mapNames(page), names);
  assert.equal(await page.locator('.notice', { hasText: 'could not be read' }).count(), 0);
  assert.equal(await page.locator('.set-aside').count(), 0, 'nothing was set aside');
  assert.deepEqual(errors, []);
  await context.close();
});
