// A small static server for dist/ (or $STAKEMAP_DIST) on 127.0.0.1, for the engine flows. It adds
// one same-origin script to index.html, probe.js, that records page errors and the files the app
// offers as downloads, so every engine reports them the same way (the page's
// Content-Security-Policy allows scripts from 'self').
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The build under test: dist/ unless STAKEMAP_DIST names another, as for the end-to-end tests
// (tests/e2e/support.mjs).
export const DIST = resolve(process.env.STAKEMAP_DIST || join(here, '..', '..', 'dist'));
const PROBE_PATH = '/__engines/probe.js';
const PROBE_TAG = `<script src="${PROBE_PATH}"></script>`;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `root` (dist/ by default) on a free port; resolves to { origin, close }. */
export async function serve(root = DIST) {
  const index = await readFile(join(root, 'index.html'), 'utf8').catch(() => {
    throw new Error(`${join(root, 'index.html')} is missing: build the app first (trunk build --release).`);
  });
  const probe = await readFile(join(here, 'probe.js'));
  // First in <head>, before the app's loader, so it sees everything from the start.
  const page = index.replace(/<head>/i, (head) => `${head}\n    ${PROBE_TAG}`);
  const server = createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    let path;
    try { path = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { return send(400, 'text/plain', 'bad request'); }
    if (path === PROBE_PATH) return send(200, TYPES['.js'], probe);
    if (path.endsWith('/')) path += 'index.html';
    if (path === '/index.html') return send(200, TYPES['.html'], page);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) return send(403, 'text/plain', 'forbidden');
    try {
      send(200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
    } catch {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }),
  };
}
