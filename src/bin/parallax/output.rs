//! What the CLI prints: JSON for machines, aligned text for people.
//!
//! Archive data is hostile until shown (issue 13): a file name or an
//! article can hold escape sequences that move the cursor, retitle the
//! terminal or hide text. Every line of text output made of archive data
//! goes through [`say!`] or [`tell!`], which write control characters as
//! visible escapes ([`line`], [`block`]); JSON output escapes the ones
//! serde_json leaves raw.

use std::borrow::Cow;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use parallax::Error;
use parallax::export::ArticleRecord;
use parallax::ingest::{ImportReport, Progress};
use parallax::model::{ArticleSummary, Page, Source};
use parallax::search::{Ranking, SearchPage};
use parallax::store::{Batch, Note, Occurrence, Stats};
use serde::Serialize;

/// `println!` for a line made of archive data: it passes through [`line`].
macro_rules! say {
    ($($arg:tt)*) => {
        println!("{}", $crate::output::line(&format!($($arg)*)))
    };
}
pub(crate) use say;

/// `eprintln!` for a line made of archive data: it passes through [`line`].
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::output::line(&format!($($arg)*)))
    };
}
pub(crate) use tell;

/// True for characters a terminal would act on rather than show: C0 and
/// C1 controls, DEL, and the bidirectional controls that reorder what is
/// shown around them.
fn acts_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| acts_on_terminal(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) && !keep(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line for a terminal: every control character written as an escape
/// (`\u{1b}`), line breaks and tabs included.
pub fn line(text: &str) -> Cow<'_, str> {
    escaped(text, |_| false)
}

/// A block of text for a terminal: as [`line`], but line breaks and tabs kept.
pub fn block(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c == '\n' || c == '\t')
}

/// Prints a value as pretty JSON on stdout. serde_json escapes C0 controls;
/// DEL, C1 controls and bidirectional controls it leaves raw, and they can
/// only occur inside strings, where `\uXXXX` means the same.
pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            let text: String = if text.chars().any(acts_on_terminal_in_json) {
                text.chars()
                    .map(|c| {
                        if acts_on_terminal_in_json(c) {
                            format!("\\u{:04x}", u32::from(c))
                        } else {
                            c.to_string()
                        }
                    })
                    .collect()
            } else {
                text
            };
            println!("{text}")
        }
        Err(e) => eprintln!("error: could not serialise output: {e}"),
    }
}

/// What [`print_json`] escapes after serde_json: not the line breaks and
/// spaces of its own layout (never inside strings, where serde_json escaped
/// every C0 control already).
fn acts_on_terminal_in_json(c: char) -> bool {
    acts_on_terminal(c) && !matches!(c, '\n' | '\r' | '\t')
}

/// `{"error": {"code", "message"}}`, the JSON twin of an error message.
#[derive(Serialize)]
pub struct Failure {
    error: FailureBody,
}

#[derive(Serialize)]
struct FailureBody {
    code: &'static str,
    message: String,
}

impl From<&Error> for Failure {
    fn from(error: &Error) -> Self {
        Failure {
            error: FailureBody {
                code: error.code(),
                message: error.to_string(),
            },
        }
    }
}

/// `show --json`: the article with where it was seen and its near-duplicates.
#[derive(Serialize)]
pub struct ArticleDetail {
    #[serde(flatten)]
    article: ArticleRecord,
    occurrences: Vec<Occurrence>,
    near_duplicates: Vec<NearDuplicate>,
    /// The researcher's tags on the article, by name.
    tags: Vec<String>,
    /// Notes and highlights on the article and its passages.
    notes: Vec<Note>,
    /// The article cited as text (Chicago author-date).
    citation: String,
}

/// What a researcher added to an article, shown with it.
pub struct Research {
    pub tags: Vec<String>,
    pub notes: Vec<Note>,
    pub citation: String,
}

#[derive(Serialize)]
struct NearDuplicate {
    #[serde(flatten)]
    article: ArticleSummary,
    similarity: f64,
}

