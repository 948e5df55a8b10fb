//! `kbgen translate export`: every segment of the default locale's pages, with
//! what each locale's translation already has for it, as PO or XLIFF files.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::pages::{Pages, Source};
use super::pair::{self, State, Unit};
use super::{Entry, po, xliff};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Po,
    Xliff,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
        }
    }
}

/// Which segments to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    /// Every segment, translated ones included (as context and memory).
    All,
    /// Changed and new segments of pages that have a translation.
    Outdated,
    /// Every segment of pages that have no translation yet.
    Missing,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub locales: Vec<String>,
    pub format: Format,
    pub only: Only,
    pub out: PathBuf,
    /// One file per page instead of one per locale.
    pub split: bool,
}

/// The locale indices of `codes`: each in site.yaml and not the default.
pub fn locales(config: &Config, codes: &[String]) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for code in codes {
        match config.locale_index(code) {
            Some(l) if l == config.default_locale => {
                return Err(Error::Config(Diagnostic::error(
                    "--to",
                    format!(
                        "`{code}` is the default locale: it holds the sources, there is nothing to translate into it"
                    ),
                )));
            }
            Some(l) => out.push(l),
            None => {
                let known: Vec<&str> = config.locales.iter().map(|l| l.code.as_str()).collect();
                return Err(Error::Config(Diagnostic::error(
                    "--to",
                    format!(
                        "`{code}` is not a locale of this site (site.yaml has {})",
                        known.join(", ")
                    ),
                )));
            }
        }
    }
    Ok(out)
}

/// The entries of one page for translators in `locale`, after `only`.
pub fn entries(source: &Source<'_>, locale: usize, only: Only) -> Vec<Entry> {
    let translation = source.translation(locale);
    let keep = |u: &Unit| match only {
        Only::All => true,
        Only::Outdated => translation.is_some() && u.state != State::Translated,
        Only::Missing => translation.is_none(),
    };
    let title = source.page.front.title();
    let mut out = Vec::new();
    let units = pair::units(source, translation);
    // The source the old translation was made from, for changed segments.
    let old_source = translation
        .filter(|_| units.iter().any(|u| u.state == State::Fuzzy))
        .and_then(|t| t.front.source_hash.as_deref())
        .and_then(|h| source.previous(h.trim()));
    for mut u in units {
        let src = &source.inline[u.index];
        let mut notes = Vec::new();
        let mut place = vec![title.to_string()];
        place.extend(u.seg.headings.iter().cloned());
        notes.push(format!("{} of: {}", u.seg.kind.name(), place.join(" › ")));
        let targets = src.targets();
        if !targets.is_empty() {
            notes.push(format!("Links: {}", targets.join(", ")));
        }
        if let Some(t) = &u.target
            && u.state == State::Translated
            && super::inline::parse(t).signature() != src.signature()
        {
            u.state = State::Fuzzy;
            notes.push(
                "The translation's links or emphasis differ from the source's: check them.".into(),
            );
        }
        if !keep(&u) {
            continue;
        }
        let previous = match (&old_source, u.old_index) {
            (Some(old), Some(i)) if u.state == State::Fuzzy => old
                .get(i)
                .map(|s| s.text.clone())
                .filter(|p| *p != u.seg.text),
            _ => None,
        };
        out.push(Entry {
            key: source.key.clone(),
            id: format!(
                "{}#{}@{}",
                source.key, u.seg.path, source.block_hashes[u.index]
            ),
            source: u.seg.text.clone(),
            target: u.target,
            state: u.state,
            previous,
            notes,
            reference: source.references[u.index].clone(),
        });
    }
    out
}

/// How many pages are turned into entries and text at a time: enough for every
/// core to have work, few enough that a locale's file is never whole in memory.
const BATCH: usize = 512;

/// Writes the files; returns their paths.
pub fn export(config: &Config, options: &Options) -> Result<Vec<PathBuf>> {
    let locales = locales(config, &options.locales)?;
    let pages = Pages::load(config)?;
    let sources = pages.sources(config);
    let def = &config.default_locale().code;
    let ext = options.format.extension();
    let mut files: Vec<PathBuf> = Vec::new();
    for l in locales {
        let code = &config.locales[l].code;
        let mut file = if options.split {
            None
        } else {
            let path = options.out.join(format!("{code}.{ext}"));
            let mut w = create(&path)?;
            let head = match options.format {
                Format::Po => po::header(def, code),
                Format::Xliff => xliff::HEADER.to_string(),
            };
            put(&mut w, &path, &head)?;
            Some((path, w))
        };
        for batch in sources.list.chunks(BATCH) {
            let texts: Vec<(&str, String)> = batch
                .par_iter()
                .filter_map(|source| {
                    let e = entries(source, l, options.only);
                    if e.is_empty() {
                        return None;
                    }
                    let mut text = String::with_capacity(e.len() * 320);
                    match options.format {
                        Format::Po => po::entries(&mut text, &e),
                        Format::Xliff => xliff::page(&mut text, def, code, &e),
                    }
                    Some((source.key.as_str(), text))
                })
                .collect();
            for (key, text) in texts {
                match &mut file {
                    Some((path, w)) => put(w, path, &text)?,
                    None => {
                        let path = options.out.join(code).join(format!("{key}.{ext}"));
                        let mut w = create(&path)?;
                        match options.format {
                            Format::Po => put(&mut w, &path, &po::header(def, code))?,
                            Format::Xliff => put(&mut w, &path, xliff::HEADER)?,
                        }
                        put(&mut w, &path, &text)?;
                        finish(w, &path, options.format)?;
                        files.push(path);
                    }
                }
            }
        }
        if let Some((path, w)) = file {
            finish(w, &path, options.format)?;
            files.push(path);
        }
    }
    Ok(files)
}

/// A file written beside `path` and renamed over it by [`finish`]: an export
/// that fails halfway leaves the translator's previous file as it was.
fn create(path: &Path) -> Result<BufWriter<File>> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let tmp = partial(path);
    let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    Ok(BufWriter::with_capacity(1 << 20, file))
}

fn partial(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".kbgen-partial");
    path.with_file_name(name)
}

fn put(w: &mut BufWriter<File>, path: &Path, text: &str) -> Result<()> {
    w.write_all(text.as_bytes())
        .map_err(|e| Error::io(&partial(path), e))
}

fn finish(mut w: BufWriter<File>, path: &Path, format: Format) -> Result<()> {
    if format == Format::Xliff {
        put(&mut w, path, xliff::FOOTER)?;
    }
    w.flush().map_err(|e| Error::io(path, e))?;
    std::fs::rename(partial(path), path).map_err(|e| Error::io(path, e))
}
