// End-to-end tests of trust over time: snapshots and comparison, the progress report (and how it
// prints), targets, history, the replay timeline and the baseline offer.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, plotBox, ROOT, fromMenu, notice, announcer, skipTour } from './support.mjs';

async function nudge(page, name, key, times) {
  await marker(page, name).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

async function markerIds(page, names) {
  const out = [];
  for (const name of names) out.push(await marker(page, name).getAttribute('data-id'));
  return out.sort();
}

/** Chooses the option whose text starts with `prefix`. */
async function choose(page, label, prefix) {
  const select = page.getByLabel(label, { exact: true });
  await expect(select.locator('option', { hasText: prefix }).first()).toBeAttached();
  const value = await select.locator('option').evaluateAll(
    (opts, p) => opts.find((o) => o.textContent.startsWith(p))?.value,
    prefix,
  );
  expect(value, `an option starting “${prefix}” in ${label}`).toBeTruthy();
  await select.selectOption(value);
}

function weighted(list) {
  const total = list.reduce((s, [i]) => s + i, 0);
  return list.reduce((s, [i, k]) => s + i * k, 0) / total;
}

/** Fails unless `box`'s centre is within 2 pixels of `want`. */
function expectCentreAt(box, want, message) {
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  expect(Math.abs(centre.x - want.x) < 2 && Math.abs(centre.y - want.y) < 2,
    `${message}: ${JSON.stringify(centre)} vs ${JSON.stringify(want)}`).toBe(true);
}

test('snapshot, move two, compare: arrows for exactly those two; the report has the right figures and prints', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);
  await expect(page.locator('g.marker')).toHaveCount(10);
  const labels = await page.locator('g.marker').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  const before = labels.map((l) => { const [name, i, k] = l.split(', '); return [name, +i.split(' ')[1], +k.split(' ')[1]]; });

  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByLabel('Snapshot name').fill('Before the offsite');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(notice(page).getByText('Snapshot “Before the offsite” taken: where')).toBeVisible();

  // Dana 74 → 34 (Champions), Grace 70 → 40 (Keep informed).
  await nudge(page, 'Dana Ortiz', 'Shift+ArrowLeft', 4);
  await nudge(page, 'Grace Lindqvist', 'Shift+ArrowLeft', 3);
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 34, Champions');
  await expectPosition(page, 'Grace Lindqvist', 'Grace Lindqvist, influence 38, skepticism 40, Keep informed');

  await choose(page, 'Compare with', 'Before the offsite');
  await expect(page.getByText(/Compared with “Before the offsite”.*: 2 moved, 0 added, 0 removed, 8 unchanged\./)).toBeVisible();
  const movedIds = () => page.locator('.comparison g.moved').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-id')).sort());
  await expect.poll(movedIds).toEqual(await markerIds(page, ['Dana Ortiz', 'Grace Lindqvist']));
  await expect(page.locator('.comparison line.move-arrow')).toHaveCount(2);
  // The ghost sits where Dana was; the arrow ends where she is.
  const plot = await plotBox(page);
  const ghost = await page.locator(`.comparison g.moved[data-id="${(await markerIds(page, ['Dana Ortiz']))[0]}"] circle.ghost`).boundingBox();
  expectCentreAt(ghost, plot.at(88, 74), 'ghost at the old position');

  // Added and removed since are marked.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Noor Haddad');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Ravi Menon').locator('.dot').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(page.getByText(/: 2 moved, 1 added, 1 removed, 7 unchanged\./)).toBeVisible();
  await expect(page.locator('.comparison g.added')).toHaveCount(1);
  await expect(page.locator('.comparison g.removed')).toHaveText(/Ravi Menon \(removed\)/);

  // The report against the snapshot.
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await choose(page, 'Compare now with', 'Before the offsite');
  const row = async (q) => (await page.locator(`tr[data-quadrant="${q}"] td`).allInnerTexts()).slice(0, 2).map(Number);
  // Every then/now figure is over the nine people on the map both then and now: Ravi (removed
  // since) and Noor (added since) are listed apart and counted in none of them.
  const quadrant = (i, k) => (i >= 50 ? (k >= 50 ? 'Win over' : 'Champions') : (k >= 50 ? 'Reassure' : 'Keep informed'));
  const thenList = before.filter(([n]) => n !== 'Ravi Menon');
  const nowList = thenList
    .map(([n, i, k]) => (n === 'Dana Ortiz' ? [n, i, 34] : n === 'Grace Lindqvist' ? [n, i, 40] : [n, i, k]));
  const then = Object.fromEntries(['Win over', 'Champions', 'Reassure', 'Keep informed'].map((q) => [q, 0]));
  const now = Object.fromEntries(Object.keys(then).map((q) => [q, 0]));
  for (const [, i, k] of thenList) then[quadrant(i, k)] += 1;
  for (const [, i, k] of nowList) now[quadrant(i, k)] += 1;
  for (const [q, key] of [['Win over', 'win-over'], ['Champions', 'champions'], ['Reassure', 'reassure'], ['Keep informed', 'keep-informed']]) {
    await expect.poll(() => row(key), q).toEqual([then[q], now[q]]);
  }
  const expectThen = Math.round(weighted(thenList.map(([, i, k]) => [i, k])));
  const expectNow = Math.round(weighted(nowList.map(([, i, k]) => [i, k])));
  await expect(page.locator('.headline')).toHaveText(
    `Among the 9 people on the map both then and now, influence-weighted skepticism fell from ${expectThen} to ${expectNow} since “Before the offsite”.`,
    { useInnerText: true },
  );
  const movers = page.locator('.movers').first();
  await expect(movers).toContainText(/Dana Ortiz: skepticism 74 → 34 \(−40\), from Win over to Champions/, { useInnerText: true });
  await expect(movers).toContainText(/Grace Lindqvist: skepticism 70 → 40 \(−30\), from Reassure to Keep informed/, { useInnerText: true });
  const toward = await movers.innerText();
  expect(toward.indexOf('Dana Ortiz'), 'largest move first').toBeLessThan(toward.indexOf('Grace Lindqvist'));
  await expect(page.locator('.membership')).toHaveText(
    '1 person added and 1 person removed since “Before the offsite”: listed below, and not counted in these figures.',
    { useInnerText: true },
  );
  await expect(page.getByRole('list', { name: 'Added since (not counted)' })).toHaveText('Noor Haddad: now Win over (influence 50, skepticism 50)', { useInnerText: true });
  await expect(page.getByRole('list', { name: 'Removed since (not counted)' })).toHaveText(/^Ravi Menon: was Reassure \(influence \d+, skepticism \d+\)$/, { useInnerText: true });
  // The two small pictures: ten people then (Ravi marked removed), ten now (Noor marked added).
  await expect(page.locator('.report-picture').nth(0).locator('g.dot')).toHaveCount(10);
  await expect(page.locator('.report-picture').nth(0).locator('g.dot.removed')).toHaveText('RM');
  await expect(page.locator('.report-picture').nth(1).locator('g.dot.added')).toHaveText('NH');
  await expect(page.locator('dd[data-figure="contacts"]')).toHaveText('0');
  await expect(page.locator('dd[data-figure="done"]')).toHaveText('0');

  // Printing shows the report alone.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('.panel')).toBeHidden();
  await expect(page.locator('.report-tools')).toBeHidden();
  await expect(page.locator('.report-page')).toBeVisible();
  await mkdir(join(ROOT, 'tests', 'e2e', 'artifacts'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'report-print.png'), fullPage: true });
  await page.pdf?.({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'report.pdf') }).catch(() => {});
  await page.emulateMedia({ media: 'screen' });
  expect(errors).toEqual([]);
});

