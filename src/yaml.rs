//! Where each top-level entry of a front matter block is written. serde_yaml keeps
//! no positions once it has parsed, and a line that looks like a key may sit
//! inside a multi-line value (a quoted description may well hold a line that
//! starts `source_hash:`). So each candidate line is checked against the parser
//! itself: it is an entry only if cutting it out removes exactly that key and
//! changes nothing else. Messages then point at the key the writer must fix, and
//! `kbgen stamp` replaces whole entries without touching a byte of the rest.

use std::ops::Range;

use serde_yaml::{Mapping, Value};

/// One `key: value` of the top-level mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    /// 1-based line of the key, within the YAML text.
    pub line: usize,
    /// Bytes of the entry: from the start of the key's line to the start of the
    /// line after its value (comment lines after it are not included).
    pub span: Range<usize>,
}

/// The top-level entries of `yaml`, in order; `None` when it is not valid YAML or
/// not a mapping.
pub fn entries(yaml: &str) -> Option<Vec<Entry>> {
    let full = mapping(yaml)?;
    let candidates = candidates(yaml);
    self_contained(yaml, &full, &candidates).or_else(|| Some(searched(yaml, &full, &candidates)))
}

/// Lines that start, at column 0, with something that reads as a key: (offset, key).
fn candidates(yaml: &str) -> Vec<(usize, String)> {
    line_starts(yaml)
        .filter_map(|start| key_of(&yaml[start..]).map(|k| (start, k)))
        .collect()
}

/// The entries found by cutting: a candidate line starts an entry when cutting it,
/// up to some later candidate, removes exactly its key and changes nothing else.
fn searched(yaml: &str, full: &Mapping, candidates: &[(usize, String)]) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut n = 0;
    while n < candidates.len() {
        let (start, key) = &candidates[n];
        let mut expected = full.clone();
        if expected.remove(key.as_str()).is_none() {
            n += 1;
            continue;
        }
        // The value may run past later lines that look like keys: try each.
        let ends = candidates[n + 1..]
            .iter()
            .map(|(s, _)| *s)
            .chain([yaml.len()]);
        let mut found = None;
        for (skip, end) in ends.enumerate() {
            let end = trim_comments(yaml, *start, end, &expected).unwrap_or(end);
            if removes_exactly(yaml, *start..end, &expected) {
                found = Some((skip, end));
                break;
            }
        }
        match found {
            Some((skip, end)) => {
                out.push(Entry {
                    key: key.clone(),
                    line: yaml[..*start].matches('\n').count() + 1,
                    span: *start..end,
                });
                n += skip + 1;
            }
            None => n += 1,
        }
    }
    out
}

/// The entries when every candidate line starts an entry that stands on its own:
/// the text up to the next candidate (trailing comments and blank lines left
/// out) parses alone to exactly that key and the value the whole block gives it,
/// and together they hold every key. That is front matter as people write it,
/// and it takes one small parse per entry instead of two of the whole block; any
/// other shape (a quoted value running over a line that looks like a key, an
/// alias, a merge key) is left to the full search in [`entries`].
fn self_contained(
    yaml: &str,
    full: &Mapping,
    candidates: &[(usize, String)],
) -> Option<Vec<Entry>> {
    if candidates.len() != full.len() || !only_comments(&yaml[..candidates.first()?.0]) {
        return None;
    }
    let mut out = Vec::with_capacity(candidates.len());
    for (n, (start, key)) in candidates.iter().enumerate() {
        let next = candidates.get(n + 1).map_or(yaml.len(), |c| c.0);
        let end = without_trailing_comments(yaml, *start, next);
        let alone = mapping(&yaml[*start..end])?;
        let value = full.get(key.as_str())?;
        if alone.len() != 1 || alone.get(key.as_str()) != Some(value) {
            return None;
        }
        out.push(Entry {
            key: key.clone(),
            line: yaml[..*start].matches('\n').count() + 1,
            span: *start..end,
        });
    }
    Some(out)
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

/// `end` moved back over whole comment and blank lines, not past the line at `start`.
fn without_trailing_comments(yaml: &str, start: usize, end: usize) -> usize {
    let mut cut = end;
    while let Some(prev) = yaml[start..cut.saturating_sub(1).max(start)].rfind('\n') {
        let line_start = start + prev + 1;
        if !only_comments(&yaml[line_start..cut]) {
            break;
        }
        cut = line_start;
    }
    cut
}

/// The 1-based line of top-level key `key` in `yaml`.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    entries(yaml)?
        .into_iter()
        .find(|e| e.key == key)
        .map(|e| e.line)
}

fn mapping(yaml: &str) -> Option<Mapping> {
    match serde_yaml::from_str::<Value>(yaml).ok()? {
        Value::Mapping(m) => Some(m),
        Value::Null => Some(Mapping::new()),
        _ => None,
    }
}

