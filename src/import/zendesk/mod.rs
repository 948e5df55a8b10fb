//! `kbgen import zendesk`: a Zendesk Guide export (the Help Center API's JSON,
//! saved to disk) to kbgen's content tree. A Zendesk section becomes a kbgen
//! category (kbgen has one level of categories); the Zendesk category survives
//! in the categories' order and in its old URL, which redirects to its first
//! section.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error};

pub mod export;
pub mod html;
pub mod links;
mod locales;
pub mod report;
mod write;

use export::{Article, Export, Id, Sourced, Translation};
use links::{Index, Rewriter};
pub use locales::parse_locale_map;
use report::Report;
use write::{Front, Tree};

/// The front matter value that marks a translation Zendesk flags as outdated:
/// never a source's hash, so `kbgen check` and the reader's notice call it
/// outdated until a translator updates it and runs `kbgen stamp`.
pub const OUTDATED_STAMP: &str = "outdated-in-zendesk";

/// What the command line asks for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub export: PathBuf,
    /// Zendesk locale -> site locale code, before the automatic mapping.
    pub locale_map: BTreeMap<String, String>,
    pub dry_run: bool,
}

/// Imports the export into `config`'s `content/`, or with `dry_run` only says
/// what it would write. Nothing is written unless everything could be read.
pub fn import(config: &Config, options: &Options) -> Result<Report, Error> {
    let export = export::read(&options.export).map_err(Error::Content)?;
    let locales = locales::map(config, &options.locale_map, &export).map_err(Error::Content)?;
    let mut report = Report::new(config);
    let plan = plan(config, &export, &locales, &mut report)?;
    report.unchanged = plan.unchanged(config);
    if !options.dry_run {
        report.written = plan.write(config)?;
    } else {
        report.written = plan.changed(config);
    }
    Ok(report)
}

/// One article with its translations, by site locale.
struct Entry<'a> {
    source: &'a Sourced<Article>,
    category: String,
    name: String,
    /// `(category, name)` of the files an earlier import wrote for this article,
    /// when Zendesk has moved it to another section since.
    moved_from: Option<(String, String)>,
    translations: BTreeMap<usize, (String, &'a Sourced<Translation>)>,
}

