//! The search client in headless Chromium: what a reader does with the search box
//! and the search page.

mod common;

use common::TestSite;
use common::browser::{self, StaticServer, open, wait_for};
use headless_chrome::Tab;

/// The basic fixture, built and served.
fn site() -> (TestSite, StaticServer) {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let server = StaticServer::start(&site.root().join("public"));
    (site, server)
}

fn text(tab: &Tab, js: &str) -> String {
    let value = tab.evaluate(js, false).expect("evaluate").value;
    value
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn type_query(tab: &Tab, query: &str) {
    let input = tab.wait_for_element("#search-q").expect("search box");
    input.click().expect("focus the search box");
    tab.type_str(query).expect("type");
}

#[test]
fn typing_shows_results_and_announces_the_count() {
    let Some((browser, _profile)) =
        browser::browser("typing_shows_results_and_announces_the_count")
    else {
        return;
    };
    let (_site, server) = site();
    let tab = browser::tab(&browser);
    open(&tab, &server.url("/en/help/contact/"));
    type_query(&tab, "refund");
    wait_for(
        &tab,
        "document.querySelectorAll('[role=option]').length > 0",
        "results",
    );
    let first = text(&tab, "document.querySelector('[role=option]').textContent");
    assert!(first.contains("Refunds"), "{first}");
    assert_eq!(
        text(
            &tab,
            "document.querySelector('#search-q').getAttribute('aria-expanded')"
        ),
        "true"
    );
    let status = text(
        &tab,
        "document.querySelector('form[data-search] [role=status]').textContent",
    );
    assert!(
        status.starts_with("Results: ") && status != "Results: 0",
        "{status}"
    );
}

#[test]
fn arrow_keys_and_enter_open_a_result() {
    let Some((browser, _profile)) = browser::browser("arrow_keys_and_enter_open_a_result") else {
        return;
    };
    let (_site, server) = site();
    let tab = browser::tab(&browser);
    open(&tab, &server.url("/en/"));
    type_query(&tab, "partial refund");
    wait_for(
        &tab,
        "document.querySelectorAll('[role=option]').length > 0",
        "results",
    );
    tab.press_key("ArrowDown").unwrap();
    wait_for(
        &tab,
        "document.querySelector('#search-q').getAttribute('aria-activedescendant') === document.querySelector('[role=option][aria-selected=true]').id",
        "the first option selected",
    );
    let target = text(
        &tab,
        "document.querySelector('[role=option][aria-selected=true]').dataset.href",
    );
    assert!(target.starts_with("/en/help/refunds/"), "{target}");
    tab.press_key("Enter").unwrap();
    wait_for(
        &tab,
        "location.pathname === '/en/help/refunds/'",
        "navigation to the result",
    );
}

#[test]
fn misspelled_query_finds_its_article() {
    let Some((browser, _profile)) = browser::browser("misspelled_query_finds_its_article") else {
        return;
    };
    let (_site, server) = site();
    let tab = browser::tab(&browser);
    open(&tab, &server.url("/en/"));
    type_query(&tab, "refnds");
    wait_for(
        &tab,
        "[...document.querySelectorAll('[role=option]')].some(o => o.dataset.href.startsWith('/en/help/refunds/'))",
        "the refunds article for a misspelled query",
    );
}

#[test]
fn search_page_shows_more_results_on_request() {
    let Some((browser, _profile)) = browser::browser("search_page_shows_more_results_on_request")
    else {
        return;
    };
    let site = TestSite::fixture("basic");
    for n in 1..=8 {
        site.write(
            &format!("content/en/more/zeppelin-{n}.md"),
            &format!("---\ntitle: Zeppelin {n}\n---\n\nA zeppelin, number {n}.\n"),
        );
    }
    site.build().assert_ok();
    let server = StaticServer::start(&site.root().join("public"));
    let tab = browser::tab(&browser);
    open(&tab, &server.url("/en/search/?q=zeppelin"));
    let count = "document.querySelectorAll('.results li').length";
    wait_for(&tab, &format!("{count} === 6"), "the first six results");
    assert_eq!(
        text(
            &tab,
            "document.querySelector('.search-page .more').textContent"
        ),
        "More results"
    );
    tab.find_element(".search-page .more")
        .unwrap()
        .click()
        .unwrap();
    wait_for(&tab, &format!("{count} === 8"), "all eight results");
    assert_eq!(
        text(
            &tab,
            "String(!!document.querySelector('.search-page .more'))"
        ),
        "false",
        "nothing more to load"
    );
    // Focus moves to the first new result.
    assert_eq!(
        text(
            &tab,
            "document.activeElement === document.querySelectorAll('.results a')[6] ? 'yes' : document.activeElement.outerHTML"
        ),
        "yes"
    );
}

#[test]
fn search_page_shows_the_answer_card() {
    let Some((browser, _profile)) = browser::browser("search_page_shows_the_answer_card") else {
        return;
    };
    let (_site, server) = site();
    let tab = browser::tab(&browser);
    open(&tab, &server.url("/en/search/?q=refund%20outcomes"));
    wait_for(
        &tab,
        "!!document.querySelector('.answer')",
        "the answer card",
    );
    let link = text(
        &tab,
        "document.querySelector('.answer h3 a').getAttribute('href')",
    );
    assert_eq!(link, "/en/help/refunds/#outcomes");
    assert!(
        text(&tab, "document.querySelector('.answer').textContent").contains("Was this helpful?")
    );
    let marks = text(
        &tab,
        "[...document.querySelectorAll('.results mark')].map(m => m.textContent.toLowerCase()).join(' ')",
    );
    assert!(
        marks.contains("refund") && marks.contains("outcomes"),
        "highlighted: {marks}"
    );
    // Feedback is kept and acknowledged.
    tab.find_element(".answer .feedback button")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "document.querySelector('.answer .thanks').textContent.length > 0",
        "thanks",
    );
}

