// One small interface over two automation routes, so that one set of flows runs in both engines:
//   - Firefox ESR through WebDriver BiDi, with puppeteer-core;
//   - WebKitGTK (MiniBrowser) through WebKitWebDriver, with selenium-webdriver.
//
// An engine starts once (start), gives a fresh session with empty storage per flow (session),
// and a session opens tabs that share storage (newTab). A tab offers what a user does, and waits
// only for conditions on the page, polled by the driver's own facility (puppeteer's
// waitForFunction, selenium's driver.wait).
//
// Targets (the `target` arguments) are found in the page, each time they are used:
//   'css selector'            the first match;
//   { button: 'Undo' }        a visible button (or role=button) whose accessible text is exactly this;
//   { label: 'Map name' }     the form control a <label> with this text names, or [aria-label=…];
//   { labelStarts: 'Influence' }  the same, for a label that starts with this text;
//   { marker: 'Dana Ortiz' }  the map marker whose accessible name starts with "Dana Ortiz,";
//   { text: 'Imported' }      the innermost visible element whose text contains this;
// each may add within: 'css selector' to search inside the first (visible) match only.
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Builder, Key, Origin } from 'selenium-webdriver';
import httpUtil from 'selenium-webdriver/http/util.js';

export const DEFAULT_TIMEOUT = 10_000;
const VIEWPORT = { width: 1280, height: 800 };

/** Runs in the page: the element a target names, or null. */
function findTarget(spec) {
  const shown = (e) => (typeof e.checkVisibility === 'function' ? e.checkVisibility() : e.getClientRects().length > 0);
  const squash = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  let scope = document;
  if (spec && typeof spec === 'object' && spec.within) {
    scope = [...document.querySelectorAll(spec.within)].find(shown) ?? null;
    if (!scope) return null;
  }
  if (typeof spec === 'string') return scope.querySelector(spec);
  if (spec.css) return scope.querySelector(spec.css);
  if (spec.marker) {
    return [...scope.querySelectorAll('g.marker')].find((e) => (e.getAttribute('aria-label') ?? '').startsWith(`${spec.marker},`)) ?? null;
  }
  if (spec.button) {
    const name = (e) => squash(e.getAttribute('aria-label') ?? e.textContent);
    return [...scope.querySelectorAll('button, [role="button"], input[type="button"], input[type="submit"]')]
      .find((e) => shown(e) && (name(e) === spec.button || squash(e.value) === spec.button)) ?? null;
  }
  if (spec.label || spec.labelStarts) {
    const named = (text) => (spec.label ? text === spec.label : text.startsWith(spec.labelStarts));
    for (const label of scope.querySelectorAll('label')) {
      if (!named(squash(label.textContent))) continue;
      const control = label.control ?? (label.htmlFor ? document.getElementById(label.htmlFor) : null);
      if (control) return control;
    }
    return [...scope.querySelectorAll('[aria-label]')].find((e) => named(e.getAttribute('aria-label'))) ?? null;
  }
  if (spec.text) {
    const all = [...scope.querySelectorAll('body *')].filter((e) => shown(e) && squash(e.textContent).includes(spec.text));
    return all.find((e) => ![...e.children].some((c) => all.includes(c))) ?? null;
  }
  throw new Error(`unknown target ${JSON.stringify(spec)}`);
}

const describe = (target) => (typeof target === 'string' ? target : JSON.stringify(target));

/** A page-side expression: the function called with these JSON arguments. */
const call = (fn, args) => `(${fn})(${args.map((a) => JSON.stringify(a) ?? 'undefined').join(', ')})`;

/** Runs in the page: finds the target and does `what` to it (focus, scroll, read). */
function onTarget(find, spec, what, name) {
  const el = find(spec);
  if (!el) return null;
  switch (what) {
    case 'exists': return true;
    case 'focus': el.focus(); return document.activeElement === el;
    case 'centre': {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      // A marker is clicked on its dot, as a user does (its name may sit apart from it).
      const r = (el.querySelector?.('.dot') ?? el).getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, svg: el instanceof SVGElement };
    }
    case 'attr': return el.getAttribute(name);
    case 'text': return (el.innerText ?? el.textContent).trim();
    case 'value': return el.value;
    case 'checked': return el.checked;
    case 'rect': return el.getBoundingClientRect().toJSON();
    default: throw new Error(`unknown action ${what}`);
  }
}
const targetCall = (spec, what, name) => `(${onTarget})(${findTarget}, ${JSON.stringify(spec)}, ${JSON.stringify(what)}, ${JSON.stringify(name ?? null)})`;

