//! The article page in headless Chromium at 1280 and 390 px: the category's
//! articles beside it with the current one marked, "On this page" sticky only on
//! wide screens, and a "No" vote that asks what went wrong and carries the answer
//! into the contact flow.
//!
//! Without /usr/bin/chromium each test prints "skipped: ..." and passes, unless
//! KBGEN_REQUIRE_BROWSER=1 (as in CI), when it fails.

mod common;

use common::browser::{Served, eval, open, tab, viewport, wait_for};
use serde_json::Value;

const WIDTHS: [u32; 2] = [1280, 390];
const ARTICLE: &str = "/en/disputes/how-disputes-are-resolved/";

#[test]
fn sidebar_marks_the_current_article_and_the_toc_sticks_only_on_wide_screens() {
    let Some(h) = Served::start("article sidebar") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 900);
        for page in [ARTICLE, "/zh/orders/message-the-seller/"] {
            open(&tab, &server.url(page));
            let current = eval(
                &tab,
                "JSON.stringify([...document.querySelectorAll('.sidebar [aria-current=page]')].map(a => [a.pathname, a.getBoundingClientRect().width > 0]))",
            );
            let current: Vec<(String, bool)> =
                serde_json::from_str(current.as_str().unwrap()).unwrap();
            let path = eval(&tab, "location.pathname");
            assert_eq!(
                current,
                vec![(path.as_str().unwrap().to_string(), true)],
                "{page} at {width} px: one visible link, to this page, is current"
            );
            let links = eval(&tab, "document.querySelectorAll('.sidebar li a').length");
            assert!(
                links.as_u64().unwrap() > 1,
                "{page}: the sidebar lists the category"
            );
            let toc = eval(
                &tab,
                "getComputedStyle(document.querySelector('.toc')).position",
            );
            let beside = eval(
                &tab,
                "document.querySelector('.sidebar').getBoundingClientRect().right <= document.querySelector('article').getBoundingClientRect().left",
            );
            if width >= 1200 {
                assert_eq!(toc, "sticky", "{page} at {width} px");
                assert_eq!(
                    beside, true,
                    "{page} at {width} px: the sidebar is beside the text"
                );
            } else {
                assert_eq!(toc, "static", "{page} at {width} px: the toc is in flow");
                assert_eq!(
                    beside, false,
                    "{page} at {width} px: the sidebar follows the text"
                );
            }
        }
    }
}

#[test]
fn a_no_vote_asks_what_went_wrong_and_the_contact_page_gets_the_reason() {
    let Some(h) = Served::start("negative vote") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 900);
        open(&tab, &server.url(ARTICLE));
        eval(&tab, "localStorage.clear()");
        assert_eq!(
            eval(&tab, "document.querySelector('.reasons').hidden"),
            true,
            "the reasons wait for a No"
        );
        tab.wait_for_element("form.feedback button[value=no]")
            .unwrap()
            .click()
            .unwrap();
        wait_for(
            &tab,
            "!document.querySelector('.reasons').hidden",
            "the reasons",
        );
        let reasons = eval(
            &tab,
            "[...document.querySelectorAll('.reasons button')].map(b => b.value).join()",
        );
        assert_eq!(reasons, "unclear,outdated,unanswered,other");
        tab.find_element(".reasons button[value=outdated]")
            .unwrap()
            .click()
            .unwrap();
        wait_for(
            &tab,
            "document.querySelector('.contact-us a').search.includes('reason=outdated')",
            "the contact link carries the reason",
        );
        assert_eq!(
            eval(
                &tab,
                "localStorage.getItem('kbgen-reason:disputes/how-disputes-are-resolved')"
            ),
            "outdated",
            "without an endpoint the reason stays in the browser"
        );
        tab.find_element(".contact-us a").unwrap().click().unwrap();
        wait_for(
            &tab,
            "location.pathname === '/en/contact/' && !document.querySelector('.from-article').hidden",
            "the contact page shows where the reader came from",
        );
        assert_eq!(
            eval(&tab, "document.querySelector('input[name=reason]').value"),
            "outdated"
        );
        assert_eq!(
            eval(&tab, "document.querySelector('input[name=from]').value"),
            "disputes/how-disputes-are-resolved"
        );
        assert_eq!(
            eval(
                &tab,
                "document.querySelector('.from-article a').getAttribute('href')"
            ),
            ARTICLE
        );
        let shown = eval(
            &tab,
            "[...document.querySelectorAll('.from-article [data-reason]')].filter(s => !s.hidden).map(s => s.textContent).join()",
        );
        assert_eq!(shown, "It is outdated or wrong");
    }
    // A link from elsewhere cannot make the contact page link off the site.
    open(
        &tab,
        &server.url("/en/contact/?reason=unclear&article=//evil.example/"),
    );
    wait_for(
        &tab,
        "!document.querySelector('.from-article').hidden",
        "the note",
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.from-article a').hasAttribute('href')"
        ),
        Value::Bool(false)
    );
}

#[test]
fn without_javascript_the_footer_still_links_to_contact() {
    let site = common::TestSite::example();
    site.build().assert_ok();
    let html = site.output("en/disputes/how-disputes-are-resolved/index.html");
    let footer = &html[html.find("<aside class=\"article-footer\"").unwrap()..];
    let footer = &footer[..footer.find("</aside>").unwrap()];
    assert!(
        footer.contains(
            "<p class=\"contact-us\"><a class=\"button\" href=\"/en/contact/?topic=dispute&amp;from=disputes%2Fhow-disputes-are-resolved\">Contact us</a></p>"
        ),
        "{footer}"
    );
    assert!(
        footer.contains(
            "<div class=\"reasons\" role=\"group\" aria-labelledby=\"reasons-q\" hidden>"
        ),
        "{footer}"
    );
}
