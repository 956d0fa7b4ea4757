// The comparison of one story (the `parallax compare --json` contract) and
// its Markdown export.

import type { Verdict } from './types';

export interface CompareArticle {
  id: number;
  external_id: string;
  source: string | null;
  title: string | null;
  published: string | null;
}

/** Status of a finding across outlets (`compare::Status`, and the quotation statuses). */
export type Status = 'agreed' | 'compatible' | 'differs' | 'conflict' | 'unique';

export interface Variant {
  article: number;
  field: 'text' | 'title';
  text: string;
  start: number;
  end: number;
  value: number | null;
  low?: number | null;
  high?: number | null;
  qualifier?: string;
  date?: string;
  place?: string;
  /** The value as read, for participants' attributes ("32", "critical"). */
  reading?: string;
}

export interface Claim {
  key: string;
  /** `figure`, `date`, `place`, `event`, `statement`, `attribute`. */
  kind: string;
  subject: string;
  status: Status;
  variants: Variant[];
  /** Why the status was given (a conflict's reason). */
  note?: string;
  /** Set for background claims: why they were read as background. */
  scope?: string;
}

export interface DiffPart {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

export interface QuoteVariant {
  article: number;
  field: 'text' | 'title';
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  status: 'reference' | 'verbatim' | 'altered' | string;
  spelling_only: boolean;
  excerpt: boolean;
  diff?: DiffPart[];
}

export interface Quote {
  key: string;
  speaker: string | null;
  /** `single`: only one outlet quotes it, but others report it in their own words. */
  status: 'verbatim' | 'altered' | 'unique' | 'single' | string;
  speakers_differ: boolean;
  spelling_only: boolean;
  variants: QuoteVariant[];
  diff?: string;
}

export interface Mention {
  article: number;
  field: 'text' | 'title';
  start: number;
  end: number;
}

export interface EntityVariant {
  text: string;
  articles: number[];
  mentions: Mention[];
}

export interface EntityVariants {
  key: string;
  name: string;
  type: string;
  spelling_variants: boolean;
  aliases: boolean;
  // Linked because one article names it where another names the other inside a shared passage.
  renamed_in_shared_text?: boolean;
  variants: EntityVariant[];
}

/** A person of the story with what each outlet says of them. */
export interface Participant {
  key: string;
  name: string;
  /** `victim`, `suspect`, `witness`, `official`; absent when unclear. */
  role?: string;
  titles: string[];
  articles: number[];
  names: EntityVariant[];
  /** `age`, `residence`, `condition`, `charges`, … compared across outlets. */
  attributes: Claim[];
}

export interface Passage {
  key: string;
  a_start: number;
  a_end: number;
  b_start: number;
  b_end: number;
  text: string;
  words: number;
  quotation: boolean;
}

export interface Reuse {
  key: string;
  articles: [number, number];
  share: [number, number];
  direction: [number, number] | null;
  wire: string[];
  passages: Passage[];
}

export interface UniqueClaim {
  key: string;
  kind: string;
  article: number;
  field: 'text' | 'title';
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

export interface ComparisonSummary {
  claims: Record<string, number>;
  when_where: Record<string, number>;
  quotes: Record<string, number>;
  statements: Record<string, number>;
  participants: Record<string, number>;
  entity_variants: number;
  reuse_pairs: number;
  unique: number;
}

export interface Comparison {
  story: StoryRef;
  articles: CompareArticle[];
  summary: ComparisonSummary;
  claims: Claim[];
  when: Claim[];
  where: Claim[];
  statements: Claim[];
  quotes: Quote[];
  participants: Participant[];
  entities: EntityVariants[];
  reuse: Reuse[];
  unique: UniqueClaim[];
  /** The researcher's verdicts on these findings, by finding key. */
  verdicts: Record<string, Verdict>;
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
  return c.story.title ?? `Story ${c.story.id}`;
}

/** What a participant's attribute reads in one outlet ("32", "critical"), else its passage. */
export function reading(v: Variant): string {
  return v.reading ?? (v.value !== null && v.value !== undefined ? String(v.value) : v.text);
}

/** The statuses in the order the legend shows them. */
export const STATUSES = ['agreed', 'compatible', 'differs', 'conflict', 'single', 'unique'] as const;

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
  if (c.participants.length > 0) {
    lines.push('', '## Participants', '', `| Participant | Status | ${c.articles.map((a) => cell(outletName(a))).join(' | ')} |`);
    lines.push(`|---|---|${c.articles.map(() => '---').join('|')}|`);
    for (const p of c.participants) {
      const names = c.articles.map((a) => cell(p.names.filter((n) => n.articles.includes(a.id)).map((n) => n.text).join(' / ')));
      lines.push(`| **${cell(p.name)}**${p.role ? ` (${p.role})` : ''} | | ${names.join(' | ')} |`);
      for (const attribute of p.attributes) {
        const row = c.articles.map((a) => cell(attribute.variants.filter((v) => v.article === a.id).map(reading).join('; ')));
        const why = attribute.note ? ` — ${attribute.note}` : '';
        lines.push(`| ${cell(attribute.subject)} | ${attribute.status}${cell(why)} | ${row.join(' | ')} |`);
      }
    }
  }
  if (c.statements.length > 0) {
    lines.push('', '## Statements', '');
    for (const st of c.statements) {
      lines.push(`- ${st.status}${st.note ? ` (${st.note})` : ''}:`);
      for (const v of st.variants) lines.push(`  - ${outletName(byId.get(v.article))}: “${v.text.replace(/\n/g, ' ')}” [${v.start}–${v.end}]`);
    }
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
  const verdicts = Object.values(c.verdicts);
  if (verdicts.length > 0) {
    lines.push('## Verdicts', '');
    for (const v of verdicts) lines.push(`- ${v.verdict === 'confirmed' ? '✓ confirmed' : '✗ wrong'} \`${v.key}\` ${v.kind}: ${v.label.replace(/\n/g, ' ')}${v.note ? ` — ${v.note}` : ''}`);
    lines.push('');
  }
  return lines.join('\n') + '\n';
}
