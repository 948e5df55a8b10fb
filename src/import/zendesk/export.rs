//! Reading a Zendesk Guide export: the Help Center API's list responses as saved
//! to disk (`categories.json`, `sections.json`, `articles.json` or paginated
//! `articles-1.json`, ...), per-article `translations/<id>.json` or the
//! `translations` side-load, and the `attachments/` folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// A Zendesk id: a number in the API, kept as text so that an export written by
/// a script that quoted them reads the same.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(from = "IdRepr")]
pub struct Id(pub String);

#[derive(Deserialize)]
#[serde(untagged)]
enum IdRepr {
    Number(u64),
    Text(String),
}

impl From<IdRepr> for Id {
    fn from(r: IdRepr) -> Self {
        match r {
            IdRepr::Number(n) => Id(n.to_string()),
            IdRepr::Text(s) => Id(s),
        }
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A category, as `GET /api/v2/help_center/categories` lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    pub id: Id,
    pub name: Option<String>,
    pub description: Option<String>,
    pub position: Option<i64>,
    pub html_url: Option<String>,
    pub locale: Option<String>,
}

/// A section; `category_id` ties it to its category.
#[derive(Debug, Clone, Deserialize)]
pub struct Section {
    pub id: Id,
    pub category_id: Option<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub position: Option<i64>,
    pub html_url: Option<String>,
    pub locale: Option<String>,
}

/// An article in its source locale (or, in a per-locale list, in that locale).
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub id: Id,
    pub section_id: Option<Id>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub locale: Option<String>,
    pub source_locale: Option<String>,
    pub html_url: Option<String>,
    #[serde(default)]
    pub label_names: Option<Vec<String>>,
    #[serde(default)]
    pub draft: Option<bool>,
    #[serde(default)]
    pub promoted: Option<bool>,
    #[serde(default)]
    pub outdated: Option<bool>,
    pub position: Option<i64>,
    pub updated_at: Option<String>,
    /// Some exports embed each article's translations in it.
    #[serde(default)]
    pub translations: Option<Vec<Translation>>,
}

/// One translation of an article (`GET .../articles/{id}/translations`).
#[derive(Debug, Clone, Deserialize)]
pub struct Translation {
    pub source_id: Option<Id>,
    pub source_type: Option<String>,
    pub locale: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub html_url: Option<String>,
    #[serde(default)]
    pub outdated: Option<bool>,
    #[serde(default)]
    pub draft: Option<bool>,
    pub updated_at: Option<String>,
}

/// One list response. Pagination (`next_page`, `page`, `meta`, `links`) and
/// side-loads other than ours are ignored: the files on disk are the pages.
#[derive(Debug, Default, Deserialize)]
struct ListFile {
    #[serde(default)]
    categories: Option<Vec<Category>>,
    #[serde(default)]
    sections: Option<Vec<Section>>,
    #[serde(default)]
    articles: Option<Vec<Article>>,
    #[serde(default)]
    translations: Option<Vec<Translation>>,
}

/// Where an item was read from, for messages.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub file: PathBuf,
    pub item: T,
}

/// The whole export, as read.
#[derive(Debug, Default)]
pub struct Export {
    pub dir: PathBuf,
    pub categories: Vec<Sourced<Category>>,
    pub sections: Vec<Sourced<Section>>,
    pub articles: Vec<Sourced<Article>>,
    /// Article id -> its translations, from every place they may be.
    pub translations: BTreeMap<Id, Vec<Sourced<Translation>>>,
    /// The files under `attachments/`, relative to it with `/` separators.
    pub attachments: BTreeMap<String, PathBuf>,
}

