//! `kbgen check` and `kbgen stamp`: translation status, links, Fluent, dates, and
//! the exit codes a CI job relies on.

mod common;

use common::{TestSite, fixture_dir};
use serde_json::Value;

const EN_REFUNDS: &str = "content/en/help/refunds.md";
const PL_REFUNDS: &str = "content/pl/help/refunds.md";
const EN_CONTACT: &str = "content/en/help/contact.md";

fn statuses(json: &Value) -> Vec<(String, String, String)> {
    json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["key"].as_str().unwrap().to_string(),
                t["locale"].as_str().unwrap().to_string(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn problems<'a>(json: &'a Value, kind: &str) -> Vec<&'a Value> {
    json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == kind)
        .collect()
}

#[test]
fn example_site_passes_strict() {
    let site = TestSite::empty();
    let root = env!("CARGO_MANIFEST_DIR");
    site.check(&["--strict", "--root", root])
        .assert_ok()
        .assert_stdout_has("passed (strict)");
}

#[test]
fn stamped_fixture_passes_strict_with_a_table() {
    let site = TestSite::fixture("check");
    let run = site.check(&["--strict"]);
    run.assert_ok();
    let table: Vec<&str> = run.stdout.lines().take(3).collect();
    assert_eq!(
        table,
        [
            "translations of en pages, by locale:",
            "locale   up to date   outdated    missing     orphan",
            "pl                4          0          0          0",
        ]
    );
}

#[test]
fn json_is_versioned_and_complete() {
    let site = TestSite::fixture("check");
    // One problem at least, to see its fields.
    site.edit(EN_CONTACT, "---\n", "---\ncolour: blue\n");
    let (run, json) = site.check_json(&[]);
    run.assert_ok();
    assert_eq!(json["version"], 1);
    assert_eq!(json["today"], "2026-11-24");
    assert_eq!(json["default_locale"], "en");
    assert_eq!(json["passed"], true);
    assert_eq!(json["summary"]["translations"]["pl"]["up_to_date"], 4);
    assert_eq!(json["summary"]["errors"], 0);
    let t = &json["translations"][0];
    for field in ["key", "locale", "status", "path", "source"] {
        assert!(t.get(field).is_some(), "translation lacks {field}: {t}");
    }
    let p = &json["problems"][0];
    for field in ["level", "kind", "path", "line", "column", "message"] {
        assert!(p.get(field).is_some(), "problem lacks {field}: {p}");
    }
}

#[test]
fn changed_source_makes_translation_outdated_and_names_the_section() {
    let site = TestSite::fixture("check");
    site.edit(EN_REFUNDS, "A full or a partial refund.", "A full refund.");
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let outdated: Vec<&Value> = json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] == "outdated")
        .collect();
    assert_eq!(outdated.len(), 1, "{outdated:?}");
    assert_eq!(outdated[0]["key"], "help/refunds");
    assert_eq!(outdated[0]["reason"], "source changed");
    assert_eq!(
        outdated[0]["sections"],
        serde_json::json!([{"id": "outcomes", "change": "changed"}])
    );
    // Without --strict a stale translation is reported but does not fail.
    site.check(&[]).assert_ok().assert_stdout_has(
        "content/pl/help/refunds.md: outdated (source changed); sections: outcomes changed",
    );
}

#[test]
fn stamp_brings_a_translation_up_to_date_and_keeps_the_rest() {
    let site = TestSite::fixture("check");
    site.edit(EN_REFUNDS, "## Steps", "## Steps to take");
    let before = site.read_source(PL_REFUNDS);
    site.kbgen(&["stamp", PL_REFUNDS])
        .assert_ok()
        .assert_stderr_has("1 file stamped");
    let after = site.read_source(PL_REFUNDS);
    assert_ne!(before, after);
    let strip = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.starts_with("source_"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&before), strip(&after), "only the stamp changed");
    assert!(after.contains("steps-to-take: "), "{after}");
    site.check(&["--strict"]).assert_ok();
}

