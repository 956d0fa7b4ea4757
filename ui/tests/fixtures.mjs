// Synthetic articles for the browser and window tests (our own sentences,
// no corpus text): three outlets reporting one event, a follow-up, and an
// article full of markup that must stay inert.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XSS_TITLE = 'Council <script>window.__pwned = 1</script> budget';
export const XSS_TEXT = 'The council met on Tuesday. <img src=x onerror="window.__pwned = 2"> Read more at <a href="javascript:window.__pwned = 3">this link</a> or javascript:alert(1). Café 😀 owners said the plan was “unfair”.';

export function articles() {
  return {
    'harbor-daily.txt': 'Title: Fire destroys warehouse at the harbor\nDate: 2024-03-02\nSource: Harbor Daily\n\nA fire destroyed a warehouse at the north harbor on Friday night, officials said. Three firefighters were injured and taken to hospital. "We lost everything in an hour," said owner Maria Lopez, 52. The cause of the drone sighting near the site is under investigation.\n',
    'coast-herald.txt': 'Title: Warehouse blaze injures three firefighters\nDate: 2024-03-02\nSource: Coast Herald\n\nThree firefighters were hurt when a warehouse burned at the north harbor late on Friday. The owner, Maria Lopez, 54, said: "We lost everything within an hour." Investigators have not said what caused the fire.\n',
    'valley-news.txt': 'Title: Harbor warehouse fire under investigation\nDate: 2024-03-03\nSource: Valley News\n\nInvestigators on Saturday examined the ruins of a harbor warehouse that burned on Friday. About 40 workers have lost their jobs, port authority spokesman Sam Reed said. A drone was seen over the harbor before the fire started.\n',
  };
}

export function xssJsonl() {
  return JSON.stringify({ id: 'xss-1', source: 'Test Gazette', title: XSS_TITLE, published: '2024-03-05', text: XSS_TEXT }) + '\n';
}

/** A folder with the articles (and the markup one), for path imports. */
export function articleFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-articles-'));
  const folder = join(dir, 'reports');
  mkdirSync(folder);
  for (const [name, text] of Object.entries(articles())) writeFileSync(join(folder, name), text);
  writeFileSync(join(folder, 'markup.jsonl'), xssJsonl());
  return folder;
}
