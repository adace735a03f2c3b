// Shared by the end-to-end tests (through fixtures.mjs), the README screenshots (screenshot.mjs)
// and the benchmark (tests/bench/bench.mjs): a static server for dist/ on 127.0.0.1 (also under a
// sub-path, as a static host would), the options for the system's headless Chromium, and helpers
// that read the page. It uses the Playwright library only; the test runner is not loaded here.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
// The build under test: dist/ unless STAKEMAP_DIST names another (a build made elsewhere).
export const DIST = process.env.STAKEMAP_DIST || join(ROOT, 'dist');
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
  '.webmanifest': 'application/manifest+json',
};

/** What a static host compresses: everything but the images that are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.json', '.svg', '.webmanifest']);

/**
 * Serves dist/ (or `root`) at / and at SUB_PATH, and each of `mounts` ({ '/prefix/': dir }) at
 * its prefix. With `gzip`, text and wasm go out gzip-encoded (level 9) to a client that accepts
 * it, as a static host serves them; the benchmark's load measurements use that.
 * Resolves to { origin, close }.
 */
export async function serveDist(mounts = {}, { root: served = DIST, gzip = false } = {}) {
  const packed = new Map();
  await stat(join(served, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `trunk build --release` first (the test command does).');
  });
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let root = served;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) { root = dir; path = '/' + path.slice(prefix.length); }
    }
    if (path.startsWith(SUB_PATH)) path = '/' + path.slice(SUB_PATH.length);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      let body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = `${file}:${body.length}`;
        if (!packed.has(key)) packed.set(key, gzipSync(body, { level: 9 }));
        body = packed.get(key);
        Object.assign(headers, { 'content-encoding': 'gzip', vary: 'Accept-Encoding' });
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}

/**
 * Launch options for headless Chromium from the system (Playwright's own browser download is not
 * used). The test runner's configuration (playwright.config.mjs) launches with the same.
 */
export const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/**
 * Headless Chromium from the system, for the scripts that do not run under the test runner, with
 * any extra command-line `args` (the benchmark opens a DevTools port for Lighthouse).
 */
export function launch({ args = [] } = {}) {
  return chromium.launch({ ...LAUNCH_OPTIONS, args: [...LAUNCH_OPTIONS.args, ...args] });
}

/**
 * A fresh context (empty storage) and page that records every request, so tests can assert the
 * app talks to nobody but its own origin.
 */
export async function openApp(browser, origin, { path = '/', viewport = { width: 1280, height: 800 }, colorScheme = 'light', ...options } = {}) {
  const context = await browser.newContext({ acceptDownloads: true, viewport, colorScheme, ...options });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + path);
  // The map on a wide screen, the list first on a phone.
  await page.locator('g.marker, .stakeholder-table tbody tr').first().waitFor();
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

/**
 * The notice on show under the header: what an action answered, or what went wrong. (Its
 * sentence is also in the live region, so a bare getByText would find it twice.)
 */
export function notice(page) {
  return page.locator('.notices .notice');
}

