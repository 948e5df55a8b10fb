//! Stable URLs: aliases and their redirect pages, `_redirects`, the URL manifest,
//! `kbgen check --against [--fix]` and the build's warning when a published URL
//! would vanish; `_headers` and llms.txt.

mod common;

use common::TestSite;

/// The basic fixture built once, then changed as writers do: a slug renamed, an
/// article moved to another category, one deleted.
fn built_then_changed() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    site.edit(
        "content/en/help/only-english.md",
        "order: 3\n",
        "order: 3\nslug: english-only\n",
    );
    let moved = site.read_source("content/en/more/article-1.md");
    site.remove("content/en/more/article-1.md");
    site.write("content/en/solo/article-1.md", &moved);
    site.remove("content/en/more/article-2.md");
    site
}

#[test]
fn manifest_lists_every_published_url_with_its_source() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let urls = site.output(".kbgen/urls.txt");
    assert!(
        urls.contains("/en/help/refunds/\tpage\ten\thelp/refunds\tcontent/en/help/refunds.md\n"),
        "{urls}"
    );
    // A fallback page: Italian URL, English source.
    assert!(
        urls.contains(
            "/it/aiuto/only-english/\tpage\tit\thelp/only-english\tcontent/en/help/only-english.md\n"
        ),
        "{urls}"
    );
    assert!(urls.contains("/en/search/\tkbgen\n"), "{urls}");
    let lines: Vec<&str> = urls.lines().skip(1).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "sorted by URL");
    site.build().assert_ok();
    assert_eq!(site.output(".kbgen/urls.txt"), urls, "deterministic");
}

#[test]
fn build_warns_for_each_url_that_would_vanish_and_still_replaces_the_output() {
    let site = built_then_changed();
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has("content/en/help/only-english.md: warning: published URL /en/help/only-english/ would disappear: the page is now at /en/help/english-only/ (new slug); add `aliases: [help/only-english/]`")
        .assert_stderr_has("published URL /it/aiuto/only-english/ would disappear: the page is now at /it/aiuto/english-only/ (new slug); add `aliases: [/it/aiuto/only-english/]`")
        .assert_stderr_has("content/en/solo/article-1.md: warning: published URL /en/more/article-1/ would disappear: the page is now at /en/solo/article-1/ (moved from more to solo); add `aliases: [more/article-1/]`")
        .assert_stderr_has("content/en/more/article-2.md: warning: published URL /en/more/article-2/ would disappear: no page took the place of content/en/more/article-2.md");
    assert!(site.output_exists("en/help/english-only/index.html"));
    assert!(!site.output_exists("en/help/only-english/index.html"));
    // Once replaced, the output is the new baseline: nothing vanishes any more.
    let again = site.build();
    again.assert_ok();
    assert!(
        !again.stderr.contains("would disappear"),
        "{}",
        again.stderr
    );
}

#[test]
fn check_against_reports_proposes_and_fails_only_when_strict() {
    let site = built_then_changed();
    let (run, json) = site.check_json(&["--against", "public"]);
    let vanished: Vec<&serde_json::Value> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "vanished_url")
        .collect();
    let urls: Vec<&str> = vanished
        .iter()
        .map(|p| p["message"].as_str().unwrap().split(' ').nth(2).unwrap())
        .collect();
    for url in [
        "/en/help/only-english/",
        "/it/aiuto/only-english/",
        "/pl/help/only-english/",
        "/en/more/article-1/",
        "/it/more/article-1/",
        "/en/more/article-2/",
    ] {
        assert!(urls.contains(&url), "{url} not in {urls:?}");
    }
    assert!(vanished.iter().all(|p| p["level"] == "warning"));
    let strict = site.check(&["--against", "public", "--strict"]);
    strict.assert_code(1);
    let text = site.check(&["--against", "public"]);
    text.assert_stdout_has(
        "content/en/solo/article-1.md: warning: published URL /en/more/article-1/ would disappear",
    );
    assert_eq!(run.code, text.code);
    // check writes nothing without --fix.
    assert!(
        !site
            .read_source("content/en/solo/article-1.md")
            .contains("aliases")
    );
}