/// Reads the export in `dir`. Every file that cannot be read or parsed is an
/// error naming it (with the line and column of a JSON syntax error).
pub fn read(dir: &Path) -> Result<Export, Vec<Diagnostic>> {
    let mut export = Export {
        dir: dir.to_path_buf(),
        ..Export::default()
    };
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return Err(vec![Diagnostic::error(
            dir,
            "not a folder: pass the folder holding the export's categories.json, sections.json and articles.json",
        )]);
    }
    for name in ["categories", "sections", "articles"] {
        let files = list_files(dir, name);
        if files.is_empty() {
            errors.push(Diagnostic::error(
                dir.join(format!("{name}.json")),
                format!(
                    "missing: save the Help Center API's `{name}` list response here (or as {name}-1.json, {name}-2.json, ...)"
                ),
            ));
        }
        for file in files {
            match parse::<ListFile>(&file) {
                Ok(list) => export.add(&file, list),
                Err(d) => errors.push(d),
            }
        }
    }
    let tdir = dir.join("translations");
    if tdir.is_dir() {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&tdir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect(),
            Err(e) => {
                errors.push(Diagnostic::error(&tdir, e.to_string()));
                Vec::new()
            }
        };
        files.sort();
        for file in files {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // `translations/<article id>.json` (or `<id>-2.json` for a second page).
            let id = Id(stem.split('-').next().unwrap_or_default().to_string());
            match parse::<ListFile>(&file) {
                Ok(list) => {
                    for t in list.translations.unwrap_or_default() {
                        let owner = t.source_id.clone().unwrap_or_else(|| id.clone());
                        export.add_translation(owner, &file, t);
                    }
                }
                Err(d) => errors.push(d),
            }
        }
    }
    let adir = dir.join("attachments");
    if adir.is_dir() {
        for entry in walkdir::WalkDir::new(&adir).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(&adir).unwrap_or(e.path());
                    let key = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    export.attachments.insert(key, e.path().to_path_buf());
                }
                Ok(_) => {}
                Err(e) => errors.push(Diagnostic::error(&adir, e.to_string())),
            }
        }
    }
    if errors.is_empty() {
        Ok(export)
    } else {
        Err(errors)
    }
}

impl Export {
    fn add(&mut self, file: &Path, list: ListFile) {
        self.categories.extend(
            list.categories
                .unwrap_or_default()
                .into_iter()
                .map(|item| sourced(file, item)),
        );
        self.sections.extend(
            list.sections
                .unwrap_or_default()
                .into_iter()
                .map(|item| sourced(file, item)),
        );
        for mut article in list.articles.unwrap_or_default() {
            for t in article.translations.take().unwrap_or_default() {
                self.add_translation(article.id.clone(), file, t);
            }
            self.articles.push(sourced(file, article));
        }
        for t in list.translations.unwrap_or_default() {
            if let Some(owner) = t.source_id.clone() {
                self.add_translation(owner, file, t);
            }
        }
    }

    fn add_translation(&mut self, owner: Id, file: &Path, t: Translation) {
        // Sections and categories have translations too; only articles' are pages.
        if t.source_type.as_deref().is_some_and(|s| s != "Article") {
            return;
        }
        self.translations.entry(owner).or_default().push(Sourced {
            file: file.to_path_buf(),
            item: t,
        });
    }
}

fn sourced<T>(file: &Path, item: T) -> Sourced<T> {
    Sourced {
        file: file.to_path_buf(),
        item,
    }
}

/// `NAME.json`, then `NAME-1.json`, `NAME-2.json`, ... in numeric order.
fn list_files(dir: &Path, name: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let single = dir.join(format!("{name}.json"));
    if single.is_file() {
        files.push(single);
    }
    let mut pages: Vec<(u64, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let n = file
                .strip_prefix(name)?
                .strip_prefix('-')?
                .strip_suffix(".json")?
                .parse()
                .ok()?;
            Some((n, e.path()))
        })
        .collect();
    pages.sort();
    files.extend(pages.into_iter().map(|(_, p)| p));
    files
}

fn parse<T: DeserializeOwned>(file: &Path) -> Result<T, Diagnostic> {
    let text = std::fs::read_to_string(file).map_err(|e| Diagnostic::error(file, e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| {
        let what = if e.is_eof() {
            "the file ends too early (truncated?): save the API response again"
        } else {
            "is not a Help Center API list response"
        };
        Diagnostic::error(file, format!("{what}: {e}")).at(e.line().max(1), e.column().max(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_responses_with_extra_fields_and_nulls_are_read() {
        let json = r#"{"articles":[{"id":360001,"section_id":"42","title":null,"body":null,
            "label_names":null,"draft":false,"vote_sum":3,"user_segment_id":null,
            "translations":[{"locale":"de","title":"T","body":"<p>x</p>","source_type":"Article"}]}],
            "next_page":null,"page":1,"page_count":1,"count":1,"meta":{"has_more":false},
            "links":{"next":null},"users":[{"id":1}]}"#;
        let list: ListFile = serde_json::from_str(json).unwrap();
        let mut export = Export::default();
        export.add(Path::new("articles.json"), list);
        assert_eq!(export.articles[0].item.id, Id("360001".into()));
        assert_eq!(export.articles[0].item.section_id, Some(Id("42".into())));
        assert_eq!(export.translations[&Id("360001".into())].len(), 1);
    }

    #[test]
    fn truncated_json_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("articles.json");
        std::fs::write(&file, "{\"articles\": [\n{\"id\": 1,\n").unwrap();
        let d = parse::<ListFile>(&file).unwrap_err();
        assert!(d.message.contains("truncated"), "{}", d.message);
        assert_eq!(d.line, Some(3));
    }
}
