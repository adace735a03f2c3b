// Accessibility end to end: axe-core (WCAG 2.2 A and AA) on every main view, dialog and theme;
// the whole path from adding someone to exporting the map with the keyboard alone, with focus
// visible at every step; markers as named controls; moves announced; quadrant and "overdue"
// shown by more than colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, openApp, marker, assertAccessible } from './support.mjs';

const env = useServerAndBrowser();

/** Opens the app with the first-visit tour still showing. */
const open = (options) => openApp(env.browser, env.server.origin, options);

/** Clicks a main-view button. */
const view = (page, name) => page.getByRole('button', { name, exact: true }).click();

async function everyView(page, scheme) {
  const where = (w) => `${w} (${scheme})`;
  await page.getByRole('heading', { name: 'Welcome to Stakemap' }).waitFor();
  await assertAccessible(page, where('the map with the first-visit tour'));
  await page.getByRole('button', { name: 'Skip the tour' }).click();

  await marker(page, 'Dana Ortiz').click();
  await assertAccessible(page, where('the map with the details panel'));
  for (const tab of ['Plan', 'Contacts', 'History']) {
    await page.getByRole('button', { name: tab, exact: true }).click();
    await assertAccessible(page, where(`the panel's ${tab} tab`));
  }
  await view(page, 'List view');
  await page.locator('tbody tr').first().waitFor();
  await assertAccessible(page, where('the list'));
  await view(page, 'Plan board');
  await assertAccessible(page, where('the plan board'));
  await view(page, 'Due for contact');
  await assertAccessible(page, where('due for contact'));
  await view(page, 'Report');
  await assertAccessible(page, where('the report'));
  await view(page, 'Workshop round');
  await assertAccessible(page, where('the workshop round'));
  await view(page, 'Map view');

  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByRole('button', { name: 'Add to map' }).click();
  await page.getByText('Enter a name.').waitFor();
  await assertAccessible(page, where('the add form showing its errors'));
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Dialogs: confirmation, sharing, shortcuts help.
  await marker(page, 'Dana Ortiz').click();
  await page.keyboard.press('Delete');
  await page.getByRole('dialog', { name: 'Delete Dana Ortiz?' }).waitFor();
  await assertAccessible(page, where('the delete confirmation'));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Share…' }).click();
  await page.getByRole('dialog').waitFor();
  await assertAccessible(page, where('the share dialog'));
  await page.keyboard.press('Escape');
  await page.locator('body').press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await assertAccessible(page, where('the shortcuts help'));
  await page.keyboard.press('Escape');

  // The merge preview: a colleague's copy of this map, with Dana moved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('body').press('e')]);
  const copy = JSON.parse(await readFile(await download.path(), 'utf8'));
  copy.stakeholders.find((x) => x.name === 'Dana Ortiz').influence = 20;
  await page.getByLabel('Import map').setInputFiles({
    name: 'colleague.stakemap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)),
  });
  await page.getByRole('dialog').waitFor();
  await assertAccessible(page, where('the merge preview'));
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  // The spreadsheet preview: the map's own CSV, brought back in.
  await page.getByRole('button', { name: 'Share…' }).click();
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('dialog').getByRole('button', { name: 'Stakeholders (CSV)' }).click()]);
  await page.locator('#sheet-file').setInputFiles(await csv.path());
  await page.getByRole('dialog', { name: /^Import “/ }).waitFor();
  await assertAccessible(page, where('the spreadsheet preview'));
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: /^Import “/ }).waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Present to a room' }).click();
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  await page.getByLabel('Names, one per line').fill('Sam Lee\nPriya Nair');
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await page.getByRole('button', { name: 'Place Sam Lee on the map' }).waitFor();
  await assertAccessible(page, where('workshop presentation with the quick-add tray'));
  await page.getByRole('button', { name: 'Leave presentation' }).click();
}

test('axe finds no WCAG 2.2 AA violation on any view, panel tab, dialog or mode, in the light theme', async () => {
  const { context, page, errors } = await open({ colorScheme: 'light' });
  await everyView(page, 'light');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same in the dark theme, which follows the system setting', async () => {
  const { context, page, errors } = await open({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  assert.equal(background, 'rgb(17, 23, 29)', 'the page follows the system into the dark theme');
  await everyView(page, 'dark');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the same on a phone, where the list comes first', async () => {
  const { context, page } = await open({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  assert.equal(await page.getByRole('button', { name: 'List view' }).getAttribute('aria-pressed'), 'true');
  await page.locator('tbody tr').first().waitFor();
  await assertAccessible(page, 'the phone layout (list)');
  await view(page, 'Map view');
  await page.locator('g.marker').first().waitFor();
  await assertAccessible(page, 'the phone layout (map)');
  await context.close();
});

/** What the focused element is, and whether a focus indicator is drawn for it. */
function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const ring = el.querySelector?.('.focus-ring, .target-ring');
    const ringStroke = ring ? getComputedStyle(ring).stroke : 'none';
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ringed = ring && ringStroke !== 'none' && ringStroke !== 'rgba(0, 0, 0, 0)' && ringStroke !== 'transparent';
    // The file input is hidden; its label draws the focus for it.
    const label = el.matches('input[type="file"]') ? el.labels?.[0] : null;
    const labelled = label ? getComputedStyle(label).outlineStyle !== 'none' : false;
    return {
      what: `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 40)}”`,
      visible: el.matches(':focus-visible') && (outlined || ringed || labelled),
    };
  });
}

test('tabbing through the whole page, focus is always visible, in both themes', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await open({ colorScheme });
    const seen = new Set();
    for (let i = 0; i < 90; i++) {
      await page.keyboard.press('Tab');
      const state = await focusState(page);
      if (!state) continue;
      seen.add(state.what);
      assert.ok(state.visible, `no visible focus on ${state.what} (${colorScheme}, after ${i + 1} Tab presses)`);
    }
    assert.ok(seen.size >= 30, `Tab reached ${seen.size} different controls`);
    assert.ok([...seen].some((w) => w.startsWith('g “Dana Ortiz, influence')), 'markers are in the tab order with their names');
    await context.close();
  }
});

