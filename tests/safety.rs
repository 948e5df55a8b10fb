//! Regression tests for content that ran script, lost pages or led off-site, and
//! for sites that `kbgen check` passed while `kbgen build` rejected them. Each one
//! asserts the exit code, the message, and that no file outside the output changed.

mod common;

use common::{Run, TestSite};

const REFUNDS: &str = "content/en/help/refunds.md";
const PL_REFUNDS: &str = "content/pl/help/refunds.md";
const HELP_INDEX: &str = "content/en/help/_index.md";

/// Every file of the site but its output, with its bytes.
fn sources(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    TestSite::snapshot(site.root())
        .into_iter()
        .filter(|(rel, _)| !rel.starts_with("public") && !rel.starts_with(".public"))
        .collect()
}

/// A fixture site built once, so that a failing build must keep its output.
fn built(name: &str) -> TestSite {
    let site = if name == "example" {
        TestSite::example()
    } else {
        TestSite::fixture(name)
    };
    site.build().assert_ok();
    site
}

/// Runs `kbgen <args>` and asserts it failed with `code` and `needle`, touching
/// neither the sources nor the previous output.
#[track_caller]
fn fails_cleanly(site: &TestSite, args: &[&str], code: i32, needle: &str) -> Run {
    let before = sources(site);
    let output = TestSite::snapshot(&site.root().join("public"));
    let run = site.kbgen(args);
    run.assert_code(code).assert_stderr_has(needle);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("kbgen-staging"),
        "the message names the source, not a staging file: {}",
        run.stderr
    );
    assert_eq!(before, sources(site), "a source file changed");
    assert_eq!(
        output,
        TestSite::snapshot(&site.root().join("public")),
        "the previous output changed"
    );
    run
}

/// `kbgen check` fails too, with the same message on stdout.
#[track_caller]
fn check_fails(site: &TestSite, needle: &str) {
    let run = site.check(&[]);
    run.assert_code(1).assert_stdout_has(needle);
}

/// Every built page of `key`'s article, in every locale.
fn pages_of(site: &TestSite, slug: &str) -> Vec<String> {
    TestSite::snapshot(&site.root().join("public"))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(&format!("{slug}/index.html")))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect()
}

#[test]
fn heading_attribute_event_handlers_are_an_error_not_a_script() {
    let site = built("check");
    site.edit(
        REFUNDS,
        "## Steps",
        "## Shipping {#shipping tabindex=0 autofocus onfocus=alert(document.domain)}",
    );
    let run = fails_cleanly(
        &site,
        &["build"],
        1,
        "heading attributes other than `{#id}`",
    );
    run.assert_stderr_has("content/en/help/refunds.md:13:1:");
    run.assert_stderr_has("onfocus=alert(document.domain)");
    check_fails(&site, "heading attributes other than `{#id}`");
}

#[test]
fn heading_classes_are_refused_too() {
    let site = built("check");
    site.edit(REFUNDS, "## Steps", "## Steps {.visually-hidden}");
    fails_cleanly(&site, &["build"], 1, "found `.visually-hidden`");
}

