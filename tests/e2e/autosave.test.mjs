// End-to-end tests that typed edits are kept: the details form saves as the user types (and on
// the way out: another person, another tab, a reload), a value that breaks a rule stays in its
// field while the rest saves, and forms for new things keep their typing as a draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, marker, storedMaps, assertAccessible } from './support.mjs';

const env = useServerAndBrowser();

/** The details form of the selected stakeholder, and its save status line. */
function details(page) {
  const form = page.getByRole('form', { name: 'Stakeholder details' });
  return { form, status: form.getByRole('status') };
}

/** Selects a stakeholder on the map and waits for their details to show. */
async function select(page, name) {
  await marker(page, name).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** Shows one part of the selected stakeholder. */
async function tab(page, name) {
  await page.getByRole('button', { name, exact: true }).click();
}

/** Waits until the input or text area `selector` holds `value`, as a user would see it. */
async function expectValue(page, selector, value, message) {
  await page
    .waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [selector, value], { timeout: 5000 })
    .catch(async () => {
      assert.equal(await page.locator(selector).inputValue().catch(() => undefined), value, message ?? selector);
    });
}

/** Waits until the status line reads `text`. */
async function expectStatus(status, text) {
  await status.filter({ hasText: text }).waitFor();
}

/** Retries `check` (an async assertion) until it passes or five seconds have gone. */
async function eventually(check) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
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

test('a note typed in the details form survives another person, another tab and a reload', async () => {
  const { context, page, errors } = await openApp(env.browser, env.server.origin);
  await select(page, 'Dana Ortiz');
  const notes = page.getByLabel('Notes', { exact: true });
  const { status } = details(page);
  await expectStatus(status, 'Changes save as you type.');

  // Straight to someone else, before typing pauses: nothing may be lost on the way out.
  await notes.fill('First note: asked about peak season.');
  await select(page, 'Marcus Feld');
  await select(page, 'Dana Ortiz');
  await expectValue(page, '#sh-notes', 'First note: asked about peak season.', 'kept after selecting another person');

  // Let typing pause: the form says it saved.
  await notes.fill('Second note: wants Q4 avoided.');
  await expectStatus(status, /^Saved$/);

  // Straight to the Plan tab and back.
  await notes.fill('Third note: agreed a pilot in Q1.');
  await tab(page, 'Plan');
  await page.getByRole('heading', { name: 'Suggested next steps' }).waitFor();
  await tab(page, 'Details');
  await expectValue(page, '#sh-notes', 'Third note: agreed a pilot in Q1.', 'kept after the Plan tab');

  // Straight into a reload.
  await notes.fill('Fourth note: reload straight after typing.');
  await page.reload();
  await select(page, 'Dana Ortiz');
  await expectValue(page, '#sh-notes', 'Fourth note: reload straight after typing.', 'kept across a reload');
  await eventually(async () => assert.equal((await storedStakeholder(page, 'Dana Ortiz'))?.notes, 'Fourth note: reload straight after typing.'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a changed role is saved without any button and kept across a reload', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await select(page, 'Marcus Feld');
  const { status } = details(page);
  assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0, 'no save button to forget');
  await page.getByLabel('Role', { exact: true }).fill('Group CFO');
  await expectStatus(status, /^Saved$/);
  // A ticked root cause saves at once too.
  await page.getByLabel('Power and control').check();
  await expectStatus(status, /^Saved$/);
  await page.reload();
  await select(page, 'Marcus Feld');
  await expectValue(page, '#sh-role', 'Group CFO', 'role kept across a reload');
  assert.equal(await page.getByLabel('Power and control').isChecked(), true, 'root cause kept');
  await context.close();
});

test('an invalid value stays in its field with its message while the other fields save', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await select(page, 'Dana Ortiz');
  const { status } = details(page);
  const name = page.getByLabel('Name (required)');
  await name.fill('');
  await page.getByLabel('Organisation or unit').fill('Operations board');
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('140');
  await page.getByLabel('Notes', { exact: true }).fill('Valid note beside an empty name.');
  await expectStatus(status, 'Not saved: fix the 2 marked fields. Your other changes are saved.');
  await page.getByText('Enter a name.').waitFor();
  await page.getByText('Influence must be between 0 and 100 (you typed 140).').waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await name.inputValue(), '', 'the empty name stays in the field');
  assert.equal(await page.getByRole('spinbutton', { name: /^Influence/ }).inputValue(), '140');
  await assertAccessible(page, 'the details form with fields not saved');

  // The valid fields are stored; the invalid ones keep their stored values.
  await eventually(async () => {
    const stored = await storedStakeholder(page, 'Dana Ortiz');
    assert.ok(stored, 'Dana keeps her stored name');
    assert.equal(stored.organisation, 'Operations board');
    assert.equal(stored.notes, 'Valid note beside an empty name.');
    assert.equal(stored.influence ?? stored.position?.influence, 88);
  });
  assert.equal(await marker(page, 'Dana Ortiz').count(), 1, 'the marker keeps the last good name');

  // Leaving and coming back (even through a reload) does not drop the invalid text or its message.
  await page.reload();
  await select(page, 'Dana Ortiz');
  await page.getByText('Enter a name.').waitFor();
  assert.equal(await page.getByLabel('Name (required)').inputValue(), '');
  assert.equal(await page.getByRole('spinbutton', { name: /^Influence/ }).inputValue(), '140');
  await expectValue(page, '#sh-notes', 'Valid note beside an empty name.');

  // Fixing them saves them and clears the messages.
  await page.getByLabel('Name (required)').fill('Dana Ortiz-Reyes');
  await page.getByRole('spinbutton', { name: /^Influence/ }).fill('85');
  await expectStatus(details(page).status, /^Saved$/);
  assert.equal(await page.getByText('Enter a name.').count(), 0);
  await marker(page, 'Dana Ortiz-Reyes').waitFor();
  await page.reload();
  await select(page, 'Dana Ortiz-Reyes');
  await expectValue(page, '#sh-influence', '85');
  assert.equal(await page.getByText('Enter a name.').count(), 0, 'nothing left over once fixed');
  await context.close();
});

