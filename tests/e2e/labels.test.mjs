// Names on the map never collide: on the example map, a generated 200-person map, a map compared
// with a snapshot (arrows from where people were), and presenting at 1280 × 720, no two visible
// names overlap, and no name covers a quadrant caption, a marker, its badge, a ring or crosses an
// arrow. Boxes are what the browser draws (getBoundingClientRect), not what the layout planned.
// Names that fit nowhere show when their marker is pointed at or focused.
import { test, expect } from './fixtures.mjs';
import { marker, fromMenu } from './support.mjs';
import { generateMap } from '../bench/bench.mjs';

/** Collisions of visible names on the map, described in words (empty when there are none). */
async function collisions(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.map-svg');
    // Drawn: a box (a level or upright line has one side of zero) and not hidden by style.
    const visible = (e) => {
      const r = e.getBoundingClientRect();
      return r.width + r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).display !== 'none';
    };
    const box = (e) => e.getBoundingClientRect();
    // A pixel of slack for anti-aliasing.
    const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const who = (e) => e.closest('[data-id]')?.getAttribute('aria-label')?.split(',')[0] ?? e.textContent;
    const names = [...svg.querySelectorAll('.marker text.label, .ghost-label text')].filter(visible);
    const blocks = [
      ...[...svg.querySelectorAll('.quadrant-name, .quadrant-stance')].map((e) => [`the caption “${e.textContent}”`, e]),
      ...[...svg.querySelectorAll('.marker .dot, .marker .badge circle')].map((e) => [`${who(e)}'s marker`, e]),
      ...[...svg.querySelectorAll('.comparison circle, .target-ring')].map((e) => ['a ring', e]),
    ].filter(([, e]) => visible(e)).map(([what, e]) => [what, box(e)]);
    // Lines in page coordinates.
    const lines = [...svg.querySelectorAll('.move-arrow, .target-arrow, .leader')].filter(visible).map((l) => {
      const m = l.getScreenCTM();
      const p = (x, y) => new DOMPoint(x, y).matrixTransform(m);
      return [l.getAttribute('class'), p(l.x1.baseVal.value, l.y1.baseVal.value), p(l.x2.baseVal.value, l.y2.baseVal.value)];
    });
    const crosses = (r, a, b) => {
      // Liang–Barsky, on the box shrunk by a pixel.
      const [x0, y0, x1, y1] = [r.left + 1, r.top + 1, r.right - 1, r.bottom - 1];
      let t0 = 0, t1 = 1;
      const dx = b.x - a.x, dy = b.y - a.y;
      for (const [p, q] of [[-dx, a.x - x0], [dx, x1 - a.x], [-dy, a.y - y0], [dy, y1 - a.y]]) {
        if (p === 0) { if (q < 0) return false; continue; }
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
        if (t0 > t1) return false;
      }
      return true;
    };
    const found = [];
    const rects = names.map((e) => [e.textContent, box(e)]);
    rects.forEach(([name, r], i) => {
      for (const [other, o] of rects.slice(i + 1)) if (overlap(r, o)) found.push(`${name} overlaps ${other}`);
      for (const [what, b] of blocks) if (overlap(r, b)) found.push(`${name} covers ${what}`);
      for (const [what, a, b] of lines) if (crosses(r, a, b)) found.push(`${name} is crossed by a ${what}`);
    });
    return { shown: names.length, found };
  });
}

test('the example map names everyone, and no name covers another, a marker or a caption', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1366, height: 768 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await expect(page.locator('g.marker')).toHaveCount(10);
  const { shown, found } = await collisions(page);
  expect(found, 'no collisions on the example map').toEqual([]);
  expect(shown, 'every one of the ten is named').toBe(10);
});

test('presenting at 1280 × 720: big names, and still no collisions', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1280, height: 720 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('button', { name: 'Present to a room' }).click();
  await expect(page.getByRole('button', { name: 'Leave presentation' })).toBeVisible();
  const size = await page.locator('g.marker text.label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(size, 'names read from the back of the room').toBeGreaterThanOrEqual(24);
  const { shown, found } = await collisions(page);
  expect(found, 'no collisions while presenting').toEqual([]);
  expect(shown, 'most of the ten are named').toBeGreaterThanOrEqual(8);
});

test('a 200-person map: names that fit are shown without a collision, the rest on pointing or focus', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1366, height: 768 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  const file = generateMap(200);
  await page.getByLabel('Import map').setInputFiles({
    name: 'crowd.stakemap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.locator('g.marker')).toHaveCount(200);
  const { shown, found } = await collisions(page);
  expect(found, 'no collisions on a 200-person map').toEqual([]);
  expect(shown, 'some names fit').toBeGreaterThan(10);

  // Someone whose name gave way: focusing their marker shows it.
  const spare = page.locator('g.marker:has(text.label.spare)').first();
  await spare.focus();
  await expect(spare.locator('text.label')).toBeVisible();
  // The map is one tab stop; Ctrl with an arrow goes to the nearest person that way.
  expect(await page.locator('g.marker[tabindex="0"]').count(), 'one tab stop').toBe(1);
  const before = await page.evaluate(() => document.activeElement.getAttribute('data-id'));
  await page.keyboard.press('Control+ArrowRight');
  const after = await page.evaluate(() => document.activeElement.getAttribute('data-id'));
  expect(after, 'focus moved to another person').not.toBe(before);
  expect(await page.locator('g.marker[tabindex="0"]').getAttribute('data-id')).toBe(after);
});

test('comparing with a snapshot: names keep off the arrows and the rings', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1366, height: 768 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  const file = generateMap(30, 7);
  // A baseline a month ago: everyone a little more skeptical, and one person since removed.
  file.snapshots = [{
    id: '7e000000-0000-4000-8000-000000000901', name: 'Baseline', taken_at: '2026-10-20T09:00:00.000Z',
    stakeholders: [
      ...file.stakeholders.map((s) => ({ stakeholder_id: s.id, name: s.name, influence: s.influence, skepticism: Math.min(100, s.skepticism + 20) })),
      { stakeholder_id: '7e000000-0000-4000-8000-000000000999', name: 'Someone Gone', influence: 50, skepticism: 50 },
    ],
  }];
  await page.getByLabel('Import map').setInputFiles({
    name: 'moves.stakemap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(page.locator('g.marker')).toHaveCount(30);
  await page.getByLabel('Compare with').selectOption('7e000000-0000-4000-8000-000000000901');
  // (Level arrows have no height, so they are counted rather than checked for visibility.)
  await expect(page.locator('.move-arrow')).not.toHaveCount(0);
  const { found } = await collisions(page);
  expect(found, 'no collisions while comparing').toEqual([]);
});
