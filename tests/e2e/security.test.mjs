// Security end-to-end tests: the Content-Security-Policy matches what Trunk emits and is never
// violated, user text is never rendered as HTML, and nothing is requested from another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  useServerAndBrowser, openApp, marker, DIST } from './support.mjs';

const env = useServerAndBrowser();

test('every inline script in the build is allowed by hash in the Content-Security-Policy', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.ok(csp, 'the page carries a CSP');
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "connect-src 'self'"]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}`);
  }
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.ok(inline.length >= 1, 'Trunk emits its loader inline');
  for (const body of inline) {
    const hash = createHash('sha256').update(body).digest('base64');
    assert.ok(csp.includes(`'sha256-${hash}'`), `the CSP in index.html must list 'sha256-${hash}' (Trunk's loader changed: update the hash)`);
  }
});

test('a hostile name is shown as text, and the policy is never violated', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.__alerted = false;
    window.alert = () => { window.__alerted = true; };
  });
  const hostile = '<img src=x onerror=alert(1)>';
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill(hostile);
  await page.getByLabel('Notes').fill('<script>alert(2)</script><b>bold?</b>');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, hostile).waitFor();
  // Long names are shortened on the map, shown literally; the full name is in the accessible name.
  assert.equal(await marker(page, hostile).locator('text.label').textContent(), '<img src=x onerror=al…');
  assert.ok((await marker(page, hostile).getAttribute('aria-label')).startsWith(`${hostile}, influence 50`));
  assert.equal(await page.locator('#form-title').textContent(), hostile);
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was created from the name');
  assert.equal(await page.locator('.panel b').count(), 0);
  await page.getByRole('button', { name: 'List view' }).click();
  assert.equal(await page.getByRole('button', { name: hostile }).textContent(), hostile);
  await page.getByRole('button', { name: 'Report', exact: true }).click();
  assert.equal(await page.evaluate(() => window.__alerted), false);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});