#[test]
fn comments_that_browsers_end_early_cannot_run_script_in_any_locale() {
    let site = TestSite::fixture("check");
    site.edit(
        REFUNDS,
        "Refunds take a few days.",
        "Refunds take a few days.\n\n<!--><svg onload=alert(1)>-->\n\n<!---><svg onload=alert(2)>-->\n\nText <!-- x --!><svg onload=alert(3)> --> and <!--><img src=https://example.invalid/x.png onerror=alert(4)>-->.\n",
    );
    site.build().assert_ok();
    let pages = pages_of(&site, "refunds");
    assert!(!pages.is_empty());
    for html in pages {
        for bad in ["onload", "onerror", "<svg"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }
}

#[test]
fn table_cell_style_cannot_paint_over_the_page() {
    let site = TestSite::fixture("check");
    site.edit(
        REFUNDS,
        "Refunds take a few days.",
        "<table><tr><td style=\"position:fixed;top:0;left:0;width:100vw;height:100vh\">Sign in again</td></tr></table>\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
    );
    site.build().assert_ok();
    let html = site.output("en/help/refunds/index.html");
    assert!(!html.contains("position:fixed"), "{html}");
    assert!(html.contains(r#"<td style="text-align: right">"#), "{html}");
}

#[test]
fn an_article_named_dot_dot_md_is_an_error_not_an_overwrite_of_its_category() {
    let site = built("check");
    site.write("content/en/help/..md", "---\ntitle: Dots\n---\nText\n");
    fails_cleanly(&site, &["build"], 1, "content/en/help/..md");
    check_fails(&site, "the file name `..md` cannot become a URL");
}

#[test]
fn a_category_slug_cannot_take_the_search_page() {
    let site = built("check");
    site.edit(HELP_INDEX, "title:", "slug: Search\ntitle:");
    let run = fails_cleanly(&site, &["build"], 1, "kbgen's search page");
    run.assert_stderr_has("content/en/help/_index.md:2:1:");
    check_fails(&site, "kbgen's search page");
}

#[test]
fn slugs_naming_files_kbgen_writes_are_errors_with_their_line() {
    for (file, slug) in [
        (PL_REFUNDS, "index.html"),
        (PL_REFUNDS, "404.html"),
        (PL_REFUNDS, "INDEX.MD"),
    ] {
        let site = built("check");
        site.edit(file, "slug: zwroty", &format!("slug: {slug}"));
        let needle = format!("{file}:4:1: error: slug `{slug}`");
        fails_cleanly(&site, &["build"], 1, &needle);
        check_fails(&site, &format!("slug `{slug}`"));
    }
}

#[test]
fn a_category_slug_404_html_is_an_error_not_an_os_error() {
    let site = built("check");
    site.edit(HELP_INDEX, "title:", "slug: 404.html\ntitle:");
    fails_cleanly(&site, &["build"], 1, "content/en/help/_index.md:2:1:");
}

#[test]
fn a_300_character_slug_is_an_error_before_anything_is_written() {
    let site = built("check");
    let slug = "a".repeat(300);
    site.edit(PL_REFUNDS, "slug: zwroty", &format!("slug: {slug}"));
    fails_cleanly(&site, &["build"], 1, "300 bytes long");
    check_fails(&site, "300 bytes long");
}

#[test]
fn slugs_with_bidi_controls_or_zero_width_characters_are_errors() {
    for slug in [
        "zwr\u{202E}oty",
        "zw\u{200B}roty",
        "\u{2066}zwroty",
        "zwroty\u{FEFF}",
    ] {
        let site = built("check");
        site.edit(PL_REFUNDS, "slug: zwroty", &format!("slug: \"{slug}\""));
        fails_cleanly(&site, &["build"], 1, "invisible character");
    }
}

#[test]
fn slugs_that_differ_only_in_case_normalization_or_width_collide() {
    for (a, b) in [
        ("Refunds-Help", "refunds-help"),
        ("cafe\u{301}", "caf\u{e9}"),
        ("\u{ff52}efunds", "refunds"),
    ] {
        let site = built("check");
        site.edit(REFUNDS, "title:", &format!("slug: \"{a}\"\ntitle:"));
        let contact = site.read_source("content/en/help/contact.md");
        site.write(
            "content/en/help/contact.md",
            &contact.replacen("---\n", &format!("---\nslug: \"{b}\"\n"), 1),
        );
        let run = fails_cleanly(&site, &["build"], 1, "have the same URL");
        run.assert_stderr_has("content/en/help/contact.md")
            .assert_stderr_has("content/en/help/refunds.md");
        check_fails(&site, "have the same URL");
    }
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_errors_naming_the_file() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let site = built("check");
    for bytes in [&b"caf\xe9.md"[..], &b"caf\xff.md"[..]] {
        let name = OsStr::from_bytes(bytes);
        let path = site.root().join("content/en/help").join(name);
        std::fs::write(path, "---\ntitle: Caf\n---\nText\n").unwrap();
    }
    let run = fails_cleanly(&site, &["build"], 1, "is not UTF-8 text: rename it");
    assert_eq!(
        run.stderr.matches("is not UTF-8 text").count(),
        2,
        "{}",
        run.stderr
    );
    check_fails(&site, "is not UTF-8 text");
}

#[test]
fn stamp_keeps_every_line_of_a_multi_line_description() {
    let site = TestSite::fixture("check");
    let description = "description: \"Jak działają zwroty.\nsource_hash: to jest zdanie tłumacza,\nnie klucz.\"\n";
    site.edit(
        PL_REFUNDS,
        "description: Jak działają zwroty.\n",
        description,
    );
    let before = site.read_source(PL_REFUNDS);
    site.kbgen(&["stamp", "pl"]).assert_ok();
    let after = site.read_source(PL_REFUNDS);
    assert!(after.contains(description), "{after}");
    assert_eq!(
        after.matches("\nsource_hash: ").count(),
        2,
        "one in the description, one stamped: {after}"
    );
    // Only the stamp lines changed (source_blocks is a new one).
    let without_stamp = |t: &str| {
        t.lines()
            .filter(|l| {
                !l.starts_with("source_hash: ")
                    && !l.starts_with("source_sections: ")
                    && !l.starts_with("source_blocks: ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_stamp(&after), without_stamp(&before));
}

#[test]
fn contact_endpoints_that_browsers_send_to_another_host_are_config_errors() {
    for endpoint in [
        "\"/\\\\evil.example/steal\"",
        "\"/\\t/evil.example/steal\"",
        "//evil.example/x",
    ] {
        let site = built("example");
        let text = site.read_source("contact.yaml");
        let start = text.find("\n    endpoint: ").unwrap() + 5;
        let end = start + text[start..].find('\n').unwrap();
        site.write(
            "contact.yaml",
            &format!("{}endpoint: {endpoint}{}", &text[..start], &text[end..]),
        );
        let line = text[..start].matches('\n').count() + 1;
        let run = fails_cleanly(&site, &["build"], 2, &format!("contact.yaml:{line}:"));
        assert!(run.stderr.contains("another"), "{}", run.stderr);
        site.check(&[]).assert_code(2);
    }
}

#[test]
fn base_urls_that_make_links_leave_the_site_are_config_errors() {
    for base in [
        "https://help.test//evil.example",
        "https://help.test/\\evil.example",
        "https://help.test/kb?ref=1",
        "https://help.test/kb#top",
    ] {
        let site = built("check");
        site.edit(
            "site.yaml",
            "base_url: https://help.test",
            &format!("base_url: \"{}\"", base.replace('\\', "\\\\")),
        );
        fails_cleanly(&site, &["build"], 2, "site.yaml:1:1: error: base_url");
        site.check(&[]).assert_code(2);
        let flag = site.kbgen(&["build", "--base-url", base]);
        flag.assert_code(2).assert_stderr_has("--base-url");
    }
}

#[test]
fn an_impossible_date_fails_the_build_and_the_check() {
    let site = built("check");
    site.edit(
        REFUNDS,
        "review_by: 2027-06-30",
        "updated: 2026-02-30\nreview_by: 2027-06-30",
    );
    let run = fails_cleanly(&site, &["build"], 1, "`updated: 2026-02-30` is not a date");
    run.assert_stderr_has("content/en/help/refunds.md:5:1:");
    check_fails(&site, "`updated: 2026-02-30` is not a date");
}

#[test]
fn a_fluent_message_that_refers_to_itself_is_an_error_at_its_ftl_line() {
    let site = built("check");
    site.write(
        "locales/pl/site.ftl",
        "# Polish\nsite-title = { site-title } Pomoc\n",
    );
    let run = fails_cleanly(&site, &["build"], 1, "locales/pl/site.ftl:2:1:");
    run.assert_stderr_has("refers to itself");
    assert!(!run.stderr.contains("template error"), "{}", run.stderr);
    check_fails(&site, "refers to itself");
}

#[test]
fn a_fluent_variable_the_theme_never_passes_is_an_error_at_its_ftl_line() {
    let site = built("check");
    site.write(
        "locales/en/site.ftl",
        "site-title = Help for { $company }\n",
    );
    let run = fails_cleanly(&site, &["build"], 1, "locales/en/site.ftl:1:1:");
    run.assert_stderr_has("$company");
    check_fails(&site, "$company");
}

#[test]
fn a_fluent_file_starting_with_a_byte_order_mark_is_read() {
    let site = TestSite::fixture("check");
    site.write(
        "locales/pl/site.ftl",
        "\u{feff}site-title = Centrum pomocy\n",
    );
    site.build().assert_ok();
    assert!(site.output("pl/index.html").contains("Centrum pomocy"));
    site.check(&[]).assert_ok();
}

#[test]
fn a_locale_without_a_content_folder_builds_from_fallbacks_with_a_warning() {
    let site = TestSite::example();
    std::fs::remove_dir_all(site.root().join("content/pl")).unwrap();
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has("no content folder for pl: every pl page shows the en text");
    // The English category `contact` has slug `contacting-support`; its fallback
    // must not take the contact flow's /pl/contact/.
    assert!(site.output_exists("pl/contacting-support/index.html"));
    assert!(site.output("pl/contact/index.html").contains("contact"));
    site.check(&[])
        .assert_ok()
        .assert_stdout_has("no content folder for pl");
}

#[test]
fn an_article_topic_missing_from_contact_yaml_fails_the_check_too() {
    let site = built("example");
    let file = "content/en/payments/refunds.md";
    let text = site.read_source(file);
    let changed = match text.find("\ntopic: ") {
        Some(i) => {
            let end = i + 1 + text[i + 1..].find('\n').unwrap();
            format!("{}\ntopic: nosuchtopic{}", &text[..i], &text[end..])
        }
        None => text.replacen("---\n", "---\ntopic: nosuchtopic\n", 1),
    };
    site.write(file, &changed);
    fails_cleanly(
        &site,
        &["build"],
        1,
        "topic `nosuchtopic` is not in contact.yaml",
    );
    check_fails(&site, "topic `nosuchtopic` is not in contact.yaml");
}

#[test]
fn the_channel_table_without_contact_yaml_fails_the_check_too() {
    let site = built("check");
    site.edit(
        REFUNDS,
        "Refunds take a few days.",
        "Refunds take a few days.\n\n<!-- kbgen:contact-channels -->\n",
    );
    fails_cleanly(&site, &["build"], 1, "content/en/help/refunds.md:9:1:");
    check_fails(&site, "this site has none");
}

#[test]
fn the_channel_table_still_shows_on_a_page_with_raw_html() {
    let site = TestSite::example();
    let file = "content/en/contact/contact-methods.md";
    let text = site.read_source(file);
    assert!(text.contains("<!-- kbgen:contact-channels -->"), "{text}");
    site.write(file, &format!("{text}\n<p><b>Raw</b> HTML too.</p>\n"));
    site.build().assert_ok();
    let html = site.output("en/contacting-support/contact-methods/index.html");
    assert!(html.contains("contact-channels"), "{html}");
    assert!(!html.contains("kbgen-contact-channels"), "{html}");
    assert!(html.contains("<b>Raw</b>"), "{html}");
}