fn plan(
    config: &Config,
    export: &Export,
    locales: &locales::Mapping,
    report: &mut Report,
) -> Result<Tree, Error> {
    let def = config.default_locale;
    let mut errors = Vec::new();
    // Sections in order: by their category's position, then their own.
    let categories: BTreeMap<&Id, &Sourced<export::Category>> =
        export.categories.iter().map(|c| (&c.item.id, c)).collect();
    let mut sections: Vec<&Sourced<export::Section>> = Vec::new();
    for s in &export.sections {
        if !sections.iter().any(|o| o.item.id == s.item.id) {
            sections.push(s);
        }
    }
    let cat_key = |s: &export::Section| {
        let c = s.category_id.as_ref().and_then(|id| categories.get(id));
        (
            c.and_then(|c| c.item.position).unwrap_or(0),
            c.map(|c| c.item.id.clone()),
            s.position.unwrap_or(0),
            s.id.clone(),
        )
    };
    sections.sort_by_key(|s| cat_key(&s.item));
    let mut index = Index {
        attachments: export.attachments.clone(),
        ..Index::default()
    };
    let mut folders: Vec<String> = Vec::new();
    for s in &sections {
        let name = s.item.name.as_deref().unwrap_or_default();
        let folder = unique(&slug(name, "section", &s.item.id), &folders, &s.item.id);
        folders.push(folder.clone());
        index.sections.insert(s.item.id.clone(), folder.clone());
        if let Some(c) = &s.item.category_id {
            if !categories.contains_key(c) {
                report.note(format!(
                    "{}: section {} is in category {c}, which categories.json lacks: imported on its own",
                    s.file.display(),
                    s.item.id
                ));
            }
            index.categories.entry(c.clone()).or_insert(folder);
        }
    }
    // Articles: one source each; the same id in another locale is a translation.
    let mut sources: BTreeMap<&Id, &Sourced<Article>> = BTreeMap::new();
    let mut extra: BTreeMap<&Id, Vec<Sourced<Translation>>> = BTreeMap::new();
    for a in &export.articles {
        let is_source = a.item.locale.is_none() || a.item.locale == a.item.source_locale;
        match sources.get(&a.item.id) {
            Some(_) if !is_source => extra.entry(&a.item.id).or_default().push(as_translation(a)),
            Some(prev) if prev.item.locale == prev.item.source_locale => {}
            Some(prev) => {
                let prev = *prev;
                extra
                    .entry(&a.item.id)
                    .or_default()
                    .push(as_translation(prev));
                sources.insert(&a.item.id, a);
            }
            None => {
                sources.insert(&a.item.id, a);
            }
        }
    }
    let mut ordered: Vec<&Sourced<Article>> = sources.values().copied().collect();
    ordered.sort_by_key(|a| {
        let section = a
            .item
            .section_id
            .as_ref()
            .and_then(|s| sections.iter().position(|o| &o.item.id == s));
        (section, a.item.position.unwrap_or(0), a.item.id.clone())
    });
    let mut entries: Vec<Entry> = Vec::new();
    let previous = previous_names(config);
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (category, name) in previous.values() {
        names
            .entry(category.clone())
            .or_default()
            .push(name.clone());
    }
    for a in ordered {
        let id = &a.item.id;
        let title = a.item.title.as_deref().unwrap_or_default();
        let Some(category) = a
            .item
            .section_id
            .as_ref()
            .and_then(|s| index.sections.get(s))
            .cloned()
        else {
            let section = a
                .item
                .section_id
                .as_ref()
                .map_or("no section".to_string(), |s| format!("section {s}"));
            errors.push(Diagnostic::error(
                &a.file,
                format!(
                    "article {id} (`{title}`) is in {section}, which sections.json lacks: add that section to the export, or remove the article"
                ),
            ));
            continue;
        };
        let zd_locale = a.item.source_locale.as_deref().or(a.item.locale.as_deref());
        if let Some(l) = zd_locale.and_then(|z| locales.get(z))
            && l != def
        {
            report.note(format!(
                "{}: article {id} (`{title}`) is written in {}, not in the default locale {}: skipped (kbgen needs a source in {} to translate from)",
                a.file.display(),
                zd_locale.unwrap_or_default(),
                config.locales[def].code,
                config.locales[def].code,
            ));
            continue;
        }
        let taken = names.entry(category.clone()).or_default();
        // A page imported before keeps its file, even if its title changed since.
        let moved_from = previous.get(id).filter(|(c, _)| *c != category).cloned();
        let name = match previous.get(id) {
            Some((c, name)) if *c == category => name.clone(),
            _ => {
                let name = unique(&slug(title, "article", id), taken, id);
                taken.push(name.clone());
                name
            }
        };
        let mut translations: BTreeMap<usize, (String, &Sourced<Translation>)> = BTreeMap::new();
        let all = export
            .translations
            .get(id)
            .into_iter()
            .flatten()
            .chain(extra.get(id).into_iter().flatten());
        for t in all {
            let Some(zl) = t.item.locale.as_deref() else {
                continue;
            };
            let Some(l) = locales.get(zl) else { continue };
            if l == def || locales.skipped(zl) {
                continue;
            }
            match translations.get(&l) {
                Some((other, _)) if other != zl => report.note(format!(
                    "{}: article {id}: translations into {other} and {zl} are both {}: kept {other}; pass --locale-map {zl}=<another locale> to keep both",
                    t.file.display(),
                    config.locales[l].code
                )),
                Some(_) => {}
                None => {
                    translations.insert(l, (zl.to_string(), t));
                }
            }
        }
        entries.push(Entry {
            source: a,
            category,
            name,
            moved_from,
            translations,
        });
    }
    for e in &entries {
        let mut ids = heading_ids(e.source.item.body.as_deref().unwrap_or_default());
        for (_, t) in e.translations.values() {
            ids.extend(heading_ids(t.item.body.as_deref().unwrap_or_default()));
        }
        index.articles.insert(
            e.source.item.id.clone(),
            (format!("{}/{}", e.category, e.name), ids),
        );
    }
    let origin = export
        .articles
        .iter()
        .find_map(|a| a.item.html_url.as_deref().and_then(origin));
    let index = Arc::new(index);
    let mut tree = Tree::default();
    let source_locale = |a: &Article| {
        a.source_locale
            .clone()
            .or_else(|| a.locale.clone())
            .unwrap_or_else(|| config.locales[def].code.clone())
    };
    for e in &entries {
        let a = &e.source.item;
        let convert = |body: Option<&str>, locale: usize, what: &str| {
            let rewriter = Arc::new(Rewriter {
                index: index.clone(),
                category: e.category.clone(),
                origin: origin.clone(),
                found: Mutex::new(links::Found::default()),
            });
            let converted = html::convert(body.unwrap_or_default(), rewriter.clone(), &config.html);
            let found =
                std::mem::take(&mut *rewriter.found.lock().unwrap_or_else(|e| e.into_inner()));
            (converted, found, locale, what.to_string())
        };
        let zl = source_locale(a);
        let mut versions = vec![(convert(a.body.as_deref(), def, &zl), None)];
        for (&l, (zl, t)) in &e.translations {
            versions.push((convert(t.item.body.as_deref(), l, zl), Some(*t)));
        }
        let mut source_hash = String::new();
        for ((converted, found, l, zl), t) in versions {
            let file = t.map_or(&e.source.file, |t| &t.file);
            for url in &found.missing {
                errors.push(Diagnostic::error(
                    file,
                    format!(
                        "article {} ({zl}): attachment {url} is not in {}: save it as attachments/<id>/<file name>",
                        a.id,
                        export.dir.join("attachments").display()
                    ),
                ));
            }
            for what in converted.lost.iter().chain(&found.lost) {
                report.lost(&a.id, &zl, what);
            }
            let mut aliases = old_urls(
                t.and_then(|t| t.item.html_url.as_deref())
                    .or(if t.is_none() {
                        a.html_url.as_deref()
                    } else {
                        None
                    }),
                &zl,
                "articles",
                &a.id,
            );
            aliases.dedup();
            let title = t
                .and_then(|t| t.item.title.clone())
                .or_else(|| a.title.clone())
                .unwrap_or_else(|| format!("Article {}", a.id));
            let updated = t
                .and_then(|t| t.item.updated_at.as_deref())
                .or(a.updated_at.as_deref())
                .and_then(day);
            let draft = t.and_then(|t| t.item.draft).or(a.draft).unwrap_or(false);
            let mut front = Front {
                title,
                description: write::description(&converted.markdown),
                tags: a.label_names.clone().unwrap_or_default(),
                order: a.position,
                promoted: a.promoted.unwrap_or(false),
                updated,
                draft,
                source_hash: None,
                aliases,
            };
            let rel = PathBuf::from(&config.locales[l].code)
                .join(&e.category)
                .join(format!("{}.md", e.name));
            if t.is_some() {
                let outdated = t.is_some_and(|t| t.item.outdated == Some(true));
                front.source_hash = Some(if outdated {
                    OUTDATED_STAMP.to_string()
                } else {
                    source_hash.clone()
                });
            }
            // Old URLs an earlier import recorded (a slug before a retitling) stay;
            // an article Zendesk moved to another section leaves its old file,
            // whose URLs it takes along.
            let moved = e.moved_from.as_ref().map(|(c, n)| {
                PathBuf::from(&config.locales[l].code)
                    .join(c)
                    .join(format!("{n}.md"))
            });
            let earlier = match &moved {
                Some(old) if config.content_dir().join(old).is_file() => {
                    report.note(format!(
                        "article {} moved to another section in Zendesk: content/{} moves to content/{}",
                        a.id,
                        old.display(),
                        rel.display()
                    ));
                    tree.remove(old.clone());
                    // Its old kbgen URL, relative to the locale, redirects too.
                    if let Some((c, n)) = &e.moved_from {
                        front.aliases.push(format!("{c}/{n}/"));
                    }
                    Some(old.clone())
                }
                _ => None,
            };
            if let Some(old) =
                front_of(&config.content_dir().join(earlier.as_ref().unwrap_or(&rel)))
            {
                for alias in old.aliases {
                    if !front.aliases.contains(&alias) {
                        front.aliases.push(alias);
                    }
                }
            }
            let text = write::page(&front, &converted.markdown);
            if t.is_none() {
                source_hash = write::hash_of(config, &rel, &text);
            }
            report.page(l, t.is_some(), front.aliases.len());
            tree.add(rel, text.into_bytes());
            for needed in &found.files {
                // A file the source already has at this path is the same file.
                let at = |l: usize| {
                    PathBuf::from(&config.locales[l].code)
                        .join(&e.category)
                        .join(&needed.rel)
                };
                if l != def && tree.has(&at(def)) {
                    continue;
                }
                match std::fs::read(&needed.from) {
                    Ok(bytes) => {
                        report.attachment(l);
                        tree.add(at(l), bytes);
                    }
                    Err(err) => errors.push(Diagnostic::error(&needed.from, err.to_string())),
                }
            }
        }
    }
    write::indexes(
        config,
        &export.categories,
        &sections,
        &index,
        &mut tree,
        report,
    )?;
    if errors.is_empty() {
        Ok(tree)
    } else {
        Err(Error::Content(errors))
    }
}

