//! Links, anchors, images, files beside the pages and contact-flow topics, in
//! every locale.
//!
//! Pages go through the build's own page pass, fallbacks included (a link in an
//! English page shown in Polish goes to the Polish page, whose headings may
//! differ), and are rendered when the templates compile, so that every error of
//! the build is an error here. Links into the contact flow (`/<locale>/contact/?topic=...`) must name a
//! topic of contact.yaml (without one: a topic some article declares, or `general`).

use std::collections::{BTreeSet, HashSet};

use indicatif::ProgressBar;
use percent_encoding::percent_decode_str;

use super::{Kind, Level, Problem};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::pipeline::{self, Keep, Outcome};
use crate::render::Renderer;
use crate::resolve::Site;
use crate::write::Discard;

/// Runs the build's page pass (rendering into nothing when the templates compile)
/// and checks what it found.
pub fn check(site: &Site, renderer: Option<&Renderer>, assets: &HashSet<String>) -> Vec<Problem> {
    let jobs = pipeline::jobs(site);
    let outcomes = pipeline::render_pages(
        site,
        renderer,
        &jobs,
        &Discard,
        Keep::Refs,
        &ProgressBar::hidden(),
    );
    let mut problems = Vec::new();
    // The same rules as the build's, so that check and build agree.
    let found = pipeline::check_anchors_of(site, &jobs, &outcomes);
    for (level, ds) in [
        (Level::Error, found.errors),
        (Level::Warning, found.warnings),
    ] {
        problems.extend(ds.into_iter().map(|d| Problem::new(level, Kind::Anchor, d)));
    }
    problems.extend(unused_media(site, &outcomes));
    let topics = topics(site);
    for (job, outcome) in jobs.iter().zip(outcomes) {
        problems.extend(outcome.problems);
        // Images and contact links do not depend on the locale a page is shown
        // in: the pass keeps them only for the page's own locale.
        let source = &site.sources()[job.page.source];
        for link in &outcome.links {
            if let Some(message) = contact_topic(site, &link.href, &topics) {
                let (line, col) = markdown::position(source, link.offset);
                problems.push(Problem::new(
                    Level::Warning,
                    Kind::ContactTopic,
                    Diagnostic::warning(&source.path, message).at(line, col),
                ));
            }
        }
        for image in &outcome.images {
            let (line, col) = markdown::position(source, image.offset);
            if image.alt.trim().is_empty() {
                problems.push(Problem::new(
                    Level::Warning,
                    Kind::AltText,
                    Diagnostic::warning(
                        &source.path,
                        format!("image `{}` has no alt text: describe it between the brackets, ![like this](...)", image.src),
                    )
                    .at(line, col),
                ));
            }
            if let Some(message) = image_problem(site, assets, &image.src) {
                problems.push(Problem::new(
                    Level::Warning,
                    Kind::Image,
                    Diagnostic::warning(&source.path, message).at(line, col),
                ));
            }
        }
    }
    problems
}

/// Files no page links, and files over the size a file should stay under (links
/// to missing or oversized files are the page pass's errors).
fn unused_media(site: &Site, outcomes: &[Outcome]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let used: BTreeSet<usize> = outcomes
        .iter()
        .flat_map(|o| o.media.iter().copied())
        .collect();
    for m in site.media().unused(&used) {
        problems.push(Problem::new(
            Level::Warning,
            Kind::Media,
            Diagnostic::warning(
                &m.path,
                "unused file: no page links it in any locale, so it is not published; link it or delete it",
            ),
        ));
    }
    for d in site.media().size_warnings(&used) {
        problems.push(Problem::new(Level::Warning, Kind::Media, d));
    }
    problems
}

/// The contact flow's topics: contact.yaml's when the site has one; otherwise every
/// `topic:` some page declares, plus `general`.
pub fn topics(site: &Site) -> BTreeSet<String> {
    if let Some(contact) = &site.config().contact {
        return contact.topics.iter().map(|t| t.id.clone()).collect();
    }
    let mut topics: BTreeSet<String> = site
        .sources()
        .iter()
        .filter_map(|s| s.front.topic.clone())
        .collect();
    topics.insert(crate::contact::GENERAL.to_string());
    topics
}

/// A message when `href` goes to the contact flow with a topic nobody declares.
fn contact_topic(site: &Site, href: &str, topics: &BTreeSet<String>) -> Option<String> {
    let href = href.strip_prefix(site.config().origin()).unwrap_or(href);
    let rest = href.strip_prefix(site.config().path_prefix.as_str())?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query.split('#').next().unwrap_or_default();
    let mut segments = path.trim_matches('/').split('/');
    let (Some(code), Some(crate::resolve::CONTACT), None) =
        (segments.next(), segments.next(), segments.next())
    else {
        return None;
    };
    site.config().locale_index(code)?;
    let topic = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "topic")
        .map(|(_, value)| {
            percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })?;
    if topics.contains(&topic) {
        return None;
    }
    let known: Vec<&str> = topics.iter().map(String::as_str).collect();
    Some(format!(
        "contact link `{href}`: no article has `topic: {topic}` (topics: {})",
        known.join(", ")
    ))
}

/// A message when the image at `src` will not be on the published site.
fn image_problem(site: &Site, assets: &HashSet<String>, src: &str) -> Option<String> {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() || path.starts_with("//") || path.contains(':') {
        return None; // external, or data: (kept or sanitized by the HTML policy)
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    // `/assets/<name>` gets the base URL's path at build time (see `base_path`).
    let rooted = decoded
        .strip_prefix(&format!("{}/", site.config().path_prefix))
        .or_else(|| {
            decoded
                .strip_prefix('/')
                .filter(|r| r.starts_with("assets/"))
        });
    if let Some(rooted) = rooted {
        if assets.contains(rooted) {
            return None;
        }
        return Some(format!(
            "image `{src}` is not published: put it in static/ and link it as {}/assets/<name>, or keep it beside the page and link it by its relative path",
            site.config().path_prefix
        ));
    }
    // Relative paths are files beside the pages: the parser resolves them, and
    // reports those that are missing.
    None
}
