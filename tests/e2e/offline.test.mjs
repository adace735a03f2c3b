// Offline and installable: after one visit the app opens with the network cut; the service
// worker keeps only the app's own files; the manifest makes it installable; a new version waits
// for the next launch and is announced both when it arrives and when it takes over.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, marker, positionOf, DIST } from './support.mjs';

const browser = await launch();
const copies = [];
after(async () => {
  await browser.close();
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

/** A private copy of dist/, so a test can change it as a new release would. */
async function distCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'stakemap-dist-'));
  copies.push(dir);
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/** Loads the app and waits until its service worker controls the page. */
async function visit(context, origin) {
  const page = await context.newPage();
  await page.goto(origin + '/');
  await page.locator('g.marker').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  return page;
}

const APP_FILES = ['index.html', 'stakemap.js', 'stakemap_bg.wasm', 'main.css', 'manifest.webmanifest',
  'icon.svg', 'icon-192.png', 'icon-512.png'];

test('after one visit the app opens with the network cut, with the map as the user left it', async () => {
  const server = await serveDist({}, { root: await distCopy() });
  const context = await browser.newContext();
  const page = await visit(context, server.origin);
  // An edit before going offline, to find again afterwards.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowDown');
  const moved = await positionOf(page, 'Dana Ortiz');
  assert.match(moved, /influence 78/);

  // The worker keeps exactly the app's own files: no map, no storage, nothing else.
  const cached = await page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname.split('/').pop());
    }
    return out;
  });
  const names = Object.keys(cached);
  assert.equal(names.length, 1, `one cache: ${names}`);
  assert.match(names[0], /^stakemap-app-[0-9a-f]{16}$/);
  assert.deepEqual(cached[names[0]].sort(), [...APP_FILES].sort());
  for (const file of APP_FILES.filter((f) => !f.endsWith('.png') && !f.endsWith('.wasm'))) {
    const body = await page.evaluate(async ([cache, f]) => (await (await caches.open(cache)).match(f)).text(), [names[0], file]);
    assert.ok(!body.includes('Dana Ortiz'), `${file} in the cache holds no map data`);
  }

  // Cut the network: the server is gone and the browser is offline.
  await server.close();
  await context.setOffline(true);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.reload();
  await marker(page, 'Dana Ortiz').waitFor();
  assert.equal(await positionOf(page, 'Dana Ortiz'), moved, 'the edit made before going offline is there');
  // And it still works: a move offline is saved and survives another offline reload.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const offlineMove = await positionOf(page, 'Dana Ortiz');
  await page.reload();
  await marker(page, 'Dana Ortiz').waitFor();
  assert.equal(await positionOf(page, 'Dana Ortiz'), offlineMove);
  // A second tab opened offline works too.
  const second = await context.newPage();
  await second.goto(server.origin + '/');
  await marker(second, 'Dana Ortiz').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the manifest makes the app installable, with its icons', async () => {
  const server = await serveDist();
  const context = await browser.newContext();
  const page = await visit(context, server.origin);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = JSON.parse(await readFile(join(DIST, href), 'utf8'));
  assert.equal(manifest.name, 'Stakemap');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const png = await readFile(join(DIST, icon.src));
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(`${w}x${h}`, icon.sizes, `${icon.src} is the size the manifest says`);
  }
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Test contexts are private windows, where no browser installs apps; nothing else may stop it.
  const blocking = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
  assert.deepEqual(blocking, [], 'Chromium finds nothing stopping installation');
  await context.close();
  await server.close();
});

test('a new version waits for the next launch, and both moments are announced', async () => {
  const dir = await distCopy();
  const server = await serveDist({}, { root: dir });
  const context = await browser.newContext();
  const first = await visit(context, server.origin);
  await first.close();

  // A second launch, controlled by the worker: it learns the version it runs.
  const second = await visit(context, server.origin);
  await second.close();

  // A new release: a worker with a new version. (The app's files are pinned by Subresource
  // Integrity, so the test changes the worker only; the page asks its worker which version it
  // runs.)
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const before = sw.match(/const VERSION = '([^']*)';/)[1];
  assert.match(before, /^[0-9a-f]{16}$/, 'the build stamped the worker with its version');
  await writeFile(join(dir, 'sw.js'), sw.replace(/const VERSION = '[^']*';/, "const VERSION = 'feedfacefeedface';"));
  const running = (page) => page.evaluate(() => fetch('stakemap-version').then((r) => r.text()));

  const third = await visit(context, server.origin);
  await third.getByText('A new version of Stakemap has been downloaded. It takes effect the next time you open Stakemap')
    .waitFor({ timeout: 20_000 });
  assert.equal(await running(third), before, 'the open app keeps running the version it started with');
  await third.close();

  // Next launch, once every tab was closed: the new version runs, and says so.
  let fourth;
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((ok) => setTimeout(ok, 250));
    fourth = await visit(context, server.origin);
    if (await running(fourth) === 'feedfacefeedface') break;
    if (attempt < 19) await fourth.close();
  }
  assert.equal(await running(fourth), 'feedfacefeedface', 'the new version took over on the next launch');
  const caches = await fourth.evaluate(() => caches.keys());
  assert.deepEqual(caches, ['stakemap-app-feedfacefeedface'], 'the old version\'s files were removed');
  await fourth.getByText('Stakemap has been updated since your last visit. Your maps are as you left them.').waitFor();
  await context.close();
  await server.close();
});
