//! The build pipeline: load -> parse -> resolve -> render -> write.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::i18n::Localizer;
use crate::load::SourcePage;
use crate::markdown::{self, AnchorRef, Parsed};
use crate::render::{Renderer, SearchLinks};
use crate::resolve::{self, Page, Site};
use crate::theme::Theme;
use crate::write::{Claim, Output, Staging};
use crate::{anchors, base_path, load, search, sitemap};

/// What a finished build reports.
#[derive(Debug)]
pub struct Report {
    /// Per locale code: (pages, of which fallbacks).
    pub locales: Vec<(String, usize, usize)>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Per locale code: the keys of the pages it shows untranslated.
    pub fallback_keys: Vec<(String, Vec<String>)>,
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
    /// The media files the page links ([`crate::media::Catalog`] ids).
    pub media: Vec<usize>,
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
    if let Some(brand) = &config.brand {
        let site_yaml = config.root.join(crate::config::CONFIG_FILE);
        warnings.extend(brand.stylesheet(&site_yaml).1);
    }
    let mut errors = loaded.errors;
    // Fluent, template and content errors are all collected before giving up, so a
    // writer sees every problem of a build at once.
    let localizer = Localizer::load(&config, &mut warnings)
        .map_err(|e| errors.extend(e.diagnostics()))
        .ok();
    // What `kbgen check` calls a Fluent error fails the build too, pointing at the
    // .ftl line rather than at every template line that would show the message.
    let fluent_errors: Vec<Diagnostic> = crate::check::fluent::check(&config, &theme)
        .into_iter()
        .filter(|p| p.level == crate::check::Level::Error)
        .map(|p| p.diagnostic)
        .collect();
    let localizer = localizer.filter(|_| fluent_errors.is_empty());
    errors.extend(fluent_errors);
    let (catalog, media_errors) = crate::media::Catalog::new(&config, loaded.media);
    errors.extend(media_errors);
    let site = match resolve::resolve(config, loaded.pages) {
        Ok(mut site) => {
            site.media = catalog;
            site
        }
        Err(e) => {
            errors.extend(e.diagnostics());
            // The warnings too: the writer should not learn of them one fix later.
            errors.extend(warnings);
            return Err(content_errors(errors));
        }
    };
    errors.extend(crate::aliases::resolve(&site).1);
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

/// Builds the site into the claimed output, atomically. `progress` shows a bar (on a
/// terminal).
pub fn build(config: Config, output: Claim, progress: bool) -> Result<Report> {
    let started = Instant::now();
    let Prepared {
        site,
        renderer,
        mut warnings,
        mut errors,
    } = prepare(config)?;

    let jobs = jobs(&site);
    let bar = progress_bar(progress, jobs.len() as u64);
    // The folder about to be replaced, whose URLs this build must not lose.
    let previous = output.path().to_path_buf();
    let staging = Staging::new(output)?;

    // Anchors are checked once every page is parsed; if anything failed, the
    // staging folder is dropped.
    let outcomes = render_pages(&site, renderer.as_ref(), &jobs, &staging, &bar);
    errors.extend(outcomes.iter().flat_map(|o| o.errors.iter().cloned()));
    match write_media(&site, &outcomes, &staging) {
        Ok(w) => warnings.extend(w),
        Err(e) => errors.extend(e.diagnostics()),
    }
    // The search index takes as long as the rest together: it is built alongside
    // the anchor check and the site files, unless the pages already failed.
    let pages_ok = errors.is_empty();
    let (anchors, indexed) = rayon::join(
        || {
            let mut found = check_anchors_of(&site, &jobs, &outcomes);
            if let Some(renderer) = &renderer
                && let Err(e) = write_site_files(&site, renderer, &staging)
            {
                found.errors.extend(e.diagnostics());
            }
            found
        },
        // After the pages, so that the memory of the two passes does not add up.
        || pages_ok.then(|| write_search_indexes(&site, &staging)),
    );
    errors.extend(anchors.errors);
    warnings.extend(anchors.warnings);
    bar.finish_and_clear();
    if !errors.is_empty() {
        // The warnings too: the writer should not learn of them one fix later.
        errors.extend(warnings);
        return Err(content_errors(errors));
    }
    let index_files = match indexed {
        Some(indexed) => indexed?,
        None => Vec::new(),
    };
    if let Some(renderer) = &renderer {
        warnings.extend(crate::publish::finish(
            &site,
            renderer,
            &index_files,
            &previous,
            &staging,
        )?);
    }
    staging.commit()?;

    let locales = site
        .config
        .locales
        .iter()
        .zip(&site.locales)
        .map(|(l, ls)| (l.code.clone(), ls.pages().count(), ls.fallbacks))
        .collect();
    let fallback_keys = site
        .config
        .locales
        .iter()
        .zip(&site.locales)
        .map(|(l, ls)| {
            let keys = ls.pages().filter(|p| p.fallback).map(|p| p.key.clone());
            (l.code.clone(), keys.collect())
        })
        .collect();
    Ok(Report {
        locales,
        warnings,
        elapsed: started.elapsed(),
        fallback_keys,
    })
}

/// Links to missing anchors, once every page is parsed.
fn check_anchors_of(site: &Site, jobs: &[Job], outcomes: &[Outcome]) -> anchors::Found {
    let ids: HashMap<(usize, &str), &HashSet<String>> = jobs
        .iter()
        .zip(outcomes)
        .map(|(job, o)| ((job.locale, job.page.key.as_str()), &o.ids))
        .collect();
    anchors::check(
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
    let media = crate::media::Shown {
        catalog: &site.media,
        locale: job.locale,
    };
    let mut parsed = markdown::parse_with(source, &job.page.key, &url_of, &site.config.html, media);
    if let Cow::Owned(html) = base_path::prefix_assets(&parsed.html, &site.config.path_prefix) {
        parsed.html = html;
    }
    let mut errors = parsed.errors.clone();
    errors.extend(page_errors(site, source, &parsed));
    errors.extend(parsed.media_errors.iter().cloned());
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
                // The article's Markdown copy beside it (llms.txt links to it).
                if matches!(job.role, Role::Article(_))
                    && site.config.hosting.llms
                    && let Err(e) = output.write(
                        &crate::llms::copy_file(job.page),
                        crate::llms::article_copy(site, job.page).as_bytes(),
                    )
                {
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
        media: parsed.media,
    }
}

/// What is wrong with a parsed page given the rest of the site, beyond its own
/// Markdown: the one place build, serve and check look for it.
pub fn page_errors(site: &Site, source: &SourcePage, parsed: &Parsed) -> Vec<Diagnostic> {
    if site.config.contact.is_some() {
        return Vec::new();
    }
    parsed
        .channel_tables
        .iter()
        .map(|&offset| {
            let (line, col) = markdown::position(source, offset);
            Diagnostic::error(
                &source.path,
                format!(
                    "{} shows the channels of contact.yaml, and this site has none: add contact.yaml beside site.yaml, or remove the line",
                    markdown::CHANNELS_DIRECTIVE
                ),
            )
            .at(line, col)
        })
        .collect()
}

/// Publishes the media files the rendered pages link (and the logo and favicon).
/// Returns warnings about files over the size a file should stay under.
pub fn write_media(
    site: &Site,
    outcomes: &[Outcome],
    output: &dyn Output,
) -> Result<Vec<Diagnostic>> {
    let used = outcomes
        .iter()
        .flat_map(|o| o.media.iter().copied())
        .collect();
    site.media.publish(&used, output)
}

/// Links to headings that do not exist; see [`anchors::check`], whose warnings
/// (right anchors that a translation lacks) are left out here.
pub fn check_anchors<'a, 'i>(
    site: &Site,
    pages: impl Iterator<Item = (usize, usize, &'a [AnchorRef])>,
    ids_of: impl Fn(usize, &str) -> Option<&'i HashSet<String>>,
) -> Vec<Diagnostic> {
    anchors::check(site, pages, ids_of).errors
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
