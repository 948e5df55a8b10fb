//! The imported tree: Markdown pages with front matter, `_index.md` files and
//! attachments, held in memory, then written through a staging folder under
//! `content/` and moved into place. Files whose bytes are already there are not
//! touched, so a second import of the same export changes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error};
use crate::load::{Kind, SourcePage};

use super::export::{Category, Id, Section, Sourced};
use super::links::Index;
use super::report::Report;

/// The front matter the importer writes, in this order.
#[derive(Debug, Serialize)]
pub struct Front {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub promoted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_hash: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// A page's file: front matter, then the body.
pub fn page(front: &Front, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    let body = body.trim();
    if body.is_empty() {
        format!("---\n{yaml}---\n")
    } else {
        format!("---\n{yaml}---\n\n{body}\n")
    }
}

/// The first paragraph's text, cut at a word near 160 characters.
pub fn description(markdown: &str) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    let mut inside = false;
    let mut depth = 0;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside => {
                if !text.trim().is_empty() {
                    break;
                }
                inside = false;
            }
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table) => depth -= 1,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= 160 {
        return Some(text);
    }
    let cut: String = text.chars().take(160).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', '.'])))
}

/// kbgen's own `source_hash` of a page the importer is about to write.
pub fn hash_of(config: &Config, rel: &Path, text: &str) -> String {
    let (page, _) = SourcePage::from_text(
        config.default_locale,
        Kind::Home,
        &config.content_dir().join(rel),
        text.to_string(),
    );
    crate::stamp::source_hash(&page)
}

/// Files to write, by path under `content/`.
#[derive(Debug, Default)]
pub struct Tree {
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    /// Files an earlier import wrote that this one replaces by others (an article
    /// moved to another section), removed once the new files are in place.
    pub removed: Vec<PathBuf>,
}

impl Tree {
    pub fn add(&mut self, rel: PathBuf, bytes: Vec<u8>) {
        self.files.insert(rel, bytes);
    }

    pub fn remove(&mut self, rel: PathBuf) {
        self.removed.push(rel);
    }

    pub fn has(&self, rel: &Path) -> bool {
        self.files.contains_key(rel)
    }

    /// The files that are on disk with these bytes already.
    pub fn unchanged(&self, config: &Config) -> usize {
        self.files.len() - self.changed(config).len()
    }

    /// The files that are not on disk with these bytes.
    pub fn changed(&self, config: &Config) -> Vec<PathBuf> {
        let content = config.content_dir();
        self.files
            .iter()
            .filter(|(rel, bytes)| !same(&content.join(rel), bytes))
            .map(|(rel, _)| rel.clone())
            .collect()
    }

    /// Writes the changed files into a staging folder under `content/`, then
    /// moves each into place. Returns the files written.
    pub fn write(&self, config: &Config) -> Result<Vec<PathBuf>, Error> {
        let content = config.content_dir();
        let changed = self.changed(config);
        if changed.is_empty() && self.removed.is_empty() {
            return Ok(changed);
        }
        for rel in &changed {
            let target = content.join(rel);
            if target.is_dir() || target.is_symlink() {
                return Err(Error::Content(vec![Diagnostic::error(
                    &target,
                    "the import would write a page or file here, but it is a folder or a link: move it away and import again",
                )]));
            }
        }
        let staging = content.join(format!(".kbgen-import-{}", std::process::id()));
        let result = self.stage(&staging, &changed).and_then(|()| {
            for rel in &changed {
                let target = content.join(rel);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                std::fs::rename(staging.join(rel), &target).map_err(|e| Error::io(&target, e))?;
            }
            Ok(())
        });
        let _ = std::fs::remove_dir_all(&staging);
        result?;
        for rel in &self.removed {
            let path = content.join(rel);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
        Ok(changed)
    }

    fn stage(&self, staging: &Path, changed: &[PathBuf]) -> Result<(), Error> {
        for rel in changed {
            let path = staging.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::write(&path, &self.files[rel]).map_err(|e| Error::io(&path, e))?;
        }
        Ok(())
    }
}

/// True when `path` holds exactly `bytes`.
fn same(path: &Path, bytes: &[u8]) -> bool {
    std::fs::read(path).is_ok_and(|old| old == bytes)
}

/// `_index.md` of each section (a kbgen category) in the default locale, with
/// the section's and its category's old URLs; and the home page if the site has
/// none yet (a writer's own is never replaced).
pub fn indexes(
    config: &Config,
    categories: &[Sourced<Category>],
    sections: &[&Sourced<Section>],
    index: &Index,
    tree: &mut Tree,
    report: &mut Report,
) -> Result<(), Error> {
    let def = &config.locales[config.default_locale].code;
    let first_of: BTreeMap<&Id, &Sourced<Category>> =
        categories.iter().map(|c| (&c.item.id, c)).collect();
    for (n, s) in sections.iter().enumerate() {
        let Some(folder) = index.sections.get(&s.item.id) else {
            continue;
        };
        let zl = s.item.locale.clone().unwrap_or_else(|| def.clone());
        let mut aliases = super::old_urls(s.item.html_url.as_deref(), &zl, "sections", &s.item.id);
        if let Some(c) = s.item.category_id.as_ref().and_then(|c| first_of.get(c))
            && index.categories.get(&c.item.id) == Some(folder)
        {
            let zl = c.item.locale.clone().unwrap_or_else(|| zl.clone());
            aliases.extend(super::old_urls(
                c.item.html_url.as_deref(),
                &zl,
                "categories",
                &c.item.id,
            ));
        }
        let front = Front {
            title: s
                .item
                .name
                .clone()
                .unwrap_or_else(|| format!("Section {}", s.item.id)),
            description: s.item.description.clone().filter(|d| !d.trim().is_empty()),
            tags: Vec::new(),
            order: Some(n as i64 + 1),
            promoted: false,
            updated: None,
            draft: false,
            source_hash: None,
            aliases,
        };
        report.redirects(config.default_locale, front.aliases.len());
        tree.add(
            PathBuf::from(def).join(folder).join("_index.md"),
            page(&front, "").into_bytes(),
        );
    }
    let home = PathBuf::from(def).join("_index.md");
    if !config.content_dir().join(&home).exists() {
        let front = Front {
            title: "Help Center".into(),
            description: None,
            tags: Vec::new(),
            order: None,
            promoted: false,
            updated: None,
            draft: false,
            source_hash: None,
            aliases: Vec::new(),
        };
        tree.add(home, page(&front, "").into_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_is_the_first_paragraph_cut_at_a_word() {
        assert_eq!(
            description("> a callout\n\nFirst *words* here.\n\nSecond.\n").as_deref(),
            Some("First words here.")
        );
        let long = format!("{}end", "word ".repeat(40));
        let d = description(&long).unwrap();
        assert!(d.ends_with('…') && d.chars().count() <= 161, "{d}");
        assert_eq!(description("## Only a heading\n"), None);
    }

    #[test]
    fn front_matter_leaves_out_what_is_not_set() {
        let front = Front {
            title: "Pay: now".into(),
            description: None,
            tags: vec!["billing".into()],
            order: Some(2),
            promoted: true,
            updated: None,
            draft: false,
            source_hash: None,
            aliases: vec!["/hc/en-us/articles/1".into()],
        };
        assert_eq!(
            page(&front, "Body"),
            "---\ntitle: 'Pay: now'\ntags:\n- billing\norder: 2\npromoted: true\naliases:\n- /hc/en-us/articles/1\n---\n\nBody\n"
        );
    }
}
