//! Every page the default theme writes is valid HTML (the Nu HTML checker, 0 errors)
//! and accessible (axe-core in headless Chromium, 0 violations), in every locale.
//!
//! Both tools come from npm (`npm install -g vnu-jar axe-core`; vnu needs a Java
//! runtime). Where one is missing the test prints "skipped: ..." and passes, unless
//! KBGEN_REQUIRE_VALIDATORS=1 (as in CI), when it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestSite;
use common::browser::{StaticServer, tab};

/// The example site with one alias, so that the redirect template is written too.
fn site() -> TestSite {
    let site = TestSite::example();
    site.edit(
        "content/en/orders/message-the-seller.md",
        "slug: \"message-the-seller\"\n",
        "slug: \"message-the-seller\"\naliases: [/en/orders/contact-the-seller/]\n",
    );
    site.build().assert_ok();
    site
}

/// npm's global folder, where `npm install -g` put the tools.
fn npm_root() -> Option<PathBuf> {
    let out = Command::new("npm").args(["root", "-g"]).output().ok()?;
    out.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// `rel` under npm's global folder, or `None` (with a notice) where it is missing.
fn tool(test: &str, rel: &str) -> Option<PathBuf> {
    let path = npm_root().map(|root| root.join(rel));
    if let Some(path) = path.filter(|p| p.exists()) {
        return Some(path);
    }
    assert!(
        std::env::var("KBGEN_REQUIRE_VALIDATORS").as_deref() != Ok("1"),
        "{test}: KBGEN_REQUIRE_VALIDATORS=1 but {rel} is missing (npm install -g vnu-jar axe-core)"
    );
    println!("skipped: {test} (no {rel}; npm install -g vnu-jar axe-core)");
    None
}

fn html_files(public: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

#[test]
fn nu_html_checker_finds_no_errors_on_any_page() {
    let Some(jar) = tool("vnu", "vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    let site = site();
    let public = site.root().join("public");
    let files = html_files(&public);
    // Every template in every locale: home, category, article, contact, search, 404
    // for nine locales, plus the root chooser and the redirect.
    assert!(files.len() > 9 * 6, "only {} pages", files.len());
    assert!(
        site.output("en/orders/contact-the-seller/index.html")
            .contains("http-equiv=\"refresh\""),
        "the redirect page is not among the pages checked"
    );
    // One JVM for all pages: a start per page would take minutes.
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&files)
        .output()
        .expect("run java (a Java runtime is needed for vnu)");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && report.trim().is_empty(),
        "vnu reports errors:\n{report}"
    );
}

#[test]
fn axe_finds_no_violations_on_any_template_in_any_locale() {
    let Some(axe) = tool("axe", "axe-core/axe.min.js") else {
        return;
    };
    let Some((browser, _profile)) = common::browser::browser("axe") else {
        return;
    };
    let axe = std::fs::read_to_string(axe).unwrap();
    let site = site();
    let server = StaticServer::start(&site.root().join("public"));
    let tab = tab(&browser);
    // One page of each template in each locale.
    let mut pages = site.translations("en/index.html");
    let homes = pages.clone();
    assert_eq!(homes.len(), 9, "{homes:?}");
    pages.extend(site.translations("en/orders/index.html"));
    pages.extend(site.translations("en/orders/message-the-seller/index.html"));
    for home in &homes {
        for rel in ["contact/", "search/?q=refund", "404.html"] {
            pages.push(format!("{home}{rel}"));
        }
    }
    // The root chooser; the redirect page leaves at once, so only vnu checks it.
    pages.push("/".to_string());
    let mut found = Vec::new();
    for page in &pages {
        tab.navigate_to(&server.url(page))
            .and_then(|t| t.wait_until_navigated())
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        tab.evaluate(&axe, false).expect("load axe-core");
        let result = tab
            .evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => \
                 ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))))",
                true,
            )
            .expect("run axe");
        let json = result.value.and_then(|v| v.as_str().map(str::to_owned));
        let json = json.expect("axe result");
        if json != "[]" {
            found.push(format!("{page}: {json}"));
        }
    }
    assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
}
