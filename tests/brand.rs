//! site.yaml `brand:`: the accent color becomes the palette at AA contrast, a light
//! one is warned about with its ratio, a malformed one is an error at its line,
//! and the site's stylesheet is linked after the theme's.

mod common;

use common::TestSite;

fn branded(brand: &str) -> TestSite {
    let site = TestSite::example();
    let yaml = site.read_source("site.yaml");
    site.write("site.yaml", &format!("{yaml}{brand}"));
    site
}

fn line_of(site: &TestSite, needle: &str) -> usize {
    site.read_source("site.yaml")
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn a_low_contrast_accent_warns_with_its_ratio_and_links_use_a_darker_shade() {
    let site = branded("brand:\n  accent: \"#ffeb3b\"\n");
    let line = line_of(&site, "accent:");
    let run = site.build();
    run.assert_ok().assert_stderr_has(&format!(
        "site.yaml:{line}:1: warning: brand.accent #ffeb3b has contrast 1.2:1 on white, under the 4.5:1 text needs; links and buttons use a darker shade #7a711c"
    ));
    let home = site.output("en/index.html");
    let kbgen = home.find("/assets/kbgen.").unwrap();
    let brand = home.find("/assets/brand.").expect("the palette is linked");
    assert!(kbgen < brand, "the palette comes after the theme's CSS");
    let href = &home[brand..];
    let css = site.output(&href[1..href.find('"').unwrap()]);
    assert!(
        css.contains(":root { --accent: #7a711c; --accent-fg: #ffffff; }"),
        "{css}"
    );
}

#[test]
fn a_readable_accent_does_not_warn() {
    let site = branded("brand: { accent: \"#0B57D0\" }\n");
    let run = site.build();
    assert!(
        !run.assert_ok().stderr.contains("brand.accent"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_accent_is_an_error_at_its_line() {
    let site = branded("brand:\n  logo: media/logo.svg\n  accent: red\n");
    let line = line_of(&site, "accent:");
    site.build().assert_code(2).assert_stderr_has(&format!(
        "site.yaml:{line}:1: error: brand.accent `red` is not a color; write it as #rrggbb"
    ));
}

#[test]
fn the_sites_stylesheet_is_linked_after_the_theme() {
    let site = branded("brand:\n  css: brand/extra.css\n");
    site.write("brand/extra.css", ".hero { border-width: 3px; }\n");
    site.build().assert_ok();
    let home = site.output("en/index.html");
    let kbgen = home.find("/assets/kbgen.").unwrap();
    let extra = home
        .find("/assets/site.")
        .expect("the site's CSS is linked");
    assert!(kbgen < extra);
    assert!(!home.contains("/assets/brand."), "no accent, no palette");
    let href = &home[extra..];
    assert_eq!(
        site.output(&href[1..href.find('"').unwrap()]),
        ".hero { border-width: 3px; }\n"
    );
}
