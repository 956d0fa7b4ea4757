//! Entities, stories and their comparison: listing, the user's decisions
//! (merge, split, move, rename) and verdicts on findings.

use crate::compare::Comparison;
use crate::model::{StorySummary, Verdict};
use crate::research;
use crate::store::{Coverage, EntitySummary};
use crate::views::{self, MapPlace};

use super::replies::{Cleared, EntityChanged, Reply};
use crate::app::application::{Application, Now};
use crate::app::arguments::{
    EntitiesArgs, EntitySplitArgs, IdArgs, MergeArgs, NoArgs, RenameArgs, StoryMoveArgs,
    StorySplitArgs, VerdictClearArgs, VerdictSetArgs, VerdictsArgs, story_id,
};

pub(super) fn entities(
    application: &Application,
    args: EntitiesArgs,
    _: &Now,
) -> Reply<Vec<EntitySummary>> {
    let limit = args.limit.unwrap_or(2000);
    application.read(|store| store.entities(args.kind.as_deref(), limit))
}

pub(super) fn places(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<MapPlace>> {
    application.read(|store| views::map_places(store, 2000))
}

pub(super) fn entity_merge(
    application: &Application,
    args: MergeArgs,
    _: &Now,
) -> Reply<EntityChanged> {
    application.write(|store| store.merge_entities(args.into, args.from))?;
    Ok(EntityChanged { entity: args.into })
}

pub(super) fn entity_split(
    application: &Application,
    args: EntitySplitArgs,
    _: &Now,
) -> Reply<EntityChanged> {
    let entity = application.write(|store| store.split_entity(args.id, &args.alias))?;
    Ok(EntityChanged { entity })
}

pub(super) fn entity_rename(
    application: &Application,
    args: RenameArgs,
    _: &Now,
) -> Reply<EntityChanged> {
    application.write(|store| store.rename_entity(args.id, &args.name))?;
    Ok(EntityChanged { entity: args.id })
}

pub(super) fn stories(application: &Application, _: NoArgs, _: &Now) -> Reply<Vec<StorySummary>> {
    application.stories()
}

pub(super) fn compare(application: &Application, args: IdArgs, _: &Now) -> Reply<Comparison> {
    let id = story_id(&args.id)?;
    application.read(|store| crate::app::compare_story(store, id))
}

/// The comparison as the readable report the CLI's `compare --md` prints.
pub(super) fn compare_markdown(application: &Application, args: IdArgs, _: &Now) -> Reply<String> {
    let id = story_id(&args.id)?;
    application.read(|store| research::comparison_report(store, id))
}

pub(super) fn coverage(application: &Application, _: NoArgs, _: &Now) -> Reply<Coverage> {
    application.read(|store| store.coverage())
}

pub(super) fn story_move(
    application: &Application,
    args: StoryMoveArgs,
    now: &Now,
) -> Reply<StorySummary> {
    application.write(|store| {
        crate::app::move_article(store, args.article, args.story, &now.timestamp)?;
        store.story(args.story)
    })
}

pub(super) fn story_split(
    application: &Application,
    args: StorySplitArgs,
    now: &Now,
) -> Reply<StorySummary> {
    application.write(|store| {
        let new = crate::app::split_story(store, args.story, &args.articles, &now.timestamp)?;
        store.story(new)
    })
}

pub(super) fn story_merge(
    application: &Application,
    args: MergeArgs,
    now: &Now,
) -> Reply<StorySummary> {
    application.write(|store| {
        crate::app::merge_stories(store, args.into, args.from, &now.timestamp)?;
        store.story(args.into)
    })
}

pub(super) fn verdict_set(
    application: &Application,
    args: VerdictSetArgs,
    now: &Now,
) -> Reply<Verdict> {
    let judgement = args.judgement()?;
    application.write(|store| {
        crate::app::set_verdict(
            store,
            args.story,
            &args.key,
            judgement,
            args.note.as_deref(),
            &now.timestamp,
        )
    })
}

pub(super) fn verdict_clear(
    application: &Application,
    args: VerdictClearArgs,
    _: &Now,
) -> Reply<Cleared> {
    application.write(|store| crate::app::clear_verdict(store, args.story, &args.key))?;
    Ok(Cleared { cleared: args.key })
}

pub(super) fn verdicts(
    application: &Application,
    args: VerdictsArgs,
    _: &Now,
) -> Reply<Vec<Verdict>> {
    application.read(|store| crate::app::verdicts(store, args.story))
}
