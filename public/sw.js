// Stakemap's service worker: keeps the app's own files so that, after one visit, Stakemap opens
// with no network. It stores only the files listed in APP_FILES. Maps never pass through it:
// they live in the browser's local storage, which a service worker cannot read, and every other
// request goes to the network untouched.
//
// Each build stamps VERSION with a hash of the app's files (.ci/stamp-sw.mjs, a Trunk hook), so a
// new build is a changed sw.js. The browser installs it beside the running worker; it waits (no
// skipWaiting) and takes over on the next launch, never under a map that is open. The page
// announces both moments (src/adapters/offline.rs).
'use strict';

const VERSION = 'dev';
const PREFIX = 'stakemap-app-';
const CACHE = PREFIX + VERSION;
const APP_FILES = [
  'index.html',
  'stakemap.js',
  'stakemap_bg.wasm',
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

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
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
  const scope = new URL(self.registration.scope);
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
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(file))
      .then((hit) => hit || fetch(event.request)),
  );
});
