//! Zendesk URLs inside article bodies: links to other articles, sections and
//! categories become relative `.md` links; attachments become files beside the
//! article. Everything else is kept as written.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::export::Id;
use super::html::Rewrite;

/// What a Zendesk path names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    Article {
        id: String,
        fragment: Option<String>,
    },
    Section(String),
    Category(String),
    /// `/hc/article_attachments/<id>[/<name>]`, with or without a locale.
    Attachment {
        id: String,
        name: Option<String>,
    },
}

/// Reads `/hc/[<locale>/](articles|sections|categories|article_attachments)/<id>...`
/// from a URL, absolute or root-relative. Other URLs are not Zendesk's.
pub fn target(url: &str) -> Option<Target> {
    let parsed = url::Url::parse(url)
        .or_else(|_| url::Url::parse("https://zendesk.invalid/")?.join(url))
        .ok()?;
    let fragment = parsed
        .fragment()
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    let segments: Vec<String> = parsed
        .path_segments()?
        .filter(|s| !s.is_empty())
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        })
        .collect();
    let mut rest = segments.iter().map(String::as_str);
    if rest.next()? != "hc" {
        return None;
    }
    let mut kind = rest.next()?;
    if !matches!(
        kind,
        "articles" | "sections" | "categories" | "article_attachments"
    ) {
        kind = rest.next()?;
    }
    let first = rest.next()?;
    let id: String = first.chars().take_while(char::is_ascii_digit).collect();
    if id.is_empty() {
        return None;
    }
    Some(match kind {
        "articles" => Target::Article { id, fragment },
        "sections" => Target::Section(id),
        "categories" => Target::Category(id),
        "article_attachments" => Target::Attachment {
            id,
            name: rest.next().map(str::to_string),
        },
        _ => return None,
    })
}

/// Where the imported pages are, for links between them.
#[derive(Debug, Default)]
pub struct Index {
    /// Article id -> `category/name`, and the heading ids its bodies have.
    pub articles: BTreeMap<Id, (String, Vec<String>)>,
    /// Section id -> category folder.
    pub sections: BTreeMap<Id, String>,
    /// Category id -> the folder of its first section.
    pub categories: BTreeMap<Id, String>,
    /// `attachments/` files, by their path under it.
    pub attachments: BTreeMap<String, PathBuf>,
}

impl Index {
    /// The file of attachment `id` (named `name` in its URL) on disk: under
    /// `attachments/` as `<id>/<name>`, `<id>-<name>`, `<name>`, or the only
    /// file of `<id>/`, `<id>` or `<id>.<ext>`.
    pub fn attachment(&self, id: &str, name: Option<&str>) -> Option<(String, PathBuf)> {
        if let Some(name) = name {
            for key in [
                format!("{id}/{name}"),
                format!("{id}-{name}"),
                name.to_string(),
            ] {
                if let Some(path) = self.attachments.get(&key) {
                    return Some((name.to_string(), path.clone()));
                }
            }
        }
        let prefix_dir = format!("{id}/");
        let prefix_file = format!("{id}-");
        let prefix_ext = format!("{id}.");
        let found: Vec<(&String, &PathBuf)> = self
            .attachments
            .iter()
            .filter(|(k, _)| {
                k.as_str() == id
                    || k.starts_with(&prefix_dir)
                    || (name.is_none()
                        && (k.starts_with(&prefix_file) || k.starts_with(&prefix_ext)))
            })
            .collect();
        match found.as_slice() {
            [(key, path)] => {
                let file = key.rsplit('/').next().unwrap_or(key);
                let file = file.strip_prefix(&prefix_file).unwrap_or(file);
                Some((name.unwrap_or(file).to_string(), (*path).clone()))
            }
            _ => None,
        }
    }
}

/// A file the article needs beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    /// Relative to the article's folder: `attachments/<id>-<name>`.
    pub rel: String,
    pub from: PathBuf,
}

/// What one article's rewriting found.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<Needed>,
    pub missing: Vec<String>,
    pub lost: Vec<String>,
}

/// The rewriter of one article in one locale.
pub struct Rewriter {
    pub index: Arc<Index>,
    /// The folder (category) of the article being converted.
    pub category: String,
    /// `https://<host>`, for links to Zendesk pages that were not imported.
    pub origin: Option<String>,
    pub found: Mutex<Found>,
}

impl Rewriter {
    fn found(&self) -> std::sync::MutexGuard<'_, Found> {
        self.found.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn to_page(&self, category: &str, file: &str) -> String {
        if category == self.category {
            file.to_string()
        } else {
            format!("../{category}/{file}")
        }
    }

