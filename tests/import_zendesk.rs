//! `kbgen import zendesk`: the fixture export (tests/fixtures/zendesk/export, the
//! Help Center API's JSON as saved to disk) into a site, then build and check.

mod common;

use std::path::Path;

use common::TestSite;

/// The fixture site (site.yaml and export/), imported.
fn imported() -> TestSite {
    let site = TestSite::fixture("zendesk");
    site.kbgen(&["import", "zendesk", "export"]).assert_ok();
    site
}

fn content(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    TestSite::snapshot(&site.root().join("content"))
}

fn status(json: &serde_json::Value, key: &str, locale: &str) -> String {
    json["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == key && t["locale"] == locale)
        .unwrap_or_else(|| panic!("no {key} in {locale}"))["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_fixture_export_imports_builds_and_checks_clean() {
    let site = TestSite::fixture("zendesk");
    let run = site.kbgen(&["import", "zendesk", "export"]);
    run.assert_ok()
        .assert_stdout_has("en             13            0           4        42")
        .assert_stdout_has("pl              0            3           0         6");
    site.build().assert_ok();
    site.check(&[]).assert_ok().assert_stdout_has("0 errors");
    // Pages in their sections' categories, translations under their locales.
    let page = site.output("en/bidding/how-bidding-works/index.html");
    assert!(page.contains("Placing a bid"), "{page}");
    assert!(
        site.output("zh/bidding/how-bidding-works/index.html")
            .contains("竞拍如何进行")
    );
    assert!(
        site.output("pl/security/resetting-your-password/index.html")
            .contains("Resetowanie hasła")
    );
    assert!(
        site.output("pt/payments/payment-methods/index.html")
            .contains("Formas de pagamento")
    );
    assert!(
        site.output("nl/payments/refunds/index.html")
            .contains("Terugbetalingen")
    );
    // The draft is left out of the build.
    assert!(!site.output_exists("en/security/closing-your-account/index.html"));
    // Links between articles by their Zendesk URLs lead to the new pages.
    assert!(
        page.contains("href=\"/en/bidding/automatic-bidding/\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/en/payments/payment-methods/#h_01HP1\""),
        "{page}"
    );
    // The video is embedded: this site.yaml allows iframes.
    let video = site.output("en/bidding/watching-an-auction/index.html");
    assert!(
        video.contains("<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\""),
        "{video}"
    );
}

#[test]
fn images_are_beside_the_articles_and_localized_ones_under_their_locale() {
    let site = imported();
    let root = site.root().join("content");
    for file in [
        "en/bidding/attachments/9001-bid-button.png",
        "en/payments/attachments/9002-invoice.svg",
        "en/listings/attachments/9003.png",
        "en/security/attachments/9004-reset.png",
        "de/bidding/attachments/9005-bieten.png",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    // zh uses the English screenshot: the same path, so no copy.
    assert!(!root.join("zh/bidding/attachments").exists());
    let md = site.read_source("content/de/bidding/how-bidding-works.md");
    assert!(
        md.contains("![Die Schaltfläche Bieten](attachments/9005-bieten.png)"),
        "{md}"
    );
    site.build().assert_ok();
    let de = site.output("de/bidding/how-bidding-works/index.html");
    let en = site.output("en/bidding/how-bidding-works/index.html");
    let src = |html: &str| {
        let at = html.find("/assets/media/").unwrap();
        html[at..].split('"').next().unwrap().to_string()
    };
    assert_ne!(src(&de), src(&en), "the German page shows its own image");
    assert_eq!(
        src(&site.output("zh/bidding/how-bidding-works/index.html")),
        src(&en)
    );
}

#[test]
fn a_translation_zendesk_flags_outdated_is_outdated_in_kbgen_check() {
    let site = imported();
    let (_, json) = site.check_json(&[]);
    assert_eq!(status(&json, "bidding/how-bidding-works", "pl"), "outdated");
    assert_eq!(
        status(&json, "security/resetting-your-password", "de"),
        "outdated"
    );
    assert_eq!(
        status(&json, "bidding/how-bidding-works", "de"),
        "up_to_date"
    );
    assert_eq!(
        status(&json, "bidding/how-bidding-works", "zh"),
        "up_to_date"
    );
    site.build().assert_ok();
    let pl = site.output("pl/bidding/how-bidding-works/index.html");
    let de = site.output("de/bidding/how-bidding-works/index.html");
    // The reader's notice links the current original.
    let notice = "class=\"notice\" role=\"note\"";
    assert!(
        pl.contains(notice) && pl.contains("hreflang=\"en\""),
        "{pl}"
    );
    assert!(!de.contains(notice), "{de}");
}

#[test]
fn old_zendesk_urls_redirect_to_the_new_pages() {
    let site = imported();
    site.build().assert_ok();
    let redirects = site.output("_redirects");
    for rule in [
        "/hc/en-us/articles/400001-How-bidding-works/ /en/bidding/how-bidding-works/ 301",
        "/hc/en-us/articles/400001/ /en/bidding/how-bidding-works/ 301",
        "/hc/zh-cn/articles/400001/ /zh/bidding/how-bidding-works/ 301",
        "/hc/pt-br/articles/400005/ /pt/payments/payment-methods/ 301",
        "/hc/en-us/sections/300002-Payments/ /en/payments/ 301",
        "/hc/en-us/sections/300002/ /en/payments/ 301",
        "/hc/en-us/categories/200002/ /en/listings/ 301",
    ] {
        assert!(redirects.contains(rule), "{rule} not in\n{redirects}");
    }
}

#[test]
fn front_matter_carries_zendesk_fields() {
    let site = imported();
    let md = site.read_source("content/en/bidding/how-bidding-works.md");
    for line in [
        "title: How bidding works",
        "description: Every auction runs for a fixed time. The highest bid when it ends wins.",
        "- bidding\n- auction",
        "order: 0",
        "promoted: true",
        "updated: 2025-03-22",
    ] {
        assert!(md.contains(line), "{line} not in\n{md}");
    }
    assert!(
        site.read_source("content/en/security/closing-your-account.md")
            .contains("draft: true")
    );
    let section = site.read_source("content/en/payouts/_index.md");
    assert!(
        section.contains("title: Payouts") && section.contains("order: 4"),
        "{section}"
    );
}

#[test]
fn dry_run_prints_the_report_and_writes_nothing() {
    let site = TestSite::fixture("zendesk");
    site.kbgen(&["import", "zendesk", "export", "--dry-run"])
        .assert_ok()
        .assert_stdout_has("zh              0            3")
        .assert_stdout_has("would write 38 file(s)")
        .assert_stdout_has("nothing written");
    assert!(!site.root().join("content").exists());
}

#[test]
fn reimporting_the_same_export_changes_nothing() {
    let site = imported();
    let before = content(&site);
    let file = site.root().join("content/en/bidding/how-bidding-works.md");
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    site.kbgen(&["import", "zendesk", "export"])
        .assert_ok()
        // 37: the home page, written on the first run, is the site's own now.
        .assert_stdout_has("wrote 0 file(s) under content/, 37 unchanged");
    assert_eq!(content(&site), before);
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), mtime);
}

#[test]
fn reimporting_with_one_edited_article_changes_that_article_only() {
    let site = imported();
    let before = content(&site);
    site.edit(
        "export/articles-2.json",
        "Payouts are free within the EU.",
        "Payouts are free within the EEA.",
    );
    site.kbgen(&["import", "zendesk", "export"])
        .assert_ok()
        .assert_stdout_has("wrote 1 file(s)");
    let after = content(&site);
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(before.len(), after.len());
    assert_eq!(changed, ["en/payouts/payout-fees.md"]);
}

#[test]
fn an_article_moved_to_another_section_moves_its_files_and_keeps_its_old_urls() {
    let site = imported();
    let file = site.root().join("export/articles-2.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for a in json["articles"].as_array_mut().unwrap() {
        if a["id"] == 400011 {
            a["section_id"] = 300001.into();
        }
    }
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    site.kbgen(&["import", "zendesk", "export"])
        .assert_ok()
        .assert_stdout_has("article 400011 moved to another section");
    for locale in ["en", "de", "nl", "zh", "pl"] {
        let old = format!("content/{locale}/security/resetting-your-password.md");
        let new = format!("content/{locale}/bidding/resetting-your-password.md");
        assert!(!site.root().join(&old).exists(), "{old} stays");
        assert!(
            site.read_source(&new)
                .contains("- security/resetting-your-password/"),
            "{new} redirects its old kbgen URL"
        );
    }
    site.build().assert_ok();
    let redirects = site.output("_redirects");
    for rule in [
        "/en/security/resetting-your-password/ /en/bidding/resetting-your-password/ 301",
        "/hc/en-us/articles/400011/ /en/bidding/resetting-your-password/ 301",
        "/pl/security/resetting-your-password/ /pl/bidding/resetting-your-password/ 301",
    ] {
        assert!(redirects.contains(rule), "{rule}\n{redirects}");
    }
    site.kbgen(&["check"]).assert_ok();
}

#[test]
fn the_writers_own_files_are_kept() {
    let site = TestSite::fixture("zendesk");
    site.write("content/en/_index.md", "---\ntitle: Our help\n---\n")
        .write("content/en/bidding/extra.md", "---\ntitle: Mine\n---\n");
    site.kbgen(&["import", "zendesk", "export"]).assert_ok();
    assert_eq!(
        site.read_source("content/en/_index.md"),
        "---\ntitle: Our help\n---\n"
    );
    assert!(site.root().join("content/en/bidding/extra.md").exists());
    let left: Vec<_> = std::fs::read_dir(site.root().join("content"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "staging left behind: {left:?}");
}

/// Runs the import expecting failure; asserts its message and that nothing was written.
#[track_caller]
fn fails_writing_nothing(site: &TestSite, args: &[&str], needles: &[&str]) {
    let mut all = vec!["import", "zendesk", "export"];
    all.extend_from_slice(args);
    let run = site.kbgen(&all);
    assert_ne!(run.code, 0, "{}", run.stdout);
    for needle in needles {
        run.assert_stderr_has(needle);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        !site.root().join("content").exists(),
        "something was written"
    );
}

#[test]
fn truncated_json_is_an_error_naming_the_file_and_line() {
    let site = TestSite::fixture("zendesk");
    let path = site.root().join("export/sections.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    fails_writing_nothing(&site, &[], &["export/sections.json:", "truncated"]);
}

#[test]
fn an_article_whose_section_is_missing_is_an_error_naming_it() {
    let site = TestSite::fixture("zendesk");
    site.edit(
        "export/articles-2.json",
        "\"section_id\": 300004",
        "\"section_id\": 399999",
    );
    fails_writing_nothing(
        &site,
        &[],
        &[
            "articles-2.json",
            "article 400009",
            "section 399999",
            "sections.json lacks",
        ],
    );
}

#[test]
fn a_missing_attachment_is_an_error_naming_the_article() {
    let site = TestSite::fixture("zendesk");
    site.remove("export/attachments/reset.png");
    fails_writing_nothing(
        &site,
        &[],
        &[
            "article 400011",
            "article_attachments/9004/reset.png",
            "attachments/<id>/<file name>",
        ],
    );
}

#[test]
fn a_locale_the_site_lacks_is_an_error_saying_what_to_pass() {
    let site = TestSite::fixture("zendesk");
    site.edit("site.yaml", "  - { code: nl, name: Nederlands }\n", "");
    fails_writing_nothing(
        &site,
        &[],
        &["locale `nl`", "--locale-map nl=<site locale>"],
    );
    // Mapped away, the same export imports.
    site.kbgen(&["import", "zendesk", "export", "--locale-map", "nl=skip"])
        .assert_ok();
    assert!(!site.root().join("content/nl").exists());
    assert!(Path::new(&site.root().join("content/de")).is_dir());
}

#[test]
fn a_bad_locale_map_is_a_usage_error() {
    let site = TestSite::fixture("zendesk");
    site.kbgen(&["import", "zendesk", "export", "--locale-map", "nl"])
        .assert_code(2)
        .assert_stderr_has("ZENDESK=SITE");
    site.kbgen(&["import", "zendesk", "export", "--locale-map", "nl=xx"])
        .assert_code(1)
        .assert_stderr_has("no locale `xx`");
}

#[test]
fn a_retitled_article_keeps_its_file_on_reimport() {
    let site = imported();
    site.edit(
        "export/articles-2.json",
        "\"title\": \"Payout fees\"",
        "\"title\": \"Fees for payouts\"",
    )
    .edit(
        "export/articles-2.json",
        "articles/400010-Payout-fees",
        "articles/400010-Fees-for-payouts",
    );
    site.kbgen(&["import", "zendesk", "export"])
        .assert_ok()
        .assert_stdout_has("wrote 1 file(s)");
    let md = site.read_source("content/en/payouts/payout-fees.md");
    assert!(md.contains("title: Fees for payouts"), "{md}");
    assert!(
        !site
            .root()
            .join("content/en/payouts/fees-for-payouts.md")
            .exists()
    );
    site.build().assert_ok();
    // Both the new and the old slug URL redirect.
    let redirects = site.output("_redirects");
    for from in ["400010-Fees-for-payouts/", "400010-Payout-fees/"] {
        assert!(
            redirects.contains(&format!(
                "/hc/en-us/articles/{from} /en/payouts/payout-fees/"
            )),
            "{redirects}"
        );
    }
}

#[test]
fn side_loaded_translations_cursor_pages_and_per_locale_lists_are_read() {
    let site = TestSite::empty();
    site.write(
        "site.yaml",
        "base_url: https://h.test\ndefault_locale: en\nlocales:\n  - { code: en, name: English }\n  - { code: de, name: Deutsch }\n  - { code: es, name: Español }\n",
    )
    .write(
        "export/categories.json",
        r#"{"categories":[{"id":1,"name":"General","description":null,"position":0,"html_url":null,"locale":"en-gb"}],
            "meta":{"has_more":false,"after_cursor":null},"links":{"first":null,"next":null}}"#,
    )
    .write(
        "export/sections.json",
        r#"{"sections":[{"id":2,"category_id":1,"name":"Start","description":"","position":null,"html_url":"https://h.zendesk.com/hc/en-gb/sections/2-Start","locale":"en-gb","parent_section_id":null}],
            "meta":{"has_more":false},"links":{"next":null}}"#,
    )
    .write(
        "export/articles.json",
        r#"{"articles":[
            {"id":3,"section_id":2,"title":"Hello","body":"<p>Hi <img src=\"/hc/en-gb/article_attachments/7/pic.png\" alt=\"Pic\"></p>","locale":"en-gb","source_locale":"en-gb","html_url":"https://h.zendesk.com/hc/en-gb/articles/3-Hello","label_names":null,"draft":null,"promoted":null,"outdated":null,"position":null,"updated_at":null},
            {"id":3,"section_id":2,"title":"Hallo","body":"<p>Hallo</p>","locale":"de","source_locale":"en-gb","html_url":"https://h.zendesk.com/hc/de/articles/3-Hallo","outdated":true}
          ],
          "translations":[{"source_id":3,"source_type":"Article","locale":"es-419","title":"Hola","body":"<p>Hola</p>","outdated":false},
                          {"source_id":2,"source_type":"Section","locale":"es-419","title":"Inicio","body":null}],
          "sections":[],"users":[{"id":9,"name":"Agent"}],"next_page":null}"#,
    )
    .write("export/attachments/7", "not really a PNG, but bytes");
    site.kbgen(&["import", "zendesk", "export"]).assert_ok();
    let en = site.read_source("content/en/start/hello.md");
    assert!(en.contains("![Pic](attachments/7-pic.png)"), "{en}");
    assert!(
        site.root()
            .join("content/en/start/attachments/7-pic.png")
            .is_file()
    );
    let de = site.read_source("content/de/start/hello.md");
    assert!(
        de.contains("title: Hallo") && de.contains("source_hash: outdated-in-zendesk"),
        "{de}"
    );
    let es = site.read_source("content/es/start/hello.md");
    assert!(
        es.contains("title: Hola") && es.contains("/hc/es-419/articles/3"),
        "{es}"
    );
    site.build().assert_ok();
    assert!(
        site.output("_redirects")
            .contains("/hc/en-gb/articles/3-Hello/ /en/start/hello/ 301")
    );
}
