// The sheets worker (sheets/, built by Trunk beside the app as stakemap-sheets_loader.js,
// stakemap-sheets.js and stakemap-sheets_bg.wasm) holds the register session that reads a
// spreadsheet, draws its preview and brings its rows in. Driven here through the app, as a user
// would: the page does not load it at start-up; opening a workbook with Import map starts it, the
// preview comes from it and it stops when the review ends; it finds its files under a sub-path,
// works with the network cut once the service worker keeps the app, and never trips the page's
// Content-Security-Policy.
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { FIXTURES, SUB_PATH } from './support.mjs';

const WORKER_FILES = ['stakemap-sheets_loader.js', 'stakemap-sheets.js', 'stakemap-sheets_bg.wasm'];

const sheet = (name) => join(FIXTURES, 'sheets', name);

/** The files among WORKER_FILES that the page (or a worker it started) asked the network for. */
function workerRequests(page) {
  const asked = [];
  page.on('request', (r) => {
    // The service worker keeps the worker's files for offline use; that is not the page.
    if (r.serviceWorker()) return;
    const file = new URL(r.url()).pathname.split('/').pop();
    if (WORKER_FILES.includes(file)) asked.push(file);
  });
  return asked;
}

/**
 * Watches for Content-Security-Policy violations reported in the page, and for any console error
 * from the page or a worker it started (a blocked worker script or WebAssembly compilation is
 * reported there). Call again after a reload. Resolves to a function listing what was seen.
 */
async function watchPolicy(page) {
  const said = [];
  page.on('console', (m) => { if (m.type() === 'error') said.push(`console: ${m.text()}`); });
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...said, ...await page.evaluate(() => window.__violations)];
}

/** The preview of `file`, once the register session in the worker has drawn it. */
async function previewOf(page, file) {
  const dialog = page.getByRole('dialog', { name: `Bring in “${file}”` });
  await expect(dialog.locator('#register-summary')).toHaveText(/^Headers in row \d+\./);
  return dialog;
}

test('the sheets worker is not loaded at start-up; opening a workbook starts it, the preview comes from it, and it stops when the review ends', async ({ openApp }) => {
  // Without the service worker, so that the worker's own file can be held back on its way.
  const { context, page, errors } = await openApp({ serviceWorkers: 'block' });
  const asked = workerRequests(page);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(asked, 'nothing of the sheets worker is loaded at start-up').toEqual([]);
  expect(page.workers(), 'no worker runs').toHaveLength(0);
  const violations = await watchPolicy(page);

  // While the worker's WebAssembly is on its way, the dialog says the file is being read.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await context.route('**/stakemap-sheets_bg.wasm', async (route) => { await held; await route.continue(); });
  const started = page.waitForEvent('worker');
  await page.getByLabel('Import map').setInputFiles(sheet('register-two-sheets.xlsx'));
  const reading = page.getByRole('dialog', { name: 'Reading “register-two-sheets.xlsx”…' });
  await expect(reading).toBeVisible();
  await expect(reading.getByRole('status')).toHaveText('Reading the spreadsheet. Nothing changes until you confirm.');
  const worker = await started;
  expect(new URL(worker.url()).pathname).toBe('/stakemap-sheets_loader.js');
  release();

  const dialog = await previewOf(page, 'register-two-sheets.xlsx');
  expect(asked.sort(), 'the worker is loaded once a workbook is opened').toEqual([...WORKER_FILES].sort());
  await expect(dialog.getByRole('combobox', { name: 'Sheet', exact: true }).locator('option'))
    .toHaveText(['Instructions (5 rows)', 'Stakeholder Register (14 rows)']);
  await expect(dialog.locator('#register-summary')).toHaveText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');
  // A choice goes to the worker and comes back redrawn.
  await dialog.getByRole('combobox', { name: 'Sheet', exact: true }).selectOption({ label: 'Instructions (5 rows)' });
  await expect(dialog.locator('#register-summary')).toHaveText(/^Headers in row 1\. /);
  await expect(dialog.getByRole('combobox', { name: 'How to use this stakeholder register', exact: true })).toBeVisible();

  const stopped = new Promise((resolve) => worker.once('close', resolve));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await stopped;
  expect(page.workers(), 'the worker stops when the review ends').toHaveLength(0);

  // Refusals come from the worker too, and end with it stopped.
  await context.unroute('**/stakemap-sheets_bg.wasm');
  for (const [name, why] of [['protected.xlsx', 'protected with a password'], ['empty.xlsx', 'The spreadsheet is empty']]) {
    await page.getByLabel('Import map').setInputFiles(sheet(name));
    await expect(page.getByRole('alert').filter({ hasText: `“${name}” was not imported. Nothing was changed.` })).toContainText(why);
    await expect.poll(() => page.workers().length, { message: `no worker left running after ${name}` }).toBe(0);
  }
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test('under a sub-path the worker finds its files beside the page and brings a spreadsheet in', async ({ openApp, server }) => {
  const { page, errors } = await openApp({ path: SUB_PATH });
  const violations = await watchPolicy(page);
  const started = page.waitForEvent('worker');
  await page.getByLabel('Import map').setInputFiles(sheet('register.ods'));
  const worker = await started;
  expect(worker.url()).toBe(`${server.origin}${SUB_PATH}stakemap-sheets_loader.js`);
  const dialog = await previewOf(page, 'register.ods');
  await expect(dialog.locator('#register-summary')).toHaveText('Headers in row 1. 8 people found: 8 placed from the sheet.');
  await expect(dialog.getByRole('combobox', { name: 'Numbers on a scale of' }).locator('option:checked'))
    .toHaveText('0–1 (fractions, as a percent cell holds them)');
  await dialog.getByRole('button', { name: 'Bring in 8 people' }).click();
  await expect(page.getByText('Brought in “register.ods”: 8 people added. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expectPosition(page, 'Margaret Osei', 'Margaret Osei, influence 85, skepticism 5, Champions');
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test('once the app is kept for offline use, a workbook is read and brought in with the network cut', async ({ openApp }) => {
  const { context, page, errors } = await openApp();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null),
    { message: 'the service worker controls the page', timeout: 20_000 }).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  const violations = await watchPolicy(page);
  await page.getByLabel('Import map').setInputFiles(sheet('register-two-sheets.xlsx'));
  const dialog = await previewOf(page, 'register-two-sheets.xlsx');
  await expect(dialog.locator('#register-summary')).toHaveText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');
  await dialog.getByRole('button', { name: 'Bring in 12 people' }).click();
  await expect(page.getByText('Brought in “register-two-sheets.xlsx”: 10 people added, 2 in the quick-add tray to place by hand. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('register-two-sheets');
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expectPosition(page, 'Priya Raman', 'Priya Raman, influence 100, skepticism 20, Champions');
  await expect(page.getByRole('button', { name: 'Place Daniel Mensah, Union Representative, on the map' })).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});
