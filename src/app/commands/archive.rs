//! The archive's commands: what it holds (articles, outlets, statistics,
//! facets, search), imports, deletions and their undo.

use crate::model::{ArticleSummary, Page, Source};
use crate::research::{self, Retry};
use crate::search::{self, SearchPage, SearchQuery};
use crate::store::{Batch, ImportRecord, PageToken, Stats};
use crate::views::{self, ArticleView, Facets};

use super::replies::{ArchiveInfo, Cancelled, Removed, Reply, UndoState};
use crate::app::application::{Application, Now};
use crate::app::arguments::{
    ArticlesArgs, BatchArgs, CancelArgs, HistoryArgs, IdArgs, JobArgs, ListArgs, MetadataArgs,
    NoArgs, RenameArgs,
};
use crate::app::imports::ImportState;

pub(super) fn archive(application: &Application, _: NoArgs, _: &Now) -> Reply<ArchiveInfo> {
    let path = application.archive().path().display().to_string();
    let stats = application.read(|store| store.stats())?;
    Ok(ArchiveInfo {
        path,
        stats,
        transport: application.settings().transport.to_string(),
    })
}

pub(super) fn stats(application: &Application, _: NoArgs, _: &Now) -> Reply<Stats> {
    application.read(|store| store.stats())
}

pub(super) fn sources(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Source>> {
    application.read(|store| store.sources())
}

pub(super) fn batches(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<Batch>> {
    application.read(|store| store.batches(50))
}

pub(super) fn articles(
    application: &Application,
    args: ListArgs,
    _: &Now,
) -> Reply<Page<ArticleSummary>> {
    let filter = args.filter()?;
    let sort = views::parse_sort(args.sort.as_deref().unwrap_or(""))?;
    let offset = args.offset.unwrap_or(0);
    let limit = args.limit.unwrap_or(100).min(1000);
    let after = args.after.as_deref().map(PageToken::decode).transpose()?;
    application.read(|store| store.articles_page(&filter, sort, after.as_ref(), offset, limit))
}

pub(super) fn facets(application: &Application, args: ListArgs, now: &Now) -> Reply<Facets> {
    let spec = args.filter.unwrap_or_default();
    application.facets(&spec, args.query.as_deref(), now)
}

pub(super) fn search(application: &Application, args: ListArgs, _: &Now) -> Reply<SearchPage> {
    let request = SearchQuery {
        filter: args.filter()?,
        query: args.query.unwrap_or_default(),
        offset: args.offset.unwrap_or(0),
        limit: args.limit.unwrap_or(50).min(10_000),
    };
    application.read(|store| search::search(store, &request))
}

pub(super) fn article(application: &Application, args: IdArgs, _: &Now) -> Reply<ArticleView> {
    application.read(|store| views::article_view(store, &args.id))
}

pub(super) fn update_article(
    application: &Application,
    args: MetadataArgs,
    _: &Now,
) -> Reply<ArticleView> {
    let published = args.published()?;
    application.write(|store| {
        store.update_article_metadata(
            args.id,
            args.title.as_deref(),
            args.url.as_deref(),
            published,
            args.source.as_deref(),
        )?;
        views::article_view(store, &args.id.to_string())
    })
}

pub(super) fn rename_source(
    application: &Application,
    args: RenameArgs,
    _: &Now,
) -> Reply<Vec<Source>> {
    application.write(|store| {
        store.rename_source(args.id, &args.name)?;
        store.sources()
    })
}

pub(super) fn import_status(
    application: &Application,
    args: JobArgs,
    _: &Now,
) -> Reply<ImportState> {
    application.imports().state(args.job)
}

pub(super) fn import_cancel(
    application: &Application,
    args: CancelArgs,
    _: &Now,
) -> Reply<Cancelled> {
    let cancelled = application.imports().cancel(args.job)?;
    Ok(Cancelled { cancelled })
}

pub(super) fn delete_articles(
    application: &Application,
    args: ArticlesArgs,
    _: &Now,
) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_articles(&args.articles))?;
    Ok(Removed::from(&deletion))
}

pub(super) fn delete_batch(application: &Application, args: BatchArgs, _: &Now) -> Reply<Removed> {
    let deletion = application.delete(|store| store.delete_batch(args.batch))?;
    Ok(Removed::from(&deletion))
}

pub(super) fn undo(application: &Application, _: NoArgs, _: &Now) -> Reply<UndoState> {
    let restored = application.undo()?.map(|deletion| deletion.label());
    Ok(UndoState::new(restored, application.undo_label()))
}

pub(super) fn undo_state(application: &Application, _: NoArgs, _: &Now) -> Reply<UndoState> {
    Ok(UndoState::new(None, application.undo_label()))
}

pub(super) fn import_history(
    application: &Application,
    args: HistoryArgs,
    _: &Now,
) -> Reply<Vec<ImportRecord>> {
    application.read(|store| store.import_history(args.limit.unwrap_or(50)))
}

pub(super) fn import_retry_paths(
    application: &Application,
    args: BatchArgs,
    _: &Now,
) -> Reply<Retry> {
    // Neither transport knows the folder a CLI import ran in: a relative
    // path is refused by name, never looked up in this process's folder.
    application.read(|store| research::retry_paths(store, args.batch, None))
}
