// End-to-end tests of bringing in an existing stakeholder register: CSV sheets (a PMBOK-style
// register, a power/interest grid, a support tracker, a German Excel export), an Excel workbook
// with two sheets and an OpenDocument spreadsheet, opened with Import map, with Share's "Bring in
// a stakeholder register…" or dropped on the window. What the preview shows (the columns and how
// they are read, the scales and value tables, the first people, the rows with problems), that
// nothing changes before confirming, what lands on the map, Undo, choices remembered for the same
// columns, people already on the map updated by name, and the files that are refused.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, markerLabels, storedData, storedMaps, FIXTURES, DIST, fromMenu } from './support.mjs';

const sheet = (name) => join(FIXTURES, 'sheets', name);

/** The preview of `file`, once the register session has drawn it. */
async function previewOf(page, file) {
  const dialog = page.getByRole('dialog', { name: `Bring in “${file}”` });
  await expect(dialog).toBeVisible();
  await expect(summaryOf(dialog)).toHaveText(/^Headers in row \d+\./);
  return dialog;
}

const summaryOf = (dialog) => dialog.locator('#register-summary');

/** Opens `file` (a path, or { name, mimeType, buffer }) with the header's Import map. */
async function importMap(page, file) {
  await page.getByLabel('Import map').setInputFiles(file);
}

/** Opens the Share dialog and picks `file` with "Bring in a stakeholder register…". */
async function bringInFromShare(page, file) {
  await fromMenu(page, 'Share…');
  const share = page.getByRole('dialog', { name: 'Share this map' });
  await share.getByLabel('Bring in a stakeholder register…').setInputFiles(file);
}

/** Drops a fixture on the window, as a file dragged from the desktop. */
async function dropFile(page, name, type) {
  const bytes = [...await readFile(sheet(name))];
  const dataTransfer = await page.evaluateHandle(([content, fileName, mime]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(content)], fileName, { type: mime }));
    return dt;
  }, [bytes, name, type]);
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
}

/**
 * One column of the preview: its menu (named by the column's header), the option it shows, the
 * hint under it and, for a column of numbers, its scale.
 */
function column(dialog, header) {
  const use = dialog.getByRole('combobox', { name: header, exact: true });
  const item = dialog.locator('li.column').filter({ has: dialog.page().getByRole('combobox', { name: header, exact: true }) });
  return {
    use,
    readAs: use.locator('option:checked'),
    hint: item.locator('p.hint'),
    scale: item.getByRole('combobox', { name: 'Numbers on a scale of' }).locator('option:checked'),
    scaleMenu: item.getByRole('combobox', { name: 'Numbers on a scale of' }),
  };
}

/** Asserts what each header is read as: { header: 'option label' }. */
async function expectReadAs(dialog, readings) {
  for (const [header, label] of Object.entries(readings)) {
    await expect(column(dialog, header).readAs, `“${header}” is read as ${label}`).toHaveText(label);
  }
}

/** The place box of one value of a word column. */
const place = (dialog, value, header) => dialog.getByRole('spinbutton', { name: `Place for “${value}” in “${header}”` });

/** Asserts the places of a word column's values: { value: '75' or '' }. */
async function expectPlaces(dialog, header, places) {
  for (const [value, at] of Object.entries(places)) {
    await expect(place(dialog, value, header), `“${value}” in “${header}”`).toHaveValue(at);
  }
}

/** The cells of one person's row in the preview's table of people. */
function personRow(dialog, name) {
  return dialog.getByRole('table', { name: 'The first people as they would come in' })
    .getByRole('row').filter({ has: dialog.page().getByRole('rowheader', { name, exact: true }) })
    .locator('th, td');
}

/** The lines under "Rows with problems (n)". */
const problems = (dialog) => dialog.getByRole('region', { name: /^Rows with problems/ }).getByRole('listitem');

/** A person waiting in the quick-add tray, by the name and role its button says. */
const quickAdd = (page, name, role) => page.getByRole('button', { name: `Place ${name}, ${role}, on the map` });

/**
 * The Notes field of `name`, in the stakeholder panel as the user opens it. Opened from the
 * keyboard: people spread apart from one spot stand close enough that a label can cover a
 * neighbour's dot.
 */
async function notesOf(page, name) {
  await marker(page, name).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-title')).toHaveText(name);
  return page.getByLabel('Notes', { exact: true });
}

