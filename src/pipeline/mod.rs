//! The stages every command runs, in order:
//!
//! 1. [`load`]: the theme, the pages, the files beside them and the UI strings,
//!    with the Fluent lint;
//! 2. [`Loaded::resolve`]: URLs, fallbacks, translation state, aliases, the
//!    renderer and the search indexers (with their thesauri);
//! 3. the page pass ([`pages`]): parse, validate and render each page; the same
//!    parse cuts each article into search sections, and each locale's search
//!    index is built while the next locale renders ([`render_and_index`]);
//! 4. the writes ([`write`]): media, the site's own pages, sitemaps.
//!
//! `kbgen build` runs them all into a staging folder, `kbgen serve` into memory (and
//! again for what an edit touches), `kbgen check` into nothing. Each validation
//! lives in one stage and reports a [`Problem`], so the three commands find the
//! same errors; only what `--strict` is about (stale strings, unused files) stays
//! the check's own.

pub mod pages;
pub mod write;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::i18n::Localizer;
use crate::load::SourcePage;
use crate::media::Catalog;
use crate::problem::{Kind, Level, Problem};
use crate::render::{Renderer, SearchLinks};
use crate::resolve::{self, Site};
use crate::search::{self, Indexer};
use crate::theme::Theme;

pub use pages::{
    Indexed, Job, Keep, Outcome, PendingIndex, Role, check_anchors, check_anchors_of, jobs,
    page_errors, render_and_index, render_pages,
};
pub use write::{write_assets, write_media, write_site_files, write_sitemaps, write_special_pages};

/// What the load stage read, before anything is resolved.
pub struct Loaded {
    pub config: Config,
    pub theme: Theme,
    pub pages: Vec<SourcePage>,
    catalog: Catalog,
    /// `None` when the UI strings are broken.
    localizer: Option<Localizer>,
    /// Every problem found so far, lint findings of every level included.
    pub problems: Vec<Problem>,
    /// What only the build prints: messages a locale lacks and shows in the default
    /// locale's words (`kbgen check` reports them as [`Kind::FluentMissing`]).
    notices: Vec<Diagnostic>,
}

/// Reads the theme, the content, the files beside the pages and the UI strings.
/// Problems are collected, so that a writer sees every one of a build at once; only
/// what stops everything (an unreadable content folder) is an `Err`.
pub fn load(config: Config) -> Result<Loaded> {
    let theme = Theme::load(&config)?;
    let loaded = crate::load::load(&config)?;
    let mut problems = Vec::new();
    let front = |level, d| Problem::new(level, Kind::FrontMatter, d);
    problems.extend(loaded.errors.into_iter().map(|d| front(Level::Error, d)));
    problems.extend(
        loaded
            .warnings
            .into_iter()
            .map(|d| front(Level::Warning, d)),
    );
    if let Some(brand) = &config.brand {
        let site_yaml = config.root.join(crate::config::CONFIG_FILE);
        let contrast = |d| Problem::new(Level::Warning, Kind::Brand, d);
        problems.extend(brand.stylesheet(&site_yaml).1.into_iter().map(contrast));
    }
    let mut notices = Vec::new();
    let localizer = Localizer::load(&config, &mut notices)
        .map_err(|e| {
            let syntax = |d| Problem::new(Level::Error, Kind::FluentSyntax, d);
            problems.extend(e.diagnostics().into_iter().map(syntax));
        })
        .ok();
    // What `kbgen check` calls a Fluent error fails the build too, pointing at the
    // .ftl line rather than at every template line that would show the message.
    let lint = crate::i18n::lint::check(&config, &theme);
    let fluent_ok = lint.iter().all(|p| p.level != Level::Error);
    problems.extend(lint);
    let (catalog, media_errors) = Catalog::new(&config, loaded.media);
    let image = |d| Problem::new(Level::Error, Kind::Image, d);
    problems.extend(media_errors.into_iter().map(image));
    Ok(Loaded {
        config,
        theme,
        pages: loaded.pages,
        catalog,
        localizer: localizer.filter(|_| fluent_ok),
        problems,
        notices,
    })
}

