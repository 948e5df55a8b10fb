//! Decompounding for languages that write compounds as one word (de, nl): a
//! compound whose parts are words of the index (or of the thesaurus) is also
//! indexed under its parts, so that "erstattung" finds "Rückerstattung".

use rustc_hash::FxHashSet as HashSet;

/// Linking elements between the parts of a compound, per language; `None` for
/// languages that are not decompounded.
pub fn links(lang: &str) -> Option<&'static [&'static str]> {
    match lang.split(['-', '_']).next().unwrap_or(lang) {
        "de" => Some(&["", "s", "es", "n", "en", "e"]),
        "nl" => Some(&["", "s", "en", "e"]),
        _ => None,
    }
}

/// Parts shorter than this are not split off: "ab", "ein" are prefixes, not words.
const MIN_PART: usize = 4;
/// A first part that is no word of its own ("rück") is accepted only before a
/// word this long.
const MIN_TAIL_AFTER_BOUND_HEAD: usize = 6;

/// The parts of `word` that are words of `vocab`, outermost first: for
/// "streitbeilegungsstelle", "streitbeilegung", "stelle", then "streit" and
/// "beilegung" when those are words too. Empty when `word` is no compound.
pub fn parts(word: &str, vocab: &HashSet<&str>, links: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    split_into(word, vocab, links, &mut out, 0);
    out.sort();
    out.dedup();
    out
}

fn split_into(word: &str, vocab: &HashSet<&str>, links: &[&str], out: &mut Vec<String>, depth: u8) {
    if depth > 3 {
        return;
    }
    let Some((head, tail)) = split(word, vocab, links) else {
        return;
    };
    if vocab.contains(head) {
        out.push(head.to_string());
        split_into(head, vocab, links, out, depth + 1);
    }
    out.push(tail.to_string());
    split_into(tail, vocab, links, out, depth + 1);
}

/// The split with the longest first part whose rest (after a linking element) is
/// a word, or a compound itself.
fn split<'a>(word: &'a str, vocab: &HashSet<&str>, links: &[&str]) -> Option<(&'a str, &'a str)> {
    let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
    let chars = bounds.len();
    if chars < 2 * MIN_PART {
        return None;
    }
    // First parts that are words win over bound ones ("klant" + "en" + "service",
    // not "klanten" + "service"); then the longest first part.
    for bound_head in [false, true] {
        for h in (MIN_PART..=chars - MIN_PART).rev() {
            let head = &word[..bounds[h]];
            if vocab.contains(head) == bound_head {
                continue;
            }
            let rest = &word[bounds[h]..];
            for link in links {
                let Some(tail) = rest.strip_prefix(link) else {
                    continue;
                };
                let tail_chars = tail.chars().count();
                let long_enough = !bound_head || tail_chars >= MIN_TAIL_AFTER_BOUND_HEAD;
                if tail_chars >= MIN_PART && long_enough && vocab.contains(tail) {
                    return Some((head, tail));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab<'a>(words: &[&'a str]) -> HashSet<&'a str> {
        words.iter().copied().collect()
    }

    #[test]
    fn german_compounds_split_at_linking_elements() {
        let de = links("de").unwrap();
        let v = vocab(&[
            "kunden",
            "service",
            "streitbeilegung",
            "stelle",
            "streit",
            "beilegung",
            "erstattung",
            "konto",
        ]);
        assert_eq!(parts("kundenservice", &v, de), ["kunden", "service"]);
        assert_eq!(
            parts("streitbeilegungsstelle", &v, de),
            ["beilegung", "stelle", "streit", "streitbeilegung"]
        );
        // A bound first part before a long word: "rück" + "erstattung".
        assert_eq!(parts("ruckerstattung", &v, de), ["erstattung"]);
        // Not before a short one, and never into prefixes.
        assert!(parts("girokonto", &v, de).is_empty());
        assert!(parts("service", &v, de).is_empty());
    }

    #[test]
    fn dutch_compounds_split() {
        let nl = links("nl").unwrap();
        let v = vocab(&["telefoon", "nummer", "klant", "service"]);
        assert_eq!(parts("telefoonnummer", &v, nl), ["nummer", "telefoon"]);
        assert_eq!(parts("klantenservice", &v, nl), ["klant", "service"]);
        assert!(links("en").is_none());
    }
}