test('the form follows a drag on the map without losing what is being typed', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await select(page, 'Dana Ortiz');
  const notes = page.getByLabel('Notes', { exact: true });
  await notes.fill('Typed, then moved with the keyboard.');
  await marker(page, 'Dana Ortiz').focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expectValue(page, '#sh-influence', '98', 'the new position reaches the form');
  await expectValue(page, '#sh-notes', 'Typed, then moved with the keyboard.', 'the note is still there');
  await expectStatus(details(page).status, /^Saved$/);
  await context.close();
});

test('a half-typed contact note is kept as a draft across people and a reload', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  const form = page.getByRole('form', { name: 'Log a contact' });
  await form.getByLabel('Negative').check();
  await form.getByLabel('Note').fill('Half-typed: he asked for the cost per');
  await form.getByRole('status').filter({ hasText: 'Draft kept' }).waitFor();

  await select(page, 'Dana Ortiz');
  await tab(page, 'Contacts');
  assert.equal(await form.getByLabel('Note').inputValue(), '', 'drafts belong to one person');
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await expectValue(page, '#tp-note', 'Half-typed: he asked for the cost per', 'kept after another person');

  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await expectValue(page, '#tp-note', 'Half-typed: he asked for the cost per', 'kept across a reload');
  assert.equal(await form.getByLabel('Negative').isChecked(), true, 'the sentiment is kept too');
  await form.getByRole('status').filter({ hasText: 'Draft kept' }).waitFor();
  await assertAccessible(page, 'the contact form with a draft');

  // Logging it clears the draft.
  await form.getByLabel('Note').fill('He asked for the cost per participant.');
  await form.getByRole('button', { name: 'Log contact' }).click();
  await page.getByText('Contact logged.').waitFor();
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Contacts');
  await page.locator('.touchpoint-list').getByText('He asked for the cost per participant.').waitFor();
  assert.equal(await form.getByLabel('Note').inputValue(), '', 'no draft once logged');
  assert.equal(await form.getByRole('status').filter({ hasText: 'Draft kept' }).count(), 0);
  await context.close();
});