    fn file(&self, url: &str, id: &str, name: Option<&str>) -> String {
        match self.index.attachment(id, name) {
            Some((name, from)) => {
                let name = safe_name(&name);
                // `9003.png` on disk is already named by its id.
                let rel = if name.starts_with(id) {
                    format!("attachments/{name}")
                } else {
                    format!("attachments/{id}-{name}")
                };
                let mut found = self.found();
                let needed = Needed {
                    rel: rel.clone(),
                    from,
                };
                if !found.files.contains(&needed) {
                    found.files.push(needed);
                }
                rel
            }
            None => {
                self.found().missing.push(url.to_string());
                url.to_string()
            }
        }
    }

    /// A root-relative Zendesk URL made absolute, so that it still leads somewhere.
    fn absolute(&self, url: &str) -> String {
        match &self.origin {
            Some(origin) if url.starts_with('/') && !url.starts_with("//") => {
                format!("{origin}{url}")
            }
            _ => url.to_string(),
        }
    }
}

impl Rewrite for Rewriter {
    fn link(&self, href: &str) -> String {
        match target(href) {
            Some(Target::Article { id, fragment }) => {
                let Some((key, ids)) = self.index.articles.get(&Id(id.clone())) else {
                    self.found().lost.push(format!(
                        "link to article {id}, which the export lacks, kept as {}",
                        self.absolute(href)
                    ));
                    return self.absolute(href);
                };
                let (category, name) = key.split_once('/').unwrap_or(("", key));
                let mut dest = self.to_page(category, &format!("{name}.md"));
                match fragment {
                    Some(f) if ids.contains(&f) => dest.push_str(&format!("#{f}")),
                    Some(f) => self.found().lost.push(format!(
                        "link to #{f} of article {id}: no heading has that id, so it leads to the top"
                    )),
                    None => {}
                }
                dest
            }
            Some(Target::Section(id)) => match self.index.sections.get(&Id(id)) {
                Some(category) => self.to_page(category, "_index.md"),
                None => self.absolute(href),
            },
            Some(Target::Category(id)) => match self.index.categories.get(&Id(id)) {
                Some(category) => self.to_page(category, "_index.md"),
                None => self.absolute(href),
            },
            Some(Target::Attachment { id, name }) => self.file(href, &id, name.as_deref()),
            None => href.to_string(),
        }
    }

    fn image(&self, src: &str) -> String {
        match target(src) {
            Some(Target::Attachment { id, name }) => self.file(src, &id, name.as_deref()),
            _ => src.to_string(),
        }
    }
}

/// A file name that is one plain URL segment: letters, digits, `.`, `-`, `_`.
pub fn safe_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || matches!(c, '.' | '_') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(['-', '.']).to_string();
    if out.is_empty() { "file".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zendesk_urls_are_recognized_in_every_shape() {
        let article = |id: &str, f: Option<&str>| Target::Article {
            id: id.into(),
            fragment: f.map(str::to_string),
        };
        assert_eq!(
            target("https://acme.zendesk.com/hc/en-us/articles/360001-How-to#h_1"),
            Some(article("360001", Some("h_1")))
        );
        assert_eq!(target("/hc/articles/42"), Some(article("42", None)));
        assert_eq!(
            target("/hc/pt-br/sections/7-Pagamentos"),
            Some(Target::Section("7".into()))
        );
        for url in [
            "https://acme.zendesk.com/hc/article_attachments/99/a%20b.png",
            "/hc/en-us/article_attachments/99/a b.png",
        ] {
            assert_eq!(
                target(url),
                Some(Target::Attachment {
                    id: "99".into(),
                    name: Some("a b.png".into())
                })
            );
        }
        assert_eq!(
            target("/hc/article_attachments/99"),
            Some(Target::Attachment {
                id: "99".into(),
                name: None
            })
        );
        assert_eq!(target("https://example.org/hc/en-us/requests/new"), None);
        assert_eq!(target("mailto:help@example.org"), None);
    }

    #[test]
    fn attachments_are_found_by_id_or_name() {
        let mut index = Index::default();
        for key in ["1/a.png", "2-b.png", "c.png", "4.svg"] {
            index.attachments.insert(key.into(), PathBuf::from(key));
        }
        assert_eq!(index.attachment("1", Some("a.png")).unwrap().0, "a.png");
        assert_eq!(index.attachment("1", None).unwrap().0, "a.png");
        assert_eq!(index.attachment("2", Some("b.png")).unwrap().0, "b.png");
        assert_eq!(index.attachment("2", None).unwrap().0, "b.png");
        assert_eq!(index.attachment("3", Some("c.png")).unwrap().0, "c.png");
        assert_eq!(index.attachment("4", None).unwrap().0, "4.svg");
        assert_eq!(index.attachment("5", Some("z.png")), None);
        assert_eq!(safe_name("My screen shot (1).PNG"), "My-screen-shot-1-.PNG");
    }
}
