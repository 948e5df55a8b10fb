//! Aliases: the old URLs of a page, from its front matter `aliases:`, checked like
//! slugs and resolved to the redirects a build writes. [`resolve`] is the one place
//! that decides them; `kbgen build` and `kbgen check` both call it.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frontmatter_edit::entry_positions;
use crate::resolve::{Page, Site, encode};

/// One old URL that now leads to a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Redirect {
    /// Root-relative and percent-encoded, like page URLs: `/it/vecchio-percorso/`.
    pub from: String,
    /// Relative to the output folder: `it/vecchio-percorso/index.html`.
    pub file: String,
    /// The page's URL.
    pub to: String,
    /// The locale of the page it leads to, index into the site's locales.
    pub locale: usize,
    /// Index into `Site::sources` of the file that declares the alias.
    pub source: usize,
}

/// An alias path, checked and normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasPath {
    pub url: String,
    pub file: String,
}

/// Checks an alias as written and turns it into a URL and an output file.
/// Absolute aliases (`/it/old/`, or a full URL of this site) must be under the
/// base URL's path; others are relative to the locale (`old/` in `it` is `/it/old/`).
pub fn normalize(raw: &str, config: &Config, locale: &str) -> Result<AliasPath, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("is empty".into());
    }
    if raw.contains('\\') {
        return Err("has a backslash; URLs use `/`".into());
    }
    if raw.contains(['?', '#']) {
        return Err(
            "has a query or fragment: a static host serves one file per path, so an alias is a path only"
                .into(),
        );
    }
    let origin_end = config.base_url.len() - config.path_prefix.len();
    let origin = &config.base_url[..origin_end];
    let path = if raw.starts_with("//") || raw.contains("://") || has_scheme(raw) {
        match raw.strip_prefix(origin).filter(|p| p.starts_with('/')) {
            Some(path) => path,
            None => {
                return Err(format!(
                    "is another site's URL; an alias is a path of this site ({origin}), such as `/{locale}/old-path/` or `old-path/`"
                ));
            }
        }
    } else {
        raw
    };
    let rest = match path.strip_prefix('/') {
        Some(absolute) => {
            let prefix = config.path_prefix.trim_start_matches('/');
            if prefix.is_empty() {
                absolute.to_string()
            } else {
                match absolute
                    .strip_prefix(prefix)
                    .and_then(|r| r.strip_prefix('/'))
                {
                    Some(r) => r.to_string(),
                    None => {
                        return Err(format!(
                            "is outside the site: absolute aliases start with the base URL's path {}/",
                            config.path_prefix
                        ));
                    }
                }
            }
        }
        None => format!("{locale}/{path}"),
    };
    let trailing_slash = rest.ends_with('/');
    let mut segments = Vec::new();
    for segment in rest.trim_end_matches('/').split('/') {
        let decoded = percent_decode_str(segment)
            .decode_utf8()
            .map_err(|_| format!("has `{segment}`, whose percent-encoding is not UTF-8"))?;
        if decoded.is_empty() {
            return Err("has an empty segment (`//`) or is the site's root".into());
        }
        if let Some(why) = crate::segment::path_problem(&decoded) {
            return Err(format!("has the segment `{decoded}`: {why}"));
        }
        segments.push(decoded.into_owned());
    }
    let url_path: Vec<String> = segments.iter().map(|s| encode(s)).collect();
    let page_file = segments
        .last()
        .is_some_and(|s| s.ends_with(".html") || s.ends_with(".htm"));
    let last = segments.len() - 1;
    let as_file = page_file && !trailing_slash;
    if let Some(s) = segments.iter().enumerate().find_map(|(i, s)| {
        (matches!(s.as_str(), "index.html" | "index.md") && !(i == last && as_file)).then_some(s)
    }) {
        return Err(format!(
            "has `{s}` as a folder: kbgen writes that file in every page's folder"
        ));
    }
    // `/it/old` and `/it/old/` are one page; a `.html` alias is that very file.
    let (url, file) = if as_file {
        (
            format!("{}/{}", config.path_prefix, url_path.join("/")),
            segments.join("/"),
        )
    } else {
        (
            format!("{}/{}/", config.path_prefix, url_path.join("/")),
            format!("{}/index.html", segments.join("/")),
        )
    };
    Ok(AliasPath { url, file })
}

/// `mailto:x`, `C:/x`, `javascript:x`: a scheme (or a drive) before any `/`.
fn has_scheme(raw: &str) -> bool {
    raw.split('/').next().is_some_and(|s| s.contains(':'))
}

