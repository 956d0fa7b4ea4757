#!/usr/bin/env node
// Screenshots of every screen for the README: imports the given inputs into a
// fresh archive through `parallax serve`, then visits each screen in Debian's
// chromium at 1280×800. Usage (from the repository root):
//   node scripts/screenshots.mjs OUTPUT_DIR INPUT...
// e.g. node scripts/screenshots.mjs ui/screenshots ../shared/corpus/seeds ../shared/corpus/gva-dev/articles.jsonl
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { startServe } from '../ui/tests/serve.mjs';

const require = createRequire(resolve('ui/package.json'));
const { chromium } = require('playwright-core');
const [out, ...inputs] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
// The inputs' folders are the ones the server may import by path.
const server = await startServe(undefined, inputs.flatMap((p) => ['--import-dir', dirname(resolve(p))]));
const call = async (command, args = {}) => {
  const response = await fetch(`${server.origin}/api/${command}`, { method: 'POST', headers: { 'X-Parallax-Token': server.token }, body: JSON.stringify(args) });
  return response.json();
};
const { job } = await call('import_start', { paths: inputs.map((p) => resolve(p)) });
let state;
do {
  await new Promise((ok) => setTimeout(ok, 500));
  state = await call('import_status', { job });
} while (!state.done);
console.log(`imported ${state.report?.imported} articles`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const visit = async (hash, name, wait = 'body[data-ready="true"]', before) => {
  await page.goto(`${server.url}${hash}`);
  await page.waitForSelector(wait);
  if (before) await before();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(join(out, `${name}.png`));
};
await visit('#/library', 'library', '[data-testid=article-row]');
await visit('#/search', 'search', '[data-testid=search-input]', async () => {
  await page.fill('[data-testid=search-input]', 'drone');
  await page.press('[data-testid=search-input]', 'Enter');
  await page.waitForSelector('[data-testid=search-hit]');
});
const first = (await call('search', { query: 'Austin', limit: 1 })).items?.[0];
await visit(`#/reader/${first?.id ?? 1}`, 'reader', '[data-testid=reader-text]');
await visit('#/stories', 'stories', '[data-testid=stories-unavailable], [data-testid=story-row], .empty');
const stories = await call('stories');
const widest = Array.isArray(stories) ? [...stories].sort((a, b) => b.sources.length - a.sources.length || a.id - b.id)[0] : null;
if (widest) {
  await visit(`#/compare/${widest.id}`, 'compare', '[data-testid=compare-title]');
  await page.setViewportSize({ width: 1280, height: 2400 });
  await visit(`#/compare/${widest.id}`, 'compare-full', '[data-testid=compare-title]');
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit(`#/compare/${widest.id}`, 'story-editor', '[data-testid=story-editor]', async () => {
    await page.click('[data-testid=story-editor] summary');
    await page.check('[data-testid=member-check] >> nth=0');
  });
}
await visit('#/stories?tab=coverage', 'coverage', '[data-testid=coverage-grid], [data-testid=coverage-empty]');
await visit('#/library', 'library-story-facet', '[data-testid=story-facet]', async () => {
  await page.check('[data-testid=story-facet] input >> nth=0');
  await page.waitForSelector('[data-testid=article-row]');
});
await visit('#/entities', 'entities', '[data-testid=entities-table], .empty');
await visit('#/map', 'map', '[data-testid=map-count], .empty');
await visit('#/import', 'import', '[data-testid=drop-zone]');
await browser.close();
server.stop();
