// The core user flows, written once against the small tab interface of drivers.mjs and run in
// every engine. Each flow gets a fresh session (empty storage) and asserts what a user sees:
// marker names, texts, dialogs, field values; storage and files only where the user's result is a
// file. Waits are for conditions on the page, never for a fixed time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(here, '..', 'fixtures');
const QUADRANTS = ['Win over', 'Champions', 'Reassure', 'Keep informed'];

// ---- What the user sees, read from the page -------------------------------------------------

/** Opens the app in a new tab of the session and waits for the map. */
async function openApp(session) {
  const tab = await session.newTab();
  await tab.goto('/');
  await tab.waitForTarget('g.marker');
  return tab;
}

/** Every marker's accessible name, in document order. */
const markerLabels = (tab) => tab.evaluate(() => [...document.querySelectorAll('g.marker')].map((e) => e.getAttribute('aria-label')));

/** "Name, influence N, skepticism M, Quadrant": the first part of a marker's name. */
const positionPart = (label) => label.split(', ').slice(0, 4).join(', ');

/** Waits until the named marker's position reads `expected`; fails with what it read. */
async function waitForPosition(tab, name, expected, message) {
  try {
    await tab.waitFor((who, want) => {
      const el = [...document.querySelectorAll('g.marker')].find((e) => e.getAttribute('aria-label').startsWith(`${who},`));
      return el && el.getAttribute('aria-label').split(', ').slice(0, 4).join(', ') === want;
    }, [name, expected], { message: message ?? `${name} at “${expected}”` });
  } catch (e) {
    const now = await tab.attr({ marker: name }, 'aria-label').catch(() => 'no such marker');
    throw new Error(`${e.message}; the marker reads “${now}”`);
  }
}

const positionOf = async (tab, name) => positionPart(await tab.attr({ marker: name }, 'aria-label'));

/** The sheets worker's files the page has loaded (its resource timing lists the worker's script). */
const sheetsWorkerLoads = (tab) => tab.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)
  .filter((name) => name.includes('stakemap-sheets')));

/** Waits for the marker count to be `n`. */
const waitForMarkerCount = (tab, n) => tab.waitFor((count) => document.querySelectorAll('g.marker').length === count, [n],
  { message: `${n} markers on the map` });

/**
 * Waits until the drawing fits its box: the map is drawn at the pixel size of .map-canvas, which
 * a ResizeObserver reports after layout, so a layout change (the tour closing, a resize) is
 * followed by one redraw. Pointer arithmetic is only sound after it.
 */
const waitForDrawing = (tab) => tab.waitFor(() => {
  const box = document.querySelector('.map-canvas');
  const svg = box?.querySelector('svg.map-svg');
  if (!svg) return false;
  const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
  return Math.abs(w - box.clientWidth) < 1.5 && Math.abs(h - box.clientHeight) < 1.5;
}, [], { message: 'the map drawn at the size of its box' });

/** The plot area of the map in viewport pixels, as the map states it (`data-plot`: x0 y0 x1 y1). */
async function plotBox(tab) {
  const box = await tab.rect('svg.map-svg');
  const [x0, y0, x1, y1] = (await tab.attr('svg.map-svg', 'data-plot')).split(' ').map(Number);
  return {
    x0: box.left + x0, x1: box.left + x1, y0: box.top + y0, y1: box.top + y1,
    at(influence, skepticism) {
      return { x: this.x0 + (this.x1 - this.x0) * skepticism / 100, y: this.y1 - (this.y1 - this.y0) * influence / 100 };
    },
  };
}

/** Opens the header's "Maps and files" menu. */
async function openMenu(tab) {
  await tab.click({ button: 'Maps and files' });
  await tab.waitForTarget({ button: 'Export map', within: '#map-menu' });
}

/** Chooses an item of the "Maps and files" menu. */
async function fromMenu(tab, name) {
  await openMenu(tab);
  await tab.click({ button: name, within: '#map-menu' });
}

