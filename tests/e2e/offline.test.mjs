// Offline and installable: after one visit the app opens with the network cut; the service
// worker keeps only the app's own files; the manifest makes it installable; a new version waits
// for the next launch and is announced both when it arrives and when it takes over; copies under
// two sub-paths of one origin keep their own offline files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveDist, launch, marker, positionOf, DIST } from './support.mjs';

const browser = await launch();
const copies = [];
const servers = [];
after(async () => {
  await browser.close();
  // A test that failed half-way leaves its server running; it would keep the run from ending.
  for (const server of servers) await server.close();
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

/** serveDist, closed after the last test whatever happens (closing twice is harmless). */
async function serve(...args) {
  const server = await serveDist(...args);
  servers.push(server);
  return server;
}

/** A private copy of dist/, so a test can change it as a new release would. */
async function distCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'stakemap-dist-'));
  copies.push(dir);
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/** Loads the app (at `path` on `origin`) and waits until its service worker controls the page. */
async function visit(context, origin, path = '/') {
  const page = await context.newPage();
  await page.goto(origin + path);
  await page.locator('g.marker').first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  return page;
}

const APP_FILES = ['index.html', 'stakemap.js', 'stakemap_bg.wasm', 'main.css', 'manifest.webmanifest',
  'icon.svg', 'icon-192.png', 'icon-512.png'];

test('after one visit the app opens with the network cut, with the map as the user left it', async () => {
  const server = await serve({}, { root: await distCopy() });
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
  // Named after the version and the worker's scope: `stakemap-app-<version> <scope>`.
  const [version, scope] = names[0].split(' ');
  assert.match(version, /^stakemap-app-[0-9a-f]{16}$/);
  assert.equal(scope, server.origin + '/');
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
  const server = await serve();
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
  const server = await serve({}, { root: dir });
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
  assert.deepEqual(caches, [`stakemap-app-feedfacefeedface ${server.origin}/`],
    'the old version\'s files were removed');
  await fourth.getByText('Stakemap has been updated since your last visit. Your maps are as you left them.').waitFor();
  await context.close();
  await server.close();
});

/** The version the build stamped into a copy's worker. */
async function stampOf(dir) {
  return (await readFile(join(dir, 'sw.js'), 'utf8')).match(/const VERSION = '([^']*)';/)[1];
}

