// End-to-end tests of sharing by file: a colleague's copy merged back through the preview, map
// images that decode at the right size, spreadsheets out and back in, redacted copies, calendar
// reminders, and a workshop round.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, storedData, storedMaps, FIXTURES, fromMenu, notice, announcer, skipTour } from './support.mjs';

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, bytes: await readFile(path) };
}

async function exportMap(page) {
  return download(page, () => fromMenu(page, 'Export map'));
}

async function share(page) {
  await fromMenu(page, 'Share…');
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** A small RFC 4180 reader, independent of the app's, to check what spreadsheets will see. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('a colleague edits an exported copy in another browser; merging it back goes through the preview and undoes in one step', async ({ openApp }) => {
  // The sponsor exports the map.
  const sponsor = await openApp();
  await skipTour(sponsor.page);
  const page = sponsor.page;
  const exported = await exportMap(page);
  const mapId = JSON.parse(exported.bytes.toString('utf8')).map.id;

  // A colleague, in a browser of their own, opens the file, moves Grace and adds Tomasz.
  const colleague = await openApp();
  const other = colleague.page;
  await other.getByLabel('Import map').setInputFiles(exported.path);
  await expect(notice(other).getByText(/^Imported “/)).toBeVisible();
  await marker(other, 'Grace Lindqvist').focus();
  for (let i = 0; i < 3; i++) await other.keyboard.press('Shift+ArrowUp');
  const graceTheirs = 'Grace Lindqvist, influence 68, skepticism 70, Win over';
  await expectPosition(other, 'Grace Lindqvist', graceTheirs);
  await other.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await other.getByLabel('Name (required)').fill('Tomasz Wren');
  await other.getByRole('spinbutton', { name: /^Influence/ }).fill('65');
  await other.getByRole('spinbutton', { name: /^Skepticism/ }).fill('70');
  await other.getByRole('button', { name: 'Add to map' }).click();
  await expect(marker(other, 'Tomasz Wren')).toBeVisible();
  const theirs = await exportMap(other);
  expect(JSON.parse(theirs.bytes.toString('utf8')).map.id, 'the copy keeps the map id').toBe(mapId);

  // Meanwhile the sponsor moves Dana.
  const graceBefore = 'Grace Lindqvist, influence 38, skepticism 70, Reassure';
  await expectPosition(page, 'Grace Lindqvist', graceBefore);
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const danaMine = 'Dana Ortiz, influence 88, skepticism 64, Win over';
  await expectPosition(page, 'Dana Ortiz', danaMine);
  const before = await storedData(page);

  // Importing the colleague's file opens the preview; nothing changes until Merge.
  await page.getByLabel('Import map').setInputFiles(theirs.path);
  const dialog = page.getByRole('dialog', { name: /^Merge “/ });
  await expect(dialog).toBeVisible();
  expect(await storedData(page), 'the preview changes nothing').toEqual(before);
  await expect(dialog.getByRole('heading', { name: 'New in their file (1)' })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Add Tomasz Wren' })).toBeChecked();
  const grace = dialog.getByRole('radiogroup', { name: 'Grace Lindqvist: Position' });
  await expect(grace.getByRole('radio', { name: /^Theirs \(newer\)/ }), 'the newer position is preselected').toBeChecked();
  const dana = dialog.getByRole('radiogroup', { name: 'Dana Ortiz: Position' });
  await expect(dana.getByRole('radio', { name: /^Mine \(newer\)/ })).toBeChecked();
  // Their copy was renamed when it was imported next to their own example; keep my name.
  const mapName = dialog.getByRole('radiogroup', { name: 'Map name' });
  await mapName.getByRole('radio', { name: /^Mine/ }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(notice(page).getByText(/^Merged “/)).toBeVisible();
  await expect(announcer(page)).toHaveText(/^Merged “/);

  await expectPosition(page, 'Grace Lindqvist', graceTheirs);
  await expectPosition(page, 'Dana Ortiz', danaMine, 'my own move is kept');
  await expect(marker(page, 'Tomasz Wren')).toBeVisible();
  await expect(page.locator('g.marker')).toHaveCount(11);
  const file = (await storedMaps(page))[mapId];
  expect(file.stakeholders.filter((s) => s.name === 'Tomasz Wren')).toHaveLength(1);
  expect(new Set(file.actions.map((a) => a.id)).size, 'no action twice').toBe(file.actions.length);

  // One undo takes the whole merge back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(marker(page, 'Tomasz Wren')).toHaveCount(0);
  await expectPosition(page, 'Grace Lindqvist', graceBefore);
  await expectPosition(page, 'Dana Ortiz', danaMine);
  expect(sponsor.errors).toEqual([]);
  expect(colleague.errors).toEqual([]);
});

test('SVG and PNG images download, decode at the right size, and can show initials', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const mapWidth = (await page.locator('svg.map-svg').boundingBox()).width;
  const dialog = await share(page);
  const svg = await download(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  expect(svg.name).toMatch(/\.svg$/);
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200" height="900"/);
  expect(svgText).toContain('>Dana Ortiz</text>');
  for (const words of ['Legend', 'Influence →', 'Skepticism →']) expect(svgText).toContain(words);

  const png = await download(page, () => dialog.getByRole('button', { name: 'Download PNG' }).click());
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)], 'a PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  // Both decode as images in the browser, at the size the file says.
  const sizes = await page.evaluate(async ([svgB64, pngB64]) => {
    const decode = async (b64, type) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type }));
      return [bitmap.width, bitmap.height];
    };
    return [await decode(svgB64, 'image/svg+xml').catch(() => null), await decode(pngB64, 'image/png')];
  }, [svg.bytes.toString('base64'), png.bytes.toString('base64')]);
  const img = await page.evaluate(async (b64) => {
    const image = new Image();
    image.src = 'data:image/svg+xml;base64,' + b64;
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  }, svg.bytes.toString('base64'));
  expect(img, 'the SVG decodes at 1200 × 900').toEqual([1200, 900]);
  const [pw, ph] = sizes[1];
  expect(pw, `PNG ${pw} px wide: at least 2× the image and the map on screen (${mapWidth})`).toBeGreaterThanOrEqual(Math.max(2400, 2 * mapWidth));
  expect(pw / ph, 'same shape as the SVG').toBe(1200 / 900);

  await dialog.getByRole('group', { name: 'Label people with' }).getByRole('radio', { name: 'Initials' }).check();
  const initials = (await download(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click())).bytes.toString('utf8');
  expect(initials, 'Dana Ortiz shows as DO').toContain('>DO</text>');
  expect(initials).not.toContain('Dana Ortiz');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(errors).toEqual([]);
});

