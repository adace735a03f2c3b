// Accessibility end to end: axe-core (WCAG 2.2 A and AA) on every main view, dialog and theme;
// the whole path from adding someone to exporting the map with the keyboard alone, with focus
// visible at every step; markers as named controls; moves announced; quadrant and "overdue"
// shown by more than colour.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { marker, assertAccessible, FIXTURES, fromMenu } from './support.mjs';

/** Chooses a main view (a tab) or, `within` a group, a panel section, and waits until it shows as chosen. */
async function view(page, name, within = null) {
  const button = within ? within.getByRole('button', { name, exact: true }) : page.getByRole('tab', { name, exact: true });
  await button.click();
  await expect(button).toHaveAttribute(within ? 'aria-pressed' : 'aria-selected', 'true');
}

/** Presses Escape and waits until `dialog` has closed. */
async function closeWithEscape(page, dialog) {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

async function everyView(page, scheme) {
  const where = (w) => `${w} (${scheme})`;
  await expect(page.getByRole('heading', { name: 'Welcome to Stakemap' })).toBeVisible();
  await assertAccessible(page, where('the map with the first-visit tour'));
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await expect(page.locator('section.tour')).toHaveCount(0);

  await marker(page, 'Dana Ortiz').locator('.dot').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Dana Ortiz' })).toBeVisible();
  await assertAccessible(page, where('the map with the details panel'));
  for (const tab of ['Plan', 'Contacts', 'Evidence', 'History']) {
    await view(page, tab, page.getByRole('group', { name: 'Stakeholder sections' }));
    await assertAccessible(page, where(`the panel's ${tab} tab`));
  }
  // Logging a share opens a form inside the card; it too is named and labelled.
  await view(page, 'Evidence', page.getByRole('group', { name: 'Stakeholder sections' }));
  await page.getByRole('button', { name: /^Log as shared: / }).first().click();
  await expect(page.getByLabel('How it landed')).toBeVisible();
  await assertAccessible(page, where('the share form'));
  await view(page, 'List');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await assertAccessible(page, where('the list'));
  await view(page, 'Plan board');
  await assertAccessible(page, where('the plan board'));
  await view(page, 'Due for contact');
  await assertAccessible(page, where('due for contact'));
  await view(page, 'Report');
  await assertAccessible(page, where('the report'));
  await view(page, 'Evidence');
  await assertAccessible(page, where('the evidence library'));
  await page.getByRole('button', { name: 'Add a story' }).click();
  await assertAccessible(page, where('the new story form'));
  await view(page, 'Workshop round');
  await assertAccessible(page, where('the workshop round'));
  await view(page, 'Map');

  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await assertAccessible(page, where('the add form showing its errors'));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('form', { name: 'New stakeholder' })).toBeHidden();

  // Dialogs: confirmation, sharing, shortcuts help.
  await marker(page, 'Dana Ortiz').locator('.dot').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Delete Dana Ortiz?' });
  await expect(confirm).toBeVisible();
  await assertAccessible(page, where('the delete confirmation'));
  await closeWithEscape(page, confirm);
  await fromMenu(page, 'Share…');
  await expect(page.getByRole('dialog')).toBeVisible();
  await assertAccessible(page, where('the share dialog'));
  // With positions left out, the redacted image's button is disabled and says why.
  await page.getByRole('dialog').getByLabel(/^Leave out positions and quadrants/).check();
  await expect(page.getByRole('button', { name: 'Redacted image (PNG)' })).toBeDisabled();
  await assertAccessible(page, where('the share dialog, positions left out'));
  await closeWithEscape(page, page.getByRole('dialog'));
  await page.locator('body').press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await assertAccessible(page, where('the shortcuts help'));
  await closeWithEscape(page, help);

  // The merge preview: a colleague's copy of this map, with Dana moved.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('body').press('e')]);
  const copy = JSON.parse(await readFile(await download.path(), 'utf8'));
  copy.stakeholders.find((x) => x.name === 'Dana Ortiz').influence = 20;
  await page.getByLabel('Import map').setInputFiles({
    name: 'colleague.stakemap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(copy)),
  });
  await expect(page.getByRole('dialog')).toBeVisible();
  await assertAccessible(page, where('the merge preview'));
  await closeWithEscape(page, page.getByRole('dialog'));

  // The register preview: the map's own CSV, brought back in from Share, with everyone already
  // on the map (so the choice of what to do with them shows)...
  await fromMenu(page, 'Share…');
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('dialog').getByRole('button', { name: 'Stakeholders (CSV)' }).click()]);
  await page.getByRole('dialog').getByLabel('Bring in a stakeholder register…').setInputFiles({
    name: csv.suggestedFilename(), mimeType: 'text/csv', buffer: await readFile(await csv.path()),
  });
  const sheet = page.getByRole('dialog', { name: `Bring in “${csv.suggestedFilename()}”` });
  await expect(sheet.getByRole('group', { name: '10 people are already on this map (matched by name)' })).toBeVisible();
  await assertAccessible(page, where('the register preview of the map’s own sheet'));
  await closeWithEscape(page, sheet);
  // ...and a workbook with a choice of sheets, a scale, a table of words, rows with problems and
  // the quick-add choice.
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'sheets', 'register-two-sheets.xlsx'));
  const register = page.getByRole('dialog', { name: 'Bring in “register-two-sheets.xlsx”' });
  await expect(register.getByRole('heading', { name: 'Rows with problems (2)' })).toBeVisible();
  await expect(register.getByRole('spinbutton', { name: 'Place for “TBD” in “Current Stance”' })).toBeVisible();
  await assertAccessible(page, where('the register preview of a workbook'));
  await closeWithEscape(page, register);

  // Password-protected files: the passphrase twice with its hint and an error; asking for one.
  await fromMenu(page, 'Export with passphrase…');
  const lock = page.getByRole('dialog', { name: 'Export with a passphrase' });
  await lock.getByLabel('Passphrase').fill('tulip harbor');
  await lock.getByLabel('Type it again').fill('tulip');
  await lock.getByRole('button', { name: 'Lock and download' }).click();
  await expect(lock.getByRole('alert')).toBeVisible();
  await assertAccessible(page, where('the passphrase dialog with a hint and an error'));
  await closeWithEscape(page, lock);
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'locked', 'example.stakemap.locked.json'));
  const unlock = page.getByRole('dialog', { name: /is password-protected$/ });
  await unlock.getByLabel('Passphrase').fill('not the passphrase');
  await unlock.getByRole('button', { name: 'Open' }).click();
  await expect(unlock.getByRole('alert')).toBeVisible();
  await assertAccessible(page, where('asking for a passphrase after a wrong one'));
  await closeWithEscape(page, unlock);

  await page.getByRole('button', { name: 'Present to a room' }).click();
  await page.getByRole('button', { name: 'Type or paste names' }).click();
  await page.getByLabel('Names, one per line').fill('Sam Lee – Chief of Staff\nPriya Nair');
  await page.getByRole('button', { name: 'Add to the tray' }).click();
  await expect(page.getByRole('button', { name: 'Place Sam Lee, Chief of Staff, on the map' })).toBeVisible();
  await assertAccessible(page, where('workshop presentation with the quick-add tray'));
  await page.getByRole('button', { name: 'Leave presentation' }).click();
}

