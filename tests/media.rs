//! Media beside the articles: localized images with fallback, hashed names, sizes,
//! errors with positions, unused files, size limits, logo and favicon, rebuilds.

mod common;

use std::collections::BTreeSet;

use common::TestSite;

const EN_RETURNS: &str = "content/en/help/returns.md";

/// The `<img>` tags of a page, in order.
fn images(html: &str) -> Vec<&str> {
    html.match_indices("<img ")
        .map(|(i, _)| &html[i..i + html[i..].find('>').expect("tag ends")])
        .collect()
}

/// The images of an article's content, without the theme's logo.
fn content_images(html: &str) -> Vec<&str> {
    let start = html
        .find("<div class=\"content\">")
        .expect("article content");
    images(&html[start..])
}

/// The value of attribute `name` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let i = tag.find(&needle)? + needle.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// `/assets/media/<stem>.<10 hex>.<ext>`, the stem and extension given.
#[track_caller]
fn assert_hashed(url: &str, stem: &str, ext: &str) {
    let name = url
        .strip_prefix("/assets/media/")
        .unwrap_or_else(|| panic!("{url} is not under /assets/media/"));
    let parts: Vec<&str> = name.split('.').collect();
    assert_eq!(parts.len(), 3, "{url}");
    assert_eq!((parts[0], parts[2]), (stem, ext), "{url}");
    assert!(
        parts[1].len() == 10 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
        "{url}: no content hash"
    );
}

fn media_files(site: &TestSite) -> BTreeSet<String> {
    std::fs::read_dir(site.root().join("public/assets/media"))
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn localized_images_win_and_the_rest_fall_back_to_the_default_locale() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let en = site.output("en/help/returns/index.html");
    let it = site.output("it/help/returns/index.html");
    let en_imgs = content_images(&en);
    let it_imgs = content_images(&it);
    assert_eq!(en_imgs.len(), 3, "{en_imgs:?}");
    assert_eq!(it_imgs.len(), 2, "{it_imgs:?}");

    // The Italian screenshot replaces the English one; the diagram falls back.
    let (en_shot, it_shot) = (
        attr(en_imgs[0], "src").unwrap(),
        attr(it_imgs[0], "src").unwrap(),
    );
    assert_hashed(en_shot, "get-support", "png");
    assert_hashed(it_shot, "get-support", "png");
    assert_ne!(en_shot, it_shot);
    assert_eq!(attr(en_imgs[1], "src"), attr(it_imgs[1], "src"));
    assert_hashed(attr(en_imgs[1], "src").unwrap(), "diagram", "svg");

    // Sizes come from the files; alt text and title from the Markdown.
    assert_eq!(
        (attr(en_imgs[0], "width"), attr(en_imgs[0], "height")),
        (Some("40"), Some("30"))
    );
    assert_eq!(
        (attr(it_imgs[0], "width"), attr(it_imgs[0], "height")),
        (Some("50"), Some("20"))
    );
    assert_eq!(
        (attr(en_imgs[1], "width"), attr(en_imgs[1], "height")),
        (Some("300"), Some("100"))
    );
    assert_eq!(
        attr(it_imgs[0], "alt"),
        Some("Il pulsante Ottieni supporto")
    );
    assert_eq!(attr(en_imgs[1], "title"), Some("Return steps"));

    // Only the first image of a page loads eagerly.
    assert_eq!(attr(en_imgs[0], "loading"), None);
    assert_eq!(attr(en_imgs[0], "decoding"), None);
    for later in [en_imgs[1], en_imgs[2], it_imgs[1]] {
        assert_eq!(attr(later, "loading"), Some("lazy"), "{later}");
        assert_eq!(attr(later, "decoding"), Some("async"), "{later}");
    }

    // Raw HTML <img> resolves the same way and gets its size too.
    assert_hashed(attr(en_imgs[2], "src").unwrap(), "raw", "gif");
    assert_eq!(
        (attr(en_imgs[2], "width"), attr(en_imgs[2], "height")),
        (Some("3"), Some("2"))
    );
    assert_eq!(attr(en_imgs[2], "alt"), Some("Tiny marker"));

    // A PDF link from both locales: the Italian page falls back to the English file.
    let pdf = en
        .split("href=\"")
        .map(|s| &s[..s.find('"').unwrap()])
        .find(|h| h.ends_with(".pdf"))
        .expect("a link to the PDF");
    assert_hashed(pdf, "returns-form", "pdf");
    assert!(
        it.contains(&format!("href=\"{pdf}\"")),
        "the Italian page links the same PDF"
    );

    // Every URL is a published file, with the bytes of its source.
    for url in [en_shot, it_shot, pdf] {
        assert!(site.output_exists(url.trim_start_matches('/')), "{url}");
    }
    let it_bytes = std::fs::read(
        site.root()
            .join("public")
            .join(it_shot.trim_start_matches('/')),
    );
    assert_eq!(
        it_bytes.unwrap(),
        std::fs::read(site.root().join("content/it/help/img/get-support.png")).unwrap()
    );
}

