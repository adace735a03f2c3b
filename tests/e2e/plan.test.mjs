// End-to-end tests of engagement planning: suggestions become actions, overdue shows on the
// board and the map, touchpoints move stakeholders, and all of it survives reload and files.
import { readFile } from 'node:fs/promises';
import { test, expect, expectPosition } from './fixtures.mjs';
import { marker, fromMenu, notice, announcer, skipTour } from './support.mjs';

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
    fromMenu(page, 'Export map'),
  ]);
  return download.path();
}

/** Opens the plan board and waits until its Overdue group holds the card titled `title`. */
async function expectOverdueOnBoard(page, title) {
  await page.getByRole('tab', { name: 'Plan board', exact: true }).click();
  const group = page.getByRole('region', { name: 'Overdue' });
  await expect(group.locator(`article[aria-label="${title}"]`)).toBeVisible();
  return group;
}

test('from a suggestion to an overdue action, a contact that moves the marker, through reload and files', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await skipTour(page);

  // A new, skeptical, influential stakeholder who doubts the coaches and has been let down before.
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await page.getByLabel('Name (required)').fill('Morgan Blake');
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('75');
  await page.getByRole('spinbutton', { name: /^Skepticism/ }).fill('80');
  await page.getByLabel('Doubts about the coaches').check();
  await page.getByLabel('Past disappointments').check();
  await page.getByRole('button', { name: 'Add to map' }).click();
  await expect(marker(page, 'Morgan Blake')).toBeVisible();
  await expect(marker(page, 'Morgan Blake').locator('g.badge'), 'nothing overdue yet').toHaveCount(0);

  // Suggestions, ranked with their reasons; one click plans one.
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const suggestions = page.locator('.suggestion-list li');
  await expect(suggestions.first()).toBeVisible();
  const top = await suggestions.locator('strong').allInnerTexts();
  expect(top.slice(0, 3), top.join(' | ')).toContain('Meet and choose the coaches');
  const meet = suggestions.filter({ hasText: 'Meet and choose the coaches' });
  await expect(meet.locator('.reason')).toContainText(/doubts about the coaches/);
  await expect(meet.locator('.what')).toContainText('candidate coaches');
  await page.getByRole('button', { name: 'Plan this: Meet and choose the coaches' }).click();

  // The form opens for it: titled after the tactic, due at Morgan's cadence (Win over: every
  // two weeks), the cursor in Owner.
  const form = page.getByRole('form', { name: 'New action' });
  await expect(form.getByLabel('Title (required)')).toHaveValue('Meet and choose the coaches');
  await expect(form.getByLabel('Due date')).toHaveValue(await localDay(page, 14));
  await expect(form.getByLabel('Owner')).toBeFocused();

  // An owner, and a due date three days ago: the form questions the date before planning it.
  const due = await localDay(page, -3);
  await form.getByLabel('Owner').fill('Aisha Bello');
  await form.getByLabel('Due date').fill(due);
  await expect(form.getByText('That date is in the past — plan it anyway?')).toBeVisible();
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(form.getByRole('button', { name: 'Plan it anyway' })).toBeFocused();
  await form.getByRole('button', { name: 'Plan it anyway' }).click();
  await expect(form).toHaveCount(0);
  await expect(meet.getByText('Planned')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Plan this: Meet and choose the coaches' })).toHaveCount(0);
  const card = page.locator('article[aria-label="Meet and choose the coaches"]');
  await expect(card).toContainText('⚠ Overdue', { useInnerText: true });
  await expect(card).toContainText('Overdue by 3 days', { useInnerText: true });

  // The badge and the accessible name on the map.
  const morgan = marker(page, 'Morgan Blake');
  await expect(morgan.locator('g.badge')).toBeVisible();
  await expect(morgan).toHaveAttribute('aria-label', /, 1 overdue action$/);

  // On the board, in the Overdue group.
  const overdue = await expectOverdueOnBoard(page, 'Meet and choose the coaches');
  const overdueCard = overdue.locator('article[aria-label="Meet and choose the coaches"]');
  await expect(overdueCard).toContainText('Morgan Blake', { useInnerText: true });
  await expect(overdueCard).toContainText('Owner: Aisha Bello', { useInnerText: true });

  // Log a contact with a new skepticism reading: the marker moves.
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await morgan.click();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await page.getByLabel('Positive').check();
  await page.getByLabel('Note').fill('Met two of the coaches; much warmer.');
  await page.getByLabel('New skepticism').fill('40');
  await page.getByRole('button', { name: 'Log contact' }).click();
  await expect(page.getByText('Contact logged.')).toBeVisible();
  await expectPosition(page, 'Morgan Blake', 'Morgan Blake, influence 75, skepticism 40, Champions');
  await expect(page.locator('.contact-summary')).toContainText('last contact today', { useInnerText: true });
  await expect(page.locator('.touchpoint-list')).toContainText(/Met two of the coaches; much warmer\.[\s\S]*New reading: skepticism 40/, { useInnerText: true });

  // Reload: all of it is still there.
  await page.reload();
  await expectPosition(page, 'Morgan Blake', 'Morgan Blake, influence 75, skepticism 40, Champions');
  await expect(marker(page, 'Morgan Blake')).toHaveAttribute('aria-label', /1 overdue action/);
  await expectOverdueOnBoard(page, 'Meet and choose the coaches');

  // Export, clear storage, import: the plan and the log come back.
  const file = await exportCurrent(page);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.version).toBe(5);
  const morganId = exported.stakeholders.find((s) => s.name === 'Morgan Blake').id;
  const action = exported.actions.find((a) => a.stakeholder_id === morganId);
  expect([action.tactic, action.owner, action.due, action.status]).toEqual(['meet_coaches', 'Aisha Bello', due, 'planned']);
  expect(exported.touchpoints.some((t) => t.stakeholder_id === morganId && t.note === 'Met two of the coaches; much warmer.' && t.skepticism === 40 && t.sentiment === 'positive'),
    'the contact is in the file').toBe(true);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.locator('g.marker').first()).toBeVisible();
  await page.getByLabel('Import map').setInputFiles(file);
  await expect(notice(page).getByText(/^Imported “/)).toBeVisible();
  await expectPosition(page, 'Morgan Blake', 'Morgan Blake, influence 75, skepticism 40, Champions');
  await expectOverdueOnBoard(page, 'Meet and choose the coaches');
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await marker(page, 'Morgan Blake').locator('.dot').click();
  await page.getByRole('button', { name: 'Contacts', exact: true }).click();
  await expect(page.locator('.touchpoint-list')).toContainText('Met two of the coaches', { useInnerText: true });
  expect(errors).toEqual([]);
});

