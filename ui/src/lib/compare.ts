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
  note?: string | null;
}

export interface QuoteVariant extends Variant {
  speaker?: string | null;
  status?: string;
  spelling_only?: boolean;
  excerpt?: boolean;
  diff?: { op: 'equal' | 'delete' | 'insert' | string; text: string }[] | null;
}

export interface Quote {
  speaker: string | null;
  status: 'verbatim' | 'altered' | 'unique' | string;
  variants: QuoteVariant[];
  speakers_differ?: boolean;
  spelling_only?: boolean;
  diff?: unknown;
}

export interface EntityVariants {
  name: string;
  type: string;
  spelling_variants?: boolean;
  // Linked because one article names it where another names the other inside a shared passage.
  renamed_in_shared_text?: boolean;
  variants: { text: string; articles: number[] }[];
}

export interface Reuse {
  articles: [number, number];
  share: [number, number];
  direction?: [number, number] | null;
  wire?: string[];
  passages: { a_start: number; a_end: number; b_start: number; b_end: number; text: string; words?: number; quotation?: boolean }[];
}

export interface UniqueClaim {
  kind: string;
  article: number;
  field?: 'text' | 'title';
  text: string;
  start: number;
  end: number;
}

export interface StoryRef {
  id: number;
  title: string | null;
  date?: string | null;
  place?: { name: string } | string | null;
  sources?: string[];
  articles?: number[];
}

export interface Comparison {
  story: StoryRef | number;
  articles: CompareArticle[];
  summary?: { claims?: Record<string, number>; when_where?: Record<string, number>; quotes?: Record<string, number>; entity_variants?: number; reuse_pairs?: number; unique?: number };
  claims: Claim[];
  when?: Claim[];
  where?: Claim[];
  quotes: Quote[];
  entities: EntityVariants[];
  reuse: Reuse[];
  unique?: UniqueClaim[];
}

/** Figures, dates and places in one list, each row labelled with its section. */
export function allClaims(c: Comparison): Claim[] {
  return [...(c.when ?? []), ...(c.where ?? []), ...c.claims];
}

export function outletName(article: CompareArticle | undefined): string {
  if (!article) return '?';
  return article.source ?? article.external_id;
}

export function storyTitle(c: Comparison): string {
  return typeof c.story === 'number' ? `Story ${c.story}` : (c.story.title ?? `Story ${c.story.id}`);
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
  for (const claim of allClaims(c)) {
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
  if (c.unique && c.unique.length > 0) {
    lines.push('', '## Claims only one outlet makes', '');
    for (const u of c.unique) lines.push(`- ${outletName(byId.get(u.article))} (${u.kind}): “${u.text.replace(/\n/g, ' ')}” [${u.start}–${u.end}]`);
  }
  lines.push('', '## Text reuse', '');
  for (const r of c.reuse) {
    const [a, b] = r.articles.map((id) => outletName(byId.get(id)));
    lines.push(`### ${a} ↔ ${b} (${Math.round(r.share[0] * 100)}% / ${Math.round(r.share[1] * 100)}%)`, '');
    for (const p of r.passages) lines.push(`> ${p.text.replace(/\n/g, ' ')}`, '');
  }
  return lines.join('\n') + '\n';
}