test('the add form keeps a draft until it is added or cancelled', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  const form = page.getByRole('form', { name: 'New stakeholder' });
  await form.getByLabel('Name (required)').fill('Noor Haddad');
  await form.getByLabel('Role', { exact: true }).fill('Head of Legal');
  await form.getByRole('status').filter({ hasText: 'Draft kept' }).waitFor();
  await select(page, 'Dana Ortiz');
  await page.reload();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  await expectValue(page, '#sh-name', 'Noor Haddad', 'the draft comes back');
  await expectValue(page, '#sh-role', 'Head of Legal');
  await form.getByRole('button', { name: 'Add to map' }).click();
  await marker(page, 'Noor Haddad').waitFor();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  assert.equal(await form.getByLabel('Name (required)').inputValue(), '', 'added: the draft is gone');

  await form.getByLabel('Name (required)').fill('Someone to forget');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
  assert.equal(await form.getByLabel('Name (required)').inputValue(), '', 'cancelled: the draft is gone');
  await context.close();
});

test('editing an action saves as it goes; a new action keeps a draft', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
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
  await saved.getByText('Owner: Finance partner').waitFor();

  // An empty title is refused, stays with its message, and "Done" does not throw it away.
  await page.getByRole('button', { name: `Edit “${title}”` }).click();
  await edit.getByLabel('Outcome notes').fill('Sent the figures.');
  await edit.getByLabel('Title (required)').fill('');
  await edit.getByRole('status').filter({ hasText: 'Not saved' }).waitFor();
  await edit.getByRole('button', { name: 'Done' }).click();
  await edit.getByText('Say what will be done.').waitFor();
  await assertAccessible(page, 'an action form with a field not saved');
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Plan');
  // The card opens with its form again, the empty title still marked.
  await page.getByRole('form', { name: 'Edit action' }).getByText('Say what will be done.').waitFor();
  await expectValue(page, 'form[aria-label="Edit action"] textarea[id$="-outcome"]', 'Sent the figures.');
  await page.getByRole('form', { name: 'Edit action' }).getByLabel('Title (required)').fill('Send the ROI figures');
  await page.getByRole('form', { name: 'Edit action' }).getByRole('button', { name: 'Done' }).click();
  await page.locator('article[aria-label="Send the ROI figures"]').waitFor();

  // A new action keeps its typing until it is added.
  await page.getByRole('button', { name: 'Add an action' }).click();
  const add = page.getByRole('form', { name: 'New action' });
  await add.getByLabel('Title (required)').fill('Invite him to the steering group');
  await add.getByRole('status').filter({ hasText: 'Draft kept' }).waitFor();
  await page.reload();
  await select(page, 'Marcus Feld');
  await tab(page, 'Plan');
  await page.getByRole('button', { name: 'Add an action' }).click();
  await expectValue(page, 'form[aria-label="New action"] input[id$="-title"]', 'Invite him to the steering group', 'the new action draft comes back');
  await add.getByRole('button', { name: 'Add action' }).click();
  await page.locator('article[aria-label="Invite him to the steering group"]').waitFor();
  await context.close();
});

test('the map name and a snapshot name save as they are typed', async () => {
  const { context, page } = await openApp(env.browser, env.server.origin);
  await page.getByLabel('Map name').fill('Coaching rollout, typed only');
  await page.reload();
  await marker(page, 'Dana Ortiz').waitFor();
  await expectValue(page, '#map-name', 'Coaching rollout, typed only', 'map name kept across a reload');

  await page.getByRole('button', { name: 'Take snapshot' }).click();
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await page.getByLabel('Compare with').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Rename snapshot' }).click();
  await page.getByLabel('New name', { exact: true }).fill('Before the kick');
  await page.locator('.snapshot-bar').getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await assertAccessible(page, 'renaming a snapshot');
  await page.getByLabel('New name', { exact: true }).fill('Before the kick-off');
  // Straight to another choice: the field goes, and what was typed is saved on the way out.
  await page.getByLabel('Compare with').selectOption({ index: 0 });
  await page.getByLabel('New name', { exact: true }).waitFor({ state: 'detached' });
  await page.reload();
  await marker(page, 'Dana Ortiz').waitFor();
  const options = await page.getByLabel('Compare with').locator('option').allInnerTexts();
  assert.ok(options.some((o) => o.startsWith('Before the kick-off')), options.join(' | '));
  await context.close();
});