/** Splits 'Shift+ArrowUp' into modifiers and a key. */
function chord(keys) {
  const parts = keys.split('+');
  const key = parts.pop() || '+';
  return { modifiers: parts, key };
}

/**
 * What both routes share, on top of a few primitives each route provides:
 * run(expression), waitExpr(expression, timeout, message), and the input primitives.
 */
class Tab {
  constructor(session) {
    this.session = session;
    this.pastErrors = [];
  }

  /** Opens a path of the served app. */
  async goto(path = '/') {
    await this.keepErrors();
    await this.open(this.origin + path);
  }

  /** Reloads the page, keeping the errors recorded so far. */
  async reload() {
    await this.keepErrors();
    await this.reloadPage();
  }

  async keepErrors() {
    const errors = await this.errors().catch(() => []);
    this.pastErrors.push(...errors.filter((e) => e !== 'the probe is missing'));
  }

  /** Every error recorded in this tab, across reloads. */
  async allErrors() { return [...this.pastErrors, ...(await this.errors())]; }

  get origin() { return this.session.origin; }

  /** Calls fn(...args) in the page and returns its (JSON) result; promises are awaited. */
  evaluate(fn, ...args) { return this.run(call(fn, args)); }

  /** Waits until fn(...args) in the page returns something truthy, and returns it. */
  async waitFor(fn, args = [], { timeout = DEFAULT_TIMEOUT, message } = {}) {
    const what = message ?? `${String(fn).slice(0, 120)} (${JSON.stringify(args)})`;
    return this.waitExpr(call(fn, args), timeout, what);
  }

  /** Waits until the target is in the page. */
  async waitForTarget(target, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.waitExpr(targetCall(target, 'exists'), timeout, `waiting for ${describe(target)}`);
  }

  /** Waits until the target is gone. */
  async waitForGone(target, { timeout = DEFAULT_TIMEOUT } = {}) {
    await this.waitExpr(`${targetCall(target, 'exists')} === null`, timeout, `waiting for ${describe(target)} to go`);
  }

  /** Waits until some visible element's text contains `text`. */
  waitForText(text, options) { return this.waitForTarget({ text }, options); }

  async read(target, what, name) {
    await this.waitForTarget(target);
    return this.run(targetCall(target, what, name));
  }
  attr(target, name) { return this.read(target, 'attr', name); }
  text(target) { return this.read(target, 'text'); }
  value(target) { return this.read(target, 'value'); }
  checked(target) { return this.read(target, 'checked'); }
  rect(target) { return this.read(target, 'rect'); }
  exists(target) { return this.run(targetCall(target, 'exists')).then(Boolean); }

  /** Focuses the target from script, as a keyboard user's Tab would (also works on SVG). */
  async focus(target) {
    await this.waitForTarget(target);
    if (!(await this.run(targetCall(target, 'focus')))) throw new Error(`${describe(target)} did not take focus`);
  }

  /** Focuses a field, selects and deletes what it holds (Ctrl+A, Backspace), then types `text` key by key. */
  async fill(target, text) {
    await this.focus(target);
    await this.press('Control+a');
    await this.press('Backspace');
    if (text !== '') await this.type(text);
  }

