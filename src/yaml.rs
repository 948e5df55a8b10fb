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
    // Lines that start, at column 0, with something that reads as a key.
    let candidates: Vec<(usize, String)> = line_starts(yaml)
        .filter_map(|start| key_of(&yaml[start..]).map(|k| (start, k)))
        .collect();
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
    Some(out)
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
    fn not_a_mapping_or_not_yaml() {
        assert_eq!(entries("- a\n- b\n"), None);
        assert_eq!(entries("title: [unclosed\n"), None);
        assert_eq!(entries("").unwrap(), []);
    }
}
