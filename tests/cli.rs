//! The command line: exit codes and the messages a writer sees for broken input.

mod common;

use common::TestSite;

const CONTACT: &str = "content/en/help/contact.md";

#[test]
fn version_and_help() {
    let site = TestSite::empty();
    let run = site.kbgen(&["--version"]);
    run.assert_ok();
    assert!(run.stdout.starts_with("kbgen "), "{}", run.stdout);
    let run = site.kbgen(&["build", "--help"]);
    run.assert_ok();
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(run.stdout.contains(flag), "help lacks {flag}");
    }
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::fixture("basic");
    site.kbgen(&["build", "--no-such-flag"]).assert_code(2);
    site.kbgen(&["frobnicate"]).assert_code(2);
}

#[test]
fn missing_or_bad_config_exits_2() {
    let site = TestSite::empty();
    site.build().assert_code(2).assert_stderr_has("site.yaml");
    let site = TestSite::fixture("basic");
    site.edit("site.yaml", "default_locale: en", "default_locale: xx");
    site.build()
        .assert_code(2)
        .assert_stderr_has("default_locale `xx` is not in `locales`");
    let site = TestSite::fixture("basic");
    site.edit(
        "site.yaml",
        "base_url: https://help.test",
        "base_url: help.test",
    );
    site.build().assert_code(2).assert_stderr_has("base_url");
}

#[test]
fn bad_yaml_names_file_and_line() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "order: 1", "order: [1");
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/contact.md:4:")
        .assert_stderr_has("error: invalid front matter");
}

#[test]
fn missing_title_is_an_error() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "title: Contact support\n", "");
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/contact.md:1:1: error: front matter has no `title`");
}

#[test]
fn missing_front_matter_is_an_error() {
    let site = TestSite::fixture("basic");
    site.write("content/en/help/bare.md", "Just text\n");
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/bare.md:1:1: error: missing front matter");
}

#[test]
fn broken_link_names_file_line_and_column() {
    let site = TestSite::fixture("basic");
    site.edit(
        CONTACT,
        "[the English-only page](only-english.md)",
        "[the English-only page](gone.md)",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/contact.md:9:")
        .assert_stderr_has("broken link `gone.md`");
}

#[test]
fn broken_anchor_lists_the_ids_that_exist() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "refunds.md#outcomes", "refunds.md#results");
    site.build()
        .assert_code(1)
        .assert_stderr_has(
            "content/en/help/contact.md:9:19: error: broken anchor `refunds.md#results`",
        )
        .assert_stderr_has("ids: outcomes");
}

#[test]
fn every_content_error_is_reported_at_once() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "(only-english.md)", "(gone-1.md)");
    site.edit(
        "content/it/help/refunds.md",
        "(contact.md#channels)",
        "(gone-2.md)",
    );
    site.edit("content/en/solo/single.md", "title: Single\n", "");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr_has("gone-1.md")
        .assert_stderr_has("gone-2.md")
        .assert_stderr_has("content/en/solo/single.md");
}

#[test]
fn fluent_syntax_error_names_file_line_and_column() {
    let site = TestSite::fixture("basic");
    site.write(
        "locales/pl/extra.ftl",
        "good = Dobrze\n\nthis is not fluent\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("locales/pl/extra.ftl:3:")
        .assert_stderr_has("Fluent syntax error");
}

#[test]
fn template_error_names_the_template_and_line() {
    let site = TestSite::fixture("basic");
    site.write("templates/404.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ no_such_variable }}\n{% endblock main %}\n");
    site.build()
        .assert_code(1)
        .assert_stderr_has("templates/404.html:3:")
        .assert_stderr_has("template error");
    let site = TestSite::fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("templates/404.html:2:");
}

#[test]
fn unknown_fluent_message_in_a_template_is_an_error() {
    let site = TestSite::fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ t(key=\"nope\") }}{% endblock main %}",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("no Fluent message `nope`");
}

#[test]
fn unknown_front_matter_key_warns_with_a_suggestion() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "topic: general", "topci: general");
    site.build()
        .assert_ok()
        .assert_stderr_has("content/en/help/contact.md:5:1: warning: unknown front matter key `topci`; did you mean `topic`?");
}

#[test]
fn missing_message_warns_and_falls_back() {
    let site = TestSite::fixture("basic");
    site.write("locales/en/extra.ftl", "extra-only-en = Extra\n");
    site.build()
        .assert_ok()
        .assert_stderr_has("message `extra-only-en` is missing in pl; showing the en text");
}

#[test]
fn slug_that_escapes_is_rejected() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/it/help/refunds.md",
        "slug: rimborsi",
        "slug: ../../escape",
    );
    site.build().assert_code(1).assert_stderr_has(
        "content/it/help/refunds.md:3:1: error: slug `../../escape` is not a single URL segment",
    );
    assert!(!site.root().join("escape").exists());
}

#[test]
fn two_pages_with_one_url_are_both_named() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/it/help/refunds.md",
        "slug: rimborsi",
        "slug: contatti",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/it/help/contact.md")
        .assert_stderr_has("content/it/help/refunds.md")
        .assert_stderr_has("have the same URL /it/aiuto/contatti/");
}

#[test]
fn non_utf8_file_is_a_clear_error() {
    let site = TestSite::fixture("basic");
    std::fs::write(
        site.root().join("content/en/help/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/latin1.md:2:1: error: not UTF-8 text");
}

#[test]
fn summary_line_reports_pages_and_time() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has("built 52 pages in 4 locales (en 13,");
    assert!(
        run.stderr.trim_end().ends_with("-> public"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );
}
