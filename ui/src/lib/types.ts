// Shapes of what the backend returns: generated from the core's Rust types
// (`ui/src/lib/generated/`, see `src/app/typescript.rs`), re-exported here
// under the names the screens use.

import type { FilterSpec } from './generated/FilterSpec';
import type { Progress } from './generated/Progress';

export type { ArchiveInfo } from './generated/ArchiveInfo';
export type { ArticleSummary } from './generated/ArticleSummary';
export type { ArticleView } from './generated/ArticleView';
export type { Batch } from './generated/Batch';
export type { BatchError } from './generated/BatchError';
export type { Extraction } from './generated/Extraction';
export type { FacetCount } from './generated/FacetCount';
export type { Facets } from './generated/Facets';
export type { FindingPassage } from './generated/FindingPassage';
export type { Hit } from './generated/Hit';
export type { ImportReport } from './generated/ImportReport';
export type { Occurrence } from './generated/Occurrence';
export type { Page } from './generated/Page';
export type { Source } from './generated/Source';
export type { Stats } from './generated/Stats';
export type { StoryFacet } from './generated/StoryFacet';
export type { Verdict } from './generated/Verdict';

/** Filters as the UI sends them (`views::FilterSpec`). */
export type Filter = Partial<FilterSpec>;

/** Import progress, reported after each file. */
export type ImportProgress = Progress;

/** An extracted item with its span (Unicode scalar offsets into `field`). */
export interface Anchored {
  field?: 'text' | 'title';
  start: number;
  end: number;
  text: string;
  kind?: string;
  [key: string]: unknown;
}