/// True when `yaml` without `span` parses to `expected`.
fn removes_exactly(yaml: &str, span: Range<usize>, expected: &Mapping) -> bool {
    let rest = format!("{}{}", &yaml[..span.start], &yaml[span.end..]);
    mapping(&rest).is_some_and(|m| m == *expected)
}

/// `end` moved back over comment and blank lines that the entry does not need,
/// so that cutting the entry keeps them; `None` when none can go.
fn trim_comments(yaml: &str, start: usize, end: usize, expected: &Mapping) -> Option<usize> {
    let mut cut = end;
    let mut best = None;
    while let Some(prev) = yaml[start..cut.saturating_sub(1).max(start)].rfind('\n') {
        let line_start = start + prev + 1;
        let line = yaml[line_start..cut].trim();
        if !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        if removes_exactly(yaml, start..line_start, expected) {
            best = Some(line_start);
        }
        cut = line_start;
    }
    best
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

/// The key a line starts with at column 0: `key:` followed by a space or the end
/// of the line, the key plain or quoted.
fn key_of(line: &str) -> Option<String> {
    let line = line
        .split('\n')
        .next()
        .unwrap_or_default()
        .trim_end_matches('\r');
    let (key, rest) = match line.chars().next()? {
        q @ ('"' | '\'') => {
            let close = line[1..].find(q)? + 1;
            (line[1..close].to_string(), &line[close + 1..])
        }
        c if c.is_whitespace() || matches!(c, '#' | '-' | '[' | '{' | '?' | ':') => return None,
        _ => {
            let colon = line
                .find(": ")
                .or_else(|| line.strip_suffix(':').map(|l| l.len()))?;
            (line[..colon].trim_end().to_string(), &line[colon..])
        }
    };
    let rest = rest.trim_start();
    (rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t'])))
        .then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(yaml: &str) -> Vec<(String, usize, &str)> {
        entries(yaml)
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.line, &yaml[e.span]))
            .collect()
    }

    #[test]
    fn entries_cover_whole_lines_of_every_value_style() {
        let yaml = "title: \"Zwrot\"\ntags:\n  - a\n  - b\nsource_sections: {x: 1, y: 2}\ndescription: >\n  folded\n  text\n# a note\norder: 3 # first\n";
        let got = spans(yaml);
        assert_eq!(
            got,
            [
                ("title".into(), 1, "title: \"Zwrot\"\n"),
                ("tags".into(), 2, "tags:\n  - a\n  - b\n"),
                (
                    "source_sections".into(),
                    5,
                    "source_sections: {x: 1, y: 2}\n"
                ),
                (
                    "description".into(),
                    6,
                    "description: >\n  folded\n  text\n"
                ),
                ("order".into(), 10, "order: 3 # first\n"),
            ]
        );
    }

    #[test]
    fn a_quoted_value_that_looks_like_a_key_stays_in_its_entry() {
        let yaml =
            "title: T\ndescription: \"first line\nsource_hash: not a key\"\nsource_hash: abc\n";
        let got = spans(yaml);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].0, "description");
        assert_eq!(
            got[1].2,
            "description: \"first line\nsource_hash: not a key\"\n"
        );
        assert_eq!((got[2].0.as_str(), got[2].1), ("source_hash", 4));
    }

    #[test]
    fn offsets_are_bytes_in_text_with_wide_characters() {
        let yaml = "title: 联系方式\nslug: zwrot-płatności\norder: 1\n";
        let got = spans(yaml);
        assert_eq!(got[1].2, "slug: zwrot-płatności\n");
        assert_eq!(got[2].2, "order: 1\n");
        assert_eq!(key_line(yaml, "order"), Some(3));
    }

    #[test]
    fn entries_standing_alone_are_what_the_full_search_finds() {
        for yaml in [
            "title: T\nslug: s\norder: 2\n",
            "# lead\ntitle: T\n\n# between\ntags:\n  - a\n\n  - b\n# after\n",
            "description: |\n  one\n\n  two\ntitle: \"quoted: yes\"\n",
            "description: >-\n  folded\n# note\norder: 3 # trailing\n",
            "'quoted key': 1\nsource_sections: {a: b,\n  c: d}\n",
        ] {
            let (full, candidates) = (mapping(yaml).unwrap(), candidates(yaml));
            let fast = self_contained(yaml, &full, &candidates);
            assert_eq!(fast, Some(searched(yaml, &full, &candidates)), "{yaml}");
        }
        // Shapes the fast path must leave to the search.
        for yaml in [
            "title: T\ndescription: \"a\nsource_hash: b\"\n",
            "base: &b 1\nother: *b\n",
        ] {
            let (full, candidates) = (mapping(yaml).unwrap(), candidates(yaml));
            assert_eq!(self_contained(yaml, &full, &candidates), None, "{yaml}");
        }
    }

    #[test]
    fn not_a_mapping_or_not_yaml() {
        assert_eq!(entries("- a\n- b\n"), None);
        assert_eq!(entries("title: [unclosed\n"), None);
        assert_eq!(entries("").unwrap(), []);
    }
}
