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

/// The `href`s of the links in the sidebar of an article page.
fn sidebar_links(html: &str) -> Vec<String> {
    let start = html
        .find("<nav class=\"sidebar\"")
        .expect("an article has a sidebar");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("href=\"")
        .skip(1)
        .map(|part| part[..part.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn an_article_in_a_large_category_lists_a_few_neighbours_not_the_whole_category() {
    let site = TestSite::example();
    for n in 1..=60 {
        site.write(
            &format!("content/en/account/note-{n:02}.md"),
            &format!(
                "---\ntitle: \"Account note {n}\"\nslug: \"note-{n:02}\"\norder: {}\n\
                 topic: account\n---\n\nNote {n} about your account.\n",
                10 + n
            ),
        );
    }
    site.build().assert_ok();
    let one = site.output("en/account/note-30/index.html");
    let links = sidebar_links(&one);
    // The category's title, ten articles around the current one, and the link
    // to the category that says how many it has.
    assert_eq!(links.len(), 12, "{links:?}");
    assert!(links.contains(&"/en/account/note-30/".to_string()));
    assert!(links.contains(&"/en/account/note-26/".to_string()));
    assert!(links.contains(&"/en/account/note-34/".to_string()));
    assert!(!links.contains(&"/en/account/note-01/".to_string()));
    assert!(
        one.contains("All articles (62)"),
        "the link names the count"
    );
    assert_eq!(links.last().unwrap(), "/en/account/");
    // A page of a small category still lists all of it.
    let small = sidebar_links(&site.output("en/disputes/external-dispute-resolution/index.html"));
    assert!(small.len() >= 3 && !small.iter().skip(1).any(|l| l.ends_with("/disputes/")));
}
