#!/usr/bin/env node
// Measures how fast the UI's queries are answered while a large import runs:
// starts `parallax serve` on a fresh archive, imports a folder through the
// API, and times search / article list / facet calls every 100 ms until the
// import ends. Usage: node scripts/measure-responsiveness.mjs PARALLAX_BIN FOLDER
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bin, folder] = process.argv.slice(2);
const db = join(mkdtempSync(join(tmpdir(), 'parallax-measure-')), 'archive.db');
const child = spawn(bin, ['--db', db, 'serve', '--port', '0', '--import-dir', folder], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => child.stdout.on('data', (d) => { const l = String(d).split('\n').find((x) => x.startsWith('http')); if (l) ok(l.trim()); }));
const { origin, searchParams } = new URL(url);
const token = searchParams.get('token');
const call = async (command, args = {}) => {
  const started = performance.now();
  const response = await fetch(`${origin}/api/${command}`, { method: 'POST', headers: { 'X-Parallax-Token': token }, body: JSON.stringify(args) });
  const body = await response.json();
  return { ms: performance.now() - started, body, ok: response.ok };
};
const { body: { job } } = await call('import_start', { paths: [folder] });
const started = performance.now();
const latencies = { search: [], articles: [], facets: [] };
const queries = ['fire', 'storm AND Riverton', '"public meeting"', 'rescu*'];
let state;
for (let i = 0; ; i++) {
  state = (await call('import_status', { job })).body;
  if (state.done) break;
  latencies.search.push((await call('search', { query: queries[i % queries.length], limit: 50 })).ms);
  latencies.articles.push((await call('articles', { sort: 'published', offset: 0, limit: 200 })).ms);
  latencies.facets.push((await call('facets', {})).ms);
  await new Promise((ok) => setTimeout(ok, 100));
}
const importSeconds = (performance.now() - started) / 1000;
const stats = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  return `n=${sorted.length} p50=${at(0.5)} ms p95=${at(0.95)} ms max=${sorted[sorted.length - 1]?.toFixed(1)} ms`;
};
console.log(`import: ${state.report?.imported} articles in ${importSeconds.toFixed(1)} s (${Math.round(state.report?.imported / importSeconds)}/s)`);
for (const [name, list] of Object.entries(latencies)) console.log(`${name} during import: ${stats(list)}`);
const after = { search: (await call('search', { query: 'fire', limit: 50 })).ms, facets: (await call('facets', {})).ms, articles: (await call('articles', { offset: 50000, limit: 200 })).ms };
console.log(`after import: search ${after.search.toFixed(1)} ms, facets ${after.facets.toFixed(1)} ms, articles page at offset 50,000 ${after.articles.toFixed(1)} ms`);
console.log(`archive: ${db}`);
child.kill();
