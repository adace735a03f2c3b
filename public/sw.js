// Stakemap's service worker: keeps the app's own files so that, after one visit, Stakemap opens
// with no network. It stores only the files listed in APP_FILES. Maps never pass through it:
// they live in the browser's local storage, which a service worker cannot read, and every other
// request goes to the network untouched.
//
// Caches are named after the worker's scope as well as its version, so that copies of the app under
// different sub-paths of one origin (https://host/team-a/, https://host/team-b/) each keep their
// own files: a worker reads only its own scope's cache and removes only its own scope's older ones.
//
// Each build stamps VERSION with a hash of the app's files (.ci/stamp-sw.mjs, a Trunk hook), so a
// new build is a changed sw.js. The browser installs it beside the running worker; it waits (no
// skipWaiting) and takes over on the next launch, never under a map that is open. The page
// announces both moments (src/adapters/offline.rs).
'use strict';

const VERSION = 'dev';
const PREFIX = 'stakemap-app-';
/** The folder this worker serves, e.g. `https://host/team-a/` (fixed for its registration). */
const SCOPE = self.registration.scope;
/** `stakemap-app-<version> <scope>`: a serialized URL holds no space, so the name splits back. */
const CACHE = `${PREFIX}${VERSION} ${SCOPE}`;
const APP_FILES = [
  'index.html',
  'stakemap.js',
  'stakemap_bg.wasm',
  // The sheets worker, started only when a workbook is opened; kept so it opens one offline.
  'stakemap-sheets_loader.js',
  'stakemap-sheets.js',
  'stakemap-sheets_bg.wasm',
  'main.css',
  'manifest.webmanifest',
  'icon.svg',
  'icon-192.png',
  'icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // `reload`: straight from the server, not from the HTTP cache of an older version.
      cache.addAll(APP_FILES.map((file) => new Request(file, { cache: 'reload' })))),
  );
});

/** The scope a cache of this app belongs to; '' for a cache named before scopes were. */
function scopeOf(name) {
  const space = name.indexOf(' ');
  return space < 0 ? '' : name.slice(space + 1);
}

/** Whether a cached request is one of this scope's app files. */
function ownFile(request) {
  return request.url.startsWith(SCOPE) && APP_FILES.includes(request.url.slice(SCOPE.length));
}

/**
 * Empties a cache named before scopes were (`stakemap-app-<version>`) of this scope's files and
 * removes it once nothing is left: it may also hold another sub-path's files, still in use there.
 */
async function leaveUnscoped(name) {
  const cache = await caches.open(name);
  await Promise.all((await cache.keys()).filter(ownFile).map((request) => cache.delete(request)));
  if ((await cache.keys()).length === 0) await caches.delete(name);
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      // This scope's older versions go; other sub-paths' caches stay, whatever their version.
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE)
        .map((k) => {
          const scope = scopeOf(k);
          if (scope === SCOPE) return caches.delete(k);
          return scope === '' ? leaveUnscoped(k) : null;
        })))
      // Control the page that installed the first worker, so it works offline from now on.
      .then(() => self.clients.claim()),
  );
});

/** The page asks which version it runs with this name; no file has it. */
const VERSION_QUERY = 'stakemap-version';

/** The app file a request asks for (relative to the app's folder), or null for anything else. */
function appFile(request) {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  const scope = new URL(SCOPE);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const file = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate') return file === '' || file === 'index.html' ? 'index.html' : null;
  return APP_FILES.includes(file) || file === VERSION_QUERY ? file : null;
}

self.addEventListener('fetch', (event) => {
  const file = appFile(event.request);
  if (file === null) return;
  if (file === VERSION_QUERY) {
    event.respondWith(new Response(VERSION, { headers: { 'content-type': 'text/plain' } }));
    return;
  }
  // Only this scope's cache: another sub-path's copy may be another version of the app.
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(file))
      .then((hit) => hit || fetch(event.request)),
  );
});