#[test]
fn unstamped_translation_is_outdated() {
    let site = TestSite::fixture("check");
    let text = site.read_source(PL_REFUNDS);
    let unstamped: String = text
        .lines()
        .filter(|l| !l.starts_with("source_"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write(PL_REFUNDS, &unstamped);
    let (_, json) = site.check_json(&[]);
    let t = statuses(&json);
    assert!(
        t.contains(&("help/refunds".into(), "pl".into(), "outdated".into())),
        "{t:?}"
    );
    site.check(&[])
        .assert_stdout_has("outdated (never stamped)");
}

#[test]
fn missing_and_orphan_translations() {
    let site = TestSite::fixture("check");
    site.remove("content/pl/help/contact.md");
    site.write(
        "content/pl/help/stary.md",
        "---\ntitle: Stary artykuł\n---\nTekst.\n",
    );
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let t = statuses(&json);
    assert!(
        t.contains(&("help/contact".into(), "pl".into(), "missing".into())),
        "{t:?}"
    );
    assert!(
        t.contains(&("help/stary".into(), "pl".into(), "orphan".into())),
        "{t:?}"
    );
    assert_eq!(json["summary"]["translations"]["pl"]["missing"], 1);
    assert_eq!(json["summary"]["translations"]["pl"]["orphan"], 1);
}

#[test]
fn readers_of_an_outdated_translation_see_a_notice_linking_the_original() {
    let site = TestSite::fixture("check");
    site.build().assert_ok();
    assert!(
        !site
            .output("pl/pomoc/zwroty/index.html")
            .contains("class=\"notice\"")
    );
    site.edit(
        EN_REFUNDS,
        "Refunds take a few days.",
        "Refunds take a week.",
    );
    site.build().assert_ok();
    let html = site.output("pl/pomoc/zwroty/index.html");
    assert!(
        html.contains("To tłumaczenie może być nieaktualne: oryginał (English) zmienił się od czasu tłumaczenia. <a href=\"/en/help/refunds/\" hreflang=\"en\">Przeczytaj aktualny oryginał (English)</a>"),
        "{html}"
    );
    assert!(
        !site
            .output("pl/pomoc/kontakt/index.html")
            .contains("class=\"notice\"")
    );
}

#[test]
fn broken_links_and_anchors_fail_even_without_strict() {
    let site = TestSite::fixture("check");
    site.edit(EN_CONTACT, "refunds.md#outcomes", "refunds.md#results");
    site.edit(EN_CONTACT, "first.", "first, or [nothing](gone.md).");
    let run = site.check(&[]);
    run.assert_code(1)
        .assert_stdout_has("content/en/help/contact.md:5:12: error: broken anchor `refunds.md#results`: help/refunds.md has no heading with id `results` in locale en")
        .assert_stdout_has("content/en/help/contact.md:5:")
        .assert_stdout_has("broken link `gone.md`");
}

#[test]
fn anchors_are_checked_in_every_locale_a_page_is_shown_in() {
    let site = TestSite::fixture("check");
    site.remove("content/pl/help/contact.md");
    // The English page is shown in Polish too, where its link goes to the Polish
    // refunds page: the anchor is right (in English), but lands nowhere there.
    site.edit(PL_REFUNDS, "{#outcomes}", "{#wyniki}");
    let (run, json) = site.check_json(&[]);
    run.assert_ok();
    let anchors = problems(&json, "anchor");
    assert_eq!(anchors.len(), 1, "{anchors:?}");
    assert_eq!(anchors[0]["level"], "warning");
    let message = anchors[0]["message"].as_str().unwrap();
    assert!(message.contains("in locale pl"), "{message}");
    assert!(message.contains("content/pl/help/refunds.md:"), "{message}");
    site.check(&["--strict"]).assert_code(1);
}

#[test]
fn contact_links_need_a_declared_topic() {
    let site = TestSite::fixture("check");
    site.edit(EN_CONTACT, "?topic=refund", "?topic=refnud");
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let p = problems(&json, "contact_topic");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0]["line"], 9);
    assert_eq!(
        p[0]["message"],
        "contact link `/en/contact/?topic=refnud`: no article has `topic: refnud` (topics: general, refund)"
    );
    site.check(&[]).assert_ok();
}

