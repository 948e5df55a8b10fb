//! The site's pages as the exchange sees them: each default-locale page cut into
//! segments once, with its translation in every locale beside it. Export, import
//! and the word count go through all nine locales of a large site; cutting a
//! source once for all of them, not once per locale, is most of their speed.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::inline::{self, Inline};
use crate::config::Config;
use crate::diagnostic::{Error, Result, relative_path};
use crate::load::{self, SourcePage};
use crate::stamp::blocks::{Segment, segments};
use crate::stamp::{Outline, outline, source_hash};

/// The pages of the site, checked: loading fails on any content error.
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

    /// Every default-locale page (drafts only with `--drafts`), prepared, in key
    /// order, each with its translation per locale.
    pub fn sources<'a>(&'a self, config: &Config) -> Sources<'a> {
        let def = config.default_locale;
        let shown = |p: &&SourcePage| !p.front.draft || config.drafts;
        let mut by_key: BTreeMap<String, Vec<Option<&SourcePage>>> = BTreeMap::new();
        for p in self.pages.iter().filter(shown) {
            let slot = by_key
                .entry(p.kind.key())
                .or_insert_with(|| vec![None; config.locales.len()]);
            slot[p.locale] = Some(p);
        }
        let list: Vec<Source<'a>> = by_key
            .into_iter()
            .filter(|(_, pages)| pages[def].is_some())
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(key, translations)| {
                let page = translations[def].expect("kept: it has a default-locale page");
                Source::new(&config.root, key, page, translations)
            })
            .collect();
        let index = list
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect();
        Sources { list, index }
    }
}

/// The prepared default-locale pages, in key order.
pub struct Sources<'a> {
    pub list: Vec<Source<'a>>,
    index: HashMap<String, usize>,
}

impl<'a> Sources<'a> {
    pub fn get(&self, key: &str) -> Option<&Source<'a>> {
        self.index.get(key).map(|&i| &self.list[i])
    }
}

/// One default-locale page, cut into segments.
pub struct Source<'a> {
    /// The page key: `disputes/outcomes`.
    pub key: String,
    pub page: &'a SourcePage,
    pub segments: Vec<Segment>,
    /// Each segment's inline Markdown, cut into codes.
    pub inline: Vec<Inline>,
    /// Each segment's block hash, as in `source_blocks:`.
    pub block_hashes: Vec<String>,
    /// Each segment's place for the translator: `content/en/a/b.md:12`.
    pub references: Vec<String>,
    /// `source_hash:` of the page as it is now.
    pub hash: String,
    /// `source_sections:` of the page as it is now.
    sections: BTreeMap<String, String>,
    /// By stamped source hash: the segments of that version of the page, from
    /// git history. Translations in several locales made from the same version
    /// look it up once.
    previous: Mutex<HashMap<String, Option<Arc<Vec<Segment>>>>>,
    /// The page in each locale, by locale index (the default's is `page`).
    translations: Vec<Option<&'a SourcePage>>,
}

impl<'a> Source<'a> {
    fn new(
        root: &Path,
        key: String,
        page: &'a SourcePage,
        translations: Vec<Option<&'a SourcePage>>,
    ) -> Self {
        let Outline { segments, sections } = outline(page);
        let inline = segments.iter().map(|s| inline::parse(&s.text)).collect();
        let block_hashes = segments.iter().map(Segment::block_hash).collect();
        let file = relative_path(root, &page.path).display().to_string();
        let references = lines(page, &segments)
            .into_iter()
            .map(|line| format!("{file}:{line}"))
            .collect();
        Source {
            key,
            page,
            hash: source_hash(page),
            sections,
            previous: Mutex::default(),
            segments,
            inline,
            block_hashes,
            references,
            translations,
        }
    }

    /// `page` on its own, without translations: for tests.
    #[cfg(test)]
    pub(crate) fn alone(page: &'a SourcePage) -> Self {
        Source::new(Path::new(""), page.kind.key(), page, Vec::new())
    }

    /// The hash of each section, as in `source_sections:`.
    pub fn sections(&self) -> &BTreeMap<String, String> {
        &self.sections
    }

    /// The segments of the version of the page whose `source_hash:` is
    /// `stamped`, when git history has it.
    pub fn previous(&self, stamped: &str) -> Option<Arc<Vec<Segment>>> {
        let mut known = self.previous.lock().unwrap_or_else(|e| e.into_inner());
        known
            .entry(stamped.to_string())
            .or_insert_with(|| {
                super::history::previous(self.page, stamped).map(|p| Arc::new(segments(&p)))
            })
            .clone()
    }

    /// Its translation in `locale`, if there is one.
    pub fn translation(&self, locale: usize) -> Option<&'a SourcePage> {
        self.translations.get(locale).copied().flatten()
    }
}

/// The file line of each segment: front matter keys looked up in one pass over
/// the YAML, body lines counted as the segments go down the page.
fn lines(page: &SourcePage, segments: &[Segment]) -> Vec<usize> {
    let key_lines = page.key_lines();
    let body = page.body();
    let (mut counted_to, mut counted_line) = (0, page.body_line);
    segments
        .iter()
        .map(|seg| match &seg.range {
            Some(r) if r.start >= counted_to => {
                counted_line += body[counted_to..r.start].matches('\n').count();
                counted_to = r.start;
                counted_line
            }
            Some(r) => page.body_line + body[..r.start].matches('\n').count(),
            None => {
                let key = seg.path.split('.').next().unwrap_or("title");
                key_lines.get(key).copied().unwrap_or(1)
            }
        })
        .collect()
}
