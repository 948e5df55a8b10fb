//! `kbgen translate export`: every segment of the default locale's pages, with
//! what each locale's translation already has for it, as PO or XLIFF files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::pair::{self, State, Unit};
use super::{Entry, po, xliff};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result, relative_path};
use crate::load::{self, SourcePage};

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

/// The pages of the site, checked: sources by key, and every page by (locale, key).
pub struct Pages {
    pub pages: Vec<SourcePage>,
}

impl Pages {
    pub fn load(config: &Config) -> Result<Pages> {
        let loaded = load::load(config)?;
        if !loaded.errors.is_empty() {
            return Err(Error::Content(loaded.errors));
        }
        Ok(Pages {
            pages: loaded.pages,
        })
    }

    /// Per key: the source and its translation in `locale`, in key order.
    pub fn pairs(
        &self,
        config: &Config,
        locale: usize,
    ) -> Vec<(String, &SourcePage, Option<&SourcePage>)> {
        let def = config.default_locale;
        let mut by_key: BTreeMap<String, (Option<&SourcePage>, Option<&SourcePage>)> =
            BTreeMap::new();
        for p in self
            .pages
            .iter()
            .filter(|p| !p.front.draft || config.drafts)
        {
            let slot = by_key.entry(p.kind.key()).or_default();
            if p.locale == def {
                slot.0 = Some(p);
            } else if p.locale == locale {
                slot.1 = Some(p);
            }
        }
        by_key
            .into_iter()
            .filter_map(|(k, (s, t))| s.map(|s| (k, s, t)))
            .collect()
    }
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

/// The entries of one page for translators, after `only`.
pub fn entries(
    config: &Config,
    key: &str,
    source: &SourcePage,
    translation: Option<&SourcePage>,
    only: Only,
) -> Vec<Entry> {
    let keep = |u: &Unit| match only {
        Only::All => true,
        Only::Outdated => translation.is_some() && u.state != State::Translated,
        Only::Missing => translation.is_none(),
    };
    let file = relative_path(&config.root, &source.path)
        .display()
        .to_string();
    let title = source.front.title();
    let mut out = Vec::new();
    let units = pair::units(source, translation);
    // The source the old translation was made from, for changed segments.
    let old_source = translation
        .filter(|_| units.iter().any(|u| u.state == State::Fuzzy))
        .and_then(|t| t.front.source_hash.as_deref())
        .and_then(|h| super::history::previous(source, h.trim()))
        .map(|p| crate::stamp::blocks::segments(&p));
    // Lines of the source, for the `#:` reference: front matter keys looked up
    // once each, body lines counted as the segments go down the page.
    let mut key_lines: BTreeMap<String, usize> = BTreeMap::new();
    let (mut counted_to, mut counted_line) = (0, source.body_line);
    for mut u in units {
        let src = super::inline::parse(&u.seg.text);
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
        let line = match &u.seg.range {
            Some(r) if r.start >= counted_to => {
                counted_line += source.body()[counted_to..r.start].matches('\n').count();
                counted_to = r.start;
                counted_line
            }
            Some(r) => source.body_line + source.body()[..r.start].matches('\n').count(),
            None => {
                let key = u.seg.path.split('.').next().unwrap_or("title");
                *key_lines
                    .entry(key.to_string())
                    .or_insert_with(|| source.key_line(key))
            }
        };
        let previous = match (&old_source, u.old_index) {
            (Some(old), Some(i)) if u.state == State::Fuzzy => old
                .get(i)
                .map(|s| s.text.clone())
                .filter(|p| *p != u.seg.text),
            _ => None,
        };
        out.push(Entry {
            key: key.to_string(),
            id: format!("{key}#{}@{}", u.seg.path, u.seg.block_hash()),
            source: u.seg.text,
            target: u.target,
            state: u.state,
            previous,
            notes,
            reference: format!("{file}:{line}"),
        });
    }
    out
}

/// Writes the files; returns their paths.
pub fn export(config: &Config, options: &Options) -> Result<Vec<PathBuf>> {
    let locales = locales(config, &options.locales)?;
    let pages = Pages::load(config)?;
    let def = &config.default_locale().code;
    // Written as each is ready: a locale's file is dropped before the next is made.
    let mut files: Vec<PathBuf> = Vec::new();
    for l in locales {
        let code = &config.locales[l].code;
        let mut all = Vec::new();
        let per_page: Vec<(String, Vec<Entry>)> = pages
            .pairs(config, l)
            .into_par_iter()
            .map(|(key, source, translation)| {
                let e = entries(config, &key, source, translation, options.only);
                (key, e)
            })
            .collect();
        for (key, e) in per_page {
            if options.split {
                if !e.is_empty() {
                    let path = options
                        .out
                        .join(code)
                        .join(format!("{key}.{}", options.format.extension()));
                    write(&path, &render(options.format, def, code, &e))?;
                    files.push(path);
                }
            } else {
                all.extend(e);
            }
        }
        if !options.split {
            let path = options
                .out
                .join(format!("{code}.{}", options.format.extension()));
            write(&path, &render(options.format, def, code, &all))?;
            files.push(path);
        }
    }
    Ok(files)
}

fn render(format: Format, def: &str, code: &str, entries: &[Entry]) -> String {
    match format {
        Format::Po => po::write(def, code, entries),
        Format::Xliff => xliff::write(def, code, entries),
    }
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}
