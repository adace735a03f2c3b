import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, openApp, ROOT, FIXTURES } from './support.mjs';
const server = await serveDist();
const browser = await launch();
try {
  const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1360, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  const buf = await readFile(join(FIXTURES, 'sheets', 'register-two-sheets.xlsx'));
  await page.locator('#import-file').setInputFiles({ name: 'register-two-sheets.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: buf });
  await page.getByRole('heading', { name: /Bring in/ }).waitFor({ timeout: 20000 });
  await page.screenshot({ path: '/tmp/shot1.png' });
  await page.locator('#rg-use-6').selectOption('leave-out');
  await page.waitForTimeout(500);
  console.log('focused', await page.evaluate(() => document.activeElement?.id));
  await page.locator('dialog.register').screenshot({ path: '/tmp/shot2.png' });
  const btn = page.getByRole('button', { name: /Bring in \d+ (people|person)/ });
  console.log('button', await btn.textContent());
  await btn.click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/shot3.png' });
  console.log('errors', errors);
  await context.close();
} finally { await browser.close(); await server.close(); }
