//! Load: walk `content/`, read every Markdown file and split off its front matter.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result, Severity};
use crate::frontmatter::{self, FrontMatter};
use crate::media::MediaSource;

/// Where a file sits in the content tree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// `content/<locale>/_index.md`
    Home,
    /// `content/<locale>/<category>/_index.md`
    Category { category: String },
    /// `content/<locale>/<category>/<name>.md`
    Article { category: String, name: String },
}

impl Kind {
    /// The key shared by all translations of one file: its path inside the locale
    /// folder, without `.md` (`disputes/outcomes`, `disputes/_index`, `_index`).
    pub fn key(&self) -> String {
        match self {
            Kind::Home => "_index".into(),
            Kind::Category { category } => format!("{category}/_index"),
            Kind::Article { category, name } => format!("{category}/{name}"),
        }
    }
}

/// One Markdown file as written.
#[derive(Debug, Clone)]
pub struct SourcePage {
    pub locale: usize,
    pub kind: Kind,
    pub path: PathBuf,
    pub front: FrontMatter,
    text: String,
    body_start: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

impl SourcePage {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The whole file, front matter included.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file line on which top-level front matter key `key` is written (the
    /// opening fence when it is not there).
    pub fn key_line(&self, key: &str) -> usize {
        frontmatter::split(&self.path, &self.text)
            .map_or(1, |split| frontmatter::key_line(&split, key))
    }

    /// The file line of every top-level front matter key, read in one pass: what
    /// [`SourcePage::key_line`] gives for each, for a caller that needs several.
    pub fn key_lines(&self) -> std::collections::HashMap<String, usize> {
        let Ok(split) = frontmatter::split(&self.path, &self.text) else {
            return Default::default();
        };
        crate::yaml::entries(split.yaml)
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.key, split.yaml_line + e.line - 1))
            .collect()
    }
}

/// Everything under `content/`, in a stable order, plus the warnings found on the way.
pub struct Loaded {
    pub pages: Vec<SourcePage>,
    pub warnings: Vec<Diagnostic>,
    /// Pages with errors are still in `pages` where they could be read, so that
    /// the build can report every other problem too.
    pub errors: Vec<Diagnostic>,
    /// Every other file beside the pages: images, PDFs and the like.
    pub media: Vec<MediaSource>,
}

pub fn load(config: &Config) -> Result<Loaded> {
    let content = config.content_dir();
    if !content.is_dir() {
        return Err(Error::Config(Diagnostic::error(
            &content,
            "no content folder: create content/<locale>/ with your articles",
        )));
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut locales = Vec::new();
    for entry in std::fs::read_dir(&content).map_err(|e| Error::io(&content, e))? {
        let entry = entry.map_err(|e| Error::io(&content, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(locale) = config.locale_index(&name) else {
            if !name.starts_with('.') {
                warnings.push(Diagnostic::warning(
                    entry.path(),
                    format!("`{name}` is not a locale in site.yaml; ignored"),
                ));
            }
            continue;
        };
        locales.push((locale, entry.path()));
    }
    for (l, locale) in config.locales.iter().enumerate() {
        if locales.iter().any(|(found, _)| *found == l) {
            continue;
        }
        let dir = content.join(&locale.code);
        if l == config.default_locale {
            errors.push(Diagnostic::error(
                dir,
                "the default locale's folder is missing: it holds the sources every other locale translates; create it with an _index.md",
            ));
        } else {
            warnings.push(Diagnostic::warning(
                dir,
                format!(
                    "no content folder for {}: every {0} page shows the {} text until you create it",
                    locale.code,
                    config.default_locale().code
                ),
            ));
        }
    }
    // Locale folders are walked in parallel, then everything is put in order.
    let walked: Vec<_> = locales
        .par_iter()
        .map(|(locale, dir)| {
            let (mut files, mut errors, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
            let mut media = Vec::new();
            walk_locale(
                dir,
                *locale,
                &mut files,
                &mut errors,
                &mut warnings,
                &mut media,
            );
            (files, errors, warnings, media)
        })
        .collect();
    let mut files = Vec::new();
    let mut media = Vec::new();
    for (f, e, w, m) in walked {
        files.extend(f);
        errors.extend(e);
        warnings.extend(w);
        media.extend(m);
    }
    files.sort();

    let results: Vec<_> = files
        .par_iter()
        .map(|(locale, kind, path)| read_page(*locale, kind.clone(), path))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, diagnostics) in results {
        pages.extend(page);
        for d in diagnostics {
            match d.severity {
                Severity::Error => errors.push(d),
                Severity::Warning => warnings.push(d),
            }
        }
    }
    Ok(Loaded {
        pages,
        warnings,
        errors,
        media,
    })
}

fn walk_locale(
    dir: &Path,
    locale: usize,
    files: &mut Vec<(usize, Kind, PathBuf)>,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    media: &mut Vec<MediaSource>,
) {
    // Hidden files and folders (`.git`, `.DS_Store`, editor backups) are not
    // content; a hidden Markdown file is said so, since it may be meant as a page.
    let walk = WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.') || (e.file_type().is_file() && name.ends_with(".md"))
        });
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                errors.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let path = entry.path();
        let rel: Option<Vec<String>> = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .iter()
            .map(|c| c.to_str().map(str::to_string))
            .collect();
        let name = entry.file_name().to_string_lossy();
        let is_media = (entry.file_type().is_file() || entry.path_is_symlink())
            && crate::media::is_media_name(&name);
        let is_page = entry.file_type().is_file() && path.extension().is_some_and(|e| e == "md");
        // Two names that differ only in bytes that are not UTF-8 would both read
        // as `caf\u{FFFD}` and one file would silently replace the other.
        let Some(rel) = rel else {
            if is_media || is_page {
                errors.push(Diagnostic::error(
                    path,
                    "this file name (or a folder above it) is not UTF-8 text: rename it",
                ));
            }
            continue;
        };
        if is_media {
            media.push(MediaSource {
                locale,
                rel: rel.join("/"),
                path: path.to_path_buf(),
                symlink: entry.path_is_symlink(),
            });
        }
        // Links are never followed: one could lead outside the content root, or
        // round in a loop. Saying so beats a page that silently goes missing.
        if entry.path_is_symlink() {
            warnings.push(Diagnostic::warning(
                path,
                "symbolic link skipped: kbgen does not follow links in content/; copy the file instead",
            ));
            continue;
        }
        if is_media || !is_page {
            continue;
        }
        if let Some(message) = name_problem(&rel) {
            errors.push(Diagnostic::error(path, message));
            continue;
        }
        let Some(kind) = kind_of(&rel) else {
            errors.push(Diagnostic::error(
                path,
                "articles live at content/<locale>/<category>/<article>.md; move this file",
            ));
            continue;
        };
        files.push((locale, kind, path.to_path_buf()));
    }
}

