//! What media edits rebuild in `kbgen serve`: files beside the pages are served
//! from memory with their pages, and a change to one reaches every page showing it.

use super::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "site.yaml",
        "base_url: https://help.test\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n  - {code: it, name: Italiano}\n",
    );
    write("content/en/_index.md", "---\ntitle: Help\n---\n");
    write(
        "content/en/help/_index.md",
        "---\ntitle: Getting help\n---\n",
    );
    write(
        "content/en/help/a.md",
        "---\ntitle: Alpha\n---\n![A diagram](diagram.svg)\n",
    );
    write(
        "content/en/help/diagram.svg",
        "<svg width=\"10\" height=\"5\"/>",
    );
    write("content/it/_index.md", "---\ntitle: Aiuto\n---\n");
    dir
}

/// The `src` of the page's content image.
fn src(update: &Update, file: &str) -> String {
    let html = String::from_utf8(update.written[file].bytes().into_owned()).unwrap();
    let i = html.find("<img src=\"/assets/media/").expect("an image") + 10;
    html[i..i + html[i..].find('"').unwrap()].to_string()
}

#[test]
fn media_are_served_and_an_edited_image_reaches_its_pages() {
    let dir = site();
    let (mut live, first) = LiveSite::new(dir.path(), Overrides::default());
    assert!(live.errors().is_empty(), "{:?}", live.errors());
    let old = src(&first, "en/help/a/index.html");
    assert!(first.written.contains_key(old.trim_start_matches('/')));
    assert_eq!(
        src(&first, "it/help/a/index.html"),
        old,
        "the fallback shows it too"
    );

    let svg = dir.path().join("content/en/help/diagram.svg");
    std::fs::write(&svg, "<svg width=\"20\" height=\"5\"/>").unwrap();
    let update = live.apply(&[Change::Content(svg)]);
    let new = src(&update, "en/help/a/index.html");
    assert_ne!(new, old);
    assert!(update.written.contains_key(new.trim_start_matches('/')));
    assert!(
        String::from_utf8(update.written["it/help/a/index.html"].bytes().into_owned())
            .unwrap()
            .contains("width=\"20\"")
    );
}

#[test]
fn a_new_file_that_a_page_links_clears_its_error() {
    let dir = site();
    std::fs::remove_file(dir.path().join("content/en/help/diagram.svg")).unwrap();
    let (mut live, _) = LiveSite::new(dir.path(), Overrides::default());
    assert!(
        live.errors()
            .iter()
            .any(|e| e.message.starts_with("broken image `diagram.svg`")),
        "{:?}",
        live.errors()
    );
    let svg = dir.path().join("content/en/help/diagram.svg");
    std::fs::write(&svg, "<svg width=\"10\" height=\"5\"/>").unwrap();
    let update = live.apply(&[Change::Content(svg)]);
    assert!(live.errors().is_empty(), "{:?}", live.errors());
    assert!(src(&update, "en/help/a/index.html").starts_with("/assets/media/diagram."));
}
