// Trunk post-build hook (see Trunk.toml): writes the build's version into the service worker.
// The version is a hash of every file the worker keeps, so a changed app gives a changed sw.js;
// the browser notices the new sw.js on the next visit and installs it beside the running one.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('stamp-sw.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
const worker = join(dir, 'sw.js');
const source = await readFile(worker, 'utf8');
const list = source.match(/const APP_FILES = \[([^\]]*)\]/);
if (!list) throw new Error('sw.js has no APP_FILES list');
const files = [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
const hash = createHash('sha256');
for (const file of files) {
  hash.update(file);
  hash.update(await readFile(join(dir, file)));
}
const version = hash.digest('hex').slice(0, 16);
const stamped = source.replace(/const VERSION = '[^']*';/, `const VERSION = '${version}';`);
if (stamped === source && !source.includes(`'${version}'`)) throw new Error('sw.js has no VERSION line');
await writeFile(worker, stamped);
console.log(`sw.js: version ${version} over ${files.length} files`);
