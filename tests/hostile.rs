//! Hostile input: each case gets a clear error or is neutralized; none may panic,
//! hang, or write outside the output folder, and the previous output stays intact.

mod common;

use std::path::Path;

use common::{Run, TestSite};
use kbgen::frontmatter;
use kbgen::load::{Kind, SourcePage};

const REFUNDS: &str = "content/en/help/refunds.md";
const PL_REFUNDS: &str = "content/pl/help/refunds.md";
const CONTACT: &str = "content/en/help/contact.md";

/// A fixture site built once, so that a failing build must keep its output.
fn built() -> TestSite {
    let site = TestSite::fixture("check");
    site.build().assert_ok();
    site
}

/// The build failed cleanly: exit 1 (not a signal or a panic's 101), the old
/// output is untouched, and nothing was written beside it.
#[track_caller]
fn failed_cleanly(site: &TestSite, run: &Run, before: &[(String, Vec<u8>)]) {
    run.assert_code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(before, TestSite::snapshot(&site.root().join("public")));
    let mut top: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["content", "public", "site.yaml", "static"],
        "nothing new at the root"
    );
}

fn public(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    TestSite::snapshot(&site.root().join("public"))
}

#[test]
fn slugs_that_escape_the_output_are_rejected() {
    for slug in [
        "../../escape",
        "/etc/escape",
        "C:\\\\escape",
        "..",
        "a/../../b",
    ] {
        let site = built();
        let before = public(&site);
        site.edit(PL_REFUNDS, "slug: zwroty", &format!("slug: \"{slug}\""));
        let run = site.build();
        failed_cleanly(&site, &run, &before);
        run.assert_stderr_has("is not a single URL segment");
        site.check(&[])
            .assert_code(1)
            .assert_stdout_has("is not a single URL segment");
    }
    // A category slug too.
    let site = built();
    let before = public(&site);
    site.edit("content/pl/help/_index.md", "slug: pomoc", "slug: ../..");
    failed_cleanly(&site, &site.build(), &before);
}

#[test]
fn links_that_climb_out_of_the_locale_are_errors() {
    let site = built();
    let before = public(&site);
    site.edit(
        CONTACT,
        "(refunds.md#outcomes)",
        "(../../../../etc/passwd.md)",
    );
    let run = site.build();
    failed_cleanly(&site, &run, &before);
    run.assert_stderr_has("climbs out of the locale folder");
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_content_root_and_loops_are_skipped_with_a_warning() {
    let site = built();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    std::fs::write(&secret, "---\ntitle: Secret\n---\nTOP SECRET\n").unwrap();
    let help = site.root().join("content/en/help");
    std::os::unix::fs::symlink(&secret, help.join("secret.md")).unwrap();
    std::os::unix::fs::symlink(outside.path(), help.join("..").join("outside")).unwrap();
    std::os::unix::fs::symlink("..", help.join("loop")).unwrap();
    std::os::unix::fs::symlink("self.md", help.join("self.md")).unwrap();
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has("content/en/help/secret.md: warning: symbolic link skipped")
        .assert_stderr_has("content/en/help/loop: warning: symbolic link skipped")
        .assert_stderr_has("content/en/help/self.md: warning: symbolic link skipped")
        .assert_stderr_has("content/en/outside: warning: symbolic link skipped");
    for (file, bytes) in public(&site) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP SECRET"),
            "{file} holds a file from outside the content root"
        );
    }
    site.check(&["--strict"])
        .assert_code(1)
        .assert_stdout_has("warning: symbolic link skipped");
}