impl ArticleDetail {
    pub fn new(
        article: ArticleRecord,
        occurrences: Vec<Occurrence>,
        near: Vec<(ArticleSummary, f64)>,
        research: Research,
    ) -> Self {
        let near_duplicates = near
            .into_iter()
            .map(|(article, similarity)| NearDuplicate {
                article,
                similarity,
            })
            .collect();
        ArticleDetail {
            article,
            occurrences,
            near_duplicates,
            tags: research.tags,
            notes: research.notes,
            citation: research.citation,
        }
    }
}

pub fn progress_bar(enabled: bool) -> Option<ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

pub fn update_bar(bar: &Option<ProgressBar>, progress: &Progress) {
    if let Some(bar) = bar {
        bar.set_length(progress.files_total);
        bar.set_position(progress.files_done);
        let name = progress
            .current
            .rsplit('/')
            .next()
            .unwrap_or(&progress.current);
        bar.set_message(format!(
            "{} new, {} duplicates, {} failed — {}",
            progress.imported,
            progress.duplicates,
            progress.failed,
            line(name)
        ));
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.to_string())
}

fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

pub fn articles(page: &Page<ArticleSummary>) {
    for a in &page.items {
        say!(
            "{:>6}  {:10}  {:24}  {}",
            a.id,
            date(a.published),
            clip(a.source.as_deref().unwrap_or("—"), 24),
            clip(a.title.as_deref().unwrap_or(&a.external_id), 80)
        );
    }
    say!(
        "{} of {} articles (from {})",
        page.items.len(),
        page.total,
        page.offset + 1
    );
    if let Some(next) = &page.next {
        say!("next page: --after '{next}'");
    }
}

pub fn article(
    record: &ArticleRecord,
    occurrences: &[Occurrence],
    near: &[(ArticleSummary, f64)],
    research: &Research,
) {
    let a = &record.article;
    say!("#{} {}", a.id, a.title.as_deref().unwrap_or("(untitled)"));
    say!("source:    {}", a.source.as_deref().unwrap_or("—"));
    say!("published: {}", date(a.published));
    if let Some(url) = &a.url {
        say!("url:       {url}");
    }
    say!(
        "language:  {}   format: {}   chars: {}",
        a.language.as_deref().unwrap_or("—"),
        a.format,
        a.chars
    );
    for o in occurrences {
        let kind = if o.duplicate { "duplicate" } else { "imported" };
        let at = o
            .record
            .as_deref()
            .map(|r| format!(" record {r}"))
            .or(o.line.map(|l| format!(" line {l}")))
            .unwrap_or_default();
        say!("{kind:>9}: {}{at}", o.path);
    }
    for (other, similarity) in near {
        say!(
            "near-duplicate: #{} ({:.0}%) {}",
            other.id,
            similarity * 100.0,
            other.title.as_deref().unwrap_or("")
        );
    }
    if let Some(main) = &record.extraction.main_event {
        let place = main
            .place
            .as_ref()
            .map(|p| format!("{}, {}", p.name, p.region.as_deref().unwrap_or(&p.country)))
            .unwrap_or_else(|| "—".into());
        let count = |v: Option<i64>| v.map_or_else(|| "—".to_string(), |v| v.to_string());
        say!(
            "main event: {} on {} in {} — killed {}, injured {}",
            main.kind,
            date(main.date),
            place,
            count(main.killed),
            count(main.injured)
        );
    }
    if !research.tags.is_empty() {
        say!("tags:      {}", research.tags.join(", "));
    }
    for note in &research.notes {
        let place = note
            .anchor
            .as_ref()
            .map(|a| format!(" on {:?}", a.quote))
            .unwrap_or_default();
        let orphaned = if note.orphaned { " [orphaned]" } else { "" };
        say!("note #{}{place}{orphaned}: {}", note.id, note.body);
    }
    say!("cite as:   {}", research.citation);
    println!("\n{}", block(&a.text));
}

