// What the app's wasm is made of: twiggy's item list for the release wasm as cargo writes it
// (before wasm-bindgen and wasm-opt, so every function still has its name), summed by the crate
// each item belongs to. Used by bench.mjs; `node tests/bench/wasm_contents.mjs` prints it alone.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../e2e/support.mjs';

export const RAW_WASM = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'wasm32-unknown-unknown', 'release', 'stakemap.wasm');

/** Crates summed together, and what the row is called. Anything else is named by its crate. */
const GROUPS = [
  [/^(leptos|leptos_dom|leptos_macro|leptos_server|tachys|reactive_graph|reactive_stores|any_spawner|throw_error|or_poisoned|hydration_context|next_tuple|oco_ref|server_fn|either_of)$/, 'Leptos (leptos, tachys, reactive_graph)'],
  [/^(wasm_bindgen|wasm_bindgen_futures|js_sys|web_sys|gloo_storage|gloo_utils)$/, 'wasm-bindgen, js-sys, web-sys, gloo'],
  [/^(serde|serde_core)$/, 'serde (generic parts)'],
  [/^(core|alloc|std|dlmalloc|hashbrown|panicking|fmt|str|num|slice|string|raw|int|unicode|compiler_builtins)$/, 'Rust standard library'],
  [/^stakemap$/, 'stakemap: the views, state and adapters'],
  [/^stakemap_core$/, 'stakemap-core: model and file format'],
];

/** Standard-library path roots: an item whose name starts with one belongs to the first other crate it names. */
const STD = new Set(['core', 'alloc', 'std']);

/**
 * The crate an item is counted under. The first crate named in the item that is not the standard
 * library (`core::ptr::drop_in_place<tachys::…>` is tachys's, `<F as tachys::…>::invoke` too);
 * a serde impl generated for one of the app's own types gets a row of its own, and `core::fmt`
 * another, as both are often asked about.
 */
export function crateOf(name) {
  if (/^stakemap(_core)?::/.test(name) && /serde(_core)?::(de|ser)::|Visitor/.test(name)) return "serde derives of the app's own types";
  if (/^<?core(\[[0-9a-f]+\])?::fmt::/.test(name) || / as core(\[[0-9a-f]+\])?::fmt::(Display|Debug|Write)>/.test(name)) return 'core::fmt (formatting)';
  // The first segment of each path (std's own items carry a hash: `core[c593…]::fmt`) in the name (the crate), not the modules after it.
  const crates = [...name.matchAll(/(?:^|[<\s(&[,*])([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/g)].map((m) => m[1]).filter((c) => !/^[A-Z]$|^impl$|^_$/.test(c));
  const own = crates.find((c) => !STD.has(c));
  // No crate at all: a method of a primitive (`<str>::to_lowercase`) or the allocator's shims.
  const crate = own ?? crates[0] ?? 'core';
  for (const [pattern, group] of GROUPS) if (pattern.test(crate)) return group;
  return crate;
}

/** What is in the file but never shipped: wasm-bindgen's descriptors and the names. */
function notShipped(name) {
  return name === '"function names" subsection' || name.startsWith('custom section')
    || /^export "__wbindgen_describe/.test(name) || name.startsWith('__wbindgen_describe') || name.startsWith('"local names"');
}

/** Parses twiggy's CSV (names may hold quoted commas and doubled quotes). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue;
    const cells = [];
    let i = 0;
    while (i <= line.length) {
      if (line[i] === '"') {
        let cell = '';
        i++;
        for (;;) {
          if (line[i] === '"' && line[i + 1] === '"') { cell += '"'; i += 2; } else if (line[i] === '"') { i++; break; } else { cell += line[i++]; }
        }
        cells.push(cell);
        i++;
      } else {
        const end = line.indexOf(',', i);
        cells.push(line.slice(i, end === -1 ? line.length : end));
        i = end === -1 ? line.length + 1 : end + 1;
      }
    }
    rows.push({ name: cells[0], bytes: Number(cells[1]) });
  }
  return rows;
}

/**
 * The wasm's shipped items (code and data) summed by crate, largest first, with the largest
 * single functions; null when twiggy is not installed or the file is missing.
 */
export function wasmByCrate(file = RAW_WASM, { top = 10 } = {}) {
  if (!existsSync(file)) return null;
  let csv;
  try {
    csv = execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'csv', file], { maxBuffer: 256 * 2 ** 20 }).toString();
  } catch {
    return null;
  }
  const items = parseCsv(csv).filter((r) => r.name && Number.isFinite(r.bytes) && !r.name.startsWith('... and') && !r.name.startsWith('Σ'));
  const sums = new Map();
  let shipped = 0;
  for (const { name, bytes } of items) {
    if (notShipped(name)) continue;
    const group = /^data segment|^data\[/.test(name) ? 'data (strings and tables)' : /^(export|import|type|table|elem|global|memory|code section|function section|export section|import section|type section|elem section|data section|table section|global section|memory section)\b/.test(name) ? 'wasm structure (imports, exports, tables)' : crateOf(name);
    sums.set(group, (sums.get(group) ?? 0) + bytes);
    shipped += bytes;
  }
  const crates = [...sums].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  const functions = items.filter((r) => !notShipped(r.name) && !/^(data|export|import|type|table|elem|global)\b/.test(r.name))
    .sort((a, b) => b.bytes - a.bytes).slice(0, top);
  return { file, shipped, crates, functions };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = wasmByCrate(process.argv[2] || RAW_WASM, { top: 20 });
  if (!result) { console.error('twiggy is not installed, or the wasm is missing: build the release first'); process.exit(1); }
  for (const c of result.crates) console.log(`${String(c.bytes).padStart(9)}  ${(c.bytes / result.shipped * 100).toFixed(1).padStart(5)}%  ${c.name}`);
  console.log(`${String(result.shipped).padStart(9)}  total`);
  console.log('\nLargest functions:');
  for (const f of result.functions) console.log(`${String(f.bytes).padStart(9)}  ${f.name}`);
}
