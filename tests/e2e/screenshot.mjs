// Takes the README screenshot: `node tests/e2e/screenshot.mjs` after `trunk build --release`.
import { join } from 'node:path';
import { serveDist, launch, openApp, marker, ROOT } from './support.mjs';

const server = await serveDist();
const browser = await launch();
try {
  const { page } = await openApp(browser, server.origin, { viewport: { width: 1360, height: 820 } });
  await marker(page, 'Helen Achterberg').click();
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.close();
}
