//! The build pipeline: load -> parse -> resolve -> render -> write.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::i18n::Localizer;
use crate::markdown::{self, AnchorRef};
use crate::render::{Renderer, SearchLinks};
use crate::resolve::{self, Page, Site};
use crate::theme::Theme;
use crate::write::{Output, Staging};
use crate::{load, search, sitemap};

/// What a finished build reports.
#[derive(Debug)]
pub struct Report {
    /// Per locale code: (pages, of which fallbacks).
    pub locales: Vec<(String, usize, usize)>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

impl Report {
    pub fn pages(&self) -> usize {
        self.locales.iter().map(|l| l.1).sum()
    }
}

/// Which template a page is rendered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Home,
    /// Index into `LocaleSite::categories`.
    Category(usize),
    /// Index into `LocaleSite::articles`.
    Article(usize),
}

/// One page to render in one locale.
#[derive(Clone, Copy)]
pub struct Job<'a> {
    pub locale: usize,
    pub role: Role,
    pub page: &'a Page,
}

/// What a page leaves behind once written: only headings and anchors are kept, so
/// memory does not grow with the HTML of the whole site.
pub struct Outcome {
    pub ids: HashSet<String>,
    pub anchors: Vec<AnchorRef>,
    pub errors: Vec<Diagnostic>,
}

