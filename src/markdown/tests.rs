//! Markdown to HTML: ids, links, raw HTML, nesting, sections.

use super::*;
use crate::frontmatter::FrontMatter;
use std::path::PathBuf;

fn page(body: &str) -> SourcePage {
    crate::load::tests_support::page(
        Kind::Article {
            category: "disputes".into(),
            name: "a".into(),
        },
        PathBuf::from("content/en/disputes/a.md"),
        FrontMatter::default(),
        body,
    )
}

fn urls(key: &str) -> Option<&'static str> {
    match key {
        "disputes/outcomes" => Some("/en/disputes/outcomes/"),
        "contact/_index" => Some("/en/contact/"),
        _ => None,
    }
}

#[test]
fn sections_follow_h2_and_h3_with_the_same_ids() {
    let p = page(
        "Intro **bold** text.\n\n## Outcomes {#outcomes}\n\n- Refund\n- Cancel\n\n### Details\n\nMore.\n",
    );
    let s = sections(&p);
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].id, None);
    assert_eq!(s[0].text, "Intro bold text.");
    assert_eq!(s[1].id.as_deref(), Some("outcomes"));
    assert_eq!(s[1].text, "Refund Cancel");
    assert_eq!(
        (s[2].id.as_deref(), s[2].heading.as_str()),
        (Some("details"), "Details")
    );
    let html_ids: Vec<String> = parse(&p, "k", &urls)
        .headings
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(html_ids, ["outcomes", "details"]);
}

#[test]
fn the_channel_directive_becomes_a_marker_that_survives_sanitizing() {
    for body in [
        "Text\n\n<!-- kbgen:contact-channels -->\n",
        "Text <b>raw</b>\n\n<!-- kbgen:contact-channels -->\n",
    ] {
        let p = parse(&page(body), "k", &urls);
        assert!(p.html.contains(CHANNELS_MARKER), "{}", p.html);
    }
}

#[test]
fn comments_that_browsers_end_early_are_sanitized_not_trusted() {
    for body in [
        "<!--><svg onload=alert(1)>-->\n",
        "<!---><svg onload=alert(1)>-->\n",
        "<!-- x --!><svg onload=alert(1)> -->\n",
        "a <!--><img src=x onerror=alert(1)>--> b\n",
    ] {
        let p = parse(&page(body), "k", &urls);
        assert!(
            !p.html.contains("onload") && !p.html.contains("onerror"),
            "{body}: {}",
            p.html
        );
    }
}

