//! Index: one search index per locale, split into content-hashed shards so that a
//! query downloads only the few it needs.
//!
//! Layout under `search/<locale>/`:
//! - `meta.json`: the shards' folder and the first word of each term shard (its
//!   `bounds`); its name is stable so that pages need not change when the index
//!   does;
//! - `<hash>/t<n>.json`: term shards: word forms -> stem groups -> postings with
//!   precomputed BM25F impacts, plus the display records of each group's best
//!   articles, so that a one-word query needs the meta file and one shard;
//! - `<hash>/d<n>.json`: document shards: titles, URLs, sections and passages of
//!   the hits no term shard carries;
//! - `<hash>/x.json` (locales but the default): which article of the default
//!   locale's index each article translates, for cross-locale rescue.
//!
//! Term shards also carry the thesaurus's synonyms ([`synonyms`]) as forms that
//! point at other words' groups, and, in German and Dutch, compounds are indexed
//! under their parts too ([`compound`]). The meta file says who each article is
//! for (`aud`, `ad`), for the audience boost.
//!
//! The folder is named by a hash of all its shards, so they can be cached forever.
//!
//! The format is read by `themes/default/static/kbgen.js`; `tests/search.rs` runs the
//! same client code against the example site.

mod analyse;
mod build;
mod compound;
mod model;
pub mod report;
mod shard;
pub mod synonyms;
pub mod tokenize;

pub use build::{Indexer, index_locale, meta_url};