/// Article id -> `(category, name)` of the default-locale pages an earlier
/// import wrote, found by their `/hc/.../articles/<id>` aliases.
fn previous_names(config: &Config) -> BTreeMap<Id, (String, String)> {
    let dir = config
        .content_dir()
        .join(&config.locales[config.default_locale].code);
    let mut found = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir)
        .min_depth(2)
        .max_depth(2)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let (Some(name), Some(category)) = (
            path.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".md"))
                .filter(|n| *n != "_index"),
            path.parent()
                .and_then(|p| p.file_name())
                .and_then(|n| n.to_str()),
        ) else {
            continue;
        };
        let Some(front) = front_of(path) else {
            continue;
        };
        for alias in &front.aliases {
            if let Some(links::Target::Article { id, .. }) = links::target(alias) {
                found
                    .entry(Id(id))
                    .or_insert_with(|| (category.to_string(), name.to_string()));
            }
        }
    }
    found
}

/// The front matter of a file on disk, if it has one that parses.
fn front_of(path: &Path) -> Option<crate::frontmatter::FrontMatter> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = crate::frontmatter::split(path, &text).ok()?;
    Some(crate::frontmatter::parse(path, &split, &mut Vec::new()))
}

fn as_translation(a: &Sourced<Article>) -> Sourced<Translation> {
    Sourced {
        file: a.file.clone(),
        item: Translation {
            source_id: Some(a.item.id.clone()),
            source_type: Some("Article".into()),
            locale: a.item.locale.clone(),
            title: a.item.title.clone(),
            body: a.item.body.clone(),
            html_url: a.item.html_url.clone(),
            outdated: a.item.outdated,
            draft: a.item.draft,
            updated_at: a.item.updated_at.clone(),
        },
    }
}

