import { serveDist, launch, openApp } from './support.mjs';
const server = await serveDist();
const browser = await launch();
const { page } = await openApp(browser, server.origin, { viewport: { width: 1366, height: 768 } });
for (let i = 0; i < 3; i++) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForTimeout(800);
  console.log(i, await page.evaluate(() => { const t = document.querySelector('.tour'); return t ? [t.querySelector('h2').textContent, t.dataset.side, t.style.left, t.style.top] : 'none'; }));
  await page.screenshot({ path: `/tmp/shots/tour-${i}.png` });
}
await browser.close(); await server.close();
