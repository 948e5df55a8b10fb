//! Root-relative `/assets/...` URLs written in content, under a base URL with a
//! path (`https://example.org/help`): the site lives under `/help/`, so the theme's
//! own assets get the prefix, and so must the ones writers link in Markdown.

use std::borrow::Cow;

/// `html` with every `href="/assets/..."` and `src="/assets/..."` starting with
/// `prefix` (the base URL's path, `/help`; empty for a site at the root). Runs on
/// the page's finished HTML, where the sanitizer has already quoted every
/// attribute with `"` and text can hold no raw `"`, so only real attributes match.
pub fn prefix_assets<'a>(html: &'a str, prefix: &str) -> Cow<'a, str> {
    const ATTRIBUTES: [&str; 2] = [" href=\"/assets/", " src=\"/assets/"];
    if prefix.is_empty() || !ATTRIBUTES.iter().any(|a| html.contains(a)) {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for attribute in ATTRIBUTES {
        let name_end = attribute.len() - "/assets/".len();
        let with_prefix = format!("{}{prefix}/assets/", &attribute[..name_end]);
        out = out.replace(attribute, &with_prefix);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_asset_links_and_images_only() {
        let html = r#"<p><img src="/assets/a.png" alt="A"> <a href="/assets/b.pdf">b</a> <a href="/en/x/">x</a> <code>src="/assets/c"</code></p>"#;
        assert_eq!(
            prefix_assets(html, "/help"),
            r#"<p><img src="/help/assets/a.png" alt="A"> <a href="/help/assets/b.pdf">b</a> <a href="/en/x/">x</a> <code>src="/assets/c"</code></p>"#
        );
        assert!(matches!(prefix_assets(html, ""), Cow::Borrowed(_)));
    }
}
