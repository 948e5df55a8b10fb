//! Front matter: the YAML block between `---` lines at the top of a Markdown file.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_yaml::Value;

mod schema;
mod syntax;

#[cfg(test)]
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, did_you_mean, line_col};

/// The keys a writer may use, for "did you mean" on unknown ones.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "slug",
    "order",
    "audience",
    "tags",
    "updated",
    "draft",
    "topic",
    "review_by",
    "source_hash",
    "source_sections",
    "source_blocks",
    "aliases",
    "promoted",
    "icon",
];

/// Front matter as written. Only `title` is required.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub slug: Option<String>,
    pub order: Option<i64>,
    pub audience: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub topic: Option<String>,
    pub review_by: Option<String>,
    pub source_hash: Option<String>,
    /// Heading id -> hash of that section of the source, for "which sections changed".
    pub source_sections: Option<BTreeMap<String, String>>,
    /// One short hash per segment of the source, in order, for "which paragraphs
    /// changed" (see `stamp::blocks`).
    pub source_blocks: Option<String>,
    /// Old URLs of the page, each redirected to it (see `aliases`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Featured by the theme (Zendesk's `promoted`).
    #[serde(default)]
    pub promoted: bool,
    /// A category's icon on the home page: one of the theme's built-in names, or
    /// a file beside its `_index.md` (`truck.svg`).
    pub icon: Option<String>,
    #[serde(flatten)]
    unknown: BTreeMap<String, serde_yaml::Value>,
}

/// A file split into its front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at its `---` fences.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Err(Diagnostic::error(
            path,
            "missing front matter: start the file with a `---` line, then `title: ...`, then `---`",
        )
        .at(1, 1));
    };
    let mut offset = 0;
    for (line, l) in (2..).zip(rest.split_inclusive('\n')) {
        if l.trim_end_matches(['\n', '\r']) == "---" {
            return Ok(Split {
                yaml: &rest[..offset],
                body: &rest[offset + l.len()..],
                yaml_line: 2,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(Diagnostic::error(
        path,
        "front matter is not closed: add a `---` line after it",
    )
    .at(1, 1))
}

/// Parses the YAML of a split file. Errors and warnings go to `diagnostics`; on an
/// error the page keeps what could be read, so the rest of the build can still
/// report its other problems. Every value of the wrong type is reported, not only
/// the first.
pub fn parse(path: &Path, split: &Split<'_>, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    let mut title_wrong = false;
    let fm: FrontMatter = if split.yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        match serde_yaml::from_str(split.yaml) {
            Ok(fm) => fm,
            Err(e) => {
                let wrong = wrong_types(path, split, &e, diagnostics);
                title_wrong = wrong.iter().any(|k| k == "title");
                if wrong.is_empty() {
                    return FrontMatter::default();
                }
                // Keep what could be read: the same YAML without the wrong values.
                serde_yaml::from_str(&without_keys(split.yaml, &wrong)).unwrap_or_default()
            }
        }
    };
    for key in fm.unknown.keys() {
        let line = key_line(split, key);
        let hint = match did_you_mean(key, KNOWN_KEYS) {
            Some(k) => format!("; did you mean `{k}`?"),
            None => format!("; known keys: {}", KNOWN_KEYS.join(", ")),
        };
        diagnostics.push(
            Diagnostic::warning(path, format!("unknown front matter key `{key}`{hint}"))
                .at(line, 1),
        );
    }
    for (key, value) in [
        ("updated", fm.updated.as_deref()),
        ("review_by", fm.review_by.as_deref()),
    ] {
        if let Some(value) = value
            && crate::date::Date::parse(value).is_none()
        {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    format!("`{key}: {value}` is not a date: write a day that exists as YYYY-MM-DD, like `{key}: 2026-11-20`"),
                )
                .at(key_line(split, key), 1),
            );
        }
    }
    match fm.title.as_deref().map(str::trim) {
        None if title_wrong => {}
        None => diagnostics.push(
            Diagnostic::error(path, "front matter has no `title`: add a line `title: ...`")
                .at(1, 1),
        ),
        Some("") => diagnostics
            .push(Diagnostic::error(path, "`title` is empty").at(key_line(split, "title"), 1)),
        Some(_) => {}
    }
    fm
}

/// Reports why serde refused the YAML: every value of the wrong type, in plain
/// words, or the syntax error. Returns the keys with wrong values.
fn wrong_types(
    path: &Path,
    split: &Split<'_>,
    e: &serde_yaml::Error,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let map = match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(map)) => map,
        Ok(_) => {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    "front matter must be `key: value` lines, like `title: How refunds work`",
                )
                .at(split.yaml_line, 1),
            );
            return Vec::new();
        }
        Err(e) => {
            diagnostics.push(syntax_error(path, split, &e));
            return Vec::new();
        }
    };
    let wrong = schema::check(&map);
    if wrong.is_empty() {
        // A key without a rule in `schema`: serde's words, without Rust's types.
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        diagnostics.push(
            Diagnostic::error(
                path,
                format!("invalid front matter: {}", schema::humanize(message)),
            )
            .at(split.yaml_line, 1),
        );
    }
    for w in &wrong {
        let (line, col) = value_position(split, &w.key);
        diagnostics.push(Diagnostic::error(path, w.message.clone()).at(line, col));
    }
    wrong.into_iter().map(|w| w.key).collect()
}