/** Makes a copy's worker another release, as a new build would (the app's files stay). */
async function restamp(dir, version) {
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  const stamped = sw.replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`);
  await writeFile(join(dir, 'sw.js'), stamped);
}

/** Every cache on the page's origin, with the paths of the requests it holds. */
function originCaches(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname).sort();
    }
    return out;
  });
}

/** Polls `check` until it returns true; fails after `timeout` ms, saying what it waited for. */
async function until(what, check, timeout = 20_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last === true) return;
    if (Date.now() > end) assert.fail(`timed out waiting until ${what} (last seen: ${JSON.stringify(last)})`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const filesUnder = (prefix) => APP_FILES.map((f) => prefix + f).sort();
/** The caches holding exactly the app's files under `prefix`, whatever their names. */
const holding = (cached, prefix) =>
  Object.keys(cached).filter((n) => JSON.stringify(cached[n]) === JSON.stringify(filesUnder(prefix)));
const running = (page) => page.evaluate(() => fetch('stakemap-version').then((r) => r.text()));

/**
 * Two deployments on one origin, /a/ and /b/, running different releases (so /b/'s worker
 * activates while /a/'s cache is there), both visited once in a fresh context: /a/ first, then
 * /b/. Resolves once both workers control their pages.
 */
async function twoCopies() {
  const [dirA, dirB] = [await distCopy(), await distCopy()];
  await restamp(dirB, 'b0b0b0b0b0b0b0b0');
  const versionA = await stampOf(dirA);
  const server = await serve({ '/a/': dirA, '/b/': dirB });
  const scopeA = `${server.origin}/a/`;
  const scopeB = `${server.origin}/b/`;
  const context = await browser.newContext();
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  const a = await visit(context, server.origin, '/a/');
  await until('a cache holds /a/\'s files', async () => holding(await originCaches(a), '/a/').length === 1);
  const [firstA] = holding(await originCaches(a), '/a/');
  const b = await visit(context, server.origin, '/b/');
  assert.equal(await running(b), 'b0b0b0b0b0b0b0b0');
  return {
    dirA, server, scopeA, scopeB, context, errors, a, b, firstA,
    cacheA: `stakemap-app-${versionA} ${scopeA}`,
    cacheB: `stakemap-app-b0b0b0b0b0b0b0b0 ${scopeB}`,
  };
}

test('copies under two sub-paths of one origin keep each other\'s offline files', async () => {
  const { server, scopeA, scopeB, context, errors, a, b, firstA, cacheA, cacheB } = await twoCopies();
  const versionA = await running(a);
  const cached = await originCaches(b);
  assert.deepEqual(holding(cached, '/a/'), [firstA], 'activating /b/\'s worker left /a/\'s cache alone');
  // One cache per sub-path, named by scope, each holding only its own scope's files.
  assert.deepEqual(cached, { [cacheA]: filesUnder('/a/'), [cacheB]: filesUnder('/b/') });

  // Cut the network: both copies still open, each from its own files.
  await server.close();
  await context.setOffline(true);
  await a.reload();
  await a.locator('g.marker').first().waitFor();
  assert.equal(await running(a), versionA);
  const secondA = await context.newPage();
  await secondA.goto(scopeA);
  await secondA.locator('g.marker').first().waitFor();
  const secondB = await context.newPage();
  await secondB.goto(scopeB);
  await secondB.locator('g.marker').first().waitFor();
  assert.equal(await running(secondB), 'b0b0b0b0b0b0b0b0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new version under one sub-path removes only that sub-path\'s older cache', async () => {
  const { dirA, server, scopeA, context, errors, a, b, cacheB } = await twoCopies();
  await restamp(dirA, 'a1a1a1a1a1a1a1a1');
  const a2 = await visit(context, server.origin, '/a/');
  await until('/a/\'s new worker waits', () =>
    a2.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting != null)));
  // Every /a/ tab closed: the new version takes over there and removes /a/'s old cache.
  await a.close();
  await a2.close();
  const cacheA1 = `stakemap-app-a1a1a1a1a1a1a1a1 ${scopeA}`;
  await until('/a/\'s new version replaced its old cache', async () =>
    JSON.stringify(Object.keys(await originCaches(b)).sort()) === JSON.stringify([cacheA1, cacheB].sort()));
  assert.deepEqual(await originCaches(b), { [cacheA1]: filesUnder('/a/'), [cacheB]: filesUnder('/b/') });

  await server.close();
  await context.setOffline(true);
  const offlineA = await context.newPage();
  await offlineA.goto(scopeA);
  await offlineA.locator('g.marker').first().waitFor();
  assert.equal(await running(offlineA), 'a1a1a1a1a1a1a1a1');
  await b.reload();
  await b.locator('g.marker').first().waitFor();
  assert.equal(await running(b), 'b0b0b0b0b0b0b0b0');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cache named before scopes were loses only the activating sub-path\'s files', async () => {
  const [dirA, dirB] = [await distCopy(), await distCopy()];
  const version = await stampOf(dirA);
  const server = await serve({ '/a/': dirA, '/b/': dirB });
  const context = await browser.newContext();
  // What an older worker left, one cache for the whole origin, here holding both copies' files.
  const legacy = 'stakemap-app-0123456789abcdef';
  const outside = await context.newPage();
  await outside.goto(server.origin + '/not-the-app');
  await outside.evaluate(async ([name, files]) => {
    const cache = await caches.open(name);
    for (const f of files) await cache.put(f, new Response('from an older version'));
  }, [legacy, [...filesUnder('/a/'), ...filesUnder('/b/')]]);

  await visit(context, server.origin, '/a/');
  assert.deepEqual(await originCaches(outside), {
    [legacy]: filesUnder('/b/'),
    [`stakemap-app-${version} ${server.origin}/a/`]: filesUnder('/a/'),
  }, '/a/\'s worker took its own files out of the old cache and left /b/\'s');
  await visit(context, server.origin, '/b/');
  assert.deepEqual(Object.keys(await originCaches(outside)).sort(), [
    `stakemap-app-${version} ${server.origin}/a/`,
    `stakemap-app-${version} ${server.origin}/b/`,
  ], 'the old cache went once empty');
  await context.close();
  await server.close();
});
