//! Links, anchors, images, files beside the pages and contact-flow topics, in
//! every locale.
//!
//! Pages are parsed exactly as the build parses them, fallbacks included: a link in
//! an English page shown in Polish goes to the Polish page, whose headings may
//! differ. Links into the contact flow (`/<locale>/contact/?topic=...`) must name a
//! topic of contact.yaml (without one: a topic some article declares, or `general`).

use std::collections::{BTreeSet, HashMap, HashSet};

use percent_encoding::percent_decode_str;
use rayon::prelude::*;

use super::{Kind, Level, Problem};
use crate::anchors;
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Parsed};
use crate::resolve::{Page, Site};
use crate::theme::Theme;

pub fn check(site: &Site, theme: &Theme) -> Vec<Problem> {
    let pages: Vec<(usize, &Page)> = site
        .locales
        .iter()
        .enumerate()
        .flat_map(|(l, ls)| ls.pages().map(move |p| (l, p)))
        .collect();
    let parsed: Vec<Parsed> = pages
        .par_iter()
        .map(|&(l, page)| {
            let urls = &site.locales[l].urls;
            let url_of = |key: &str| urls.get(key).map(String::as_str);
            let source = &site.sources[page.source];
            let media = crate::media::Shown {
                catalog: &site.media,
                locale: l,
            };
            let mut parsed =
                markdown::parse_with(source, &page.key, &url_of, &site.config.html, media);
            // Only links, headings and images are checked: keeping every page's HTML
            // would hold the whole site in memory at once.
            parsed.html = String::new();
            parsed
        })
        .collect();

    let mut problems = Vec::new();
    let heading_ids: Vec<HashSet<String>> = parsed
        .iter()
        .map(|p| p.headings.iter().map(|h| h.id.clone()).collect())
        .collect();
    let ids: HashMap<(usize, &str), &HashSet<String>> = pages
        .iter()
        .zip(&heading_ids)
        .map(|(&(l, page), ids)| ((l, page.key.as_str()), ids))
        .collect();
    // The same rules as the build's, so that check and build agree.
    let found = anchors::check(
        site,
        pages
            .iter()
            .zip(&parsed)
            .map(|(&(l, page), p)| (l, page.source, p.anchors.as_slice())),
        |l, key| ids.get(&(l, key)).copied(),
    );
    for (level, ds) in [
        (Level::Error, found.errors),
        (Level::Warning, found.warnings),
    ] {
        problems.extend(ds.into_iter().map(|d| Problem::new(level, Kind::Anchor, d)));
    }
    let topics = topics(site);
    let assets: HashSet<&str> = theme.assets.iter().map(|a| a.file.as_str()).collect();
    problems.extend(media(site, &parsed));
    for (&(_, page), p) in pages.iter().zip(&parsed) {
        let source = &site.sources[page.source];
        for e in &p.errors {
            problems.push(Problem::new(Level::Error, Kind::Link, e.clone()));
        }
        for e in crate::build::page_errors(site, source, p) {
            problems.push(Problem::new(Level::Error, Kind::ContactTopic, e));
        }
        // Images and contact links do not depend on the locale a page is shown
        // in: check them once, on the page's own locale.
        if page.fallback {
            continue;
        }
        for link in &p.links {
            if let Some(message) = contact_topic(site, &link.href, &topics) {
                let (line, col) = markdown::position(source, link.offset);
                problems.push(Problem::new(
                    Level::Warning,
                    Kind::ContactTopic,
                    Diagnostic::warning(&source.path, message).at(line, col),
                ));
            }
        }
        for image in &p.images {
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
            if let Some(message) = image_problem(site, &assets, &image.src) {
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

/// Links to missing or oversized files, files no page links and files over the
/// size a file should stay under.
fn media(site: &Site, parsed: &[Parsed]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for p in parsed {
        used.extend(p.media.iter().copied());
        for e in &p.media_errors {
            problems.push(Problem::new(Level::Error, Kind::Image, e.clone()));
        }
    }
    for m in site.media.unused(&used) {
        problems.push(Problem::new(
            Level::Warning,
            Kind::Media,
            Diagnostic::warning(
                &m.path,
                "unused file: no page links it in any locale, so it is not published; link it or delete it",
            ),
        ));
    }
    for d in site.media.size_warnings(&used) {
        problems.push(Problem::new(Level::Warning, Kind::Media, d));
    }
    problems
}

/// The contact flow's topics: contact.yaml's when the site has one; otherwise every
/// `topic:` some page declares, plus `general`.
pub fn topics(site: &Site) -> BTreeSet<String> {
    if let Some(contact) = &site.config.contact {
        return contact.topics.iter().map(|t| t.id.clone()).collect();
    }
    let mut topics: BTreeSet<String> = site
        .sources
        .iter()
        .filter_map(|s| s.front.topic.clone())
        .collect();
    topics.insert(crate::contact::GENERAL.to_string());
    topics
}

/// A message when `href` goes to the contact flow with a topic nobody declares.
fn contact_topic(site: &Site, href: &str, topics: &BTreeSet<String>) -> Option<String> {
    let href = href.strip_prefix(site.config.origin()).unwrap_or(href);
    let rest = href.strip_prefix(site.config.path_prefix.as_str())?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let query = query.split('#').next().unwrap_or_default();
    let mut segments = path.trim_matches('/').split('/');
    let (Some(code), Some("contact"), None) = (segments.next(), segments.next(), segments.next())
    else {
        return None;
    };
    site.config.locale_index(code)?;
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
fn image_problem(site: &Site, assets: &HashSet<&str>, src: &str) -> Option<String> {
    let path = src.split(['?', '#']).next().unwrap_or_default();
    if path.is_empty() || path.starts_with("//") || path.contains(':') {
        return None; // external, or data: (kept or sanitized by the HTML policy)
    }
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    // `/assets/<name>` gets the base URL's path at build time (see `base_path`).
    let rooted = decoded
        .strip_prefix(&format!("{}/", site.config.path_prefix))
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
            site.config.path_prefix
        ));
    }
    // Relative paths are files beside the pages: the parser resolves them, and
    // reports those that are missing.
    None
}
