//! Resolve: match translations, pick fallbacks, give every page its URL.
//!
//! The result, [`Site`], is immutable: rendering and writing only read it.

use std::collections::{BTreeMap, HashMap};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::load::{Kind, SourcePage};
use crate::{segment, stamp};

/// Characters escaped in a URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%')
    .add(b'/');

/// A page to render in one locale: its own source, or the default locale's.
#[derive(Debug, Clone)]
pub struct Page {
    /// Shared by all translations: `disputes/outcomes`, `disputes/_index`, `_index`.
    pub key: String,
    /// Index into `Site::sources`.
    pub source: usize,
    /// True when the locale has no translation and shows the default locale's text.
    pub fallback: bool,
    /// Root-relative and percent-encoded: `/it/controversie/esiti/`.
    pub url: String,
    /// Relative to the output folder: `it/controversie/esiti/index.html`.
    pub file: String,
    /// Set when this is a stamped translation whose source changed since.
    pub outdated: Option<Outdated>,
}

/// A translation stamped from a default-locale source that has changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outdated {
    /// Index into `Site::sources`: the default locale's current source.
    pub source: usize,
    /// What changed: by block when the stamp records blocks (`source_blocks:`),
    /// by section when it records sections.
    pub changes: crate::stamp::changes::Stale,
}

#[derive(Debug, Clone)]
pub struct Category {
    /// The folder name.
    pub name: String,
    pub page: Page,
    pub title: String,
    /// Indices into `LocaleSite::articles`, in reading order.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub page: Page,
    /// Index into `LocaleSite::categories`.
    pub category: usize,
}

/// Everything one locale shows.
#[derive(Debug, Clone)]
pub struct LocaleSite {
    pub home: Page,
    pub categories: Vec<Category>,
    pub articles: Vec<Article>,
    /// Page key -> root-relative URL, for links.
    pub urls: HashMap<String, String>,
    pub fallbacks: usize,
    /// The locale's search page.
    pub search: OwnPage,
    /// The locale's contact page, when the site has a contact flow (contact.yaml).
    pub contact: Option<OwnPage>,
}

/// A page kbgen makes itself, from no source: a locale's search or contact page.
/// Its first segment under the locale is reserved ([`SEARCH`], [`CONTACT`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnPage {
    /// Root-relative: `/it/search/`.
    pub url: String,
    /// Relative to the output folder: `it/search/index.html`.
    pub file: String,
}

/// The first segment of each locale's search page.
pub const SEARCH: &str = "search";
/// The first segment of each locale's contact page.
pub const CONTACT: &str = "contact";

impl OwnPage {
    fn new(config: &Config, locale: usize, segment: &str) -> OwnPage {
        let code = &config.locales[locale].code;
        OwnPage {
            url: format!("{}/{code}/{segment}/", config.path_prefix),
            file: format!("{code}/{segment}/index.html"),
        }
    }
}

impl LocaleSite {
    /// Every page of the locale: home, categories, then articles.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        std::iter::once(&self.home)
            .chain(self.categories.iter().map(|c| &c.page))
            .chain(self.articles.iter().map(|a| &a.page))
    }
}

/// The resolved site: every URL and translation fact, made by [`resolve`]. Its
/// fields are read through accessors; only its own methods change it
/// ([`Site::replace_source`] for serve's edits, [`Site::with_media`]), so what
/// resolve derives (outdated notices among them) cannot drift from its sources.
pub struct Site {
    config: Config,
    sources: Vec<SourcePage>,
    /// Parallel to `config.locales`.
    locales: Vec<LocaleSite>,
    /// Page key -> for each locale, its own translation's source index.
    translations: HashMap<String, Vec<Option<usize>>>,
    /// The files beside the pages; empty until [`Site::with_media`] gives them.
    media: crate::media::Catalog,
}

impl Site {
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Every page as read, by source index (`Page::source`).
    pub fn sources(&self) -> &[SourcePage] {
        &self.sources
    }

    /// The resolved locales, parallel to `config().locales`.
    pub fn locales(&self) -> &[LocaleSite] {
        &self.locales
    }

    /// Page key -> for each locale, its own translation's source index.
    pub fn translations(&self) -> &HashMap<String, Vec<Option<usize>>> {
        &self.translations
    }

    /// The files beside the pages.
    pub fn media(&self) -> &crate::media::Catalog {
        &self.media
    }

