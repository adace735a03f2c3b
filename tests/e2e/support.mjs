// Shared set-up for the end-to-end tests: a static server for dist/ on 127.0.0.1 (also under a
// sub-path, as a static host would), and headless Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SUB_PATH = '/team/maps/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * Serves dist/ at / and at SUB_PATH, and each of `mounts` ({ '/prefix/': dir }) at its prefix.
 * Resolves to { origin, close }.
 */
export async function serveDist(mounts = {}) {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `trunk build --release` first (the test command does).');
  });
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let root = DIST;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) { root = dir; path = '/' + path.slice(prefix.length); }
    }
    if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Headless Chromium from the system (Playwright's own browser download is not used). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh context (empty storage) and page that records every request, so tests can assert the
 * app talks to nobody but its own origin.
 */
export async function openApp(browser, origin, { path = '/', viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + path);
  await page.locator('g.marker').first().waitFor();
  return { context, page, requests, errors };
}

/** The accessible names of every marker, in document order. */
export async function markerLabels(page) {
  return page.locator('g.marker').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
}

/** The first part of a marker's accessible name: "Name, influence N, skepticism M, Quadrant". */
export function positionPart(label) {
  return label.split(', ').slice(0, 4).join(', ');
}

/** The position part of one stakeholder's marker name. */
export async function positionOf(page, name) {
  return positionPart(await marker(page, name).getAttribute('aria-label'));
}

/** A marker by the start of its accessible name (the stakeholder's name). */
export function marker(page, name) {
  return page.locator(`g.marker[aria-label^="${name},"]`);
}

/** Every stakemap key in local storage with its raw value. */
export async function storedData(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith('stakemap:')) out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** The plot area of the map in page pixels, mirroring model::Plot::for_size. */
export async function plotBox(page) {
  const box = await page.locator('svg.map-svg').boundingBox();
  const narrow = box.width < 480;
  const left = narrow ? 34 : 52;
  const bottom = narrow ? 34 : 44;
  const pad = 14;
  return {
    x0: box.x + left, x1: box.x + box.width - pad,
    y0: box.y + pad, y1: box.y + box.height - bottom,
    at(influence, skepticism) {
      return { x: this.x0 + (this.x1 - this.x0) * skepticism / 100, y: this.y1 - (this.y1 - this.y0) * influence / 100 };
    },
  };
}

/** The centre of a marker's dot in page pixels. */
export async function dotCentre(locator) {
  const b = await locator.locator('circle.dot').boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Serves dist/ and launches Chromium once for the calling test file, closing both afterwards.
 * Returns an object whose `server` and `browser` are set once the file's tests start.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
