//! What changed in a source since its translation was stamped: the sections
//! (`source_sections:`) and blocks (`source_blocks:`) that `kbgen check`, the
//! reader's notice and the translation exchange name. Resolve and `kbgen check`
//! both ask [`stale`].

use std::collections::BTreeMap;

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::blocks::Segment;
use crate::load::SourcePage;

/// What changed in a source since its translation was stamped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stale {
    /// By section, when the stamp records sections; sorted by id, removed last.
    pub sections: Vec<SectionChange>,
    /// By block, in source order, when the stamp records blocks.
    pub blocks: Vec<BlockChange>,
}

/// How one section of the source changed since the translation was stamped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionChange {
    /// The heading id in the source, or `_title` / `_intro`.
    pub id: String,
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
}

/// What changed in `source` since `translation` was stamped from it: `None` when
/// the translation's `source_hash:` is `hash`, the source's own
/// [`super::source_hash`], or when it records none (it was never stamped, so
/// nothing is known). The source is read only when the stamp records sections
/// or blocks.
pub fn stale(translation: &SourcePage, source: &SourcePage, hash: &str) -> Option<Stale> {
    let front = &translation.front;
    if front.source_hash.as_deref()?.trim() == hash {
        return None;
    }
    if front.source_sections.is_none() && front.source_blocks.is_none() {
        return Some(Stale::default());
    }
    let now = super::outline(source);
    Some(Stale {
        sections: front
            .source_sections
            .as_ref()
            .map(|stamped| section_changes(stamped, &now.sections))
            .unwrap_or_default(),
        blocks: front
            .source_blocks
            .as_deref()
            .map(|stamped| block_changes(stamped, &now.segments))
            .unwrap_or_default(),
    })
}

fn section_changes(
    stamped: &BTreeMap<String, String>,
    current: &BTreeMap<String, String>,
) -> Vec<SectionChange> {
    let mut out = Vec::new();
    for (id, hash) in current {
        match stamped.get(id) {
            Some(old) if old == hash => {}
            Some(_) => out.push(SectionChange {
                id: id.clone(),
                change: "changed",
            }),
            None => out.push(SectionChange {
                id: id.clone(),
                change: "added",
            }),
        }
    }
    for id in stamped.keys().filter(|id| !current.contains_key(*id)) {
        out.push(SectionChange {
            id: id.clone(),
            change: "removed",
        });
    }
    out
}

/// A block of the source that changed since a translation was stamped with
/// `source_blocks:`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockChange {
    /// `changed`, `added` or `removed`.
    pub change: &'static str,
    /// `paragraph`, `heading`, ...
    pub kind: &'static str,
    /// The section it is in, as in `source_sections:`; absent for removed blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The first words of its current text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// What changed in a source, whose segments are `src`, since `stamped` (a
/// `source_blocks:` value).
pub fn block_changes(stamped: &str, src: &[Segment]) -> Vec<BlockChange> {
    let old: Vec<&str> = stamped.split_whitespace().collect();
    let current: Vec<String> = src.iter().map(Segment::block_hash).collect();
    let current: Vec<&str> = current.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let now = |i: usize, change| BlockChange {
        change,
        kind: src[i].kind.name(),
        section: Some(src[i].section.clone()),
        excerpt: Some(excerpt(&src[i].text)),
    };
    let gone = |h: &str| BlockChange {
        change: "removed",
        kind: kind_name(h),
        section: None,
        excerpt: None,
    };
    for op in capture_diff_slices(Algorithm::Myers, &old, &current) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                for k in 0..new_len {
                    out.push(now(
                        new_index + k,
                        if k < old_len { "changed" } else { "added" },
                    ));
                }
                for h in old
                    .iter()
                    .skip(old_index + new_len)
                    .take(old_len.saturating_sub(new_len))
                {
                    out.push(gone(h));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend((new_index..new_index + new_len).map(|i| now(i, "added"))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(old[old_index..old_index + old_len].iter().map(|h| gone(h))),
        }
    }
    out
}

fn kind_name(hash: &str) -> &'static str {
    use super::blocks::Kind::*;
    let kind = [Title, Description, Tag, Heading, Paragraph, Item, Cell, Alt]
        .into_iter()
        .find(|k| hash.starts_with(k.letter()));
    kind.map_or("block", |k| k.name())
}

/// The first few words of `text`, for a message.
pub fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = flat.chars();
    let head: String = chars.by_ref().take(48).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tests_support::article as page;
    use crate::stamp::{blocks, outline, source_hash};

    const SOURCE: &str = "---\ntitle: T\n---\nOne.\n\n## A\n\nTwo.\n";

    #[test]
    fn stale_compares_the_recorded_hash_and_reads_the_source_only_for_stamped_parts() {
        let source = page(SOURCE);
        let hash = source_hash(&source);
        let translation = |front: &str| page(&format!("---\ntitle: TT\n{front}---\nUno.\n"));
        assert_eq!(
            stale(&translation(""), &source, &hash),
            None,
            "never stamped"
        );
        let current = translation(&format!("source_hash: \" {hash} \"\n"));
        assert_eq!(stale(&current, &source, &hash), None, "spaces do not count");
        let old = translation("source_hash: 0123\n");
        assert_eq!(stale(&old, &source, &hash), Some(Stale::default()));

        let before = page("---\ntitle: T\n---\nOne.\n\n## A\n\nTwo, before.\n");
        let was = outline(&before);
        let sections: Vec<String> = was
            .sections
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let stamped = translation(&format!(
            "source_hash: 0123\nsource_sections: {{{}}}\nsource_blocks: \"{}\"\n",
            sections.join(", "),
            blocks::block_hashes(&was.segments)
        ));
        let changes = stale(&stamped, &source, &hash).unwrap();
        assert_eq!(
            changes.sections,
            [SectionChange {
                id: "a".into(),
                change: "changed"
            }]
        );
        let excerpts: Vec<_> = changes
            .blocks
            .iter()
            .map(|b| (b.change, b.excerpt.as_deref()))
            .collect();
        assert_eq!(excerpts, [("changed", Some("Two."))]);
    }
}
