// Shapes of what the backend returns (the core's JSON, as `parallax ... --json` prints it).

export interface Filter {
  sources?: string[];
  languages?: string[];
  from?: string | null;
  to?: string | null;
  stories?: number[];
}

export interface Page<T> {
  total: number;
  offset: number;
  items: T[];
}

export interface ArticleSummary {
  id: number;
  external_id: string;
  path: string | null;
  source: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string | null;
  chars: number;
}

export interface Hit extends ArticleSummary {
  score: number;
  snippet: string;
  title_highlighted: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  total: number;
  sources: FacetCount[];
  languages: FacetCount[];
  months: FacetCount[];
  undated: number;
  stories?: StoryFacet[];
  /** Counts taken up to two seconds ago while an import runs. */
  provisional?: boolean;
}

export interface StoryFacet {
  story: number;
  title: string | null;
  date: string | null;
  count: number;
}

export interface Source {
  id: number;
  name: string;
  domain: string | null;
  articles: number;
}

export interface Stats {
  articles: number;
  sources: number;
  batches: number;
  duplicate_occurrences: number;
  near_duplicate_links: number;
  chars: number;
  first_published: string | null;
  last_published: string | null;
  undated: number;
  languages: Record<string, number>;
  formats: Record<string, number>;
  schema_version: number;
}

export interface ArchiveInfo {
  path: string;
  stats: Stats;
  transport: 'tauri' | 'http';
}

export interface Batch {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: string;
  inputs: string[];
  counts: { imported: number; duplicates: number; near_duplicates: number; failed: number; skipped: number };
}

export interface ImportProgress {
  /** True while the import waits for another import of the same archive to finish. */
  waiting?: boolean;
  files_done: number;
  files_total: number;
  current: string;
  imported: number;
  duplicates: number;
  failed: number;
}

export interface BatchError {
  path: string;
  line?: number | null;
  record?: string | null;
  error: string;
  [key: string]: unknown;
}

export interface ImportReport {
  batch: number;
  imported: number;
  duplicates: number;
  near_duplicates: number;
  skipped: number;
  failed: BatchError[];
  duplicate_of: { path: string; line?: number; record?: string; article: number; external_id: string }[];
  near_duplicate_links: { article: number; near: number; similarity: number }[];
  warnings: { path: string; message: string }[];
  article_ids: number[];
  cancelled: boolean;
}

export interface Occurrence {
  path: string;
  record: string | null;
  line: number | null;
  format: string;
  duplicate: boolean;
  batch: number | null;
}

/** An extracted item with its span (Unicode scalar offsets into `field`). */
export interface Anchored {
  field?: 'text' | 'title';
  start: number;
  end: number;
  text: string;
  kind?: string;
  [key: string]: unknown;
}

export interface Extraction {
  entities?: Anchored[];
  dates?: Anchored[];
  figures?: Anchored[];
  quotes?: Anchored[];
  events?: (Anchored & { trigger?: [number, number] })[];
  main_event?: { event: number; type: string; date: string | null; place: { name: string; lat: number; lon: number } | null; killed: number | null; injured: number | null } | null;
  [key: string]: unknown;
}

export interface ArticleView extends ArticleSummary, Extraction {
  record: string | null;
  source_id: number | null;
  canonical_url: string | null;
  author: string | null;
  format: string;
  partial: boolean;
  imported_at: string;
  text: string;
  occurrences: Occurrence[];
  near_duplicates: (ArticleSummary & { similarity: number })[];
  extraction?: Extraction | null;
  story?: { id: number; title: string } | null;
}

/** One passage of a judged finding, as it was when judged. */
export interface FindingPassage {
  article: number;
  external_id: string;
  field: 'text' | 'title';
  start: number;
  end: number;
  text: string;
}

/** A researcher's verdict on a comparison finding (`parallax verdict list --json`). */
export interface Verdict {
  key: string;
  verdict: 'confirmed' | 'wrong';
  note: string | null;
  story: number | null;
  kind: string;
  label: string;
  status: string | null;
  passages: FindingPassage[];
  decided_at: string;
}