test('the stakeholder CSV opens cleanly in a spreadsheet and comes back in through the register preview; bad rows are listed', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const dialog = await share(page);
  const csv = await download(page, () => dialog.getByRole('button', { name: 'Stakeholders (CSV)' }).click());
  expect(csv.name).toMatch(/-stakeholders-\d{4}-\d\d-\d\d\.csv$/);
  expect([...csv.bytes.subarray(0, 3)], 'UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
  expect(rows[0].slice(0, 6)).toEqual(['Name', 'Role', 'Organisation', 'Influence', 'Skepticism', 'Quadrant']);
  expect(rows, 'a header and one row per stakeholder').toHaveLength(11);
  for (const r of rows) expect(r, 'every row has every column').toHaveLength(rows[0].length);
  const dana = rows.find((r) => r[0] === 'Dana Ortiz');
  expect(dana[5]).toBe('Win over');
  const actions = await download(page, () => dialog.getByRole('button', { name: 'Actions (CSV)' }).click());
  expect(parseCsv(actions.bytes.toString('utf8').slice(1)).length).toBeGreaterThan(1);

  // Back in through Share's "Bring in a stakeholder register…", as a new map: every column is
  // read as the column it was written from, and the positions come back as they were.
  await dialog.getByLabel('Bring in a stakeholder register…').setInputFiles({ name: csv.name, mimeType: 'text/csv', buffer: csv.bytes });
  const review = page.getByRole('dialog', { name: `Bring in “${csv.name}”` });
  await expect(review.locator('#register-summary')).toHaveText('Headers in row 1. 10 people found: 10 placed from the sheet.');
  for (const [header, readAs] of [['Name', 'Name'], ['Role', 'Role'], ['Organisation', 'Organisation'], ['Influence', 'Influence'],
    ['Skepticism', 'Skepticism'], ['Quadrant', 'Leave out'], ['Notes', 'Notes'], ['Tags', 'Tags']]) {
    await expect(review.getByRole('combobox', { name: header, exact: true }).locator('option:checked'), header).toHaveText(readAs);
  }
  await expect(review.getByRole('radio', { name: 'Into the open map' }), 'Share brings a register into the open map').toBeChecked();
  await expect(review.getByRole('group', { name: '10 people are already on this map (matched by name)' })).toBeVisible();
  await review.getByRole('radio', { name: 'Into a new map' }).check();
  await expect(review.getByRole('group', { name: /already on this map/ }), 'nobody is on a new map yet').toHaveCount(0);
  await review.getByRole('button', { name: 'Bring in 10 people' }).click();
  await expect(page.getByText(`Brought in “${csv.name}”: 10 people added. Undo reverses the whole import.`, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Map name'), 'named after the file').toHaveValue(csv.name.replace(/\.csv$/, ''));
  await expect(page.locator('g.marker')).toHaveCount(10);
  await expectPosition(page, 'Dana Ortiz', `Dana Ortiz, influence ${dana[3]}, skepticism ${dana[4]}, Win over`);

  // A sheet with problems, into the open map: rows are listed by number, the good ones go in on
  // confirmation and the one that cannot be placed waits in the quick-add tray.
  await share(page);
  await page.getByLabel('Bring in a stakeholder register…').setInputFiles(join(FIXTURES, 'sheets', 'with-problems.csv'));
  const problems = page.getByRole('dialog', { name: 'Bring in “with-problems.csv”' });
  await expect(problems.locator('#register-summary')).toHaveText('Headers in row 1. 3 people found: 2 placed from the sheet, 1 to place by hand; 1 row left out.');
  await expect(problems.getByRole('region', { name: 'Rows with problems (2)' }).getByRole('listitem')).toHaveText([
    'Row 3: left out, it has no name.',
    'Row 4: Cy Chen cannot be placed from the sheet (Influence “140” is not a value its column reads).',
  ]);
  const before = await page.locator('g.marker').count();
  await expect(problems.getByRole('radio', { name: 'Into the open map' })).toBeChecked();
  await problems.getByRole('button', { name: 'Bring in 3 people' }).click();
  await expect(marker(page, 'Ngozi Eze')).toBeVisible();
  await expect(marker(page, 'Søren Ålund')).toBeVisible();
  await expect(page.locator('g.marker'), 'into the open map').toHaveCount(before + 2);
  await expectPosition(page, 'Ngozi Eze', 'Ngozi Eze, influence 80, skepticism 65, Win over');
  await expect(page.getByRole('button', { name: 'Place Cy Chen on the map' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a redacted copy holds no names or notes, and opening it says it is redacted', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const dialog = await share(page);
  const file = await download(page, () => dialog.getByRole('button', { name: 'Redacted map file' }).click());
  const text = file.bytes.toString('utf8');
  const json = JSON.parse(text);
  expect(json.map.redacted).toBe(true);
  for (const secret of ['Dana Ortiz', 'Ortiz', 'Grace Lindqvist', 'Chief']) expect(text, `no “${secret}”`).not.toContain(secret);
  for (const s of json.stakeholders) {
    expect({ name: s.name, notes: s.notes, cares_about: s.cares_about }).toEqual({ name: expect.stringMatching(/^S-[0-9A-F]{4,}$/), notes: '', cares_about: '' });
  }
  for (const t of json.touchpoints) expect(t.note).toBe('');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Import map').setInputFiles(file.path);
  await expect(page.getByText(/redacted copy/).first()).toBeVisible();
  await expect(page.getByText('Redacted copy', { exact: true })).toBeVisible();
  await expect(page.locator('g.marker')).toHaveCount(10);
  expect(errors).toEqual([]);
});

test('calendar reminders download as an .ics file: one event per open dated action and per person, codes unless names are chosen', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const [map] = Object.values(await storedMaps(page));
  const open = map.actions.filter((a) => a.due && (a.status === 'planned' || a.status === 'in_progress'));
  // Everyone has a next contact date by their cadence.
  const expected = open.length + map.stakeholders.length;
  expect(expected, 'the example map: 6 open actions with a due date and 10 people').toBe(16);

  const dialog = await share(page);
  const titles = dialog.getByRole('group', { name: 'Titles use' });
  await expect(titles.getByRole('radio', { name: /^Codes/ }), 'codes by default').toBeChecked();
  const file = await download(page, () => dialog.getByRole('button', { name: 'Download calendar (.ics)' }).click());
  expect(file.name).toMatch(/^stakemap-reminders-\d{4}-\d\d-\d\d\.ics$/);
  const text = file.bytes.toString('utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, ''), 'every line ends in CRLF').not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
  expect(text.match(/^BEGIN:VEVENT\r$/gm), 'one event per reminder').toHaveLength(expected);
  const unfolded = text.replace(/\r\n /g, '');
  const uids = unfolded.match(/^UID:.*$/gm);
  expect(new Set(uids).size, 'no UID twice').toBe(expected);
  for (const a of open) expect(unfolded).toContain(`UID:action-${a.id}@stakemap\r\n`);
  for (const s of map.stakeholders) {
    expect(unfolded).toContain(`UID:contact-${s.id}@stakemap\r\n`);
    for (const secret of [s.name, s.name.split(' ').at(-1)]) expect(unfolded, `no “${secret}”`).not.toContain(secret);
  }
  expect(unfolded).not.toContain(map.map.name);
  expect(unfolded).toMatch(/^SUMMARY:Contact S-[0-9A-F]{4,}/m);

  // With names, the same events (same UIDs) carry the names.
  await titles.getByRole('radio', { name: 'Names' }).check();
  const named = (await download(page, () => dialog.getByRole('button', { name: 'Download calendar (.ics)' }).click()));
  expect(named.name).toMatch(/-reminders-\d{4}-\d\d-\d\d\.ics$/);
  const namedText = named.bytes.toString('utf8').replace(/\r\n /g, '');
  expect(namedText.match(/^UID:.*$/gm).sort()).toEqual([...uids].sort());
  expect(namedText).toContain('SUMMARY:Contact Dana Ortiz');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A map with nobody on it says so instead of offering an empty calendar.
  await fromMenu(page, 'New map');
  await expect(page.locator('g.marker')).toHaveCount(0);
  const empty = await share(page);
  await empty.getByRole('button', { name: 'Download calendar (.ics)' }).click();
  await expect(empty.getByRole('status').filter({ hasText: /^Nothing to put in a calendar yet/ }), 'said in the dialog').toBeVisible();
  expect(errors).toEqual([]);
});

test('a redacted copy of a map with a marker in every typed field holds no marker in its file, image or sheets, and takes the name typed for it', async ({ openApp }) => {
  const { page, errors } = await openApp();
  // The fixture is written by tests/redaction.rs: every text and tags field of every record,
  // the map's name and snapshot names hold "MARKER-…".
  await page.getByLabel('Import map').setInputFiles(join(FIXTURES, 'good', 'every-field-marked.stakemap.json'));
  await expect(notice(page).getByText(/^Imported “MARKER-map-name-0”/)).toBeVisible();
  const dialog = await share(page);
  const section = dialog.getByRole('region', { name: 'Redacted copy' });
  await section.getByLabel('Name of the shared copy').fill('Steering group Q3');
  await section.getByRole('radio', { name: /^Replace each by a code/ }).check();
  const holds = section.getByRole('list', { name: 'What the copy holds' });
  await expect(holds).toContainText('Replaced by the name you give, “Steering group Q3”');
  await expect(holds).toContainText('(“Tag 1”, “Tag 2”…): people: the tags');

  const files = [
    await download(page, () => section.getByRole('button', { name: 'Redacted map file (JSON)' }).click()),
    await download(page, () => section.getByRole('button', { name: 'Redacted image (PNG)' }).click()),
    await download(page, () => section.getByRole('button', { name: 'Redacted stakeholder sheet (CSV)' }).click()),
    await download(page, () => section.getByRole('button', { name: 'Redacted action sheet (CSV)' }).click()),
    await download(page, () => section.getByRole('button', { name: 'Redacted evidence sheet (CSV)' }).click()),
  ];
  expect(files.map((f) => f.name.replace(/\d{4}-\d{2}-\d{2}/, 'DAY'))).toEqual([
    'Steering-group-Q3-DAY.stakemap.json',
    'Steering-group-Q3-DAY.png',
    'Steering-group-Q3-stakeholders-DAY.csv',
    'Steering-group-Q3-actions-DAY.csv',
    'Steering-group-Q3-evidence-DAY.csv',
  ]);
  // A PNG's text chunks would hold text: its bytes are read as Latin-1 to look for markers.
  for (const f of files) {
    const text = f.name.endsWith('.png') ? f.bytes.toString('latin1') : f.bytes.toString('utf8');
    expect(text.toLowerCase(), `${f.name} holds no marker`).not.toContain('marker');
  }
  const json = JSON.parse(files[0].bytes.toString('utf8'));
  expect(json.map).toMatchObject({ name: 'Steering group Q3', redacted: true });
  expect(json.stakeholders.map((s) => s.organisation), 'one organisation, one code').toEqual(['Org A', 'Org A', 'Org B']);
  expect(json.stakeholders[0].tags).toEqual(['Tag 1', 'Tag 2', 'Tag 3']);
  expect(json.stakeholders[1].tags.at(-1), 'the same tag, the same code').toBe('Tag 3');
  expect(json.snapshots.map((s) => s.name)).toEqual(['Snapshot 1', 'Snapshot 2']);

  // Leaving out positions: the description says so, and there is no image, with the reason.
  await section.getByLabel(/^Leave out positions and quadrants/).check();
  await expect(holds).toContainText('Left out, as you chose (everyone stands at the middle of the map');
  const image = section.getByRole('button', { name: 'Redacted image (PNG)' });
  await expect(image).toBeDisabled();
  await expect(section.getByText('No image while positions are left out')).toBeVisible();
  const lean = JSON.parse((await download(page, () => section.getByRole('button', { name: 'Redacted map file (JSON)' }).click())).bytes.toString('utf8'));
  expect(lean.stakeholders.map((s) => [s.influence, s.skepticism, s.target])).toEqual([[50, 50, null], [50, 50, null], [50, 50, null]]);
  expect(lean.snapshots).toEqual([]);
  expect(lean.map.positions_left_out).toBe(true);

  // Opened, the copy says its middle means nothing, and no one's quadrant is claimed.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByLabel('Import map').setInputFiles({ name: 'lean.stakemap.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lean)) });
  await expect(page.getByRole('status').getByText('Positions were left out of it')).toBeVisible();
  await expect(page.getByRole('note')).toContainText('made without positions, so there is no map to draw');
  await expect(page.locator('.badge.redacted')).toHaveText('Redacted copy · no positions');
  // No markers stacked on one point: the map view offers the list instead.
  await expect(page.locator('g.marker')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the people as a list' }).click();
  await expect(page.getByRole('tab', { name: 'List', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('tbody tr').first()).toContainText('Not in this copy');
  await expect(page.locator('tbody .chip')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a workshop round shows each view, the mean and the spread, and adopts the mean', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const exported = JSON.parse((await exportMap(page)).bytes.toString('utf8'));
  // The participants' files, in this test's own output folder (under artifacts/).
  const dir = test.info().outputPath('round');
  await mkdir(dir, { recursive: true });
  const placed = async (who, influence, skepticism) => {
    const copy = structuredClone(exported);
    const dana = copy.stakeholders.find((s) => s.name === 'Dana Ortiz');
    Object.assign(dana, { influence, skepticism });
    const path = join(dir, `${who}.stakemap.json`);
    await writeFile(path, JSON.stringify(copy));
    return path;
  };
  const files = [await placed('ada', 60, 20), await placed('ben', 80, 40)];
  await page.getByRole('tab', { name: 'Workshop round', exact: true }).click();
  await page.getByLabel("Add participants' files…").setInputFiles(files);
  const table = page.locator('table.round-table');
  await expect(table.locator('thead th', { hasText: 'ben' })).toBeVisible();
  const row = table.locator('tr', { has: page.getByRole('rowheader', { name: 'Dana Ortiz' }) });
  await expect.poll(async () => (await row.locator('td').allInnerTexts()).slice(1, 5), 'each view, the mean and the spread')
    .toEqual(['60 / 20', '80 / 40', '70 / 30', '10 / 10']);
  await expect(page.locator('svg.round-svg g.round-person'), 'a cross for everyone placed').toHaveCount(10);
  await page.getByRole('button', { name: 'Adopt the mean for Dana Ortiz' }).click();
  await expect(page.getByText('Adopted the mean for Dana Ortiz: 1 person moved.')).toBeVisible();
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await expectPosition(page, 'Dana Ortiz', 'Dana Ortiz, influence 70, skepticism 30, Champions');
  expect(errors).toEqual([]);
});

test('every export says what was saved, in the Share dialog and to a screen reader; the same export twice is announced twice', async ({ openApp }) => {
  const { page, errors } = await openApp();
  const people = await page.locator('g.marker').count();

  // The map file, from the header: its name and how many people it holds.
  const file = await exportMap(page);
  const saved = `Saved “${file.name}” (${people} people) to your downloads.`;
  await expect(notice(page).getByText(saved, { exact: true })).toBeVisible();
  await expect(announcer(page)).toHaveText(saved);
  const first = await announcer(page).textContent();
  await exportMap(page);
  await expect.poll(() => announcer(page).textContent(), 'the live region changes, so it is read again').not.toBe(first);
  await expect(announcer(page)).toHaveText(saved);

  // From the Share dialog, which makes the page behind it inert: said in the dialog itself,
  // in view however far the dialog is scrolled.
  const dialog = await share(page);
  const said = dialog.getByRole('status').filter({ hasText: /^Saved “/ });
  const sheet = await download(page, () => dialog.getByRole('button', { name: 'Stakeholders (CSV)' }).click());
  await expect(said).toHaveText(`Saved “${sheet.name}” (${people} people) to your downloads.`);
  await expect(said).toBeInViewport();
  const actions = await download(page, () => dialog.getByRole('button', { name: 'Actions (CSV)' }).click());
  await expect(said).toHaveText(new RegExp(`^Saved “${actions.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}” \\(\\d+ actions?\\) to your downloads\\.$`));
  const png = await download(page, () => dialog.getByRole('button', { name: 'Download PNG' }).click());
  const pngSaved = `Saved “${png.name}” (${people} people) to your downloads.`;
  await expect(said).toHaveText(pngSaved);
  await expect(said).toBeInViewport();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(notice(page).getByText(pngSaved, { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});
