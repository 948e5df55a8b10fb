//! site.yaml `hosting:`: which host files the build writes and what they may add.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The CSP directives a site may extend with its own sources.
const DIRECTIVES: &[&str] = &[
    "default-src",
    "script-src",
    "style-src",
    "img-src",
    "connect-src",
    "font-src",
    "frame-src",
    "media-src",
    "form-action",
    "frame-ancestors",
    "worker-src",
    "manifest-src",
];

/// site.yaml `hosting:`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Hosting {
    /// Write `_redirects` (the alias pages are written either way).
    pub redirects: bool,
    /// Write `_headers`.
    pub headers: bool,
    /// Sources added to the Content-Security-Policy, per directive.
    pub csp: BTreeMap<String, Vec<String>>,
    /// More `_headers` rules: path pattern -> `Name: value` lines.
    pub extra_headers: BTreeMap<String, Vec<String>>,
    /// Write `llms.txt` and a Markdown copy of each article.
    pub llms: bool,
}

impl Default for Hosting {
    fn default() -> Self {
        Hosting {
            redirects: true,
            headers: true,
            csp: BTreeMap::new(),
            extra_headers: BTreeMap::new(),
            llms: true,
        }
    }
}

impl Hosting {
    /// Whatever goes into `_headers` verbatim must not be able to start a new rule
    /// or header there.
    pub fn check(&self) -> std::result::Result<(), String> {
        let clean = |s: &str| !s.is_empty() && !s.chars().any(char::is_control);
        for (directive, sources) in &self.csp {
            if !DIRECTIVES.contains(&directive.as_str()) {
                return Err(format!(
                    "hosting.csp: `{directive}` is not a directive kbgen extends; use one of {}",
                    DIRECTIVES.join(", ")
                ));
            }
            for s in sources {
                if !clean(s) || s.contains([';', ',', ' ']) {
                    return Err(format!(
                        "hosting.csp.{directive}: `{s}` is not one CSP source (no spaces, `;` or `,`), e.g. https://widget.example.org"
                    ));
                }
            }
        }
        for (pattern, lines) in &self.extra_headers {
            if !clean(pattern) || !pattern.starts_with('/') || pattern.contains(' ') {
                return Err(format!(
                    "hosting.extra_headers: `{pattern}` is not a path pattern such as /* or /en/*"
                ));
            }
            for line in lines {
                let name = line.split_once(':').map(|(n, _)| n);
                let token = name.is_some_and(|n| {
                    !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                });
                if !clean(line) || !token {
                    return Err(format!(
                        "hosting.extra_headers.{pattern}: `{line}` is not a header line such as `X-Frame-Options: DENY`"
                    ));
                }
            }
        }
        Ok(())
    }
}
