//! What a translation was made from: a hash of its default-locale source (title,
//! description and body) in `source_hash:`, one short hash per section in
//! `source_sections:` and one per block in `source_blocks:`, so that a stale
//! translation can say what changed. Resolve, check, render and the translator
//! exchange all read stamps through this module; [`write`] writes them (`kbgen stamp`).

pub mod blocks;
pub mod changes;
pub mod write;

use std::collections::BTreeMap;

use crate::load::SourcePage;
use blocks::Segment;

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

/// What stamps and the translation exchange read of a page, from one walk over
/// its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The pieces a translator translates, in source order.
    pub segments: Vec<Segment>,
    /// One short hash per section: `_title`, `_intro`, then each heading's id,
    /// as in `source_sections:`.
    pub sections: BTreeMap<String, String>,
}

/// `page`'s segments and section hashes. A section runs from its heading to the
/// next heading of any level; a heading id that repeats keeps its first section.
pub fn outline(page: &SourcePage) -> Outline {
    let short = |text: &str| blake3::hash(normalize(text).as_bytes()).to_hex()[..8].to_string();
    let mut segments = blocks::front_segments(page);
    let body = page.body();
    let mut starts = vec![(0, INTRO.to_string())];
    starts.extend(blocks::body_segments(body, &mut segments));
    let mut sections = BTreeMap::new();
    let title = format!(
        "{}\0{}",
        page.front.title(),
        page.front.description.as_deref().unwrap_or_default()
    );
    sections.insert(TITLE.to_string(), short(&title));
    for (i, (start, id)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |s| s.0);
        sections
            .entry(id.clone())
            .or_insert_with(|| short(&body[*start..end]));
    }
    Outline { segments, sections }
}

fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tests_support::article as page;
    use crate::markdown;

    const TRICKY: &str = "---\ntitle: T\n---\nIntro.\n\n# Top `code` heading\n\n## Pay with ![card](x.png) **now** {#pay}\n\nText.\n\n## <span>Html</span> heading\n\n> ## Quoted heading\n> in a quote\n\n- ## Heading in a list\n- two\n\nSetext heading\n--------------\n\n##\n\n## Pay\n\n## Pay\n\n### *Emph* and [link](https://e.com)\n\nTail.\n";

    #[test]
    fn stamps_name_sections_by_the_ids_the_page_renders() {
        let p = page(TRICKY);
        let rendered: Vec<String> = markdown::parse(&p, "a", &|_| None)
            .headings
            .into_iter()
            .map(|h| h.id)
            .collect();
        assert_eq!(
            rendered,
            [
                "top-code-heading",
                "pay",
                "html-heading",
                "quoted-heading",
                "heading-in-a-list",
                "setext-heading",
                "section",
                "pay-2",
                "pay-3",
                "emph-and-link",
            ]
        );
        let outline = outline(&p);
        let stamped: Vec<&str> = outline
            .sections
            .keys()
            .map(String::as_str)
            .filter(|k| ![TITLE, INTRO].contains(k))
            .collect();
        let mut sorted = rendered.clone();
        sorted.sort();
        assert_eq!(stamped, sorted);
        // The translation exchange gives each heading segment the same id.
        let segmented: Vec<&str> = outline
            .segments
            .iter()
            .filter_map(|s| s.heading_id.as_deref())
            .collect();
        let shown: Vec<&str> = rendered
            .iter()
            .map(String::as_str)
            .filter(|id| *id != "section")
            .collect();
        assert_eq!(segmented, shown, "an empty heading has no segment");
    }

    #[test]
    fn a_section_runs_to_the_next_heading_of_any_level_and_only_its_edits_change_its_hash() {
        let before = outline(&page("---\ntitle: T\n---\nIntro.\n\n## A\n\nIn a.\n\n#### Deep\n\nIn deep.\n\n## B\n\nIn b.\n")).sections;
        let after = outline(&page("---\ntitle: T\n---\nIntro.\n\n## A\n\nIn a.\n\n#### Deep\n\nIn deep, changed.\n\n## B\n\nIn b.\n")).sections;
        let changed: Vec<&str> = before
            .keys()
            .filter(|k| before[*k] != after[*k])
            .map(String::as_str)
            .collect();
        assert_eq!(changed, ["deep"]);
        let spaces = outline(&page("---\ntitle: T\n---\nIntro.  \r\n\n## A\n\nIn a.\n\n#### Deep\n\nIn deep.   \n\n## B\n\nIn b.\n")).sections;
        assert_eq!(spaces, before, "trailing spaces are an editor's whim");
        // An id written twice names the first of its sections.
        let twice = |second: &str| {
            outline(&page(&format!(
                "---\ntitle: T\n---\n## One {{#dup}}\n\nFirst.\n\n## Two {{#dup}}\n\n{second}\n"
            )))
            .sections
        };
        assert_eq!(twice("Second."), twice("Second, edited."));
    }
}
