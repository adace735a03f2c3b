// End-to-end tests of the influence network: a relationship recorded with the keyboard alone is
// listed, drawn and said; the skeptic's Network tab ranks who can move her with the reason; a
// route becomes an action carried out through the ally; a colleague's file that added a
// relationship merges in through the preview; undo takes each step back; the link handle
// records a relationship by dragging from one marker to another; and the Network view lists the
// map's insights.
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.mjs';
import { marker, notice, fromMenu, skipTour, assertAccessible, dotCentre } from './support.mjs';

/** The colour the key under the map shows for a kind of relationship (its label). */
function keyColour(page, label) {
  return page.getByRole('list', { name: 'Relationship kinds' })
    .getByRole('listitem').filter({ hasText: label }).locator('line').getAttribute('stroke');
}

async function openTab(page, name) {
  await page.getByRole('group', { name: 'Stakeholder sections' }).getByRole('button', { name, exact: true }).click();
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { path, bytes: await readFile(path) };
}

/** The layer the relationships are painted on, which says how many it paints. */
function ties(page) {
  return page.locator('div.tie-layer');
}

/** Waits until `count` relationships of a kind and strength ("listens_to-strong") are painted. */
async function expectBatch(page, key, count) {
  await expect.poll(async () => {
    const batches = (await ties(page).getAttribute('data-batches')) ?? '';
    const found = batches.split(' ').find((b) => b.startsWith(`${key}:`));
    return found ? Number(found.split(':')[1]) : 0;
  }, `${key} painted`).toBe(count);
}

/**
 * True when the canvas has paint at the middle third of the line between two markers' centres
 * (an arrow between them, not one of the markers): sampled at nine points along it.
 */
async function paintedBetween(page, a, b) {
  const box = await ties(page).boundingBox();
  const ca = await marker(page, a).locator('.dot').boundingBox();
  const cb = await marker(page, b).locator('.dot').boundingBox();
  const from = { x: ca.x + ca.width / 2 - box.x, y: ca.y + ca.height / 2 - box.y };
  const to = { x: cb.x + cb.width / 2 - box.x, y: cb.y + cb.height / 2 - box.y };
  return ties(page).evaluate((layer, [from, to]) => {
    const canvases = [...layer.querySelectorAll('canvas')];
    let hits = 0;
    for (let i = 0; i < 9; i++) {
      const t = 1 / 3 + (i / 8) / 3;
      const painted = canvases.some((canvas) => {
        const scale = canvas.width / canvas.clientWidth;
        const x = Math.round((from.x + (to.x - from.x) * t) * scale);
        const y = Math.round((from.y + (to.y - from.y) * t) * scale);
        const pixels = canvas.getContext('2d').getImageData(x - 2, y - 2, 5, 5).data;
        return pixels.some((v, k) => k % 4 === 3 && v > 0);
      });
      if (painted) hits++;
    }
    return hits >= 5;
  }, [from, to]);
}

/**
 * How many of the points at fractions `ts` of the way from marker `a`'s centre to `b`'s are
 * seen on screen in `colour` (#rrggbb), give or take the arrows' translucency: in the page as
 * shown (a screenshot), so anything drawn over the arrow hides it.
 */
