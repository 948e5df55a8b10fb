//! `kbgen check`: the writers' CI gate. Translation status for every page × locale,
//! plus front matter, links, images, contact topics and Fluent strings, without
//! writing anything. Each stage of the build is reused as is; what the build would
//! reject is an error here too, and what only drifts (stale translations, expired
//! facts) is a warning that `--strict` turns into a failure.

pub mod against;
pub mod date;
pub mod fluent;
pub mod links;
pub mod output;
pub mod translations;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result, relative_path};
use crate::load;
use crate::resolve;
use crate::theme::Theme;

pub use date::Date;
pub use translations::{Status, Translation};

/// What a problem is about; stable names, part of the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Unreadable file, bad YAML, missing title, unknown key, bad date, symlink.
    FrontMatter,
    /// A slug that is not one URL segment, or two pages with one URL.
    Url,
    /// `review_by:` is in the past.
    Expired,
    /// A link to a page that does not exist, or out of the locale folder.
    Link,
    /// A link to a heading that does not exist.
    Anchor,
    /// A link into the contact flow with an unknown `topic`.
    ContactTopic,
    /// An image that is not published, or a link to a file beside the pages that
    /// is missing, a symbolic link or too large.
    Image,
    /// A file beside the pages that no page links, or one over `media: warn_size`.
    Media,
    /// An image without alt text.
    AltText,
    FluentSyntax,
    /// A message of the default locale that a locale lacks.
    FluentMissing,
    /// A message no template or other message uses.
    FluentUnused,
    /// A message whose `$variables` differ from the default locale's.
    FluentVariables,
    /// A URL of the previous build (`--against`) that is neither published nor
    /// redirected now.
    VanishedUrl,
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `kbgen build` would fail too.
    Error,
    /// The site builds, but something is stale, broken or missing: fails `--strict`.
    Warning,
    /// Worth knowing; never fails.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub level: Level,
    pub kind: Kind,
    pub diagnostic: Diagnostic,
}

impl Problem {
    pub fn new(level: Level, kind: Kind, diagnostic: Diagnostic) -> Problem {
        Problem {
            level,
            kind,
            diagnostic,
        }
    }
}

/// Everything `kbgen check` found.
#[derive(Debug)]
pub struct Report {
    /// Locale codes, in site.yaml's order.
    pub locales: Vec<String>,
    pub default_locale: String,
    pub today: Date,
    /// Every page key × locale other than the default, sorted by key then locale.
    pub translations: Vec<Translation>,
    /// Sorted by level, then file, line and column.
    pub problems: Vec<Problem>,
    /// The URLs the site would publish, for `--against`; `None` when it does not
    /// resolve.
    pub manifest: Option<crate::manifest::Manifest>,
}

impl Report {
    pub fn count(&self, level: Level) -> usize {
        self.problems.iter().filter(|p| p.level == level).count()
    }

    /// Translations that are not up to date.
    pub fn stale(&self) -> usize {
        self.translations
            .iter()
            .filter(|t| t.status != Status::UpToDate)
            .count()
    }

    /// Whether the check passes: no errors and, when strict, no warnings and every
    /// translation up to date.
    pub fn passes(&self, strict: bool) -> bool {
        self.count(Level::Error) == 0
            && (!strict || (self.count(Level::Warning) == 0 && self.stale() == 0))
    }
}

/// Checks the site of `config`, as of `today`.
pub fn check(config: Config, today: Date) -> Result<Report> {
    let theme = Theme::load(&config)?;
    let loaded = load::load(&config)?;
    let mut problems = Vec::new();
    for d in loaded.errors {
        problems.push(Problem::new(Level::Error, Kind::FrontMatter, d));
    }
    for d in loaded.warnings {
        problems.push(Problem::new(Level::Warning, Kind::FrontMatter, d));
    }
    for page in &loaded.pages {
        problems.extend(date::check_dates(page, today));
    }
    let translations = translations::statuses(&config, &loaded.pages);
    problems.extend(fluent::check(&config, &theme));
    let root = config.root.clone();
    let locales = config.locales.iter().map(|l| l.code.clone()).collect();
    let default_locale = config.default_locale().code.clone();
    let (catalog, media_errors) = crate::media::Catalog::new(&config, loaded.media);
    for d in media_errors {
        problems.push(Problem::new(Level::Error, Kind::Image, d));
    }
    let mut manifest = None;
    match resolve::resolve(config, loaded.pages) {
        Ok(mut site) => {
            site.media = catalog;
            problems.extend(links::check(&site, &theme));
            let (redirects, errors) = crate::aliases::resolve(&site);
            problems.extend(
                errors
                    .into_iter()
                    .map(|d| Problem::new(Level::Error, Kind::Url, d)),
            );
            manifest = Some(crate::manifest::Manifest::of(&site, &redirects));
        }
        Err(e) => {
            for d in e.diagnostics() {
                problems.push(Problem::new(Level::Error, Kind::Url, d));
            }
        }
    }
    // Paths as the writer knows them, the same as the build prints.
    for p in &mut problems {
        p.diagnostic = p.diagnostic.clone().relative_to(&root);
    }
    let mut translations = translations;
    for t in &mut translations {
        for path in [&mut t.path, &mut t.source].into_iter().flatten() {
            *path = relative_path(&root, path);
        }
    }
    // By file and line within a level, so a writer reads a file's problems together.
    problems
        .sort_by(|a, b| (a.level, &a.diagnostic, a.kind).cmp(&(b.level, &b.diagnostic, b.kind)));
    problems.dedup();
    Ok(Report {
        locales,
        default_locale,
        today,
        translations,
        problems,
        manifest,
    })
}
