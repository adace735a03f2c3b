// End-to-end tests of sharing by file: a colleague's copy merged back through the preview, map
// images that decode at the right size, spreadsheets out and back in, redacted copies, and a
// workshop round.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { useServerAndBrowser, openApp, marker, positionOf, storedData, storedMaps, FIXTURES } from './support.mjs';

const env = useServerAndBrowser();

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, bytes: await readFile(path) };
}

async function exportMap(page) {
  return download(page, () => page.getByRole('button', { name: 'Export map' }).click());
}

async function share(page) {
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  await dialog.waitFor();
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

test('a colleague edits an exported copy in another browser; merging it back goes through the preview and undoes in one step', async () => {
  // The sponsor exports the map.
  const sponsor = await openApp(env.browser, env.server.origin);
  const page = sponsor.page;
  const exported = await exportMap(page);
  const mapId = JSON.parse(exported.bytes.toString('utf8')).map.id;

  // A colleague, in a browser of their own, opens the file, moves Grace and adds Priya.
  const colleague = await openApp(env.browser, env.server.origin);
  const other = colleague.page;
  await other.getByLabel('Import map').setInputFiles(exported.path);
  await other.getByText(/^Imported “/).waitFor();
  await marker(other, 'Grace Lindqvist').focus();
  for (let i = 0; i < 3; i++) await other.keyboard.press('Shift+ArrowUp');
  const graceTheirs = await positionOf(other, 'Grace Lindqvist');
  await other.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await other.getByLabel('Name (required)').fill('Tomasz Wren');
  await other.getByRole('spinbutton', { name: /^Influence/ }).fill('65');
  await other.getByRole('spinbutton', { name: /^Skepticism/ }).fill('70');
  await other.getByRole('button', { name: 'Add to map' }).click();
  await marker(other, 'Tomasz Wren').waitFor();
  const theirs = await exportMap(other);
  assert.equal(JSON.parse(theirs.bytes.toString('utf8')).map.id, mapId, 'the copy keeps the map id');

  // Meanwhile the sponsor moves Dana.
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowLeft');
  const danaMine = await positionOf(page, 'Dana Ortiz');
  const graceBefore = await positionOf(page, 'Grace Lindqvist');
  const before = await storedData(page);

  // Importing the colleague's file opens the preview; nothing changes until Merge.
  await page.getByLabel('Import map').setInputFiles(theirs.path);
  const dialog = page.getByRole('dialog', { name: /^Merge “/ });
  await dialog.waitFor();
  assert.deepEqual(await storedData(page), before, 'the preview changes nothing');
  await dialog.getByRole('heading', { name: 'New in their file (1)' }).waitFor();
  assert.equal(await dialog.getByRole('checkbox', { name: 'Add Tomasz Wren' }).isChecked(), true);
  const grace = dialog.getByRole('radiogroup', { name: 'Grace Lindqvist: Position' });
  assert.equal(await grace.getByRole('radio', { name: /^Theirs \(newer\)/ }).isChecked(), true, 'the newer position is preselected');
  const dana = dialog.getByRole('radiogroup', { name: 'Dana Ortiz: Position' });
  assert.equal(await dana.getByRole('radio', { name: /^Mine \(newer\)/ }).isChecked(), true);
  // Their copy was renamed when it was imported next to their own example; keep my name.
  const mapName = dialog.getByRole('radiogroup', { name: 'Map name' });
  await mapName.getByRole('radio', { name: /^Mine/ }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByText(/^Merged “/).waitFor();

  assert.equal(await positionOf(page, 'Grace Lindqvist'), graceTheirs.replace('Grace Lindqvist', 'Grace Lindqvist'));
  assert.equal(await positionOf(page, 'Dana Ortiz'), danaMine, 'my own move is kept');
  await marker(page, 'Tomasz Wren').waitFor();
  assert.equal(await page.locator('g.marker').count(), 11);
  const file = (await storedMaps(page))[mapId];
  assert.equal(file.stakeholders.filter((s) => s.name === 'Tomasz Wren').length, 1);
  assert.equal(new Set(file.actions.map((a) => a.id)).size, file.actions.length, 'no action twice');

  // One undo takes the whole merge back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await marker(page, 'Tomasz Wren').count(), 0);
  assert.equal(await positionOf(page, 'Grace Lindqvist'), graceBefore);
  assert.equal(await positionOf(page, 'Dana Ortiz'), danaMine);
  assert.deepEqual(sponsor.errors, []);
  assert.deepEqual(colleague.errors, []);
  await colleague.context.close();
  await sponsor.context.close();
});

test('SVG and PNG images download, decode at the right size, and can show initials', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  const mapWidth = (await page.locator('svg.map-svg').boundingBox()).width;
  let dialog = await share(page);
  const svg = await download(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click());
  assert.match(svg.name, /\.svg$/);
  const svgText = svg.bytes.toString('utf8');
  assert.match(svgText, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1200" height="900"/);
  assert.ok(svgText.includes('>Dana Ortiz</text>'));
  assert.ok(svgText.includes('Legend') && svgText.includes('Influence →') && svgText.includes('Skepticism →'));

  const png = await download(page, () => dialog.getByRole('button', { name: 'Download PNG' }).click());
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');

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
  assert.deepEqual(img, [1200, 900], 'the SVG decodes at 1200 × 900');
  const [pw, ph] = sizes[1];
  assert.ok(pw >= 2400 && pw >= 2 * mapWidth, `PNG ${pw} px wide: at least 2× the image and the map on screen (${mapWidth})`);
  assert.equal(pw / ph, 1200 / 900, 'same shape as the SVG');

  await dialog.getByRole('group', { name: 'Label people with' }).getByRole('radio', { name: 'Initials' }).check();
  const initials = (await download(page, () => dialog.getByRole('button', { name: 'Download SVG' }).click())).bytes.toString('utf8');
  assert.ok(initials.includes('>DO</text>'), 'Dana Ortiz shows as DO');
  assert.ok(!initials.includes('Dana Ortiz'));
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stakeholder CSV opens cleanly in a spreadsheet and imports back; bad rows are listed', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  let dialog = await share(page);
  const csv = await download(page, () => dialog.getByRole('button', { name: 'Stakeholders (CSV)' }).click());
  assert.match(csv.name, /-stakeholders-\d{4}-\d\d-\d\d\.csv$/);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
  assert.deepEqual(rows[0].slice(0, 6), ['Name', 'Role', 'Organisation', 'Influence', 'Skepticism', 'Quadrant']);
  assert.equal(rows.length, 11, 'a header and one row per stakeholder');
  assert.ok(rows.every((r) => r.length === rows[0].length), 'every row has every column');
  const dana = rows.find((r) => r[0] === 'Dana Ortiz');
  assert.equal(dana[5], 'Win over');
  const actions = await download(page, () => dialog.getByRole('button', { name: 'Actions (CSV)' }).click());
  assert.ok(parseCsv(actions.bytes.toString('utf8').slice(1)).length > 1);

  // Back in, as a new map.
  await dialog.getByRole('radio', { name: 'As a new map' }).check();
  await page.locator('#sheet-file').setInputFiles(csv.path);
  const review = page.getByRole('dialog', { name: /^Import “/ });
  await review.getByText('10 rows ready to add.').waitFor();
  await review.getByRole('button', { name: 'Add 10 stakeholders' }).click();
  await page.getByText(/^Added 10 stakeholders from/).waitFor();
  assert.equal(await page.locator('g.marker').count(), 10);
  assert.equal(await positionOf(page, 'Dana Ortiz'), `Dana Ortiz, influence ${dana[3]}, skepticism ${dana[4]}, Win over`);

  // A sheet with problems: rows are listed by number, and the good ones go in on confirmation.
  dialog = await share(page);
  await page.locator('#sheet-file').setInputFiles(join(FIXTURES, 'sheets', 'with-problems.csv'));
  const problems = page.getByRole('dialog', { name: /^Import “with-problems\.csv”/ });
  await problems.getByText('Row 3: Enter a name.').waitFor();
  await problems.getByText('Row 4: Influence must be between 0 and 100 (you typed 140).').waitFor();
  const before = await page.locator('g.marker').count();
  await problems.getByRole('radio', { name: 'Into the open map' }).check();
  await problems.getByRole('button', { name: 'Add 2 stakeholders' }).click();
  await marker(page, 'Ngozi Eze').waitFor();
  await marker(page, 'Søren Ålund').waitFor();
  assert.equal(await page.locator('g.marker').count(), before + 2, 'into the open map');
  assert.equal(await positionOf(page, 'Ngozi Eze'), 'Ngozi Eze, influence 80, skepticism 65, Win over');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a redacted copy holds no names or notes, and opening it says it is redacted', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  const dialog = await share(page);
  const file = await download(page, () => dialog.getByRole('button', { name: 'Redacted map file' }).click());
  const text = file.bytes.toString('utf8');
  const json = JSON.parse(text);
  assert.equal(json.map.redacted, true);
  for (const secret of ['Dana Ortiz', 'Ortiz', 'Grace Lindqvist', 'Chief']) assert.ok(!text.includes(secret), `no “${secret}”`);
  assert.ok(json.stakeholders.every((s) => /^S-[0-9A-F]{4,}$/.test(s.name) && s.notes === '' && s.cares_about === ''));
  assert.ok(json.touchpoints.every((t) => t.note === ''));
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByLabel('Import map').setInputFiles(file.path);
  await page.getByText(/redacted copy/).first().waitFor();
  await page.getByText('Redacted copy', { exact: true }).waitFor();
  assert.equal(await page.locator('g.marker').count(), 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a workshop round shows each view, the mean and the spread, and adopts the mean', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  const exported = JSON.parse((await exportMap(page)).bytes.toString('utf8'));
  const dir = await mkdtemp(join(tmpdir(), 'stakemap-round-'));
  const placed = async (who, influence, skepticism) => {
    const copy = structuredClone(exported);
    const dana = copy.stakeholders.find((s) => s.name === 'Dana Ortiz');
    Object.assign(dana, { influence, skepticism });
    const path = join(dir, `${who}.stakemap.json`);
    await writeFile(path, JSON.stringify(copy));
    return path;
  };
  const files = [await placed('ada', 60, 20), await placed('ben', 80, 40)];
  await page.getByRole('button', { name: 'Workshop round' }).click();
  await page.getByLabel("Add participants' files…").setInputFiles(files);
  const table = page.locator('table.round-table');
  await table.locator('thead th', { hasText: 'ben' }).waitFor();
  const row = table.locator('tr', { has: page.getByRole('rowheader', { name: 'Dana Ortiz' }) });
  const cells = await row.locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(1, 5), ['60 / 20', '80 / 40', '70 / 30', '10 / 10'], 'each view, the mean and the spread');
  assert.equal(await page.locator('svg.round-svg g.round-person').count(), 10, 'a cross for everyone placed');
  await page.getByRole('button', { name: 'Adopt the mean for Dana Ortiz' }).click();
  await page.getByText('Adopted the mean for Dana Ortiz: 1 person moved.').waitFor();
  await page.getByRole('button', { name: 'Map view' }).click();
  assert.equal(await positionOf(page, 'Dana Ortiz'), 'Dana Ortiz, influence 70, skepticism 30, Champions');
  assert.deepEqual(errors, []);
  await context.close();
});
