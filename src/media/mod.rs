//! Media: the images and other files kept beside the articles, and the site's logo
//! and favicon. Every file is hashed once per build; a page that links one gets a
//! content-hashed URL under `/assets/media/`, and only files some page uses are
//! published, each once, however many locales or names share its bytes.

pub mod html;
pub mod size;

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result};
pub use crate::filesize::{Limits, human};
use crate::write::Output;

/// A file under `content/<locale>/` that is not Markdown, as the walk found it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MediaSource {
    pub locale: usize,
    /// Inside the locale folder, `/`-separated: `orders/img/get-support.png`.
    pub rel: String,
    pub path: PathBuf,
    /// Symbolic links are listed so that a page linking one gets a clear error.
    pub symlink: bool,
}

/// Where a file is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// Relative to the output folder: `assets/media/get-support.3f2a9c01de.png`.
    pub file: String,
    /// Root-relative: `/assets/media/get-support.3f2a9c01de.png`.
    pub url: String,
    /// Pixel size, for images whose header tells it.
    pub dims: Option<(u32, u32)>,
}

/// What became of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Ready(Published),
    Symlink,
    /// Over `media: max_size`: never read.
    TooLarge,
    Unreadable(String),
}

#[derive(Debug, Clone)]
pub struct Media {
    /// `None` for site-level files (logo, favicon).
    pub locale: Option<usize>,
    pub rel: String,
    pub path: PathBuf,
    pub size: u64,
    pub state: State,
}

/// Every media file of the site, hashed, by locale and path.
#[derive(Debug, Default)]
pub struct Catalog {
    pub files: Vec<Media>,
    by_path: HashMap<(usize, String), usize>,
    pub logo: Option<usize>,
    pub favicon: Option<usize>,
    pub limits: Limits,
    default_locale: usize,
}

/// The catalog as seen from one locale: its own files first, then the default
/// locale's.
#[derive(Clone, Copy)]
pub struct Shown<'a> {
    pub catalog: &'a Catalog,
    pub locale: usize,
}

/// Why a link to a file goes nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    NotFound,
    Symlink(PathBuf),
    TooLarge(PathBuf, u64),
    Unreadable(PathBuf, String),
}

