//! Resolve on small in-memory sites: fallbacks, slugs, reading order, reserved URLs.

use std::path::Path;

use super::*;
use crate::config::Overrides;
use crate::load::Kind;

const SITE: &str = "base_url: https://help.test\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n  - {code: it, name: Italiano}\n";

/// A page of `locale` (0 = en, 1 = it) at `rel` under content/<locale>/.
fn page(locale: usize, rel: &str, front: &str) -> SourcePage {
    page_with_body(locale, rel, front, "Text.\n")
}

fn page_with_body(locale: usize, rel: &str, front: &str, body: &str) -> SourcePage {
    let code = ["en", "it"][locale];
    let kind = match rel.split_once('/') {
        None => Kind::Home,
        Some((category, "_index.md")) => Kind::Category {
            category: category.into(),
        },
        Some((category, name)) => Kind::Article {
            category: category.into(),
            name: name.trim_end_matches(".md").into(),
        },
    };
    let path = Path::new("content").join(code).join(rel);
    let (page, diagnostics) =
        SourcePage::from_text(locale, kind, &path, format!("---\n{front}\n---\n{body}"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    page
}

fn site(pages: Vec<SourcePage>) -> Result<Site> {
    let config = Config::parse(
        Path::new("/site"),
        Path::new("/site/site.yaml"),
        SITE,
        &Overrides::default(),
    )
    .unwrap();
    resolve(config, pages)
}

fn base() -> Vec<SourcePage> {
    vec![
        page(0, "_index.md", "title: Help"),
        page(0, "help/_index.md", "title: Getting help"),
        page(0, "help/refunds.md", "title: Refunds\norder: 2"),
        page(0, "help/cancel.md", "title: Cancelling\norder: 1"),
        page(0, "help/zebra.md", "title: Zebra"),
        page(0, "help/alpha.md", "title: Alpha"),
        page(1, "_index.md", "title: Aiuto"),
    ]
}

#[test]
fn a_missing_translation_falls_back_to_the_default_locale_under_its_slug() {
    let site = site(base()).unwrap();
    let it = &site.locales[1];
    let refunds = it
        .articles
        .iter()
        .find(|a| a.page.key == "help/refunds")
        .unwrap();
    assert!(refunds.page.fallback);
    assert_eq!(
        site.sources[refunds.page.source].locale, 0,
        "the English text"
    );
    assert_eq!(refunds.page.url, "/it/help/refunds/");
    assert_eq!(refunds.page.file, "it/help/refunds/index.html");
    assert_eq!(it.fallbacks, 5, "the category and its four articles");
    assert!(!it.home.fallback);
}

#[test]
fn a_translation_keeps_its_own_slugs() {
    let mut pages = base();
    pages.push(page(
        1,
        "help/_index.md",
        "title: Assistenza\nslug: assistenza",
    ));
    pages.push(page(
        1,
        "help/refunds.md",
        "title: Rimborsi\nslug: rimborsi",
    ));
    let site = site(pages).unwrap();
    let it = &site.locales[1];
    assert_eq!(it.urls["help/refunds"], "/it/assistenza/rimborsi/");
    assert_eq!(
        it.urls["help/cancel"], "/it/assistenza/cancel/",
        "a fallback in a translated category"
    );
    assert_eq!(site.locales[0].urls["help/refunds"], "/en/help/refunds/");
    assert_eq!(
        site.alternates("help/refunds"),
        [(0, "/en/help/refunds/"), (1, "/it/assistenza/rimborsi/")]
    );
}

#[test]
fn articles_are_listed_by_order_then_title() {
    let site = site(base()).unwrap();
    let en = &site.locales[0];
    let titles: Vec<&str> = en.categories[0]
        .articles
        .iter()
        .map(|&a| site.sources[en.articles[a].page.source].front.title())
        .collect();
    assert_eq!(titles, ["Cancelling", "Refunds", "Alpha", "Zebra"]);
}

#[test]
fn a_category_cannot_take_a_url_kbgen_writes() {
    let mut pages = base();
    pages.push(page(0, "Search/_index.md", "title: Search tips"));
    pages.push(page(0, "Search/how.md", "title: How to search"));
    let Err(Error::Content(errors)) = site(pages) else {
        panic!("a category at /en/Search/ resolved");
    };
    // Both the default locale's page and the fallback that Italian shows.
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|d| d.path.ends_with("Search/_index.md")
                && d.message.contains("kbgen's search page")),
        "{errors:?}"
    );
}

#[test]
fn two_pages_with_one_url_are_an_error_naming_both() {
    let mut pages = base();
    pages.push(page(
        0,
        "help/refunds-2.md",
        "title: Refunds again\nslug: Refunds",
    ));
    let Err(Error::Content(errors)) = site(pages) else {
        panic!("two pages at one URL resolved");
    };
    let message = &errors[0].message;
    assert!(
        message.contains("refunds.md") && message.contains("another `slug`"),
        "{message}"
    );
}

#[test]
fn a_stamped_translation_is_outdated_once_its_source_changes_and_says_what_changed() {
    let body = "First paragraph.\n\nSecond paragraph.\n";
    let source = page_with_body(0, "help/refunds.md", "title: Refunds", body);
    let blocks = crate::stamp::blocks::block_hashes(&crate::stamp::blocks::segments(&source));
    let stamp = format!(
        "title: Rimborsi\nsource_hash: {}\nsource_blocks: \"{blocks}\"",
        crate::stamp::source_hash(&source)
    );
    let mut pages = base();
    pages.retain(|p| p.kind.key() != "help/refunds");
    pages.push(source.clone());
    pages.push(page(1, "help/refunds.md", &stamp));
    let index = pages
        .iter()
        .position(|p| p.locale == 0 && p.kind.key() == "help/refunds")
        .unwrap();
    let mut site = site(pages).unwrap();
    let italian = |site: &Site| {
        let it = &site.locales[1];
        it.articles
            .iter()
            .find(|a| a.page.key == "help/refunds")
            .unwrap()
            .page
            .outdated
            .clone()
    };
    assert_eq!(italian(&site), None, "stamped from the current source");

    let edited = "First paragraph.\n\nSecond paragraph, now longer.\n";
    site.replace_source(
        index,
        page_with_body(0, "help/refunds.md", "title: Refunds", edited),
    )
    .unwrap();
    let outdated = italian(&site).expect("the source changed");
    assert_eq!(outdated.source, index);
    let excerpts: Vec<_> = outdated
        .changes
        .blocks
        .iter()
        .filter_map(|c| c.excerpt.as_deref())
        .collect();
    assert_eq!(excerpts, ["Second paragraph, now longer."]);
    // The English page itself is never outdated.
    assert!(
        site.locales[0]
            .articles
            .iter()
            .all(|a| a.page.outdated.is_none())
    );

    site.replace_source(index, source).unwrap();
    assert_eq!(italian(&site), None, "the edit was undone");
}