#[test]
fn images_must_be_published_and_have_alt_text() {
    let site = TestSite::fixture("check");
    site.edit(
        EN_CONTACT,
        "![The marketplace logo](/assets/logo.svg)",
        "![](/assets/logo.svg) ![Chart](chart.png) ![Gone](/assets/gone.png)",
    );
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let alt = problems(&json, "alt_text");
    assert_eq!(alt.len(), 1, "{alt:?}");
    assert_eq!(
        (alt[0]["line"].as_u64(), alt[0]["column"].as_u64()),
        (Some(7), Some(1))
    );
    let images: Vec<&str> = problems(&json, "image")
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    assert!(
        images
            .iter()
            .any(|m| m.starts_with("broken image `chart.png`: there is no file help/chart.png"))
    );
    assert!(
        images
            .iter()
            .any(|m| m.starts_with("image `/assets/gone.png` is not published"))
    );
}

#[test]
fn review_by_in_the_past_is_expired() {
    let site = TestSite::fixture("check");
    site.edit(EN_REFUNDS, "review_by: 2027-06-30", "review_by: 2025-07-20");
    site.check(&["--strict"])
        .assert_code(1)
        .assert_stdout_has("content/en/help/refunds.md:5:1: warning: review_by 2025-07-20 has passed (today is 2026-11-24)");
    site.check(&[]).assert_ok();
    site.edit(EN_REFUNDS, "review_by: 2025-07-20", "review_by: next year");
    site.check(&[]).assert_code(1).assert_stdout_has(
        "content/en/help/refunds.md:5:1: error: `review_by: next year` is not a date",
    );
}

#[test]
fn front_matter_errors_have_lines_and_duplicate_urls_name_both_files() {
    let site = TestSite::fixture("check");
    site.edit(EN_REFUNDS, "topic: refund", "topic: [refund");
    site.check(&[])
        .assert_code(1)
        .assert_stdout_has("content/en/help/refunds.md:4:")
        .assert_stdout_has("error: invalid front matter");
    let site = TestSite::fixture("check");
    site.edit(PL_REFUNDS, "slug: zwroty", "slug: kontakt");
    let (run, json) = site.check_json(&[]);
    run.assert_code(1);
    let url = problems(&json, "url");
    assert_eq!(url.len(), 1, "{url:?}");
    let message = url[0]["message"].as_str().unwrap();
    assert!(
        message.contains("content/pl/help/")
            && message.contains("have the same URL /pl/pomoc/kontakt/"),
        "{message}"
    );
}

