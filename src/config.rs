//! site.yaml (and contact.yaml), turned into checked options before any work starts.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::contact::Contact;
use crate::diagnostic::{Diagnostic, Error, Result};
pub use crate::locale::Locale;
mod hosting;
use crate::sanitize::HtmlPolicy;
pub use hosting::Hosting;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_locale: String,
    locales: Vec<RawLocale>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    html: HtmlPolicy,
    #[serde(default)]
    logo: Option<PathBuf>,
    #[serde(default)]
    favicon: Option<PathBuf>,
    #[serde(default)]
    media: crate::filesize::Limits,
    #[serde(default)]
    hosting: Hosting,
    /// Where the search client sends each finished search (see README "Search log").
    #[serde(default)]
    search_log_endpoint: Option<String>,
    #[serde(default)]
    brand: Option<crate::brand::RawBrand>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    code: String,
    name: String,
    /// The BCP 47 tag for `lang` and hreflang when it says more than the code.
    #[serde(default)]
    lang: Option<String>,
}

/// What the command line can override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// The checked configuration of one site.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    /// Absolute, without a trailing slash: `https://help.example.org`.
    pub base_url: String,
    /// The path part of `base_url`, without a trailing slash: `` or `/help`.
    pub path_prefix: String,
    pub locales: Vec<Locale>,
    /// Index into `locales`.
    pub default_locale: usize,
    /// A theme folder on disk, when the site has one; the embedded default otherwise.
    pub theme_dir: Option<PathBuf>,
    pub drafts: bool,
    /// What raw HTML in Markdown may keep; everything else is sanitized away.
    pub html: HtmlPolicy,
    /// contact.yaml, checked; `None` when the site has none.
    pub contact: Option<Contact>,
    /// The theme's logo and favicon, relative to the site folder (site.yaml `logo:`, `favicon:`).
    pub logo: Option<PathBuf>,
    pub favicon: Option<PathBuf>,
    /// Size limits of files beside the articles (site.yaml `media:`).
    pub media: crate::filesize::Limits,
    /// `_redirects`, `_headers`, llms.txt: on or off, and what to add.
    pub hosting: Hosting,
    /// site.yaml `search_log_endpoint`: an http(s) URL or a root-relative path.
    pub search_log_endpoint: Option<String>,
    /// site.yaml `brand:`.
    pub brand: Option<crate::brand::Brand>,
}

impl Config {
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Error::Config(Diagnostic::error(
                &path,
                format!("cannot read the site configuration ({e}); run kbgen in a site folder or pass --root"),
            ))
        })?;
        let mut config = Config::parse(root, &path, &text, overrides)?;
        config.contact = Contact::load(root, &config.locales)?;
        Ok(config)
    }

    pub fn parse(root: &Path, path: &Path, text: &str, overrides: &Overrides) -> Result<Config> {
        let fail = |message: String| Error::Config(Diagnostic::error(path, message));
        let raw: RawConfig = serde_yaml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(path, e.to_string());
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            Error::Config(d)
        })?;

        let mut locales = Vec::with_capacity(raw.locales.len());
        for l in raw.locales {
            let langid: LanguageIdentifier = l.code.parse().map_err(|_| {
                fail(format!(
                    "locale `{}` is not a language tag; use codes such as en, pt or zh",
                    l.code
                ))
            })?;
            let (lang, langid) = match l.lang {
                None => (l.code.clone(), langid),
                Some(tag) => {
                    let id: LanguageIdentifier = tag.parse().map_err(|_| {
                        fail(format!(
                            "`lang: {tag}` of locale `{}` is not a BCP 47 language tag; use tags such as zh-Hans or pt-BR",
                            l.code
                        ))
                    })?;
                    (id.to_string(), id)
                }
            };
            if !is_url_segment(&l.code) {
                return Err(fail(format!(
                    "locale code `{}` must be a plain URL segment",
                    l.code
                )));
            }
            // The output root also holds the theme's assets and the search indexes.
            if matches!(l.code.to_lowercase().as_str(), "assets" | "search") {
                return Err(fail(format!(
                    "locale code `{}` is a folder kbgen writes at the root of the site; use the language's code",
                    l.code
                )));
            }
            if locales.iter().any(|x: &Locale| x.code == l.code) {
                return Err(fail(format!("locale `{}` is listed twice", l.code)));
            }
            locales.push(Locale {
                code: l.code,
                name: l.name,
                lang,
                langid,
            });
        }
        if locales.is_empty() {
            return Err(fail("`locales` is empty; list at least one locale".into()));
        }
        let default_locale = locales
            .iter()
            .position(|l| l.code == raw.default_locale)
            .ok_or_else(|| {
                fail(format!(
                    "default_locale `{}` is not in `locales`",
                    raw.default_locale
                ))
            })?;

        let base = overrides.base_url.as_deref().unwrap_or(&raw.base_url);
        // From the command line the error names the flag, otherwise the line.
        let base_fail = |message: String| match overrides.base_url {
            Some(_) => Error::Config(Diagnostic::error("--base-url", message)),
            None => {
                let line = crate::yaml::key_line(text, "base_url").unwrap_or(1);
                Error::Config(Diagnostic::error(path, message).at(line, 1))
            }
        };
        let url = check_base_url(base).map_err(base_fail)?;
        let base_url = url.as_str().trim_end_matches('/').to_string();
        let path_prefix = url.path().trim_end_matches('/').to_string();

        let theme_dir = match raw.theme {
            Some(name) => {
                if !is_url_segment(&name) {
                    return Err(fail(format!(
                        "theme `{name}` must be a folder name under themes/"
                    )));
                }
                let dir = root.join("themes").join(&name);
                if !dir.is_dir() {
                    return Err(fail(format!(
                        "theme `{name}` not found: there is no folder {}",
                        dir.display()
                    )));
                }
                Some(dir)
            }
            None => Some(root.join("themes/default")).filter(|d| d.is_dir()),
        };

        raw.hosting.check().map_err(fail)?;
        if let Some(endpoint) = &raw.search_log_endpoint
            && let Some(why) = crate::segment::endpoint_problem(endpoint)
        {
            return Err(fail(format!("search_log_endpoint: {why}")));
        }
        let brand = match &raw.brand {
            None => None,
            Some(b) => {
                let line = accent_line(text);
                Some(
                    crate::brand::Brand::check(b, line)
                        .map_err(|m| Error::Config(Diagnostic::error(path, m).at(line, 1)))?,
                )
            }
        };
        Ok(Config {
            root: root.to_path_buf(),
            base_url,
            path_prefix,
            locales,
            default_locale,
            theme_dir,
            drafts: overrides.drafts,
            html: raw.html,
            contact: None,
            logo: raw
                .logo
                .or_else(|| raw.brand.as_ref().and_then(|b| b.logo.clone())),
            brand,
            favicon: raw.favicon,
            media: raw.media,
            hosting: raw.hosting,
            search_log_endpoint: raw.search_log_endpoint,
        })
    }

    /// The scheme and host of `base_url`, without its path: `https://help.example.org`.
    pub fn origin(&self) -> &str {
        &self.base_url[..self.base_url.len() - self.path_prefix.len()]
    }

    pub fn default_locale(&self) -> &Locale {
        &self.locales[self.default_locale]
    }

    pub fn locale_index(&self, code: &str) -> Option<usize> {
        self.locales.iter().position(|l| l.code == code)
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// `base_url` parsed, when every URL kbgen glues onto it stays on its host: an
/// absolute http(s) URL with a host, no user, query or fragment, and a path
/// without empty segments (`//` would make links protocol-relative).
fn check_base_url(base: &str) -> std::result::Result<url::Url, String> {
    let example = "write it like https://help.example.org or https://example.org/help";
    if base
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Err(format!(
            "base_url `{}` contains a space, a control character or a backslash; {example}",
            base.escape_debug()
        ));
    }
    let url = url::Url::parse(base)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
        .ok_or_else(|| format!("base_url `{base}` is not an absolute http(s) URL; {example}"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "base_url `{base}` has a query or fragment, which would end up in the middle of every URL; {example}"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "base_url `{base}` holds a user name or password, which every page would publish; {example}"
        ));
    }
    if url.path().trim_end_matches('/').contains("//") {
        return Err(format!(
            "base_url `{base}` has an empty path segment (`//`), which turns links into links to another host; {example}"
        ));
    }
    Ok(url)
}

