//! `kbgen check`: the writers' CI gate. Translation status for every page × locale,
//! plus front matter, links, images, contact topics and Fluent strings, without
//! writing anything. Each stage of the build is reused as is; what the build would
//! reject is an error here too, and what only drifts (stale translations, expired
//! facts) is a warning that `--strict` turns into a failure.

pub mod against;
pub mod date;
pub mod links;
pub mod output;
pub mod translations;

use crate::config::Config;
use crate::diagnostic::{Result, relative_path};
use crate::load;
use crate::resolve;
use crate::theme::Theme;

pub use crate::problem::{Kind, Level, Problem};
pub use date::Date;
pub use translations::{Status, Translation};

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
    problems.extend(crate::i18n::lint::check(&config, &theme));
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
