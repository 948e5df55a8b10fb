//! What `kbgen check` and the build find wrong with a site, classified: how bad
//! (error, warning, info) and what about (front matter, a link, a Fluent string).

use serde::Serialize;

use crate::diagnostic::Diagnostic;

/// What a problem is about; stable names, part of the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Unreadable file, bad YAML, missing title, unknown key, bad date, symlink.
    FrontMatter,
    /// A slug that is not one URL segment, or two pages with one URL.
    Url,
    /// `review_by:` is in the past.
    Expired,
    /// A link to a page that does not exist, or out of the locale folder.
    Link,
    /// A link to a heading that does not exist.
    Anchor,
    /// A link into the contact flow with an unknown `topic`.
    ContactTopic,
    /// An image that is not published, or a link to a file beside the pages that
    /// is missing, a symbolic link or too large.
    Image,
    /// A file beside the pages that no page links, or one over `media: warn_size`.
    Media,
    /// An image without alt text.
    AltText,
    FluentSyntax,
    /// A message of the default locale that a locale lacks.
    FluentMissing,
    /// A message no template or other message uses.
    FluentUnused,
    /// A message whose `$variables` differ from the default locale's.
    FluentVariables,
    /// A URL of the previous build (`--against`) that is neither published nor
    /// redirected now.
    VanishedUrl,
    /// A template that does not compile, or a page it cannot render.
    Template,
    /// A file the build could not write.
    Write,
    /// A `brand.accent` that cannot reach WCAG AA contrast as it is.
    Brand,
    /// A synonyms file (the theme's or `locales/<locale>/synonyms.yaml`) that does
    /// not read, or an entry that is not one word.
    Synonyms,
}

impl Kind {
    /// Found only by the Fluent lint, which the build runs for its errors alone: a
    /// locale's missing messages are shown in the default locale's words.
    pub fn is_lint(self) -> bool {
        matches!(
            self,
            Kind::FluentMissing | Kind::FluentUnused | Kind::FluentVariables
        )
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// `kbgen build` would fail too.
    Error,
    /// The site builds, but something is stale, broken or missing: fails `--strict`.
    Warning,
    /// Worth knowing; never fails.
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub level: Level,
    pub kind: Kind,
    pub diagnostic: Diagnostic,
}

impl Problem {
    pub fn new(level: Level, kind: Kind, diagnostic: Diagnostic) -> Problem {
        Problem {
            level,
            kind,
            diagnostic,
        }
    }
}
