//! Snapshots: the HTML of a page of each template of the example site, and what
//! `kbgen` prints for bad input. A change to a template, a message or an error
//! shows up here as a diff to look at; accept it with `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test --release --test snapshots`) once it is right.

mod common;

use common::TestSite;

/// One page per template, in English, and an article in Chinese (another
/// script, another search segmenter, other messages).
const PAGES: &[(&str, &str)] = &[
    ("home", "en/index.html"),
    ("category", "en/disputes/index.html"),
    (
        "article",
        "en/disputes/how-disputes-are-resolved/index.html",
    ),
    (
        "article_zh",
        "zh/disputes/how-disputes-are-resolved/index.html",
    ),
    ("contact", "en/contact/index.html"),
    ("search", "en/search/index.html"),
    ("not_found", "en/404.html"),
    ("language_choice", "index.html"),
];

#[test]
fn the_html_of_each_template_is_as_recorded() {
    let site = TestSite::example();
    site.build().assert_ok();
    for (name, path) in PAGES {
        insta::assert_snapshot!(*name, site.output(path));
    }
}

/// What a run printed, the site's temporary folder written as `<site>`.
fn printed(site: &TestSite, args: &[&str]) -> String {
    let run = site.kbgen(args);
    let root = site.root().display().to_string();
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        run.code,
        run.stdout.replace(&root, "<site>"),
        run.stderr.replace(&root, "<site>")
    )
}

#[test]
fn what_kbgen_prints_for_bad_input_is_as_recorded() {
    let site = TestSite::example();
    site.edit(
        "content/en/disputes/how-disputes-are-resolved.md",
        "title:",
        "tags: [unclosed\ntitle:",
    );
    insta::assert_snapshot!("build_bad_front_matter", printed(&site, &["build"]));

    let site = TestSite::example();
    let page = "content/it/disputes/how-disputes-are-resolved.md";
    let text = site.read_source(page)
        + "\nVedi [la guida](../nowhere/guide.md) e ![lo schema](img/missing.png).\n";
    site.write(page, &text);
    insta::assert_snapshot!(
        "check_broken_link",
        printed(&site, &["check", "--today", "2026-11-24", "--quiet"])
    );
    insta::assert_snapshot!(
        "build_into_the_sources",
        printed(&site, &["build", "--output", "content"])
    );
    insta::assert_snapshot!(
        "export_to_an_unknown_locale",
        printed(&site, &["translate", "export", "--to", "xx"])
    );
}