/** The page's polite live region: what a screen reader is told after a move or an action. */
export function announcer(page) {
  return page.locator('#move-announcer');
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

/**
 * Every map in local storage as the file it would export to, keyed by map id. Decodes the stored
 * layout independently of the app (see core/src/format/stored.rs): a head naming packed parts, each
 * LZ4 block-compressed JSON spread 15 bits to a character from U+0100.
 */
export async function storedMaps(page) {
  return page.evaluate(() => {
    const unpack = (text) => {
      const v = (i) => text.charCodeAt(i) - 0x100;
      const len = (v(0) << 15) | v(1);
      const out = new Uint8Array(len);
      let acc = 0, bits = 0, o = 0;
      for (let i = 2; i < text.length && o < len; i++) {
        acc = (acc << 15) | v(i);
        bits += 15;
        while (bits >= 8 && o < len) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
        acc &= (1 << bits) - 1;
      }
      return out;
    };
    const lz4 = (src) => {
      const size = src[0] | (src[1] << 8) | (src[2] << 16) | (src[3] << 24);
      const out = new Uint8Array(size);
      let i = 4, o = 0;
      while (i < src.length) {
        const token = src[i++];
        let lit = token >> 4;
        if (lit === 15) { let b; do { b = src[i++]; lit += b; } while (b === 255); }
        out.set(src.subarray(i, i + lit), o);
        i += lit; o += lit;
        if (i >= src.length) break;
        const offset = src[i] | (src[i + 1] << 8);
        i += 2;
        let m = token & 15;
        if (m === 15) { let b; do { b = src[i++]; m += b; } while (b === 255); }
        m += 4;
        for (let k = 0; k < m; k++, o++) out[o] = out[o - offset];
      }
      return out;
    };
    const part = (id, serial) => JSON.parse(new TextDecoder().decode(lz4(unpack(localStorage.getItem(`stakemap:part:${id}:${serial}`)))));
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key.startsWith('stakemap:map:')) continue;
      const head = JSON.parse(localStorage.getItem(key));
      const id = key.slice('stakemap:map:'.length);
      if (!head.stored) { out[id] = head; continue; }
      const file = { ...head, stakeholders: [], actions: [], touchpoints: [], history: [], snapshots: [] };
      delete file.stored;
      for (const serial of head.stored.buckets) {
        const bucket = part(id, serial);
        for (const list of ['stakeholders', 'actions', 'touchpoints']) file[list].push(...bucket[list]);
      }
      for (const serial of head.stored.history) file.history.push(...part(id, serial));
      if (head.stored.snapshots != null) file.snapshots = part(id, head.stored.snapshots);
      out[id] = file;
    }
    return out;
  });
}

/** The plot area of the map in page pixels, as the map states it (`data-plot`: x0 y0 x1 y1). */
export async function plotBox(page) {
  const svg = page.locator('svg.map-svg');
  const box = await svg.boundingBox();
  const [x0, y0, x1, y1] = (await svg.getAttribute('data-plot')).split(' ').map(Number);
  return {
    x0: box.x + x0, x1: box.x + x1,
    y0: box.y + y0, y1: box.y + y1,
    at(influence, skepticism) {
      return { x: this.x0 + (this.x1 - this.x0) * skepticism / 100, y: this.y1 - (this.y1 - this.y0) * influence / 100 };
    },
  };
}

/** The centre of a marker's dot in page pixels. */
export async function dotCentre(locator) {
  const b = await locator.locator('.dot').boundingBox();
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

const AXE_SOURCE = await readFile(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page as it is now (WCAG 2.2 A and AA rules) and returns its violations
 * as readable lines: rule, impact, and the elements that break it. Empty means none.
 */
export async function axeViolations(page) {
  // Through DevTools evaluation, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`),
    }));
  }, WCAG_AA);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`);
}

/** Fails with every violation listed when axe finds any on the page as it is now. */
export async function assertAccessible(page, where) {
  const found = await axeViolations(page);
  if (found.length) throw new Error(`axe found ${found.length} WCAG 2.2 AA violation(s) in ${where}:\n  ${found.join('\n  ')}`);
}

/** Opens the header's "Maps and files" menu (if closed) and resolves to `page`. */
export async function openMenu(page) {
  const button = page.getByRole('button', { name: 'Maps and files' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.locator('#map-menu').waitFor();
  return page;
}

/** Chooses an item of the "Maps and files" menu, opening the menu first. */
export async function fromMenu(page, name) {
  await openMenu(page);
  await page.locator('#map-menu').getByRole('button', { name, exact: true }).click();
}

/** Ends the first-visit tour when its card shows, for tests about something else. */
export async function skipTour(page) {
  const skip = page.getByRole('button', { name: 'Skip the tour' });
  if (await skip.count()) await skip.click();
}