#[test]
fn a_fallback_page_shows_the_locale_s_own_images() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let it_returns = site.output("it/help/returns/index.html");
    let it_shot = attr(content_images(&it_returns)[0], "src")
        .unwrap()
        .to_string();
    // shipping.md has no Italian translation: the English text is shown in Italian,
    // with the Italian screenshot.
    let en = site.output("en/help/shipping/index.html");
    let it = site.output("it/help/shipping/index.html");
    let it_imgs = content_images(&it);
    assert_eq!(attr(it_imgs[2], "src"), Some(it_shot.as_str()));
    assert_ne!(attr(content_images(&en)[2], "src"), Some(it_shot.as_str()));
    assert_eq!(attr(it_imgs[2], "alt"), Some("The Get support button"));
}

#[test]
fn each_file_is_published_once_and_unused_files_not_at_all() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let shipping = site.output("en/help/shipping/index.html");
    let imgs = content_images(&shipping);
    // The same bytes under two names: one file, one URL.
    assert_eq!(attr(imgs[0], "src"), attr(imgs[1], "src"));
    assert_hashed(attr(imgs[0], "src").unwrap(), "copy-a", "png");
    let files = media_files(&site);
    let stems: Vec<&str> = files.iter().map(|f| f.split('.').next().unwrap()).collect();
    // copy-a is also the favicon's bytes, so the favicon shares its file.
    assert_eq!(
        stems,
        [
            "copy-a",
            "diagram",
            "get-support",
            "get-support",
            "logo",
            "raw",
            "returns-form"
        ],
        "{files:?}"
    );
    assert!(!files.iter().any(|f| f.starts_with("unused")));
}

#[test]
fn check_lists_unused_files() {
    let site = TestSite::fixture("media");
    let (run, json) = site.check_json(&[]);
    run.assert_ok();
    let media: Vec<(&str, &str)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "media")
        .map(|p| (p["path"].as_str().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    assert!(
        media
            .iter()
            .any(|(path, m)| path.ends_with("content/en/help/unused.txt")
                && m.starts_with("unused file")),
        "{media:?}"
    );
    assert!(
        !media
            .iter()
            .any(|(path, m)| path.ends_with("returns-form.pdf") && m.starts_with("unused"))
    );
}

#[test]
fn missing_climbing_and_symlinked_files_are_errors_with_positions() {
    let site = TestSite::fixture("media");
    site.edit(
        EN_RETURNS,
        "## The form\n",
        "## The form\n\nSee ![Gone](img/gone.png) and [up](../../../secret.pdf).\n\n![Linked](img/link.png)\n\n<img src=\"img/missing.gif\" alt=\"Missing\">\n",
    );
    std::os::unix::fs::symlink(
        site.root().join("content/en/help/img/raw.gif"),
        site.root().join("content/en/help/img/link.png"),
    )
    .unwrap();
    let run = site.build();
    run.assert_code(1)
        .assert_stderr_has("content/en/help/returns.md:10:5: error: broken image `img/gone.png`: there is no file help/img/gone.png")
        .assert_stderr_has("content/en/help/returns.md:10:31: error: broken link `../../../secret.pdf`: it climbs out of the locale folder")
        .assert_stderr_has("content/en/help/returns.md:12:1: error: broken image `img/link.png`:")
        .assert_stderr_has("is a symbolic link")
        .assert_stderr_has("content/en/help/returns.md:14:1: error: broken image `img/missing.gif`");
    assert!(
        !site.output_exists("en/index.html"),
        "a failed build publishes nothing"
    );

    let (run, json) = site.check_json(&[]);
    run.assert_code(1);
    let images: Vec<u64> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "image" && p["level"] == "error")
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(images, [10, 12, 14], "{json:#}");
}

#[test]
fn files_over_the_limits_warn_and_fail() {
    let site = TestSite::fixture("media");
    // 3 KB: over warn_size (2 KB), under max_size (20 KB).
    std::fs::write(
        site.root().join("content/en/help/big.pdf"),
        vec![b'x'; 3_000],
    )
    .unwrap();
    site.edit(EN_RETURNS, "Send the item", "[Big](big.pdf) Send the item");
    site.build().assert_ok().assert_stderr_has(
        "content/en/help/big.pdf: warning: help/big.pdf is 3.0 KB, over the 2.0 KB",
    );
    std::fs::write(
        site.root().join("content/en/help/big.pdf"),
        vec![b'x'; 30_000],
    )
    .unwrap();
    site.build()
        .assert_code(1)
        .assert_stderr_has("content/en/help/returns.md:4:1: error: link `big.pdf`:")
        .assert_stderr_has("is 30.0 KB, over the 20.0 KB limit (site.yaml `media: max_size`)");
}

