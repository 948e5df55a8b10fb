//! What a docs writer meets in the first hour: anchors in untranslated pages, honest
//! Fluent notes, asset links under a base URL path, warnings of failed builds,
//! front matter messages, the command line and `kbgen init`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use common::TestSite;

const ONLY_ENGLISH: &str = "content/en/help/only-english.md";
const CONTACT: &str = "content/en/help/contact.md";

/// The fixture with Italian and Polish translations of refunds.md whose heading has
/// the translators' own id, and an English-only page (a fallback in it, pl and zh)
/// that links the English heading `#outcomes`.
fn translated_headings() -> TestSite {
    let site = TestSite::fixture("basic");
    site.write(
        "content/it/help/refunds.md",
        "---\ntitle: Rimborsi\nslug: rimborsi\norder: 2\n---\n\nI rimborsi seguono un caso.\n\n## Esiti possibili\n\n- Rimborso parziale\n",
    );
    site.write(
        "content/pl/help/refunds.md",
        "---\ntitle: Zwroty\norder: 2\n---\n\nZwroty wynikają ze sprawy.\n\n## Możliwe wyniki\n\n- Zwrot częściowy\n",
    );
    // The translations' own links go to the page, not to the heading.
    site.edit(
        "content/it/help/contact.md",
        "refunds.md#outcomes",
        "refunds.md",
    );
    site.edit(
        "content/pl/help/contact.md",
        "refunds.md#outcomes",
        "refunds.md",
    );
    site.edit(ONLY_ENGLISH, "(refunds.md)", "(refunds.md#outcomes)");
    site
}

/// The one line of `text` that contains `needle`.
#[track_caller]
fn only_line<'a>(text: &'a str, needle: &str) -> &'a str {
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(needle)).collect();
    assert_eq!(lines.len(), 1, "one line with {needle:?} expected:\n{text}");
    lines[0]
}

#[test]
fn a_right_anchor_in_a_fallback_page_does_not_fail_the_build() {
    let site = translated_headings();
    let run = site.build();
    run.assert_ok();
    // One warning for both locales, naming the heading to give the id.
    let w = only_line(&run.stderr, "anchor `refunds.md#outcomes`");
    assert!(w.starts_with("content/en/help/only-english.md:6:"), "{w}");
    assert!(w.contains(": warning: "), "{w}");
    assert!(w.contains("locales it, pl"), "{w}");
    assert!(
        w.contains("content/it/help/refunds.md:9: `## Esiti possibili {#outcomes}`"),
        "{w}"
    );
    assert!(
        w.contains("content/pl/help/refunds.md:8: `## Możliwe wyniki {#outcomes}`"),
        "{w}"
    );
    run.assert_stderr_has("1 warning;");
    // The link still goes to the reader's own language.
    assert!(
        site.output("it/aiuto/only-english/index.html")
            .contains("href=\"/it/aiuto/rimborsi/#outcomes\"")
    );
    // check agrees: a warning (fails --strict), not an error.
    let (run, json) = site.check_json(&[]);
    run.assert_ok();
    let anchors: Vec<&serde_json::Value> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "anchor")
        .collect();
    assert_eq!(anchors.len(), 1, "{anchors:?}");
    assert_eq!(anchors[0]["level"], "warning");
    assert_eq!(anchors[0]["path"], ONLY_ENGLISH);
}

#[test]
fn a_broken_anchor_shown_in_every_locale_is_one_error() {
    let site = translated_headings();
    site.edit(ONLY_ENGLISH, "refunds.md#outcomes", "refunds.md#nowhere");
    let run = site.build();
    run.assert_code(1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("broken anchor"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("content/en/help/only-english.md:6:"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("locales en, it, pl, zh"),
        "{}",
        errors[0]
    );
}

#[test]
fn check_on_the_example_calls_no_contact_label_unused() {
    let site = TestSite::example();
    let run = site.check(&[]);
    let unused: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("is not used by any template") && l.contains("`contact-"))
        .collect();
    assert!(unused.is_empty(), "{unused:#?}");
}

#[test]
fn asset_links_get_the_base_url_path() {
    let site = TestSite::fixture("basic");
    site.write("static/map.png", "not really a png");
    site.edit(
        ONLY_ENGLISH,
        "Read [refunds](refunds.md).",
        "Read [refunds](refunds.md). ![The map](/assets/map.png) [Price list](/assets/prices.pdf)",
    );
    site.kbgen(&["build", "-u", "https://example.org/help"])
        .assert_ok();
    let html = site.output("en/help/only-english/index.html");
    assert!(html.contains("src=\"/help/assets/map.png\""), "{html}");
    assert!(html.contains("href=\"/help/assets/prices.pdf\""), "{html}");
    // The theme's own assets have the same prefix.
    assert!(html.contains("href=\"/help/assets/"), "{html}");
    // And check does not call the image unpublished.
    site.check(&[]).assert_ok();
    let (_, json) = site.check_json(&[]);
    assert!(
        !json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["kind"] == "image"),
        "{json}"
    );
}

#[test]
fn a_failed_build_shows_its_warnings_too() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "order: 1", "order: 1\ndescripton: typo");
    site.edit(CONTACT, "(only-english.md)", "(nowhere.md)");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr_has(
            "content/en/help/contact.md:5:1: warning: unknown front matter key `descripton`",
        )
        .assert_stderr_has("error: broken link `nowhere.md`")
        .assert_stderr_has("1 error, 1 warning")
        .assert_stderr_has("build failed; public was left as it was");
}