/// A site loaded and resolved, with what renders it: everything before the page pass.
pub struct Prepared {
    pub site: Site,
    /// `None` when the templates or UI strings are broken; pages are still parsed,
    /// so that every content error is reported.
    pub renderer: Option<Renderer>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

/// Loads the theme, the content and the UI strings, and resolves the site. Errors
/// are collected; only a site that cannot be resolved at all is an `Err`.
pub fn prepare(config: Config) -> Result<Prepared> {
    let theme = Theme::load(&config)?;
    let loaded = load::load(&config)?;
    let mut warnings = loaded.warnings;
    let mut errors = loaded.errors;
    // Fluent, template and content errors are all collected before giving up, so a
    // writer sees every problem of a build at once.
    let localizer = Localizer::load(&config, &mut warnings)
        .map_err(|e| errors.extend(e.diagnostics()))
        .ok();
    let site = match resolve::resolve(config, loaded.pages) {
        Ok(site) => site,
        Err(e) => {
            errors.extend(e.diagnostics());
            return Err(content_errors(errors));
        }
    };
    errors.extend(check_reserved_urls(&site));
    let links = search_links(&site);
    let renderer = localizer.and_then(|l| {
        Renderer::new(&site, theme, l, links)
            .map_err(|e| errors.extend(e.diagnostics()))
            .ok()
    });
    Ok(Prepared {
        site,
        renderer,
        warnings,
        errors,
    })
}

/// Builds the site into `output`, atomically. `progress` shows a bar (on a terminal).
pub fn build(config: Config, output: &Path, progress: bool) -> Result<Report> {
    let started = Instant::now();
    let Prepared {
        site,
        renderer,
        warnings,
        mut errors,
    } = prepare(config)?;

    let jobs = jobs(&site);
    let bar = progress_bar(progress, jobs.len() as u64);
    let staging = Staging::new(output)?;

    // Anchors are checked once every page is parsed; if anything failed, the
    // staging folder is dropped.
    let outcomes = render_pages(&site, renderer.as_ref(), &jobs, &staging, &bar);
    errors.extend(outcomes.iter().flat_map(|o| o.errors.iter().cloned()));
    // The search index takes as long as the rest together: it is built alongside
    // the anchor check and the site files, unless the pages already failed.
    let pages_ok = errors.is_empty();
    let (more_errors, indexed) = rayon::join(
        || {
            let mut errors = check_anchors_of(&site, &jobs, &outcomes);
            if let Some(renderer) = &renderer
                && let Err(e) = write_site_files(&site, renderer, &staging)
            {
                errors.extend(e.diagnostics());
            }
            errors
        },
        // After the pages, so that the memory of the two passes does not add up.
        || pages_ok.then(|| write_search_indexes(&site, &staging)),
    );
    errors.extend(more_errors);
    bar.finish_and_clear();
    if !errors.is_empty() {
        return Err(content_errors(errors));
    }
    if let Some(indexed) = indexed {
        indexed?;
    }
    staging.commit()?;

    let locales = site
        .config
        .locales
        .iter()
        .zip(&site.locales)
        .map(|(l, ls)| (l.code.clone(), ls.pages().count(), ls.fallbacks))
        .collect();
    Ok(Report {
        locales,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// Links to missing anchors, once every page is parsed.
fn check_anchors_of(site: &Site, jobs: &[Job], outcomes: &[Outcome]) -> Vec<Diagnostic> {
    let ids: HashMap<(usize, &str), &HashSet<String>> = jobs
        .iter()
        .zip(outcomes)
        .map(|(job, o)| ((job.locale, job.page.key.as_str()), &o.ids))
        .collect();
    check_anchors(
        site,
        jobs.iter()
            .zip(outcomes)
            .map(|(job, o)| (job.locale, job.page.source, o.anchors.as_slice())),
        |locale, key| ids.get(&(locale, key)).copied(),
    )
}

/// Every page of the site, locale by locale: home, categories, articles.
pub fn jobs(site: &Site) -> Vec<Job<'_>> {
    let mut jobs = Vec::new();
    for (locale, ls) in site.locales.iter().enumerate() {
        jobs.push(Job {
            locale,
            role: Role::Home,
            page: &ls.home,
        });
        for (i, c) in ls.categories.iter().enumerate() {
            jobs.push(Job {
                locale,
                role: Role::Category(i),
                page: &c.page,
            });
        }
        for (i, a) in ls.articles.iter().enumerate() {
            jobs.push(Job {
                locale,
                role: Role::Article(i),
                page: &a.page,
            });
        }
    }
    jobs
}

/// The page pass: parse, render and write each page, in parallel. Without a
/// renderer pages are only parsed, for their errors.
pub fn render_pages(
    site: &Site,
    renderer: Option<&Renderer>,
    jobs: &[Job<'_>],
    output: &dyn Output,
    bar: &ProgressBar,
) -> Vec<Outcome> {
    jobs.par_iter()
        .map(|job| {
            let outcome = render_page(site, renderer, job, output);
            bar.inc(1);
            outcome
        })
        .collect()
}

/// Parses, renders and writes one page.
pub fn render_page(
    site: &Site,
    renderer: Option<&Renderer>,
    job: &Job<'_>,
    output: &dyn Output,
) -> Outcome {
    let urls = &site.locales[job.locale].urls;
    let url_of = |key: &str| urls.get(key).map(String::as_str);
    let source = &site.sources[job.page.source];
    let parsed = markdown::parse_with(source, &job.page.key, &url_of, &site.config.html);
    let mut errors = parsed.errors.clone();
    if let Some(renderer) = renderer.filter(|_| errors.is_empty()) {
        let html = match job.role {
            Role::Home => renderer.home(site, job.locale, &parsed),
            Role::Category(i) => renderer.category(site, job.locale, i, &parsed),
            Role::Article(i) => renderer.article(site, job.locale, i, &parsed),
        };
        match html {
            Ok(html) => {
                if let Err(e) = output.write(&job.page.file, html.as_bytes()) {
                    errors.extend(e.diagnostics());
                }
            }
            Err(d) => errors.push(d),
        }
    }
    Outcome {
        ids: parsed.headings.into_iter().map(|h| h.id).collect(),
        anchors: parsed.anchors,
        errors,
    }
}

/// Every `#anchor` must name a heading of the page it points to, as shown in the
/// same locale. `pages` gives each page's locale, source index and anchors;
/// `ids_of(locale, key)` the heading ids of a page.
pub fn check_anchors<'a, 'i>(
    site: &Site,
    pages: impl Iterator<Item = (usize, usize, &'a [AnchorRef])>,
    ids_of: impl Fn(usize, &str) -> Option<&'i HashSet<String>>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (locale, source, anchors) in pages {
        for a in anchors {
            let known = ids_of(locale, &a.key);
            if known.is_some_and(|k| k.contains(&a.anchor)) {
                continue;
            }
            let mut available: Vec<&str> = known
                .map(|k| k.iter().map(String::as_str).collect())
                .unwrap_or_default();
            available.sort_unstable();
            let source = &site.sources[source];
            let (line, col) = markdown::position(source, a.offset);
            let shown_in = &site.config.locales[locale].code;
            errors.push(
                Diagnostic::error(
                    &source.path,
                    format!(
                        "broken anchor `{}`: {}.md has no heading with id `{}` in locale {shown_in} (ids: {})",
                        a.href,
                        a.key,
                        a.anchor,
                        if available.is_empty() { "none".into() } else { available.join(", ") }
                    ),
                )
                .at(line, col),
            );
        }
    }
    errors
}

/// Everything besides the pages and the search indexes: root, 404 and search
/// pages, assets, sitemaps, robots.txt.
pub fn write_site_files(site: &Site, renderer: &Renderer, output: &dyn Output) -> Result<()> {
    let pages = write_special_pages(site, renderer, output);
    write_assets(renderer, output)?;
    write_sitemaps(site, output)?;
    pages
}

/// Builds and writes every locale's search index. Returns the files written, per
/// locale.
pub fn write_search_indexes(site: &Site, output: &dyn Output) -> Result<Vec<Vec<String>>> {
    // Locales are indexed in parallel; a locale is split only when there are
    // more cores than locales.
    let parts = rayon::current_num_threads().div_ceil(site.locales.len().max(1));
    (0..site.locales.len())
        .into_par_iter()
        .map(|l| search::index_locale(site, l, parts, output))
        .collect()
}

/// The language chooser at the root and the 404 page of every locale: they show
/// the locales' home pages and categories, not any one page.
pub fn write_special_pages(site: &Site, renderer: &Renderer, output: &dyn Output) -> Result<()> {
    let mut errors = Vec::new();
    match renderer.root(site) {
        Ok(html) => output.write("index.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for (l, locale) in site.config.locales.iter().enumerate() {
        match renderer.not_found(site, l) {
            Ok(html) => output.write(&format!("{}/404.html", locale.code), html.as_bytes())?,
            Err(d) => errors.push(d),
        }
    }
    // The default locale's 404 also at the root, where most hosts look for it.
    match renderer.not_found(site, site.config.default_locale) {
        Ok(html) => output.write("404.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for (l, locale) in site.config.locales.iter().enumerate() {
        match renderer.search_page(site, l) {
            Ok(html) => output.write(
                &format!("{}/search/index.html", locale.code),
                html.as_bytes(),
            )?,
            Err(d) => errors.push(d),
        }
    }
    if site.config.contact.is_some() {
        for (l, locale) in site.config.locales.iter().enumerate() {
            match renderer.contact_page(site, l) {
                Ok(html) => output.write(
                    &format!("{}/contact/index.html", locale.code),
                    html.as_bytes(),
                )?,
                Err(d) => errors.push(d),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(content_errors(errors))
    }
}

/// The contact flow owns `/<locale>/contact/`: a page there would be overwritten.
fn check_reserved_urls(site: &Site) -> Vec<Diagnostic> {
    if site.config.contact.is_none() {
        return Vec::new();
    }
    let mut errors = Vec::new();
    for (l, ls) in site.locales.iter().enumerate() {
        let reserved = crate::render::contact_url(site, l);
        for page in ls.pages().filter(|p| p.url == reserved && !p.fallback) {
            errors.push(Diagnostic::error(
                &site.sources[page.source].path,
                format!(
                    "this page's URL {reserved} is the contact flow's (contact.yaml); give the page another `slug`"
                ),
            ));
        }
        // A fallback page takes the URL from the default locale's slug.
        for page in ls.pages().filter(|p| p.url == reserved && p.fallback) {
            errors.push(Diagnostic::error(
                &site.sources[page.source].path,
                format!(
                    "this page, shown in {} too, takes the contact flow's URL {reserved}; give it another `slug`",
                    site.config.locales[l].code
                ),
            ));
        }
    }
    errors
}

/// Where each locale's search page and index are, and the default locale's index
/// as the fallback of the others.
fn search_links(site: &Site) -> Vec<SearchLinks> {
    let def = site.config.default_locale;
    site.locales
        .iter()
        .enumerate()
        .map(|(l, ls)| {
            let other = (l != def).then(|| search::meta_url(&site.config, def));
            SearchLinks {
                page: format!("{}search/", ls.home.url),
                meta: search::meta_url(&site.config, l),
                fallback_name: other
                    .as_ref()
                    .map(|_| site.config.locales[def].name.clone()),
                fallback: other,
                log: site.config.search_log_endpoint.clone(),
            }
        })
        .collect()
}

pub fn write_assets(renderer: &Renderer, output: &dyn Output) -> Result<()> {
    for asset in &renderer.theme().assets {
        output.write(&asset.file, &asset.bytes)?;
    }
    Ok(())
}

/// sitemap.xml (or its parts and index) and robots.txt.
pub fn write_sitemaps(site: &Site, output: &dyn Output) -> Result<()> {
    for (name, xml) in sitemap::sitemaps(site) {
        output.write(&name, xml.as_bytes())?;
    }
    output.write("robots.txt", sitemap::robots(site).as_bytes())
}

fn content_errors(mut errors: Vec<Diagnostic>) -> Error {
    errors.sort();
    errors.dedup();
    Error::Content(errors)
}

fn progress_bar(enabled: bool, len: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    bar
}