async function seenAlong(page, a, b, colour, ts) {
  const ca = await marker(page, a).locator('.dot').boundingBox();
  const cb = await marker(page, b).locator('.dot').boundingBox();
  const from = { x: ca.x + ca.width / 2, y: ca.y + ca.height / 2 };
  const to = { x: cb.x + cb.width / 2, y: cb.y + cb.height / 2 };
  const shot = (await page.screenshot()).toString('base64');
  return page.evaluate(async ([shot, from, to, colour, ts]) => {
    const image = new Image();
    image.src = `data:image/png;base64,${shot}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(image, 0, 0);
    const scale = image.naturalWidth / window.innerWidth;
    const want = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let hits = 0;
    for (const t of ts) {
      const x = Math.round((from.x + (to.x - from.x) * t) * scale);
      const y = Math.round((from.y + (to.y - from.y) * t) * scale);
      const d = ctx.getImageData(x - 3, y - 3, 7, 7).data;
      for (let k = 0; k < d.length; k += 4) {
        const off = Math.hypot(d[k] - want[0], d[k + 1] - want[1], d[k + 2] - want[2]);
        if (off < 70) { hits++; break; }
      }
    }
    return hits;
  }, [shot, from, to, colour, ts]);
}

/** True when the line from `a` to `b` is seen in `colour` along most of its middle third. */
async function seenBetween(page, a, b, colour) {
  const ts = Array.from({ length: 9 }, (_, i) => 1 / 3 + (i / 8) / 3);
  return (await seenAlong(page, a, b, colour, ts)) >= 5;
}

/**
 * True when the arrowhead at `b`'s end of the arrow from `a` is seen in `colour`: inside the
 * head, 20 pixels from `b`'s centre, where `b`'s name may sit.
 */
async function headSeen(page, a, b, colour) {
  const ca = await marker(page, a).locator('.dot').boundingBox();
  const cb = await marker(page, b).locator('.dot').boundingBox();
  const length = Math.hypot(ca.x - cb.x, ca.y - cb.y);
  return (await seenAlong(page, a, b, colour, [1 - 20 / length])) === 1;
}

test('a relationship recorded by keyboard is listed, drawn and said; the skeptic\'s routes plan an action through the ally; a colleague\'s relationship merges in; undo takes each back', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);

  // Dana's Network tab: her relationships as text, and who can move her, best first, with why.
  await marker(page, 'Dana Ortiz').locator('.dot').click();
  await openTab(page, 'Network');
  const list = page.locator('.relationship-list');
  await expect(list.getByText('Dana listens to Priya Raman (strong)')).toBeVisible();
  await expect(list.getByText('Dana manages Samuel Okafor (strong)')).toBeVisible();
  const routes = page.getByRole('region', { name: 'Who can move Dana?' });
  await expect(routes.getByRole('listitem').first()).toHaveText(
    /^Priya Raman → Dana Ortiz: Dana listens to Priya \(strong\); Priya is a Champion, influence 80/);
  // Only Dana's relationships are drawn while she is selected, and they are said.
  const danas = await list.getByRole('listitem').count();
  await expect(ties(page)).toHaveAttribute('data-drawn', String(danas));
  // Her strong "listens to" (to Priya) is painted, its arrowhead too.
  await expectBatch(page, 'listens_to-strong', 1);
  // Something is painted where the arrow runs from Dana to Priya, and it is seen on screen in
  // the colour of "listens to" (nothing drawn over it), over the quadrants' colours.
  expect(await paintedBetween(page, 'Dana Ortiz', 'Priya Raman')).toBe(true);
  const listensTo = await keyColour(page, 'Listens to / trusts');
  await expect.poll(() => seenBetween(page, 'Dana Ortiz', 'Priya Raman', listensTo), 'the arrow is seen').toBe(true);
  // Its head, by Priya's name, is seen too: no name hides which way an arrow points.
  await expect.poll(() => headSeen(page, 'Dana Ortiz', 'Priya Raman', listensTo), 'the head is seen').toBe(true);
  await expect(page.locator('#ties-announcer')).toHaveText(/^Dana Ortiz: listens to Priya Raman \(strong\); /);

  // Keyboard only: "Dana listens to / trusts…", type part of a name, Enter picks, Enter adds.
  await page.locator('#relationship-kind').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Who' })).toBeFocused();
  await page.keyboard.type('aish');
  await expect(page.getByRole('option', { name: /Aisha Bello/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Who' })).toHaveValue('Aisha Bello');
  // Strength: the radio group, by arrow key from Moderate to Strong.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Moderate' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Strong' })).toBeChecked();
  await page.getByRole('combobox', { name: 'Who' }).focus();
  await page.keyboard.press('Enter');
  await expect(notice(page).getByText('Recorded: Dana Ortiz listens to Aisha Bello (strong).')).toBeVisible();
  await expect(list.getByText('Dana listens to Aisha Bello (strong)')).toBeVisible();
  await expect(ties(page)).toHaveAttribute('data-drawn', String(danas + 1));
  await expectBatch(page, 'listens_to-strong', 2);
  expect(await paintedBetween(page, 'Dana Ortiz', 'Aisha Bello')).toBe(true);
  await expect(page.locator('#ties-announcer')).toContainText('listens to Aisha Bello (strong)');
  // The same relationship again is refused, in words, and nothing changes.
  await page.getByRole('combobox', { name: 'Who' }).fill('Aisha');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.locator('.tie-form [role="alert"]')).toHaveText(
    'The map already says Dana Ortiz listens to Aisha Bello (strong); change that relationship instead. Nothing was changed.');
  await expect(list.getByRole('listitem')).toHaveCount(danas + 1);
  await assertAccessible(page, 'the Network tab with the picker');

  // Plan this: an action for Dana, carried out through Priya, with a tactic that fits.
  await routes.getByRole('button', { name: 'Plan this through Priya Raman' }).click();
  const form = routes.locator('form');
  await expect(form.getByLabel('Owner')).toHaveValue('Priya Raman');
  const title = await form.getByLabel(/^Title/).inputValue();
  expect(title).toMatch(/^(Peer testimonial|Involve in program design|Observe a session) for Dana Ortiz, through Priya Raman$/);
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(notice(page)).toContainText(title);
  await openTab(page, 'Plan');
  await expect(page.locator('.action-list')).toContainText(title);
  await expect(page.locator('.action-list')).toContainText('Priya Raman');

  // Undo: the action goes, then the relationship.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.locator('.action-list')).not.toContainText(title);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await openTab(page, 'Network');
  await expect(list.getByText('Dana listens to Aisha Bello (strong)')).toHaveCount(0);
  await expect(ties(page)).toHaveAttribute('data-drawn', String(danas));

  // A colleague records that Ravi listens to Jonas in their copy; merging it brings it in.
  const mine = await download(page, () => fromMenu(page, 'Export map'));
  const colleague = await openApp({ viewport: { width: 1360, height: 900 } });
  const other = colleague.page;
  await other.getByLabel('Import map').setInputFiles(mine.path);
  await expect(notice(other).getByText(/^Imported “/)).toBeVisible();
  await marker(other, 'Ravi Menon').locator('.dot').click();
  await openTab(other, 'Network');
  await other.getByRole('combobox', { name: 'Who' }).fill('Jonas');
  await other.keyboard.press('Enter');
  await other.getByRole('button', { name: 'Add relationship' }).click();
  await expect(other.locator('.relationship-list').getByText('Ravi listens to Jonas Weber (moderate)')).toBeVisible();
  const theirs = await download(other, () => fromMenu(other, 'Export map'));
  expect(JSON.parse(theirs.bytes.toString('utf8')).version).toBe(5);

  await page.getByLabel('Import map').setInputFiles(theirs.path);
  const dialog = page.getByRole('dialog', { name: /^Merge “/ });
  await expect(dialog).toContainText('1 new relationship');
  await dialog.getByRole('radiogroup', { name: 'Map name' }).getByRole('radio', { name: /^Mine/ }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(notice(page).getByText(/^Merged “/)).toBeVisible();
  await marker(page, 'Ravi Menon').locator('.dot').click();
  await openTab(page, 'Network');
  await expect(list.getByText('Ravi listens to Jonas Weber (moderate)')).toBeVisible();
  await expect(ties(page)).toHaveAttribute('data-drawn', '2');
  await expectBatch(page, 'listens_to-moderate', 1);
  // One undo takes the merge back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(list.getByText('Ravi listens to Jonas Weber (moderate)')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('dragging the selected person\'s link handle onto someone fills in the form; all or no relationships can be shown; the Network view lists the map\'s insights', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);
  await marker(page, 'Helen Achterberg').locator('.dot').click();
  const handle = page.locator('g.link-handle');
  await expect(handle).toHaveAccessibleName('Record a relationship of Helen Achterberg: drag to another person, or press for the form');
  const box = await handle.locator('circle').boundingBox();
  const from = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const to = await dotCentre(marker(page, 'Marcus Feld'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await expect(page.locator('line.link-line')).toHaveCount(1);
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator('line.link-line')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Who' })).toHaveValue('Marcus Feld');
  await expect(page.locator('#relationship-kind')).toBeFocused();
  await page.locator('#relationship-kind').selectOption({ label: 'Helen Achterberg is allied with…' });
  await page.getByRole('button', { name: 'Add relationship' }).click();
  await expect(page.locator('.relationship-list').getByText('Helen is allied with Marcus Feld (moderate)')).toBeVisible();

  // All relationships, then none; the choice is remembered across a reload.
  const shown = page.getByLabel('Show relationships');
  await shown.selectOption({ label: 'All' });
  await expect(ties(page)).toHaveAttribute('data-drawn', '15');
  await expect(page.getByRole('list', { name: 'Relationship kinds' })).toContainText('At odds with');
  const listensTo = await keyColour(page, 'Listens to / trusts');
  await expect.poll(() => seenBetween(page, 'Dana Ortiz', 'Priya Raman', listensTo), 'the arrow is seen').toBe(true);
  await shown.selectOption({ label: 'None' });
  await expect(ties(page)).toHaveAttribute('data-drawn', '0');
  expect(await paintedBetween(page, 'Dana Ortiz', 'Priya Raman')).toBe(false);
  await expect.poll(() => seenBetween(page, 'Dana Ortiz', 'Priya Raman', listensTo), 'the arrow is gone').toBe(false);
  await page.reload();
  await expect(page.getByLabel('Show relationships')).toHaveValue('hidden');
  await expect(ties(page)).toHaveAttribute('data-drawn', '0');

  // The Network view: the voices that carry, the brokers, the skeptic nobody reaches.
  await page.getByRole('tab', { name: 'Network', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Most listened to' }).getByRole('listitem').first()).toContainText(/Dana Ortiz|Priya Raman/);
  await expect(page.getByRole('region', { name: 'Skeptics with no known route' })).toContainText('Ravi Menon');
  await page.getByRole('region', { name: 'Skeptics with no known route' }).getByRole('button', { name: 'Ravi Menon' }).click();
  await expect(page.getByRole('region', { name: 'Who can move Ravi?' })).toContainText('No one on the map is known to move Ravi yet.');
  await assertAccessible(page, 'the Network view');
  expect(errors).toEqual([]);
});