#[test]
fn heading_attributes_beyond_the_id_are_an_error_and_never_written() {
    let p = parse(
        &page("## Shipping {#shipping tabindex=0 autofocus onfocus=alert(document.domain)}\n"),
        "k",
        &urls,
    );
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert!(
        p.errors[0].message.contains("onfocus=alert"),
        "{}",
        p.errors[0]
    );
    assert!(!p.html.contains("onfocus"), "{}", p.html);
    assert!(p.html.contains(r#"<h2 id="shipping">"#), "{}", p.html);
    let p = parse(&page("## Shipping {.evil}\n"), "k", &urls);
    assert_eq!(p.errors.len(), 1);
    assert!(!p.html.contains("evil"), "{}", p.html);
}

#[test]
fn slugs_work_for_every_script() {
    assert_eq!(
        slugify("How disputes are resolved?"),
        "how-disputes-are-resolved"
    );
    assert_eq!(slugify("Rozwiązanie sporu"), "rozwiązanie-sporu");
    assert_eq!(slugify("联系方式"), "联系方式");
    assert_eq!(slugify("!!!"), "section");
}

#[test]
fn explicit_ids_win_and_auto_ids_are_unique() {
    let p = parse(
        &page("## Outcomes {#outcomes}\n\n## Steps\n\n## Steps\n"),
        "k",
        &urls,
    );
    let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["outcomes", "steps", "steps-2"]);
    assert!(
        p.html.contains(r#"<h2 id="outcomes">Outcomes</h2>"#),
        "{}",
        p.html
    );
}

#[test]
fn links_resolve_to_urls_and_keep_anchors_for_checking() {
    let p = parse(
        &page("See [o](outcomes.md#refunds) and [c](../contact/_index.md).\n"),
        "k",
        &urls,
    );
    assert!(p.errors.is_empty());
    assert!(
        p.html.contains(r#"href="/en/disputes/outcomes/#refunds""#),
        "{}",
        p.html
    );
    assert!(p.html.contains(r#"href="/en/contact/""#), "{}", p.html);
    assert_eq!(p.anchors[0].key, "disputes/outcomes");
    assert_eq!(p.anchors[0].anchor, "refunds");
}

#[test]
fn broken_link_names_line_and_column() {
    let p = parse(&page("Intro.\n\nText [x](../nowhere.md) end\n"), "k", &urls);
    assert_eq!(p.errors.len(), 1);
    // body starts on line 4 of the test page
    assert_eq!((p.errors[0].line, p.errors[0].col), (Some(6), Some(6)));
}

#[test]
fn external_links_are_untouched() {
    let p = parse(
        &page("[a](https://www.acm.nl/) [b](mailto:x@y) [c](/abs/)\n"),
        "k",
        &urls,
    );
    assert!(p.errors.is_empty());
    assert!(p.html.contains("https://www.acm.nl/"));
    assert!(p.anchors.is_empty());
}

#[test]
fn nesting_deeper_than_browsers_show_is_an_error() {
    for body in [
        ">".repeat(10_000) + " deep\n",
        "- ".repeat(10_000) + "deep\n",
        "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000) + "\n",
    ] {
        let p = parse(&page(&body), "k", &urls);
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        assert!(p.errors[0].message.starts_with("nested more than 512"));
        assert!(p.html.is_empty());
    }
    let ok = parse(&page(&("> ".repeat(100) + "fine\n")), "k", &urls);
    assert!(ok.errors.is_empty());
}

#[test]
fn html_nesting_skips_void_and_self_closing_elements() {
    assert_eq!(html_nesting("<div><br><img src=x/><p>a</p>", 0), (1, 2));
    assert_eq!(html_nesting("</div></div>", 1), (0, 1));
}

#[test]
fn raw_html_images_are_found_with_their_alt_text() {
    let p = parse(
        &page(
            "<p><IMG SRC='/a.png' ALT=\"A cat\"><img src=b.png><image></p>\n\nx <img alt=z src=\"c.png\"/> y\n",
        ),
        "k",
        &urls,
    );
    let found: Vec<(&str, &str)> = p
        .images
        .iter()
        .map(|i| (i.src.as_str(), i.alt.as_str()))
        .collect();
    assert_eq!(found, [("/a.png", "A cat"), ("b.png", ""), ("c.png", "z")]);
}

#[test]
fn climbing_out_is_an_error() {
    let p = parse(&page("[x](../../../etc/passwd.md)\n"), "k", &urls);
    assert!(p.errors[0].message.contains("climbs out"));
}

/// The page pass cuts articles into search sections from its own parse; the
/// index of a page it did not render cuts them from the source. Both must agree,
/// or a page's search hits would depend on how it was indexed.
#[test]
fn the_render_cuts_the_same_sections_as_a_parse_of_its_own() {
    let bodies = [
        "Intro **bold** text.\n\n## Outcomes {#outcomes}\n\n- Refund\n- Cancel\n\n### Details\n\nMore.\n",
        "# Title\n\n## Same\n\nOne.\n\n## Same\n\nTwo [outcomes](../disputes/outcomes.md) and [x](https://example.com).\n",
        "Text <img src=\"a.png\" alt=\"A seller's reply\"> and <b>bold</b>.\n\n#### Small\n\n`code` here\n\n```\nblock\n```\n",
        "## `Code` heading {#own-id}\n\n> Quote\n> more\n\nLine one\nline two  \nhard break[^1]\n\n[^1]: A note.\n",
        "<div>\n\n## Inside HTML\n\n</div>\n\n| a | b |\n|---|---|\n| c | d |\n",
        "",
    ];
    for body in bodies {
        let p = page(body);
        let none = Catalog::default();
        let media = media::Shown {
            catalog: &none,
            locale: p.locale,
        };
        let parsed = parse_with(&p, "disputes/a", &urls, &HtmlPolicy::default(), media, true);
        assert_eq!(parsed.sections, Some(sections(&p)), "{body}");
        assert_eq!(parse(&p, "disputes/a", &urls).sections, None, "{body}");
    }
}