test('deleting a skeptic after a snapshot: the report lists them as removed and claims no progress; the redacted copy names nobody', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);
  await expect(page.locator('g.marker')).toHaveCount(10);
  const names = await page.locator('g.marker').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label').split(', ')[0]));
  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByLabel('Snapshot name').fill('Steering review');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(notice(page).getByText('Snapshot “Steering review” taken: where')).toBeVisible();

  // Helen Achterberg, an influential skeptic, is deleted; nobody moves.
  await marker(page, 'Helen Achterberg').locator('.dot').click();
  await page.getByRole('button', { name: 'Delete stakeholder' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete stakeholder' }).click();
  await expect(page.locator('g.marker')).toHaveCount(9);

  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  await choose(page, 'Compare now with', 'Steering review');
  const headline = page.locator('.headline');
  await expect(headline).toHaveText(
    /^Among the 9 people on the map both then and now, nobody has moved since “Steering review”: influence-weighted skepticism is still \d+\.$/,
    { useInnerText: true },
  );
  await expect(headline).not.toContainText(/fell|convinced|progress/);
  await expect(page.locator('.membership')).toHaveText(
    '1 person removed since “Steering review”: listed below, and not counted in these figures.',
    { useInnerText: true },
  );
  await expect(page.getByRole('list', { name: 'Removed since (not counted)' }))
    .toHaveText(/^Helen Achterberg: was Win over \(influence \d+, skepticism \d+\)$/, { useInnerText: true });
  // The index bars show the same figure then and now.
  await expect(page.locator('.report-chart').first()).toHaveAttribute('aria-label', /^Influence-weighted skepticism: then (\d+), now \1$/);
  // Who is still to win over is listed with the actions planned for them, named.
  const winOver = page.locator('.win-over-list > li');
  await expect(winOver.filter({ hasText: 'Marcus Feld' }).locator('.planned li').first()).toContainText(/^\S.*: (planned|in progress) · /, { useInnerText: true });

  // The redacted copy: the same figures, nobody named.
  await page.getByLabel('Redacted copy').check();
  await expect(page.locator('.redacted-note')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Removed since (not counted)' }))
    .toHaveText(/^HA: was Win over \(influence \d+, skepticism \d+\)$/, { useInnerText: true });
  const report = page.locator('.report-page');
  for (const name of names) {
    for (const part of name.split(' ')) await expect(report).not.toContainText(part);
  }
  await page.getByLabel('People as').selectOption('codes');
  await expect(page.getByRole('list', { name: 'Removed since (not counted)' }))
    .toHaveText(/^S-[0-9A-F]{4,}: was Win over/, { useInnerText: true });
  await page.getByLabel('Redacted copy').uncheck();
  await expect(page.getByRole('list', { name: 'Removed since (not counted)' })).toContainText('Helen Achterberg');
  expect(errors).toEqual([]);
});

test('targets are set by typing, moved by keyboard and by dragging, and kept', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1360, height: 900 } });
  await marker(page, 'Jonas Weber').locator('.dot').click();
  await page.getByLabel('Target influence').fill('30');
  await page.getByLabel('Target skepticism').fill('20');
  await expect(page.getByRole('form', { name: 'Stakeholder details' }).getByRole('status')).toHaveText('Saved');
  const handle = page.getByRole('button', { name: /^Target for Jonas Weber,/ });
  await expect(handle).toHaveAttribute('aria-label', 'Target for Jonas Weber, influence 30, skepticism 20, Keep informed');
  await handle.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(handle).toHaveAttribute('aria-label', 'Target for Jonas Weber, influence 41, skepticism 20, Keep informed');
  // Drag it to influence 60, skepticism 10.
  const plot = await plotBox(page);
  const ring = await page.locator('.target.active circle.target-ring').boundingBox();
  const start = { x: ring.x + ring.width / 2, y: ring.y + ring.height / 2 };
  const goal = plot.at(60, 10);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(goal.x, goal.y, { steps: 6 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-label', 'Target for Jonas Weber, influence 60, skepticism 10, Champions');
  await expectPosition(page, 'Jonas Weber', 'Jonas Weber, influence 22, skepticism 41, Keep informed', 'the person did not move');
  await page.reload();
  await marker(page, 'Jonas Weber').locator('.dot').click();
  await expect(handle).toHaveAttribute('aria-label', 'Target for Jonas Weber, influence 60, skepticism 10, Champions');
  await expect(page.getByLabel('Target influence')).toHaveValue('60');
});

