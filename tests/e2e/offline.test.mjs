// Offline and installable: after one visit the app opens with the network cut; the service
// worker keeps only the app's own files; the manifest makes it installable; a new version waits
// for the next launch and is announced both when it arrives and when it takes over; copies under
// two sub-paths of one origin keep their own offline files.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, expectPosition } from './fixtures.mjs';
import { serveDist, marker, DIST } from './support.mjs';

const test = base.extend({
  /** serveDist, each server closed after the test whatever happens (closing twice is harmless). */
  serve: async ({}, use) => {
    const servers = [];
    await use(async (...args) => {
      const server = await serveDist(...args);
      servers.push(server);
      return server;
    });
    for (const server of servers) await server.close();
  },
  /** A private copy of dist/, so a test can change it as a new release would; removed afterwards. */
  distCopy: async ({}, use) => {
    const copies = [];
    await use(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stakemap-dist-'));
      copies.push(dir);
      await cp(DIST, dir, { recursive: true });
      return dir;
    });
    for (const dir of copies) await rm(dir, { recursive: true, force: true });
  },
});

/** Loads the app (at `path` on `origin`) and waits until its service worker controls the page. */
async function visit(context, origin, path = '/') {
  const page = await context.newPage();
  await page.goto(origin + path);
  await expect(page.locator('g.marker').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null),
    { message: 'the service worker controls the page', timeout: 20_000 }).toBe(true);
  return page;
}

const APP_FILES = ['index.html', 'stakemap.js', 'stakemap_bg.wasm', 'main.css', 'manifest.webmanifest',
  'icon.svg', 'icon-192.png', 'icon-512.png',
  // The sheets worker: not loaded by the page until a workbook is opened, but kept for offline.
  'stakemap-sheets_loader.js', 'stakemap-sheets.js', 'stakemap-sheets_bg.wasm'];

/** The version the running app's worker answers with. */
const running = (page) => page.evaluate(() => fetch('stakemap-version').then((r) => r.text()));

test('after one visit the app opens with the network cut, with the map as the user left it', async ({ context, serve, distCopy }) => {
  const server = await serve({}, { root: await distCopy() });
  const page = await visit(context, server.origin);
  // An edit before going offline, to find again afterwards.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowDown');
  const moved = 'Dana Ortiz, influence 78, skepticism 74, Win over';
  await expectPosition(page, 'Dana Ortiz', moved);

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
  expect(names, 'one cache').toHaveLength(1);
  // Named after the version and the worker's scope: `stakemap-app-<version> <scope>`.
  const [version, scope] = names[0].split(' ');
  expect(version).toMatch(/^stakemap-app-[0-9a-f]{16}$/);
  expect(scope).toBe(server.origin + '/');
  expect(cached[names[0]].sort()).toEqual([...APP_FILES].sort());
  for (const file of APP_FILES.filter((f) => !f.endsWith('.png') && !f.endsWith('.wasm'))) {
    const body = await page.evaluate(async ([cache, f]) => (await (await caches.open(cache)).match(f)).text(), [names[0], file]);
    expect(body, `${file} in the cache holds no map data`).not.toContain('Dana Ortiz');
  }

  // Cut the network: the server is gone and the browser is offline.
  await server.close();
  await context.setOffline(true);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.reload();
  await expectPosition(page, 'Dana Ortiz', moved, 'the edit made before going offline is there');
  // And it still works: a move offline is saved and survives another offline reload.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const offlineMove = 'Dana Ortiz, influence 78, skepticism 64, Win over';
  await expectPosition(page, 'Dana Ortiz', offlineMove);
  await page.reload();
  await expectPosition(page, 'Dana Ortiz', offlineMove);
  // A second tab opened offline works too.
  const second = await context.newPage();
  await second.goto(server.origin + '/');
  await expect(marker(second, 'Dana Ortiz')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the manifest makes the app installable, with its icons', async ({ context, serve }) => {
  const server = await serve();
  const page = await visit(context, server.origin);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = JSON.parse(await readFile(join(DIST, href), 'utf8'));
  expect(manifest.name).toBe('Stakemap');
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('./');
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const png = await readFile(join(DIST, icon.src));
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(`${w}x${h}`, `${icon.src} is the size the manifest says`).toBe(icon.sizes);
  }
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Test contexts are private windows, where no browser installs apps; nothing else may stop it.
  const blocking = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
  expect(blocking, 'Chromium finds nothing stopping installation').toEqual([]);
});