    /// What a new resolve starts from: the configuration, the sources and the
    /// media (serve, after an edit that changes URLs or listings).
    pub fn into_parts(self) -> (Config, Vec<SourcePage>, crate::media::Catalog) {
        (self.config, self.sources, self.media)
    }

    /// The site with `media` as the files beside its pages.
    pub fn with_media(self, media: crate::media::Catalog) -> Site {
        Site { media, ..self }
    }

    /// The locales that have a real translation of `key`, with their URLs.
    pub fn alternates(&self, key: &str) -> Vec<(usize, &str)> {
        let Some(t) = self.translations.get(key) else {
            return Vec::new();
        };
        t.iter()
            .enumerate()
            .filter(|(_, s)| s.is_some())
            .filter_map(|(l, _)| self.locales[l].urls.get(key).map(|u| (l, u.as_str())))
            .collect()
    }

    pub fn absolute(&self, url: &str) -> String {
        format!("{}{url}", self.config.origin())
    }

    /// Replaces a source whose edit changes neither URLs nor listings (its body, say),
    /// and brings what resolve derives from it up to date: which translations of
    /// its page are outdated. An `Err` holds what resolve would reject in the new
    /// page (a topic contact.yaml does not have); the site is then left as it was.
    pub fn replace_source(
        &mut self,
        index: usize,
        page: SourcePage,
    ) -> std::result::Result<(), Vec<Diagnostic>> {
        if !page.front.draft || self.config.drafts {
            let errors = source_errors(&self.config, &page);
            if !errors.is_empty() {
                return Err(errors);
            }
        }
        let key = page.kind.key();
        self.sources[index] = page;
        let translations: BTreeMap<String, Vec<Option<usize>>> = self
            .translations
            .get(&key)
            .map(|t| (key.clone(), t.clone()))
            .into_iter()
            .collect();
        let def = self.config.default_locale;
        mark_outdated(
            &mut self.locales,
            &self.sources,
            &translations,
            def,
            Some(&key),
        );
        Ok(())
    }
}

