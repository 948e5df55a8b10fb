//! Sanitize: the HTML a page's Markdown produces is cleaned with ammonia whenever
//! the writer could have smuggled script into it (raw HTML, or a link whose scheme
//! is not plainly safe). site.yaml's `html:` allow-list opts in to more tags,
//! attributes and URL schemes.

use std::collections::BTreeMap;

use serde::Deserialize;

/// What raw HTML may keep beyond ammonia's conservative defaults, from site.yaml:
///
/// ```yaml
/// html:
///   tags: [iframe]
///   attributes: { iframe: [src, width, height] }
///   url_schemes: [tel]
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HtmlPolicy {
    #[serde(default)]
    pub tags: Vec<String>,
    /// Tag name -> attributes allowed on it; `"*"` for every tag.
    #[serde(default)]
    pub attributes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub url_schemes: Vec<String>,
}

/// Schemes pulldown-cmark's output may keep without a pass through ammonia.
const PLAIN_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Attributes kbgen's own Markdown output relies on: heading and footnote ids,
/// code block classes and table alignment.
const OWN_ATTRIBUTES: &[&str] = &["id", "class"];

impl HtmlPolicy {
    /// Cleans a fragment of HTML: scripts, event handlers, `javascript:` URLs and
    /// anything else outside the allow-list are removed.
    pub fn clean(&self, html: &str) -> String {
        let mut builder = ammonia::Builder::default();
        // kbgen's own links are relative and trusted; a `rel` on every link would
        // only change the output of pages that happen to contain raw HTML.
        builder.link_rel(None);
        builder.add_generic_attributes(OWN_ATTRIBUTES);
        builder.add_tag_attributes("th", &["style"]);
        builder.add_tag_attributes("td", &["style"]);
        // kbgen sizes images and loads all but a page's first lazily (media/html.rs).
        builder.add_tag_attributes("img", &["loading", "decoding"]);
        builder.add_tags(self.tags.iter().map(String::as_str));
        // A tag the site allows must not also be one whose content ammonia drops:
        // ammonia treats that contradiction as a bug and panics.
        builder.rm_clean_content_tags(self.tags.iter().map(String::as_str));
        for (tag, attributes) in &self.attributes {
            let attributes = attributes.iter().map(String::as_str);
            if tag == "*" {
                builder.add_generic_attributes(attributes);
            } else {
                builder.rm_clean_content_tags(std::iter::once(tag.as_str()));
                builder.add_tag_attributes(tag.as_str(), attributes);
            }
        }
        builder.add_url_schemes(self.url_schemes.iter().map(String::as_str));
        builder.clean(html).to_string()
    }
}

/// True when `url` cannot run script as written: no scheme, or http(s)/mailto.
/// Browsers ignore tabs and newlines inside a scheme (`java\tscript:`), so do we.
pub fn is_plain_url(url: &str) -> bool {
    let url = url.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let Some(colon) = url[..end].find(':') else {
        return true;
    };
    let scheme: String = url[..colon]
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    PLAIN_SCHEMES.contains(&scheme.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_handlers_and_javascript_urls_are_removed() {
        let p = HtmlPolicy::default();
        let out = p.clean(
            r#"<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a><img src=x onerror=alert(1) alt="c"></p>"#,
        );
        assert!(!out.contains("script"), "{out}");
        assert!(!out.contains("onclick"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains(r#"alt="c""#), "{out}");
    }

    #[test]
    fn own_markup_survives() {
        let p = HtmlPolicy::default();
        let html = r#"<h2 id="outcomes">O</h2><pre><code class="language-rust">x</code></pre><table><thead><tr><th style="text-align: left">a</th></tr></thead></table>"#;
        assert_eq!(p.clean(html), html);
    }

    #[test]
    fn allow_list_opts_in_even_to_script() {
        let p = HtmlPolicy {
            tags: vec!["iframe".into(), "script".into()],
            attributes: BTreeMap::from([("iframe".into(), vec!["src".into()])]),
            url_schemes: vec![],
        };
        let out = p.clean(r#"<iframe src="https://v.example/1"></iframe><script>ok()</script>"#);
        assert!(
            out.contains(r#"<iframe src="https://v.example/1">"#),
            "{out}"
        );
        assert!(out.contains("<script>ok()</script>"), "{out}");
    }

    #[test]
    fn plain_urls() {
        for ok in [
            "https://x.org",
            "../a.md#b",
            "#x",
            "/en/",
            "mailto:a@b",
            "a/b:c",
        ] {
            assert!(is_plain_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            "java\tscript:x",
            " data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_plain_url(bad), "{bad}");
        }
    }
}
