//! Markdown -> HTML, with links, anchors and headings resolved: must never panic,
//! and the HTML must never carry script, whatever the writer typed.

#![no_main]

use std::path::Path;

use kbgen::load::{Kind, SourcePage};
use kbgen::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &str| {
    let text = format!("---\ntitle: T\n---\n{body}");
    let kind = Kind::Article {
        category: "disputes".into(),
        name: "a".into(),
    };
    let (page, _) = SourcePage::from_text(0, kind, Path::new("content/en/disputes/a.md"), text);
    // Every second key exists, so both resolved and broken links are exercised.
    let url_of = |key: &str| (key.len() % 2 == 0).then_some("/en/disputes/x/");
    let parsed = markdown::parse(&page, "disputes/a", &url_of);
    for e in &parsed.errors {
        let line = e.line.expect("link errors have a line");
        assert!(line >= 4 && line <= page.text().lines().count() + 1, "{e}");
    }
    for tag in tags(&parsed.html) {
        let tag = tag.to_ascii_lowercase();
        assert!(!tag.starts_with("<script"), "script in {}", parsed.html);
        assert!(!runs_script(&tag), "script URL in {tag}");
        assert!(!has_handler(&tag), "event handler in {tag}");
    }
});

/// Every start tag: text never holds a raw `<`, so each `<` opens markup.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('<').filter_map(move |(i, _)| {
        let rest = &html[i..];
        rest[1..]
            .starts_with(|c: char| c.is_ascii_alphabetic())
            .then(|| &rest[..rest.find('>').map_or(rest.len(), |e| e + 1)])
    })
}

/// An `href` or `src` whose URL a browser would run: after the leading spaces and
/// control characters it strips, and the tabs and newlines it ignores, the scheme
/// is `javascript:`, `vbscript:` or `data:`. A fragment such as `#a-javascript:b`
/// runs nothing.
fn runs_script(tag: &str) -> bool {
    ["href=\"", "src=\""].iter().any(|attr| {
        tag.match_indices(attr).any(|(i, _)| {
            let value = &tag[i + attr.len()..];
            let value = value[..value.find('"').unwrap_or(value.len())]
                .trim_start_matches(|c: char| c <= ' ')
                .replace(['\t', '\n', '\r'], "");
            ["javascript:", "vbscript:", "data:"]
                .iter()
                .any(|s| value.starts_with(s))
        })
    })
}

/// An attribute named `on...`, outside quoted values.
fn has_handler(tag: &str) -> bool {
    let mut quoted = false;
    let bytes = tag.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b' ' | b'\t' | b'\n' | b'/' if !quoted => {
                let name: Vec<u8> = bytes[i + 1..]
                    .iter()
                    .copied()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if name.len() > 2
                    && name.starts_with(b"on")
                    && bytes.get(i + 1 + name.len()) == Some(&b'=')
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}