test('add, place, plan and export with the keyboard alone; each move is announced', async () => {
  const { context, page } = await open();
  const key = (k) => page.keyboard.press(k);
  const expectFocus = async (pattern) => {
    const state = await focusState(page);
    assert.ok(state && pattern.test(state.what), `focus on ${state?.what}, expected ${pattern}`);
    assert.ok(state.visible, `focus not visible on ${state.what}`);
  };
  await page.getByRole('button', { name: 'Skip the tour' }).focus();
  await key('Enter');
  // Add: the shortcut opens the form with the cursor in the name field.
  await key('n');
  await page.waitForFunction(() => document.activeElement.id === 'sh-name');
  await expectFocus(/^input “sh-name”/);
  await page.keyboard.type('Jordan Lee');
  await key('Tab');
  await page.keyboard.type('Head of Procurement');
  await key('Enter');
  await marker(page, 'Jordan Lee').waitFor();
  assert.equal(await page.locator('#move-announcer').textContent(),
    'Jordan Lee placed at influence 50, skepticism 50: Win over');

  // Place: focus the new marker (it is the last one) and move it with the arrows.
  const jordan = marker(page, 'Jordan Lee');
  await jordan.focus();
  await expectFocus(/^g “Jordan Lee, influence 50/);
  await key('Shift+ArrowUp');
  await key('Shift+ArrowUp');
  await key('Shift+ArrowLeft');
  await key('ArrowDown');
  assert.match(await jordan.getAttribute('aria-label'), /^Jordan Lee, influence 69, skepticism 40, Champions/);
  assert.equal(await page.locator('#move-announcer').textContent(),
    'Jordan Lee moved to influence 69, skepticism 40: Champions');
  assert.equal(await page.locator('#move-announcer').getAttribute('role'), 'status');

  // Plan: Enter selects; the panel's Plan tab and a suggestion, all by Tab and Enter.
  await key('Enter');
  const planTab = page.getByRole('button', { name: 'Plan', exact: true });
  for (let i = 0; i < 60 && !(await planTab.evaluate((b) => b === document.activeElement)); i++) await key('Tab');
  await expectFocus(/^button “Plan”/);
  await key('Enter');
  const planThis = page.getByRole('button', { name: /^Plan this/ }).first();
  for (let i = 0; i < 60 && !(await planThis.evaluate((b) => b === document.activeElement)); i++) await key('Tab');
  await expectFocus(/^button “Plan this/);
  await key('Enter');
  await page.locator('.action-card').first().waitFor();

  // Export: the shortcut downloads the map file, which holds the plan.
  await page.locator('body').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), key('e')]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  const saved = file.stakeholders.find((s) => s.name === 'Jordan Lee');
  assert.deepEqual([saved.influence, saved.skepticism], [69, 40]);
  assert.ok(file.actions.some((a) => a.stakeholder_id === saved.id), 'the planned action is in the file');
  await context.close();
});

test('quadrants and overdue items are shown by shape and words, not colour alone', async () => {
  const { context, page } = await open();
  const shapes = await page.locator('g.marker').evaluateAll((els) => {
    const byQuadrant = {};
    for (const g of els) {
      const q = [...g.classList].find((c) => c.startsWith('q-'));
      (byQuadrant[q] ??= new Set()).add(g.querySelector('.dot').getAttribute('d'));
    }
    return Object.fromEntries(Object.entries(byQuadrant).map(([q, s]) => [q, [...s]]));
  });
  assert.equal(Object.keys(shapes).length, 4);
  for (const [q, d] of Object.entries(shapes)) assert.equal(d.length, 1, `${q} markers share one shape`);
  assert.equal(new Set(Object.values(shapes).map((d) => d[0])).size, 4, 'each quadrant has its own shape');
  const key = await page.getByRole('list', { name: 'Key' }).innerText();
  for (const words of ['Champions', 'Win over', 'Keep informed', 'Reassure', 'overdue action or contact']) {
    assert.ok(key.includes(words), `the key names “${words}”`);
  }
  // Overdue: a "!" badge on the map and the words in the marker's name.
  const overdue = page.locator('g.marker:has(.badge)');
  assert.ok(await overdue.count() > 0);
  for (const label of await overdue.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) {
    assert.match(label, /overdue/, label);
  }
  await view(page, 'Plan board');
  const flagged = page.locator('.action-card.overdue');
  assert.ok(await flagged.count() > 0);
  for (const text of await flagged.allInnerTexts()) assert.match(text, /overdue/i, text);
  await context.close();
});