#[test]
fn one_warning_is_not_warnings_and_paths_have_no_dot_slash() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "order: 1", "order: 1\ndescripton: typo");
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has("content/en/help/contact.md:5:1: warning:")
        .assert_stderr_has("; 1 warning; ");
    assert!(!run.stderr.contains("./"), "{}", run.stderr);
    let run = site.kbgen(&["check", "--root", site.root().to_str().unwrap()]);
    run.assert_stdout_has("\ncontent/en/help/contact.md:5:1: warning:");
    assert!(
        !run.stdout.contains(site.root().to_str().unwrap()),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let site = TestSite::fixture("basic");
    site.edit(
        CONTACT,
        "title: Contact support",
        "title: \"Contact support",
    );
    site.build().assert_code(1).assert_stderr_has(
        "content/en/help/contact.md:2:8: error: invalid front matter: this `\"` is never closed",
    );
}

#[test]
fn wrong_types_are_all_reported_in_plain_words() {
    let site = TestSite::fixture("basic");
    site.edit(CONTACT, "order: 1", "order: first\ndraft: maybe");
    let run = site.build();
    run.assert_code(1)
        .assert_stderr_has("contact.md:4:8: error: `order` must be a whole number, like `order: 3`; found the text \"first\"")
        .assert_stderr_has("contact.md:5:8: error: `draft` must be `true` or `false`, like `draft: true`");
    assert!(!run.stderr.contains("i64"), "{}", run.stderr);
    site.check(&[])
        .assert_code(1)
        .assert_stdout_has("`order` must be a whole number");
}

#[test]
fn short_flags_quiet_and_help() {
    let site = TestSite::fixture("basic");
    let out = site.root().join("elsewhere");
    let run = site.kbgen(&["build", "-q", "-r", ".", "-o", out.to_str().unwrap()]);
    run.assert_ok();
    assert_eq!(run.stderr, "", "quiet prints nothing on success");
    assert!(out.join("index.html").exists());
    for command in ["build", "check"] {
        let run = site.kbgen(&["help", command]);
        run.assert_ok()
            .assert_stdout_has("Examples:")
            .assert_stdout_has("Exit codes:")
            .assert_stdout_has("-r, --root <DIR>");
    }
    site.kbgen(&["help", "serve"])
        .assert_stdout_has("-p, --port <PORT>");
    site.kbgen(&["build", "-v"])
        .assert_ok()
        .assert_stderr_has("locales en (default), it, pl, zh")
        .assert_stderr_has("zh: shown untranslated: ");
}

#[test]
fn check_drafts_checks_draft_pages_as_published() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/en/help/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\n\n[x](nowhere.md)\n",
    );
    site.check(&[]).assert_ok();
    site.check(&["--drafts"])
        .assert_code(1)
        .assert_stdout_has("broken link `nowhere.md`");
}

#[test]
fn init_makes_a_site_that_builds_checks_strict_and_serves() {
    let site = TestSite::empty();
    site.kbgen(&["init", "help", "--locales", "en,de,zh"])
        .assert_ok()
        .assert_stderr_has("cd help && kbgen serve");
    let root = site.root().join("help");
    let r = root.to_str().unwrap();
    for file in [
        "site.yaml",
        "contact.yaml",
        "content/en/getting-started/welcome.md",
        "content/de/getting-started/welcome.md",
        "content/zh/_index.md",
    ] {
        assert!(root.join(file).exists(), "{file}");
    }
    let run = site.kbgen(&["build", "-r", r]);
    run.assert_ok().assert_stderr_has("; 0 warnings;");
    let run = site.kbgen(&["check", "--strict", "-r", r]);
    run.assert_ok();
    run.assert_stdout_has(
        "0 errors, 0 warnings, 0 notes; 0 translations not up to date; passed (strict)",
    );

    let html = serve_once(&root, "/de/getting-started/welcome/");
    assert!(html.contains("<h1>Willkommen</h1>"), "{html}");
    assert!(
        html.contains("Hilfe-Center</a>"),
        "the starter's own site title: {html}"
    );

    // A second init in the same folder changes nothing.
    let before = TestSite::snapshot(&root.join("content"));
    site.kbgen(&["init", "help"])
        .assert_code(2)
        .assert_stderr_has("already has content");
    assert_eq!(before, TestSite::snapshot(&root.join("content")));
    site.kbgen(&["init", "other", "-l", "en,xx"])
        .assert_code(2)
        .assert_stderr_has("no built-in UI strings for `xx`");
    assert!(!site.root().join("other/site.yaml").exists());
}

/// Starts `kbgen serve` on `root`, fetches `path` once and stops the server.
fn serve_once(root: &std::path::Path, path: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kbgen"))
        .args(["serve", "-p", "0", "-r"])
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kbgen serve");
    let stderr = child.stderr.take().expect("stderr");
    let addr = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            let rest = l.split("serving http://").nth(1)?;
            Some(rest.split('/').next()?.to_string())
        })
        .expect("the serving line");
    let mut stream = TcpStream::connect(&addr).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("read");
    let _ = child.kill();
    let _ = child.wait();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    reply
}