#[test]
fn no_results_fall_back_to_the_default_locale() {
    let Some((browser, _profile)) = browser::browser("no_results_fall_back_to_the_default_locale")
    else {
        return;
    };
    let (_site, server) = site();
    let tab = browser::tab(&browser);
    // "Only in English" has no Italian translation: Italian search finds nothing.
    open(&tab, &server.url("/it/search/?q=translation"));
    wait_for(&tab, "!!document.querySelector('.results')", "results");
    let notice = text(
        &tab,
        "document.querySelector('.search-page .notice').textContent",
    );
    assert!(notice.contains("English"), "{notice}");
    let first = text(
        &tab,
        "document.querySelector('.results a').getAttribute('href')",
    );
    assert!(first.starts_with("/en/help/only-english/"), "{first}");
    assert_eq!(
        text(
            &tab,
            "document.querySelector('.results li').getAttribute('lang')"
        ),
        "en"
    );
}

#[test]
fn without_javascript_the_search_page_lists_categories() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let page = site.output("it/search/index.html");
    assert!(page.contains("<noscript>"), "{page}");
    assert!(page.contains(r#"<a href="/it/aiuto/">"#));
    let header = site.output("it/aiuto/contatti/index.html");
    assert!(
        header.contains(r#"action="/it/search/" method="get""#),
        "the form works without JavaScript"
    );
    assert!(
        !header.contains("<script>"),
        "no inline script, for a strict CSP"
    );
}

#[test]
fn without_a_contact_page_search_offers_no_link_to_one() {
    let Some((browser, _profile)) =
        browser::browser("without_a_contact_page_search_offers_no_link_to_one")
    else {
        return;
    };
    // The basic fixture has no contact.yaml, so no /en/contact/ page.
    let (site, server) = site();
    assert!(!site.root().join("public/en/contact").exists());
    let tab = browser::tab(&browser);
    // A locale's contact page is /<locale>/contact/; the fixture's article
    // /en/help/contact/ is not one.
    let links_to_contact = r"[...document.querySelectorAll('a')].filter(a => /^\/[^/]+\/contact\/$/.test(a.pathname)).length";
    open(&tab, &server.url("/en/search/?q=refund%20outcomes"));
    wait_for(
        &tab,
        "!!document.querySelector('.answer')",
        "the answer card",
    );
    assert_eq!(text(&tab, &format!("String({links_to_contact})")), "0");
    assert_eq!(
        text(&tab, "String(document.querySelectorAll('.still').length)"),
        "0"
    );
    // Nothing found: still no way out to a page that is not there.
    open(&tab, &server.url("/en/search/?q=zzzqqqxxx"));
    wait_for(
        &tab,
        "!!document.querySelector('.search-page [role=status]')",
        "the no-results line",
    );
    assert_eq!(text(&tab, &format!("String({links_to_contact})")), "0");
}
