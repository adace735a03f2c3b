// End-to-end tests that typed edits are kept: the details form saves as the user types (and on
// the way out: another person, another tab, a reload), a value that breaks a rule stays in its
// field while the rest saves, and forms for new things keep their typing as a draft.
import { test, expect } from './fixtures.mjs';
import { marker, storedMaps, assertAccessible } from './support.mjs';

/** The details form of the selected stakeholder, and its save status line. */
function details(page) {
  const form = page.getByRole('form', { name: 'Stakeholder details' });
  return { form, status: form.getByRole('status') };
}

/** Selects a stakeholder on the map and waits for their details to show. */
async function select(page, name) {
  await marker(page, name).locator('.dot').click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Shows one part of the selected stakeholder. */
async function tab(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Waits until the input or text area `selector` holds `value`, as a user would see it. */
async function expectValue(page, selector, value, message) {
  await expect(page.locator(selector), message ?? selector).toHaveValue(value);
}

/** One stakeholder as stored in the browser, looked up by name in the open map. */
async function storedStakeholder(page, name) {
  const maps = Object.values(await storedMaps(page));
  for (const map of maps) {
    const found = map.stakeholders.find((s) => s.name === name);
    if (found) return found;
  }
  return undefined;
}

/** A form's status line showing `text`. */
const statusWith = (form, text) => form.getByRole('status').filter({ hasText: text });

test('a note typed in the details form survives another person, another tab and a reload', async ({ openApp }) => {
  const { page, errors } = await openApp();
  await select(page, 'Dana Ortiz');
  const notes = page.getByLabel('Notes', { exact: true });
  const { status } = details(page);
  await expect(status).toContainText('Changes save as you type.');

  // Straight to someone else, before typing pauses: nothing may be lost on the way out.
  await notes.fill('First note: asked about peak season.');
  await select(page, 'Marcus Feld');
  await select(page, 'Dana Ortiz');
  await expectValue(page, '#sh-notes', 'First note: asked about peak season.', 'kept after selecting another person');

  // Let typing pause: the form says it saved.
  await notes.fill('Second note: wants Q4 avoided.');
  await expect(status).toHaveText('Saved');

  // Straight to the Plan tab and back.
  await notes.fill('Third note: agreed a pilot in Q1.');
  await tab(page, 'Plan');
  await expect(page.getByRole('heading', { name: 'Suggested next steps' })).toBeVisible();
  await tab(page, 'Details');
  await expectValue(page, '#sh-notes', 'Third note: agreed a pilot in Q1.', 'kept after the Plan tab');

  // Straight into a reload.
  await notes.fill('Fourth note: reload straight after typing.');
  await page.reload();
  await select(page, 'Dana Ortiz');
  await expectValue(page, '#sh-notes', 'Fourth note: reload straight after typing.', 'kept across a reload');
  await expect.poll(async () => (await storedStakeholder(page, 'Dana Ortiz'))?.notes, { message: 'the note is in storage' })
    .toBe('Fourth note: reload straight after typing.');
  expect(errors).toEqual([]);
});

test('a changed role is saved without any button and kept across a reload', async ({ openApp }) => {
  const { page } = await openApp();
  await select(page, 'Marcus Feld');
  const { status } = details(page);
  await expect(page.getByRole('button', { name: 'Save changes' }), 'no save button to forget').toHaveCount(0);
  await page.getByLabel('Role', { exact: true }).fill('Group CFO');
  await expect(status).toHaveText('Saved');
  // A ticked root cause saves at once too.
  await page.getByLabel('Power and control').check();
  await expect(status).toHaveText('Saved');
  await expect.poll(async () => (await storedStakeholder(page, 'Marcus Feld'))?.root_causes, { message: 'the ticked cause is in storage' })
    .toContain('power_and_control');
  await page.reload();
  await select(page, 'Marcus Feld');
  await expectValue(page, '#sh-role', 'Group CFO', 'role kept across a reload');
  await expect(page.getByLabel('Power and control'), 'root cause kept').toBeChecked();
});

test('an invalid value stays in its field with its message while the other fields save', async ({ openApp }) => {
  const { page } = await openApp();
  await select(page, 'Dana Ortiz');
  const { status } = details(page);
  const name = page.getByLabel('Name (required)');
  const influence = page.getByRole('spinbutton', { name: /^Influence/ });
  await name.fill('');
  await page.getByLabel('Organisation or unit').fill('Operations board');
  await influence.fill('140');
  await page.getByLabel('Notes', { exact: true }).fill('Valid note beside an empty name.');
  await expect(status).toContainText('Not saved: fix the 2 marked fields. Your other changes are saved.');
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(page.getByText('Influence must be between 0 and 100 (you typed 140).')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name, 'the empty name stays in the field').toHaveValue('');
  await expect(influence).toHaveValue('140');
  await assertAccessible(page, 'the details form with fields not saved');

  // The valid fields are stored; the invalid ones keep their stored values.
  await expect.poll(async () => {
    const stored = await storedStakeholder(page, 'Dana Ortiz');
    return stored && { organisation: stored.organisation, notes: stored.notes, influence: stored.influence ?? stored.position?.influence };
  }, { message: 'Dana keeps her stored name and influence; the valid fields are stored' })
    .toEqual({ organisation: 'Operations board', notes: 'Valid note beside an empty name.', influence: 88 });
  await expect(marker(page, 'Dana Ortiz'), 'the marker keeps the last good name').toHaveCount(1);

  // Leaving and coming back (even through a reload) does not drop the invalid text or its message.
  await page.reload();
  await select(page, 'Dana Ortiz');
  await expect(page.getByText('Enter a name.')).toBeVisible();
  await expect(page.getByLabel('Name (required)')).toHaveValue('');
  await expect(influence).toHaveValue('140');
  await expectValue(page, '#sh-notes', 'Valid note beside an empty name.');

  // Fixing them saves them and clears the messages.
  await page.getByLabel('Name (required)').fill('Dana Ortiz-Reyes');
  await influence.fill('85');
  await expect(details(page).status).toHaveText('Saved');
  await expect(page.getByText('Enter a name.')).toHaveCount(0);
  await expect(marker(page, 'Dana Ortiz-Reyes')).toBeVisible();
  await page.reload();
  await select(page, 'Dana Ortiz-Reyes');
  await expectValue(page, '#sh-influence', '85');
  await expect(page.getByText('Enter a name.'), 'nothing left over once fixed').toHaveCount(0);
});

test('the form follows a drag on the map without losing what is being typed', async ({ openApp }) => {
  const { page } = await openApp();
  await select(page, 'Dana Ortiz');
  const notes = page.getByLabel('Notes', { exact: true });
  await notes.fill('Typed, then moved with the keyboard.');
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expectValue(page, '#sh-influence', '98', 'the new position reaches the form');
  await expectValue(page, '#sh-notes', 'Typed, then moved with the keyboard.', 'the note is still there');
  await expect(details(page).status).toHaveText('Saved');
});

test('a half-typed contact note is kept as a draft across people and a reload', async ({ openApp }) => {
  const { page } = await openApp();
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  const form = page.getByRole('form', { name: 'Log a contact' });
  await form.getByLabel('Negative').check();
  await form.getByLabel('Note').fill('Half-typed: he asked for the cost per');
  await expect(statusWith(form, 'Draft kept')).toBeVisible();

  await select(page, 'Dana Ortiz');
  await tab(page, 'Contacts');
  await expect(form.getByLabel('Note'), 'drafts belong to one person').toHaveValue('');
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await expectValue(page, '#tp-note', 'Half-typed: he asked for the cost per', 'kept after another person');

  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await expectValue(page, '#tp-note', 'Half-typed: he asked for the cost per', 'kept across a reload');
  await expect(form.getByLabel('Negative'), 'the sentiment is kept too').toBeChecked();
  await expect(statusWith(form, 'Draft kept')).toBeVisible();
  await assertAccessible(page, 'the contact form with a draft');

  // Logging it clears the draft.
  await form.getByLabel('Note').fill('He asked for the cost per participant.');
  await form.getByRole('button', { name: 'Log contact' }).click();
  await expect(page.getByText('Contact logged.')).toBeVisible();
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await expect(page.locator('.touchpoint-list').getByText('He asked for the cost per participant.')).toBeVisible();
  await expect(form.getByLabel('Note'), 'no draft once logged').toHaveValue('');
  await expect(statusWith(form, 'Draft kept')).toHaveCount(0);
});

test('the add form keeps a draft until it is added or cancelled', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  const form = page.getByRole('form', { name: 'New stakeholder' });
  await form.getByLabel('Name (required)').fill('Noor Haddad');
  await form.getByLabel('Role', { exact: true }).fill('Head of Legal');
  await expect(statusWith(form, 'Draft kept')).toBeVisible();
  await select(page, 'Dana Ortiz');
  await page.reload();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expectValue(page, '#sh-name', 'Noor Haddad', 'the draft comes back');
  await expectValue(page, '#sh-role', 'Head of Legal');
  await form.getByRole('button', { name: 'Add to map' }).click();
  await expect(marker(page, 'Noor Haddad')).toBeVisible();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expect(form.getByLabel('Name (required)'), 'added: the draft is gone').toHaveValue('');

  await form.getByLabel('Name (required)').fill('Someone to forget');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expect(form.getByLabel('Name (required)'), 'cancelled: the draft is gone').toHaveValue('');
});

test('editing an action saves as it goes; a new action keeps a draft', async ({ openApp }) => {
  const { page } = await openApp();
  await select(page, 'Marcus Feld');
  await tab(page, 'Plan');
  const card = page.locator('.panel article.action-card').first();
  const title = await card.getAttribute('aria-label');
  await page.getByRole('button', { name: `Edit “${title}”` }).click();
  const edit = page.getByRole('form', { name: 'Edit action' });
  await edit.getByLabel('Owner').fill('Finance partner');
  // Leave for the Details tab before typing pauses, then come back.
  await tab(page, 'Details');
  await tab(page, 'Plan');
  const saved = page.locator(`article[aria-label="${title}"]`);
  await expect(saved.getByText('Owner: Finance partner')).toBeVisible();

  // An empty title is refused, stays with its message, and "Done" does not throw it away.
  await page.getByRole('button', { name: `Edit “${title}”` }).click();
  await edit.getByLabel('Outcome notes').fill('Sent the figures.');
  await edit.getByLabel('Title (required)').fill('');
  await expect(statusWith(edit, 'Not saved')).toBeVisible();
  await edit.getByRole('button', { name: 'Done' }).click();
  await expect(edit.getByText('Say what will be done.')).toBeVisible();
  await assertAccessible(page, 'an action form with a field not saved');
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Plan');
  // The card opens with its form again, the empty title still marked.
  await expect(edit.getByText('Say what will be done.')).toBeVisible();
  await expectValue(page, 'form[aria-label="Edit action"] textarea[id$="-outcome"]', 'Sent the figures.');
  await edit.getByLabel('Title (required)').fill('Send the ROI figures');
  await edit.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('article[aria-label="Send the ROI figures"]')).toBeVisible();

  // A new action keeps its typing until it is added.
  await page.getByRole('button', { name: 'Add an action' }).click();
  const add = page.getByRole('form', { name: 'New action' });
  await add.getByLabel('Title (required)').fill('Invite him to the steering group');
  await expect(statusWith(add, 'Draft kept')).toBeVisible();
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Plan');
  await page.getByRole('button', { name: 'Add an action' }).click();
  await expectValue(page, 'form[aria-label="New action"] input[id$="-title"]', 'Invite him to the steering group', 'the new action draft comes back');
  await add.getByRole('button', { name: 'Add action' }).click();
  await expect(page.locator('article[aria-label="Invite him to the steering group"]')).toBeVisible();
});

test('the map name and a snapshot name save as they are typed', async ({ openApp }) => {
  const { page } = await openApp();
  await page.getByLabel('Map name').fill('Coaching rollout, typed only');
  await page.reload();
  await expect(marker(page, 'Dana Ortiz')).toBeVisible();
  await expectValue(page, '#map-name', 'Coaching rollout, typed only', 'map name kept across a reload');

  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await page.getByLabel('Compare with').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Rename snapshot' }).click();
  await page.getByLabel('New name', { exact: true }).fill('Before the kick');
  await expect(statusWith(page.locator('.snapshot-bar'), 'Saved')).toBeVisible();
  await assertAccessible(page, 'renaming a snapshot');
  await page.getByLabel('New name', { exact: true }).fill('Before the kick-off');
  // Straight to another choice: the field goes, and what was typed is saved on the way out.
  await page.getByLabel('Compare with').selectOption({ index: 0 });
  await expect(page.getByLabel('New name', { exact: true })).toHaveCount(0);
  await page.reload();
  await expect(marker(page, 'Dana Ortiz')).toBeVisible();
  await expect.poll(() => page.getByLabel('Compare with').locator('option').allInnerTexts())
    .toContainEqual(expect.stringMatching(/^Before the kick-off/));
});
