// Takes the README screenshots: `node tests/e2e/screenshot.mjs` after `trunk build --release`.
// Writes docs/screenshot.png (light, 1366 × 768), docs/screenshot-dark.png, docs/screenshot-1920.png
// (1920 × 1080, compared with the baseline), docs/screenshot-phone.png (390 × 844), docs/screenshot-workshop.png,
// docs/screenshot-evidence.png (a leader's Evidence tab), docs/screenshot-report.png and
// docs/screenshot-register.png (the preview of a PMBOK-style register brought in) and
// docs/screenshot-network.png (who can move Dana, her relationships drawn on the map).
import { join } from 'node:path';
import { serveDist, launch, openApp, marker, ROOT, FIXTURES } from './support.mjs';

const server = await serveDist();
const browser = await launch();
try {
  for (const [scheme, file] of [['light', 'screenshot.png'], ['dark', 'screenshot-dark.png']]) {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1366, height: 768 }, colorScheme: scheme });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await marker(page, 'Helen Achterberg').locator('.dot').click();
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.screenshot({ path: join(ROOT, 'docs', file) });
    console.log(`wrote docs/${file}`);
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1920, height: 1080 } });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await page.getByLabel('Compare with').selectOption({ index: 1 });
    await marker(page, 'Dana Ortiz').locator('.dot').click();
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-1920.png') });
    console.log('wrote docs/screenshot-1920.png');
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-phone.png') });
    console.log('wrote docs/screenshot-phone.png');
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1360, height: 900 } });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await marker(page, 'Marcus Feld').locator('.dot').click();
    await page.getByRole('button', { name: 'Evidence', exact: true }).last().click();
    await page.getByRole('heading', { name: 'Evidence that suits Marcus' }).waitFor();
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-evidence.png') });
    console.log('wrote docs/screenshot-evidence.png');
    // The whole one-page report, in a window tall enough to hold it.
    await page.setViewportSize({ width: 1360, height: 2300 });
    await page.getByRole('tab', { name: 'Report', exact: true }).click();
    await page.getByRole('heading', { name: 'Program evidence' }).waitFor();
    await page.locator('.report').first().screenshot({ path: join(ROOT, 'docs', 'screenshot-report.png') });
    console.log('wrote docs/screenshot-report.png');
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1366, height: 900 } });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await marker(page, 'Dana Ortiz').locator('.dot').click();
    await page.getByRole('button', { name: 'Network', exact: true }).click();
    await page.getByRole('region', { name: 'Who can move Dana?' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-network.png') });
    console.log('wrote docs/screenshot-network.png');
    await context.close();
  }
  {
    const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1360, height: 1500 } });
    await page.getByRole('button', { name: 'Skip the tour' }).click();
    await page.locator('#import-file').setInputFiles(join(FIXTURES, 'sheets', 'pmbok-register.csv'));
    const preview = page.getByRole('dialog', { name: 'Bring in “pmbok-register.csv”' });
    await preview.getByRole('table', { name: /Where each value of “Current Stance”/ }).waitFor();
    await preview.screenshot({ path: join(ROOT, 'docs', 'screenshot-register.png') });
    console.log('wrote docs/screenshot-register.png');
    await context.close();
  }
  const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1280, height: 720 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('button', { name: 'Present to a room' }).click();
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  await page.getByLabel('Names, one per line').fill('Sam Lee\nPriya Nair\nJo Becker');
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await page.getByRole('button', { name: 'Hide the name box' }).click();
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot-workshop.png') });
  console.log('wrote docs/screenshot-workshop.png');
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
