//! Pairing a translation with its source, segment by segment: which segments are
//! translated, which changed since the translation was made (fuzzy), which are new.
//!
//! A translation is paired only when its blocks line up with the source it was
//! made from: with a `source_blocks:` stamp, when it has as many segments of the
//! same kinds as that stamp lists; with an older stamp (`source_hash:` and
//! `source_sections:` only), when it has the current source's segment kinds in
//! the same order. A translation written freely, with its own structure, is not
//! paired: its segments are exported as untranslated and the file is left alone
//! until a translation of every segment comes back.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::pages::Source;
use crate::load::SourcePage;
use crate::stamp::blocks::{Segment, segments};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// Its source did not change since the translation was stamped.
    Translated,
    /// Its source changed: the old translation is there to be reviewed.
    Fuzzy,
    /// Nothing translates it yet.
    New,
}

/// One source segment and what the translation has for it.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub seg: &'a Segment,
    /// Its index among the source's segments.
    pub index: usize,
    pub state: State,
    /// The translation's text for it (translated or fuzzy).
    pub target: Option<String>,
    /// Which segment of the translation (and of the source it was made from) that is.
    pub old_index: Option<usize>,
}

/// The units of one page in one locale, in source order.
pub fn units<'a>(source: &'a Source<'_>, translation: Option<&SourcePage>) -> Vec<Unit<'a>> {
    let src = &source.segments;
    let new = || {
        src.iter()
            .enumerate()
            .map(|(index, seg)| Unit {
                seg,
                index,
                state: State::New,
                target: None,
                old_index: None,
            })
            .collect()
    };
    let Some(tr) = translation else {
        return new();
    };
    let mine = segments(tr);
    let kinds = |s: &[Segment]| s.iter().map(|s| s.kind.letter()).collect::<String>();
    if let Some(stamped) = tr.front.source_blocks.as_deref() {
        let old: Vec<&str> = stamped.split_whitespace().collect();
        let old_kinds: String = old.iter().filter_map(|h| h.chars().next()).collect();
        if old_kinds != kinds(&mine) {
            return new();
        }
        let current: Vec<&str> = source.block_hashes.iter().map(String::as_str).collect();
        let mut out: Vec<Unit> = new();
        let mut mine: Vec<Option<String>> = mine.into_iter().map(|s| Some(s.text)).collect();
        for op in capture_diff_slices(Algorithm::Myers, &old, &current) {
            match op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    for k in 0..len {
                        out[new_index + k].state = State::Translated;
                        out[new_index + k].target = mine[old_index + k].take();
                        out[new_index + k].old_index = Some(old_index + k);
                    }
                }
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    for k in 0..old_len.min(new_len) {
                        let u = &mut out[new_index + k];
                        if old_kinds.as_bytes()[old_index + k] == u.seg.kind.letter() as u8 {
                            u.state = State::Fuzzy;
                            u.target = mine[old_index + k].take();
                            u.old_index = Some(old_index + k);
                        }
                    }
                }
                DiffOp::Insert { .. } | DiffOp::Delete { .. } => {}
            }
        }
        return out;
    }
    if kinds(&mine) != kinds(src) {
        return new();
    }
    let up_to_date = tr
        .front
        .source_hash
        .as_deref()
        .is_some_and(|h| h.trim() == source.hash);
    // Section hashes only where they decide something: an outdated section stamp.
    let sections = tr
        .front
        .source_sections
        .as_ref()
        .filter(|_| tr.front.source_hash.is_some() && !up_to_date)
        .map(|old| (source.sections(), old));
    src.iter()
        .zip(mine)
        .enumerate()
        .map(|(i, (seg, t))| {
            let unchanged = up_to_date
                || sections
                    .as_ref()
                    .is_some_and(|(now, old)| now.get(&seg.section) == old.get(&seg.section));
            Unit {
                state: if unchanged {
                    State::Translated
                } else {
                    State::Fuzzy
                },
                target: Some(t.text),
                index: i,
                old_index: Some(i),
                seg,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tests_support::article as page;
    use crate::stamp::blocks::block_hashes;
    use crate::stamp::changes::block_changes;
    use crate::stamp::outline;

    #[test]
    fn a_block_stamp_makes_exactly_the_changed_paragraph_fuzzy() {
        let old = page("---\ntitle: T\n---\nOne.\n\nTwo.\n\nThree.\n");
        let blocks = block_hashes(&segments(&old));
        let tr = page(&format!(
            "---\ntitle: TT\nsource_hash: x\nsource_blocks: \"{blocks}\"\n---\nUno.\n\nDue.\n\nTre.\n"
        ));
        let new = page("---\ntitle: T\n---\nOne.\n\nTwo, changed.\n\nThree.\n\nFour.\n");
        let new = Source::alone(&new);
        let u = units(&new, Some(&tr));
        let states: Vec<(State, Option<&str>)> =
            u.iter().map(|u| (u.state, u.target.as_deref())).collect();
        assert_eq!(
            states,
            vec![
                (State::Translated, Some("TT")),
                (State::Translated, Some("Uno.")),
                (State::Fuzzy, Some("Due.")),
                (State::Translated, Some("Tre.")),
                (State::New, None),
            ]
        );
        let changes = block_changes(&blocks, &new.segments);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].change, "changed");
        assert_eq!(changes[0].excerpt.as_deref(), Some("Two, changed."));
        assert_eq!(changes[1].change, "added");
    }

    #[test]
    fn an_old_section_stamp_pairs_a_translation_of_the_same_structure() {
        let src = page("---\ntitle: T\n---\nIntro.\n\n## A\n\nIn a.\n\n## B\n\nIn b.\n");
        let mut sections = outline(&src).sections;
        sections.insert("b".into(), "old".into());
        let map: Vec<String> = sections.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        let tr = page(&format!(
            "---\ntitle: TT\nsource_hash: old\nsource_sections: {{{}}}\n---\nIntro it.\n\n## A it\n\nIn a it.\n\n## B it\n\nIn b it.\n",
            map.join(", ")
        ));
        let prepared = Source::alone(&src);
        let states: Vec<State> = units(&prepared, Some(&tr))
            .iter()
            .map(|u| u.state)
            .collect();
        use State::*;
        assert_eq!(
            states,
            vec![Translated, Translated, Translated, Translated, Fuzzy, Fuzzy]
        );
        // Another structure: not paired at all.
        let free = page("---\ntitle: TT\nsource_hash: old\n---\nJust one paragraph.\n");
        assert!(units(&prepared, Some(&free)).iter().all(|u| u.state == New));
    }
}