/**
 * The version and state ('installed', 'activated', …) of each service worker running in
 * `context`, read in the workers themselves. A worker that stops while being asked is left out.
 */
async function workers(context) {
  const out = [];
  for (const worker of context.serviceWorkers()) {
    const info = await worker.evaluate(() => ({ version: VERSION, state: self.serviceWorker.state })).catch(() => null);
    if (info) out.push(info);
  }
  return out;
}

test('a new version waits for the next launch, and both moments are announced', async ({ context, serve, distCopy }) => {
  const dir = await distCopy();
  const server = await serve({}, { root: dir });
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
  expect(before, 'the build stamped the worker with its version').toMatch(/^[0-9a-f]{16}$/);
  await writeFile(join(dir, 'sw.js'), sw.replace(/const VERSION = '[^']*';/, "const VERSION = 'feedfacefeedface';"));

  const third = await visit(context, server.origin);
  await expect(third.getByText('A new version of Stakemap has been downloaded. It takes effect the next time you open Stakemap'))
    .toBeVisible({ timeout: 20_000 });
  expect(await running(third), 'the open app keeps running the version it started with').toBe(before);
  await expect.poll(() => workers(context), { message: 'the new version waits beside the running one' })
    .toContainEqual({ version: 'feedfacefeedface', state: 'installed' });
  await third.close();

  // Next launch, once every tab was closed: the browser activates the waiting worker (on its own
  // time, so the test waits for the worker to say so before opening the app again).
  await expect.poll(() => workers(context), { message: 'the new version takes over once no tab is open', timeout: 20_000 })
    .toContainEqual({ version: 'feedfacefeedface', state: 'activated' });
  const fourth = await visit(context, server.origin);
  expect(await running(fourth), 'the new version took over on the next launch').toBe('feedfacefeedface');
  const caches = await fourth.evaluate(() => caches.keys());
  expect(caches, 'the old version\'s files were removed').toEqual([`stakemap-app-feedfacefeedface ${server.origin}/`]);
  await expect(fourth.getByText('Stakemap has been updated since your last visit. Your maps are as you left them.')).toBeVisible();
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

const filesUnder = (prefix) => APP_FILES.map((f) => prefix + f).sort();
/** The caches holding exactly the app's files under `prefix`, whatever their names. */
const holding = (cached, prefix) =>
  Object.keys(cached).filter((n) => JSON.stringify(cached[n]) === JSON.stringify(filesUnder(prefix)));

/**
 * Two deployments on one origin, /a/ and /b/, running different releases (so /b/'s worker
 * activates while /a/'s cache is there), both visited once in the test's fresh context: /a/
 * first, then /b/. Resolves once both workers control their pages.
 */
async function twoCopies(context, serve, distCopy) {
  const [dirA, dirB] = [await distCopy(), await distCopy()];
  await restamp(dirB, 'b0b0b0b0b0b0b0b0');
  const versionA = await stampOf(dirA);
  const server = await serve({ '/a/': dirA, '/b/': dirB });
  const scopeA = `${server.origin}/a/`;
  const scopeB = `${server.origin}/b/`;
  const errors = [];
  context.on('weberror', (e) => errors.push(String(e.error())));
  const a = await visit(context, server.origin, '/a/');
  await expect.poll(async () => holding(await originCaches(a), '/a/').length, { message: 'a cache holds /a/\'s files' }).toBe(1);
  const [firstA] = holding(await originCaches(a), '/a/');
  const b = await visit(context, server.origin, '/b/');
  expect(await running(b)).toBe('b0b0b0b0b0b0b0b0');
  return {
    dirA, server, scopeA, scopeB, errors, a, b, firstA,
    cacheA: `stakemap-app-${versionA} ${scopeA}`,
    cacheB: `stakemap-app-b0b0b0b0b0b0b0b0 ${scopeB}`,
  };
}

test('copies under two sub-paths of one origin keep each other\'s offline files', async ({ context, serve, distCopy }) => {
  const { server, scopeA, scopeB, errors, a, b, firstA, cacheA, cacheB } = await twoCopies(context, serve, distCopy);
  const versionA = await running(a);
  const cached = await originCaches(b);
  expect(holding(cached, '/a/'), 'activating /b/\'s worker left /a/\'s cache alone').toEqual([firstA]);
  // One cache per sub-path, named by scope, each holding only its own scope's files.
  expect(cached).toEqual({ [cacheA]: filesUnder('/a/'), [cacheB]: filesUnder('/b/') });

  // Cut the network: both copies still open, each from its own files.
  await server.close();
  await context.setOffline(true);
  await a.reload();
  await expect(a.locator('g.marker').first()).toBeVisible();
  expect(await running(a)).toBe(versionA);
  const secondA = await context.newPage();
  await secondA.goto(scopeA);
  await expect(secondA.locator('g.marker').first()).toBeVisible();
  const secondB = await context.newPage();
  await secondB.goto(scopeB);
  await expect(secondB.locator('g.marker').first()).toBeVisible();
  expect(await running(secondB)).toBe('b0b0b0b0b0b0b0b0');
  expect(errors).toEqual([]);
});

test('a new version under one sub-path removes only that sub-path\'s older cache', async ({ context, serve, distCopy }) => {
  const { dirA, server, scopeA, errors, a, b, cacheB } = await twoCopies(context, serve, distCopy);
  await restamp(dirA, 'a1a1a1a1a1a1a1a1');
  const a2 = await visit(context, server.origin, '/a/');
  await expect.poll(() => a2.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting != null)),
    { message: '/a/\'s new worker waits', timeout: 20_000 }).toBe(true);
  // Every /a/ tab closed: the new version takes over there and removes /a/'s old cache.
  await a.close();
  await a2.close();
  const cacheA1 = `stakemap-app-a1a1a1a1a1a1a1a1 ${scopeA}`;
  await expect.poll(async () => Object.keys(await originCaches(b)).sort(),
    { message: '/a/\'s new version replaced its old cache', timeout: 20_000 }).toEqual([cacheA1, cacheB].sort());
  expect(await originCaches(b)).toEqual({ [cacheA1]: filesUnder('/a/'), [cacheB]: filesUnder('/b/') });

  await server.close();
  await context.setOffline(true);
  const offlineA = await context.newPage();
  await offlineA.goto(scopeA);
  await expect(offlineA.locator('g.marker').first()).toBeVisible();
  expect(await running(offlineA)).toBe('a1a1a1a1a1a1a1a1');
  await b.reload();
  await expect(b.locator('g.marker').first()).toBeVisible();
  expect(await running(b)).toBe('b0b0b0b0b0b0b0b0');
  expect(errors).toEqual([]);
});

test('a cache named before scopes were loses only the activating sub-path\'s files', async ({ context, serve, distCopy }) => {
  const [dirA, dirB] = [await distCopy(), await distCopy()];
  const version = await stampOf(dirA);
  const server = await serve({ '/a/': dirA, '/b/': dirB });
  // What an older worker left, one cache for the whole origin, here holding both copies' files.
  const legacy = 'stakemap-app-0123456789abcdef';
  const outside = await context.newPage();
  await outside.goto(server.origin + '/not-the-app');
  await outside.evaluate(async ([name, files]) => {
    const cache = await caches.open(name);
    for (const f of files) await cache.put(f, new Response('from an older version'));
  }, [legacy, [...filesUnder('/a/'), ...filesUnder('/b/')]]);

  await visit(context, server.origin, '/a/');
  expect(await originCaches(outside), '/a/\'s worker took its own files out of the old cache and left /b/\'s').toEqual({
    [legacy]: filesUnder('/b/'),
    [`stakemap-app-${version} ${server.origin}/a/`]: filesUnder('/a/'),
  });
  await visit(context, server.origin, '/b/');
  expect(Object.keys(await originCaches(outside)).sort(), 'the old cache went once empty').toEqual([
    `stakemap-app-${version} ${server.origin}/a/`,
    `stakemap-app-${version} ${server.origin}/b/`,
  ]);
});