impl Catalog {
    /// Hashes every file (in parallel) and names it for publishing. The logo and
    /// favicon of site.yaml must exist: a missing one is an error on site.yaml.
    pub fn new(config: &Config, mut sources: Vec<MediaSource>) -> (Catalog, Vec<Diagnostic>) {
        sources.sort();
        let limits = config.media;
        let mut errors = Vec::new();
        let mut site_files = Vec::new();
        for (key, path) in [("logo", &config.logo), ("favicon", &config.favicon)] {
            let Some(path) = path else { continue };
            match site_file(&config.root, path) {
                Ok(full) => site_files.push((key, path.to_string_lossy().into_owned(), full)),
                Err(message) => errors.push(Diagnostic::error(
                    config.root.join(crate::config::CONFIG_FILE),
                    format!("{key} `{}`: {message}", path.display()),
                )),
            }
        }
        let mut files: Vec<Media> = sources
            .into_par_iter()
            .map(|s| read(Some(s.locale), s.rel, s.path, s.symlink, &limits))
            .collect();
        let mut logo = None;
        let mut favicon = None;
        for (key, rel, path) in site_files {
            let media = read(None, rel, path, false, &limits);
            if let State::Unreadable(e) = &media.state {
                errors.push(Diagnostic::error(
                    &media.path,
                    format!("cannot read the {key}: {e}"),
                ));
            }
            if media.state == State::TooLarge {
                errors.push(Diagnostic::error(
                    &media.path,
                    format!(
                        "the {key} is {}, over the {} limit (site.yaml `media: max_size`)",
                        human(media.size),
                        human(limits.max_size)
                    ),
                ));
            }
            *(if key == "logo" {
                &mut logo
            } else {
                &mut favicon
            }) = Some(files.len());
            files.push(media);
        }
        name_by_content(&mut files, &config.path_prefix);
        let by_path = files
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.locale.map(|l| ((l, m.rel.clone()), i)))
            .collect();
        let catalog = Catalog {
            files,
            by_path,
            logo,
            favicon,
            limits,
            default_locale: config.default_locale,
        };
        (catalog, errors)
    }

    /// The file at `rel` (inside a locale folder) as shown in `locale`: the
    /// locale's own version, else the default locale's.
    pub fn find(&self, locale: usize, rel: &str) -> std::result::Result<usize, Missing> {
        let id = self
            .by_path
            .get(&(locale, rel.to_string()))
            .or_else(|| self.by_path.get(&(self.default_locale, rel.to_string())))
            .copied()
            .ok_or(Missing::NotFound)?;
        let m = &self.files[id];
        match &m.state {
            State::Ready(_) => Ok(id),
            State::Symlink => Err(Missing::Symlink(m.path.clone())),
            State::TooLarge => Err(Missing::TooLarge(m.path.clone(), m.size)),
            State::Unreadable(e) => Err(Missing::Unreadable(m.path.clone(), e.clone())),
        }
    }

    /// Where a file found by [`Catalog::find`] is published.
    pub fn published(&self, id: usize) -> Option<&Published> {
        match &self.files.get(id)?.state {
            State::Ready(p) => Some(p),
            _ => None,
        }
    }

    /// True when `path` is (or was, at the last build) a media file of the site.
    pub fn knows(&self, path: &Path) -> bool {
        self.files.iter().any(|m| m.path == path)
    }

    /// The files to publish: those in `used`, plus the logo and favicon.
    fn to_publish(&self, used: &BTreeSet<usize>) -> BTreeSet<usize> {
        let mut all = used.clone();
        all.extend(self.logo);
        all.extend(self.favicon);
        all
    }

    /// Warnings for used files over `media: warn_size`, naming each file and its size.
    pub fn size_warnings(&self, used: &BTreeSet<usize>) -> Vec<Diagnostic> {
        self.to_publish(used)
            .into_iter()
            .map(|id| &self.files[id])
            .filter(|m| m.size > self.limits.warn_size && matches!(m.state, State::Ready(_)))
            .map(|m| {
                Diagnostic::warning(
                    &m.path,
                    format!(
                        "{} is {}, over the {} a file should stay under (site.yaml `media: warn_size`); make it smaller",
                        m.rel,
                        human(m.size),
                        human(self.limits.warn_size)
                    ),
                )
            })
            .collect()
    }

    /// Files beside the articles that no page in any locale links.
    pub fn unused(&self, used: &BTreeSet<usize>) -> impl Iterator<Item = &Media> {
        self.files
            .iter()
            .enumerate()
            .filter(move |(i, m)| {
                m.locale.is_some() && m.state != State::Symlink && !used.contains(i)
            })
            .map(|(_, m)| m)
    }

    /// Writes the files in `used` (and the logo and favicon), each published name
    /// once. Returns the size warnings.
    pub fn publish(&self, used: &BTreeSet<usize>, output: &dyn Output) -> Result<Vec<Diagnostic>> {
        let mut names = BTreeSet::new();
        let ids: Vec<usize> = self
            .to_publish(used)
            .into_iter()
            .filter(|&id| {
                self.published(id)
                    .is_some_and(|p| names.insert(p.file.clone()))
            })
            .collect();
        ids.par_iter().try_for_each(|&id| {
            let m = &self.files[id];
            let bytes =
                std::fs::read(&m.path).map_err(|e| crate::diagnostic::Error::io(&m.path, e))?;
            let published = self.published(id).expect("filtered above");
            output.write(&published.file, &bytes)
        })?;
        Ok(self.size_warnings(used))
    }
}

/// An image of the whole site, for templates: `url`, `width`, `height`, `type`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteImage {
    pub url: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// The MIME type, for `<link rel="icon" type>`.
    #[serde(rename = "type")]
    pub mime: Option<&'static str>,
}

/// The logo and favicon of site.yaml, as published.
pub fn site_images(catalog: &Catalog) -> (Option<SiteImage>, Option<SiteImage>) {
    let image = |id: Option<usize>| {
        let m = &catalog.files[id?];
        let p = catalog.published(id?)?;
        Some(SiteImage {
            url: p.url.clone(),
            width: p.dims.map(|d| d.0),
            height: p.dims.map(|d| d.1),
            mime: match extension(&m.rel).as_str() {
                "svg" => Some("image/svg+xml"),
                "png" => Some("image/png"),
                "ico" => Some("image/x-icon"),
                "gif" => Some("image/gif"),
                "jpg" | "jpeg" => Some("image/jpeg"),
                "webp" => Some("image/webp"),
                "avif" => Some("image/avif"),
                _ => None,
            },
        })
    };
    (image(catalog.logo), image(catalog.favicon))
}

