// The comparison of one story (the `parallax compare --json` contract):
// its types, generated from the core's (`src/compare/findings.rs`), under the names
// the screens use, and helpers for showing it. The Markdown report is the
// core's (`compare_markdown`).

import type { ArticleRef } from './generated/ArticleRef';
import type { Comparison } from './generated/Comparison';
import type { Claim } from './generated/Claim';
import type { Variant } from './generated/Variant';
import type { Note } from './generated/Note';

export type { Comparison, Claim, Variant };
export type { Status } from './generated/Status';
export type { DiffPart } from './generated/DiffPart';
export type { QuoteVariant } from './generated/QuoteVariant';
export type { QuoteGroup as Quote } from './generated/QuoteGroup';
export type { Mention } from './generated/Mention';
export type { EntityVariant } from './generated/EntityVariant';
export type { EntityGroup as EntityVariants } from './generated/EntityGroup';
export type { Participant } from './generated/Participant';
export type { Passage } from './generated/Passage';
export type { Reuse } from './generated/Reuse';
export type { UniqueClaim } from './generated/UniqueClaim';
export type { Summary as ComparisonSummary } from './generated/Summary';

/** An article of the comparison. */
export type CompareArticle = ArticleRef;

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

/** The key of every finding of a comparison, in the order the screen shows
 * them (notes and verdicts on findings are stored by these keys). */
export function findingKeys(c: Comparison): string[] {
  return [
    ...allClaims(c).map((claim) => claim.key),
    ...c.participants.flatMap((p) => [p.key, ...p.attributes.map((a) => a.key)]),
    ...c.statements.map((s) => s.key),
    ...c.quotes.map((q) => q.key),
    ...c.entities.map((e) => e.key),
    ...c.reuse.map((r) => r.key),
    ...c.unique.map((u) => u.key),
  ];
}

/** Notes grouped by the finding they are on. */
export function notesByFinding(notes: Note[]): Map<string, Note[]> {
  const grouped = new Map<string, Note[]>();
  for (const note of notes) {
    if (!note.finding) continue;
    grouped.set(note.finding, [...(grouped.get(note.finding) ?? []), note]);
  }
  return grouped;
}

/** The statuses in the order the legend shows them. */
export const STATUSES = ['agreed', 'compatible', 'differs', 'conflict', 'single', 'unique'] as const;
