#!/usr/bin/env node
// Screenshots of every screen for the README: imports the given inputs into a
// fresh archive through `parallax serve`, then visits each screen in Debian's
// chromium at 1280×800. Usage (from the repository root):
//   node scripts/screenshots.mjs OUTPUT_DIR INPUT...
// e.g. node scripts/screenshots.mjs ui/screenshots ../shared/corpus/seeds ../shared/corpus/gva-dev/articles.jsonl
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { startServe } from '../ui/tests/serve.mjs';

const require = createRequire(resolve('ui/package.json'));
const { chromium } = require('playwright-core');
const [out, ...inputs] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
// The inputs' folders are the ones the server may import by path, and a
// folder of two files that cannot be imported, for the import history.
const broken = mkdtempSync(join(tmpdir(), 'parallax-broken-'));
writeFileSync(join(broken, 'feed-export.jsonl'), '{"id":"w-1","source":"Wire","title":"Port reopens","text":"The port reopened on Monday."}\n{"id": "w-2", "title": \n');
writeFileSync(join(broken, 'scan.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
const server = await startServe(undefined, [...inputs.flatMap((p) => ['--import-dir', dirname(resolve(p))]), '--import-dir', broken]);
const call = async (command, args = {}) => {
  const response = await fetch(`${server.origin}/api/${command}`, { method: 'POST', headers: { 'X-Parallax-Token': server.token }, body: JSON.stringify(args) });
  return response.json();
};
const importPaths = async (paths) => {
  const { job } = await call('import_start', { paths });
  let state;
  do {
    await new Promise((ok) => setTimeout(ok, 500));
    state = await call('import_status', { job });
  } while (!state.done);
  return state;
};
const state = await importPaths(inputs.map((p) => resolve(p)));
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
// The research workflow: a note and a highlight on passages of the article
// read above, tags and a collection, a saved search, the import history
// (with an import of two files that fail).
await importPaths([broken]);
if (first) {
  const text = (await call('article', { id: String(first.id) })).text;
  const passage = (needle) => {
    const at = text.indexOf(needle);
    return at < 0 ? null : { start: [...text.slice(0, at)].length, end: [...text.slice(0, at)].length + [...needle].length };
  };
  const sentences = text.split(/(?<=\.)\s+/).filter((s) => s.length > 40);
  const noted = sentences[1] && passage(sentences[1]);
  if (noted) await call('note_add', { article: first.id, ...noted, body: 'Check against **the other outlets**.\n- the time of the call\n- the address' });
  const highlighted = sentences[2] && passage(sentences[2].split(' ').slice(0, 6).join(' '));
  if (highlighted) await call('note_add', { article: first.id, ...highlighted, body: '' });
  await call('tag_add', { tag: 'to check', articles: [first.id] });
}
const found = (await call('search', { query: 'drone', limit: 6 })).items ?? [];
await call('tag_add', { tag: 'drones', articles: found.map((h) => h.id) });
await call('collection_add', { name: 'Chapter 3', articles: found.slice(0, 3).map((h) => h.id) });
await call('search_save', { name: 'Drone strikes', query: 'drone', filter: {} });
await call('search_save', { name: 'Injured', query: 'injur*', filter: {} });
await visit(`#/reader/${first?.id ?? 1}`, 'reader-notes', '[data-testid=reader-text]', async () => {
  await page.click('[data-testid=notes-tab]');
  await page.waitForSelector('[data-testid=note]');
});
await visit('#/library', 'library-tags', '[data-testid=tag-facet]', async () => {
  await page.check('[data-testid=tag-facet] input >> nth=0');
  await page.waitForSelector('[data-testid=article-row]');
});
await visit('#/history', 'import-history', '[data-testid=problem]');
await visit('#/search', 'search-saved', '[data-testid=saved-searches]');
await browser.close();
server.stop();
