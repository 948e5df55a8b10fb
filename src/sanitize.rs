//! Sanitize: every byte of HTML that comes from content is either produced by
//! pulldown-cmark's writer from events kbgen has checked (it can only emit its own
//! tags, with escaped text and URLs; heading attributes are limited to `{#id}` by
//! the parser stage), or passes through ammonia: any raw HTML at all, comments
//! included, and any link or image whose scheme is not plainly safe send the whole
//! page through [`HtmlPolicy::clean`]. site.yaml's `html:` allow-list opts in to
//! more tags, attributes and URL schemes.

use std::borrow::Cow;

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

/// The element kbgen writes where `<!-- kbgen:contact-channels -->` stood; the
/// channel table replaces it after sanitizing. Comments do not survive ammonia, and
/// a writer who types this element gets nothing but the same table.
pub const CHANNELS_MARKER: &str = "<kbgen-contact-channels></kbgen-contact-channels>";
const CHANNELS_TAG: &str = "kbgen-contact-channels";

/// The only `style` a table cell keeps: the alignment pulldown-cmark writes for
/// `|:---|` columns. Anything else (`position:fixed` over the whole page) goes.
fn table_alignment(value: &str) -> bool {
    matches!(
        value.trim().trim_end_matches(';').trim(),
        "text-align: left" | "text-align: center" | "text-align: right"
    )
}

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
        // `style` only where the site opted in to it; table cells otherwise keep
        // their alignment and nothing else.
        let styled: Vec<String> = self
            .attributes
            .iter()
            .filter(|(_, attributes)| attributes.iter().any(|a| a == "style"))
            .map(|(tag, _)| tag.clone())
            .collect();
        builder.attribute_filter(move |element, attribute, value| {
            let opted_in = styled.iter().any(|t| t == "*" || t == element);
            let cell = matches!(element, "th" | "td");
            if attribute == "style" && !opted_in && !(cell && table_alignment(value)) {
                return None;
            }
            Some(Cow::Borrowed(value))
        });
        builder.add_tags([CHANNELS_TAG]);
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
    fn table_cells_keep_only_their_alignment() {
        let p = HtmlPolicy::default();
        let out = p.clean(
            r#"<table><tr><td style="position:fixed;top:0;left:0;width:100vw;height:100vh">x</td><th style="text-align: center">y</th></tr></table>"#,
        );
        assert!(!out.contains("position"), "{out}");
        assert!(out.contains(r#"<th style="text-align: center">"#), "{out}");
    }

    #[test]
    fn style_stays_only_where_the_site_opted_in() {
        let p = HtmlPolicy {
            attributes: BTreeMap::from([("div".into(), vec!["style".into()])]),
            ..HtmlPolicy::default()
        };
        let out = p.clean(r#"<div style="color:red">x</div><td style="color:red">y</td>"#);
        assert!(out.contains(r#"<div style="color:red">"#), "{out}");
        assert!(!out.contains(r#"<td style"#), "{out}");
    }

    #[test]
    fn comments_browsers_end_early_cannot_smuggle_markup() {
        let p = HtmlPolicy::default();
        for html in [
            "<!--><svg onload=alert(1)>-->",
            "<!---><svg onload=alert(1)>-->",
            "<!-- x --!><svg onload=alert(1)> -->",
            "<!--><img src=x onerror=alert(1)>-->",
        ] {
            let out = p.clean(html);
            assert!(
                !out.contains("onload") && !out.contains("onerror"),
                "{html} -> {out}"
            );
            assert!(!out.contains("<!--"), "{html} -> {out}");
        }
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