/// `yaml` without the top-level `keys` and the indented lines under them.
fn without_keys(yaml: &str, keys: &[String]) -> String {
    let mut out = String::with_capacity(yaml.len());
    let mut skipping = false;
    for line in yaml.split_inclusive('\n') {
        let top_level = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if top_level {
            skipping = keys.iter().any(|k| {
                line.strip_prefix(k.as_str())
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            });
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

/// A YAML syntax error, placed where the writer must look: at the quote or bracket
/// that is never closed, when there is one before where the parser gave up.
fn syntax_error(path: &Path, split: &Split<'_>, e: &serde_yaml::Error) -> Diagnostic {
    let parser_at = e.location().map(|l| l.index());
    let (offset, message) = match syntax::unclosed(split.yaml) {
        Some(u) if parser_at.is_none_or(|at| u.offset <= at) => (Some(u.offset), u.message()),
        _ => {
            let message = e.to_string();
            // serde_yaml appends "at line X column Y" relative to the YAML block;
            // that number would mislead, the diagnostic carries the file's own.
            let message = message.split(" at line ").next().unwrap_or(&message);
            let hint = if message.contains("mapping values are not allowed") {
                ": a value with `: ` in it needs quotes, like `title: \"Refunds: how they work\"`"
            } else if message.contains("cannot start any token") {
                ": indent with spaces, not tabs"
            } else {
                ""
            };
            (parser_at, format!("{}{hint}", schema::humanize(message)))
        }
    };
    // From the byte index, not serde_yaml's line: YAML also breaks lines at a lone
    // `\r`, which editors and the rest of kbgen do not count.
    let (line, col) = offset.map_or((1, 1), |o| line_col(split.yaml, o));
    Diagnostic::error(path, format!("invalid front matter: {message}"))
        .at(split.yaml_line + line - 1, col)
}

/// File line and column of a top-level key's value (of the key, when the value is
/// on the next lines).
fn value_position(split: &Split<'_>, key: &str) -> (usize, usize) {
    let line = key_line(split, key);
    let text = key_index(split, key)
        .and_then(|i| split.yaml.lines().nth(i))
        .unwrap_or_default();
    let col = text
        .strip_prefix(key)
        .and_then(|r| r.trim_start().strip_prefix(':'))
        .filter(|r| !r.trim().is_empty())
        .map_or(1, |r| text.len() - r.trim_start().len() + 1);
    (
        line,
        text[..col.saturating_sub(1).min(text.len())]
            .chars()
            .count()
            + 1,
    )
}

/// The file line on which a top-level key is written (the first line as a fallback).
pub(crate) fn key_line(split: &Split<'_>, key: &str) -> usize {
    key_index(split, key).map_or(1, |i| split.yaml_line + i)
}

/// The index of the YAML line on which a top-level key is written: found on the
/// YAML structure ([`crate::yaml`]), so a line inside a multi-line value that
/// looks like the key is not taken for it.
fn key_index(split: &Split<'_>, key: &str) -> Option<usize> {
    crate::yaml::key_line(split.yaml, key).map(|line| line - 1)
}

impl FrontMatter {
    /// The title; `parse` guarantees it is there.
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or_default().trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The front matter, its errors and its warnings.
    fn run(text: &str) -> (FrontMatter, Vec<Diagnostic>, Vec<Diagnostic>) {
        let path = Path::new("a.md");
        let mut diagnostics = Vec::new();
        let fm = parse(path, &split(path, text).unwrap(), &mut diagnostics);
        let (errors, warnings) = diagnostics
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        (fm, errors, warnings)
    }

    #[test]
    fn splits_and_counts_body_line() {
        let s = split(Path::new("a.md"), "---\ntitle: A\n---\n\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn yaml_error_has_file_line() {
        let (_, errors, _) = run("---\ntitle: A\ntags: [a, b\n---\nx\n");
        let d = &errors[0];
        assert!(d.line.unwrap() >= 3, "{d}");
        assert!(d.message.starts_with("invalid front matter"), "{d}");
    }

    #[test]
    fn unclosed_quote_is_reported_at_the_opening_quote() {
        let (_, errors, _) = run("---\ntitle: \"Refunds\norder: 1\ntags: [a]\n---\nx\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (Some(2), Some(8)));
        assert!(errors[0].message.contains("never closed"), "{}", errors[0]);
    }

    #[test]
    fn every_wrong_type_is_reported_in_plain_words() {
        let (fm, errors, _) = run("---\ntitle: A\norder: first\ndraft: maybe\n---\n");
        let found: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "a.md:3:8: error: `order` must be a whole number, like `order: 3`; found the text \"first\"",
                "a.md:4:8: error: `draft` must be `true` or `false`, like `draft: true`; found the text \"maybe\"",
            ]
        );
        assert_eq!(fm.title(), "A", "the rest is kept");
    }

    #[test]
    fn missing_title_is_an_error() {
        let (fm, errors, _) = run("---\ndescription: x\n---\n");
        assert!(errors[0].message.contains("no `title`"));
        assert_eq!(fm.description.as_deref(), Some("x"), "the rest is kept");
    }

    #[test]
    fn unknown_key_warns_with_suggestion_and_line() {
        let (_, errors, w) = run("---\ntitle: A\ndescripton: x\n---\n");
        assert!(errors.is_empty());
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, Some(3));
        assert!(
            w[0].message.contains("did you mean `description`"),
            "{}",
            w[0]
        );
    }

    #[test]
    fn alias_bomb_is_rejected_not_expanded() {
        let mut yaml = String::from("---\ntitle: A\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            yaml.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        yaml.push_str("---\n");
        let (_, errors, _) = run(&yaml);
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
