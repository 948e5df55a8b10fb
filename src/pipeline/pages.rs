//! The page pass: every page of every locale parsed, validated and rendered, in
//! parallel. What a page leaves behind is small (heading ids, anchors, problems,
//! the media it links), so memory does not grow with the HTML of the whole site.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::SourcePage;
use crate::markdown::{self, AnchorRef, ImageRef, LinkRef, Parsed};
use crate::problem::{Kind, Level, Problem};
use crate::render::Renderer;
use crate::resolve::{Page, Site};
use crate::write::Output;
use crate::{anchors, base_path};

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

/// What the page pass keeps of a page besides its outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Heading ids, anchors, problems and media: what the build needs.
    Outline,
    /// Also the links and images of pages shown in their own locale, for the
    /// checks of `kbgen check` (contact topics, alt text).
    Refs,
}

/// What a page leaves behind once written: only headings and anchors are kept, so
/// memory does not grow with the HTML of the whole site.
pub struct Outcome {
    pub ids: HashSet<String>,
    pub anchors: Vec<AnchorRef>,
    /// Errors only: a page with any is not written.
    pub problems: Vec<Problem>,
    /// The media files the page links ([`crate::media::Catalog`] ids).
    pub media: Vec<usize>,
    /// With [`Keep::Refs`], for a page that is not a fallback.
    pub links: Vec<LinkRef>,
    pub images: Vec<ImageRef>,
}

impl Outcome {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter().map(|p| &p.diagnostic)
    }
}

/// Links to missing anchors, once every page is parsed.
pub fn check_anchors_of(site: &Site, jobs: &[Job], outcomes: &[Outcome]) -> anchors::Found {
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
    for (locale, ls) in site.locales().iter().enumerate() {
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
    keep: Keep,
    bar: &ProgressBar,
) -> Vec<Outcome> {
    jobs.par_iter()
        .map(|job| {
            let outcome = render_page(site, renderer, job, output, keep);
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
    keep: Keep,
) -> Outcome {
    let urls = &site.locales()[job.locale].urls;
    let url_of = |key: &str| urls.get(key).map(String::as_str);
    let source = &site.sources()[job.page.source];
    let media = crate::media::Shown {
        catalog: site.media(),
        locale: job.locale,
    };
    let mut parsed =
        markdown::parse_with(source, &job.page.key, &url_of, &site.config().html, media);
    if let Cow::Owned(html) = base_path::prefix_assets(&parsed.html, &site.config().path_prefix) {
        parsed.html = html;
    }
    let error = |kind| move |d| Problem::new(Level::Error, kind, d);
    let mut errors: Vec<Problem> = std::mem::take(&mut parsed.errors)
        .into_iter()
        .map(error(Kind::Link))
        .collect();
    errors.extend(
        page_errors(site, source, &parsed)
            .into_iter()
            .map(error(Kind::ContactTopic)),
    );
    errors.extend(
        std::mem::take(&mut parsed.media_errors)
            .into_iter()
            .map(error(Kind::Image)),
    );
    if job.role == Role::Home {
        icon_files(site, job.locale, &mut parsed.media, &mut errors);
    }
    if let Some(renderer) = renderer.filter(|_| errors.is_empty()) {
        let html = match job.role {
            Role::Home => renderer.home(site, job.locale, &parsed),
            Role::Category(i) => renderer.category(site, job.locale, i, &parsed),
            Role::Article(i) => renderer.article(site, job.locale, i, &parsed),
        };
        match html {
            Ok(html) => {
                if let Err(e) = output.write(&job.page.file, html.as_bytes()) {
                    errors.extend(e.diagnostics().into_iter().map(error(Kind::Write)));
                }
                // The article's Markdown copy beside it (llms.txt links to it).
                if matches!(job.role, Role::Article(_))
                    && site.config().hosting.llms
                    && let Err(e) = output.write(
                        &crate::llms::copy_file(job.page),
                        crate::llms::article_copy(site, job.page).as_bytes(),
                    )
                {
                    errors.extend(e.diagnostics().into_iter().map(error(Kind::Write)));
                }
            }
            Err(d) => errors.push(error(Kind::Template)(d)),
        }
    }
    let refs = keep == Keep::Refs && !job.page.fallback;
    Outcome {
        ids: parsed.headings.into_iter().map(|h| h.id).collect(),
        anchors: parsed.anchors,
        problems: errors,
        media: parsed.media,
        links: if refs { parsed.links } else { Vec::new() },
        images: if refs { parsed.images } else { Vec::new() },
    }
}

/// The categories' `icon:` files a home page shows: published with it, or an
/// error at the category's `icon:` line.
fn icon_files(site: &Site, locale: usize, media: &mut Vec<usize>, errors: &mut Vec<Problem>) {
    for category in &site.locales()[locale].categories {
        match crate::render::home::icon_file_id(site, locale, category) {
            None => {}
            Some(Ok(id)) => media.push(id),
            Some(Err(message)) => {
                let source = &site.sources()[category.page.source];
                let d = Diagnostic::error(&source.path, message).at(source.key_line("icon"), 1);
                errors.push(Problem::new(Level::Error, Kind::Image, d));
            }
        }
    }
}

/// What is wrong with a parsed page given the rest of the site, beyond its own
/// Markdown: the one place build, serve and check look for it.
pub fn page_errors(site: &Site, source: &SourcePage, parsed: &Parsed) -> Vec<Diagnostic> {
    if site.config().contact.is_some() {
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
                    crate::contact::facts::PLACEHOLDER
                ),
            )
            .at(line, col)
        })
        .collect()
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