/// What the resolve stage leaves: the site, when it resolves, and what renders and
/// indexes it.
pub struct Resolved {
    pub site: Option<Site>,
    /// `None` when the templates or UI strings are broken; pages are still parsed,
    /// so that every content error is reported.
    pub renderer: Option<Renderer>,
    /// By locale; `None` when a synonyms file is broken.
    pub indexers: Option<Vec<Indexer>>,
    pub problems: Vec<Problem>,
    notices: Vec<Diagnostic>,
}

impl Loaded {
    /// Resolves URLs, fallbacks, translation state and aliases, and compiles the
    /// templates.
    pub fn resolve(self) -> Resolved {
        let Loaded {
            config,
            theme,
            pages,
            catalog,
            localizer,
            mut problems,
            notices,
        } = self;
        let url = |d| Problem::new(Level::Error, Kind::Url, d);
        let site = match resolve::resolve(config, pages) {
            Ok(site) => site.with_media(catalog),
            Err(e) => {
                problems.extend(e.diagnostics().into_iter().map(url));
                return Resolved {
                    site: None,
                    renderer: None,
                    indexers: None,
                    problems,
                    notices,
                };
            }
        };
        problems.extend(crate::aliases::resolve(&site).1.into_iter().map(url));
        let links = search_links(&site);
        let renderer = localizer.and_then(|l| {
            Renderer::new(&site, theme, l, links)
                .map_err(|e| {
                    let template = |d| Problem::new(Level::Error, Kind::Template, d);
                    problems.extend(e.diagnostics().into_iter().map(template));
                })
                .ok()
        });
        let indexers = Indexer::all(site.config())
            .map_err(|e| {
                let synonyms = |d| Problem::new(Level::Error, Kind::Synonyms, d);
                problems.extend(e.diagnostics().into_iter().map(synonyms));
            })
            .ok();
        Resolved {
            site: Some(site),
            renderer,
            indexers,
            problems,
            notices,
        }
    }
}

/// A site loaded and resolved, with what renders it: everything before the page
/// pass, as the build and serve see it.
pub struct Prepared {
    pub site: Site,
    /// `None` when the templates or UI strings are broken; pages are still parsed,
    /// so that every content error is reported.
    pub renderer: Option<Renderer>,
    /// By locale; `None` when a synonyms file is broken.
    pub indexers: Option<Vec<Indexer>>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

/// Loads and resolves the site. Errors are collected; only a site that cannot be
/// resolved at all is an `Err`.
pub fn prepare(config: Config) -> Result<Prepared> {
    load(config)?.resolve().prepared()
}

impl Resolved {
    /// The resolved site with its problems sorted into errors and warnings (lint
    /// findings are `kbgen check`'s own); an `Err` when there is no site.
    pub fn prepared(self) -> Result<Prepared> {
        let Resolved {
            site,
            renderer,
            indexers,
            problems,
            notices,
        } = self;
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for p in problems {
            match p.level {
                Level::Error => errors.push(p.diagnostic),
                Level::Warning if !p.kind.is_lint() => warnings.push(p.diagnostic),
                _ => {}
            }
        }
        warnings.extend(notices);
        let Some(site) = site else {
            // The warnings too: the writer should not learn of them one fix later.
            errors.extend(warnings);
            return Err(content_errors(errors));
        };
        Ok(Prepared {
            site,
            renderer,
            indexers,
            warnings,
            errors,
        })
    }
}

/// Where each locale's search page and index are, and the default locale's index
/// as the fallback of the others.
fn search_links(site: &Site) -> Vec<SearchLinks> {
    let def = site.config().default_locale;
    site.locales()
        .iter()
        .enumerate()
        .map(|(l, ls)| {
            let other = (l != def).then(|| search::meta_url(site.config(), def));
            SearchLinks {
                page: ls.search.url.clone(),
                meta: search::meta_url(site.config(), l),
                fallback_name: other
                    .as_ref()
                    .map(|_| site.config().locales[def].name.clone()),
                fallback: other,
                log: site.config().search_log_endpoint.clone(),
            }
        })
        .collect()
}

/// The error of a build that found problems in the content: each once, in order.
pub fn content_errors(mut errors: Vec<Diagnostic>) -> Error {
    errors.sort();
    errors.dedup();
    Error::Content(errors)
}
