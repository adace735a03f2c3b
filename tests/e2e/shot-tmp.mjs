import { serveDist, launch, openApp } from './support.mjs';
const tag = process.argv[2] || 'before';
const server = await serveDist();
const browser = await launch();
try {
  for (const [name, vp, mobile] of [['1366', { width: 1366, height: 768 }], ['1920', { width: 1920, height: 1080 }], ['720', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }, true]]) {
    const { page, context } = await openApp(browser, server.origin, { viewport: vp, ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
    await page.locator('.tour[data-side]').waitFor({ timeout: 3000 }).catch(() => console.log(name, 'tour card not placed'));
    const svg = page.locator('svg.map-svg');
    let area = 0;
    if (await svg.count()) { const b = await svg.boundingBox(); const vis = Math.max(0, Math.min(b.y + b.height, vp.height) - Math.max(b.y, 0)) * Math.max(0, Math.min(b.x + b.width, vp.width) - Math.max(b.x, 0)); area = vis / (vp.width * vp.height); console.log(name, 'map box', JSON.stringify(b), 'visible share', area.toFixed(3)); }
    else console.log(name, 'no map on first screen');
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    console.log(name, 'scrollWidth', sw);
    await page.screenshot({ path: `/tmp/shots/${tag}-${name}.png` });
    await context.close();
  }
} finally { await browser.close(); await server.close(); }