/// Why a file's path inside its locale folder cannot give it a URL: its category
/// folder and its file name become URL segments (unless a `slug` replaces them,
/// links and translations still go by them).
fn name_problem(rel: &[String]) -> Option<String> {
    let (file, folders) = rel.split_last()?;
    for folder in folders {
        if let Some(why) = crate::segment::problem(folder) {
            return Some(format!(
                "the folder name `{folder}` cannot be part of a URL ({why}): rename the folder"
            ));
        }
    }
    if file == "_index.md" {
        return None;
    }
    let stem = file.strip_suffix(".md").unwrap_or(file);
    crate::segment::problem(stem)
        .map(|why| format!("the file name `{file}` cannot become a URL ({why}): rename the file"))
}

/// What a file is, from its path inside its locale folder.
fn kind_of(rel: &[String]) -> Option<Kind> {
    let stem = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_string();
    match rel {
        [f] if f == "_index.md" => Some(Kind::Home),
        [c, f] if f == "_index.md" => Some(Kind::Category {
            category: c.clone(),
        }),
        [c, f] => Some(Kind::Article {
            category: c.clone(),
            name: stem(f),
        }),
        _ => None,
    }
}

/// The locale and kind of a Markdown file under `content/`, for reloading one file;
/// `None` for anything the full load would skip or reject.
pub fn classify(config: &Config, path: &Path) -> Option<(usize, Kind)> {
    if path.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let rel = path.strip_prefix(config.content_dir()).ok()?;
    let mut parts = rel.iter().map(|c| c.to_string_lossy().into_owned());
    let locale = config.locale_index(&parts.next()?)?;
    let rest: Vec<String> = parts.collect();
    Some((locale, kind_of(&rest)?))
}

/// Reads one file again, as [`load`] does: the page (if it could be read at all)
/// and its errors and warnings.
pub fn reload(locale: usize, kind: Kind, path: &Path) -> (Option<SourcePage>, Vec<Diagnostic>) {
    read_page(locale, kind, path)
}

/// Reads one file. A page whose front matter is broken is still returned, with
/// what could be read, alongside its errors.
fn read_page(locale: usize, kind: Kind, path: &Path) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![Diagnostic::error(path, format!("cannot read: {e}"))],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let d = Diagnostic::error(path, "not UTF-8 text: save the file as UTF-8").at(line, 1);
            return (None, vec![d]);
        }
    };
    let (page, diagnostics) = SourcePage::from_text(locale, kind, path, text);
    (Some(page), diagnostics)
}

impl SourcePage {
    /// A page from a file's text: its front matter parsed, with what was wrong with
    /// it. A page whose front matter is broken keeps an empty one.
    pub fn from_text(
        locale: usize,
        kind: Kind,
        path: &Path,
        text: String,
    ) -> (SourcePage, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let (front, body_start, body_line) = match frontmatter::split(path, &text) {
            Ok(split) => {
                let front = frontmatter::parse(path, &split, &mut diagnostics);
                (front, text.len() - split.body.len(), split.body_line)
            }
            Err(d) => {
                diagnostics.push(d);
                (FrontMatter::default(), 0, 1)
            }
        };
        let page = SourcePage {
            locale,
            kind,
            path: path.to_path_buf(),
            front,
            text,
            body_start,
            body_line,
        };
        (page, diagnostics)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    /// The article `c/a.md` with `text` as its whole file, front matter included.
    pub fn article(text: &str) -> SourcePage {
        let kind = Kind::Article {
            category: "c".into(),
            name: "a".into(),
        };
        SourcePage::from_text(0, kind, Path::new("a.md"), text.into()).0
    }

    /// A page as if loaded from a file whose body starts on line 4.
    pub fn page(kind: Kind, path: PathBuf, front: FrontMatter, body: &str) -> SourcePage {
        let text = format!("---\ntitle: T\n---\n{body}");
        SourcePage {
            locale: 0,
            kind,
            path,
            front,
            body_start: text.len() - body.len(),
            text,
            body_line: 4,
        }
    }
}
