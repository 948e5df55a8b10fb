//! The build pipeline: load -> parse -> resolve -> render -> write.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::i18n::Localizer;
use crate::markdown::{self, Parsed};
use crate::render::Renderer;
use crate::resolve::{self, Page, Site};
use crate::theme::Theme;
use crate::write::Staging;
use crate::{load, sitemap};

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
#[derive(Clone, Copy)]
enum Role {
    Home,
    Category(usize),
    Article(usize),
}

struct Job<'a> {
    locale: usize,
    role: Role,
    page: &'a Page,
}

/// Builds the site into `output`, atomically. `progress` shows a bar (on a terminal).
pub fn build(config: Config, output: &Path, progress: bool) -> Result<Report> {
    let started = Instant::now();
    let theme = Theme::load(&config)?;
    let loaded = load::load(&config)?;
    let mut warnings = loaded.warnings;
    let localizer = Localizer::load(&config, &mut warnings)?;
    let site = resolve::resolve(config, loaded.pages)?;
    let renderer = Renderer::new(&site, theme, localizer)?;

    let jobs = jobs(&site);
    let bar = progress_bar(progress, jobs.len() as u64);

    // Parse every page, in the locale it is shown in.
    let parsed: Vec<Parsed> = jobs
        .par_iter()
        .map(|job| {
            let urls = &site.locales[job.locale].urls;
            let url_of = |key: &str| urls.get(key).map(String::as_str);
            markdown::parse(&site.sources[job.page.source], &job.page.key, &url_of)
        })
        .collect();
    let mut errors: Vec<Diagnostic> = parsed
        .iter()
        .flat_map(|p| p.errors.iter().cloned())
        .collect();
    errors.extend(check_anchors(&site, &jobs, &parsed));
    if !errors.is_empty() {
        return Err(content_errors(errors));
    }

    let staging = Staging::new(output)?;
    let rendered: Vec<Result<(), Diagnostic>> = jobs
        .par_iter()
        .zip(parsed.par_iter())
        .map(|(job, parsed)| {
            let html = match job.role {
                Role::Home => renderer.home(&site, job.locale, parsed),
                Role::Category(i) => renderer.category(&site, job.locale, i, parsed),
                Role::Article(i) => renderer.article(&site, job.locale, i, parsed),
            }?;
            staging
                .write(&job.page.file, html.as_bytes())
                .map_err(|e| e.diagnostics().remove(0))?;
            bar.inc(1);
            Ok(())
        })
        .collect();
    let mut errors: Vec<Diagnostic> = rendered.into_iter().filter_map(|r| r.err()).collect();
    errors.extend(
        write_site_files(&site, &renderer, &staging)
            .err()
            .into_iter()
            .flat_map(|e| e.diagnostics()),
    );
    if !errors.is_empty() {
        return Err(content_errors(errors));
    }
    bar.finish_and_clear();
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

fn jobs(site: &Site) -> Vec<Job<'_>> {
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

/// Every `#anchor` must name a heading of the page it points to, as shown in the
/// same locale.
fn check_anchors(site: &Site, jobs: &[Job<'_>], parsed: &[Parsed]) -> Vec<Diagnostic> {
    let ids: HashMap<(usize, &str), HashSet<&str>> = jobs
        .iter()
        .zip(parsed)
        .map(|(job, p)| {
            (
                (job.locale, job.page.key.as_str()),
                p.headings.iter().map(|h| h.id.as_str()).collect(),
            )
        })
        .collect();
    let mut errors = Vec::new();
    for (job, p) in jobs.iter().zip(parsed) {
        for a in &p.anchors {
            let known = ids.get(&(job.locale, a.key.as_str()));
            if known.is_some_and(|k| k.contains(a.anchor.as_str())) {
                continue;
            }
            let mut available: Vec<&str> = known
                .map(|k| k.iter().copied().collect())
                .unwrap_or_default();
            available.sort_unstable();
            let source = &site.sources[job.page.source];
            let shown_in = &site.config.locales[job.locale].code;
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
                .at(a.line, a.col),
            );
        }
    }
    errors
}

fn write_site_files(site: &Site, renderer: &Renderer, staging: &Staging) -> Result<()> {
    let mut errors = Vec::new();
    match renderer.root(site) {
        Ok(html) => staging.write("index.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for (l, locale) in site.config.locales.iter().enumerate() {
        match renderer.not_found(site, l) {
            Ok(html) => staging.write(&format!("{}/404.html", locale.code), html.as_bytes())?,
            Err(d) => errors.push(d),
        }
    }
    // The default locale's 404 also at the root, where most hosts look for it.
    match renderer.not_found(site, site.config.default_locale) {
        Ok(html) => staging.write("404.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for asset in &renderer.theme().assets {
        staging.write(&asset.file, &asset.bytes)?;
    }
    for (name, xml) in sitemap::sitemaps(site) {
        staging.write(&name, xml.as_bytes())?;
    }
    staging.write("robots.txt", sitemap::robots(site).as_bytes())?;
    if errors.is_empty() {
        Ok(())
    } else {
        Err(content_errors(errors))
    }
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
