//! The contact flow in built output: contact pages, article footers, the channel
//! table placeholder, JSON-LD, and contact.yaml errors as the writer sees them.

mod common;

use common::TestSite;

fn built_example() -> TestSite {
    let site = TestSite::example();
    site.build().assert_ok();
    site
}

/// The JSON inside `<script type="...">` on a page.
fn script_json(page: &str, kind: &str) -> serde_json::Value {
    let open = format!("<script type=\"{kind}\"");
    let start = page.find(&open).expect(kind);
    let body = &page[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let end = body.find("</script>").unwrap();
    serde_json::from_str(&body[..end]).expect("valid JSON")
}

#[test]
fn contact_pages_offer_only_the_channels_of_their_locale() {
    let site = built_example();
    for (locale, phone) in [
        ("en", true),
        ("de", true),
        ("zh", false),
        ("pt", false),
        ("pl", false),
    ] {
        let page = site.output(&format!("{locale}/contact/index.html"));
        assert_eq!(
            page.contains(r#"data-channel="phone""#),
            phone,
            "phone on the {locale} contact page"
        );
        assert!(page.contains(r#"data-channel="chat""#), "{locale}");
        assert!(page.contains(r#"data-channel="email""#), "{locale}");
        assert!(
            page.contains(r#"method="post" action="https://support.example.org/contact""#),
            "{locale}: the e-mail form posts without JavaScript"
        );
        let schedule = script_json(&page, "application/json");
        let ids: Vec<&str> = schedule["channels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.contains(&"phone"), phone, "{locale}: {ids:?}");
        assert!(
            !schedule["topics"]["order"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "phone" && !phone)
        );
    }
    let zh = site.output("zh/contact/index.html");
    assert!(zh.contains("时区：阿姆斯特丹"), "hours with their zone");
    assert!(
        zh.contains("周一–周五 08:00–20:00"),
        "chat hours, localized days"
    );
}

#[test]
fn contact_page_gives_closed_days_and_zone_in_the_readers_language() {
    let site = built_example();
    let expected = [
        ("en", "December 25, 2026", "Times are Amsterdam time"),
        ("es", "25 de diciembre de 2026", "Horario de Ámsterdam"),
        ("it", "25 dicembre 2026", "Orari: ora di Amsterdam"),
        ("fr", "25 décembre 2026", "Fuseau horaire : Amsterdam"),
        ("nl", "25 december 2026", "Tijdzone: Amsterdam"),
        ("de", "25. Dezember 2026", "Ortszeit Amsterdam"),
        ("zh", "2026年12月25日", "时区：阿姆斯特丹"),
        ("pt", "25 de dezembro de 2026", "Horário de Amesterdão"),
        // Polish dates take the month in the genitive.
        ("pl", "25 grudnia 2026", "Strefa czasowa: Amsterdam"),
    ];
    for (locale, closed, zone) in expected {
        let page = site.output(&format!("{locale}/contact/index.html"));
        assert!(page.contains(closed), "{locale}: no {closed:?}");
        assert!(page.contains(zone), "{locale}: no {zone:?}");
        // What a reader sees: the page without its script blocks (JSON for contact.js).
        let text: String = page
            .split("<script")
            .map(|part| {
                part.split_once("</script>")
                    .map_or(part, |(_, after)| after)
            })
            .collect();
        assert!(
            !text.contains("2026-12-25"),
            "{locale}: an ISO date is shown"
        );
        assert!(
            !text.contains("Europe/"),
            "{locale}: a raw IANA id is shown"
        );
    }
}

#[test]
fn contact_page_has_contact_point_json_ld() {
    let site = built_example();
    let page = site.output("nl/contact/index.html");
    let ld = script_json(&page, "application/ld+json");
    assert_eq!(ld["@context"], "https://schema.org");
    let points = ld["contactPoint"].as_array().unwrap();
    let phone = points.iter().find(|p| p["name"] == "phone").unwrap();
    assert_eq!(phone["@type"], "ContactPoint");
    assert_eq!(phone["telephone"], "+31 20 000 0005");
    assert_eq!(
        phone["availableLanguage"],
        serde_json::json!(["en", "es", "it", "fr", "nl", "de"])
    );
    let hours = phone["hoursAvailable"].as_array().unwrap();
    assert_eq!(hours.len(), 5);
    assert_eq!(hours[0]["dayOfWeek"], "https://schema.org/Monday");
    assert_eq!(hours[0]["opens"], "09:00");
    assert_eq!(hours[0]["closes"], "17:00");
    let zh = script_json(&site.output("zh/contact/index.html"), "application/ld+json");
    assert!(
        !zh["contactPoint"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "phone")
    );
}

#[test]
fn articles_end_with_feedback_and_a_contact_link() {
    let site = built_example();
    let page = site.output("en/disputes/how-disputes-are-resolved/index.html");
    assert!(page.contains("Was this article helpful?"), "{page}");
    assert!(
        page.contains(
            r#"href="/en/contact/?topic=dispute&amp;from=disputes%2Fhow-disputes-are-resolved""#
        ),
        "{page}"
    );
    // No feedback endpoint in the example: answers stay in the browser.
    assert!(page.contains(r#"<form class="feedback" hidden>"#));
}

#[test]
fn channel_table_replaces_the_placeholder() {
    let site = built_example();
    let en = site.output("en/contacting-support/contact-methods/index.html");
    assert!(!en.contains("kbgen:contact-channels"));
    assert!(en.contains(r#"<table class="contact-channels">"#), "{en}");
    assert!(en.contains(r#"<th scope="row">Phone</th>"#));
    // The BCP 47 tag of site.yaml's `lang:`, the zone by its city, the reader's clock.
    assert!(en.contains(r#"<span lang="zh-Hans">中文</span>"#), "{en}");
    assert!(en.contains("Mon–Fri 9:00\u{202f}AM–5:00\u{202f}PM<br>(Amsterdam)"));
    assert!(!en.contains("Europe/Amsterdam"));
    let zh = site.output("zh/support/contact-methods/index.html");
    assert!(zh.contains(r#"<th scope="row">在线客服</th>"#), "{zh}");
    assert!(
        zh.contains(r#"<th scope="row">电话</th>"#),
        "the table shows phone in zh too: it says which languages phone serves"
    );
}

#[test]
fn feedback_posts_to_the_configured_endpoint() {
    let site = TestSite::example();
    site.edit(
        "contact.yaml",
        "# feedback_endpoint: https://support.example.org/feedback",
        "feedback_endpoint: /feedback",
    );
    site.build().assert_ok();
    let page = site.output("pl/spory/jak-rozstrzygamy-spory/index.html");
    assert!(
        page.contains(r#"<form class="feedback" method="post" action="/feedback">"#),
        "{page}"
    );
}

#[test]
fn bad_contact_yaml_is_a_config_error_with_its_line() {
    let site = TestSite::example();
    site.edit(
        "contact.yaml",
        "sat: [\"10:00-16:00\"]",
        "sat: [\"10:00-25:00\"]",
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("contact.yaml:25:")
        .assert_stderr_has("hours `10:00-25:00` must look like `09:00-18:00`");

    let site = TestSite::example();
    site.edit(
        "contact.yaml",
        "locales: [en, es, it, fr, nl, de]",
        "locales: [en, es, it, fr, nl, de, xx]",
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("contact.yaml:28:1: error: unknown locale `xx`");

    let site = TestSite::example();
    site.edit("contact.yaml", "  phone:\n", "  fax:\n");
    site.build()
        .assert_code(2)
        .assert_stderr_has("contact.yaml:27:")
        .assert_stderr_has("unknown field `fax`");
}

#[test]
fn unknown_article_topic_is_an_error() {
    let site = TestSite::example();
    site.edit(
        "content/en/disputes/how-disputes-are-resolved.md",
        "topic: dispute",
        "topic: disputes",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("how-disputes-are-resolved.md:")
        .assert_stderr_has("topic `disputes` is not in contact.yaml");
}

#[test]
fn a_page_cannot_take_the_contact_flow_url() {
    let site = TestSite::example();
    site.edit(
        "content/en/contact/_index.md",
        "slug: \"contacting-support\"",
        "slug: \"contact\"",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("this page's URL /en/contact/ is the contact flow's");
}

#[test]
fn sites_without_contact_yaml_have_no_contact_flow() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    assert!(!site.output_exists("en/contact/index.html"));
    let page = site.output("en/help/refunds/index.html");
    assert!(!page.contains("contact-us"));
    assert!(page.contains("Was this article helpful?"));
}