/** The centre of a marker's dot in viewport pixels, after scrolling the map into view. */
async function dotCentre(tab, name) {
  await tab.waitForTarget({ marker: name });
  return tab.evaluate((who) => {
    document.querySelector('svg.map-svg').scrollIntoView({ block: 'center' });
    const el = [...document.querySelectorAll('g.marker')].find((e) => e.getAttribute('aria-label').startsWith(`${who},`));
    const b = el.querySelector('.dot').getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  }, name);
}

/** Exports the open map: the file offered (name, type, text) and the text the browser saved. */
async function exportMap(tab) {
  const index = await tab.downloadCount();
  await fromMenu(tab, 'Export map');
  const offered = await tab.download(index);
  const saved = await tab.session.savedDownload(offered.name, offered.text);
  return { ...offered, saved };
}

/**
 * Opens the add form and waits for the cursor in its Name field, as a user sees it before typing.
 * (The app moves focus there on the next animation frame, which WebKitGTK under Xvfb can run
 * ~300 ms late after an idle spell; typing earlier loses keys to the name.)
 */
async function openAddForm(tab) {
  await tab.click({ button: 'Add stakeholder' });
  await tab.waitFor(() => document.activeElement?.id === 'sh-name', [], { message: 'the cursor in the Name field of the add form' });
}

/** Adds a stakeholder through the form, as a user types it. */
async function addThroughForm(tab, { name, influence, skepticism }) {
  await openAddForm(tab);
  await tab.fill({ label: 'Name (required)' }, name);
  if (influence != null) await tab.fill({ labelStarts: 'Influence' }, String(influence));
  if (skepticism != null) await tab.fill({ labelStarts: 'Skepticism' }, String(skepticism));
  await tab.click({ button: 'Add to map' });
  await tab.waitForTarget({ marker: name });
}

const tempDirs = [];

