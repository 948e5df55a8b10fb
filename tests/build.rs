//! `kbgen build` on the fixture sites: what a reader and a writer would check.

mod common;

use common::TestSite;

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    site
}

#[test]
fn pages_get_pretty_localized_urls() {
    let site = built();
    for page in [
        "index.html",
        "en/index.html",
        "en/help/index.html",
        "en/help/contact/index.html",
        "it/aiuto/contatti/index.html",
        "it/aiuto/rimborsi/index.html",
        "pl/help/kontakt/index.html",
        "zh/help/contact/index.html",
        "en/404.html",
        "it/404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(site.output_exists(page), "missing {page}");
    }
}

#[test]
fn links_resolve_to_the_same_locale_with_anchors() {
    let site = built();
    let it = site.output("it/aiuto/contatti/index.html");
    assert!(
        it.contains(r#"href="/it/aiuto/rimborsi/#outcomes""#),
        "{it}"
    );
    // A link to an untranslated page goes to its fallback in the same locale.
    assert!(it.contains(r#"href="/it/aiuto/only-english/""#), "{it}");
    let en = site.output("en/help/refunds/index.html");
    assert!(en.contains(r#"href="/en/help/contact/#channels""#), "{en}");
    // Polish has no refunds page: the link goes to the Polish URL of its fallback.
    let pl = site.output("pl/help/kontakt/index.html");
    assert!(pl.contains(r#"href="/pl/help/refunds/#outcomes""#), "{pl}");
}

#[test]
fn hreflang_lists_real_translations_and_x_default() {
    let site = built();
    let en = site.output("en/help/contact/index.html");
    for (lang, href) in [
        ("en", "https://help.test/en/help/contact/"),
        ("it", "https://help.test/it/aiuto/contatti/"),
        ("pl", "https://help.test/pl/help/kontakt/"),
        ("zh", "https://help.test/zh/help/contact/"),
        ("x-default", "https://help.test/en/help/contact/"),
    ] {
        let tag = format!(r#"<link rel="alternate" hreflang="{lang}" href="{href}">"#);
        assert!(en.contains(&tag), "missing {tag}");
    }
    // Refunds exist in en and it only: no alternate for the Polish fallback.
    let refunds = site.output("en/help/refunds/index.html");
    assert!(refunds.contains(r#"<link rel="alternate" hreflang="it""#));
    assert!(
        !refunds.contains(r#"<link rel="alternate" hreflang="pl""#),
        "{refunds}"
    );
    assert!(en.contains(r#"<link rel="canonical" href="https://help.test/en/help/contact/">"#));
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
}

#[test]
fn sitemap_has_alternates_and_skips_fallbacks() {
    let site = built();
    let xml = site.output("sitemap.xml");
    let entry = xml
        .lines()
        .find(|l| l.contains("<loc>https://help.test/it/aiuto/contatti/</loc>"))
        .expect("Italian contact page in the sitemap");
    assert!(entry.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://help.test/en/help/contact/"/>"#
    ));
    assert!(entry.contains(r#"hreflang="x-default""#));
    assert!(
        !xml.contains("https://help.test/it/aiuto/only-english/"),
        "fallbacks are not URLs of their own"
    );
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://help.test/sitemap.xml")
    );
}

#[test]
fn missing_translation_falls_back_with_a_localized_notice() {
    let site = TestSite::fixture("basic");
    let run = site.build();
    run.assert_ok();
    let page = site.output("it/aiuto/only-english/index.html");
    assert!(
        page.contains("Questa pagina non è ancora disponibile nella tua lingua (Italiano)"),
        "{page}"
    );
    assert!(page.contains("This page has no translation yet."));
    assert!(
        page.contains(r#"<article lang="en">"#),
        "the English text is marked as English"
    );
    assert!(
        page.contains(r#"<link rel="canonical" href="https://help.test/en/help/only-english/">"#)
    );
    let zh = site.output("zh/help/only-english/index.html");
    assert!(zh.contains("此页面暂无中文版本"), "{zh}");
    // The summary counts fallbacks per locale.
    run.assert_stderr_has("it 13 (9 fallback)")
        .assert_stderr_has("pl 13 (11 fallback)");
}

#[test]
fn polish_counts_use_plural_forms() {
    let site = built();
    assert!(site.output("pl/solo/index.html").contains("1 artykuł<"));
    assert!(site.output("pl/help/index.html").contains("3 artykuły<"));
    assert!(site.output("pl/more/index.html").contains("5 artykułów<"));
    assert!(site.output("en/more/index.html").contains("5 articles<"));
}

#[test]
fn headings_get_ids_in_every_script() {
    let site = built();
    let zh = site.output("zh/help/contact/index.html");
    assert!(zh.contains(r#"<h2 id="联系方式">联系方式</h2>"#), "{zh}");
    assert!(zh.contains(r#"<h2 id="channels">Channels</h2>"#));
    let en = site.output("en/help/contact/index.html");
    assert!(en.contains(r#"<h2 id="before-you-write">"#));
    assert!(
        en.contains(r##"<a href="#before-you-write">"##),
        "table of contents links the heading"
    );
}

#[test]
fn language_switcher_goes_to_the_same_article() {
    let site = built();
    let en = site.output("en/help/refunds/index.html");
    assert!(
        en.contains(r#"<a href="/it/aiuto/rimborsi/" lang="it" hreflang="it">Italiano</a>"#),
        "{en}"
    );
    assert!(en.contains(r#"<a href="/pl/help/refunds/" lang="pl" hreflang="pl">Polski</a>"#));
}

#[test]
fn root_page_lists_languages_in_their_own_names() {
    let site = built();
    let root = site.output("index.html");
    for (code, name) in [
        ("en", "English"),
        ("it", "Italiano"),
        ("pl", "Polski"),
        ("zh", "中文"),
    ] {
        assert!(
            root.contains(&format!(r#"href="/{code}/" lang="{code}""#)),
            "{root}"
        );
        assert!(root.contains(&format!(">{name}</a>")));
    }
    assert!(!root.contains("<script>"), "no inline script");
}

#[test]
fn not_found_pages_are_localized() {
    let site = built();
    assert!(site.output("it/404.html").contains("Pagina non trovata"));
    assert!(site.output("pl/404.html").contains("Nie znaleziono strony"));
    assert!(site.output("404.html").contains("Page not found"));
}

#[test]
fn css_and_js_are_fingerprinted_and_referenced() {
    let site = built();
    let page = site.output("en/index.html");
    let css = page
        .split(r#"<link rel="stylesheet" href="/"#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        css.starts_with("assets/kbgen.")
            && css.ends_with(".css")
            && css.len() > "assets/kbgen..css".len()
    );
    assert!(site.output_exists(css));
    let js = page
        .split(r#"<script type="module" src="/"#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(site.output_exists(js));
}

#[test]
fn base_url_can_be_overridden() {
    let site = TestSite::fixture("basic");
    site.kbgen(&["build", "--base-url", "https://preview.test/docs/"])
        .assert_ok();
    let page = site.output("en/help/contact/index.html");
    assert!(
        page.contains(
            r#"<link rel="canonical" href="https://preview.test/docs/en/help/contact/">"#
        ),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/docs/it/aiuto/contatti/""#),
        "links carry the path prefix"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/en/help/draft.md",
        "---\ntitle: Secret\ndraft: true\n---\nWIP\n",
    );
    site.build().assert_ok();
    assert!(!site.output_exists("en/help/draft/index.html"));
    site.kbgen(&["build", "--drafts"]).assert_ok();
    assert!(site.output_exists("en/help/draft/index.html"));
}

#[test]
fn second_build_is_byte_identical() {
    let site = TestSite::fixture("basic");
    site.kbgen(&["build", "--output", "one"]).assert_ok();
    site.kbgen(&["build", "--output", "two"]).assert_ok();
    let one = TestSite::snapshot(&site.root().join("one"));
    let two = TestSite::snapshot(&site.root().join("two"));
    assert!(one.len() > 20);
    assert_eq!(one.len(), two.len());
    for (a, b) in one.iter().zip(&two) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "{} differs between builds", a.0);
    }
}

#[test]
fn failed_build_keeps_the_previous_output() {
    let site = built();
    let before = TestSite::snapshot(&site.root().join("public"));
    site.edit(
        "content/en/help/contact.md",
        "(refunds.md#outcomes)",
        "(nowhere.md)",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("left as it was");
    let after = TestSite::snapshot(&site.root().join("public"));
    assert_eq!(before, after, "public/ must be untouched by a failed build");
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("kbgen"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = TestSite::fixture("basic");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}<p>Custom {{ t(key=\"not-found-title\") }}</p>{% endblock main %}");
    site.build().assert_ok();
    assert!(
        site.output("it/404.html")
            .contains("<p>Custom Pagina non trovata</p>")
    );
    assert!(
        site.output("en/help/contact/index.html")
            .contains("<h1>Contact support</h1>"),
        "other templates are the theme's"
    );
}

#[test]
fn a_site_without_locales_or_theme_builds_from_the_embedded_defaults() {
    let site = TestSite::fixture("basic");
    assert!(!site.root().join("locales").exists() && !site.root().join("themes").exists());
    site.build().assert_ok();
    assert!(
        site.output("pl/index.html")
            .contains("Przejdź do treści głównej")
    );
}

#[test]
fn lang_tag_from_site_yaml_keeps_the_locale_code_in_urls() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.yaml",
        "{ code: zh, name: 中文 }",
        "{ code: zh, name: 中文, lang: zh-Hans }",
    );
    site.build().assert_ok();
    let zh = site.output("zh/help/contact/index.html");
    assert!(
        zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hans\""),
        "{zh}"
    );
    let en = site.output("en/help/contact/index.html");
    assert!(en.contains(
        r#"<link rel="alternate" hreflang="zh-Hans" href="https://help.test/zh/help/contact/">"#
    ));
    assert!(
        en.contains(r#"lang="zh-Hans" hreflang="zh-Hans">中文</a>"#),
        "{en}"
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains(r#"hreflang="zh-Hans" href="https://help.test/zh/help/contact/""#));
    assert!(!sitemap.contains(r#"hreflang="zh""#));
}

#[test]
fn a_lang_that_is_not_a_language_tag_is_refused() {
    let site = TestSite::fixture("basic");
    site.edit(
        "site.yaml",
        "{ code: zh, name: 中文 }",
        "{ code: zh, name: 中文, lang: chinese simplified }",
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("site.yaml")
        .assert_stderr_has(
            "`lang: chinese simplified` of locale `zh` is not a BCP 47 language tag",
        );
    assert!(!site.output_exists("index.html"), "nothing is written");
}

#[test]
fn article_dates_read_as_each_language_writes_them() {
    let site = TestSite::example();
    site.build().assert_ok();
    let pages = site.translations("en/orders/message-the-seller/index.html");
    let expected = [
        "November 20, 2026",
        "20 de noviembre de 2026",
        "20 novembre 2026",
        "20 novembre 2026",
        "20 november 2026",
        "20. November 2026",
        "2026年11月20日",
        "20 de novembro de 2026",
        // The genitive month, as Polish dates require.
        "20 listopada 2026",
    ];
    assert_eq!(pages.len(), expected.len(), "{pages:?}");
    for (page, date) in pages.iter().zip(expected) {
        let html = site.output(&format!("{}index.html", page.trim_start_matches('/')));
        let time = format!(r#"<time datetime="2026-11-20">{date}</time>"#);
        assert!(html.contains(&time), "{page}: no {time}");
    }
}

#[test]
fn timings_list_every_stage_with_wall_and_cpu_time_and_the_peak_memory() {
    let site = TestSite::fixture("basic");
    for args in [&["--timings"][..], &["--timings", "--quiet"]] {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = site.kbgen(&all);
        run.assert_ok();
        let rows: Vec<&str> = run
            .stderr
            .lines()
            .skip_while(|l| !l.starts_with("stage"))
            .collect();
        let names: Vec<&str> = rows.iter().filter_map(|r| r.split(' ').next()).collect();
        assert_eq!(
            names,
            [
                "stage", "load", "resolve", "pages", "site", "finish", "swap", "total", "peak"
            ],
            "{args:?}: {}",
            run.stderr
        );
        // Each stage row: a name, then wall and CPU seconds.
        for row in &rows[1..8] {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(cols.len(), 5, "{row}");
            assert!(cols[1].parse::<f64>().is_ok() && cols[2] == "s", "{row}");
            assert!(cols[3].parse::<f64>().is_ok() && cols[4] == "s", "{row}");
        }
        let peak: u64 = rows[8]
            .strip_prefix("peak memory ")
            .and_then(|r| r.strip_suffix(" MB"))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{}", rows[8]));
        assert!(peak > 0);
    }
    // Without the flag, no table.
    let run = site.build();
    assert!(!run.stderr.contains("peak memory"), "{}", run.stderr);
}