/// `https://acme.zendesk.com` from an `html_url`.
fn origin(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(u.origin().ascii_serialization()).filter(|o| o != "null")
}

/// The old URLs of one page: its `html_url`'s path (`/hc/en-us/articles/1-Title`)
/// and the short form (`/hc/en-us/articles/1`).
pub fn old_urls(html_url: Option<&str>, zd_locale: &str, kind: &str, id: &Id) -> Vec<String> {
    let mut urls = Vec::new();
    if let Some(path) = html_url
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| u.path().trim_end_matches('/').to_string())
        .filter(|p| p.starts_with("/hc/"))
    {
        urls.push(path);
    }
    let short = format!("/hc/{zd_locale}/{kind}/{id}");
    if !urls.contains(&short) {
        urls.push(short);
    }
    urls
}

/// `2024-03-05` from `2024-03-05T10:00:00Z`.
fn day(timestamp: &str) -> Option<String> {
    let day = timestamp.get(..10)?;
    crate::check::Date::parse(day).map(|_| day.to_string())
}

/// The ids of the headings in an HTML body, for `#anchor`s of links to it.
fn heading_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<h") {
        let start = at + i;
        at = start + 2;
        if !lower[at..].starts_with(|c: char| ('1'..='6').contains(&c)) {
            continue;
        }
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        if let Some(p) = tag.find("id=\"") {
            let rest = &tag[p + 4..];
            if let Some(q) = rest.find('"') {
                ids.push(rest[..q].to_string());
            }
        }
    }
    ids
}

/// A file or folder name from a title: lower case, words joined by `-`.
fn slug(title: &str, kind: &str, id: &Id) -> String {
    let s: String = crate::markdown::slugify(title).chars().take(80).collect();
    let s = s.trim_matches('-').to_string();
    if title.trim().is_empty() || s == "section" && !title.to_lowercase().contains("section") {
        format!("{kind}-{id}")
    } else {
        s
    }
}

/// `base`, or `base-<id>` when another page already took it.
fn unique(base: &str, taken: &[String], id: &Id) -> String {
    if taken.iter().any(|t| t == base) {
        format!("{base}-{id}")
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_keep_the_slug_form_and_add_the_short_one() {
        let id = Id("360001".into());
        assert_eq!(
            old_urls(
                Some("https://acme.zendesk.com/hc/pt-br/articles/360001-Como-pagar"),
                "pt-br",
                "articles",
                &id
            ),
            [
                "/hc/pt-br/articles/360001-Como-pagar",
                "/hc/pt-br/articles/360001"
            ]
        );
        assert_eq!(
            old_urls(None, "nl", "sections", &id),
            ["/hc/nl/sections/360001"]
        );
    }

    #[test]
    fn heading_ids_are_read_from_the_html() {
        assert_eq!(
            heading_ids(
                "<p id=\"x\">a</p><h2 id=\"h_01\">A</h2><H3 class=\"c\" id=\"b\">B</H3><hr>"
            ),
            ["h_01", "b"]
        );
    }
}
