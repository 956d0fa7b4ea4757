// Browser end-to-end tests of the research workflow (issue 14): notes and
// highlights on passages (and one orphaned by an edit), tags and
// collections as Library facets, a collection reordered, a citation to
// copy, saved searches with current counts, delete → undo (with the undo
// item named after what it restores), notes on a Compare finding and on
// words of a cell's passage, and the import history with a failed file
// retried. Debian chromium (playwright-core) against a real `parallax
// serve`; screenshots go to ui/test-results/ for a person to look at.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { articles } from '../fixtures.mjs';
import { REPO, startServe } from '../serve.mjs';

const SHOTS = join(REPO, 'ui', 'test-results');
mkdirSync(SHOTS, { recursive: true });

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let server;
let browser;
let page;
let folder;
const pageErrors = [];

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function openScreen(hash) {
  await page.goto(`${server.url}${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
}

async function api(command, args = {}) {
  const response = await fetch(`${server.origin}/api/${command}`, { method: 'POST', headers: { 'X-Parallax-Token': server.token }, body: JSON.stringify(args) });
  const body = await response.json();
  if (!response.ok) throw new Error(`${command}: ${JSON.stringify(body)}`);
  return body;
}

/** Selects `phrase` inside the element `testid`, as a person dragging over it
 * would, and waits for the bar that offers to annotate it. */
async function select(testid, phrase, bar = 'selection-bar') {
  await page.evaluate(([testid, phrase]) => {
    const root = document.querySelector(`[data-testid=${testid}]`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    while (walker.nextNode()) {
      nodes.push([walker.currentNode, text.length]);
      text += walker.currentNode.data;
    }
    const at = text.indexOf(phrase);
    if (at < 0) throw new Error(`${phrase} not in ${testid}`);
    const locate = (offset) => {
      for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
      return [root, 0];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + phrase.length));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }, [testid, phrase]);
  await page.waitForSelector(`[data-testid=${bar}]`);
}

async function libraryCount(text) {
  await page.waitForFunction((t) => document.querySelector('[data-testid=library-count]')?.textContent === t, text);
}

describe('the research workflow in a browser', () => {
  let harbor;

  before(async () => {
    // Three reports and two files that cannot be imported: a JSONL file with
    // a malformed line and a binary file.
    folder = join(mkdtempSync(join(tmpdir(), 'parallax-research-')), 'inbox');
    mkdirSync(folder);
    for (const [name, text] of Object.entries(articles())) writeFileSync(join(folder, name), text);
    writeFileSync(join(folder, 'broken.jsonl'), '{"id":"ok-1","source":"Wire","title":"Port reopens","text":"The port reopened on Monday after the fire."}\n{not json\n');
    writeFileSync(join(folder, 'junk.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    server = await startServe(undefined, ['--import-dir', folder]);
    const { job } = await api('import_start', { paths: [folder] });
    let state;
    do {
      await new Promise((ok) => setTimeout(ok, 200));
      state = await api('import_status', { job });
    } while (!state.done);
    assert.equal(state.report.imported, 4);
    harbor = (await api('search', { query: 'title:destroys', limit: 1 })).items[0].id;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('dialog', (d) => { pageErrors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  });

  after(async () => {
    await browser?.close();
    server?.stop();
  });

  test('select a passage → add a note: shown in the text and in Notes, Markdown rendered as text', async () => {
    await openScreen(`#/reader/${harbor}`);
    await page.waitForSelector('[data-testid=reader-text]');
    await select('reader-text', 'Three firefighters were injured');
    await page.click('[data-testid=note-button]');
    await page.fill('[data-testid=note-input]', 'Coast Herald says **hurt**; check <script>window.__pwned = 1</script>');
    await page.click('[data-testid=note-save]');
    await page.waitForSelector('[data-testid=note]');
    const note = await page.textContent('[data-testid=note]');
    assert.match(note, /Three firefighters were injured/);
    assert.match(note, /Coast Herald says hurt; check <script>window.__pwned = 1<\/script>/);
    assert.equal(await page.locator('[data-testid=note] strong').textContent(), 'hurt');
    assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
    assert.equal(await page.locator('[data-testid=notes] script').count(), 0);
    // The passage is marked in the text.
    assert.equal((await page.locator('[data-testid=reader-text] .noted').allTextContents()).join(''), 'Three firefighters were injured');
    // A highlight: a passage without a note.
    await select('reader-text', 'Maria Lopez');
    await page.click('[data-testid=highlight-button]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=reader-text] .noted').length >= 2);
    const listed = await api('notes', { article: harbor });
    assert.deepEqual(listed.map((n) => [n.on, n.anchor.quote, n.orphaned]).sort(), [['passage', 'Maria Lopez', false], ['passage', 'Three firefighters were injured', false]]);
    await page.click('[data-testid=notes-tab]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=note]').length === 2);
  });

  test('a highlighted headline passage edited away is shown orphaned, never moved', async () => {
    await openScreen(`#/reader/${harbor}`);
    await page.waitForSelector('[data-testid=reader-title]');
    await select('reader-title', 'warehouse');
    await page.click('[data-testid=note-button]');
    await page.fill('[data-testid=note-input]', 'Which warehouse?');
    await page.click('[data-testid=note-save]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=note]').length === 3);
    await page.click('button[role=tab]:has-text("Details")');
    await page.fill('[data-testid=edit-title]', 'Fire destroys a shed at the harbor');
    await page.click('form.edit button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[data-testid=reader-title]')?.textContent === 'Fire destroys a shed at the harbor');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('[data-testid=notes-tab]');
    await page.waitForSelector('[data-testid=note][data-orphaned=true]');
    assert.match(await page.textContent('[data-testid=note][data-orphaned=true]'), /“warehouse”[\s\S]*not found in the current text[\s\S]*Which warehouse\?/);
    assert.equal(await page.locator('[data-testid=reader-title] .noted').count(), 0);
    // The text's two passages are still found.
    assert.equal(await page.locator('[data-testid=note][data-orphaned=false]').count(), 2);
    await page.click('[data-testid=notes-tab]');
    await shot('20-reader-notes-highlights');
  });

  test('tags and collections from the reader are facets that filter the library', async () => {
    await openScreen(`#/reader/${harbor}`);
    await page.waitForSelector('[data-testid=tag-input]');
    await page.fill('[data-testid=tag-input]', 'fire safety');
    await page.press('[data-testid=tag-input]', 'Enter');
    await page.waitForSelector('[data-testid=tag-chip]:has-text("fire safety")');
    await page.fill('[data-testid=collection-input]', 'Chapter 2');
    await page.press('[data-testid=collection-input]', 'Enter');
    await page.waitForSelector('[data-testid=notice]:has-text("Chapter 2")');
    const valley = (await api('search', { query: 'Saturday', limit: 1 })).items[0].id;
    await api('tag_add', { tag: 'fire safety', articles: [valley] });
    await api('tag_add', { tag: 'follow-up', articles: [valley] });
    await openScreen('#/library');
    await libraryCount('4 articles');
    await page.waitForSelector('[data-testid=tag-facet] label');
    assert.match(await page.textContent('[data-testid=tag-facet]'), /fire safety\s*2[\s\S]*follow-up\s*1/);
    assert.match(await page.textContent('[data-testid=collection-facet]'), /Chapter 2\s*1/);
    await page.check('[data-testid=tag-facet] label:has-text("fire safety") input');
    await libraryCount('2 articles');
    await shot('21-library-tag-collection-facets');
    await page.check('[data-testid=collection-facet] label:has-text("Chapter 2") input');
    await libraryCount('1 article');
    assert.match(await page.textContent('[data-testid=article-row]'), /Fire destroys a shed/);
    await page.click('aside.facets button.clear');
    await libraryCount('4 articles');
  });

  test('copy citation gives the article in Chicago author-date', async () => {
    await openScreen(`#/reader/${harbor}`);
    await page.click('[data-testid=copy-citation]');
    await page.waitForSelector('[data-testid=citation]');
    const citation = await page.textContent('[data-testid=citation]');
    assert.match(citation, /Harbor Daily/);
    assert.match(citation, /2024/);
    assert.match(citation, /Fire destroys a shed at the harbor/);
    const bibtex = await api('cite', { articles: [harbor], format: 'bibtex' });
    assert.match(bibtex.citation, /^@article\{/);
  });

  test('saved searches are listed with their counts now', async () => {
    await openScreen('#/search');
    await page.fill('[data-testid=search-input]', 'firefighters');
    await page.press('[data-testid=search-input]', 'Enter');
    await page.waitForSelector('[data-testid=search-hit]');
    await page.click('[data-testid=save-search]');
    await page.fill('[data-testid=save-name]', 'Injured firefighters');
    await page.press('[data-testid=save-name]', 'Enter');
    await page.waitForSelector('[data-testid=saved-search]:has-text("Injured firefighters")');
    assert.equal(await page.textContent('[data-testid=saved-search]:has-text("Injured firefighters") [data-testid=saved-count]'), '2');
    await shot('22-search-saved');
  });

  test('delete an article, then Ctrl+Z brings it back with its notes and tags', async () => {
    await openScreen(`#/reader/${harbor}`);
    await page.waitForSelector('[data-testid=delete-article]');
    await page.click('[data-testid=delete-article]');
    await page.waitForFunction(() => location.hash === '#/library');
    await libraryCount('3 articles');
    assert.match(await page.textContent('[data-testid=notice]'), /Deleted 1 article/);
    // Edit › Undo names what it would restore.
    assert.equal((await page.textContent('[data-testid=undo-menu]')).trim(), '↶ Undo delete 1 article');
    assert.equal(await page.isEnabled('[data-testid=undo-menu]'), true);
    assert.equal((await api('search', { query: 'firefighters' })).total, 1);
    await page.click('main h1');
    await page.keyboard.press('Control+z');
    await page.waitForSelector('[data-testid=notice]:has-text("Restored 1 article")');
    await libraryCount('4 articles');
    assert.equal((await api('search', { query: 'firefighters' })).total, 2);
    assert.equal((await api('notes', { article: harbor })).length, 3);
    assert.deepEqual(await api('article_tags', { id: String(harbor) }), ['fire safety']);
    // Nothing left to undo: the item says so and is disabled.
    assert.deepEqual(await api('undo_state'), { restored: null, next: null, menu: 'Undo' });
    assert.equal((await page.textContent('[data-testid=undo-menu]')).trim(), '↶ Undo');
    assert.equal(await page.isDisabled('[data-testid=undo-menu]'), true);
  });

  test('a collection\'s items are moved up and down and removed from the library', async () => {
    const valley = (await api('search', { query: 'Saturday', limit: 1 })).items[0].id;
    const coast = (await api('search', { query: 'title:blaze', limit: 1 })).items[0].id;
    await api('collection_add', { name: 'Chapter 2', articles: [valley, coast] });
    const order = async () => (await api('collection_items', { name: 'Chapter 2' })).map((item) => item.article);
    assert.deepEqual(await order(), [harbor, valley, coast]);
    await openScreen('#/library');
    await page.click('[data-testid=organiser] summary');
    await page.click('[data-testid=organiser-collection][data-collection="Chapter 2"] [data-testid=collection-open]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=collection-item]').length === 3);
    assert.match(await page.textContent('[data-testid=collection-item]'), /Fire destroys a shed at the harbor/);
    // The first item down one place, then the last up to the top.
    await page.click(`[data-testid=collection-item][data-article="${harbor}"] [data-testid=item-down]`);
    await page.waitForSelector(`[data-testid=collection-item]:nth-child(2)[data-article="${harbor}"]`);
    assert.deepEqual(await order(), [valley, harbor, coast]);
    await page.click(`[data-testid=collection-item][data-article="${coast}"] [data-testid=item-up]`);
    await page.click(`[data-testid=collection-item][data-article="${coast}"] [data-testid=item-up]`);
    await page.waitForSelector(`[data-testid=collection-item]:nth-child(1)[data-article="${coast}"]`);
    assert.deepEqual(await order(), [coast, valley, harbor]);
    assert.equal(await page.isDisabled(`[data-testid=collection-item][data-article="${coast}"] [data-testid=item-up]`), true);
    await shot('26-library-collection-order');
    await page.click(`[data-testid=collection-item][data-article="${valley}"] [data-testid=item-remove]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=collection-item]').length === 2);
    assert.deepEqual(await order(), [coast, harbor]);
    assert.deepEqual((await page.locator('[data-testid=collection-item]').evaluateAll((items) => items.map((i) => i.dataset.article))), [String(coast), String(harbor)]);
  });

  test('tags are renamed, merged and deleted from the library; undo brings a deleted tag back', async () => {
    await openScreen('#/library');
    await page.click('[data-testid=organiser] summary');
    await page.waitForSelector('[data-testid=organiser-tag][data-tag="follow-up"]');
    await shot('24-library-organiser');
    await page.fill('[data-testid=organiser-tag][data-tag="follow-up"] [data-testid=tag-name]', 'aftermath');
    await page.click('[data-testid=organiser-tag][data-tag="follow-up"] [data-testid=tag-rename]');
    await page.waitForSelector('[data-testid=organiser-tag][data-tag="aftermath"]');
    await page.waitForSelector('[data-testid=tag-facet] label:has-text("aftermath")');
    await page.selectOption('[data-testid=organiser-tag][data-tag="aftermath"] select', 'fire safety');
    await page.click('[data-testid=organiser-tag][data-tag="aftermath"] [data-testid=tag-merge]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=organiser-tag]').length === 1);
    assert.deepEqual((await api('tags')).map((t) => [t.name, t.articles]), [['fire safety', 2]]);
    await page.click('[data-testid=organiser-tag][data-tag="fire safety"] [data-testid=tag-delete]');
    await page.waitForSelector('[data-testid=notice]:has-text(\'Deleted tag "fire safety"\')');
    await page.waitForFunction(() => !document.querySelector('[data-testid=tag-facet]'));
    await page.click('[data-testid=undo]');
    await page.waitForSelector('[data-testid=tag-facet] label:has-text("fire safety")');
    assert.deepEqual((await api('tags')).map((t) => [t.name, t.articles]), [['fire safety', 2]]);
    await page.click('[data-testid=organiser-collection] [data-testid=collection-delete]');
    await page.waitForSelector('[data-testid=notice]:has-text(\'Deleted collection "Chapter 2"\')');
    assert.deepEqual(await api('collections'), []);
  });

  test('a story takes notes, and its articles are cited as a BibTeX file', async () => {
    const stories = await api('stories');
    const fire = stories.find((s) => s.articles.length === 3);
    await openScreen(`#/compare/${fire.id}`);
    await page.waitForSelector('[data-testid=story-notes]');
    await page.click('[data-testid=story-notes] summary');
    await page.fill('[data-testid=story-note-input]', 'Ages differ: *52* or *54*');
    await page.click('[data-testid=story-note-add]');
    await page.waitForSelector('[data-testid=story-note]');
    assert.equal(await page.locator('[data-testid=story-note] em').count(), 2);
    assert.equal((await api('notes', { story: fire.id }))[0].body, 'Ages differ: *52* or *54*');
    const download = page.waitForEvent('download');
    await page.selectOption('[data-testid=cite-export]', 'bibtex');
    const file = await download;
    assert.equal(file.suggestedFilename(), `parallax-story-${fire.id}.bib`);
    const bibtex = readFileSync(await file.path(), 'utf8');
    assert.equal(bibtex.match(/^@article\{/gm)?.length, 3, bibtex);
    await page.waitForSelector('[data-testid=cite-note]:has-text("3 articles cited")');
    await shot('25-compare-story-notes');
  });

  test('a finding of the comparison takes a note, and so do words of a cell\'s passage', async () => {
    const stories = await api('stories');
    const fire = stories.find((s) => s.articles.length === 3);
    await openScreen(`#/compare/${fire.id}`);
    await page.waitForSelector('[data-testid=claims-matrix] [data-testid=finding-notes-toggle]');
    const finding = page.locator('[data-testid=claims-matrix] [data-testid=finding-notes]').first();
    const key = await finding.getAttribute('data-key');
    await finding.locator('[data-testid=finding-notes-toggle]').click();
    await finding.locator('[data-testid=finding-note-input]').fill('Injured or **hurt**: same count, check the hospital');
    await finding.locator('[data-testid=finding-note-add]').click();
    await finding.locator('[data-testid=finding-note]').waitFor();
    assert.equal(await finding.locator('[data-testid=finding-note] strong').textContent(), 'hurt');
    assert.equal((await finding.locator('[data-testid=finding-notes-toggle]').textContent()).trim(), '✎ 1');
    const stored = await api('notes', { findings: [key] });
    assert.deepEqual(stored.map((n) => [n.on, n.finding, n.story, n.body]), [['finding', key, fire.id, 'Injured or **hurt**: same count, check the hospital']]);
    // A cell opens its passages; words selected in one take a note.
    await page.locator('[data-testid=claims-matrix] .cellbtn').first().click();
    await page.waitForSelector('[data-testid=compare-passage] mark');
    const marked = await page.textContent('[data-testid=compare-passage] mark');
    const words = marked.split(/\s+/).slice(0, 2).join(' ');
    await select('compare-passage', words, 'compare-selection-bar');
    await page.click('[data-testid=compare-note-button]');
    await page.fill('[data-testid=compare-note-input]', 'Counted *before* the hospital update');
    await page.click('[data-testid=compare-note-save]');
    const mine = page.locator('[data-testid=passage-note]', { hasText: 'Counted before' });
    await mine.waitFor();
    const noted = await mine.textContent();
    assert.ok(noted.includes(`“${words}”`) && noted.includes('Counted before the hospital update'), noted);
    const onPassage = (await api('notes', {})).filter((n) => n.on === 'passage' && n.body.startsWith('Counted'));
    assert.deepEqual(onPassage.map((n) => [n.anchor.quote, n.orphaned]), [[words, false]]);
    assert.equal(await mine.locator('em').textContent(), 'before');
    // The finding's note is still shown after a reload: it is kept by key.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction((key) => document.querySelector(`[data-testid=finding-notes][data-key="${key}"] [data-testid=finding-notes-toggle]`)?.textContent.trim() === '✎ 1', key);
    await page.click(`[data-testid=finding-notes][data-key="${key}"] [data-testid=finding-notes-toggle]`);
    await page.locator('[data-testid=claims-matrix] .cellbtn').first().click();
    await page.waitForSelector('[data-testid=passage-note]:has-text("Counted before")');
    await page.evaluate(() => document.querySelector('[data-testid=claims-matrix]').closest('section').querySelector('h2').scrollIntoView());
    await shot('27-compare-finding-note');
    if (process.env.PARALLAX_SHOT) await page.screenshot({ path: process.env.PARALLAX_SHOT });
  });

  test('import history shows the failed files with path, line and reason; retry imports them again', async () => {
    await openScreen('#/history');
    await page.waitForSelector('[data-testid=batch]');
    const batch = page.locator('[data-testid=batch]').first();
    assert.match(await batch.locator('[data-testid=batch-counts]').textContent(), /4\s*new[\s\S]*2\s*failed/);
    const problems = await batch.locator('[data-testid=problem]').allTextContents();
    assert.equal(problems.length, 2, problems.join('|'));
    assert.match(problems.join('|'), /broken\.jsonl\s*2\s*malformed JSON/);
    assert.match(problems.join('|'), /junk\.bin\s*binary file/);
    await shot('23-import-history');
    await batch.locator('[data-testid=retry]').click();
    // The retry is a new import of the two files (which fail again); its
    // batch is listed on top once it ends.
    await page.waitForSelector('[data-testid=import-summary], [data-testid=import-error]', { timeout: 30000 });
    await openScreen('#/history');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=batch]').length === 2);
    const retried = await page.locator('[data-testid=batch]').first().textContent();
    assert.match(retried, /broken\.jsonl/);
    assert.match(retried, /junk\.bin/);
    assert.doesNotMatch(retried, /harbor-daily/);
 
    // A failed file known only by a relative name (here an upload's; a CLI
    // import given a relative path records the same) cannot be found again
    // by the server: the retry is refused with a code and the file's name,
    // never read from whatever the server's folder holds under that name.
    const upload = await fetch(`${server.origin}/api/upload`, {
      method: 'POST',
      headers: { 'X-Parallax-Token': server.token, 'X-File-Name': encodeURIComponent('inbox/empty.txt'), 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(0),
    });
    const { job } = await api('import_start', { uploads: [(await upload.json()).upload] });
    let state;
    do {
      await new Promise((ok) => setTimeout(ok, 200));
      state = await api('import_status', { job });
    } while (!state.done);
    const refused = await fetch(`${server.origin}/api/import_retry_paths`, { method: 'POST', headers: { 'X-Parallax-Token': server.token }, body: JSON.stringify({ batch: state.report.batch }) });
    assert.equal(refused.status, 422);
    const error = await refused.json();
    assert.equal(error.code, 'relative_path');
    assert.match(error.message, /"inbox\/empty\.txt"/);
    await openScreen('#/history');
    await page.locator('[data-testid=batch]').first().locator('[data-testid=retry]').click();
    await page.waitForSelector('[data-testid=batch-note]:has-text("inbox/empty.txt")');
  });

  test('no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
