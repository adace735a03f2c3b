// End-to-end tests of engagement planning: suggestions become actions, overdue shows on the
// board and the map, touchpoints move stakeholders, and all of it survives reload and files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useServerAndBrowser, openApp, marker, positionOf } from './support.mjs';

const env = useServerAndBrowser();

/** The user's local calendar day `offset` days from today, as YYYY-MM-DD. */
function localDay(page, offset) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() + n);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, offset);
}

async function exportCurrent(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export map' }).click(),
  ]);
  return download.path();
}

async function overdueOnBoard(page) {
  await page.getByRole('button', { name: 'Plan board', exact: true }).click();
  const group = page.getByRole('region', { name: 'Overdue' });
  await group.waitFor();
  return group.locator('article').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
}

test('from a suggestion to an overdue action, a contact that moves the marker, through reload and files', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin, { viewport: { width: 1360, height: 900 } });

  // A new, skeptical, influential stakeholder who doubts the coaches and has been let down before.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Morgan Blake');
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('75');
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill('80');
  await page.getByLabel('Doubts about the coaches').check();
  await page.getByLabel('Past disappointments').check();
  await page.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Morgan Blake').waitFor();
  assert.equal(await marker(page, 'Morgan Blake').locator('g.badge').count(), 0, 'nothing overdue yet');

  // Suggestions, ranked with their reasons; one click plans one.
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const suggestions = page.locator('.suggestion-list li');
  const top = await suggestions.locator('strong').allInnerTexts();
  assert.ok(top.slice(0, 3).includes('Meet and choose the coaches'), top.join(' | '));
  const meet = suggestions.filter({ hasText: 'Meet and choose the coaches' });
  assert.match(await meet.locator('.reason').innerText(), /doubts about the coaches/);
  await page.getByRole('button', { name: 'Plan this: Meet and choose the coaches' }).click();
  await meet.getByText('Planned').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Plan this: Meet and choose the coaches' }).count(), 0);

  // Give it an owner and a due date three days ago.
  const due = await localDay(page, -3);
  await page.getByRole('button', { name: 'Edit “Meet and choose the coaches”' }).click();
  await page.getByLabel('Owner').fill('Aisha Bello');
  await page.getByLabel('Due date').fill(due);
  await page.getByRole('button', { name: 'Done' }).click();
  const card = page.locator('article[aria-label="Meet and choose the coaches"]');
  assert.match(await card.innerText(), /⚠ Overdue/);
  assert.match(await card.innerText(), /Overdue by 3 days/);

  // The badge and the accessible name on the map.
  const morgan = marker(page, 'Morgan Blake');
  await morgan.locator('g.badge').waitFor();
  assert.match(await morgan.getAttribute('aria-label'), /, 1 overdue action$/);

  // On the board, in the Overdue group.
  assert.ok((await overdueOnBoard(page)).includes('Meet and choose the coaches'));
  const overdueCard = page.getByRole('region', { name: 'Overdue' }).locator('article[aria-label="Meet and choose the coaches"]');
  assert.match(await overdueCard.innerText(), /Morgan Blake/);
  assert.match(await overdueCard.innerText(), /Owner: Aisha Bello/);

  // Log a contact with a new skepticism reading: the marker moves.
  await page.getByRole('button', { name: 'Map view' }).click();
  await morgan.click();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Positive').check();
  await page.getByLabel('Note').fill('Met two of the coaches; much warmer.');
  await page.getByLabel('New skepticism').fill('40');
  await page.getByRole('button', { name: 'Log contact' }).click();
  await page.getByText('Contact logged.').waitFor();
  assert.equal(await positionOf(page, 'Morgan Blake'), 'Morgan Blake, influence 75, skepticism 40, Champions');
  assert.match(await page.locator('.contact-summary').innerText(), /last contact today/);
  assert.match(await page.locator('.touchpoint-list').innerText(), /Met two of the coaches; much warmer\.[\s\S]*New reading: skepticism 40/);

  // Reload: all of it is still there.
  await page.reload();
  await marker(page, 'Morgan Blake').waitFor();
  assert.equal(await positionOf(page, 'Morgan Blake'), 'Morgan Blake, influence 75, skepticism 40, Champions');
  assert.match(await marker(page, 'Morgan Blake').getAttribute('aria-label'), /1 overdue action/);
  assert.ok((await overdueOnBoard(page)).includes('Meet and choose the coaches'));

  // Export, clear storage, import: the plan and the log come back.
  const file = await exportCurrent(page);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.version, 3);
  const morganId = exported.stakeholders.find((s) => s.name === 'Morgan Blake').id;
  const action = exported.actions.find((a) => a.stakeholder_id === morganId);
  assert.deepEqual([action.tactic, action.owner, action.due, action.status], ['meet_coaches', 'Aisha Bello', due, 'planned']);
  assert.ok(exported.touchpoints.some((t) => t.stakeholder_id === morganId && t.note === 'Met two of the coaches; much warmer.' && t.skepticism === 40 && t.sentiment === 'positive'));
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.locator('g.marker').first().waitFor();
  await page.getByLabel('Import map').setInputFiles(file);
  await page.getByText(/^Imported “/).waitFor();
  await marker(page, 'Morgan Blake').waitFor();
  assert.equal(await positionOf(page, 'Morgan Blake'), 'Morgan Blake, influence 75, skepticism 40, Champions');
  assert.ok((await overdueOnBoard(page)).includes('Meet and choose the coaches'));
  await page.getByRole('button', { name: 'Map view' }).click();
  await marker(page, 'Morgan Blake').click();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  assert.match(await page.locator('.touchpoint-list').innerText(), /Met two of the coaches/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the example carries a plan; filters show who has none and who is due for contact', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  // Actions in every status on the board.
  await page.getByRole('button', { name: 'Plan board', exact: true }).click();
  await page.getByLabel('Group by', { exact: true }).selectOption('status');
  for (const status of ['Planned', 'In progress', 'Done', 'Dropped']) {
    assert.ok(await page.getByRole('region', { name: status }).count() === 1, `a ${status} group`);
  }
  // Filter by owner and stakeholder.
  await page.getByLabel('Owner', { exact: true }).selectOption('Aisha Bello');
  const titles = await page.locator('article').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')));
  assert.deepEqual(titles.sort(), ['Celebrate a win', 'Meet and choose the coaches']);
  await page.getByLabel('Owner', { exact: true }).selectOption('*');
  await page.getByLabel('Stakeholder', { exact: true }).selectOption({ label: 'Marcus Feld' });
  assert.equal(await page.locator('article').count(), 2);
  await page.getByLabel('Tactic', { exact: true }).selectOption({ label: 'Small pilot with a measurable goal' });
  assert.equal(await page.locator('article').count(), 1);

  // Only stakeholders with no planned action.
  await page.getByRole('button', { name: 'Map view' }).click();
  await page.getByLabel('Only stakeholders with no planned action').check();
  const shown = await page.locator('g.marker').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label').split(',')[0]));
  assert.ok(shown.includes('Ravi Menon') && shown.includes('Jonas Weber'), shown.join(', '));
  assert.ok(!shown.includes('Dana Ortiz') && !shown.includes('Marcus Feld'), shown.join(', '));

  // Due for contact: Ravi (never contacted, Reassure, monthly) is overdue; Priya (6 days ago) is not.
  await page.getByRole('button', { name: 'Due for contact', exact: true }).click();
  const rows = await page.locator('tbody tr').allInnerTexts();
  assert.ok(rows.some((r) => r.startsWith('Ravi Menon') && /Overdue by \d+ days/.test(r)), rows.join('\n'));
  assert.ok(!rows.some((r) => r.startsWith('Priya Raman')), rows.join('\n'));
  await page.getByRole('button', { name: 'Log contact with Ravi Menon' }).click();
  await page.getByRole('form', { name: 'Log a contact' }).waitFor();
  assert.equal(await page.locator('#form-title').innerText(), 'Ravi Menon');
  await context.close();
});