/// Whether an alias, as written, is absolute (applies only where it says) rather
/// than relative to each locale that shows the page.
pub fn is_absolute(raw: &str) -> bool {
    let raw = raw.trim();
    raw.starts_with('/') || has_scheme(raw)
}

/// Output files kbgen writes itself, which no alias may take (nor a folder of
/// the same name): what they are.
fn reserved(site: &Site, file: &str) -> Option<&'static str> {
    // `sitemap.xml/index.html` cannot be written where the file `sitemap.xml` is.
    let takes = |name: &str| {
        file == name
            || file
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    let top = file.split('/').next().unwrap_or_default();
    let at_root = match top {
        "assets" => Some("assets folder /assets/"),
        "search" => Some("search index folder /search/"),
        ".kbgen" => Some("URL list folder /.kbgen/"),
        "index.html" => Some("language chooser at the site's root"),
        "404.html" => Some("404 page"),
        "robots.txt" => Some("robots.txt"),
        "_redirects" | "_headers" => Some("host configuration file"),
        "llms.txt" => Some("llms.txt"),
        t if t.starts_with("sitemap") => Some("sitemap"),
        _ => None,
    };
    if at_root.is_some() {
        return at_root;
    }
    for (locale, ls) in site.config().locales.iter().zip(site.locales()) {
        if takes(&format!("{}/404.html", locale.code)) {
            return Some("404 page");
        }
        if takes(&ls.search.file) {
            return Some("search page");
        }
        if ls.contact.as_ref().is_some_and(|c| takes(&c.file)) {
            return Some("contact page (contact.yaml)");
        }
    }
    None
}

/// The other locale an absolute alias points into (`/it/...`), when that locale
/// shows the same source for the page (as a translation or a fallback).
fn alias_locale(site: &Site, alias: &AliasPath, page: &Page) -> Option<usize> {
    let first = alias.file.split('/').next()?;
    let l = site.config().locale_index(first)?;
    let t = site.translations().get(&page.key)?;
    let shown = t[l].or(t[site.config().default_locale]);
    (shown == Some(page.source) && site.locales()[l].urls.contains_key(&page.key)).then_some(l)
}

/// Whether the absolute alias `raw` applies to `page` as shown in locale `l`, a
/// fallback there: when it points into `l` (`/it/old/` on the English page is
/// the Italian reader's old URL, and leads to the page in Italian).
fn absolute_in(site: &Site, raw: &str, l: usize, page: &Page) -> bool {
    is_absolute(raw)
        && normalize(raw, site.config(), &site.config().locales[l].code)
            .ok()
            .is_some_and(|a| alias_locale(site, &a, page) == Some(l))
}

/// Who took an output file first.
enum Claim {
    Page(usize),
    Alias { source: usize, raw: String },
}