test('axe finds no WCAG 2.2 AA violation on any view, panel tab, dialog or mode, in the light theme', async ({ openApp }) => {
  const { page, errors } = await openApp({ colorScheme: 'light' });
  await everyView(page, 'light');
  expect(errors).toEqual([]);
});

test('the same in the dark theme, which follows the system setting', async ({ openApp }) => {
  const { page, errors } = await openApp({ colorScheme: 'dark' });
  await expect(page.locator('html'), 'the page follows the system into the dark theme').toHaveCSS('background-color', 'rgb(17, 23, 29)');
  await everyView(page, 'dark');
  expect(errors).toEqual([]);
});

test('the same on a phone, where the list comes first', async ({ openApp }) => {
  const { page } = await openApp({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await expect(page.getByRole('tab', { name: 'List', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await assertAccessible(page, 'the phone layout (list)');
  await view(page, 'Map');
  await expect(page.locator('g.marker').first()).toBeVisible();
  await assertAccessible(page, 'the phone layout (map)');
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

test('tabbing through the whole page, focus is always visible, in both themes', async ({ openApp }) => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page } = await openApp({ colorScheme });
    const seen = new Set();
    for (let i = 0; i < 90; i++) {
      await page.keyboard.press('Tab');
      const state = await focusState(page);
      if (!state) continue;
      seen.add(state.what);
      expect(state.visible, `no visible focus on ${state.what} (${colorScheme}, after ${i + 1} Tab presses)`).toBe(true);
    }
    // The views are one tab stop (arrow keys move between them), so is the map (Ctrl or Alt with
    // an arrow key moves between people), and the map and file actions wait in their menu.
    expect(seen.size, `Tab reached ${seen.size} different controls`).toBeGreaterThanOrEqual(15);
    // The map is one tab stop (Ctrl or Alt with an arrow key moves between people), named with its place.
    const markers = [...seen].filter((w) => w.startsWith('g “'));
    expect(markers.length, `the map is one tab stop: ${markers.join('; ')}`).toBe(1);
    expect(markers[0]).toMatch(/^g “[^,]+, influence \d+, skepticism \d+/);
    await context.close();
  }
});

/** Presses Tab, as a keyboard user does, until `target` has the focus (at most 60 times). */
async function tabTo(page, target) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
}

test('add, place, plan and export with the keyboard alone; each move is announced', async ({ openApp }) => {
  const { page } = await openApp();
  const key = (k) => page.keyboard.press(k);
  /** Waits until the focus is on an element described by `pattern`, with a visible indicator. */
  const expectFocus = (pattern) => expect.poll(() => focusState(page), `focus on ${pattern}, visibly`)
    .toEqual({ what: expect.stringMatching(pattern), visible: true });
  await page.getByRole('button', { name: 'Skip the tour' }).focus();
  await key('Enter');
  await expect(page.locator('section.tour')).toHaveCount(0);
  // Add: the shortcut opens the form with the cursor in the name field.
  await key('n');
  await expect(page.locator('#sh-name')).toBeFocused();
  await expectFocus(/^input “sh-name”/);
  await page.keyboard.type('Jordan Lee');
  await key('Tab');
  await page.keyboard.type('Head of Procurement');
  await key('Enter');
  await expect(marker(page, 'Jordan Lee')).toBeVisible();
  const announcer = page.locator('#move-announcer');
  await expect(announcer).toHaveText('Jordan Lee placed at influence 50, skepticism 50: Win over');

  // Place: focus the new marker (it is the last one) and move it with the arrows.
  const jordan = marker(page, 'Jordan Lee');
  await jordan.focus();
  await expectFocus(/^g “Jordan Lee, influence 50/);
  await key('Shift+ArrowUp');
  await key('Shift+ArrowUp');
  await key('Shift+ArrowLeft');
  await key('ArrowDown');
  await expect(jordan).toHaveAttribute('aria-label', /^Jordan Lee, influence 69, skepticism 40, Champions/);
  await expect(announcer).toHaveText('Jordan Lee moved to influence 69, skepticism 40: Champions');
  await expect(announcer).toHaveAttribute('role', 'status');

  // Plan: Enter selects; the panel's Plan tab and a suggestion, all by Tab and Enter.
  await key('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Jordan Lee' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Plan', exact: true }));
  await expectFocus(/^button “Plan”/);
  await key('Enter');
  const planThis = page.getByRole('button', { name: /^Plan this/ }).first();
  await tabTo(page, planThis);
  await expectFocus(/^button “Plan this/);
  await key('Enter');
  // The action form opens with the cursor in Owner; Enter there adds the action.
  await expectFocus(/^input “action-new-owner”/);
  await key('Enter');
  await expect(page.locator('.action-card').first()).toBeVisible();

  // Export: the shortcut downloads the map file, which holds the plan.
  await page.locator('body').focus();
  const [download] = await Promise.all([page.waitForEvent('download'), key('e')]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  const saved = file.stakeholders.find((s) => s.name === 'Jordan Lee');
  expect([saved.influence, saved.skepticism]).toEqual([69, 40]);
  expect(file.actions.some((a) => a.stakeholder_id === saved.id), 'the planned action is in the file').toBe(true);
});

test('quadrants and overdue items are shown by shape and words, not colour alone', async ({ openApp }) => {
  const { page } = await openApp();
  await expect(page.locator('g.marker')).toHaveCount(10);
  const shapes = await page.locator('g.marker').evaluateAll((els) => {
    const byQuadrant = {};
    for (const g of els) {
      const q = [...g.classList].find((c) => c.startsWith('q-'));
      (byQuadrant[q] ??= new Set()).add(g.querySelector('.dot').getAttribute('d'));
    }
    return Object.fromEntries(Object.entries(byQuadrant).map(([q, s]) => [q, [...s]]));
  });
  expect(Object.keys(shapes)).toHaveLength(4);
  for (const [q, d] of Object.entries(shapes)) expect(d, `${q} markers share one shape`).toHaveLength(1);
  expect(new Set(Object.values(shapes).map((d) => d[0])).size, 'each quadrant has its own shape').toBe(4);
  const legend = page.getByRole('list', { name: 'Key' });
  for (const words of ['Champions', 'Win over', 'Keep informed', 'Reassure', 'Overdue action or contact', 'Target: where you aim to move them']) {
    await expect(legend, `the key names “${words}”`).toContainText(words, { useInnerText: true });
  }
  // Overdue: a "!" badge on the map and the words in the marker's name.
  const overdue = page.locator('g.marker:has(.badge)');
  await expect(overdue.first()).toBeVisible();
  for (const label of await overdue.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))) {
    expect(label).toMatch(/overdue/);
  }
  await view(page, 'Plan board');
  const flagged = page.locator('.action-card.overdue');
  await expect(flagged.first()).toBeVisible();
  for (const text of await flagged.allInnerTexts()) expect(text).toMatch(/overdue/i);
});
