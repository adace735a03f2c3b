// A new sponsor's first hour, at 1366 × 768 and on a phone: the example map with its tour, then a
// blank map with six people and their causes, a plan with an owner and a date, a contact, a
// baseline, a move and the report. At each step it asserts what a person would see: how much of
// the window the map has, whose details the panel shows (its heading on screen), and the words
// that confirm each action. With STAKEMAP_SCREENSHOTS=1 its pictures go to docs/ for the README;
// otherwise to the test's output folder.
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { marker, fromMenu, ROOT } from './support.mjs';

const DESKTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const PEOPLE = [
  { name: 'Dana Whitfield', role: 'Chief Operating Officer', influence: 90, skepticism: 80, cause: 'Value not visible' },
  { name: 'Leo Marsh', role: 'Head of Finance', influence: 75, skepticism: 70, cause: 'Culture sees it as a cost' },
  { name: 'Ines Duarte', role: 'HR Director', influence: 60, skepticism: 20, cause: 'Pressure of the role' },
  { name: 'Omar Haddad', role: 'Plant Manager', influence: 40, skepticism: 65, cause: 'Past disappointments' },
  { name: 'Grete Lund', role: 'Sales Director', influence: 70, skepticism: 55, cause: 'Not heard or involved' },
  { name: 'Tom Baker', role: 'IT Lead', influence: 30, skepticism: 30, cause: 'Doubts about the coaches' },
];

/** Saves a picture of the page with the test's output, or into docs/ when asked for the README's. */
async function picture(page, testInfo, name, { readme = true } = {}) {
  const path = readme && process.env.STAKEMAP_SCREENSHOTS === '1' ? join(ROOT, 'docs', name) : testInfo.outputPath(name);
  await page.screenshot({ path });
}

/** The share of the window the map's drawing covers (only what is on screen counts). */
async function mapShare(page) {
  return page.evaluate(() => {
    const svg = document.querySelector('svg.map-svg');
    if (!svg) return 0;
    const r = svg.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    return (w * h) / (innerWidth * innerHeight);
  });
}

/** True when two boxes overlap. */
const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The tour card is on screen, beside `anchor`, clear of the map and of the anchor itself. */
async function expectCardBeside(page, title, anchor) {
  const card = page.locator('section.tour');
  await expect(card.getByRole('heading', { name: title })).toBeVisible();
  await expect(card).toHaveAttribute('data-side', /^(below|above|left|right|over)$/);
  await expect(anchor).toBeInViewport();
  await expect(anchor, 'the control the card names is outlined').toHaveClass(/tour-target/);
  const c = await card.boundingBox();
  const a = await anchor.boundingBox();
  const side = await card.getAttribute('data-side');
  if (side !== 'over') {
    expect(overlap(c, a), `the “${title}” card leaves its control uncovered`).toBe(false);
    const gap = Math.max(a.x - (c.x + c.width), c.x - (a.x + a.width), a.y - (c.y + c.height), c.y - (a.y + a.height));
    expect(gap, `the “${title}” card sits next to its control`).toBeLessThan(24);
  }
  const map = page.locator('svg.map-svg');
  if (await map.isVisible()) {
    expect(overlap(c, await map.boundingBox()), `the “${title}” card covers no part of the map`).toBe(false);
  }
}

/** Adds one person through the form, and checks the panel then shows them, heading on screen. */
async function addPerson(page, p) {
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill(p.name);
  await page.getByLabel('Role', { exact: true }).fill(p.role);
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill(String(p.influence));
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill(String(p.skepticism));
  await page.getByLabel(p.cause).check();
  await page.getByRole('button', { name: 'Add to map' }).click();
  const heading = page.locator('#form-title');
  await expect(heading).toHaveText(p.name);
  await expect(heading, `${p.name}'s name heads the panel, on screen`).toBeInViewport();
}

/** What the page's live region last said. */
const announcer = (page) => page.locator('#move-announcer');

