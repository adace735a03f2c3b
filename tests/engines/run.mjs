// Runs the core flows (flows.mjs) in each engine against dist/ (or $STAKEMAP_DIST) and prints
// pass/fail counts per engine. Exit status 1 when any flow fails in any engine.
//
//   node run.mjs                      both engines (WebKitGTK needs an X display: xvfb-run -a)
//   node run.mjs firefox              one engine: firefox or webkit
//   ENGINE_FLOWS=export node run.mjs  only the flows whose title contains this text
import { serve } from './server.mjs';
import { flows, removeTempFiles } from './flows.mjs';
import { firefox, webkit } from './drivers.mjs';

const ENGINES = { firefox, webkit };
const FLOW_TIMEOUT = 60_000;

const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!ENGINES[name]) { console.error(`Unknown engine “${name}”: use ${Object.keys(ENGINES).join(' or ')}.`); process.exit(2); }
}
const only = process.env.ENGINE_FLOWS;
const selected = flows.filter(([title]) => !only || title.includes(only));

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${seconds(ms)}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Stops and starts the engine again: after a browser that hung or did not start a session. */
async function restart(engine, why) {
  console.log(`  ! ${why}: restarting ${engine.name}`);
  await withTimeout(engine.stop(), 15_000, 'stopping the engine').catch(() => {});
  await withTimeout(engine.start(), 60_000, 'starting the engine');
}

/**
 * A fresh session for one flow. A browser that fails to open one is restarted and asked once
 * more (that is the automation failing, not the app); the flow itself is never retried.
 */
async function openSession(engine, origin) {
  try {
    return await withTimeout(engine.session(origin), 30_000, 'starting a browser session');
  } catch (e) {
    await restart(engine, `no session (${e.message})`);
    return withTimeout(engine.session(origin), 30_000, 'starting a browser session');
  }
}

async function runEngine(engine, origin) {
  const result = { name: engine.name, passed: 0, failed: 0, failures: [] };
  const started = Date.now();
  let version;
  try {
    version = await withTimeout(engine.start(), 60_000, 'starting the engine');
  } catch (e) {
    console.log(`\n${engine.name}: could not start: ${e.message}`);
    result.failed = selected.length;
    result.failures.push({ title: 'start', error: e });
    await withTimeout(engine.dispose(), 15_000, 'stopping the engine').catch(() => {});
    return result;
  }
  result.name = `${engine.name} (${version})`;
  console.log(`\n${result.name}`);
  for (const [index, [title, flow]] of selected.entries()) {
    const flowStarted = Date.now();
    let session = null;
    let error = null;
    try {
      session = await openSession(engine, origin);
      const tabs = await withTimeout(flow(session), FLOW_TIMEOUT, 'the flow');
      // No page error in any tab the flow used.
      for (const tab of tabs ?? []) {
        const errors = await tab.allErrors();
        if (errors.length) throw new Error(`page errors:\n      ${errors.join('\n      ')}`);
      }
    } catch (e) {
      error = e instanceof Error ? e : new Error(String(e));
      // Some WebDriver errors carry only their name (e.g. after the browser crashed).
      if (!error.message) error.message = `${error.name} (no message)`;
      for (const [i, tab] of (session?.tabs ?? []).entries()) {
        const shown = await withTimeout(tab.snapshot(), 5000, 'the snapshot').catch((s) => `(no snapshot: ${s.message})`);
        const errors = await withTimeout(tab.allErrors(), 5000, 'reading errors').catch(() => []);
        error.message += `\n  tab ${i + 1} shows:\n    ${shown.split('\n').join('\n    ')}`;
        if (errors.length) error.message += `\n    page errors: ${errors.join(' | ')}`;
      }
      if (engine.log) error.message += `\n  ${engine.name}'s own log ends:\n    ${(await engine.log()).split('\n').join('\n    ')}`;
    }
    const took = seconds(Date.now() - flowStarted);
    if (error) {
      result.failed++;
      result.failures.push({ title, error });
      console.log(`  ✗ ${title} (${took})\n      ${error.message.split('\n').join('\n      ')}`);
    } else {
      result.passed++;
      console.log(`  ✓ ${title} (${took})`);
    }
    const closed = session
      ? await withTimeout(session.close(), 15_000, 'closing the session').then(() => true, () => false)
      : false;
    // A browser that did not close (or never opened) is not trusted with the next flow.
    if (!closed && index < selected.length - 1) {
      try {
        await restart(engine, session ? 'the session did not close' : 'no session');
      } catch (e) {
        const left = selected.length - index - 1;
        console.log(`  ✗ ${engine.name} could not start again (${e.message}): ${left} flow(s) not run`);
        result.failed += left;
        break;
      }
    }
  }
  await withTimeout(engine.dispose(), 15_000, 'stopping the engine').catch(() => {});
  result.took = Date.now() - started;
  return result;
}

process.on('exit', (code) => { if (code !== 0) console.log(`(exit status ${code})`); });
const server = await serve();
const started = Date.now();
const results = [];
try {
  for (const name of chosen.length ? chosen : Object.keys(ENGINES)) {
    results.push(await runEngine(ENGINES[name](), server.origin));
  }
} finally {
  await server.close();
  await removeTempFiles();
}

console.log('');
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.took ? ` (${seconds(r.took)})` : ''}`);
}
console.log(`All engines: ${seconds(Date.now() - started)}`);
process.exit(results.every((r) => r.failed === 0) ? 0 : 1);