/// The logo or favicon path of site.yaml, checked: inside the site, a plain file.
fn site_file(root: &Path, rel: &Path) -> std::result::Result<PathBuf, String> {
    if !rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err("give a path inside the site folder, such as static/logo.svg".into());
    }
    let full = root.join(rel);
    match std::fs::symlink_metadata(&full) {
        Ok(m) if m.file_type().is_symlink() => {
            Err("is a symbolic link; kbgen does not follow links, copy the file instead".into())
        }
        Ok(m) if m.is_file() => Ok(full),
        Ok(_) => Err("is not a file".into()),
        Err(_) => Err(format!("there is no file {}", full.display())),
    }
}

/// Reads, hashes and sizes one file; its published name is given later.
fn read(
    locale: Option<usize>,
    rel: String,
    path: PathBuf,
    symlink: bool,
    limits: &Limits,
) -> Media {
    let mut media = Media {
        locale,
        rel,
        path,
        size: 0,
        state: State::Symlink,
    };
    if symlink {
        return media;
    }
    media.size = std::fs::metadata(&media.path).map(|m| m.len()).unwrap_or(0);
    if media.size > limits.max_size {
        media.state = State::TooLarge;
        return media;
    }
    media.state = match std::fs::read(&media.path) {
        Ok(bytes) => {
            let ext = extension(&media.rel);
            let dims = if size::IMAGE_EXTENSIONS.contains(&ext.as_str()) {
                size::dimensions(&bytes, &ext)
            } else {
                None
            };
            // The hash stands in the file name until `name_by_content`.
            State::Ready(Published {
                file: blake3::hash(&bytes).to_hex()[..10].to_string(),
                url: String::new(),
                dims,
            })
        }
        Err(e) => State::Unreadable(e.to_string()),
    };
    media
}

/// Gives every hashed file its published name, `<stem>.<hash>.<ext>`. Files with
/// the same bytes and extension share one name, the stem of the first of them in
/// path order, so the same screenshot in nine locales is published once.
fn name_by_content(files: &mut [Media], prefix: &str) {
    let mut order: Vec<usize> = (0..files.len()).collect();
    // Content files name the shared file before the logo and favicon do.
    let key = |m: &Media| (m.locale.is_none(), m.rel.clone(), m.locale);
    order.sort_by_key(|&i| key(&files[i]));
    let mut names: HashMap<(String, String), String> = HashMap::new();
    for i in order {
        let ext = extension(&files[i].rel);
        let stem = stem(&files[i].rel);
        let State::Ready(p) = &mut files[i].state else {
            continue;
        };
        let hash = std::mem::take(&mut p.file);
        let name = names.entry((hash.clone(), ext.clone())).or_insert_with(|| {
            if ext.is_empty() {
                format!("{stem}.{hash}")
            } else {
                format!("{stem}.{hash}.{ext}")
            }
        });
        p.file = format!("assets/media/{name}");
        p.url = format!("{prefix}/{}", p.file);
    }
}

/// The lowercase extension of a path, or empty.
fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A file's name without its extension, reduced to characters safe in any URL.
fn stem(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = match name.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => name,
    };
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "file".into()
    } else {
        out.into()
    }
}

/// The names of the files kbgen reads as media: not Markdown, not hidden, not an
/// editor's backup.
pub fn is_media_name(name: &str) -> bool {
    !name.starts_with('.')
        && !name.ends_with('~')
        && !name.ends_with(".md")
        && !name.ends_with(".swp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_url_safe_with_a_lowercase_extension() {
        assert_eq!(stem("orders/img/Get Support (1).PNG"), "get-support-1");
        assert_eq!(extension("orders/img/Get Support (1).PNG"), "png");
        assert_eq!(stem("a/注意.svg"), "file");
        assert_eq!(extension("a/.hidden"), "");
        assert_eq!(extension("a/README"), "");
    }
}
