// End-to-end tests of the program evidence library: evidence added in the library is suggested
// to the leader it suits, logged as shared, after which the suggestion moves on to what they
// have not seen; the report shows the evidence; and an agreed measure on an action says where it
// stands.
import { test, expect } from './fixtures.mjs';
import { marker } from './support.mjs';

async function openTab(page, name) {
  await page.getByRole('group', { name: 'Stakeholder sections' }).getByRole('button', { name, exact: true }).click();
}

test('a metric and a story added to the library are suggested to the leader they suit, shared, and then the suggestion moves on', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();

  // The library: a metric and a story, each through its own form.
  await page.getByRole('tab', { name: 'Evidence', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Program evidence' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a metric' }).click();
  const metric = page.locator('form.evidence-form');
  await expect(metric.getByLabel('Title (required)')).toBeFocused();
  await metric.getByLabel('Title (required)').fill('Month-end close in coached finance teams');
  await metric.getByLabel('Unit').fill('days');
  await metric.getByLabel('Baseline (a number)').fill('9');
  await metric.getByLabel('Current (a number)').fill('six and a half');
  // A value that is not a number is refused with a message, and nothing is added.
  await metric.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(metric.getByText('Current must be a number like 72 or 4.5.')).toBeVisible();
  await metric.getByLabel('Current (a number)').fill('6.5');
  await metric.getByLabel('Target (a number)').fill('6');
  await metric.getByLabel('Culture sees it as a cost').check();
  await metric.getByLabel('Tags (separate with commas)').fill('cost centre, reporting');
  await metric.getByRole('button', { name: 'Add', exact: true }).click();
  const metrics = page.getByRole('region', { name: /^Metrics/ });
  await expect(metrics.getByText('Month-end close in coached finance teams')).toBeVisible();
  await expect(metrics.getByText('9 → 6.5 days (target 6, moving toward target)')).toBeVisible();

  await page.getByRole('button', { name: 'Add a story' }).click();
  const story = page.locator('form.evidence-form');
  await story.getByLabel('Title (required)').fill('Budget owners in Logistics');
  await story.getByLabel('Figures').fill('Forecast error halved in two quarters');
  await story.getByLabel('Culture sees it as a cost').check();
  await story.getByLabel('Tags (separate with commas)').fill('budget accuracy');
  await story.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('region', { name: /^Stories/ }).getByText('Budget owners in Logistics')).toBeVisible();

  // Jonas Weber (Finance; sees development as a cost; cares about budget accuracy and cost
  // centre reporting) is offered both, with why, neither shared yet.
  await page.getByRole('tab', { name: 'Map', exact: true }).click();
  await marker(page, 'Jonas Weber').locator('.dot').click();
  await openTab(page, 'Evidence');
  const fits = page.getByRole('region', { name: 'Evidence that suits Jonas' });
  const metricCard = fits.getByRole('listitem').filter({ hasText: 'Month-end close in coached finance teams' });
  await expect(metricCard).toContainText('Answers: culture sees it as a cost');
  await expect(metricCard).toContainText('“cost centre reporting”');
  await expect(metricCard).toContainText('Not yet shared with Jonas');
  await expect(fits.getByRole('listitem').filter({ hasText: 'Budget owners in Logistics' })).toContainText('“budget accuracy”');

  // The plan names evidence he has not seen.
  await openTab(page, 'Plan');
  const suggestions = page.getByRole('region', { name: 'Suggested next steps' });
  await expect(suggestions).toContainText(/Share the '(Month-end close in coached finance teams|Budget owners in Logistics|A retailer like us: coaching after a failed academy|Regretted attrition in pilot teams)'/);

  // Every matching item logged as shared with him: the tab says so, the log lists it.
  await openTab(page, 'Evidence');
  const matching = await fits.getByRole('listitem').filter({ hasText: 'Not yet shared with Jonas' }).count();
  expect(matching).toBeGreaterThan(1);
  for (let i = 0; i < matching; i++) {
    const card = fits.getByRole('listitem').filter({ hasText: 'Not yet shared with Jonas' }).first();
    const title = (await card.locator('strong').innerText()).replace(/^(Metric|Story): /, '');
    await card.getByRole('button', { name: `Log as shared: ${title}` }).click();
    await card.getByLabel('How it landed').selectOption({ label: 'Positive' });
    await card.getByRole('button', { name: 'Log it' }).click();
    await expect(page.getByRole('region', { name: 'Shared with Jonas' })).toContainText(title);
    // The keyboard is back on the button that opened the form.
    await expect(page.getByRole('button', { name: `Log as shared: ${title}` })).toBeFocused();
  }
  await expect(fits.getByText('Not yet shared with Jonas')).toHaveCount(0);
  await expect(metricCard).toContainText('Already shared with Jonas on');
  await expect(page.getByRole('region', { name: 'Shared with Jonas' })).toContainText('went well');

  // The suggestion moves on: nothing already shared is offered as new.
  await openTab(page, 'Plan');
  await expect(suggestions).not.toContainText("Share the 'Month-end close in coached finance teams'");
  await expect(suggestions).not.toContainText("Share the 'Budget owners in Logistics'");
  await suggestions.getByRole('button', { name: /^Show all \d+ tactics$/ }).click();
  await expect(suggestions).toContainText('already shared with Jonas; bring something new');

  // The contact log says what was shared, and it survives a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Skip the tour' }).click({ timeout: 2000 }).catch(() => {});
  await marker(page, 'Jonas Weber').locator('.dot').click();
  await openTab(page, 'Contacts');
  await expect(page.getByText('Shared: Month-end close in coached finance teams')).toBeVisible();

  // The report's program evidence section shows the metric against its target and the share.
  await page.getByRole('tab', { name: 'Report', exact: true }).click();
  const evidence = page.getByRole('region', { name: 'Program evidence' });
  await expect(evidence).toContainText('Month-end close in coached finance teams');
  await expect(evidence).toContainText('moving toward target');
  await expect(evidence).toContainText('Budget owners in Logistics');
  await expect(evidence).toContainText('Jonas Weber');
  expect(errors).toEqual([]);
});

test('an agreed measure on an action is kept and says whether it was met', async ({ openApp }) => {
  const { page, errors } = await openApp({ viewport: { width: 1360, height: 900 } });
  await page.getByRole('button', { name: 'Skip the tour' }).click();
  await marker(page, 'Marcus Feld').locator('.dot').click();
  await openTab(page, 'Plan');
  await page.getByRole('button', { name: 'Add an action' }).click();
  const form = page.locator('form.action-form');
  await form.getByLabel('Title (required)').fill('Pilot with two sales teams');
  await form.getByText('Agreed measure', { exact: false }).first().click();
  await form.getByLabel('Agreed measure').fill('Regretted attrition in the two teams, %');
  await form.getByLabel('Measure baseline (a number)').fill('18');
  await form.getByLabel('Measure target (a number)').fill('12');
  await form.getByLabel('Measure result (a number)').fill('11.5');
  await form.getByRole('button', { name: 'Add action' }).click();
  await expect(page.getByText('Agreed measure: Regretted attrition in the two teams, %: 18 → 11.5, target 12 (target met)')).toBeVisible();
  expect(errors).toEqual([]);
});
