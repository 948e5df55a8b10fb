//! An article costs a reader under 30 KB gzipped: its HTML with the theme's CSS
//! and JavaScript (the search index loads only when the reader searches).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::TestSite;

const BUDGET: usize = 30 * 1024;

/// `bytes` gzipped at the level static hosts use (`gzip -9`).
fn gzipped(bytes: &[u8]) -> usize {
    let mut gzip = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run gzip");
    gzip.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = gzip.wait_with_output().unwrap();
    assert!(out.status.success());
    out.stdout.len()
}

/// The paths of the stylesheets and scripts a page links, in its order.
fn assets(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in [
        "<link rel=\"stylesheet\" href=\"",
        "<script type=\"module\" src=\"",
    ] {
        for part in html.split(attr).skip(1) {
            found.push(part[..part.find('"').unwrap()].to_string());
        }
    }
    found
}

#[test]
fn an_article_with_its_css_and_js_is_under_30_kb_gzipped() {
    let site = TestSite::example();
    site.build().assert_ok();
    for rel in [
        "en/contacting-support/contact-methods/index.html",
        "zh/orders/message-the-seller/index.html",
    ] {
        let html = site.output(rel);
        let linked = assets(&html);
        assert!(linked.len() >= 2, "{rel} links no CSS or JS: {linked:?}");
        let mut total = gzipped(html.as_bytes());
        for path in &linked {
            total += gzipped(site.output(path.trim_start_matches('/')).as_bytes());
        }
        assert!(
            total < BUDGET,
            "{rel} with {linked:?} is {total} bytes gzipped, over {BUDGET}"
        );
    }
}