#[test]
fn non_utf8_files_are_clear_errors() {
    let site = built();
    let before = public(&site);
    std::fs::write(
        site.root().join("content/en/help/latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let run = site.build();
    failed_cleanly(&site, &run, &before);
    run.assert_stderr_has("content/en/help/latin1.md:2:1: error: not UTF-8 text");
    site.check(&[])
        .assert_code(1)
        .assert_stdout_has("latin1.md:2:1: error: not UTF-8 text");

    let site = built();
    let before = public(&site);
    std::fs::create_dir_all(site.root().join("locales/pl")).unwrap();
    std::fs::write(site.root().join("locales/pl/bad.ftl"), b"a = Caf\xe9\n").unwrap();
    let run = site.build();
    run.assert_code(1)
        .assert_stderr_has("locales/pl/bad.ftl: error: cannot read");
    assert_eq!(before, public(&site));
    site.check(&[])
        .assert_code(1)
        .assert_stdout_has("locales/pl/bad.ftl: error: cannot read");
}

#[test]
fn ten_thousand_nested_lists_and_quotes_fail_without_overflowing() {
    for body in [
        ">".repeat(10_000) + " deep quote\n",
        "- ".repeat(10_000) + "deep list\n",
        (0..10_000)
            .map(|i| format!("{}- item\n", "  ".repeat(i % 600)))
            .collect(),
        "<div>".repeat(10_000) + "x" + &"</div>".repeat(10_000) + "\n",
        "<b>".repeat(10_000) + "unclosed\n",
    ] {
        let site = built();
        let before = public(&site);
        site.write(
            "content/en/help/deep.md",
            &format!("---\ntitle: Deep\n---\n{body}"),
        );
        let run = site.build();
        failed_cleanly(&site, &run, &before);
        run.assert_stderr_has("content/en/help/deep.md:")
            .assert_stderr_has("nested more than 512 levels deep");
        site.check(&[])
            .assert_code(1)
            .assert_stdout_has("nested more than 512");
    }
}

#[test]
fn yaml_alias_bomb_and_deep_yaml_are_rejected_fast() {
    let mut bomb = String::from("---\ntitle: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..16 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("---\nBody\n");
    let deep = format!(
        "---\ntitle: Deep\ntags: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    for text in [bomb, deep] {
        let site = built();
        let before = public(&site);
        site.write("content/en/help/bomb.md", &text);
        let started = std::time::Instant::now();
        let run = site.build();
        failed_cleanly(&site, &run, &before);
        run.assert_stderr_has("content/en/help/bomb.md:")
            .assert_stderr_has("error: invalid front matter");
        assert!(
            started.elapsed().as_secs() < 20,
            "took {:?}",
            started.elapsed()
        );
        site.check(&[])
            .assert_code(1)
            .assert_stdout_has("invalid front matter");
    }
}

#[test]
fn fifty_megabyte_markdown_file_builds() {
    let site = built();
    let para = "Lorem ipsum dolor sit amet, **consectetur** adipiscing elit, [link](refunds.md#outcomes) sed `do` eiusmod.\n\n";
    let mut text = String::from("---\ntitle: Big\n---\n");
    let mut i = 0;
    while text.len() < 50 * 1024 * 1024 {
        if i % 1000 == 0 {
            text.push_str(&format!("## Section {i}\n\n"));
        }
        text.push_str(para);
        i += 1;
    }
    site.write("content/en/help/big.md", &text);
    let started = std::time::Instant::now();
    site.build().assert_ok();
    eprintln!("50 MB page built in {:?}", started.elapsed());
    assert!(
        site.output("en/help/big/index.html")
            .contains("id=\"section-49000\"")
    );
}

#[test]
fn raw_html_is_sanitized_by_default() {
    let site = TestSite::fixture("check");
    site.edit(
        CONTACT,
        "Read about",
        "<script>alert(1)</script><p onclick=\"alert(2)\">Hi <a href=\"javascript:alert(3)\">x</a><img src=https://example.invalid/i.png onerror=alert(4) alt=\"i\"></p>\n\n[md](javascript:alert(5)) [tab](java\tscript:alert(6)) ![img](javascript:alert(7))\n\n<iframe src=\"https://evil.example\"></iframe>\n\nRead about",
    );
    site.build().assert_ok();
    let html = site.output("en/help/contact/index.html");
    let content = &html[html.find("<div class=\"content\">").unwrap()..];
    for bad in [
        "<script>alert",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
    ] {
        assert!(!content.contains(bad), "{bad} survived:\n{content}");
    }
    assert!(
        content.contains("<img src=\"https://example.invalid/i.png\" alt=\"i\">"),
        "{content}"
    );
    assert!(
        content.contains("href=\"/en/help/refunds/#outcomes\""),
        "own links stay"
    );
    assert!(
        content.contains("<h2") || !content.contains("<h2 "),
        "{content}"
    );
}

#[test]
fn site_yaml_allow_list_opts_in() {
    let site = TestSite::fixture("check");
    site.edit(
        "site.yaml",
        "default_locale: en\n",
        "default_locale: en\nhtml:\n  tags: [iframe]\n  attributes: { iframe: [src], \"*\": [data-x] }\n  url_schemes: [tel]\n",
    );
    site.edit(
        CONTACT,
        "Read about",
        "<iframe src=\"https://video.example/1\" onload=\"x()\"></iframe><span data-x=\"1\">s</span><script>no()</script> <a href=\"tel:+31\">call</a>\n\nRead about",
    );
    site.build().assert_ok();
    let html = site.output("en/help/contact/index.html");
    assert!(
        html.contains("<iframe src=\"https://video.example/1\"></iframe>"),
        "{html}"
    );
    assert!(html.contains("<span data-x=\"1\">s</span>"), "{html}");
    assert!(html.contains("href=\"tel:+31\""), "{html}");
    assert!(!html.contains("no()") && !html.contains("onload"), "{html}");
    let site = TestSite::fixture("check");
    site.edit(
        "site.yaml",
        "default_locale: en\n",
        "default_locale: en\nhtml:\n  tagz: [iframe]\n",
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("unknown field `tagz`");
}

/// A title and description that try to break out of every context they reach.
const EVIL_TITLE: &str = "</title><script>alert(1)</script>\\\" onmouseover=\\\"alert(2)";
const EVIL_DESCRIPTION: &str = "\\\"><img src=x onerror=alert(3)>";

fn evil_site() -> TestSite {
    let site = TestSite::fixture("check");
    site.edit(
        REFUNDS,
        "title: Refunds",
        &format!("title: \"{EVIL_TITLE}\""),
    );
    site.edit(
        REFUNDS,
        "description: How refunds work.",
        &format!("description: \"{EVIL_DESCRIPTION}\""),
    );
    site.edit(
        "content/en/help/_index.md",
        "title: Help topics",
        &format!("title: \"{EVIL_TITLE}\"\ndescription: \"{EVIL_DESCRIPTION}\""),
    );
    site.edit(
        "site.yaml",
        "{ code: en, name: English }",
        "{ code: en, name: \"<b onclick=alert(4)>English</b>\" }",
    );
    site.build().assert_ok();
    site
}

/// No tag or attribute the page did not have before: every `<` of the evil text
/// is escaped, and so is every `"` that could end an attribute.
#[track_caller]
fn assert_escaped(html: &str, context: &str) {
    for bad in [
        "<script>alert",
        "<img src=x",
        "<b onclick",
        "\" onmouseover",
        "\" onerror",
        "\"><img",
    ] {
        assert!(
            !html.contains(bad),
            "{context}: `{bad}` is not escaped in\n{html}"
        );
    }
}

#[test]
fn title_is_escaped_in_title_h1_and_breadcrumbs() {
    let site = evil_site();
    let html = site.output("en/help/refunds/index.html");
    assert_escaped(&html, "article");
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; onmouseover=&quot;alert(2) · "), "{html}");
    assert!(html.contains("<h1>&lt;/title&gt;&lt;script&gt;"), "{html}");
    assert!(
        html.contains("<span aria-current=\"page\">&lt;/title&gt;"),
        "{html}"
    );
}

#[test]
fn description_is_escaped_in_the_meta_attribute() {
    let site = evil_site();
    let html = site.output("en/help/refunds/index.html");
    assert!(
        html.contains(
            "<meta name=\"description\" content=\"&quot;&gt;&lt;img src=x onerror=alert(3)&gt;\">"
        ),
        "{html}"
    );
}

#[test]
fn titles_and_descriptions_are_escaped_in_listings_and_navigation() {
    let site = evil_site();
    for page in [
        "en/index.html",
        "en/help/index.html",
        "en/help/contact/index.html",
        "pl/index.html",
        "en/404.html",
    ] {
        assert_escaped(&site.output(page), page);
    }
    let category = site.output("en/help/index.html");
    assert!(
        category.contains("<p>&quot;&gt;&lt;img src=x onerror=alert(3)&gt;</p>"),
        "{category}"
    );
    // The footer navigation lists the category by its title.
    assert!(
        site.output("en/help/contact/index.html")
            .contains("aria-current=\"page\">&lt;/title&gt;")
            || site
                .output("en/help/index.html")
                .contains("aria-current=\"page\">&lt;/title&gt;")
    );
}

#[test]
fn locale_names_are_escaped_in_the_switcher_root_page_and_fluent_notices() {
    let site = evil_site();
    site.remove("content/pl/help/contact.md");
    site.build().assert_ok();
    for page in [
        "index.html",
        "pl/help/contact/index.html",
        "pl/pomoc/contact/index.html",
    ] {
        if site.output_exists(page) {
            let html = site.output(page);
            assert_escaped(&html, page);
            assert!(
                html.contains("&lt;b onclick=alert(4)&gt;English&lt;/b&gt;"),
                "{page}: {html}"
            );
        }
    }
    // The fallback notice formats the name through Fluent, then Tera escapes it.
    let fallback = site.output("pl/pomoc/contact/index.html");
    assert!(fallback.contains("class=\"notice\""), "{fallback}");
}

#[test]
fn headings_are_escaped_in_the_table_of_contents() {
    let site = TestSite::fixture("check");
    site.edit(
        REFUNDS,
        "## Steps",
        "## Fish & \"chips\" <i>now</i> {#steps}",
    );
    site.build().assert_ok();
    let html = site.output("en/help/refunds/index.html");
    assert!(
        html.contains(
            "<li class=\"toc-2\"><a href=\"#steps\">Fish &amp; &quot;chips&quot; now</a></li>"
        ),
        "{html}"
    );
}

#[test]
fn slugs_are_escaped_in_the_sitemap_and_hreflang_links() {
    let site = TestSite::fixture("check");
    site.edit(PL_REFUNDS, "slug: zwroty", "slug: \"q&a'x\"");
    site.build().assert_ok();
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://help.test/pl/pomoc/q&amp;a&#39;x/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("q&a'"), "{sitemap}");
    let html = site.output("en/help/refunds/index.html");
    assert!(
        html.contains("hreflang=\"pl\" href=\"https://help.test/pl/pomoc/q&amp;a&#39;x/\"")
            || html.contains("hreflang=\"pl\" href=\"https://help.test/pl/pomoc/q&amp;a'x/\""),
        "{html}"
    );
}

#[test]
fn json_ld_from_contact_yaml_cannot_close_its_script_element() {
    // The contact page's ContactPoint JSON-LD carries contact.yaml's strings.
    const EVIL_NUMBER: &str = "</script><script>alert(5)</script><!--";
    let site = TestSite::example();
    site.edit(
        "contact.yaml",
        "nl: \"+31 20 000 0005\"",
        &format!("nl: \"{EVIL_NUMBER}\""),
    );
    site.build().assert_ok();
    let mut blocks = 0;
    for (file, bytes) in public(&site) {
        let html = String::from_utf8_lossy(&bytes);
        let open = r#"<script type="application/ld+json">"#;
        for part in html.split(open).skip(1) {
            let json = &part[..part.find("</script>").expect("a closed script")];
            assert!(!json.contains('<'), "{file}: {json}");
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            if file == "nl/contact/index.html" {
                let phone = value["contactPoint"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["name"] == "phone")
                    .unwrap();
                assert_eq!(phone["telephone"], EVIL_NUMBER, "the number, as written");
            }
            blocks += 1;
        }
    }
    assert!(
        blocks >= 9,
        "a contact page per locale has JSON-LD: {blocks}"
    );
}

/// Every input the fuzz targets ever crashed on, through the same checks.
#[test]
fn fuzz_crashers_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    for entry in std::fs::read_dir(dir.join("frontmatter")).unwrap() {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let lines = text.lines().count().max(1) + 1;
        let mut diagnostics = Vec::new();
        match frontmatter::split(Path::new("a.md"), &text) {
            Ok(split) => {
                frontmatter::parse(Path::new("a.md"), &split, &mut diagnostics);
            }
            Err(d) => diagnostics.push(d),
        }
        for d in diagnostics {
            let line = d.line.unwrap_or(1);
            assert!((1..=lines + 1).contains(&line), "{}: {d}", path.display());
        }
    }
    for entry in std::fs::read_dir(dir.join("markdown")).unwrap() {
        let path = entry.unwrap().path();
        let body = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let kind = Kind::Article {
            category: "disputes".into(),
            name: "a".into(),
        };
        let (page, _) = SourcePage::from_text(
            0,
            kind,
            Path::new("content/en/disputes/a.md"),
            format!("---\ntitle: T\n---\n{body}"),
        );
        let url_of = |key: &str| key.len().is_multiple_of(2).then_some("/en/disputes/x/");
        let parsed = kbgen::markdown::parse(&page, "disputes/a", &url_of);
        let html = parsed.html.to_ascii_lowercase();
        for bad in [
            "<script",
            "href=\"javascript:",
            "src=\"javascript:",
            " onerror=",
            " onclick=",
        ] {
            assert!(!html.contains(bad), "{}: {bad} in {html}", path.display());
        }
    }
}

#[test]
fn deeply_nested_fluent_is_an_error_not_a_stack_overflow() {
    for ftl in [
        format!(
            "deep = {}\"x\"{}\n",
            "{ ".repeat(100_000),
            " }".repeat(100_000)
        ),
        format!(
            "deep = {{ {}1{} }}\n",
            "NUMBER(".repeat(100_000),
            ")".repeat(100_000)
        ),
    ] {
        let site = built();
        let before = public(&site);
        site.write("locales/pl/deep.ftl", &ftl);
        let run = site.build();
        run.assert_code(1)
            .assert_stderr_has("locales/pl/deep.ftl:1:")
            .assert_stderr_has("nested more than 64 levels deep");
        assert_eq!(before, public(&site));
        site.check(&[])
            .assert_code(1)
            .assert_stdout_has("nested more than 64 levels deep");
    }
}