pub fn resolve(config: Config, sources: Vec<SourcePage>) -> Result<Site> {
    let n = config.locales.len();
    let def = config.default_locale;
    let mut errors = Vec::new();

    // key -> source index per locale
    let mut translations: BTreeMap<String, Vec<Option<usize>>> = BTreeMap::new();
    for (i, s) in sources.iter().enumerate() {
        if s.front.draft && !config.drafts {
            continue;
        }
        errors.extend(source_errors(&config, s));
        translations
            .entry(s.kind.key())
            .or_insert_with(|| vec![None; n])[s.locale] = Some(i);
    }

    let mut locales = Vec::with_capacity(n);
    for (l, locale) in config.locales.iter().enumerate() {
        let prefix = format!("{}/{}", config.path_prefix, locale.code);
        let pick = |key: &str| -> Option<(usize, bool)> {
            let t = translations.get(key)?;
            t[l].map(|s| (s, false))
                .or_else(|| t[def].map(|s| (s, true)))
        };
        // Keyed by the form under which two files are one on case-insensitive,
        // normalizing hosts: `Refunds` and `refunds` would overwrite each other.
        let mut files: HashMap<String, (usize, String)> = HashMap::new();
        let mut claim = |page: &Page, errors: &mut Vec<Diagnostic>| {
            let key = segment::collision_key(&page.file);
            if let Some((other, url)) = files.insert(key, (page.source, page.url.clone())) {
                let how = if url == page.url {
                    String::new()
                } else {
                    format!(
                        " (and {url}: they differ only in case, Unicode form or width, so they are one file on macOS, Windows and many CDNs)"
                    )
                };
                errors.push(Diagnostic::error(
                    &sources[page.source].path,
                    format!(
                        "this page and {} have the same URL {}{how}; give one of them another `slug`",
                        sources[other].path.display(),
                        page.url
                    ),
                ));
            }
        };
        let reserved = reserved_segments(&config);

        let home = match pick("_index") {
            Some((source, fallback)) => Page {
                key: "_index".into(),
                source,
                fallback,
                url: format!("{prefix}/"),
                file: format!("{}/index.html", locale.code),
                outdated: None,
            },
            None => {
                errors.push(Diagnostic::error(
                    config.content_dir().join(&locale.code).join("_index.md"),
                    "missing home page: create it with a `title`",
                ));
                continue;
            }
        };
        claim(&home, &mut errors);

        // Categories: every folder with an article in this locale or the default one.
        let mut category_names: Vec<&str> = translations
            .iter()
            .filter(|(_, t)| t[l].is_some() || t[def].is_some())
            .filter_map(|(key, _)| key.split_once('/').map(|(c, _)| c))
            .collect();
        category_names.dedup();

        let mut categories = Vec::new();
        let mut cat_index: HashMap<&str, usize> = HashMap::new();
        for name in category_names {
            let key = format!("{name}/_index");
            let Some((source, fallback)) = pick(&key) else {
                let path = config
                    .content_dir()
                    .join(&config.default_locale().code)
                    .join(name)
                    .join("_index.md");
                errors.push(Diagnostic::error(
                    path,
                    "missing category page: create it with a `title`",
                ));
                continue;
            };
            let s = &sources[source];
            // A fallback shows the default locale's page, at the default locale's slug.
            let slug = segment::nfc(s.front.slug.as_deref().unwrap_or(name));
            let page = Page {
                key,
                source,
                fallback,
                url: format!("{prefix}/{}/", encode(&slug)),
                file: format!("{}/{slug}/index.html", locale.code),
                outdated: None,
            };
            if let Some(what) = reserved
                .iter()
                .find(|(r, _)| *r == segment::collision_key(&slug))
                .map(|(_, what)| what)
            {
                errors.push(reserved_error(
                    s,
                    &page,
                    what,
                    fallback.then_some(locale.code.as_str()),
                ));
            }
            claim(&page, &mut errors);
            cat_index.insert(name, categories.len());
            categories.push((
                order_of(s),
                s.front.title().to_string(),
                Category {
                    name: name.to_string(),
                    title: s.front.title().to_string(),
                    page,
                    articles: Vec::new(),
                },
            ));
        }

        let mut articles = Vec::new();
        for (key, _) in translations.iter().filter(|(k, _)| !k.ends_with("_index")) {
            let Some((source, fallback)) = pick(key) else {
                continue;
            };
            let s = &sources[source];
            let Kind::Article { category, name } = &s.kind else {
                continue;
            };
            let Some(&c) = cat_index.get(category.as_str()) else {
                continue;
            };
            let slug = segment::nfc(s.front.slug.as_deref().unwrap_or(name));
            let cat_page = &categories[c].2.page;
            let page = Page {
                key: key.clone(),
                source,
                fallback,
                url: format!("{}{}/", cat_page.url, encode(&slug)),
                file: format!(
                    "{}{slug}/index.html",
                    cat_page.file.trim_end_matches("index.html")
                ),
                outdated: None,
            };
            claim(&page, &mut errors);
            articles.push((
                order_of(s),
                s.front.title().to_string(),
                Article { page, category: c },
            ));
        }

        // Reading order: `order`, then title; categories re-indexed after sorting.
        let mut cat_order: Vec<usize> = (0..categories.len()).collect();
        cat_order.sort_by(|&a, &b| {
            (categories[a].0, &categories[a].1).cmp(&(categories[b].0, &categories[b].1))
        });
        let mut new_index = vec![0; categories.len()];
        for (new, &old) in cat_order.iter().enumerate() {
            new_index[old] = new;
        }
        articles.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut categories: Vec<Option<Category>> =
            categories.into_iter().map(|c| Some(c.2)).collect();
        let mut categories: Vec<Category> = cat_order
            .iter()
            .map(|&old| categories[old].take().expect("each once"))
            .collect();
        let articles: Vec<Article> = articles
            .into_iter()
            .map(|(_, _, mut a)| {
                a.category = new_index[a.category];
                a
            })
            .collect();
        for (i, a) in articles.iter().enumerate() {
            categories[a.category].articles.push(i);
        }

        let mut site = LocaleSite {
            home,
            categories,
            articles,
            urls: HashMap::new(),
            fallbacks: 0,
            search: OwnPage::new(&config, l, SEARCH),
            contact: config
                .contact
                .is_some()
                .then(|| OwnPage::new(&config, l, CONTACT)),
        };
        site.fallbacks = site.pages().filter(|p| p.fallback).count();
        site.urls = site
            .pages()
            .map(|p| (p.key.clone(), p.url.clone()))
            .collect();
        locales.push(site);
    }

    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(Error::Content(errors));
    }
    mark_outdated(&mut locales, &sources, &translations, def, None);
    Ok(Site {
        config,
        sources,
        locales,
        translations: translations.into_iter().collect(),
        media: crate::media::Catalog::default(),
    })
}