test('history records moves, the timeline replays the past, and a new map offers a baseline', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);
  // Six quick arrow presses are one point of history.
  await nudge(page, 'Marcus Feld', 'ArrowLeft', 6);
  await expectPosition(page, 'Marcus Feld', 'Marcus Feld, influence 92, skepticism 57, Win over');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const items = page.locator('.history-list li');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(/influence 92, skepticism 57 \(Win over\) · Moved on the map/, { useInnerText: true });
  await expect(items.nth(1)).toContainText(/influence 92, skepticism 63 \(Win over\) · Added/, { useInnerText: true });
  await expect(page.locator('svg.history-chart')).toHaveAttribute('aria-label', /Skepticism went from 63 to 57/);

  // Replay from the example's baseline: Dana was at skepticism 85 then.
  await page.getByLabel('Replay over time').check();
  await expect(page.locator('g.markers')).toBeHidden();
  const danaId = await page.locator('g.marker[aria-label^="Dana Ortiz,"]').getAttribute('data-id');
  const plot = await plotBox(page);
  const replayed = page.locator(`g.replay-marker[data-id="${danaId}"] circle.dot`);
  await expect(async () => expectCentreAt(await replayed.boundingBox(), plot.at(88, 85), 'Dana at her baseline')).toPass();
  await expect(page.locator('.replay-date')).toHaveText(/^The map on /, { useInnerText: true });
  const slider = page.getByLabel('Replay date');
  await slider.evaluate((el) => { el.value = el.max; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await expect(async () => expectCentreAt(await replayed.boundingBox(), plot.at(88, 74), 'Dana where she is now at the end of the timeline')).toPass();
  await page.getByLabel('Replay over time').uncheck();
  await expect(page.locator('g.markers')).toBeVisible();

  // A new map with its first stakeholder offers a baseline.
  await fromMenu(page, 'New map');
  await expect(page.getByLabel('Map name')).toHaveValue('Untitled map');
  await expect(page.getByRole('button', { name: 'Take baseline' }), 'no offer for an empty map').toHaveCount(0);
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('First Person');
  await page.getByRole('button', { name: 'Add to map' }).click();
  await page.getByRole('button', { name: 'Take baseline' }).click();
  await expect(page.getByRole('button', { name: 'Take baseline' })).toHaveCount(0);
  await choose(page, 'Compare with', 'Baseline');
  await expect(page.getByText(/0 moved, 0 added, 0 removed, 1 unchanged/)).toBeVisible();
});

