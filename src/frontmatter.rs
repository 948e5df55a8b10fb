//! Front matter: the YAML block between `---` lines at the top of a Markdown file.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

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
    "aliases",
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
    /// Old URLs of the page, each redirected to it (see `aliases`).
    #[serde(default)]
    pub aliases: Vec<String>,
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
/// report its other problems.
pub fn parse(path: &Path, split: &Split<'_>, diagnostics: &mut Vec<Diagnostic>) -> FrontMatter {
    let fm: FrontMatter = if split.yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        match serde_yaml::from_str(split.yaml) {
            Ok(fm) => fm,
            Err(e) => {
                // From the byte index, not serde_yaml's line: YAML also breaks lines
                // at a lone `\r`, which editors and the rest of kbgen do not count.
                let (line, col) = e.location().map_or((0, 1), |l| {
                    let (line, col) = line_col(split.yaml, l.index());
                    (line - 1, col)
                });
                let message = e.to_string();
                // serde_yaml appends "at line X column Y" relative to the YAML block;
                // that number would mislead, the diagnostic carries the file's own.
                let message = message.split(" at line ").next().unwrap_or(&message);
                diagnostics.push(
                    Diagnostic::error(path, format!("invalid front matter: {message}"))
                        .at(split.yaml_line + line, col),
                );
                return FrontMatter::default();
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

/// The file line on which a top-level key is written (the first line as a fallback).
fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| split.yaml_line + i)
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