test('the example carries a plan; filters show who has none and who is due for contact', async ({ openApp }) => {
  const { page } = await openApp();
  /** The titles of the cards on the board, sorted. */
  const titles = async () => (await page.locator('article').evaluateAll((cards) => cards.map((c) => c.getAttribute('aria-label')))).sort();
  // Actions in every status on the board.
  await page.getByRole('tab', { name: 'Plan board', exact: true }).click();
  await page.getByLabel('Group by', { exact: true }).selectOption('status');
  for (const status of ['Planned', 'In progress', 'Done', 'Dropped']) {
    await expect(page.getByRole('region', { name: status }), `a ${status} group`).toHaveCount(1);
  }
  // Filter by owner and stakeholder.
  await page.getByLabel('Owner', { exact: true }).selectOption('Aisha Bello');
  await expect.poll(titles).toEqual(['Celebrate a win', 'Meet and choose the coaches']);
  await page.getByLabel('Owner', { exact: true }).selectOption('*');
  await page.getByLabel('Stakeholder', { exact: true }).selectOption({ label: 'Marcus Feld' });
  await expect(page.locator('article')).toHaveCount(2);
  await page.getByLabel('Tactic', { exact: true }).selectOption({ label: 'Small pilot with a measurable goal' });
  await expect(page.locator('article')).toHaveCount(1);

  // Only people with no planned action.
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await page.getByLabel('Only people with no planned action').check();
  await expect(marker(page, 'Dana Ortiz')).toHaveCount(0);
  await expect(marker(page, 'Marcus Feld')).toHaveCount(0);
  await expect(marker(page, 'Ravi Menon')).toBeVisible();
  await expect(marker(page, 'Jonas Weber')).toBeVisible();

  // Due for contact: Ravi (never contacted, Reassure, monthly) is overdue; Priya (6 days ago) is not.
  await page.getByRole('tab', { name: 'Due for contact', exact: true }).click();
  const rows = page.locator('tbody tr');
  await expect(rows.filter({ hasText: /^Ravi Menon/ })).toContainText(/Overdue by \d+ days/);
  await expect(rows.filter({ hasText: /^Priya Raman/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Log contact with Ravi Menon' }).click();
  await expect(page.getByRole('form', { name: 'Log a contact' })).toBeVisible();
  await expect(page.locator('#form-title')).toHaveText('Ravi Menon');
});

test('planning an action answers in words, to a screen reader too, and brings the new card into view with the keyboard on it', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1280, height: 720 } });
  await marker(page, 'Helen Achterberg').locator('.dot').click();
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const form = page.getByRole('form', { name: 'New action' });
  const planOwn = async () => {
    await page.getByRole('button', { name: 'Add an action' }).click();
    await form.getByLabel('Title (required)').fill('Share the pilot results');
    await form.getByLabel('Due date').fill('2030-12-12');
    await form.getByRole('button', { name: 'Add action' }).click();
    await expect(form).toHaveCount(0);
  };

  // An action of one's own: said in the notice and in the live region, the card in view,
  // marked for a moment, with the keyboard on it (the form and its button are gone).
  await planOwn();
  const said = 'Planned “Share the pilot results” for Helen Achterberg, due 12 Dec 2030.';
  await expect(notice(page).getByText(said, { exact: true })).toBeVisible();
  await expect(announcer(page)).toHaveText(said);
  const added = page.locator('.plan article.just-added');
  await expect(added).toHaveAttribute('aria-label', 'Share the pilot results');
  await expect(added).toBeInViewport();
  await expect(added).toBeFocused();
  const first = await announcer(page).textContent();

  // The same again: the live region reads the same words but changes, so it is heard again;
  // only the newest card is marked, and it has the keyboard.
  await planOwn();
  await expect(page.locator('.plan article[aria-label="Share the pilot results"]')).toHaveCount(2);
  await expect.poll(() => announcer(page).textContent(), 'the live region changes').not.toBe(first);
  await expect(announcer(page)).toHaveText(said);
  await expect(added).toHaveCount(1);
  await expect(added).toBeFocused();

  // A playbook suggestion planned from its card is answered the same way.
  const planThis = page.getByRole('button', { name: /^Plan this: / }).first();
  const tactic = (await planThis.getAttribute('aria-label')).replace('Plan this: ', '');
  await planThis.click();
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(form).toHaveCount(0);
  const escaped = tactic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const planned = new RegExp(`^Planned “${escaped}” for Helen Achterberg, due \\d{1,2} [A-Z][a-z]{2} \\d{4}\\.$`);
  await expect(notice(page).getByText(planned)).toBeVisible();
  await expect(announcer(page)).toHaveText(planned);
  await expect(added).toHaveAttribute('aria-label', tactic);
  await expect(added).toBeInViewport();
  await expect(added).toBeFocused();
  expect(errors).toEqual([]);
});