test('on a phone the latest contact comes before the form; logging one answers in words and brings it into view', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.locator('.stakeholder-table tbody tr', { hasText: 'Helen Achterberg' }).click();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  const log = page.locator('.touchpoint-list');
  const form = page.getByRole('form', { name: 'Log a contact' });
  const latest = log.locator('li').first();
  await expect(latest).toContainText('confidentiality risk');
  await expect(form).toBeVisible();
  const [latestBox, formBox] = [await latest.boundingBox(), await form.boundingBox()];
  expect(latestBox.y + latestBox.height, 'the latest contact ends above the form').toBeLessThanOrEqual(formBox.y);

  // A contact with a new reading: who it was with and where it moved them, in the notice and
  // the live region; the new entry is brought into view, marked for a moment.
  await form.getByLabel('Note').fill('Walked through the confidentiality terms; reassured.');
  await form.getByLabel('New skepticism').fill('30');
  await form.getByRole('button', { name: 'Log contact' }).click();
  const said = 'Contact with Helen Achterberg logged. Helen Achterberg moved to influence 66, skepticism 30: Champions.';
  await expect(notice(page).getByText(said, { exact: true })).toBeVisible();
  await expect(announcer(page)).toHaveText(said);
  const entry = log.locator('li', { hasText: 'Walked through the confidentiality terms' });
  await expect(entry).toBeInViewport();
  await expect(entry).toHaveClass(/just-added/);
  await expect(log.locator('li').first(), 'newest first').toContainText('Walked through the confidentiality terms');
  await expect(log.locator('li.just-added')).toHaveCount(1);
  expect(errors).toEqual([]);
});
