//! The index's types, shared by the stage that builds it ([`super::build`]), the
//! thesaurus ([`super::synonyms`]) and the writer of its shards ([`super::shard`]).

/// Sections kept per article (more are folded into the last one).
pub const MAX_SECTIONS: usize = 64;

/// An article as the client shows it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub url: String,
    /// Index into the locale's categories (`cats` in the meta file).
    pub category: usize,
    /// (anchor, heading, passage) per section; the intro has an empty anchor.
    pub sections: Vec<(String, String, String)>,
    /// Front matter `audience:`, as the index of its thesaurus entry plus one; 0
    /// when the article has none the thesaurus names.
    pub audience: u8,
}

/// A stem group: the word forms that share a stem, and where they occur.
#[derive(Debug, Default)]
pub struct Group {
    pub forms: Vec<String>,
    /// Best first, truncated to [`super::shard::MAX_POSTINGS`].
    pub postings: Vec<Posting>,
}

/// One section a group occurs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// `article * MAX_SECTIONS + section`.
    pub section: u32,
    /// BM25F score, times 100.
    pub impact: u32,
    /// Index into the group's `forms` of the form used most in the section.
    pub form: u8,
}
