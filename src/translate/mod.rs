//! Working with translators: segments of the default-locale content exported to
//! gettext PO or XLIFF, and translations imported back into Markdown.

pub mod export;
pub mod history;
pub mod import;
pub mod inline;
pub mod pages;
pub mod pair;
pub mod po;
pub mod words;
pub mod xliff;

use std::collections::BTreeMap;

use inline::{Inline, Piece};
use pair::State;

/// One segment as written to a file for translators.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The page key: `disputes/outcomes`.
    pub key: String,
    /// `key#path@hash`: stable while the source segment does not change.
    pub id: String,
    pub source: String,
    pub target: Option<String>,
    pub state: State,
    /// The source text the old translation was made from, when known.
    pub previous: Option<String>,
    /// Context for the translator: the page and heading path, link targets.
    pub notes: Vec<String>,
    /// `content/en/a/b.md:12`.
    pub reference: String,
}

/// What a file brings back, per segment id: the translation and whether it is
/// finished (translated, not fuzzy or needing review).
pub type Returned<T> = Vec<(String, T, bool)>;

/// A translation as read back: Markdown (PO) or pieces with XLIFF code ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Markdown(String),
    Codes(Vec<TargetPiece>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetPiece {
    Text(String),
    Open(usize),
    Close(usize),
    Code(usize),
}

/// For each code of `inline`, the id of the code of `source` it matches: the
/// n-th code with a key (`link to a.md`) is the source's n-th code with that key.
pub fn map_ids(inline: &Inline, source: &Inline) -> BTreeMap<usize, usize> {
    let mut free: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for id in source.markup.keys().rev() {
        free.entry(source.key(*id)).or_default().push(*id);
    }
    let mut out = BTreeMap::new();
    let mut spare = source.markup.keys().max().copied().unwrap_or(0);
    for p in &inline.pieces {
        if let Piece::Open { id, .. } | Piece::Code { id, .. } = p {
            let mapped = free
                .get_mut(&inline.key(*id))
                .and_then(Vec::pop)
                .unwrap_or_else(|| {
                    spare += 1;
                    spare
                });
            out.insert(*id, mapped);
        }
    }
    out
}
