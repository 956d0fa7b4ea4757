// Generated from src/app/commands.rs by src/app/typescript.rs: do not edit.
import type { ArchiveInfo } from "./ArchiveInfo";
import type { ArticleSummary } from "./ArticleSummary";
import type { ArticleView } from "./ArticleView";
import type { Batch } from "./Batch";
import type { CancelArgs } from "./CancelArgs";
import type { Cancelled } from "./Cancelled";
import type { Cleared } from "./Cleared";
import type { Comparison } from "./Comparison";
import type { Coverage } from "./Coverage";
import type { EntitiesArgs } from "./EntitiesArgs";
import type { EntityChanged } from "./EntityChanged";
import type { EntitySplitArgs } from "./EntitySplitArgs";
import type { EntitySummary } from "./EntitySummary";
import type { Facets } from "./Facets";
import type { Hit } from "./Hit";
import type { IdArgs } from "./IdArgs";
import type { ImportState } from "./ImportState";
import type { JobArgs } from "./JobArgs";
import type { ListArgs } from "./ListArgs";
import type { MapPlace } from "./MapPlace";
import type { MergeArgs } from "./MergeArgs";
import type { MetadataArgs } from "./MetadataArgs";
import type { NoArgs } from "./NoArgs";
import type { Page } from "./Page";
import type { RenameArgs } from "./RenameArgs";
import type { Source } from "./Source";
import type { Stats } from "./Stats";
import type { StoryMoveArgs } from "./StoryMoveArgs";
import type { StorySplitArgs } from "./StorySplitArgs";
import type { StorySummary } from "./StorySummary";
import type { Verdict } from "./Verdict";
import type { VerdictClearArgs } from "./VerdictClearArgs";
import type { VerdictSetArgs } from "./VerdictSetArgs";
import type { VerdictsArgs } from "./VerdictsArgs";

/** Every command both transports answer: its arguments and its reply. */
export type Commands = {
  archive: { args: NoArgs; reply: ArchiveInfo };
  stats: { args: NoArgs; reply: Stats };
  sources: { args: NoArgs; reply: Array<Source> };
  batches: { args: NoArgs; reply: Array<Batch> };
  articles: { args: ListArgs; reply: Page<ArticleSummary> };
  facets: { args: ListArgs; reply: Facets };
  search: { args: ListArgs; reply: Page<Hit> };
  article: { args: IdArgs; reply: ArticleView };
  update_article: { args: MetadataArgs; reply: ArticleView };
  rename_source: { args: RenameArgs; reply: Array<Source> };
  import_status: { args: JobArgs; reply: ImportState };
  import_cancel: { args: CancelArgs; reply: Cancelled };
  entities: { args: EntitiesArgs; reply: Array<EntitySummary> };
  places: { args: NoArgs; reply: Array<MapPlace> };
  entity_merge: { args: MergeArgs; reply: EntityChanged };
  entity_split: { args: EntitySplitArgs; reply: EntityChanged };
  entity_rename: { args: RenameArgs; reply: EntityChanged };
  stories: { args: NoArgs; reply: Array<StorySummary> };
  compare: { args: IdArgs; reply: Comparison };
  compare_markdown: { args: IdArgs; reply: string };
  coverage: { args: NoArgs; reply: Coverage };
  story_move: { args: StoryMoveArgs; reply: StorySummary };
  story_split: { args: StorySplitArgs; reply: StorySummary };
  story_merge: { args: MergeArgs; reply: StorySummary };
  verdict_set: { args: VerdictSetArgs; reply: Verdict };
  verdict_clear: { args: VerdictClearArgs; reply: Cleared };
  verdicts: { args: VerdictsArgs; reply: Array<Verdict> };
};

/** The name of a command of [`Commands`]. */
export type Command = keyof Commands;

/** Commands only `parallax serve` answers. */
export type HttpCommand = "upload" | "import_start";

/** Commands only the desktop window answers. */
export type WindowCommand = "import" | "pick_inputs" | "save_text" | "ui_ready";