  /** What the page shows now, briefly, for a failure report. */
  snapshot() {
    return this.evaluate(() => {
      const squash = (t) => (t ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
      const active = document.activeElement;
      const fields = [...document.querySelectorAll('input, select, textarea')]
        .filter((e) => e.type !== 'hidden' && e.type !== 'file' && e.getClientRects().length && (e.value || e === active))
        .slice(0, 12).map((e) => `#${e.id || e.name || e.type}=${JSON.stringify(e.type === 'checkbox' || e.type === 'radio' ? e.checked : e.value)}`);
      return [
        `url: ${location.href}`,
        `focus: ${active ? `${active.tagName.toLowerCase()}${active.id ? `#${active.id}` : ''} ${squash(active.getAttribute('aria-label') ?? '')}` : 'none'}`,
        `notices: ${squash(document.querySelector('.notices')?.innerText) || 'none'}`,
        `open dialogs: ${[...document.querySelectorAll('dialog[open]')].map((d) => squash(d.innerText).slice(0, 120)).join(' | ') || 'none'}`,
        `markers: ${document.querySelectorAll('g.marker').length}`,
        `fields: ${fields.join(' ') || 'none'}`,
      ].join('\n');
    }).catch((e) => `(no snapshot: ${e.message})`);
  }

  /** The page's recorded errors (tests/engines/probe.js). */
  errors() { return this.run('window.__engineProbe ? window.__engineProbe.errors.slice() : ["the probe is missing"]'); }

  /** Waits for the download the app offered (its name and text, as recorded by the probe). */
  async download(index) {
    return this.waitExpr(
      `(() => { const d = window.__engineProbe.downloads[${index}]; return d && d.done ? { name: d.name, type: d.type, text: d.text } : null; })()`,
      DEFAULT_TIMEOUT, `waiting for download #${index + 1}`);
  }
  downloadCount() { return this.run('window.__engineProbe.downloads.length'); }

  /** Presses the pointer at `from` (viewport pixels), moves to `to` in `steps`, and releases. */
  async dragTo(from, to, steps = 8) {
    await this.pointerDown(from);
    await this.pointerMove(to, steps);
    await this.pointerUp();
  }
}

/**
 * Waits until the browser has saved `name` in `dir` with the `expected` text (it writes outside
 * any page, so this one wait polls the folder), returns what it holds and removes it, so a later
 * flow cannot see it. Returns whatever is there at the timeout, for the caller's assertion.
 */
async function takeSavedFile(dir, name, expected, timeout = DEFAULT_TIMEOUT) {
  const deadline = Date.now() + timeout;
  const path = join(dir, name);
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === expected || (text !== null && Date.now() > deadline)) {
      await rm(path, { force: true });
      return text;
    }
    if (Date.now() > deadline) {
      const names = await readdir(dir).catch(() => []);
      throw new Error(`the browser saved no “${name}” in ${dir} (it holds: ${names.join(', ') || 'nothing'})`);
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** A private home folder for one browser run: its caches, settings and downloads stay there. */
const privateHome = (engine) => mkdtemp(join(tmpdir(), `stakemap-${engine}-`));

// ---------------------------------------------------------------------------------------------
// Firefox ESR, through WebDriver BiDi (puppeteer-core).

class PuppeteerTab extends Tab {
  constructor(session, page) {
    super(session);
    this.page = page;
    this.pointer = { x: 0, y: 0 };
  }
  async open(url) { await this.page.goto(url); }
  async reloadPage() { await this.page.reload(); }
  run(expression) { return this.page.evaluate(expression); }
  async waitExpr(expression, timeout, message) {
    try {
      const handle = await this.page.waitForFunction(expression, { timeout, polling: 50 });
      return await handle.jsonValue();
    } catch (e) {
      throw new Error(`${message}: ${e.message.split('\n')[0]}`);
    }
  }
  async element(target) {
    await this.waitForTarget(target);
    const handle = (await this.page.evaluateHandle(call(findTarget, [target]))).asElement();
    if (!handle) throw new Error(`not found: ${describe(target)}`);
    return handle;
  }
  async click(target) {
    const el = await this.element(target);
    // A marker is clicked on its dot, as a user does (its name may sit apart from it).
    const dot = await el.$('.dot');
    await (dot ?? el).click();
    await dot?.dispose();
    await el.dispose();
  }
  async selectOption(target, label) {
    const el = await this.element(target);
    const value = await el.evaluate((select, text) => [...select.options].find((o) => o.textContent.trim() === text)?.value, label);
    if (value == null) throw new Error(`${describe(target)} has no option “${label}”`);
    await el.select(value);
    await el.dispose();
  }
  async type(text) { await this.page.keyboard.type(text); }
  async press(keys) {
    const { modifiers, key } = chord(keys);
    for (const m of modifiers) await this.page.keyboard.down(m);
    await this.page.keyboard.press(key);
    for (const m of modifiers.reverse()) await this.page.keyboard.up(m);
  }
  async pointerDown(at) {
    await this.page.mouse.move(at.x, at.y);
    this.pointer = at;
    await this.page.mouse.down();
  }
  async pointerMove(to, steps = 8) {
    await this.page.mouse.move(to.x, to.y, { steps });
    this.pointer = to;
  }
  async pointerUp() { await this.page.mouse.up(); }
  async setFiles(target, ...paths) {
    const el = await this.element(target);
    await el.uploadFile(...paths);
    await el.dispose();
  }
  async newTab() { return this.session.newTab(); }
  async close() { await this.page.close(); }
}

class PuppeteerSession {
  constructor(engine, context, origin, downloadDir) {
    this.engine = engine;
    this.context = context;
    this.origin = origin;
    this.downloadDir = downloadDir;
    this.tabs = [];
  }
  async newTab() {
    const page = await this.context.newPage();
    await page.setViewport(VIEWPORT);
    const tab = new PuppeteerTab(this, page);
    this.tabs.push(tab);
    return tab;
  }
  /** The text of a file the browser saved (into this session's download folder). */
  savedDownload(name, expected) { return takeSavedFile(this.downloadDir, name, expected); }
  async close() {
    await this.context.close();
    await rm(this.downloadDir, { recursive: true, force: true });
  }
}

export function firefox({ executablePath = process.env.FIREFOX || '/usr/bin/firefox-esr' } = {}) {
  let browser, home = null;
  return {
    name: 'Firefox ESR',
    async start() {
      home ??= await privateHome('firefox');
      browser = await puppeteer.launch({
        browser: 'firefox', executablePath, headless: true,
        env: { ...process.env, HOME: home },
        extraPrefsFirefox: {
          // No default-browser prompt and no update checks during the flows.
          'browser.shell.checkDefaultBrowser': false,
          'app.update.enabled': false,
        },
      });
      return browser.version();
    },
    async session(origin) {
      const downloadDir = await mkdtemp(join(home, 'downloads-'));
      const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloadDir } });
      return new PuppeteerSession(this, context, origin, downloadDir);
    },
    async stop() {
      await browser?.close();
      browser = null;
    },
    /** Stops, then removes the private home. */
    async dispose() {
      await this.stop();
      if (home) await rm(home, { recursive: true, force: true });
      home = null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// WebKitGTK (MiniBrowser), through WebKitWebDriver (selenium-webdriver). Needs an X display.

const SELENIUM_KEYS = {
  Shift: Key.SHIFT, Control: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
  ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Enter: Key.ENTER, Escape: Key.ESCAPE, Backspace: Key.BACK_SPACE, Delete: Key.DELETE, Tab: Key.TAB,
  Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN, Space: Key.SPACE,
};
const seleniumKey = (k) => {
  if (SELENIUM_KEYS[k]) return SELENIUM_KEYS[k];
  if ([...k].length === 1) return k;
  throw new Error(`no WebDriver key for ${k}`);
};

class SeleniumTab extends Tab {
  constructor(session, handle) {
    super(session);
    this.handle = handle;
  }
  get driver() { return this.session.driver; }
  /** Every command goes to this tab's window. */
  async use() { await this.session.activate(this.handle); return this.driver; }
  async open(url) { await (await this.use()).get(url); }
  async reloadPage() { await (await this.use()).navigate().refresh(); }
  async run(expression) { return (await this.use()).executeScript(`return ${expression};`); }
  async waitExpr(expression, timeout, message) {
    const driver = await this.use();
    return driver.wait(() => driver.executeScript(`return ${expression};`), timeout, message, 50);
  }
  async element(target) {
    await this.waitForTarget(target);
    const el = await this.run(call(findTarget, [target]));
    if (!el) throw new Error(`not found: ${describe(target)}`);
    return el;
  }
  async click(target) {
    await this.waitForTarget(target);
    const at = await this.run(targetCall(target, 'centre'));
    if (at.svg) {
      // WebKitWebDriver calls SVG elements "not interactable": click where the user would.
      const driver = await this.use();
      await driver.actions({ async: true }).move({ x: Math.round(at.x), y: Math.round(at.y), origin: Origin.VIEWPORT })
        .press().release().perform();
    } else {
      await (await this.element(target)).click();
    }
  }
  async selectOption(target, label) {
    await this.waitForTarget(target);
    const option = await this.run(`[...(${call(findTarget, [target])}).options].find((o) => o.textContent.trim() === ${JSON.stringify(label)}) ?? null`);
    if (!option) throw new Error(`${describe(target)} has no option “${label}”`);
    await option.click();
  }
  async type(text) { await (await this.use()).actions({ async: true }).sendKeys(text).perform(); }
  async press(keys) {
    const { modifiers, key } = chord(keys);
    let actions = (await this.use()).actions({ async: true });
    for (const m of modifiers) actions = actions.keyDown(seleniumKey(m));
    actions = actions.keyDown(seleniumKey(key)).keyUp(seleniumKey(key));
    for (const m of [...modifiers].reverse()) actions = actions.keyUp(seleniumKey(m));
    await actions.perform();
  }
  async pointerDown(at) {
    await (await this.use()).actions({ async: true })
      .move({ x: Math.round(at.x), y: Math.round(at.y), origin: Origin.VIEWPORT }).press().perform();
    this.pointer = at;
  }
  async pointerMove(to, steps = 8) {
    let actions = (await this.use()).actions({ async: true });
    const from = this.pointer;
    for (let i = 1; i <= steps; i++) {
      const x = Math.round(from.x + (to.x - from.x) * i / steps);
      const y = Math.round(from.y + (to.y - from.y) * i / steps);
      actions = actions.move({ x, y, origin: Origin.VIEWPORT, duration: 10 });
    }
    await actions.perform();
    this.pointer = to;
  }
  async pointerUp() { await (await this.use()).actions({ async: true }).release().perform(); }
  async setFiles(target, ...paths) {
    const el = await this.element(target);
    await el.sendKeys(paths.join('\n'));
  }
  async newTab() { return this.session.newTab(); }
  async close() {
    await (await this.use()).close();
    this.session.current = null;
  }
}

class SeleniumSession {
  constructor(engine, driver, origin) {
    this.engine = engine;
    this.driver = driver;
    this.origin = origin;
    this.current = null;
    this.first = true;
    this.tabs = [];
  }
  async activate(handle) {
    if (this.current !== handle) {
      await this.driver.switchTo().window(handle);
      this.current = handle;
    }
  }
  async newTab() {
    if (this.first) {
      // The session starts with one window: that is the first tab.
      this.first = false;
      this.current = await this.driver.getWindowHandle();
      await this.driver.manage().window().setRect({ width: VIEWPORT.width, height: VIEWPORT.height + 60 });
    } else {
      // A window, not a tab: MiniBrowser does not bring a tab to the front when WebDriver
      // switches to it, and a background tab runs no animation frames, so the app's focus
      // moves (and anything else on requestAnimationFrame) would wait until it is shown.
      await this.driver.switchTo().newWindow('window');
      await this.driver.manage().window().setRect({ width: VIEWPORT.width, height: VIEWPORT.height + 60 });
      this.current = await this.driver.getWindowHandle();
    }
    const tab = new SeleniumTab(this, this.current);
    this.tabs.push(tab);
    return tab;
  }
  /** The text of a file the browser saved: MiniBrowser saves downloads in its home folder. */
  savedDownload(name, expected) { return takeSavedFile(this.engine.home, name, expected); }
  async close() { await this.driver.quit(); }
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** The ids of every process descended from `pid` (read from /proc), deepest last. */
async function descendants(pid) {
  const parents = new Map();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses.
    const ppid = stat && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const found = [];
  const walk = (p) => { for (const [child, parent] of parents) if (parent === p) { found.push(child); walk(child); } };
  walk(pid);
  return found;
}

export function webkit({
  driverPath = process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver',
  binary = process.env.WEBKIT_BROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
} = {}) {
  let driverProcess = null, url, version = null;
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary, args: ['--automation'] },
  };
  return {
    name: 'WebKitGTK',
    home: null,
    async start() {
      if (!process.env.DISPLAY) throw new Error('WebKitGTK needs an X display: run under xvfb-run -a.');
      // Started here rather than by selenium's DriverService, to know its process id: a browser
      // that hangs is then stopped with exactly the processes this run started.
      const port = await freePort();
      // A private home (MiniBrowser saves downloads there), and the driver's and the browser's
      // own messages in a log, for a failure report (see log()).
      this.home ??= await privateHome('webkit');
      const out = openSync(join(this.home, 'webkit.log'), 'a');
      driverProcess = spawn(driverPath, [`--port=${port}`, '--host=127.0.0.1'], {
        stdio: ['ignore', out, out], env: { ...process.env, HOME: this.home },
      });
      closeSync(out);
      url = `http://127.0.0.1:${port}`;
      await httpUtil.waitForServer(url, 20_000);
      const probe = await this.session('about:blank');
      version = (await probe.driver.getCapabilities()).get('browserVersion');
      await probe.close();
      return `WebKitGTK ${version} (MiniBrowser)`;
    },
    /** A new browser session per flow: MiniBrowser's automation sessions start with empty storage. */
    async session(origin) {
      const driver = await new Builder().withCapabilities(capabilities).usingServer(url).build();
      return new SeleniumSession(this, driver, origin);
    },
    /** The last lines WebKitWebDriver and MiniBrowser wrote. */
    async log(lines = 15) {
      const text = this.home ? await readFile(join(this.home, 'webkit.log'), 'utf8').catch(() => '') : '';
      return text.trimEnd().split('\n').slice(-lines).join('\n');
    },
    /** Stops the driver and every browser process it started (by process id). */
    async stop() {
      if (!driverProcess) return;
      const pid = driverProcess.pid;
      const children = await descendants(pid);
      const exited = new Promise((ok) => (driverProcess.exitCode !== null ? ok() : driverProcess.once('exit', ok)));
      driverProcess.kill('SIGTERM');
      for (const child of children.reverse()) { try { process.kill(child, 'SIGKILL'); } catch { /* already gone */ } }
      await exited;
      driverProcess = null;
    },
    /** Stops, then removes the private home. */
    async dispose() {
      await this.stop();
      if (this.home) await rm(this.home, { recursive: true, force: true });
      this.home = null;
    },
  };
}
