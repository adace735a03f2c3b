import { serveDist, launch, openApp } from './support.mjs';
const server = await serveDist();
const browser = await launch();
const { page, context } = await openApp(browser, server.origin, { viewport: { width: 1366, height: 768 } });
await page.locator('.tour[data-side]').waitFor({ timeout: 3000 }).catch(() => {});
console.log(await page.evaluate(() => { const t = document.querySelector('.tour'); return [t.getAttribute('style'), t.dataset.side, JSON.stringify(t.getBoundingClientRect()), getComputedStyle(t).position]; }));
await browser.close(); await server.close();
