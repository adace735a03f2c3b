// Loaded first by the engine flows' server (tests/engines/server.mjs), before the app.
// Records what a test needs to see the same way in every engine:
// - errors: uncaught errors, unhandled rejections and console.error calls;
// - downloads: every file the app offers through an <a download> click on a blob: URL, with its
//   name, type and text (read from the Blob itself: the page's CSP forbids fetching blob: URLs).
// The app's own behaviour is untouched: the real click still happens.
(() => {
  'use strict';
  const probe = { errors: [], downloads: [] };
  Object.defineProperty(window, '__engineProbe', { value: probe });

  const describe = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    try { return typeof value === 'string' ? value : JSON.stringify(value); } catch { return String(value); }
  };
  addEventListener('error', (e) => probe.errors.push(`error: ${e.message} (${e.filename}:${e.lineno})`));
  addEventListener('unhandledrejection', (e) => probe.errors.push(`unhandled rejection: ${describe(e.reason)}`));
  const consoleError = console.error;
  console.error = function (...args) {
    probe.errors.push(`console.error: ${args.map(describe).join(' ')}`);
    return consoleError.apply(this, args);
  };

  const blobs = new Map();
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (object) {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  const click = HTMLElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) {
      const entry = { name: this.download, href: this.href, type: null, text: null, done: false };
      probe.downloads.push(entry);
      const blob = blobs.get(this.href);
      if (blob) {
        entry.type = blob.type;
        blob.text().then((text) => { entry.text = text; entry.done = true; });
      } else {
        entry.done = true;
      }
    }
    return click.call(this);
  };
})();
