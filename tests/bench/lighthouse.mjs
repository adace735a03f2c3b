// Lighthouse (mobile, its default: a mid-range phone on a slow 4G link, simulated) against the
// app as a first-time visitor sees it, in the system's headless Chromium (the one the end-to-end
// tests use, with the same flags), with the app served gzip-encoded as a static host serves it.
// Used by bench.mjs; `node tests/bench/lighthouse.mjs` runs it alone against dist/.
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { launch, serveDist } from '../e2e/support.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/** A free port on the loopback interface for Chromium's DevTools endpoint. */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

const median = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

/**
 * Runs Lighthouse `runs` times against `url` (each a fresh first visit) and resolves to the median
 * score of each category (0 to 1), every run's scores, and the audits that held a category
 * under 1 in the median run.
 */
export async function lighthouseScores(url, { runs = 3 } = {}) {
  const { default: lighthouse } = await import('lighthouse');
  const port = await freePort();
  const browser = await launch({ args: [`--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'] });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { lhr } = await lighthouse(url, {
        port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES,
      });
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? NaN]));
      const metrics = Object.fromEntries(['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']
        .map((id) => [id, lhr.audits[id]?.numericValue ?? NaN]));
      // What kept each category under full marks: the scored audits that did not pass.
      const failing = {};
      for (const c of CATEGORIES) {
        failing[c] = (lhr.categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1)
          .map((ref) => `${ref.id} (${lhr.audits[ref.id].score})`);
      }
      results.push({ scores, metrics, failing });
      process.stderr.write(`  lighthouse run ${i + 1}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}\n`);
    }
  } finally {
    await browser.close();
  }
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(results.map((r) => r.scores[c]))]));
  const byPerformance = [...results].sort((a, b) => a.scores.performance - b.scores.performance);
  const middle = byPerformance[Math.floor((byPerformance.length - 1) / 2)];
  return { scores, runs: results.map((r) => r.scores), metrics: middle.metrics, failing: middle.failing };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await serveDist({}, { gzip: true });
  try {
    console.log(JSON.stringify(await lighthouseScores(server.origin + '/'), null, 2));
  } finally {
    await server.close();
  }
}