/** Fails when two markers stand on the same place. */
async function expectNoSharedPlace(page) {
  const spots = (await markerLabels(page)).map((l) => l.match(/, influence (\d+), skepticism (\d+)/).slice(1).join('/'));
  expect(new Set(spots).size, `no two markers on one place: ${spots.join(' ')}`).toBe(spots.length);
}

/** The people of the stored map called `mapName` (as the file it would export to), once there are `count`. */
async function storedPeople(page, mapName, count) {
  let people = [];
  await expect.poll(async () => {
    people = Object.values(await storedMaps(page)).find((m) => m.map.name === mapName)?.stakeholders ?? [];
    return people.length;
  }, { message: `${count} people kept in “${mapName}”` }).toBe(count);
  return people;
}

test('a PMBOK register opened with Import map: the preview reads past the title rows, turns words into places and lists the problems; nothing changes until it is brought in, or after Cancel', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const before = await storedData(page);
  await expect(page.locator('#import-file'), 'Import map offers spreadsheets').toHaveAttribute('accept', /\.csv.*\.xlsx.*\.ods/);
  await importMap(page, sheet('pmbok-register.csv'));
  const dialog = await previewOf(page, 'pmbok-register.csv');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 4. 11 people found: 10 placed from the sheet, 1 to place by hand; 1 row left out.');

  await expectReadAs(dialog, {
    ID: 'Leave out', Name: 'Name', 'Title/Role': 'Role', Department: 'Organisation',
    'Contact Information': 'Leave out', Influence: 'Influence', Interest: 'Add to notes',
    'Current Stance': 'Support (read as skepticism reversed)',
  });
  await expect(column(dialog, 'ID').hint).toHaveText("1 · 2 · 3 — the old register's own numbering");
  await expect(column(dialog, 'Contact Information').hint).toContainText('personal contact details stay out unless you add them to notes');
  await expect(column(dialog, 'Interest').hint).toContainText('the map has no axis for it, so it is kept in the notes');
  await expect(dialog.getByRole('table', { name: /^Where each value of “Influence” puts people/ })).toBeVisible();
  await expectPlaces(dialog, 'Influence', { High: '75', Medium: '50', Low: '25', H: '75', 'Very High': '90' });
  await expect(dialog.getByRole('table', { name: /^Where each value of “Current Stance” puts people \(skepticism/ })).toBeVisible();
  await expectPlaces(dialog, 'Current Stance', { Resistant: '85', Neutral: '50', Supportive: '20', Unaware: '50', Leading: '5', TBD: '' });

  await expect(personRow(dialog, 'Margaret Oyelaran')).toHaveText(['5', 'Margaret Oyelaran', 'Chief Operating Officer', 'Operations', '75', '85']);
  await expect(personRow(dialog, 'Amara Nwosu')).toHaveText(['11', 'Amara Nwosu', 'Learning Lead', 'Human Resources', '25', '5']);
  await expect(dialog.getByText('…and 3 people more.')).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Rows with problems (2)' })).toBeVisible();
  await expect(problems(dialog)).toHaveText([
    'Row 15: Priyanka Shah cannot be placed from the sheet (Current Stance “TBD” is not a value its column reads).',
    'Row 16: left out, it has no name.',
  ]);
  await expect(dialog.getByRole('radio', { name: 'Into a new map' }), 'Import map brings them into a new map').toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Into the open map' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Put the 1 person that cannot be placed from the sheet in the quick-add tray, to place by hand' })).toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Bring in 11 people' })).toBeEnabled();
  // E-mail addresses are shown as samples, never as anything that would come in.
  await expect(dialog.getByRole('table', { name: 'The first people as they would come in' })).not.toContainText('@');

  // Without a column of names there is nobody to bring in.
  await column(dialog, 'Name').use.selectOption({ label: 'Leave out' });
  await expect(dialog.getByRole('alert')).toHaveText('Choose the column that holds people’s names.');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 4. 0 people found: 0 placed from the sheet; 12 rows left out.');
  await expect(dialog.getByRole('button', { name: 'Bring in 0 people' })).toBeDisabled();
  await column(dialog, 'Name').use.selectOption({ label: 'Name' });
  await expect(summaryOf(dialog)).toHaveText('Headers in row 4. 11 people found: 10 placed from the sheet, 1 to place by hand; 1 row left out.');
  await expect(dialog.getByRole('button', { name: 'Bring in 11 people' })).toBeEnabled();

  expect(await storedData(page), 'the preview changes nothing').toEqual(before);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expect(marker(page, 'Margaret Oyelaran')).toHaveCount(0);
  await expect(page.getByLabel('Open map').locator('option')).toHaveCount(1);
  expect(await storedData(page), 'Cancel changes nothing').toEqual(before);
  expect(errors).toEqual([]);
});

