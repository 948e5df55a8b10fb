//! The URL manifest: every URL a build published, written to `.kbgen/urls.txt`,
//! and the comparison of a previous build's URLs with the current site, so that no
//! published URL disappears without a redirect.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use percent_encoding::percent_decode_str;

use crate::aliases::Redirect;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::resolve::{Site, encode};

/// Where the manifest sits in the output folder.
pub const FILE: &str = ".kbgen/urls.txt";
const HEADER: &str = "# kbgen published URLs v1: URL, then `page LOCALE KEY SOURCE`, `redirect TARGET SOURCE` or `kbgen`";

/// What published a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A page: its locale code, page key and source file (relative to the site).
    Page {
        locale: String,
        key: String,
        source: String,
    },
    /// An alias page leading to `to`, declared in `source`.
    Redirect { to: String, source: String },
    /// A page of kbgen's own: search, contact, the language chooser.
    Kbgen,
    /// From a plain list of URLs: nothing known.
    Unknown,
}

/// URL (root-relative, percent-encoded) -> what published it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub urls: BTreeMap<String, Entry>,
}

/// A source path relative to the site's root, with `/` on every system.
pub fn site_path(config: &Config, path: &Path) -> String {
    let rel = path.strip_prefix(&config.root).unwrap_or(path);
    rel.iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Manifest {
    /// The URLs of the site as built, with its redirects.
    pub fn of(site: &Site, redirects: &[Redirect]) -> Manifest {
        let config = site.config();
        let mut urls = BTreeMap::new();
        urls.insert(format!("{}/", config.path_prefix), Entry::Kbgen);
        for (l, ls) in site.locales().iter().enumerate() {
            for page in ls.pages() {
                let entry = Entry::Page {
                    locale: config.locales[l].code.clone(),
                    key: page.key.clone(),
                    source: site_path(config, &site.sources()[page.source].path),
                };
                urls.insert(page.url.clone(), entry);
            }
            urls.insert(ls.search.url.clone(), Entry::Kbgen);
            if let Some(contact) = &ls.contact {
                urls.insert(contact.url.clone(), Entry::Kbgen);
            }
        }
        for r in redirects {
            let entry = Entry::Redirect {
                to: r.to.clone(),
                source: site_path(config, &site.sources()[r.source].path),
            };
            urls.insert(r.from.clone(), entry);
        }
        Manifest { urls }
    }

    /// The manifest file: one URL a line, sorted, tab-separated fields.
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for (url, entry) in &self.urls {
            let _ = match entry {
                Entry::Page {
                    locale,
                    key,
                    source,
                } => writeln!(out, "{url}\tpage\t{locale}\t{key}\t{source}"),
                Entry::Redirect { to, source } => writeln!(out, "{url}\tredirect\t{to}\t{source}"),
                Entry::Kbgen => writeln!(out, "{url}\tkbgen"),
                Entry::Unknown => writeln!(out, "{url}"),
            };
        }
        out
    }

    /// A manifest, or any list of URLs one a line (absolute under the base URL,
    /// or root-relative); blank lines and `#` comments are skipped.
    pub fn parse(text: &str, config: &Config) -> Manifest {
        let origin_end = config.base_url.len() - config.path_prefix.len();
        let origin = &config.base_url[..origin_end];
        let mut urls = BTreeMap::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            // A sitemap works too: its `<loc>` elements, one a line.
            let loc = line
                .split_once("<loc>")
                .and_then(|(_, rest)| rest.split_once("</loc>"))
                .map(|(url, _)| url.replace("&amp;", "&"));
            let raw = loc.as_deref().unwrap_or(fields[0]).trim();
            let path = raw.strip_prefix(origin).unwrap_or(raw);
            if !path.starts_with('/') {
                continue;
            }
            let field = |i: usize| fields.get(i).map(|s| s.to_string()).unwrap_or_default();
            let entry = match fields.get(1).copied() {
                Some("page") if fields.len() >= 5 => Entry::Page {
                    locale: field(2),
                    key: field(3),
                    source: field(4),
                },
                Some("redirect") => Entry::Redirect {
                    to: field(2),
                    source: field(3),
                },
                Some("kbgen") => Entry::Kbgen,
                _ => Entry::Unknown,
            };
            urls.insert(normalize_url(path), entry);
        }
        Manifest { urls }
    }

    /// A previous build's URLs: its manifest, or for an output folder written
    /// before there was one, the pages found in it; or a file listing URLs.
    pub fn read(path: &Path, config: &Config) -> Result<Manifest> {
        if path.is_dir() {
            let file = path.join(FILE);
            if file.is_file() {
                let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
                return Ok(Manifest::parse(&text, config));
            }
            return Ok(Manifest::walk(path, config));
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::Config(Diagnostic::error(
                path,
                format!("cannot read the previous URLs ({e}); pass a built site folder or a file with one URL a line"),
            ))
        })?;
        Ok(Manifest::parse(&text, config))
    }

    /// The pages (`index.html` files) of an output folder without a manifest.
    fn walk(dir: &Path, config: &Config) -> Manifest {
        let mut urls = BTreeMap::new();
        let walker = walkdir::WalkDir::new(dir).into_iter().filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() != 1 || !matches!(name.as_ref(), "assets" | "search" | ".kbgen")
        });
        for entry in walker.flatten() {
            if !entry.file_type().is_file() || entry.file_name() != "index.html" {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let mut url = config.path_prefix.clone();
            for part in rel.parent().into_iter().flat_map(|p| p.iter()) {
                url.push('/');
                url.push_str(&encode(&part.to_string_lossy()));
            }
            url.push('/');
            urls.insert(url, Entry::Unknown);
        }
        Manifest { urls }
    }
}