test('the first hour at 1366 × 768: the map first, a tour that points, every action confirmed', async ({ openApp }, testInfo) => {
  const { page } = await openApp(DESKTOP);

  // The example map with the tour showing: the map has at least half of the window.
  await expectCardBeside(page, 'Welcome to Stakemap', page.locator('.map-canvas'));
  const share = await mapShare(page);
  testInfo.annotations.push({ type: 'map share at 1366×768 with the tour', description: share.toFixed(3) });
  expect(share, 'the map takes at least half of a 1366 × 768 window').toBeGreaterThanOrEqual(0.5);
  // The map's name shows once, in the one field that renames it.
  await expect(page.getByText('Example: leadership coaching rollout', { exact: true }).filter({ visible: true })).toHaveCount(0);
  await expect(page.getByLabel('Map name')).toHaveValue('Example: leadership coaching rollout');
  // The key names every mark on the map, targets included.
  const key = page.getByRole('list', { name: 'Key' });
  for (const words of ['Win over', 'Champions', 'Reassure', 'Keep informed', 'Overdue action or contact', 'Target: where you aim to move them']) {
    await expect(key).toContainText(words);
  }
  await picture(page, testInfo, 'first-hour-tour.png');
  // A card that stays where it is leaves the page alone: looking again every 400 ms must not
  // touch the map (restyling and repainting every marker, which made dragging stutter).
  const changes = await page.evaluate(() => new Promise((ok) => {
    const seen = [];
    const watch = new MutationObserver((list) => seen.push(...list.map((m) => `${m.attributeName} on ${m.target.getAttribute('class')}`)));
    watch.observe(document.querySelector('.map-canvas'), { attributes: true });
    watch.observe(document.querySelector('section.tour'), { attributes: true });
    setTimeout(() => { watch.disconnect(); ok(seen); }, 1300);
  }));
  expect(changes, 'placing the card again changed nothing').toEqual([]);

  // Each step points at the control it names.
  await page.getByRole('button', { name: 'Next' }).click();
  await expectCardBeside(page, 'Place people on the map', page.getByRole('button', { name: 'Add stakeholder', exact: true }));
  await page.getByRole('button', { name: 'Next' }).click();
  // The Plan step shows someone's Plan, so the control it names is there.
  await expectCardBeside(page, 'Plan how to win them over', page.locator('#panel-tab-plan'));
  await expect(page.locator('#form-title')).toBeInViewport();
  await page.getByRole('button', { name: 'Next' }).click();
  await expectCardBeside(page, 'Share by file', page.getByRole('button', { name: 'Maps and files' }));
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('section.tour')).toHaveCount(0);

  // A blank map of their own, named.
  await fromMenu(page, 'New map');
  await expect(marker(page, '')).toHaveCount(0);
  await page.getByLabel('Map name').fill('Board rollout');
  await page.getByLabel('Map name').press('Enter');
  await expect(page.getByLabel('Open map').locator('option:checked')).toHaveText('Board rollout');

  // Six people with their causes.
  for (const p of PEOPLE) await addPerson(page, p);
  await expect(page.locator('g.marker')).toHaveCount(6);
  await picture(page, testInfo, 'first-hour-six-people.png', { readme: false });
  expect(await mapShare(page), 'still map first with someone in the panel').toBeGreaterThanOrEqual(0.5);

  // Selecting someone else shows their name and tabs, even when the panel was scrolled down.
  await marker(page, 'Leo Marsh').locator('.dot').click();
  await page.locator('aside.panel').evaluate((p) => { p.scrollTop = p.scrollHeight; });
  await marker(page, 'Dana Whitfield').locator('.dot').click();
  await expect(page.locator('#form-title')).toHaveText('Dana Whitfield');
  await expect(page.locator('#form-title'), 'the panel is back at its top').toBeInViewport();
  await expect(page.locator('#panel-tab-plan')).toBeInViewport();

  // A plan with an owner and a date.
  await page.locator('#panel-tab-plan').click();
  await page.getByRole('button', { name: /^Plan this: / }).first().click();
  const form = page.getByRole('form', { name: 'New action' });
  await form.getByLabel('Owner').fill('Priya (sponsor)');
  const title = await form.getByLabel('Title (required)').inputValue();
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(page.locator('.notices'), 'planning answers in words').toContainText(`Planned “${title}”`);
  const card = page.locator('.action-card', { hasText: title }).first();
  await expect(card, 'the new action is in view').toBeInViewport();
  await expect(card).toContainText('Priya (sponsor)');

  // A contact.
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Positive').check();
  await page.getByLabel('Note').fill('Walked through the pilot numbers; asked for the cost per leader.');
  await page.getByRole('button', { name: 'Log contact' }).click();
  await expect(page.locator('.notices'), 'logging answers in words').toContainText('Dana Whitfield');
  await expect(page.getByText('Walked through the pilot numbers', { exact: false }).first()).toBeInViewport();

  // A baseline: confirmed in words and to screen readers, the new snapshot where it is chosen.
  await page.getByRole('button', { name: 'Take baseline' }).click();
  const taken = 'Snapshot “Baseline” taken: where 6 people stand today.';
  await expect(page.locator('.notices')).toContainText(taken);
  await expect(announcer(page)).toContainText(taken);
  await expect(page.locator('#compare-with')).toBeFocused();

  // A move, announced.
  await marker(page, 'Leo Marsh').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(marker(page, 'Leo Marsh')).toHaveAttribute('aria-label', /^Leo Marsh, influence 75, skepticism 50,/);
  await expect(announcer(page)).toContainText('Leo Marsh');
  await page.getByLabel('Compare with').selectOption({ index: 1 });
  await expect(page.getByLabel('Compare with').locator('option:checked')).toHaveText(/^Baseline/);
  await expect(page.getByRole('list', { name: 'Key' })).toContainText('Moved since the snapshot');
  await picture(page, testInfo, 'first-hour-compare.png');

  // The report.
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  const report = page.locator('.report').first();
  await expect(report).toContainText('Baseline');
  await expect(report).toContainText('Leo Marsh');
  await picture(page, testInfo, 'first-hour-report.png', { readme: false });
});

