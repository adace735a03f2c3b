// Playwright Test runs the end-to-end tests (`npx playwright test` in this folder) against the
// release build in dist/, in the system's headless Chromium. One worker, no retries: the tests
// run one after another, and a test that fails once is reported as failed.
import { defineConfig } from '@playwright/test';
import { LAUNCH_OPTIONS } from './support.mjs';

export default defineConfig({
  testDir: '.',
  testMatch: '*.test.mjs',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  // Traces of failed tests (open with `npx playwright show-trace`); the folder is git-ignored.
  outputDir: 'artifacts/results',
  // Generous, for a busy two-core machine; a test that passes takes seconds.
  timeout: 90_000,
  expect: { timeout: 10_000, toPass: { timeout: 10_000 } },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: LAUNCH_OPTIONS,
    trace: 'retain-on-failure',
  },
});
