// End-to-end robustness: two tabs on one map, and the edits of each reaching the other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, marker, positionOf } from './support.mjs';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
  const context = await browser.newContext();
  const a = await context.newPage();
  await a.goto(server.origin + '/');
  await a.locator('g.marker').first().waitFor();
  const b = await context.newPage();
  await b.goto(server.origin + '/');
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
