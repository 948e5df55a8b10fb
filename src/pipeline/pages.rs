//! The page pass: every page of every locale parsed, validated and rendered, in
//! parallel. What a page leaves behind is small (heading ids, anchors, problems,
//! the media it links), so memory does not grow with the HTML of the whole site.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Result};
use crate::load::SourcePage;
use crate::markdown::{self, AnchorRef, ImageRef, LinkRef, Parsed, Section};
use crate::problem::{Kind, Level, Problem};
use crate::render::Renderer;
use crate::resolve::{Page, Site};
use crate::search::Indexer;
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
            let outcome = render_page(site, renderer, job, output, keep, false).0;
            bar.inc(1);
            outcome
        })
        .collect()
}

/// The search indexes written: the files of each locale, relative to the output.
pub type Indexed = Result<Vec<Vec<String>>>;

/// The page pass with the search stage beside it. The parse that renders an
/// article also cuts it into search sections, and each locale's index is
/// analysed, scored and written while the next locale renders: only two
/// locales' sections are held at a time. The last locale's index is left to
/// [`PendingIndex::finish`], for the caller to run beside what needs every page.
///
/// With `until_error`, indexing stops at the first locale with a failing page (a
/// build that fails needs no index) and nothing is pending; nor without
/// `indexers` (by locale).
pub fn render_and_index<'a>(
    site: &'a Site,
    renderer: Option<&Renderer>,
    indexers: Option<&'a [Indexer]>,
    jobs: &[Job<'_>],
    output: &'a dyn Output,
    until_error: bool,
    bar: &ProgressBar,
) -> (Vec<Outcome>, Option<PendingIndex<'a>>) {
    let Some(indexers) = indexers else {
        let outcomes = render_pages(site, renderer, jobs, output, Keep::Outline, bar);
        return (outcomes, None);
    };
    let mut index = PendingIndex {
        site,
        indexers,
        output,
        written: site.locales().iter().map(|_| None).collect(),
        last: None,
    };
    let mut outcomes = Vec::with_capacity(jobs.len());
    let mut indexing = true;
    for locale_jobs in jobs.chunk_by(|a, b| a.locale == b.locale) {
        let cut = indexing;
        let ((mine, sections), ()) = rayon::join(
            || -> (Vec<Outcome>, Vec<Option<Vec<Section>>>) {
                locale_jobs
                    .par_iter()
                    .map(|job| {
                        let done = render_page(site, renderer, job, output, Keep::Outline, cut);
                        bar.inc(1);
                        done
                    })
                    .unzip()
            },
            || index.write_last(),
        );
        indexing &= !(until_error && mine.iter().any(|o| !o.problems.is_empty()));
        outcomes.extend(mine);
        if indexing {
            let l = locale_jobs[0].locale;
            let mut by_article: Vec<Option<Vec<Section>>> =
                site.locales()[l].articles.iter().map(|_| None).collect();
            for (job, cut) in locale_jobs.iter().zip(sections) {
                if let (Role::Article(a), Some(cut)) = (job.role, cut) {
                    by_article[a] = Some(cut);
                }
            }
            index.last = Some((l, by_article));
        }
    }
    (outcomes, indexing.then_some(index))
}

/// The search indexes [`render_and_index`] has not written yet.
pub struct PendingIndex<'a> {
    site: &'a Site,
    indexers: &'a [Indexer],
    output: &'a dyn Output,
    /// By locale, once written.
    written: Vec<Option<Result<Vec<String>>>>,
    /// The last locale rendered and its sections, by article, until it is indexed.
    last: Option<(usize, Vec<Option<Vec<Section>>>)>,
}

impl PendingIndex<'_> {
    /// Writes the index of the last locale rendered.
    fn write_last(&mut self) {
        if let Some((l, sections)) = self.last.take() {
            // Either side of the pipeline can use both cores when the other is done.
            let parts = rayon::current_num_threads();
            let files = self.indexers[l].write(self.site, l, sections, parts, self.output);
            self.written[l] = Some(files);
        }
    }

    /// Writes what is left; a locale that had no pages in the page pass is indexed
    /// from its sources.
    pub fn finish(mut self) -> Indexed {
        self.write_last();
        let parts = rayon::current_num_threads();
        let (site, output) = (self.site, self.output);
        self.written
            .into_iter()
            .zip(self.indexers)
            .enumerate()
            .map(|(l, (files, indexer))| {
                files.unwrap_or_else(|| indexer.write(site, l, Vec::new(), parts, output))
            })
            .collect()
    }
}

/// Parses, renders and writes one page. With `cut`, an article that is not a
/// fallback is also cut into search sections, from the same parse; a page that
/// fails to parse has none.
fn render_page(
    site: &Site,
    renderer: Option<&Renderer>,
    job: &Job<'_>,
    output: &dyn Output,
    keep: Keep,
    cut: bool,
) -> (Outcome, Option<Vec<Section>>) {
    let urls = &site.locales()[job.locale].urls;
    let url_of = |key: &str| urls.get(key).map(String::as_str);
    let source = &site.sources()[job.page.source];
    let media = crate::media::Shown {
        catalog: site.media(),
        locale: job.locale,
    };
    let cut = cut && matches!(job.role, Role::Article(_)) && !job.page.fallback;
    let policy = &site.config().html;
    let mut parsed = markdown::parse_with(source, &job.page.key, &url_of, policy, media, cut);
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
    let outcome = Outcome {
        ids: parsed.headings.into_iter().map(|h| h.id).collect(),
        anchors: parsed.anchors,
        problems: errors,
        media: parsed.media,
        links: if refs { parsed.links } else { Vec::new() },
        images: if refs { parsed.images } else { Vec::new() },
    };
    (outcome, parsed.sections)
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