/** Writes a file for a flow to pick (removed by removeTempFiles). */
async function tempFile(name, text) {
  const dir = await mkdtemp(join(tmpdir(), 'stakemap-engines-'));
  tempDirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** Removes the files the flows wrote. */
export async function removeTempFiles() {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

// ---- The flows -------------------------------------------------------------------------------

export const flows = [
  ['first visit shows the example map; “Skip the tour” closes the tour for good', async (session) => {
    const tab = await openApp(session);
    await waitForMarkerCount(tab, 10);
    const labels = (await markerLabels(tab)).map(positionPart);
    assert.ok(labels.includes('Dana Ortiz, influence 88, skepticism 74, Win over'), labels.join('\n'));
    for (const label of labels) assert.match(label, /^[^,]+, influence \d{1,3}, skepticism \d{1,3}, (Win over|Champions|Reassure|Keep informed)$/);
    assert.deepEqual([...new Set(labels.map((l) => l.split(', ').at(-1)))].sort(), [...QUADRANTS].sort());
    for (const name of ['Add stakeholder', 'Maps and files', 'Undo', 'Map', 'List']) {
      assert.ok(await tab.exists({ button: name }), `a “${name}” button`);
    }
    assert.ok(await tab.exists({ label: 'Import map' }), 'an “Import map” control');
    await tab.waitForText('Welcome to Stakemap');
    await tab.click({ button: 'Skip the tour' });
    await tab.waitForGone({ text: 'Welcome to Stakemap' });
    await tab.reload();
    await waitForMarkerCount(tab, 10);
    assert.equal(await tab.exists({ button: 'Skip the tour' }), false, 'the tour stays closed after a reload');
    return [tab];
  }],

  ['add a stakeholder through the form: inline errors first, then a marker', async (session) => {
    const tab = await openApp(session);
    await openAddForm(tab);
    await tab.fill({ labelStarts: 'Influence' }, '140');
    await tab.click({ button: 'Add to map' });
    await tab.waitForText('Enter a name.');
    await tab.waitForText('Influence must be between 0 and 100 (you typed 140).');
    assert.equal(await tab.attr({ label: 'Name (required)' }, 'aria-invalid'), 'true');
    assert.equal((await markerLabels(tab)).length, 10, 'nothing added while invalid');
    await tab.fill({ label: 'Name (required)' }, 'Jordan Lee');
    await tab.fill({ label: 'Role' }, 'Head of Procurement');
    await tab.fill({ labelStarts: 'Influence' }, '30');
    await tab.fill({ labelStarts: 'Skepticism' }, '80');
    await tab.click({ button: 'Add to map' });
    await waitForPosition(tab, 'Jordan Lee', 'Jordan Lee, influence 30, skepticism 80, Reassure');
    await waitForMarkerCount(tab, 11);
    return [tab];
  }],

  ['drag a marker with the pointer to a new place', async (session) => {
    const tab = await openApp(session);
    await tab.click({ button: 'Skip the tour' });
    await tab.waitForGone({ button: 'Skip the tour' });
    await waitForDrawing(tab);
    const start = await dotCentre(tab, 'Dana Ortiz');
    const plot = await plotBox(tab);
    const target = plot.at(30, 20);
    await tab.pointerDown(start);
    await tab.pointerMove({ x: (start.x + target.x) / 2, y: (start.y + target.y) / 2 }, 5);
    await tab.pointerMove(target, 5);
    // Mid-drag, the marker already shows its new quadrant.
    await tab.waitFor(() => [...document.querySelectorAll('g.marker')].find((e) => e.getAttribute('aria-label').startsWith('Dana Ortiz,'))
      .getAttribute('class').includes('q-keep-informed'), [], { message: 'Dana Ortiz shown in Keep informed while dragging' });
    await tab.pointerUp();
    // Pixels are whole numbers in WebDriver: within a point of where the pointer was let go.
    const label = await tab.waitFor(() => {
      const el = [...document.querySelectorAll('g.marker')].find((e) => e.getAttribute('aria-label').startsWith('Dana Ortiz,'));
      const m = /influence (\d+), skepticism (\d+), Keep informed/.exec(el.getAttribute('aria-label'));
      return m && Math.abs(m[1] - 30) <= 1 && Math.abs(m[2] - 20) <= 1 ? el.getAttribute('aria-label') : null;
    }, [], { message: 'Dana Ortiz dropped at about influence 30, skepticism 20' });
    const [, influence, skepticism] = /influence (\d+), skepticism (\d+)/.exec(label);
    // The side panel shows the same numbers.
    assert.equal(await tab.value({ labelStarts: 'Influence' }), influence);
    assert.equal(await tab.value({ labelStarts: 'Skepticism' }), skepticism);
    // Saved on release: a reload shows it there.
    await tab.reload();
    await waitForPosition(tab, 'Dana Ortiz', `Dana Ortiz, influence ${influence}, skepticism ${skepticism}, Keep informed`);
    return [tab];
  }],

  ['move a focused marker with the arrow keys (1 point, 10 with Shift)', async (session) => {
    const tab = await openApp(session);
    await tab.focus({ marker: 'Dana Ortiz' });
    await tab.press('ArrowUp');
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 89, skepticism 74, Win over');
    await tab.press('ArrowUp');
    await tab.press('Shift+ArrowLeft');
    await tab.press('ArrowRight');
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 90, skepticism 65, Win over');
    for (let i = 0; i < 4; i++) await tab.press('Shift+ArrowDown');
    await tab.press('ArrowDown');
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 49, skepticism 65, Reassure');
    assert.equal(await tab.evaluate(() => document.activeElement.getAttribute('aria-label')?.split(',')[0]), 'Dana Ortiz', 'focus stays on the marker');
    return [tab];
  }],

  ['a reload keeps every edit: a new map, a new person, a moved marker', async (session) => {
    const tab = await openApp(session);
    await tab.fill({ label: 'Map name' }, 'Board rollout');
    await tab.press('Enter');
    await tab.focus({ marker: 'Marcus Feld' });
    await tab.press('Shift+ArrowRight');
    await waitForPosition(tab, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 73, Win over');
    await fromMenu(tab, 'New map');
    await waitForMarkerCount(tab, 0);
    await addThroughForm(tab, { name: 'Solo Person', influence: 70, skepticism: 20 });
    await tab.reload();
    await tab.waitForTarget({ marker: 'Solo Person' });
    assert.equal(await positionOf(tab, 'Solo Person'), 'Solo Person, influence 70, skepticism 20, Champions');
    assert.equal(await tab.value({ label: 'Map name' }), 'Untitled map', 'the last open map reopens');
    // The other map, from the map picker.
    await openMenu(tab);
    await tab.selectOption({ label: 'Open map' }, 'Board rollout');
    await waitForPosition(tab, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 73, Win over');
    assert.equal(await tab.value({ label: 'Map name' }), 'Board rollout');
    return [tab];
  }],

  ['export: “Export map” offers a JSON file holding the map', async (session) => {
    const tab = await openApp(session);
    await tab.focus({ marker: 'Helen Achterberg' });
    await tab.press('ArrowLeft');
    await waitForPosition(tab, 'Helen Achterberg', 'Helen Achterberg, influence 66, skepticism 80, Win over');
    const file = await exportMap(tab);
    assert.match(file.name, /^Example-leadership-coaching-rollout-\d{4}-\d\d-\d\d\.stakemap\.json$/);
    assert.equal(file.type, 'application/json');
    const json = JSON.parse(file.text);
    assert.equal(json.format, 'stakemap');
    assert.equal(json.version, 5);
    assert.equal(json.evidence.length, 6, "the example map's evidence library is in the file");
    assert.equal(json.map.name, 'Example: leadership coaching rollout');
    assert.equal(json.stakeholders.length, 10);
    const helen = json.stakeholders.find((s) => s.name === 'Helen Achterberg');
    assert.deepEqual([helen.influence, helen.skepticism], [66, 80], 'the file holds the edit');
    assert.equal(file.saved, file.text, 'the browser saved the file the app offered');
    await tab.waitForGone({ text: 'not exported yet' });
    return [tab];
  }],

  ['import: a file picked with “Import map” opens as a new map; a bad file changes nothing', async (session) => {
    const tab = await openApp(session);
    await tab.setFiles('#import-file', join(FIXTURES, 'good', 'full-v1.stakemap.json'));
    await tab.waitForTarget({ marker: 'Renée Østergaard' });
    await tab.waitForText('Imported “Finance transformation — coaching pilot”');
    assert.equal(await tab.value({ label: 'Map name' }), 'Finance transformation — coaching pilot');
    assert.equal(await tab.evaluate(() => document.querySelectorAll('#map-select option').length), 2, 'opened beside the example');
    const count = (await markerLabels(tab)).length;

    await tab.setFiles('#import-file', join(FIXTURES, 'bad', 'influence-not-number.json'));
    await tab.waitForText('“influence-not-number.json” was not imported. Nothing was changed.');
    await tab.waitForText('stakeholders[0].influence: expected a number from 0 to 100, found "high"');
    assert.equal((await markerLabels(tab)).length, count);
    assert.equal(await tab.evaluate(() => document.querySelectorAll('#map-select option').length), 2);
    return [tab];
  }],

  ['merge preview: importing a changed copy of the open map shows what differs, merges, and undoes in one step', async (session) => {
    const tab = await openApp(session);
    const exported = JSON.parse((await exportMap(tab)).text);
    // A colleague's copy: Grace moved (later than ours), and one person added.
    const theirs = structuredClone(exported);
    const later = new Date(Date.now() + 60_000).toISOString();
    const grace = theirs.stakeholders.find((s) => s.name === 'Grace Lindqvist');
    const graceBefore = await positionOf(tab, 'Grace Lindqvist');
    grace.influence = Math.min(100, grace.influence + 20);
    grace.updated_at = later;
    const added = { ...structuredClone(grace), id: randomUUID(), name: 'Tomasz Wren', influence: 65, skepticism: 70, created_at: later, updated_at: later };
    theirs.stakeholders.push(added);
    theirs.history.push({ stakeholder_id: added.id, at: later, influence: 65, skepticism: 70, source: 'added' });
    theirs.history.push({ stakeholder_id: grace.id, at: later, influence: grace.influence, skepticism: grace.skepticism, source: 'map' });
    theirs.exported_at = later;
    const path = await tempFile('colleague.stakemap.json', JSON.stringify(theirs, null, 2));

    await tab.setFiles('#import-file', path);
    const dialog = 'dialog[open]';
    await tab.waitForTarget({ within: dialog, text: 'Merge “' });
    await tab.waitForTarget({ within: dialog, text: 'New in their file (1)' });
    assert.equal(await tab.checked({ within: dialog, label: 'Add Tomasz Wren' }), true);
    assert.equal(await tab.checked({ within: dialog, labelStarts: 'Theirs (newer)' }), true, 'their newer position is preselected');
    assert.equal((await markerLabels(tab)).length, 10, 'nothing changes before Merge');
    await tab.click({ within: dialog, button: 'Merge' });
    await tab.waitForText('Merged “');
    await tab.waitForGone(dialog);
    await waitForPosition(tab, 'Tomasz Wren', 'Tomasz Wren, influence 65, skepticism 70, Win over');
    await tab.waitFor((want) => [...document.querySelectorAll('g.marker')].some((e) => e.getAttribute('aria-label').startsWith(want)),
      [`Grace Lindqvist, influence ${grace.influence}, skepticism ${grace.skepticism}, `], { message: 'Grace Lindqvist where their file has her' });
    await waitForMarkerCount(tab, 11);

    await tab.click({ button: 'Undo' });
    await tab.waitForGone({ marker: 'Tomasz Wren' });
    await waitForPosition(tab, 'Grace Lindqvist', graceBefore);
    return [tab];
  }],

  ['two tabs: an edit in one appears in the other', async (session) => {
    const a = await openApp(session);
    const b = await openApp(session);
    await waitForMarkerCount(b, 10);
    await a.focus({ marker: 'Dana Ortiz' });
    await a.press('Shift+ArrowLeft');
    await waitForPosition(a, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');
    await waitForPosition(b, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over', 'tab B shows tab A’s move');
    // And back the other way, with a new person.
    await addThroughForm(b, { name: 'Kim Park', influence: 40, skepticism: 30 });
    await waitForPosition(a, 'Kim Park', 'Kim Park, influence 40, skepticism 30, Keep informed', 'tab A shows tab B’s new person');
    return [a, b];
  }],

  ['undo and redo: the buttons take an edit back and forth', async (session) => {
    const tab = await openApp(session);
    await tab.waitFor(() => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Undo')?.disabled === true, [],
      { message: 'Undo disabled on a first visit' });
    await tab.focus({ marker: 'Dana Ortiz' });
    await tab.press('Shift+ArrowLeft');
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');
    await tab.click({ button: 'Undo' });
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 74, Win over');
    await tab.click({ button: 'Redo' });
    await waitForPosition(tab, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 64, Win over');
    await addThroughForm(tab, { name: 'Kim Park' });
    assert.equal(await tab.attr({ button: 'Undo' }, 'title'), 'Undo add Kim Park (Ctrl+Z)');
    await tab.click({ button: 'Undo' });
    await tab.waitForGone({ marker: 'Kim Park' });
    await tab.reload();
    await waitForMarkerCount(tab, 10);
    assert.equal(await positionOf(tab, 'Dana Ortiz'), 'Dana Ortiz, influence 88, skepticism 64, Win over', 'a reload agrees');
    return [tab];
  }],
  ['evidence: a leader’s Evidence tab offers what suits them; logging a share moves it on and survives a reload', async (session) => {
    const tab = await openApp(session);
    await tab.click({ button: 'Skip the tour' });
    await tab.click({ marker: 'Marcus Feld' });
    await tab.click({ button: 'Evidence', within: '.panel-tabs' });
    await tab.waitForText('Evidence that suits Marcus');
    await tab.waitForText('Not yet shared with Marcus');
    await tab.click({ button: 'Log as shared: Regretted attrition in pilot teams' });
    await tab.selectOption({ label: 'How it landed' }, 'Positive');
    await tab.click({ button: 'Log it' });
    await tab.waitForText('Logged: “Regretted attrition in pilot teams” shared.');
    await tab.waitForTarget({ text: 'Regretted attrition in pilot teams · went well', within: '.panel' });
    await tab.reload();
    await tab.waitForTarget({ marker: 'Marcus Feld' });
    await tab.click({ marker: 'Marcus Feld' });
    await tab.click({ button: 'Evidence', within: '.panel-tabs' });
    await tab.waitForText('went well');
    assert.ok(await tab.exists({ text: 'Regretted attrition in pilot teams', within: '.panel' }), 'the share is in the log after a reload');
    return [tab];
  }],
  ['network: a relationship recorded with the person picker by keyboard is listed, drawn and kept after a reload', async (session) => {
    const tab = await openApp(session);
    await tab.click({ button: 'Skip the tour' });
    await tab.click({ marker: 'Dana Ortiz' });
    await tab.click({ button: 'Network', within: '.panel-tabs' });
    await tab.waitForText('Priya Raman → Dana Ortiz: Dana listens to Priya (strong)');
    const drawn = () => tab.evaluate(() => Number(document.querySelector('div.tie-layer').getAttribute('data-drawn')));
    const before = await drawn();
    assert.ok(before >= 4, `Dana's relationships are drawn (${before})`);
    await tab.fill({ label: 'Who' }, 'aish');
    await tab.waitForText('Aisha Bello');
    await tab.press('Enter');
    await tab.waitFor(() => document.getElementById('relationship-person').value === 'Aisha Bello', [], { message: 'Enter picks the match' });
    await tab.press('Enter');
    await tab.waitForText('Recorded: Dana Ortiz listens to Aisha Bello (moderate).');
    await tab.waitForTarget({ text: 'Dana listens to Aisha Bello (moderate)', within: '.relationship-list' });
    await tab.waitFor((n) => Number(document.querySelector('div.tie-layer').getAttribute('data-drawn')) === n + 1, [before], { message: 'the new relationship is drawn' });
    await tab.reload();
    await tab.waitForTarget({ marker: 'Dana Ortiz' });
    await tab.click({ marker: 'Dana Ortiz' });
    await tab.click({ button: 'Network', within: '.panel-tabs' });
    await tab.waitForTarget({ text: 'Dana listens to Aisha Bello (moderate)', within: '.relationship-list' });
    return [tab];
  }],
  ['password-protected file: the file the app locked opens only with its passphrase; a new one locks and opens again', async (session) => {
    const tab = await openApp(session);
    const passphrase = 'copper kettle orbit meadow';
    const dialog = 'dialog[open]';
    // Made by the app in Chromium: this engine's WebCrypto must open it the same way.
    await tab.setFiles('#import-file', join(FIXTURES, 'locked', 'example.stakemap.locked.json'));
    await tab.waitForText('“example.stakemap.locked.json” is password-protected');
    await tab.fill({ label: 'Passphrase', within: dialog }, 'copper kettle orbit');
    await tab.click({ button: 'Open', within: dialog });
    await tab.waitForText('That passphrase does not open this file. Nothing was changed; try again.');
    assert.equal(await tab.evaluate(() => document.querySelectorAll('#map-select option').length), 1, 'nothing opened');
    await tab.fill({ label: 'Passphrase', within: dialog }, passphrase);
    await tab.click({ button: 'Open', within: dialog });
    await tab.waitForText('Imported “Board rollout 2027” with 10 stakeholders as a new map.');

    // Locked here, then opened here: the copy of the open map has nothing new to merge.
    const index = await tab.downloadCount();
    await fromMenu(tab, 'Export with passphrase…');
    await tab.fill({ label: 'Passphrase', within: dialog }, 'another long passphrase');
    await tab.fill({ label: 'Type it again', within: dialog }, 'another long passphrase');
    await tab.click({ button: 'Lock and download', within: dialog });
    const file = await tab.download(index);
    assert.match(file.name, /^Board-rollout-2027-\d{4}-\d\d-\d\d\.stakemap\.locked\.json$/);
    const envelope = JSON.parse(file.text);
    assert.equal(envelope.format, 'stakemap-locked');
    assert.equal(envelope.kdf.iterations, 600000);
    assert.ok(!file.text.includes('Board rollout') && !file.text.includes('Helen'), 'no name is readable in the locked file');
    await tab.setFiles('#import-file', await tempFile('again.stakemap.locked.json', file.text));
    await tab.waitForText('“again.stakemap.locked.json” is password-protected');
    await tab.fill({ label: 'Passphrase', within: dialog }, 'another long passphrase');
    await tab.click({ button: 'Open', within: dialog });
    await tab.waitForText('holds nothing that “Board rollout 2027” does not already have');
    return [tab];
  }],
  ['register: an Excel workbook opened with “Import map” is read by the sheets worker, previewed, changed and brought in as a new map', async (session) => {
    const tab = await openApp(session);
    assert.deepEqual(await sheetsWorkerLoads(tab), [], 'nothing of the sheets worker is loaded at start-up');
    await tab.setFiles('#import-file', join(FIXTURES, 'sheets', 'register-two-sheets.xlsx'));
    await tab.waitForText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');
    assert.equal(await tab.text('#register-title'), 'Bring in “register-two-sheets.xlsx”');
    // Each choice goes to the worker, and the preview is redrawn from its answer.
    await tab.selectOption({ label: 'Sheet' }, 'Instructions (5 rows)');
    await tab.waitForText('Headers in row 1.');
    await tab.waitForTarget({ label: 'How to use this stakeholder register' });
    await tab.selectOption({ label: 'Sheet' }, 'Stakeholder Register (14 rows)');
    await tab.waitForText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');
    await tab.fill({ label: 'Place for “TBD” in “Current Stance”' }, '60');
    await tab.press('Enter');
    await tab.waitForText('Headers in row 3. 12 people found: 11 placed from the sheet, 1 to place by hand.');
    await tab.click({ button: 'Bring in 12 people' });
    await tab.waitForText('Brought in “register-two-sheets.xlsx”: 11 people added, 1 in the quick-add tray to place by hand. Undo reverses the whole import.');
    assert.deepEqual(await sheetsWorkerLoads(tab), [`${tab.origin}/stakemap-sheets_loader.js`], 'the worker was started beside the page');
    assert.equal(await tab.value({ label: 'Map name' }), 'register-two-sheets');
    await waitForMarkerCount(tab, 11);
    await waitForPosition(tab, 'Priya Raman', 'Priya Raman, influence 100, skepticism 20, Champions');
    await waitForPosition(tab, 'Daniel Mensah', 'Daniel Mensah, influence 50, skepticism 60, Win over');
    await tab.waitForTarget({ button: 'Place Sofia Lindqvist, Team Lead, on the map' });
    return [tab];
  }],
  ['register: a German Excel CSV (Windows-1252, semicolons, decimal commas) brought in from Share into the open map', async (session) => {
    const tab = await openApp(session);
    await fromMenu(tab, 'Share…');
    await tab.setFiles('#sheet-file', join(FIXTURES, 'sheets', 'german-excel.csv'));
    await tab.waitForText('Headers in row 1. 6 people found: 6 placed from the sheet.');
    assert.equal(await tab.checked('#rg-into-map'), true, 'Share brings a register into the open map');
    await tab.click({ button: 'Bring in 6 people' });
    await tab.waitForText('Brought in “german-excel.csv”: 6 people added. Undo reverses the whole import.');
    await waitForMarkerCount(tab, 16);
    await waitForPosition(tab, 'Jürgen Müller', 'Jürgen Müller, influence 95, skepticism 75, Win over');
    await waitForPosition(tab, 'Zoë Lefèvre', 'Zoë Lefèvre, influence 70, skepticism 25, Champions');
    await waitForPosition(tab, 'Anneliese Groß', 'Anneliese Groß, influence 75, skepticism 60, Win over');
    await tab.click({ button: 'Undo' });
    await waitForMarkerCount(tab, 10);
    return [tab];
  }],
];