/// Every alias of the site as a redirect, and an error (naming both files) for each
/// alias that is malformed or takes a URL that a page, another alias or kbgen
/// itself already has. A relative alias applies in every locale that shows the
/// page (as a translation or a fallback); an absolute one only where it points.
pub fn resolve(site: &Site) -> (Vec<Redirect>, Vec<Diagnostic>) {
    let mut claims: HashMap<String, Claim> = HashMap::new();
    for ls in site.locales() {
        for page in ls.pages() {
            claims.insert(page.file.clone(), Claim::Page(page.source));
        }
    }
    let mut redirects = Vec::new();
    let mut errors = Vec::new();
    for (l, ls) in site.locales().iter().enumerate() {
        let code = &site.config().locales[l].code;
        for page in ls.pages() {
            let source = &site.sources()[page.source];
            if source.front.aliases.is_empty() {
                continue;
            }
            for (i, raw) in source.front.aliases.iter().enumerate() {
                let absolute = is_absolute(raw);
                if page.fallback && absolute && !absolute_in(site, raw, l, page) {
                    continue;
                }
                // Positions are looked up only for errors: parsing the YAML
                // again for every alias of a large site would cost.
                let error = |message: String| {
                    let positions = entry_positions(source.text(), "aliases");
                    let (line, col) = positions.get(i).copied().unwrap_or((1, 1));
                    Diagnostic::error(&source.path, format!("alias `{raw}` {message}"))
                        .at(line, col)
                };
                let alias = match normalize(raw, site.config(), code) {
                    // An absolute alias into another locale that shows the page
                    // leads to the page there (see `absolute_in`).
                    Ok(a)
                        if absolute
                            && !page.fallback
                            && alias_locale(site, &a, page).is_some_and(|al| al != l) =>
                    {
                        continue;
                    }
                    Ok(a) => a,
                    // The same mistake would be reported once per fallback locale.
                    Err(why) if !page.fallback => {
                        errors.push(error(why));
                        continue;
                    }
                    Err(_) => continue,
                };
                if let Some(what) = reserved(site, &alias.file) {
                    errors.push(error(format!(
                        "({}) is kbgen's {what}; pick another path",
                        alias.url
                    )));
                    continue;
                }
                match claims.get(&alias.file) {
                    Some(Claim::Page(other)) if *other == page.source => {
                        errors.push(error(format!(
                            "({}) is this page's own URL; remove the alias",
                            alias.url
                        )));
                    }
                    Some(Claim::Page(other)) => errors.push(error(format!(
                        "({}) is the URL of {}; remove the alias or give that page another `slug`",
                        alias.url,
                        site.sources()[*other].path.display()
                    ))),
                    Some(Claim::Alias { source: other, .. }) if *other == page.source => {}
                    Some(Claim::Alias {
                        source: other,
                        raw: theirs,
                    }) => errors.push(error(format!(
                        "({}) is also an alias (`{theirs}`) in {}; keep it in one file only",
                        alias.url,
                        site.sources()[*other].path.display()
                    ))),
                    None => {
                        claims.insert(
                            alias.file.clone(),
                            Claim::Alias {
                                source: page.source,
                                raw: raw.clone(),
                            },
                        );
                        redirects.push(Redirect {
                            from: alias.url,
                            file: alias.file,
                            to: page.url.clone(),
                            locale: l,
                            source: page.source,
                        });
                    }
                }
            }
        }
    }
    redirects.sort();
    errors.sort();
    errors.dedup();
    (redirects, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;
    use std::path::Path;

    fn config(base: &str) -> Config {
        let yaml = format!(
            "base_url: {base}\ndefault_locale: en\nlocales:\n  - {{code: en, name: English}}\n  - {{code: it, name: Italiano}}\n"
        );
        Config::parse(
            Path::new("/nonexistent"),
            Path::new("site.yaml"),
            &yaml,
            &Overrides::default(),
        )
        .unwrap()
    }

    fn ok(raw: &str, base: &str) -> (String, String) {
        let a = normalize(raw, &config(base), "it").unwrap_or_else(|e| panic!("{raw}: {e}"));
        (a.url, a.file)
    }

    #[test]
    fn relative_aliases_resolve_under_the_locale() {
        assert_eq!(
            ok("vecchio-percorso/", "https://h.test"),
            (
                "/it/vecchio-percorso/".into(),
                "it/vecchio-percorso/index.html".into()
            )
        );
        assert_eq!(
            ok("ordini/vecchio", "https://h.test/kb"),
            (
                "/kb/it/ordini/vecchio/".into(),
                "it/ordini/vecchio/index.html".into()
            )
        );
    }

    #[test]
    fn absolute_aliases_keep_their_path_under_the_prefix() {
        assert_eq!(
            ok("/kb/hc/articles/123-old", "https://h.test/kb").0,
            "/kb/hc/articles/123-old/"
        );
        assert_eq!(
            ok("https://h.test/kb/en/x/", "https://h.test/kb").0,
            "/kb/en/x/"
        );
        assert_eq!(
            ok("/faq.html", "https://h.test"),
            ("/faq.html".into(), "faq.html".into())
        );
    }

    #[test]
    fn percent_encoding_is_normalized() {
        let (url, file) = ok("/zh/%E5%A6%82%E4%BD%95/", "https://h.test");
        assert_eq!(url, "/zh/%E5%A6%82%E4%BD%95/");
        assert_eq!(file, "zh/如何/index.html");
        assert_eq!(ok("/zh/如何/", "https://h.test").0, url);
        assert_eq!(ok("/zh/%e5%a6%82%e4%bd%95/", "https://h.test").0, url);
    }

    #[test]
    fn bad_aliases_say_why() {
        let cases = [
            ("../x/", "`..`"),
            ("/en/%2e%2e/x/", "`..`"),
            ("/en/a%2Fb/", "segment"),
            ("https://evil.test/x/", "another site"),
            ("//evil.test/x/", "another site"),
            ("/en/x/?page=2", "query"),
            ("/en/x/#top", "fragment"),
            ("\\en\\x", "backslash"),
            ("/", "root"),
            ("", "empty"),
            ("C:/x", "another site"),
            ("/en/%FF/", "not UTF-8"),
            ("/en/x/index.md", "as a folder"),
            ("/en/index.html/x/", "as a folder"),
        ];
        for (raw, why) in cases {
            let err = normalize(raw, &config("https://h.test"), "en").unwrap_err();
            assert!(err.contains(why), "{raw}: {err}");
        }
        let err = normalize("/other/x/", &config("https://h.test/kb"), "en").unwrap_err();
        assert!(err.contains("base URL's path /kb/"), "{err}");
    }
}