#[test]
fn logo_and_favicon_are_on_every_page() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    for page in ["en/index.html", "it/help/returns/index.html", "en/404.html"] {
        let html = site.output(page);
        let logo = html
            .split("<a class=\"brand\"")
            .nth(1)
            .and_then(|s| s.split("</a>").next())
            .unwrap();
        let img = images(logo)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{page}: no logo"));
        assert_hashed(attr(img, "src").unwrap(), "logo", "svg");
        assert_eq!(
            (attr(img, "width"), attr(img, "height")),
            (Some("32"), Some("32"))
        );
        assert!(
            html.contains("<link rel=\"icon\" href=\"/assets/media/copy-a."),
            "{page}"
        );
    }
    site.edit("site.yaml", "logo: brand/logo.svg", "logo: brand/nope.svg");
    site.build()
        .assert_code(1)
        .assert_stderr_has("site.yaml: error: logo `brand/nope.svg`: there is no file");
}

#[test]
fn changing_one_image_changes_exactly_the_pages_that_show_it() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let before = TestSite::snapshot(&site.root().join("public"));
    site.edit(
        "content/en/help/diagram.svg",
        "Return steps",
        "Return steps, redrawn",
    );
    site.build().assert_ok();
    let after = TestSite::snapshot(&site.root().join("public"));
    let changed: BTreeSet<String> = before
        .iter()
        .chain(&after)
        .filter(|f| !before.contains(f) || !after.contains(f))
        .map(|(name, _)| name.clone())
        .filter(|name| !name.starts_with("assets/media/"))
        .collect();
    // Both locales' returns pages show the diagram (Italian falls back to it).
    assert_eq!(
        changed,
        BTreeSet::from([
            "en/help/returns/index.html".into(),
            "it/help/returns/index.html".into()
        ])
    );
    let old: BTreeSet<_> = before
        .iter()
        .filter(|f| f.0.starts_with("assets/media/"))
        .map(|f| &f.0)
        .collect();
    let new: BTreeSet<_> = after
        .iter()
        .filter(|f| f.0.starts_with("assets/media/"))
        .map(|f| &f.0)
        .collect();
    let gone: Vec<_> = old.difference(&new).collect();
    let added: Vec<_> = new.difference(&old).collect();
    assert_eq!((gone.len(), added.len()), (1, 1), "{gone:?} {added:?}");
    assert!(added[0].starts_with("assets/media/diagram."));
}

#[test]
fn rebuilds_with_media_are_byte_identical() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let first = TestSite::snapshot(&site.root().join("public"));
    site.build().assert_ok();
    assert!(first == TestSite::snapshot(&site.root().join("public")));
}

#[test]
fn search_indexes_alt_text_but_never_file_names() {
    let site = TestSite::fixture("media");
    site.build().assert_ok();
    let index: String = TestSite::snapshot(&site.root().join("public/search/en"))
        .into_iter()
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    for name in [
        "get-support",
        "png",
        "svg",
        "copy-a",
        "raw.gif",
        "assets/media",
    ] {
        assert!(!index.contains(name), "the index holds `{name}`");
    }
    // Markdown and raw HTML alt text alike.
    for word in ["diagram", "tiny", "marker"] {
        assert!(index.contains(word), "the index lacks `{word}`");
    }
}

#[test]
fn a_category_icon_can_be_a_file_beside_it_and_a_missing_one_is_an_error_at_its_line() {
    const PAYMENTS: &str = "content/en/payments/_index.md";
    let site = TestSite::example();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><circle cx=\"12\" cy=\"12\" r=\"9\"/></svg>";
    site.write("content/en/payments/coins.svg", svg);
    site.edit(PAYMENTS, "icon: payment", "icon: coins.svg");
    site.build().assert_ok();
    let home = site.output("en/index.html");
    let icons: Vec<&str> = images(&home)
        .into_iter()
        .filter(|t| t.contains("class=\"icon\""))
        .collect();
    assert_eq!(icons.len(), 1, "{icons:?}");
    let src = attr(icons[0], "src").unwrap();
    assert_hashed(src, "coins", "svg");
    assert_eq!(
        attr(icons[0], "alt"),
        Some(""),
        "decorative: the title says it"
    );
    let published = site.root().join("public").join(src.trim_start_matches('/'));
    assert_eq!(std::fs::read_to_string(published).unwrap(), svg);
    assert_eq!(
        home.matches("<svg class=\"icon\"").count(),
        4,
        "the other categories keep their built-in icons"
    );
    let (run, json) = site.check_json(&[]);
    run.assert_ok();
    assert!(
        !json["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"].as_str().unwrap_or("").ends_with("coins.svg")),
        "the icon counts as used: {json}"
    );

    for (value, message) in [
        (
            "coin.svg",
            "icon `coin.svg`: there is no file payments/coin.svg",
        ),
        (
            "../coins.svg",
            "must be a file inside the category's folder",
        ),
    ] {
        site.edit(PAYMENTS, "icon: coins.svg", &format!("icon: {value}"));
        site.build()
            .assert_code(1)
            .assert_stderr_has(&format!("{PAYMENTS}:3:1"))
            .assert_stderr_has(message);
        site.edit(PAYMENTS, &format!("icon: {value}"), "icon: coins.svg");
    }
    site.build().assert_ok();
}