test('the PMBOK register comes in as a new map named after the file, the one it cannot place waits in the tray, e-mail addresses stay out, and one Undo takes it all back', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await importMap(page, sheet('pmbok-register.csv'));
  const dialog = await previewOf(page, 'pmbok-register.csv');
  await dialog.getByRole('button', { name: 'Bring in 11 people' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Brought in “pmbok-register.csv”: 10 people added, 1 in the quick-add tray to place by hand, 1 row left out. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByText('Row 16: it has no name', { exact: true }), 'the row left out, in the notice').toBeVisible();

  await expect(page.getByLabel('Map name')).toHaveValue('pmbok-register');
  await expect(page.getByLabel('Open map').locator('option'), 'beside the example map').toHaveCount(2);
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expectPosition(page, 'Margaret Oyelaran', 'Margaret Oyelaran, influence 75, skepticism 85, Win over');
  await expectPosition(page, 'Hana Kobayashi', 'Hana Kobayashi, influence 75, skepticism 20, Champions');
  await expectPosition(page, 'Amara Nwosu', 'Amara Nwosu, influence 25, skepticism 5, Keep informed');
  await expectPosition(page, 'Oliver Grant', 'Oliver Grant, influence 90, skepticism 50, Win over');
  await expect(marker(page, 'Priyanka Shah'), 'not placed from the sheet').toHaveCount(0);
  await expect(quickAdd(page, 'Priyanka Shah', 'Finance Business Partner'), 'waiting in the quick-add tray, with her role').toBeVisible();
  // Sofia Russo (H, Resistant) would stand exactly on Margaret Oyelaran (High, Resistant).
  await expectNoSharedPlace(page);

  await expect(await notesOf(page, 'Margaret Oyelaran'), 'Interest kept in the notes').toHaveValue('Interest: High');
  const people = await storedPeople(page, 'pmbok-register', 10);
  expect(people.map((s) => s.name)).toEqual(['Margaret Oyelaran', 'David Lindqvist', 'Hana Kobayashi', 'Rafael Mendes',
    'Grace Achterberg', 'Tom Whitfield', 'Amara Nwosu', 'Chen Wei', 'Sofia Russo', 'Oliver Grant']);
  expect(people.find((s) => s.name === 'Rafael Mendes')).toMatchObject({ role: 'Head of Sales, EMEA', organisation: 'Sales' });
  const kept = JSON.stringify(people);
  for (const secret of ['@example.com', '+44 20 7946']) expect(kept, `no “${secret}” anywhere`).not.toContain(secret);

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByLabel('Map name')).toHaveValue('Example: leadership coaching rollout');
  await expect(page.getByLabel('Open map').locator('option'), 'the new map is gone').toHaveCount(1);
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expect(marker(page, 'Dana Ortiz')).toBeVisible();
  await expect(marker(page, 'Margaret Oyelaran')).toHaveCount(0);
  await expect(quickAdd(page, 'Priyanka Shah', 'Finance Business Partner')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('changing a column and a value before bringing in changes what comes in, and the same choices come back for a file with the same columns', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await importMap(page, sheet('pmbok-register.csv'));
  const dialog = await previewOf(page, 'pmbok-register.csv');

  // A place for "TBD": Priyanka Shah can now be placed from the sheet.
  const tbd = place(dialog, 'TBD', 'Current Stance');
  await tbd.fill('60');
  await tbd.press('Enter');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 4. 11 people found: 11 placed from the sheet; 1 row left out.');
  await expect(problems(dialog)).toHaveText(['Row 16: left out, it has no name.']);
  await expect(dialog.getByRole('checkbox', { name: /quick-add tray/ }), 'nobody left for the tray').toHaveCount(0);
  await expect(place(dialog, 'TBD', 'Current Stance'), 'focus stays in the redrawn box').toBeFocused();
  // "High" moves up a little: the people table follows.
  const high = place(dialog, 'High', 'Influence');
  await high.fill('80');
  await high.press('Enter');
  await expect(personRow(dialog, 'Margaret Oyelaran')).toHaveText(['5', 'Margaret Oyelaran', 'Chief Operating Officer', 'Operations', '80', '85']);
  await expect(personRow(dialog, 'Rafael Mendes'), 'Medium is unchanged').toHaveText(['8', 'Rafael Mendes', 'Head of Sales, EMEA', 'Sales', '50', '50']);
  // Interest left out rather than kept in the notes, from the keyboard ("Leave out" follows
  // "Add to notes"): the menu keeps focus when the preview is redrawn.
  await column(dialog, 'Interest').use.focus();
  await page.keyboard.press('ArrowDown');
  await expect(column(dialog, 'Interest').hint, 'redrawn without the reason it was guessed').toHaveText('High · Medium · Low');
  await expect(column(dialog, 'Interest').readAs).toHaveText('Leave out');
  await expect(column(dialog, 'Interest').use).toBeFocused();

  await dialog.getByRole('button', { name: 'Bring in 11 people' }).click();
  await expect(page.getByText('Brought in “pmbok-register.csv”: 11 people added, 1 row left out. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.locator('g.marker')).toHaveCount(11);
  await expectPosition(page, 'Priyanka Shah', 'Priyanka Shah, influence 25, skepticism 60, Reassure');
  await expectPosition(page, 'Margaret Oyelaran', 'Margaret Oyelaran, influence 80, skepticism 85, Win over');
  await expectPosition(page, 'Sofia Russo', 'Sofia Russo, influence 75, skepticism 85, Win over');
  await expect(quickAdd(page, 'Priyanka Shah', 'Finance Business Partner')).toHaveCount(0);
  await expect(await notesOf(page, 'Margaret Oyelaran'), 'Interest was left out').toHaveValue('');

  // The same columns again, after a reload: the choices made are used.
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await importMap(page, sheet('pmbok-register.csv'));
  const again = await previewOf(page, 'pmbok-register.csv');
  await expect(again.getByText('Using the choices you made for a file with these columns before.')).toBeVisible();
  await expect(summaryOf(again)).toHaveText('Headers in row 4. 11 people found: 11 placed from the sheet; 1 row left out.');
  await expectPlaces(again, 'Current Stance', { TBD: '60', Resistant: '85' });
  await expectPlaces(again, 'Influence', { High: '80', H: '75' });
  await expectReadAs(again, { Interest: 'Leave out', 'Contact Information': 'Leave out', Name: 'Name' });
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(again).toBeHidden();

  // Different columns are guessed afresh.
  await importMap(page, sheet('power-interest-grid.csv'));
  const other = await previewOf(page, 'power-interest-grid.csv');
  await expect(other.getByText('Using the choices you made for a file with these columns before.')).toHaveCount(0);
  await other.getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);
});

test('a power/interest grid dropped on the window: power becomes influence, everyone starts undecided, and no two people share a spot', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const before = await storedData(page);
  await dropFile(page, 'power-interest-grid.csv', 'text/csv');
  const dialog = await previewOf(page, 'power-interest-grid.csv');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 8 people found: 8 placed from the sheet.');
  await expect(dialog.getByText('No column gives skepticism, support or stance, so everyone starts at 50, undecided; move them on the map afterwards.')).toBeVisible();
  await expectReadAs(dialog, {
    Stakeholder: 'Name', Role: 'Role', Power: 'Influence', Interest: 'Add to notes',
    'Grid Quadrant': 'Add to notes', 'Engagement Strategy': 'Add to notes',
  });
  await expectPlaces(dialog, 'Power', { High: '75', Low: '25' });
  await expect(personRow(dialog, 'Board Audit Committee')).toHaveText(['4', 'Board Audit Committee', 'Governance', '', '75', '50']);
  await expect(dialog.getByRole('region', { name: /^Rows with problems/ })).toHaveCount(0);
  expect(await storedData(page)).toEqual(before);

  await dialog.getByRole('button', { name: 'Bring in 8 people' }).click();
  await expect(page.getByText('Brought in “power-interest-grid.csv”: 8 people added. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('power-interest-grid');
  await expect(page.locator('g.marker')).toHaveCount(8);
  await expectPosition(page, 'Erik Johansson', 'Erik Johansson, influence 75, skepticism 50, Win over');
  // Five people are High/undecided and three Low/undecided: set apart up and down, in a column
  // of names, not stacked on one spot and not moved sideways.
  await expectNoSharedPlace(page);
  for (const label of await markerLabels(page)) {
    const [, influence, skepticism] = label.match(/, influence (\d+), skepticism (\d+)/).map(Number);
    expect(skepticism, `${label}: still undecided`).toBe(50);
    expect(Math.min(Math.abs(influence - 75), Math.abs(influence - 25)), `${label}: near its power`).toBeLessThanOrEqual(10);
  }
  await expect(await notesOf(page, 'Erik Johansson')).toHaveValue('Interest: Low\nGrid Quadrant: Keep satisfied\nEngagement Strategy: Monthly one-page update');
  expect(errors).toEqual([]);
});

test('a support tracker with 1–5 scores: the scales are found, support is read as skepticism reversed, contact details stay out, and a scale can be changed', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await importMap(page, sheet('support-tracker.csv'));
  const dialog = await previewOf(page, 'support-tracker.csv');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 10 people found: 9 placed from the sheet, 1 to place by hand.');
  await expectReadAs(dialog, {
    Name: 'Name', 'Job Title': 'Role', Team: 'Organisation', 'Influence (1-5)': 'Influence',
    'Support (1-5)': 'Support (read as skepticism reversed)', Email: 'Leave out', Phone: 'Leave out',
    'Last contacted': 'Add to notes', Comments: 'Notes',
  });
  await expect(column(dialog, 'Influence (1-5)').scale).toHaveText('1–5');
  await expect(column(dialog, 'Support (1-5)').scale).toHaveText('1–5');
  await expect(dialog.getByText('(more support, less skepticism)')).toBeVisible();
  for (const header of ['Email', 'Phone']) {
    await expect(column(dialog, header).hint).toContainText('personal contact details stay out unless you add them to notes');
  }
  await expect(personRow(dialog, 'Camila Reyes')).toHaveText(['4', 'Camila Reyes', 'HR Business Partner', 'People', '50', '0']);
  await expect(personRow(dialog, 'Aisha Bello')).toHaveText(['2', 'Aisha Bello', 'Director of Strategy', 'Strategy Office', '100', '75']);
  await expect(problems(dialog)).toHaveText(['Row 11: Jonah Feld cannot be placed from the sheet (Support (1-5) “6” is not a value its column reads).']);

  // Read as 1–7, Jonah Feld's 6 is a place, and everyone's support is re-read.
  await column(dialog, 'Support (1-5)').scaleMenu.selectOption({ label: '1–7' });
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 10 people found: 10 placed from the sheet.');
  await expect(personRow(dialog, 'Camila Reyes')).toHaveText(['4', 'Camila Reyes', 'HR Business Partner', 'People', '50', '33']);
  await expect(column(dialog, 'Support (1-5)').scale).toHaveText('1–7');
  // Back to the scale the header says.
  await column(dialog, 'Support (1-5)').scaleMenu.selectOption({ label: '1–5' });
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 10 people found: 9 placed from the sheet, 1 to place by hand.');
  await expect(personRow(dialog, 'Camila Reyes')).toHaveText(['4', 'Camila Reyes', 'HR Business Partner', 'People', '50', '0']);

  await dialog.getByRole('button', { name: 'Bring in 10 people' }).click();
  await expect(page.getByText('Brought in “support-tracker.csv”: 9 people added, 1 in the quick-add tray to place by hand. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('support-tracker');
  await expect(page.locator('g.marker')).toHaveCount(9);
  await expectPosition(page, 'Camila Reyes', 'Camila Reyes, influence 50, skepticism 0, Champions');
  await expectPosition(page, 'Aisha Bello', 'Aisha Bello, influence 100, skepticism 75, Win over');
  await expectPosition(page, 'Ben Carter', 'Ben Carter, influence 75, skepticism 100, Win over');
  await expect(quickAdd(page, 'Jonah Feld', 'Sales Director')).toBeVisible();
  const notes = await notesOf(page, 'Aisha Bello');
  await expect(notes).toHaveValue(/Wants proof it moves retention, not a wellness perk/);
  await expect(notes).toHaveValue(/Last contacted: 2026-10-14/);
  const kept = JSON.stringify(await storedPeople(page, 'support-tracker', 9));
  for (const secret of ['@example.org', '+1 555']) expect(kept, `no “${secret}” anywhere`).not.toContain(secret);
  expect(errors).toEqual([]);
});

test('a German Excel CSV (Windows-1252, semicolons, decimal commas) keeps its accents and reads 9,5 of 10 as 95', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await importMap(page, sheet('german-excel.csv'));
  const dialog = await previewOf(page, 'german-excel.csv');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 6 people found: 6 placed from the sheet.');
  await expectReadAs(dialog, {
    Name: 'Name', Funktion: 'Role', Abteilung: 'Organisation', 'Einfluss (0-10)': 'Influence',
    'Skepsis (0-10)': 'Skepticism', Bemerkungen: 'Notes',
  });
  await expect(column(dialog, 'Einfluss (0-10)').scale).toHaveText('0–10');
  await expect(column(dialog, 'Skepsis (0-10)').scale).toHaveText('0–10');
  await expect(column(dialog, 'Einfluss (0-10)').hint).toHaveText('9,5 · 8 · 7');
  await expect(personRow(dialog, 'Jürgen Müller')).toHaveText(['2', 'Jürgen Müller', 'Geschäftsführer', 'Geschäftsleitung', '95', '75']);
  await expect(personRow(dialog, 'Anneliese Groß')).toHaveText(['6', 'Anneliese Groß', 'Betriebsrätin', 'Betriebsrat', '75', '60']);

  await dialog.getByRole('button', { name: 'Bring in 6 people' }).click();
  await expect(page.getByText('Brought in “german-excel.csv”: 6 people added. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('german-excel');
  await expect(page.locator('g.marker')).toHaveCount(6);
  await expectPosition(page, 'Jürgen Müller', 'Jürgen Müller, influence 95, skepticism 75, Win over');
  await expectPosition(page, 'Björn Weiß', 'Björn Weiß, influence 80, skepticism 85, Win over');
  await expectPosition(page, 'Zoë Lefèvre', 'Zoë Lefèvre, influence 70, skepticism 25, Champions');
  await expectPosition(page, 'Ömer Yildiz', 'Ömer Yildiz, influence 65, skepticism 50, Win over');
  await expectPosition(page, 'Lukas Schäfer', 'Lukas Schäfer, influence 30, skepticism 45, Keep informed');
  await expect(await notesOf(page, 'Björn Weiß'), 'a quoted semicolon stays in the cell').toHaveValue('Sorge um Ausfallzeiten; will Pilot sehen');
  await expect(await notesOf(page, 'Anneliese Groß')).toHaveValue('Früh einbinden – Mitbestimmung');
  expect(errors).toEqual([]);
});

test('an Excel workbook with two sheets brought in from Share into the open map: the register sheet is chosen, another can be, and people already on the map are updated by name', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const before = await storedData(page);
  await expectPosition(page, 'Priya Raman', 'Priya Raman, influence 80, skepticism 12, Champions');
  await bringInFromShare(page, sheet('register-two-sheets.xlsx'));
  await expect(page.getByRole('dialog', { name: 'Share this map' })).toBeHidden();
  const dialog = await previewOf(page, 'register-two-sheets.xlsx');
  const sheets = dialog.getByRole('combobox', { name: 'Sheet', exact: true });
  await expect(sheets.locator('option')).toHaveText(['Instructions (5 rows)', 'Stakeholder Register (14 rows)']);
  await expect(sheets.locator('option:checked'), 'the likelier sheet').toHaveText('Stakeholder Register (14 rows)');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');

  // The other sheet is read on its own terms (its one column of sentences), and back again.
  await sheets.selectOption({ label: 'Instructions (5 rows)' });
  await expect(summaryOf(dialog)).toHaveText(/^Headers in row 1\. /);
  await expect(column(dialog, 'How to use this stakeholder register').use).toBeVisible();
  await expect(column(dialog, 'Current Stance').use, 'the register sheet’s columns are gone').toHaveCount(0);
  await expect(sheets.locator('option:checked')).toHaveText('Instructions (5 rows)');
  await sheets.selectOption({ label: 'Stakeholder Register (14 rows)' });
  await expect(summaryOf(dialog)).toHaveText('Headers in row 3. 12 people found: 10 placed from the sheet, 2 to place by hand.');

  await expectReadAs(dialog, {
    ID: 'Leave out', Name: 'Name', 'Title/Role': 'Role', Department: 'Organisation', 'Contact Information': 'Leave out',
    Influence: 'Influence', Interest: 'Add to notes', 'Current Stance': 'Support (read as skepticism reversed)', Notes: 'Notes',
  });
  await expect(column(dialog, 'Influence').scale).toHaveText('1–5');
  await expectPlaces(dialog, 'Current Stance', { Supportive: '20', Resistant: '85', Leading: '5', TBD: '' });
  await expect(personRow(dialog, 'Priya Raman')).toHaveText(['4', 'Priya Raman', 'VP Operations', 'Operations', '100', '20']);
  await expect(problems(dialog)).toHaveText([
    'Row 12: Sofia Lindqvist cannot be placed from the sheet (Influence is blank).',
    'Row 13: Daniel Mensah cannot be placed from the sheet (Current Stance “TBD” is not a value its column reads).',
  ]);
  await expect(dialog.getByRole('radio', { name: 'Into the open map' }), 'Share brings them into the open map').toBeChecked();
  const existing = dialog.getByRole('group', { name: '2 people are already on this map (matched by name)' });
  await expect(existing.getByRole('radio', { name: 'Update them with the sheet’s values' })).toBeChecked();
  await expect(existing.getByRole('radio', { name: 'Leave them as they are' })).not.toBeChecked();
  await expect(existing.getByRole('radio', { name: 'Add them again as new people' })).not.toBeChecked();
  expect(await storedData(page), 'the preview changes nothing').toEqual(before);

  await dialog.getByRole('button', { name: 'Bring in 12 people' }).click();
  await expect(page.getByText('Brought in “register-two-sheets.xlsx”: 8 people added, 2 updated, 2 in the quick-add tray to place by hand. Undo takes the import off the map; the tray keeps its names until you remove them.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name'), 'still the open map').toHaveValue('Example: leadership coaching rollout');
  await expect(page.getByLabel('Open map').locator('option')).toHaveCount(1);
  await expect(page.locator('g.marker'), '10 there, 8 new').toHaveCount(18);
  await expect(marker(page, 'Priya Raman'), 'updated, not added again').toHaveCount(1);
  await expectPosition(page, 'Priya Raman', 'Priya Raman, influence 100, skepticism 20, Champions');
  await expectPosition(page, 'Jonas Weber', 'Jonas Weber, influence 75, skepticism 85, Win over');
  await expectPosition(page, 'Aiyana Brooks', 'Aiyana Brooks, influence 50, skepticism 5, Champions');
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 88, skepticism 74, Win over', 'people not in the sheet stay where they were');
  await expect(quickAdd(page, 'Sofia Lindqvist', 'Team Lead')).toBeVisible();
  await expect(quickAdd(page, 'Daniel Mensah', 'Union Representative')).toBeVisible();
  const people = await storedPeople(page, 'Example: leadership coaching rollout', 18);
  expect(people.find((s) => s.name === 'Priya Raman')).toMatchObject({ role: 'VP Operations', organisation: 'Operations' });
  expect(JSON.stringify(people), 'no e-mail address from the sheet').not.toContain('@example.org');

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expectPosition(page, 'Priya Raman', 'Priya Raman, influence 80, skepticism 12, Champions');
  await expectPosition(page, 'Jonas Weber', 'Jonas Weber, influence 22, skepticism 41, Keep informed');
  await expect(marker(page, 'Aiyana Brooks')).toHaveCount(0);

  // Leaving them as they are: only the new people come in.
  await bringInFromShare(page, sheet('register-two-sheets.xlsx'));
  const again = await previewOf(page, 'register-two-sheets.xlsx');
  await again.getByRole('radio', { name: 'Leave them as they are' }).check();
  await expect(again.getByRole('radio', { name: 'Leave them as they are' }), 'checked in the redrawn preview').toBeChecked();
  await again.getByRole('button', { name: 'Bring in 10 people' }).click();
  await expect(page.getByText('Brought in “register-two-sheets.xlsx”: 8 people added, 2 already there left as they were, 2 in the quick-add tray to place by hand. Undo takes the import off the map; the tray keeps its names until you remove them.', { exact: true })).toBeVisible();
  await expect(page.locator('g.marker')).toHaveCount(18);
  await expectPosition(page, 'Priya Raman', 'Priya Raman, influence 80, skepticism 12, Champions');
  await expectPosition(page, 'Jonas Weber', 'Jonas Weber, influence 22, skepticism 41, Keep informed');
  expect(errors).toEqual([]);
});

test('an OpenDocument spreadsheet: percent cells read as fractions, a "Position" column of job titles read as the role, attitudes as places; an old .xls is read too', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await importMap(page, sheet('register.ods'));
  const dialog = await previewOf(page, 'register.ods');
  await expect(summaryOf(dialog)).toHaveText('Headers in row 1. 8 people found: 8 placed from the sheet.');
  await expect(dialog.getByRole('combobox', { name: 'Sheet', exact: true }), 'one sheet, no choice').toHaveCount(0);
  await expectReadAs(dialog, {
    Stakeholder: 'Name', Position: 'Role', Organization: 'Organisation', Power: 'Influence',
    Attitude: 'Support (read as skepticism reversed)', 'E-mail': 'Leave out', Phone: 'Leave out', Comments: 'Notes',
  });
  await expect(column(dialog, 'Power').scale).toHaveText('0–1 (fractions, as a percent cell holds them)');
  await expectPlaces(dialog, 'Attitude', { Champion: '5', Supporter: '20', Neutral: '50', Opponent: '85', Blocker: '95' });
  await expect(personRow(dialog, 'Margaret Osei')).toHaveText(['2', 'Margaret Osei', 'Managing Director', 'Northwind Health', '85', '5']);

  await dialog.getByRole('button', { name: 'Bring in 8 people' }).click();
  await expect(page.getByText('Brought in “register.ods”: 8 people added. Undo reverses the whole import.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue('register');
  await expect(page.locator('g.marker')).toHaveCount(8);
  await expectPosition(page, 'Margaret Osei', 'Margaret Osei, influence 85, skepticism 5, Champions');
  await expectPosition(page, 'Tomás Rivera', 'Tomás Rivera, influence 55, skepticism 95, Win over');
  await expectPosition(page, 'Ingrid Solberg', 'Ingrid Solberg, influence 70, skepticism 85, Win over');
  const people = await storedPeople(page, 'register', 8);
  expect(people.find((s) => s.name === 'Tomás Rivera')).toMatchObject({ role: 'Union Steward', organisation: 'Health Workers Union' });
  expect(JSON.stringify(people), 'no e-mail address or phone number').not.toMatch(/@northwind|\+44 20/);

  // A legacy Excel 97 workbook, title row and all.
  await importMap(page, sheet('register.xls'));
  const legacy = await previewOf(page, 'register.xls');
  await expect(summaryOf(legacy)).toHaveText('Headers in row 3. 3 people found: 3 placed from the sheet.');
  await expect(personRow(legacy, 'Priya Raman')).toContainText(['Priya Raman']);
  await legacy.getByRole('button', { name: 'Cancel' }).click();
  await expect(legacy).toBeHidden();
  expect(errors).toEqual([]);
});

test('files that cannot be brought in are refused in plain words and change nothing: a protected workbook, a zip that is not one, an empty sheet, 20,001 rows, a picture', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const before = await storedData(page);
  const rows = ['Name,Influence,Skepticism'];
  for (let i = 1; i <= 20_001; i++) rows.push(`Person ${i},${i % 100},50`);
  const refusals = [
    [sheet('protected.xlsx'), 'protected.xlsx', 'This workbook is protected with a password, so it cannot be read.'],
    [sheet('not-a-workbook.xlsx'), 'not-a-workbook.xlsx', 'This file could not be read as an Excel or OpenDocument workbook (a zip file with no Excel or OpenDocument workbook in it).'],
    [sheet('empty.xlsx'), 'empty.xlsx', 'The spreadsheet is empty: there is nothing in it to import.'],
    [{ name: 'everyone.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\r\n')) }, 'everyone.csv',
      'The spreadsheet has more than 20,000 rows of people, more than a map can hold, so it was not read.'],
    [join(DIST, 'icon-192.png'), 'icon-192.png', 'This file is neither a Stakemap map nor a spreadsheet Stakemap can read.'],
  ];
  for (const [file, name, why] of refusals) {
    await importMap(page, file);
    const alert = page.getByRole('alert').filter({ hasText: `“${name}” was not imported. Nothing was changed.` });
    await expect(alert, name).toBeVisible();
    await expect(alert, name).toContainText(why);
    await expect(page.getByRole('dialog'), `no preview for ${name}`).toHaveCount(0);
    await alert.getByRole('button', { name: 'Dismiss message' }).click();
    await expect(alert).toBeHidden();
  }
  await expect(page.locator('g.marker')).toHaveCount(10);
  expect(await storedData(page), 'nothing was changed').toEqual(before);
  expect(errors).toEqual([]);
});