/// A bar counting items (not files).
pub fn count_bar(enabled: bool, what: &'static str) -> Option<ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {what}"))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

pub fn hits(page: &SearchPage) {
    for hit in &page.items {
        let a = &hit.article;
        say!(
            "#{} {}  {}  {}",
            a.id,
            date(a.published),
            a.source.as_deref().unwrap_or("—"),
            a.title.as_deref().unwrap_or(&a.external_id)
        );
        println!("    {}", unmark(&hit.snippet));
    }
    let more = if page.total_exact { "" } else { "more than " };
    say!(
        "{} of {more}{} results",
        page.items.len(),
        page.total - u64::from(!page.total_exact)
    );
    if page.ranking == Ranking::NewestRanked {
        say!(
            "ranked by relevance among the newest {} matches, then newest imported first",
            parallax::search::RANKED_WINDOW
        );
    }
}

/// Terminal rendering of a marked snippet: the text escaped for the
/// terminal first, then matches in bold, entities decoded.
fn unmark(snippet: &str) -> String {
    line(snippet)
        .replace("<mark>", "\x1b[1m")
        .replace("</mark>", "\x1b[0m")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

pub fn sources(sources: &[Source]) {
    for s in sources {
        say!(
            "{:>5}  {:>6} articles  {}{}",
            s.id,
            s.articles,
            s.name,
            s.domain
                .as_deref()
                .filter(|d| *d != s.name)
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        );
    }
}

pub fn stats(s: &Stats, path: Option<&Path>) {
    if let Some(path) = path {
        say!("archive:        {}", path.display());
    }
    say!("articles:       {}", s.articles);
    say!("sources:        {}", s.sources);
    say!("imports:        {}", s.batches);
    say!("duplicates:     {} occurrences", s.duplicate_occurrences);
    say!("near-duplicate: {} links", s.near_duplicate_links);
    say!(
        "published:      {} – {} ({} undated)",
        s.first_published.as_deref().unwrap_or("—"),
        s.last_published.as_deref().unwrap_or("—"),
        s.undated
    );
    say!(
        "languages:      {}",
        s.languages
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    say!(
        "formats:        {}",
        s.formats
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

pub fn batches(batches: &[Batch]) {
    for b in batches {
        say!(
            "{:>4}  {}  {:11}  {} new, {} duplicates, {} near, {} failed  {}",
            b.id,
            b.started_at,
            b.status,
            b.counts.imported,
            b.counts.duplicates,
            b.counts.near_duplicates,
            b.counts.failed,
            clip(&b.inputs.join(" "), 60)
        );
    }
}

/// Duplicates and warnings listed before a summary line; the full lists are in `--json`.
const LISTED: usize = 10;

pub fn import_report(r: &ImportReport) {
    for d in r.duplicate_of.iter().take(LISTED) {
        tell!(
            "duplicate: {} repeats article #{} ({})",
            d.at,
            d.article,
            d.external_id
        );
    }
    if r.duplicate_of.len() > LISTED {
        tell!(
            "duplicate: … and {} more (see --json)",
            r.duplicate_of.len() - LISTED
        );
    }
    for w in r.warnings.iter().take(LISTED) {
        tell!("warning: {}: {}", w.path, w.message);
    }
    if r.warnings.len() > LISTED {
        tell!(
            "warning: … and {} more (see --json)",
            r.warnings.len() - LISTED
        );
    }
    for f in &r.failed {
        tell!("failed: {}: {}", f.at, f.error);
    }
    let cancelled = if r.cancelled { " (cancelled)" } else { "" };
    say!(
        "imported {} articles, {} duplicates, {} near-duplicates, {} skipped, {} failed{cancelled}",
        r.imported,
        r.duplicates,
        r.near_duplicates,
        r.skipped,
        r.failed.len()
    );
}

pub fn eval_scores(s: &parallax::eval::ExtractionScores) {
    say!(
        "{} articles scored, {} with a main event",
        s.articles,
        s.with_main_event
    );
    for (name, score) in [
        ("date", &s.date),
        ("city", &s.city),
        ("state", &s.state),
        ("killed", &s.killed),
        ("injured", &s.injured),
        ("date (published-date baseline)", &s.date_baseline_published),
    ] {
        say!(
            "{name:>32}: {:5.1}%  ({}/{})",
            score.accuracy * 100.0,
            score.correct,
            score.total
        );
    }
    if !s.misses.is_empty() {
        // A blank line, then the heading: `say!` shows a line break inside
        // its text as `\u{a}` (it is made for archive data).
        println!();
        say!("sample of misses:");
        for m in &s.misses {
            say!(
                "  {:8} {}  gold {:?}, found {:?}  — {}",
                m.field,
                m.article,
                m.gold,
                m.found,
                clip(m.title.as_deref().unwrap_or(""), 70)
            );
        }
    }
}
