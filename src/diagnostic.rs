//! Diagnostics: errors and warnings that point at a file, line and column, in the
//! `file:line:col: message` form that editors can jump to.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One message about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; `None` when the message is about the whole file.
    pub line: Option<usize>,
    /// 1-based, counted in characters.
    pub col: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            col: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// The same diagnostic with its path relative to the site folder `root`, as
    /// the writer knows it (`content/en/a.md`, never `./content/...`).
    pub fn relative_to(mut self, root: &Path) -> Self {
        self.path = relative_path(root, &self.path);
        self.message = relative_paths_in(root, &self.message);
        self
    }
}

/// `message` with the site's own paths in it (another file named in the message,
/// `./content/en/a.md`) relative to `root` too. Only paths after a space or `(`
/// are touched: a link as written is quoted in backticks and stays as it is.
fn relative_paths_in(root: &Path, message: &str) -> String {
    const TOP: &[&str] = &[
        "content/",
        "locales/",
        "themes/",
        "templates/",
        "static/",
        "site.yaml",
        "contact.yaml",
    ];
    let root = root.display().to_string();
    let root = root.trim_end_matches('/');
    let mut out = message.to_string();
    for top in TOP {
        for before in [" ", "("] {
            out = out.replace(&format!("{before}{root}/{top}"), &format!("{before}{top}"));
        }
    }
    out
}

/// `path` relative to the site folder `root` when it is inside it, without `./`.
pub fn relative_path(root: &Path, path: &Path) -> PathBuf {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    if rel.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        rel.to_path_buf()
    }
}

/// `1 warning`, `2 warnings`, `0 errors`: a count with its noun.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)
    }
}

/// The errors of a whole run. Content errors are collected, not thrown one at a
/// time, so a writer sees every broken link of a build at once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// site.yaml or the command line is wrong: nothing was built.
    #[error("{0}")]
    Config(Diagnostic),
    /// Content, translations or templates are wrong.
    #[error("{} error(s) in the site's content", .0.len())]
    Content(Vec<Diagnostic>),
    /// The output cannot be used as asked (it holds the site, was not written by
    /// kbgen, is a file, or another build is writing it): nothing was built.
    #[error("{0}")]
    Output(Diagnostic),
    /// A path to write, decided by content, would leave the output folder.
    #[error("output path {0} escapes the output folder")]
    OutsideOutput(String),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code: 1 for content errors, 2 for usage, configuration or an
    /// output that must not be replaced.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Config(_) | Error::Output(_) => 2,
            Error::Content(_) | Error::OutsideOutput(_) | Error::Io { .. } => 1,
        }
    }

    /// Every diagnostic behind this error, for printing one per line.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Config(d) | Error::Output(d) => vec![d.clone()],
            Error::OutsideOutput(rel) => vec![Diagnostic::error(
                rel,
                "this output path escapes the output folder",
            )],
            Error::Content(ds) => ds.clone(),
            Error::Io { path, source } => vec![Diagnostic::error(path, source.to_string())],
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a\nçà x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (2, 1));
        // "x" is after two 2-byte characters and a space
        assert_eq!(line_col(text, 7), (2, 4));
    }

    #[test]
    fn display_is_editor_friendly() {
        let d = Diagnostic::error("content/en/a.md", "broken link").at(3, 7);
        assert_eq!(d.to_string(), "content/en/a.md:3:7: error: broken link");
    }

    #[test]
    fn paths_are_relative_to_the_site_without_dot_slash() {
        let d = Diagnostic::error("./content/en/a.md", "x").relative_to(Path::new("."));
        assert_eq!(d.path, Path::new("content/en/a.md"));
        let d = Diagnostic::error("/s/site.yaml", "x").relative_to(Path::new("/s"));
        assert_eq!(d.path, Path::new("site.yaml"));
        let d = Diagnostic::error(
            "./a",
            "same URL as ./content/en/b.md, link `./content/x.md`",
        )
        .relative_to(Path::new("."));
        assert_eq!(
            d.message,
            "same URL as content/en/b.md, link `./content/x.md`"
        );
        assert_eq!(count(1, "warning"), "1 warning");
        assert_eq!(count(0, "error"), "0 errors");
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "description", "slug"];
        assert_eq!(did_you_mean("titel", &keys), Some("title"));
        assert_eq!(did_you_mean("descripton", &keys), Some("description"));
        assert_eq!(did_you_mean("zzz", &keys), None);
    }
}