/// Marks the stamped translations whose source changed since they were stamped.
/// Each source is hashed once, however many locales translate it.
fn mark_outdated(
    locales: &mut [LocaleSite],
    sources: &[SourcePage],
    translations: &BTreeMap<String, Vec<Option<usize>>>,
    def: usize,
    only_key: Option<&str>,
) {
    let chosen = |page: &Page| only_key.is_none_or(|k| k == page.key);
    let stamped = |l: usize, page: &Page| {
        let own = l != def && !page.fallback && sources[page.source].front.source_hash.is_some();
        own.then(|| translations.get(&page.key)?[def]).flatten()
    };
    let mut originals: Vec<usize> = locales
        .iter()
        .enumerate()
        .flat_map(|(l, ls)| {
            ls.pages()
                .filter(|p| chosen(p))
                .filter_map(move |p| stamped(l, p))
        })
        .collect();
    originals.sort_unstable();
    originals.dedup();
    let hashes: HashMap<usize, String> = originals
        .into_par_iter()
        .map(|s| (s, stamp::source_hash(&sources[s])))
        .collect();
    for (l, ls) in locales.iter_mut().enumerate() {
        let pages = std::iter::once(&mut ls.home)
            .chain(ls.categories.iter_mut().map(|c| &mut c.page))
            .chain(ls.articles.iter_mut().map(|a| &mut a.page));
        for page in pages.filter(|p| chosen(p)) {
            page.outdated = stamped(l, page).and_then(|source| {
                let translation = &sources[page.source];
                let changes =
                    stamp::changes::stale(translation, &sources[source], &hashes[&source])?;
                Some(Outdated { source, changes })
            });
        }
    }
}

fn order_of(s: &SourcePage) -> i64 {
    s.front.order.unwrap_or(i64::MAX)
}

/// A URL path segment, percent-encoded as page URLs are.
pub(crate) fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// First segments under a locale that kbgen writes itself, by collision key, with
/// what is there.
fn reserved_segments(config: &Config) -> Vec<(String, &'static str)> {
    let mut out = vec![(SEARCH.to_string(), "kbgen's search page")];
    if config.contact.is_some() {
        out.push((
            CONTACT.to_string(),
            "the contact flow's page (contact.yaml)",
        ));
    }
    out
}

fn reserved_error(s: &SourcePage, page: &Page, what: &str, shown_in: Option<&str>) -> Diagnostic {
    let message = match shown_in {
        None => format!(
            "this page's URL {} is {what}; give the page another `slug`",
            page.url
        ),
        Some(code) => format!(
            "this page, shown in {code} too (it has no {code} translation), takes the URL {}, which is {what}; give it another `slug`",
            page.url
        ),
    };
    let d = Diagnostic::error(&s.path, message);
    if s.front.slug.is_some() {
        d.at(s.key_line("slug"), 1)
    } else {
        d
    }
}

/// What is wrong with one published source on its own, whatever the rest of the
/// site: its slug, its topic. Resolve asks it of every source, and
/// [`Site::replace_source`] of an edited one.
fn source_errors(config: &Config, s: &SourcePage) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if let Some(slug) = &s.front.slug
        && let Some(why) = segment::problem(slug)
    {
        errors.push(
            Diagnostic::error(
                &s.path,
                format!("slug `{slug}` is not a single URL segment ({why}): write one word, such as `slug: refunds`"),
            )
            .at(s.key_line("slug"), 1),
        );
    }
    errors.extend(topic_error(config, s));
    errors
}

/// An article's `topic:` must be one of contact.yaml's topics, when the site has
/// one: its "Contact us" link leads there.
fn topic_error(config: &Config, s: &SourcePage) -> Option<Diagnostic> {
    let contact = config.contact.as_ref()?;
    let topic = s.front.topic.as_deref()?;
    if contact.topic(topic).is_some() {
        return None;
    }
    let known: Vec<&str> = contact.topics.iter().map(|t| t.id.as_str()).collect();
    Some(
        Diagnostic::error(
            &s.path,
            format!(
                "topic `{topic}` is not in {}; use one of {}",
                crate::contact::CONTACT_FILE,
                known.join(", ")
            ),
        )
        .at(s.key_line("topic"), 1),
    )
}

#[cfg(test)]
mod tests;
