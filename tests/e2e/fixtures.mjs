// The end-to-end tests' `test` and `expect`: Playwright Test's, with a static server for dist/
// shared by the worker, and `openApp`, which opens the app in a fresh context (empty storage).
// Every context opened through `openApp` is closed after its test, and every request it made must
// have gone to the server's own origin: the app talks to nobody else.
import { test as base, expect } from '@playwright/test';
import { serveDist, openApp, marker } from './support.mjs';

export { expect };

export const test = base.extend({
  /** dist/ served at / and at SUB_PATH; one server for every test the worker runs. */
  server: [async ({}, use) => {
    const server = await serveDist();
    await use(server);
    await server.close();
  }, { scope: 'worker' }],

  /**
   * `openApp(options)`: a fresh context and page on the app, as support.mjs's openApp, resolving
   * to { context, page, requests, errors }.
   */
  openApp: async ({ browser, server }, use) => {
    const opened = [];
    await use(async (options) => {
      const app = await openApp(browser, server.origin, options);
      opened.push(app);
      return app;
    });
    for (const { context } of opened) await context.close();
    const foreign = opened.flatMap((app) => app.requests)
      .filter((u) => !u.startsWith(server.origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(foreign, 'requests to any other origin').toEqual([]);
  },
});

/** Escapes `text` for use inside a regular expression. */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for an accessible name that starts with the parts in `start` ("Name, influence N,
 * skepticism M, Quadrant", or fewer), whatever follows them (such as ", 1 overdue action").
 */
export function startsWith(start) {
  return new RegExp(`^${literal(start)}(, |$)`);
}

/**
 * Waits until the marker of `name` is at the position `position` ("Name, influence N,
 * skepticism M, Quadrant", or its first three parts).
 */
export async function expectPosition(page, name, position, message) {
  await expect(marker(page, name), message).toHaveAttribute('aria-label', startsWith(position));
}

/** Influence and skepticism of `name`'s marker, read from its accessible name now. */
export async function coordinates(page, name) {
  const label = await marker(page, name).getAttribute('aria-label');
  const [, influence, skepticism] = label.match(/, influence (\d+), skepticism (\d+)/).map(Number);
  return { influence, skepticism };
}

/** Waits until `name`'s marker is within 2 points of `influence` and `skepticism` (a drag). */
export async function expectNear(page, name, influence, skepticism) {
  await expect(async () => {
    const at = await coordinates(page, name);
    expect(Math.abs(at.influence - influence), `${name}'s influence ${at.influence}, wanted about ${influence}`).toBeLessThanOrEqual(2);
    expect(Math.abs(at.skepticism - skepticism), `${name}'s skepticism ${at.skepticism}, wanted about ${skepticism}`).toBeLessThanOrEqual(2);
  }).toPass();
  return coordinates(page, name);
}
