//! Load on small sites in a temporary folder: what becomes a page, a media file,
//! a warning or an error, and in which order pages come out.

use std::path::Path;

use super::*;
use crate::config::Overrides;

const SITE: &str = "base_url: https://help.test\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n  - {code: it, name: Italiano}\n  - {code: de, name: Deutsch}\n";

/// A site folder with `files` (path under content/, text) and its config.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let path = dir.path().join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let config = Config::parse(
        dir.path(),
        &dir.path().join("site.yaml"),
        SITE,
        &Overrides::default(),
    )
    .unwrap();
    (dir, config)
}

const PAGE: &str = "---\ntitle: T\n---\nText.\n";

fn messages(diagnostics: &[Diagnostic], root: &Path) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let path = d.path.strip_prefix(root).unwrap_or(&d.path);
            format!("{}: {}", path.display(), d.message)
        })
        .collect()
}

#[test]
fn pages_come_out_by_locale_then_path_with_their_kind() {
    let (dir, config) = site(&[
        ("it/help/refunds.md", PAGE),
        ("en/help/zebra.md", PAGE),
        ("en/_index.md", PAGE),
        ("en/help/_index.md", PAGE),
        ("en/help/alpha.md", PAGE),
        ("en/help/img/shot.png", "png"),
    ]);
    let loaded = load(&config).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let pages: Vec<(usize, String)> = loaded
        .pages
        .iter()
        .map(|p| (p.locale, p.kind.key()))
        .collect();
    assert_eq!(
        pages,
        [
            (0, "_index".to_string()),
            (0, "help/_index".to_string()),
            (0, "help/alpha".to_string()),
            (0, "help/zebra".to_string()),
            (1, "help/refunds".to_string()),
        ]
    );
    let media: Vec<(usize, &str)> = loaded
        .media
        .iter()
        .map(|m| (m.locale, m.rel.as_str()))
        .collect();
    assert_eq!(media, [(0, "help/img/shot.png")]);
    // de has no folder: a warning, not an error.
    assert_eq!(
        messages(&loaded.warnings, dir.path()),
        [
            "content/de: no content folder for de: every de page shows the en text until you create it"
        ]
    );
}

#[test]
fn files_in_the_wrong_place_are_errors_and_strangers_are_warned_about() {
    let (dir, config) = site(&[
        ("en/_index.md", PAGE),
        ("en/help/deeper/page.md", PAGE),
        ("en/loose.md", PAGE),
        ("en/help/Bad Name.md", PAGE),
        ("en/help/.hidden.md", PAGE),
        ("en/.git/config", "x"),
        ("xx/_index.md", PAGE),
        ("it/_index.md", PAGE),
        ("de/_index.md", PAGE),
    ]);
    let loaded = load(&config).unwrap();
    let errors = messages(&loaded.errors, dir.path());
    let move_it = "articles live at content/<locale>/<category>/<article>.md; move this file";
    assert_eq!(
        errors,
        [
            "content/en/help/.hidden.md: the file name `.hidden.md` cannot become a URL (it starts with `.`, which hides it on most hosts): rename the file".to_string(),
            "content/en/help/Bad Name.md: the file name `Bad Name.md` cannot become a URL (it contains a space: use letters, digits and `-`): rename the file".to_string(),
            format!("content/en/help/deeper/page.md: {move_it}"),
            format!("content/en/loose.md: {move_it}"),
        ]
    );
    let warnings = messages(&loaded.warnings, dir.path());
    // Nothing under a hidden folder (.git) is looked at.
    assert_eq!(
        warnings,
        ["content/xx: `xx` is not a locale in site.yaml; ignored"]
    );
    let keys: Vec<String> = loaded.pages.iter().map(|p| p.kind.key()).collect();
    assert_eq!(keys, ["_index", "_index", "_index"]);
}

#[test]
fn a_missing_default_locale_folder_is_an_error() {
    let (dir, config) = site(&[("it/_index.md", PAGE)]);
    let loaded = load(&config).unwrap();
    assert_eq!(
        messages(&loaded.errors, dir.path()),
        [
            "content/en: the default locale's folder is missing: it holds the sources every other locale translates; create it with an _index.md"
        ]
    );
}

#[test]
fn key_lines_give_every_front_matter_key_its_file_line() {
    let (page, _) = SourcePage::from_text(
        0,
        Kind::Home,
        Path::new("content/en/_index.md"),
        "---\ntitle: T\ndescription: >\n  two\n  lines\ntags: [a]\n---\nBody\n".into(),
    );
    let lines = page.key_lines();
    for key in ["title", "description", "tags"] {
        assert_eq!(lines.get(key), Some(&page.key_line(key)), "{key}");
    }
    assert_eq!(lines["tags"], 6);
}
