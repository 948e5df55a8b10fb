//! The default theme in headless Chromium at a desktop (1280 px) and a phone
//! (390 px) width: what a reader sees of the header and the search box.
//!
//! Without /usr/bin/chromium each test prints "skipped: ..." and passes, unless
//! KBGEN_REQUIRE_BROWSER=1 (as in CI), when it fails.

mod common;

use common::browser::{Served, eval, open, tab, viewport, wait_for};
use serde_json::Value;

const WIDTHS: [u32; 2] = [1280, 390];

#[test]
fn language_menu_opens_inside_the_screen_and_the_header_stays_compact() {
    let Some(h) = Served::start("language menu") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 844);
        for page in ["/en/orders/message-the-seller/", "/zh/", "/de/contact/"] {
            open(&tab, &server.url(page));
            tab.find_element(".langs summary").unwrap().click().unwrap();
            wait_for(
                &tab,
                "document.querySelector('.langs').open",
                "the menu opens",
            );
            let rect = eval(
                &tab,
                "JSON.stringify((r => [r.left, r.right, r.bottom])(document.querySelector('.langs ul').getBoundingClientRect()))",
            );
            let rect: Vec<f64> = serde_json::from_str(rect.as_str().unwrap()).unwrap();
            assert!(
                rect[0] >= 0.0 && rect[1] <= f64::from(width),
                "{page} at {width} px: the language menu spans {rect:?}"
            );
            let header = eval(
                &tab,
                "document.querySelector('.site-header').getBoundingClientRect().height",
            );
            let header = header.as_f64().unwrap();
            assert!(
                header <= 120.0,
                "{page} at {width} px: the header is {header} px tall"
            );
        }
    }
}

#[test]
fn suggestions_say_when_nothing_matches() {
    let Some(h) = Served::start("no suggestions") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 844);
        for (page, query, says) in [
            ("/en/", "qqxzzv", "No results for “qqxzzv”"),
            ("/fr/", "qqxzzv", "qqxzzv"),
        ] {
            open(&tab, &server.url(page));
            let input = tab.wait_for_element("#search-q").unwrap();
            input.click().unwrap();
            tab.type_str(query).unwrap();
            wait_for(
                &tab,
                "!document.querySelector('.site-header .suggest-none').hidden",
                "the no-results note",
            );
            let text = eval(
                &tab,
                "document.querySelector('.site-header .suggest-none').textContent",
            );
            assert!(
                text.as_str().unwrap().contains(says),
                "{page} at {width} px: {text}"
            );
            assert_eq!(
                eval(
                    &tab,
                    "document.querySelector('#search-q').getAttribute('aria-expanded')"
                ),
                Value::String("false".into()),
                "no listbox is announced as open without options"
            );
            // A query with matches hides the note again.
            tab.evaluate(
                "(() => { const q = document.getElementById('search-q'); q.value = 'refund'; q.dispatchEvent(new Event('input')); })()",
                false,
            )
            .unwrap();
            wait_for(
                &tab,
                "document.querySelectorAll('#search-q-list [role=option]').length > 0 && document.querySelector('.site-header .suggest-none').hidden",
                "suggestions replace the note",
            );
        }
    }
}

#[test]
fn footer_sits_at_the_bottom_of_short_pages() {
    let Some(h) = Served::start("footer at the bottom") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 1100);
        // The search page before a search: a title and five links.
        open(&tab, &server.url("/en/search/"));
        let gap = eval(
            &tab,
            "innerHeight - document.querySelector('.site-footer').getBoundingClientRect().bottom",
        );
        let gap = gap.as_f64().unwrap();
        assert!(
            gap.abs() < 1.0,
            "at {width} px the footer ends {gap} px above the bottom"
        );
    }
}

#[test]
fn suggested_answer_is_not_repeated_by_the_first_result() {
    let Some(h) = Served::start("suggested answer") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    open(&tab, &server.url("/en/search/?q=refund"));
    wait_for(
        &tab,
        "!!document.querySelector('.answer p')",
        "the answer card",
    );
    let answer = eval(&tab, "document.querySelector('.answer h3 + p').textContent");
    let answer = answer.as_str().unwrap();
    assert!(answer.len() > 40, "{answer}");
    let list = eval(&tab, "document.querySelector('.results').textContent");
    assert!(
        !list.as_str().unwrap().contains(answer),
        "the results repeat the answer {answer:?}"
    );
    // The first hit is still listed, as a link to the same place.
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.results a').getAttribute('href')"
        ),
        eval(
            &tab,
            "document.querySelector('.answer h3 a').getAttribute('href')"
        ),
    );
}

/// Which of the contact page's steps are on screen, in order.
fn steps_shown(tab: &headless_chrome::Tab) -> String {
    eval(
        tab,
        "[...document.querySelectorAll('.contact .step')].map(s => s.getClientRects().length > 0 ? 'y' : 'n').join('')",
    )
    .as_str()
    .unwrap()
    .to_string()
}

#[test]
fn contact_steps_reveal_in_order_and_all_show_without_javascript() {
    let Some(h) = Served::start("contact steps") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in WIDTHS {
        viewport(&tab, width, 900);
        open(&tab, &server.url("/en/contact/?now=2026-06-10T10:00:00Z"));
        wait_for(
            &tab,
            "!document.querySelector('.next').hidden",
            "contact.js",
        );
        assert_eq!(
            steps_shown(&tab),
            "ynn",
            "at {width} px only the first step"
        );
        tab.find_element("[data-next='1']")
            .unwrap()
            .click()
            .unwrap();
        assert_eq!(steps_shown(&tab), "yyn", "Continue shows the question");
        assert_eq!(eval(&tab, "document.activeElement.id"), "contact-question");
        tab.type_str("refund").unwrap();
        wait_for(
            &tab,
            "document.getElementById('step-support').getClientRects().length > 0",
            "a typed question shows the third step",
        );
        // Coming from an article, the reader has tried it: all three at once.
        open(
            &tab,
            &server.url("/en/contact/?topic=dispute&from=disputes%2Fhow-disputes-are-resolved"),
        );
        wait_for(
            &tab,
            "!document.querySelector('.next').hidden",
            "contact.js",
        );
        assert_eq!(steps_shown(&tab), "yyy");
    }
    use headless_chrome::protocol::cdp::Emulation::SetScriptExecutionDisabled;
    let plain = common::browser::tab(&h.browser);
    plain
        .call_method(SetScriptExecutionDisabled { value: true })
        .unwrap();
    open(&plain, &server.url("/en/contact/"));
    assert_eq!(
        steps_shown(&plain),
        "yyy",
        "without JavaScript every step shows"
    );
    assert_eq!(
        eval(
            &plain,
            "document.querySelectorAll('.next:not([hidden])').length"
        ),
        0,
        "and no Continue button"
    );
}
