// The sheets worker (sheets/, built by Trunk beside the app as stakemap-sheets_loader.js,
// stakemap-sheets.js and stakemap-sheets_bg.wasm): the page does not load it at start-up.
// Started here the way the app's adapter starts it (src/adapters/workbook.rs: a module worker,
// its ready message, the file's bytes transferred, one JSON reply), it reads the workbook
// fixtures in tests/fixtures/sheets/, at the root and under a sub-path, within the page's
// Content-Security-Policy, and with the network cut once the service worker keeps the app.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { FIXTURES, SUB_PATH } from './support.mjs';

const WORKER_FILES = ['stakemap-sheets_loader.js', 'stakemap-sheets.js', 'stakemap-sheets_bg.wasm'];

const fixture = (name) => readFile(join(FIXTURES, 'sheets', name));

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
 * Reads a workbook's bytes in a sheets worker started in `page` as the adapter starts it, and
 * resolves to the reply (parsed), with any Content-Security-Policy violations seen meanwhile.
 */
function readInWorker(page, bytes) {
  return page.evaluate((data) => new Promise((resolve, reject) => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const worker = new Worker('./stakemap-sheets_loader.js', { type: 'module' });
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the sheets worker failed: ${e.message ?? e.type}`));
    };
    worker.onmessage = (e) => {
      if (e.data === 'ready') {
        const file = new Uint8Array(data).buffer;
        worker.postMessage(file, [file]);
        return;
      }
      worker.terminate();
      resolve({ reply: JSON.parse(e.data), violations });
    };
  }), [...bytes]);
}

test('the page does not load the sheets worker until a workbook is read, then it reads one', async ({ openApp }) => {
  // The fixture opens the app and waits for its map; the page goes quiet after that.
  const { page, errors } = await openApp();
  const asked = workerRequests(page);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(asked, 'nothing of the sheets worker is loaded at start-up').toEqual([]);

  const { reply, violations } = await readInWorker(page, await fixture('register-two-sheets.xlsx'));
  expect(asked.sort(), 'the worker is loaded once a workbook is read').toEqual([...WORKER_FILES].sort());
  expect(violations).toEqual([]);
  expect(reply.read.sheets.map((s) => s.name)).toEqual(['Instructions', 'Stakeholder Register']);
  const register = reply.read.sheets[1];
  expect(register.rows[1]).toEqual({
    number: 3,
    cells: ['ID', 'Name', 'Title/Role', 'Department', 'Contact Information', 'Influence', 'Interest',
      'Current Stance', 'Notes'],
  });
  expect(register.rows[2].cells.slice(0, 2)).toEqual(['S-01', 'Priya Raman']);
  expect(register.rows[2].cells[5]).toBe('5');

  // Problems come back as the core's reply too.
  expect((await readInWorker(page, await fixture('protected.xlsx'))).reply).toEqual({ failed: { problem: 'protected' } });
  expect((await readInWorker(page, await fixture('empty.xlsx'))).reply).toEqual({ failed: { problem: 'empty' } });
  expect(errors).toEqual([]);
});

test('under a sub-path the worker finds its files beside the page', async ({ openApp }) => {
  const { page, errors } = await openApp({ path: SUB_PATH });
  const { reply, violations } = await readInWorker(page, await fixture('register.ods'));
  expect(violations).toEqual([]);
  expect(reply.read.sheets.map((s) => s.name)).toEqual(['Stakeholders']);
  expect(reply.read.sheets[0].rows[1].cells[3]).toBe('0.85');
  expect(errors).toEqual([]);
});

test('once the app is kept for offline use, the worker reads a workbook with the network cut', async ({ openApp }) => {
  const { context, page, errors } = await openApp();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null),
    { message: 'the service worker controls the page', timeout: 20_000 }).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  const { reply } = await readInWorker(page, await fixture('register-two-sheets.xlsx'));
  expect(reply.read.sheets.map((s) => s.name)).toEqual(['Instructions', 'Stakeholder Register']);
  expect(errors).toEqual([]);
});