/// One spelling per URL: segments percent-decoded, then encoded as kbgen does;
/// `/a/b`, `/a/b/` and `/a/b/index.html` are one page (hosts serve all three).
fn normalize_url(path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let mut url = path
        .split('/')
        .map(|s| encode(&percent_decode_str(s).decode_utf8_lossy()))
        .collect::<Vec<_>>()
        .join("/");
    if !url.rsplit('/').next().unwrap_or_default().contains('.') && !url.ends_with('/') {
        url.push('/');
    }
    url
}

/// A URL of the previous build that the current one neither publishes nor
/// redirects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vanished {
    pub url: String,
    pub was: Entry,
    /// Where the same page is now, when it can be told.
    pub now: Option<Moved>,
}

/// The page a vanished URL belonged to, found again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub url: String,
    /// The file to add the alias to.
    pub source: String,
    /// The `aliases:` entry that brings the old URL back.
    pub alias: String,
    /// `new slug`, or the category it moved from and to.
    pub how: String,
}

/// Every URL of `old` that `new` lacks, in URL order, with where its page went.
pub fn vanished(old: &Manifest, new: &Manifest, config: &Config) -> Vec<Vanished> {
    let pages: Pages = new
        .urls
        .iter()
        .filter_map(|(url, e)| match e {
            Entry::Page {
                locale,
                key,
                source,
            } => Some((
                (locale.as_str(), key.as_str()),
                (url.as_str(), source.as_str()),
            )),
            _ => None,
        })
        .collect();
    let old_keys: BTreeSet<(&str, &str)> = old
        .urls
        .values()
        .filter_map(|e| match e {
            Entry::Page { locale, key, .. } => Some((locale.as_str(), key.as_str())),
            _ => None,
        })
        .collect();
    let mut new_by_name: NewByName = HashMap::new();
    for (&(locale, key), &(url, source)) in &pages {
        if key.contains('/') && !old_keys.contains(&(locale, key)) {
            new_by_name
                .entry((locale, name_of(key)))
                .or_default()
                .push((key, url, source));
        }
    }
    let mut out = Vec::new();
    for (url, was) in &old.urls {
        if new.urls.contains_key(url) {
            continue;
        }
        let now = match was {
            Entry::Page { locale, key, .. } => {
                find_again(&pages, &new_by_name, locale, key).map(|(new_key, new_url, source)| {
                    let how = if new_key == key.as_str() {
                        "new slug".to_string()
                    } else {
                        let category =
                            |k: &str| k.split('/').next().unwrap_or_default().to_string();
                        format!("moved from {} to {}", category(key), category(new_key))
                    };
                    Moved {
                        url: new_url.to_string(),
                        source: source.to_string(),
                        alias: alias_for(url, locale, source, config),
                        how,
                    }
                })
            }
            _ => None,
        };
        out.push(Vanished {
            url: url.clone(),
            was: was.clone(),
            now,
        });
    }
    // A relative alias of a source applies in its fallback locales too: one entry
    // then brings back the old URL in every locale.
    let relative: Vec<(String, String)> = out
        .iter()
        .filter_map(|v| v.now.as_ref())
        .filter(|m| !m.alias.starts_with('/'))
        .map(|m| (m.source.clone(), m.alias.clone()))
        .collect();
    for v in &mut out {
        let (Entry::Page { locale, .. }, Some(m)) = (&v.was, v.now.as_mut()) else {
            continue;
        };
        let old = decode(&v.url);
        if let Some((_, r)) = relative.iter().find(|(source, r)| {
            *source == m.source && old == format!("{}/{locale}/{r}", config.path_prefix)
        }) {
            m.alias = r.clone();
        }
    }
    out
}

fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Page (locale, key) -> (URL, source), of one manifest.
type Pages<'a> = HashMap<(&'a str, &'a str), (&'a str, &'a str)>;
/// (locale, file name) -> the pages that are new in that locale, as (key, URL, source).
type NewByName<'a> = HashMap<(&'a str, &'a str), Vec<(&'a str, &'a str, &'a str)>>;

/// The file name part of a page key: `outcomes` of `disputes/outcomes`.
fn name_of(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// The new (key, URL, source) of the page `key` in `locale`: the same key, or
/// else the one new page of that locale with the same file name (a move to
/// another category).
fn find_again<'a>(
    pages: &Pages<'a>,
    new_by_name: &NewByName<'a>,
    locale: &'a str,
    key: &'a str,
) -> Option<(&'a str, &'a str, &'a str)> {
    if let Some((url, source)) = pages.get(&(locale, key)) {
        return Some((key, url, source));
    }
    match new_by_name.get(&(locale, name_of(key)))?.as_slice() {
        [one] => Some(*one),
        // Two new pages with that name: which one it is cannot be told.
        _ => None,
    }
}

/// The alias that brings `url` back, written for `source`'s front matter:
/// relative to the locale when the source is that locale's own file (then it
/// also covers the locales where it is a fallback), absolute otherwise.
fn alias_for(url: &str, locale: &str, source: &str, config: &Config) -> String {
    let own = source.starts_with(&format!("content/{locale}/"));
    let locale_root = format!("{}/{locale}/", config.path_prefix);
    match url.strip_prefix(&locale_root) {
        Some(rest) if own => decode(rest),
        _ => decode(url),
    }
}

/// What to tell the writer about a vanished URL: a warning on the file to fix
/// (the page's new source, or the old source that is gone), proposing the alias.
pub fn diagnose(v: &Vanished, config: &Config, previous: &Path) -> Diagnostic {
    let at = |source: &str| config.root.join(source);
    match (&v.now, &v.was) {
        (Some(m), _) => Diagnostic::warning(
            at(&m.source),
            format!(
                "published URL {} would disappear: the page is now at {} ({}); add `aliases: [{}]` to this file's front matter (kbgen check --against {} --fix does)",
                v.url,
                m.url,
                m.how,
                m.alias,
                previous.display()
            ),
        ),
        (None, Entry::Page { source, .. }) => Diagnostic::warning(
            at(source),
            format!(
                "published URL {} would disappear: no page took the place of {source}; add its path to the `aliases:` of the page that replaces it",
                v.url
            ),
        ),
        (None, Entry::Redirect { to, source }) => Diagnostic::warning(
            at(source),
            format!(
                "published URL {} would disappear: it redirected to {to} by an alias of this file, which is gone; put the alias back on the page that replaces it",
                v.url
            ),
        ),
        (None, Entry::Kbgen) => Diagnostic::warning(
            previous,
            format!(
                "published URL {} would disappear: kbgen no longer writes it (contact.yaml removed, or a locale dropped?)",
                v.url
            ),
        ),
        (None, Entry::Unknown) => Diagnostic::warning(
            previous,
            format!(
                "published URL {} would disappear: no page or alias has it now; add it to the `aliases:` of the page that replaces it",
                v.url
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_url() {
        for (raw, url) in [
            ("/en/a", "/en/a/"),
            ("/en/a/", "/en/a/"),
            ("/en/a/index.html", "/en/a/"),
            ("/en/a/?utm=x#top", "/en/a/"),
            ("/zh/如何/", "/zh/%E5%A6%82%E4%BD%95/"),
            ("/zh/%e5%a6%82%e4%bd%95", "/zh/%E5%A6%82%E4%BD%95/"),
            ("/old/faq.html", "/old/faq.html"),
        ] {
            assert_eq!(normalize_url(raw), url, "{raw}");
        }
    }
}
