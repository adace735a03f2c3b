// End-to-end tests of password-protected map files: exported with a passphrase through the
// browser's WebCrypto, unreadable without it, refused with a wrong one while nothing changes, and
// opened with the right one. Hostile envelopes are refused before any work.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { markerLabels, storedData, FIXTURES, fromMenu, notice, announcer } from './support.mjs';

const PASSPHRASE = 'copper kettle orbit meadow';
const LOCKED = join(FIXTURES, 'locked');

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

test('a map exported with a passphrase holds no readable name and opens only with the passphrase', async ({ openApp }) => {
  const { page } = await openApp();
  const names = (await markerLabels(page)).map((label) => label.split(',')[0]);
  expect(names.length).toBeGreaterThan(5);
  const mapName = 'Board rollout 2027';
  await page.getByLabel('Map name').fill(mapName);
  await page.getByLabel('Map name').press('Enter');

  await fromMenu(page, 'Export with passphrase…');
  const dialog = page.getByRole('dialog', { name: 'Export with a passphrase' });
  await expect(dialog).toBeVisible();
  // Too short, then two different ones: refused in words, nothing downloaded.
  await dialog.getByLabel('Passphrase').fill('abc');
  await dialog.getByLabel('Type it again').fill('abc');
  await dialog.getByRole('button', { name: 'Lock and download' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Too short: use at least 8 characters.');
  await dialog.getByLabel('Passphrase').fill(PASSPHRASE);
  await dialog.getByLabel('Type it again').fill(PASSPHRASE + 's');
  await expect(dialog.getByRole('alert')).toHaveText('The two passphrases differ: type the same one twice.');
  await expect(dialog.getByText('Strong.')).toBeVisible();
  await dialog.getByLabel('Type it again').fill(PASSPHRASE);
  // Offered under the map's name, which anyone can read; changed here to one that says less.
  await expect(dialog.getByLabel('File name')).toHaveValue(/^Board-rollout-2027-\d{4}-\d\d-\d\d\.stakemap\.locked\.json$/);
  await dialog.getByLabel('File name').fill('For the board / Q1');
  const locked = await download(page, () => dialog.getByRole('button', { name: 'Lock and download' }).click());
  await expect(dialog).toBeHidden();
  expect(locked.name).toBe('For-the-board-Q1.stakemap.locked.json');
  // It says it is protected, in the notice and to a screen reader.
  const saved = `Saved “${locked.name}” (${names.length} people) to your downloads, protected by your passphrase.`;
  await expect(notice(page).getByText(saved, { exact: false })).toBeVisible();
  await expect(announcer(page)).toContainText(saved);

  const envelope = JSON.parse(locked.text);
  expect(envelope.format).toBe('stakemap-locked');
  expect(envelope.cipher).toBe('AES-256-GCM');
  expect(envelope.kdf.name).toBe('PBKDF2-HMAC-SHA256');
  expect(envelope.kdf.iterations).toBeGreaterThanOrEqual(600000);
  expect(Buffer.from(envelope.kdf.salt, 'base64')).toHaveLength(16);
  expect(Buffer.from(envelope.iv, 'base64')).toHaveLength(12);
  for (const name of [...names, mapName, 'Dana', 'notes']) {
    expect(locked.text, `“${name}” is readable in the locked file`).not.toContain(name);
  }
  if (process.env.STAKEMAP_WRITE_FIXTURE) {
    await writeFile(join(LOCKED, 'example.stakemap.locked.json'), locked.text);
  }

  // A colleague's browser: a fresh start with the example map of its own.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  const before = await storedData(page);
  await page.getByLabel('Import map').setInputFiles({ name: locked.name, mimeType: 'application/json', buffer: Buffer.from(locked.text) });
  const ask = page.getByRole('dialog', { name: `“${locked.name}” is password-protected` });
  await expect(ask).toBeVisible();
  await ask.getByLabel('Passphrase').fill('copper kettle orbit meadoW');
  await ask.getByRole('button', { name: 'Open' }).click();
  await expect(ask.getByRole('alert')).toHaveText('That passphrase does not open this file. Nothing was changed; try again.');
  await expect(ask.getByLabel('Passphrase')).toHaveValue('');
  expect(await storedData(page)).toEqual(before);

  await ask.getByLabel('Passphrase').fill(PASSPHRASE);
  await ask.getByRole('button', { name: 'Open' }).click();
  await expect(ask).toBeHidden();
  await expect(notice(page).getByText(`Imported “${mapName}” with ${names.length} stakeholders as a new map.`)).toBeVisible();
  await expect(page.getByLabel('Map name')).toHaveValue(mapName);
  expect((await markerLabels(page)).map((label) => label.split(',')[0]).sort()).toEqual([...names].sort());
});

test('a locked file goes where it was headed: merged through the preview from the Share dialog', async ({ openApp }) => {
  const { page } = await openApp();
  await fromMenu(page, 'Share…');
  const share = page.getByRole('dialog', { name: 'Share this map' });
  await share.locator('#merge-file').setInputFiles(join(LOCKED, 'example.stakemap.locked.json'));
  const ask = page.getByRole('dialog', { name: '“example.stakemap.locked.json” is password-protected' });
  await expect(ask).toContainText('Once it opens, you will see what merging it would change.');
  await ask.getByLabel('Passphrase').fill(PASSPHRASE);
  await ask.getByRole('button', { name: 'Open' }).click();
  await expect(ask).toBeHidden();
  // The fixture is another copy of the example map: matched by name, compared in the preview.
  await expect(page.getByRole('dialog', { name: /^Merge “example\.stakemap\.locked\.json”/ })
    .or(notice(page).getByText(/holds nothing that .* does not already have/))).toBeVisible();
});

test('a hostile or damaged locked file is refused before any passphrase is asked, and a changed header does not open', async ({ openApp }) => {
  const { page } = await openApp();
  const before = await storedData(page);
  await page.getByLabel('Import map').setInputFiles(join(LOCKED, 'hostile-iterations.stakemap.locked.json'));
  const alert = page.getByRole('alert').filter({ hasText: 'was not imported' });
  await expect(alert).toContainText('asks for 2,000,000,000 rounds of key stretching');
  await expect(page.getByRole('dialog', { name: /password-protected/ })).toHaveCount(0);
  await page.getByLabel('Import map').setInputFiles(join(LOCKED, 'short-iv.stakemap.locked.json'));
  await expect(page.getByRole('alert').filter({ hasText: 'its IV is 3 bytes' })).toBeVisible();
  expect(await storedData(page)).toEqual(before);

  // Right passphrase, but the header was edited after locking: it is authenticated, so no.
  await page.getByLabel('Import map').setInputFiles(join(LOCKED, 'tampered-header.stakemap.locked.json'));
  const ask = page.getByRole('dialog', { name: /password-protected/ });
  await ask.getByLabel('Passphrase').fill(PASSPHRASE);
  await ask.getByRole('button', { name: 'Open' }).click();
  await expect(ask.getByRole('alert')).toContainText('does not open this file');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  expect(await storedData(page)).toEqual(before);
});
