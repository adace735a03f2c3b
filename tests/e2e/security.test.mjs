// Security end-to-end tests: the Content-Security-Policy matches what Trunk emits and is never
// violated, user text is never rendered as HTML, and nothing is requested from another origin.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, startsWith } from './fixtures.mjs';
import { marker, DIST } from './support.mjs';

test('every inline script in the build is allowed by hash in the Content-Security-Policy', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  expect(csp, 'the page carries a CSP').toBeTruthy();
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "connect-src 'self'"]) {
    expect(csp, `CSP has ${directive}`).toContain(directive);
  }
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length, 'Trunk emits its loader inline').toBeGreaterThanOrEqual(1);
  for (const body of inline) {
    const hash = createHash('sha256').update(body).digest('base64');
    expect(csp, `the CSP in index.html must list 'sha256-${hash}' (Trunk's loader changed: update the hash)`).toContain(`'sha256-${hash}'`);
  }
});

test('a hostile name is shown as text, and the policy is never violated', async ({ openApp }) => {
  const { page, errors } = await openApp();
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
  // Long names are shortened on the map, shown literally; the full name is in the accessible name.
  await expect(marker(page, hostile).locator('text.label')).toHaveText('<img src=x onerror=al…');
  await expect(marker(page, hostile)).toHaveAttribute('aria-label', startsWith(`${hostile}, influence 50`));
  await expect(page.locator('#form-title')).toHaveText(hostile);
  await expect(page.locator('img[src="x"]'), 'no element was created from the name').toHaveCount(0);
  await expect(page.locator('.panel b')).toHaveCount(0);
  await page.getByRole('tab', { name: 'List', exact: true }).click();
  await expect(page.getByRole('button', { name: hostile })).toHaveText(hostile);
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Report', exact: true })).toHaveAttribute('aria-selected', 'true');
  expect(await page.evaluate(() => window.__alerted)).toBe(false);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  expect(errors).toEqual([]);
});
