//! What a translation was made from: a hash of its default-locale source (title,
//! description and body) in `source_hash:`, one short hash per section in
//! `source_sections:` and one per block in `source_blocks:`, so that a stale
//! translation can say what changed. Resolve, check, render and the translator
//! exchange all read stamps through this module; [`write`] writes them (`kbgen stamp`).

pub mod blocks;
pub mod changes;
pub mod write;

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::load::SourcePage;
use crate::markdown;

pub use write::{restamp, stamp, write_atomically};

/// The section before the first heading.
pub const INTRO: &str = "_intro";
/// The title and description.
pub const TITLE: &str = "_title";

/// The hash of what translators translate: title, description and body, with line
/// endings and trailing spaces normalized so that an editor's whims do not count.
pub fn source_hash(source: &SourcePage) -> String {
    let mut h = blake3::Hasher::new();
    h.update(normalize(source.front.title()).as_bytes());
    h.update(b"\0");
    h.update(normalize(source.front.description.as_deref().unwrap_or_default()).as_bytes());
    h.update(b"\0");
    h.update(normalize(source.body()).as_bytes());
    h.finalize().to_hex()[..16].to_string()
}

/// One short hash per section: `_title`, `_intro`, then each heading's id.
pub fn section_hashes(source: &SourcePage) -> BTreeMap<String, String> {
    let short = |text: &str| blake3::hash(normalize(text).as_bytes()).to_hex()[..8].to_string();
    let mut out = BTreeMap::new();
    let title = format!(
        "{}\0{}",
        source.front.title(),
        source.front.description.as_deref().unwrap_or_default()
    );
    out.insert(TITLE.to_string(), short(&title));
    let body = source.body();
    let mut starts: Vec<(usize, String)> = vec![(0, INTRO.to_string())];
    let mut used = std::collections::HashSet::new();
    let mut open: Option<(usize, Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((range.start, id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((start, id, text)) = open.take() {
                    let id = markdown::heading_id(id.as_deref(), text.trim(), &mut used);
                    starts.push((start, id));
                }
            }
            _ => {}
        }
    }
    for (i, (start, id)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |s| s.0);
        out.entry(id.clone())
            .or_insert_with(|| short(&body[*start..end]));
    }
    out
}

fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// True when `translation` records a source hash that is no longer its source's.
/// A translation that was never stamped is not called outdated here: readers see
/// no notice for what nobody has measured (`kbgen check` still reports it).
pub fn is_outdated(translation: &SourcePage, source: &SourcePage) -> bool {
    translation
        .front
        .source_hash
        .as_deref()
        .is_some_and(|h| h.trim() != source_hash(source))
}
