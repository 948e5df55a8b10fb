//! Translation status: for every page key and every locale but the default, is the
//! translation up to date with its source, outdated, missing, or an orphan?

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::config::Config;
use crate::load::SourcePage;
use crate::stamp::changes::{BlockChange, SectionChange, stale};
use crate::stamp::source_hash;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Its `source_hash` is the source's current hash.
    UpToDate,
    /// The source changed since it was stamped, or it was never stamped.
    Outdated,
    /// The default locale has the page, this locale does not: readers get a fallback.
    Missing,
    /// A translation whose source is gone from the default locale.
    Orphan,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::UpToDate,
        Status::Outdated,
        Status::Missing,
        Status::Orphan,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::UpToDate => "up to date",
            Status::Outdated => "outdated",
            Status::Missing => "missing",
            Status::Orphan => "orphan",
        }
    }
}

/// One page key in one locale.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    /// `disputes/outcomes`, `disputes/_index`, `_index`.
    pub key: String,
    pub locale: String,
    pub status: Status,
    /// The translation's file; absent when missing.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "lossy")]
    pub path: Option<PathBuf>,
    /// The default locale's file; absent for orphans.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "lossy")]
    pub source: Option<PathBuf>,
    /// For outdated translations: why. `never stamped` or `source changed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'static str>,
    /// For outdated translations stamped with `source_sections`: what changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionChange>,
    /// For outdated translations stamped with `source_blocks`: which paragraphs,
    /// headings, list items... changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<BlockChange>,
}

/// A path as text even when it is not UTF-8: serde would refuse it, and the JSON
/// of a whole run would be lost to one odd file name.
fn lossy<S: serde::Serializer>(path: &Option<PathBuf>, s: S) -> Result<S::Ok, S::Error> {
    match path {
        Some(p) => s.collect_str(&p.display()),
        None => s.serialize_none(),
    }
}

pub fn statuses(config: &Config, pages: &[SourcePage]) -> Vec<Translation> {
    let def = config.default_locale;
    let mut by_key: BTreeMap<String, Vec<Option<&SourcePage>>> = BTreeMap::new();
    // A draft is not published, so nobody can miss its translation yet.
    for p in pages.iter().filter(|p| !p.front.draft || config.drafts) {
        by_key
            .entry(p.kind.key())
            .or_insert_with(|| vec![None; config.locales.len()])[p.locale] = Some(p);
    }
    let mut out = Vec::new();
    for (key, per_locale) in &by_key {
        let source = per_locale[def];
        let current = source.map(|s| (source_hash(s), s));
        for (l, locale) in config.locales.iter().enumerate() {
            if l == def {
                continue;
            }
            let translation = per_locale[l];
            let mut t = Translation {
                key: key.clone(),
                locale: locale.code.clone(),
                status: Status::Missing,
                path: translation.map(|p| p.path.clone()),
                source: source.map(|p| p.path.clone()),
                reason: None,
                sections: Vec::new(),
                blocks: Vec::new(),
            };
            match (translation, &current) {
                (None, None) => continue,
                (None, Some(_)) => t.status = Status::Missing,
                (Some(_), None) => t.status = Status::Orphan,
                (Some(tr), Some(_)) if tr.front.source_hash.is_none() => {
                    t.status = Status::Outdated;
                    t.reason = Some("never stamped");
                }
                (Some(tr), Some((hash, src))) => match stale(tr, src, hash) {
                    None => t.status = Status::UpToDate,
                    Some(changes) => {
                        t.status = Status::Outdated;
                        t.reason = Some("source changed");
                        t.sections = changes.sections;
                        t.blocks = changes.blocks;
                    }
                },
            }
            out.push(t);
        }
    }
    out
}