#[test]
fn fix_adds_the_aliases_byte_for_byte_and_the_next_build_redirects() {
    let site = built_then_changed();
    // The file keeps CRLF line endings and its comment.
    site.write(
        "content/en/solo/article-1.md",
        "---\r\ntitle: More article 1 # moved\r\norder: 1\r\n---\r\n\r\nText 1.\r\n",
    );
    std::fs::copy(
        site.root().join("public/.kbgen/urls.txt"),
        site.root().join("before.txt"),
    )
    .unwrap();
    let run = site.check(&["--against", "before.txt", "--fix"]);
    run.assert_stderr_has("added `aliases: [help/only-english/, /it/aiuto/only-english/]` to");
    assert_eq!(
        site.read_source("content/en/help/only-english.md"),
        "---\ntitle: Only in English\norder: 3\nslug: english-only\naliases: [help/only-english/, /it/aiuto/only-english/]\n---\n\nThis page has no translation yet. Read [refunds](refunds.md).\n"
    );
    assert_eq!(
        site.read_source("content/en/solo/article-1.md"),
        "---\r\ntitle: More article 1 # moved\r\norder: 1\r\naliases: [more/article-1/]\r\n---\r\n\r\nText 1.\r\n"
    );
    // The deleted article cannot be fixed by kbgen: it stays a warning.
    run.assert_stdout_has("published URL /en/more/article-2/ would disappear");

    let build = site.build();
    build.assert_ok();
    assert!(
        !build.stderr.contains("only-english/ would disappear")
            && !build.stderr.contains("article-1/ would disappear"),
        "{}",
        build.stderr
    );
    build.assert_stderr_has("/en/more/article-2/ would disappear");
    // Each old URL leads to the page in its own language.
    for (alias, target) in [
        ("en/help/only-english/index.html", "/en/help/english-only/"),
        (
            "it/aiuto/only-english/index.html",
            "/it/aiuto/english-only/",
        ),
        ("pl/help/only-english/index.html", "/pl/help/english-only/"),
        ("zh/more/article-1/index.html", "/zh/solo/article-1/"),
    ] {
        let page = site.output(alias);
        assert!(
            page.contains(&format!(r#"content="0; url={target}""#)),
            "{alias} should lead to {target}:\n{page}"
        );
    }

    // A second --fix has nothing left to add.
    let again = site.check(&["--against", "before.txt", "--fix"]);
    assert!(!again.stderr.contains("added `aliases"), "{}", again.stderr);
}

#[test]
fn alias_pages_and_redirects_file() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/en/help/refunds.md",
        "order: 2\n",
        "order: 2\naliases: [money-back/, /en/old/refunds.html, 'https://help.test/legacy/refund']\n",
    );
    site.edit(
        "content/it/help/refunds.md",
        "order: 2\n",
        "order: 2\naliases:\n  - vecchi-rimborsi/\n",
    );
    site.build().assert_ok();
    let page = site.output("en/money-back/index.html");
    assert!(
        page.contains(r#"<meta http-equiv="refresh" content="0; url=/en/help/refunds/">"#),
        "{page}"
    );
    assert!(page.contains(r#"<link rel="canonical" href="https://help.test/en/help/refunds/">"#));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(page.contains(r#"This page has moved to: <a href="/en/help/refunds/">Refunds</a>"#));
    assert!(!page.contains("<script"), "no script needed");
    assert!(site.output_exists("en/old/refunds.html"));
    assert!(site.output_exists("legacy/refund/index.html"));
    let it = site.output("it/vecchi-rimborsi/index.html");
    assert!(it.contains(r#"lang="it""#) && it.contains("Questa pagina è stata spostata"));
    // A relative alias of the English page also applies where it is a fallback.
    assert!(site.output_exists("pl/money-back/index.html"));
    assert!(
        !site.output_exists("it/money-back/index.html"),
        "it has its own page"
    );
    let redirects = site.output("_redirects");
    for line in [
        "/en/money-back/ /en/help/refunds/ 301\n",
        "/en/old/refunds.html /en/help/refunds/ 301\n",
        "/legacy/refund/ /en/help/refunds/ 301\n",
        "/it/vecchi-rimborsi/ /it/aiuto/rimborsi/ 301\n",
        "/pl/money-back/ /pl/help/refunds/ 301\n",
    ] {
        assert!(redirects.contains(line), "{line:?} not in\n{redirects}");
    }
    let urls = site.output(".kbgen/urls.txt");
    assert!(
        urls.contains("/en/money-back/\tredirect\t/en/help/refunds/\tcontent/en/help/refunds.md\n"),
        "{urls}"
    );
}

#[test]
fn alias_collisions_name_both_files() {
    let cases = [
        (
            "aliases: [/en/more/]",
            "alias `/en/more/` (/en/more/) is the URL of",
            "content/en/more/_index.md",
        ),
        (
            "aliases: [help/refunds/]",
            "is this page's own URL",
            "remove the alias",
        ),
        (
            "aliases: [/en/search/]",
            "is kbgen's search page",
            "pick another path",
        ),
        (
            "aliases: [/assets/kbgen.css]",
            "is kbgen's assets folder",
            "pick another path",
        ),
        ("aliases: [/sitemap.xml]", "is kbgen's sitemap", ""),
        (
            "aliases: [old/]",
            "is also an alias (`/en/old/`) in",
            "content/en/help/contact.md",
        ),
    ];
    for (line, message, other) in cases {
        let site = TestSite::fixture("basic");
        site.edit(
            "content/en/help/contact.md",
            "---\n",
            "---\naliases: [/en/old/]\n",
        );
        site.edit(
            "content/en/help/refunds.md",
            "order: 2\n",
            &format!("order: 2\n{line}\n"),
        );
        let run = site.build();
        run.assert_code(1)
            .assert_stderr_has("content/en/help/refunds.md:4:11:")
            .assert_stderr_has(message)
            .assert_stderr_has(other);
        assert!(!site.output_exists("index.html"), "nothing written");
        let check = site.check(&[]);
        check.assert_code(1).assert_stdout_has(message);
    }
}

#[test]
fn bad_alias_paths_are_errors_with_file_line_col() {
    for (alias, why) in [
        ("../up/", "segment `..`"),
        ("https://evil.test/x/", "another site's URL"),
        ("/en/x/?page=2", "query or fragment"),
        ("'C:\\x'", "backslash"),
        ("/en/%2e%2e/x/", "segment `..`"),
    ] {
        let site = TestSite::fixture("basic");
        site.edit(
            "content/en/help/refunds.md",
            "order: 2\n",
            &format!("order: 2\naliases:\n  - ok/\n  - {alias}\n"),
        );
        site.build()
            .assert_code(1)
            .assert_stderr_has("content/en/help/refunds.md:6:5: error: alias `")
            .assert_stderr_has(why);
    }
}

#[test]
fn headers_file_has_the_policy_and_caching() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let headers = site.output("_headers");
    assert!(headers.contains("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-hashes' 'sha256-"), "{headers}");
    assert!(headers.contains("  X-Content-Type-Options: nosniff\n"));
    assert!(headers.contains("  Referrer-Policy: strict-origin-when-cross-origin\n"));
    let css = std::fs::read_dir(site.root().join("public/assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("kbgen.") && n.ends_with(".css"))
        .unwrap();
    assert!(
        headers.contains(&format!(
            "/assets/{css}\n  Cache-Control: public, max-age=31536000, immutable\n"
        )),
        "{headers}"
    );
    let meta = site.output("search/en/meta.json");
    let dir = meta
        .split("\"dir\":\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        headers.contains(&format!(
            "/search/en/{dir}/*\n  Cache-Control: public, max-age=31536000, immutable\n"
        )),
        "{headers}"
    );
    assert!(
        headers.contains(
            "/search/en/meta.json\n  Cache-Control: public, max-age=0, must-revalidate\n"
        )
    );
}

#[test]
fn host_files_can_be_extended_or_turned_off() {
    let site = TestSite::fixture("basic");
    site.edit(
        "content/en/help/refunds.md",
        "order: 2\n",
        "order: 2\naliases: [old/]\n",
    );
    let yaml = site.read_source("site.yaml");
    site.write(
        "site.yaml",
        &format!(
            "{yaml}hosting:\n  csp:\n    frame-src: [https://www.youtube-nocookie.com]\n    img-src: [https://cdn.example.org]\n  extra_headers:\n    /*: ['X-Frame-Options: DENY']\n"
        ),
    );
    site.build().assert_ok();
    let headers = site.output("_headers");
    assert!(
        headers.contains("img-src 'self' data: https: https://cdn.example.org;"),
        "{headers}"
    );
    assert!(
        headers.contains("; frame-src 'self' https://www.youtube-nocookie.com"),
        "{headers}"
    );
    assert!(
        headers.ends_with("/*\n  X-Frame-Options: DENY\n"),
        "{headers}"
    );

    site.write(
        "site.yaml",
        &format!("{yaml}hosting:\n  redirects: false\n  headers: false\n  llms: false\n"),
    );
    site.build().assert_ok();
    assert!(!site.output_exists("_redirects"));
    assert!(!site.output_exists("_headers"));
    assert!(!site.output_exists("llms.txt"));
    assert!(!site.output_exists("en/help/refunds/index.md"));
    assert!(site.output_exists("en/old/index.html"), "alias pages stay");

    site.write(
        "site.yaml",
        &format!("{yaml}hosting:\n  extra_headers:\n    /*: [\"X-Evil: a\\n/x\\n  Y: b\"]\n"),
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("is not a header line");
}

#[test]
fn llms_txt_and_markdown_copies() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let llms = site.output("llms.txt");
    assert!(llms.starts_with("# "), "{llms}");
    assert!(llms.contains("\n## English (en)\n\n"), "{llms}");
    assert!(
        llms.contains("- [Getting help › Refunds](https://help.test/en/help/refunds/index.md)\n"),
        "{llms}"
    );
    assert!(
        llms.contains("](https://help.test/it/aiuto/rimborsi/index.md)"),
        "{llms}"
    );
    assert!(
        !llms.contains("https://help.test/it/aiuto/only-english/"),
        "fallbacks are not listed twice"
    );
    let copy = site.output("en/help/refunds/index.md");
    assert!(
        copy.starts_with("# Refunds\n\nRefunds follow a case."),
        "{copy}"
    );
    assert!(!copy.contains("topic: payment"), "no front matter");
    assert!(site.output_exists("it/aiuto/only-english/index.md"));
}

#[test]
fn check_against_a_url_list_or_sitemap_normalizes_spellings() {
    let site = built_then_changed();
    site.write(
        "urls.txt",
        "# exported from analytics\nhttps://help.test/en/help/only-english\n/en/help/refunds/index.html\n/en/help/contact/?utm_source=mail\n",
    );
    let run = site.check(&["--against", "urls.txt"]);
    run.assert_stdout_has(
        "urls.txt: warning: published URL /en/help/only-english/ would disappear: no page or alias has it now",
    );
    assert!(
        !run.stdout.contains("/en/help/refunds/ would"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("/en/help/contact/ would"),
        "{}",
        run.stdout
    );
    // The previous output's sitemap lists its URLs too.
    std::fs::copy(
        site.root().join("public/sitemap.xml"),
        site.root().join("old-sitemap.xml"),
    )
    .unwrap();
    site.check(&["--against", "old-sitemap.xml"])
        .assert_stdout_has("published URL /en/more/article-2/ would disappear");
    site.check(&["--against", "missing.txt"])
        .assert_code(2)
        .assert_stderr_has("missing.txt: error: cannot read the previous URLs");
}

#[test]
fn policy_allows_the_contact_endpoints_and_nothing_else() {
    let site = TestSite::fixture("basic");
    site.write(
        "contact.yaml",
        "feedback_endpoint: https://feedback.example.org/f\nchannels:\n  email:\n    endpoint: https://support.example.org/contact\ntopics:\n  - { id: payment, channels: [email] }\n  - { id: general, channels: [email] }\n",
    );
    site.build().assert_ok();
    let headers = site.output("_headers");
    assert!(
        headers.contains(
            "; connect-src 'self' https://feedback.example.org https://support.example.org;"
        ),
        "{headers}"
    );
    assert!(
        headers.contains(
            "; form-action 'self' https://feedback.example.org https://support.example.org;"
        ),
        "{headers}"
    );
    assert!(!headers.contains("unsafe-inline") && !headers.contains("unsafe-eval"));
    // The contact page is kbgen's: an alias cannot take it.
    site.edit(
        "content/en/help/refunds.md",
        "order: 2\n",
        "order: 2\naliases: [contact/]\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("is kbgen's contact page (contact.yaml)");
}