/// A single path segment that cannot climb out of its folder (see [`crate::segment`]).
/// The line of `accent:` under `brand:` (the `brand:` line itself when written
/// inline, `brand: { accent: ... }`).
fn accent_line(text: &str) -> usize {
    let Some(brand) = crate::yaml::key_line(text, "brand") else {
        return 1;
    };
    let lines: Vec<&str> = text.lines().collect();
    if lines.get(brand - 1).is_some_and(|l| l.contains("accent")) {
        return brand;
    }
    lines
        .iter()
        .enumerate()
        .skip(brand)
        .take_while(|(_, l)| l.trim().is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| l.trim_start().starts_with("accent:"))
        .map_or(brand, |(i, _)| i + 1)
}

pub fn is_url_segment(s: &str) -> bool {
    crate::segment::problem(s).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(
            Path::new("/nonexistent"),
            Path::new("site.yaml"),
            text,
            &Overrides::default(),
        )
    }

    const OK: &str = "base_url: https://help.example.org/kb/\ndefault_locale: it\nlocales:\n  - {code: en, name: English}\n  - {code: it, name: Italiano}\n";

    #[test]
    fn checks_and_normalizes() {
        let c = parse(OK).unwrap();
        assert_eq!(c.base_url, "https://help.example.org/kb");
        assert_eq!(c.path_prefix, "/kb");
        assert_eq!(c.default_locale().code, "it");
        assert_eq!(c.locales[1].dir(), "ltr");
    }

    #[test]
    fn unknown_default_locale_is_a_config_error() {
        let err = parse(&OK.replace("default_locale: it", "default_locale: fr")).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("default_locale `fr`"), "{err}");
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let err = parse(&format!("{OK}colour: red\n")).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.line, Some(6));
        assert!(d.message.contains("colour"), "{}", d.message);
    }

    #[test]
    fn base_urls_that_lead_off_site_are_config_errors_on_their_line() {
        for bad in [
            "https://help.example.org//evil.example",
            "https://help.example.org/\\evil.example",
            "https://help.example.org/kb?x=1",
            "https://help.example.org/kb#top",
            "https://user:pw@help.example.org",
            "ftp://help.example.org",
        ] {
            let err = parse(&OK.replace("https://help.example.org/kb/", bad)).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}");
            let d = &err.diagnostics()[0];
            assert_eq!(d.line, Some(1), "{bad}: {d}");
            assert!(d.message.contains("base_url"), "{bad}: {d}");
        }
    }

    #[test]
    fn segments_cannot_escape() {
        for bad in ["..", "a/b", "a\\b", "", "C:"] {
            assert!(!is_url_segment(bad), "{bad}");
        }
        assert!(is_url_segment("如何联系"));
    }
}
