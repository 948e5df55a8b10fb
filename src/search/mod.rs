//! Index: one search index per locale, split into content-hashed shards so that a
//! query downloads only the few it needs.
//!
//! Layout under `search/<locale>/`:
//! - `meta.json`: the first word of each term shard, and the document shards; its
//!   name is stable so that pages need not change when the index does;
//! - `t/<hash>.json`: term shards: word forms -> stem groups -> postings with
//!   precomputed BM25F impacts, plus display records of each group's best hits;
//! - `d/<hash>.json`: document shards: titles, URLs, sections and passages.
//!
//! The format is read by `themes/default/static/kbgen.js`; `tests/search.rs` runs the
//! same client code against the example site.

mod build;
mod shard;
pub mod tokenize;

pub use build::{LocaleIndex, index, index_locale};
