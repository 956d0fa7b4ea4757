// The comparison of one story (the `parallax compare --json` contract) and
// its Markdown export.

export interface CompareArticle {
  id: number;
  external_id: string;
  source: string | null;
  title: string | null;
  published: string | null;
}

export interface Variant {
  article: number;
  text: string;
  value?: number | string | null;
  start: number;
  end: number;
  field?: 'text' | 'title';
}

export interface Claim {
  kind: string;
  subject: string;
  status: 'agreed' | 'compatible' | 'conflict' | 'unique' | string;
  variants: Variant[];
}

export interface Quote {
  speaker: string | null;
  status: 'verbatim' | 'altered' | 'unique' | string;
  variants: Variant[];
  diff?: unknown;
}

export interface EntityVariants {
  name: string;
  type: string;
  variants: { text: string; articles: number[] }[];
}

export interface Reuse {
  articles: [number, number];
  share: [number, number];
  passages: { a_start: number; a_end: number; b_start: number; b_end: number; text: string }[];
}

export interface Comparison {
  story: { id: number; title: string; date?: string | null; place?: unknown } | number;
  articles: CompareArticle[];
  claims: Claim[];
  quotes: Quote[];
  entities: EntityVariants[];
  reuse: Reuse[];
}

export function outletName(article: CompareArticle | undefined): string {
  if (!article) return '?';
  return article.source ?? article.external_id;
}

export function storyTitle(c: Comparison): string {
  return typeof c.story === 'number' ? `Story ${c.story}` : c.story.title;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown report: the findings table first, then the passages. */
export function toMarkdown(c: Comparison): string {
  const byId = new Map(c.articles.map((a) => [a.id, a]));
  const lines: string[] = [`# ${storyTitle(c)}`, ''];
  lines.push('## Articles', '');
  for (const a of c.articles) lines.push(`- ${outletName(a)}: ${a.title ?? a.external_id} (${a.published ?? 'undated'}, id ${a.id})`);
  lines.push('', '## Claims', '', `| Claim | Status | ${c.articles.map((a) => cell(outletName(a))).join(' | ')} |`);
  lines.push(`|---|---|${c.articles.map(() => '---').join('|')}|`);
  for (const claim of c.claims) {
    const row = c.articles.map((a) => cell(claim.variants.filter((v) => v.article === a.id).map((v) => v.text).join('; ')));
    lines.push(`| ${cell(`${claim.kind}: ${claim.subject}`)} | ${claim.status} | ${row.join(' | ')} |`);
  }
  lines.push('', '## Quotations', '');
  for (const q of c.quotes) {
    lines.push(`### ${q.speaker ?? 'Unattributed'} (${q.status})`, '');
    for (const v of q.variants) lines.push(`- ${outletName(byId.get(v.article))}: “${v.text}” [${v.start}–${v.end}]`);
    lines.push('');
  }
  lines.push('## Entity variants', '');
  for (const e of c.entities) {
    lines.push(`- **${e.name}** (${e.type}): ${e.variants.map((v) => `${v.text} — ${v.articles.map((id) => outletName(byId.get(id))).join(', ')}`).join('; ')}`);
  }
  lines.push('', '## Text reuse', '');
  for (const r of c.reuse) {
    const [a, b] = r.articles.map((id) => outletName(byId.get(id)));
    lines.push(`### ${a} ↔ ${b} (${Math.round(r.share[0] * 100)}% / ${Math.round(r.share[1] * 100)}%)`, '');
    for (const p of r.passages) lines.push(`> ${p.text.replace(/\n/g, ' ')}`, '');
  }
  return lines.join('\n') + '\n';
}