#[test]
fn fluent_problems_are_reported_per_locale() {
    let site = TestSite::fixture("check");
    site.write(
        "locales/en/extra.ftl",
        "greeting = Hello { $name }\nfarewell = Bye\n",
    );
    site.write(
        "locales/pl/extra.ftl",
        "greeting = Cześć { $user }\n\nthis is not fluent\n",
    );
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let syntax = problems(&json, "fluent_syntax");
    assert_eq!(syntax.len(), 1, "{syntax:?}");
    assert!(
        syntax[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("locales/pl/extra.ftl")
    );
    assert_eq!(syntax[0]["line"], 3);
    let missing = problems(&json, "fluent_missing");
    assert!(
        missing.iter().any(|p| p["message"]
            .as_str()
            .unwrap()
            .starts_with("message `farewell` is missing in pl")),
        "{missing:?}"
    );
    let vars = problems(&json, "fluent_variables");
    assert_eq!(vars.len(), 1, "{vars:?}");
    assert_eq!(
        vars[0]["message"],
        "message `greeting` uses $user but in en it uses $name"
    );
    assert_eq!(vars[0]["line"], 1);
    let unused: Vec<&str> = problems(&json, "fluent_unused")
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert!(
        unused.contains(&"message `farewell` is not used by any template or message"),
        "{unused:?}"
    );
}

#[test]
fn stamp_refuses_sources_and_unknown_targets() {
    let site = TestSite::fixture("check");
    site.kbgen(&["stamp", EN_REFUNDS])
        .assert_code(1)
        .assert_stderr_has("this is a source in the default locale");
    site.kbgen(&["stamp", "xx"])
        .assert_code(1)
        .assert_stderr_has("neither a locale code");
    site.kbgen(&["stamp"]).assert_code(2);
}

#[test]
fn usage_and_config_errors_exit_2() {
    let site = TestSite::fixture("check");
    site.check(&["--format", "yaml"]).assert_code(2);
    site.kbgen(&["check", "--today", "tomorrow"])
        .assert_code(2)
        .assert_stderr_has("`tomorrow` is not a date");
    let site = TestSite::empty();
    site.check(&[])
        .assert_code(2)
        .assert_stderr_has("site.yaml");
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("check");
    site.edit(EN_REFUNDS, "Refunds take", "Refunds now take");
    let before = TestSite::snapshot(site.root());
    site.check(&["--strict"]).assert_code(1);
    assert_eq!(before, TestSite::snapshot(site.root()));
    assert!(fixture_dir("check").join("site.yaml").exists());
}

#[test]
fn drafts_need_no_translation_yet() {
    let site = TestSite::fixture("check");
    site.write(
        "content/en/help/upcoming.md",
        "---\ntitle: Upcoming\ndraft: true\n---\nSoon.\n",
    );
    site.check(&["--strict"]).assert_ok();
}

#[cfg(unix)]
#[test]
fn json_survives_a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::fixture("check");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        site.root().join("content/pl/help").join(name),
        "---\ntitle: Kawiarnia\n---\nTekst.\n",
    )
    .unwrap();
    // The name is an error (two such names would read the same), and the JSON
    // document still comes out whole, naming the file as best it can.
    let (run, json) = site.check_json(&[]);
    run.assert_code(1);
    let problem = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("not UTF-8"))
        .expect("the odd file is reported");
    assert!(
        problem["path"]
            .as_str()
            .unwrap()
            .ends_with("caf\u{fffd}.md"),
        "{problem}"
    );
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    let site = TestSite::fixture("check");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kbgen"))
        .args(["check", "--today", common::TODAY])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn raw_html_images_need_alt_text_too() {
    let site = TestSite::fixture("check");
    site.edit(
        EN_CONTACT,
        "![The marketplace logo](/assets/logo.svg)",
        "<img src=\"/assets/logo.svg\">",
    );
    let (run, json) = site.check_json(&["--strict"]);
    run.assert_code(1);
    let alt = problems(&json, "alt_text");
    assert_eq!(alt.len(), 1, "{alt:?}");
    assert_eq!(alt[0]["line"], 7);
    assert!(problems(&json, "image").is_empty(), "the file is published");
}

#[test]
fn check_fails_on_templates_the_build_cannot_render() {
    // A template that compiles but fails on one kind of page (articles), and one
    // that only the site-wide pages use (404): the build rejects both, so check
    // must too, naming the template.
    let site = TestSite::fixture("check");
    site.check(&[]).assert_ok();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{{ no_such_value.field }}{% endblock main %}",
    );
    site.build().assert_code(1);
    let (run, json) = site.check_json(&[]);
    run.assert_code(1);
    let p = problems(&json, "template");
    assert!(!p.is_empty(), "{json}");
    assert!(p.iter().all(|p| p["level"] == "error"), "{p:?}");
    assert!(
        p.iter().any(|p| p["path"] == "templates/article.html"
            && p["message"].as_str().unwrap().contains("no_such_value")),
        "{p:?}"
    );

    site.remove("templates/article.html");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ missing_404_value }}{% endblock main %}",
    );
    site.build().assert_code(1);
    let (run, json) = site.check_json(&[]);
    run.assert_code(1);
    let p = problems(&json, "template");
    assert!(
        p.iter().any(|p| p["path"] == "templates/404.html"),
        "{json}"
    );
}
