//! The home page: the hero's search box (the header's combobox, a second time),
//! category cards with their icons, and the promoted articles in order; and the
//! build errors a category's `icon:` can cause.
//!
//! Without /usr/bin/chromium the browser test prints "skipped: ..." and passes,
//! unless KBGEN_REQUIRE_BROWSER=1 (as in CI), when it fails.

mod common;

use common::TestSite;
use common::browser::{Served, eval, open, tab, viewport, wait_for};

#[test]
fn the_hero_search_suggests_as_the_reader_types() {
    let Some(h) = Served::start("hero search") else {
        return;
    };
    let (tab, server) = (tab(&h.browser), &h.server);
    for width in [1280, 390] {
        viewport(&tab, width, 900);
        for (page, query) in [("/en/", "refund"), ("/zh/", "退款")] {
            open(&tab, &server.url(page));
            let input = tab.wait_for_element(".hero #hero-q").unwrap();
            input.click().unwrap();
            tab.type_str(query).unwrap();
            wait_for(
                &tab,
                "document.querySelectorAll('#hero-q-list [role=option]').length > 0 && document.getElementById('hero-q').getAttribute('aria-expanded') === 'true'",
                "suggestions under the hero's box",
            );
            assert_eq!(
                eval(
                    &tab,
                    "document.querySelectorAll('#search-q-list [role=option]').length"
                ),
                0,
                "{page}: the header's box stays closed"
            );
            let first = eval(
                &tab,
                "document.querySelector('#hero-q-list [role=option]').dataset.href",
            );
            assert!(first.as_str().unwrap().starts_with(page), "{page}: {first}");
        }
    }
}

/// The titles under "Popular articles" on `page`.
fn popular(site: &TestSite, page: &str) -> Vec<String> {
    let html = site.output(page);
    let Some(start) = html.find("<section class=\"popular\"") else {
        return Vec::new();
    };
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    section
        .split("<li><a href=\"")
        .skip(1)
        .map(|li| li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()].to_string())
        .collect()
}

#[test]
fn promoted_articles_are_listed_by_order_then_title_in_every_locale() {
    let site = TestSite::example();
    site.build().assert_ok();
    assert_eq!(
        popular(&site, "en/index.html"),
        [
            "How are disputes resolved?",
            "How do I get support for a specific order or item?",
            "How do refunds work?",
            "What does it mean if my account is suspended or restricted?",
        ]
    );
    for locale in ["es", "it", "fr", "nl", "de", "zh", "pt", "pl"] {
        assert_eq!(
            popular(&site, &format!("{locale}/index.html")).len(),
            4,
            "{locale}"
        );
        assert_eq!(
            popular(&site, &format!("{locale}/404.html")).len(),
            4,
            "{locale} 404"
        );
    }
    // `order` comes before the title; no promoted article, no section.
    site.edit(
        "content/en/account/account-restrictions.md",
        "order: 2",
        "order: 0",
    );
    site.build().assert_ok();
    assert_eq!(
        popular(&site, "en/index.html")[0],
        "What does it mean if my account is suspended or restricted?"
    );
    for file in [
        "payments/refunds.md",
        "orders/get-support-for-an-order.md",
        "disputes/how-disputes-are-resolved.md",
        "account/account-restrictions.md",
    ] {
        site.edit(&format!("content/en/{file}"), "promoted: true\n", "");
    }
    site.build().assert_ok();
    assert!(popular(&site, "en/index.html").is_empty());
    assert!(!site.output("en/index.html").contains("Popular articles"));
}

#[test]
fn category_cards_show_their_icon_and_an_unknown_icon_is_an_error_at_its_line() {
    let site = TestSite::example();
    site.build().assert_ok();
    let home = site.output("en/index.html");
    assert_eq!(
        home.matches("<svg class=\"icon\"").count(),
        5,
        "one per category"
    );
    site.edit(
        "content/en/payments/_index.md",
        "icon: payment",
        "icon: rocket",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/payments/_index.md:3:1")
        .assert_stderr_has("unknown icon `rocket`; the theme has account, payment, shipping, dispute, contact, security, seller, buyer");
}
