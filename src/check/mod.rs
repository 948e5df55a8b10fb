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

use std::collections::HashSet;

use crate::config::Config;
use crate::diagnostic::{Result, relative_path};
use crate::manifest::Manifest;
use crate::pipeline;
use crate::render::Renderer;
use crate::resolve::Site;
use crate::write::Discard;

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
    pub manifest: Option<Manifest>,
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

/// Checks the site of `config`, as of `today`: the build's stages without writing
/// anything, plus what only drifts.
pub fn check(config: Config, today: Date) -> Result<Report> {
    let root = config.root.clone();
    let locales = config.locales.iter().map(|l| l.code.clone()).collect();
    let default_locale = config.default_locale().code.clone();
    let mut loaded = pipeline::load(config)?;
    let mut problems = std::mem::take(&mut loaded.problems);
    for page in &loaded.pages {
        problems.extend(date::check_dates(page, today));
    }
    let translations = translations::statuses(&loaded.config, &loaded.pages);
    let assets: HashSet<String> = loaded.theme.assets.iter().map(|a| a.file.clone()).collect();
    let resolved = loaded.resolve();
    problems.extend(resolved.problems);
    let mut manifest = None;
    if let Some(site) = &resolved.site {
        let renderer = resolved.renderer.as_ref();
        problems.extend(links::check(site, renderer, &assets));
        manifest = Some(match renderer {
            Some(renderer) => site_files(site, renderer, &mut problems),
            None => Manifest::of(site, &crate::aliases::resolve(site).0),
        });
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

/// The pages that are not articles (root, 404, search, contact), the redirect
/// pages and the host files, rendered as the build renders them, and dropped.
fn site_files(site: &Site, renderer: &Renderer, problems: &mut Vec<Problem>) -> Manifest {
    let template = |d| Problem::new(Level::Error, Kind::Template, d);
    if let Err(e) = pipeline::write_site_files(site, renderer, &Discard) {
        problems.extend(e.diagnostics().into_iter().map(template));
    }
    match crate::publish::write_site_wide(site, renderer, &[], &Discard) {
        Ok((warnings, manifest)) => {
            let url = |d| Problem::new(Level::Warning, Kind::Url, d);
            problems.extend(warnings.into_iter().map(url));
            manifest
        }
        Err(e) => {
            problems.extend(e.diagnostics().into_iter().map(template));
            Manifest::of(site, &crate::aliases::resolve(site).0)
        }
    }
}