test('the first hour on a phone: people first, the whole width, whose details always clear', async ({ openApp }, testInfo) => {
  const { page } = await openApp(PHONE);

  // The first screen shows people, fits the width, and the tour leaves the first of them readable.
  const firstRow = page.locator('.stakeholder-table tbody tr').first();
  await expect(firstRow).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing runs off the right').toBeLessThanOrEqual(390);
  await expect(page.locator('section.tour')).toHaveAttribute('data-side', /./);
  expect(overlap(await page.locator('section.tour').boundingBox(), await firstRow.boundingBox()), 'the tour leaves the first person readable').toBe(false);
  await picture(page, testInfo, 'first-hour-phone.png');
  await page.getByRole('button', { name: 'Skip the tour' }).click();

  await fromMenu(page, 'New map');
  for (const p of PEOPLE.slice(0, 3)) {
    await addPerson(page, p);
    // Back to the list for the next one.
    await page.evaluate(() => scrollTo(0, 0));
  }
  // Choosing someone in the list brings their details, name first, onto the screen.
  await page.getByRole('button', { name: 'Leo Marsh', exact: true }).click();
  await expect(page.locator('#form-title')).toHaveText('Leo Marsh');
  await expect(page.locator('#form-title')).toBeInViewport();
  await expect(page.locator('#form-title'), 'the keyboard follows to the details').toBeFocused();

  // A plan and a contact, each confirmed; the latest contact comes before the form for the next.
  await page.locator('#panel-tab-plan').click();
  await page.getByRole('button', { name: /^Plan this: / }).first().click();
  const form = page.getByRole('form', { name: 'New action' });
  await form.getByLabel('Owner').fill('Ines Duarte');
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(page.locator('.notices')).toContainText('Planned');
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Note').fill('Coffee after the finance review.');
  await page.getByRole('button', { name: 'Log contact' }).click();
  await expect(page.locator('.notices')).toContainText('Leo Marsh');
  const latest = page.getByText('Coffee after the finance review.').first();
  await expect(latest).toBeVisible();
  const logForm = page.getByRole('form', { name: 'Log a contact' });
  expect((await latest.boundingBox()).y, 'the latest contact is above the form').toBeLessThan((await logForm.boundingBox()).y);

  // The baseline is on the map view; the move is typed in the person's details.
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await page.getByRole('button', { name: 'Take baseline' }).click();
  await expect(page.locator('.notices')).toContainText('Snapshot “Baseline” taken: where 3 people stand today.');
  await marker(page, 'Leo Marsh').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(announcer(page)).toContainText('Leo Marsh');

  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await expect(page.locator('.report').first()).toContainText('Baseline');
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the report fits the width').toBeLessThanOrEqual(390);
});

test('presenting at 1280 × 720: the axes and quadrant captions are read from the back of a room', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1280, height: 720 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await page.getByRole('button', { name: 'Present to a room' }).click();
  await expect(page.getByRole('button', { name: 'Leave presentation' })).toBeVisible();
  const sizes = await page.evaluate(() => Object.fromEntries(['.tick', '.axis-label', '.quadrant-name', '.quadrant-stance']
    .map((c) => [c, [...document.querySelectorAll(`svg.map-svg ${c}`)].map((e) => parseFloat(getComputedStyle(e).fontSize))])));
  for (const [what, list] of Object.entries(sizes)) {
    expect(list.length, `${what} on the map`).toBeGreaterThan(0);
    expect(Math.min(...list), `${what} at least 24 px`).toBeGreaterThanOrEqual(24);
  }
  // Every number and title stays inside the drawing, and the quadrant names clear their stances.
  const svg = await page.locator('svg.map-svg').boundingBox();
  for (const box of await page.locator('svg.map-svg .axes text').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    expect(box.left >= svg.x - 0.5 && box.right <= svg.x + svg.width + 0.5 && box.top >= svg.y - 0.5 && box.bottom <= svg.y + svg.height + 0.5,
      `${JSON.stringify(box)} inside the map`).toBe(true);
  }
  const captions = await page.locator('svg.map-svg .quadrant').evaluateAll((gs) => gs.map((g) => [g.querySelector('.quadrant-name'), g.querySelector('.quadrant-stance')].map((t) => t.getBoundingClientRect().toJSON())));
  for (const [name, stance] of captions) expect(name.bottom <= stance.top + 1, 'a quadrant name sits clear of its stance').toBe(true);
});
