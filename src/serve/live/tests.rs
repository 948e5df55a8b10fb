//! What each kind of edit rebuilds, on a small two-locale site.

use super::*;

struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().unwrap(),
        };
        site.write(
            "site.yaml",
            "base_url: https://help.test\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n  - {code: it, name: Italiano}\n",
        );
        site.write("content/en/_index.md", "---\ntitle: Help\n---\n");
        site.write(
            "content/en/help/_index.md",
            "---\ntitle: Getting help\n---\n",
        );
        site.write(
            "content/en/help/a.md",
            "---\ntitle: Alpha\norder: 1\n---\nAlpha text. See [b](b.md#steps).\n",
        );
        site.write(
            "content/en/help/b.md",
            "---\ntitle: Beta\norder: 2\n---\n## Steps\n\nBeta text.\n",
        );
        site.write("content/it/_index.md", "---\ntitle: Aiuto\n---\n");
        site.write("content/it/help/_index.md", "---\ntitle: Assistenza\n---\n");
        site.write(
            "content/it/help/a.md",
            "---\ntitle: Alfa\n---\nTesto alfa.\n",
        );
        site
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn start(&self) -> LiveSite {
        let (live, update) = LiveSite::new(self.root(), Overrides::default());
        assert!(update.full);
        assert!(live.errors().is_empty(), "{:?}", live.errors());
        live
    }

    fn edit(&self, live: &mut LiveSite, rel: &str, text: &str) -> Update {
        self.write(rel, text);
        live.apply(&[Change::Content(self.path(rel))])
    }
}

fn written(update: &Update) -> Vec<&str> {
    let mut files: Vec<&str> = update.written.keys().map(String::as_str).collect();
    files.sort_unstable();
    files
}

fn html(update: &Update, file: &str) -> String {
    String::from_utf8(update.written[file].bytes().into_owned()).unwrap()
}

#[test]
fn a_body_edit_renders_the_page_and_its_fallbacks_only() {
    let site = Site::new();
    let mut live = site.start();
    let update = site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\n---\n## Steps\n\nNew beta text.\n",
    );
    assert!(!update.full);
    // Italian has no translation of b: it shows the English text. Each page's
    // Markdown copy (llms.txt) changes with it.
    assert_eq!(
        written(&update),
        [
            "en/help/b/index.html",
            "en/help/b/index.md",
            "it/help/b/index.html",
            "it/help/b/index.md"
        ]
    );
    assert!(html(&update, "en/help/b/index.html").contains("New beta text."));
}

#[test]
fn editing_a_source_refreshes_the_outdated_notice_of_its_translations() {
    let site = Site::new();
    let config = crate::config::Config::load(site.root(), &Overrides::default()).unwrap();
    crate::stamp::stamp(&config, &["it".to_string()]).unwrap();
    let (_, before) = LiveSite::new(site.root(), Overrides::default());
    let page = "it/help/a/index.html";
    // A body edit, then a title edit (which moves the page in its listings).
    let mut previous = before.written[page].clone();
    for text in [
        "---\ntitle: Alpha\norder: 1\n---\nNew alpha text. See [b](b.md#steps).\n",
        "---\ntitle: Alpha two\norder: 1\n---\nAlpha text. See [b](b.md#steps).\n",
    ] {
        site.write(
            "content/en/help/a.md",
            "---\ntitle: Alpha\norder: 1\n---\nAlpha text. See [b](b.md#steps).\n",
        );
        let (mut live, _) = LiveSite::new(site.root(), Overrides::default());
        let update = site.edit(&mut live, "content/en/help/a.md", text);
        assert!(!update.full);
        // The Italian page now says it may be outdated, exactly as a fresh build does.
        let (_, fresh) = LiveSite::new(site.root(), Overrides::default());
        assert_ne!(previous, fresh.written[page], "the notice appears");
        assert_eq!(html(&update, page), html(&fresh, page));
        previous = before.written[page].clone();
    }
}

#[test]
fn a_new_title_renders_the_listings_that_show_it() {
    let site = Site::new();
    let mut live = site.start();
    let update = site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Better beta\norder: 2\n---\n## Steps\n\nBeta text.\n",
    );
    let files = written(&update);
    // Homes and categories list b; so do its siblings' related articles, in
    // Italian too, where b is a fallback.
    for listing in [
        "en/index.html",
        "en/help/index.html",
        "en/help/a/index.html",
        "it/index.html",
        "it/help/index.html",
        "it/help/a/index.html",
    ] {
        assert!(files.contains(&listing), "{listing} not in {files:?}");
        assert!(html(&update, listing).contains("Better beta"), "{listing}");
    }
}

#[test]
fn a_new_slug_moves_the_file_and_updates_translations() {
    let site = Site::new();
    let mut live = site.start();
    let update = site.edit(
        &mut live,
        "content/en/help/a.md",
        "---\ntitle: Alpha\norder: 1\nslug: first\n---\nAlpha text. See [b](b.md#steps).\n",
    );
    assert_eq!(update.removed, ["en/help/a/index.html"]);
    let files = written(&update);
    assert!(files.contains(&"en/help/first/index.html"), "{files:?}");
    assert!(files.contains(&"sitemap.xml"), "{files:?}");
    assert!(
        html(&update, "it/help/a/index.html").contains(r#"href="/en/help/first/""#),
        "the Italian page's language switcher follows"
    );
}

#[test]
fn a_removed_file_removes_its_pages() {
    let site = Site::new();
    let mut live = site.start();
    std::fs::remove_file(site.path("content/en/help/b.md")).unwrap();
    let update = live.apply(&[Change::Content(site.path("content/en/help/b.md"))]);
    let mut removed = update.removed.clone();
    removed.sort();
    assert_eq!(removed, ["en/help/b/index.html", "it/help/b/index.html"]);
    // a linked to b#steps: that is now a broken link.
    let errors = live.errors();
    assert!(
        errors.iter().any(|e| e.message.contains("broken link")),
        "{errors:?}"
    );
}

#[test]
fn errors_stay_until_the_file_is_fixed_and_good_pages_stay_served() {
    let site = Site::new();
    let mut live = site.start();
    let good = std::fs::read_to_string(site.path("content/en/help/b.md")).unwrap();
    let update = site.edit(&mut live, "content/en/help/b.md", "---\ntitle: [\n---\n");
    assert!(update.written.is_empty() && update.removed.is_empty());
    let errors = live.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("content/en/help/b.md"));
    assert_eq!(errors[0].line, Some(2));

    site.edit(&mut live, "content/en/help/b.md", &good);
    assert!(live.errors().is_empty(), "{:?}", live.errors());
}

#[test]
fn a_removed_heading_breaks_anchors_elsewhere() {
    let site = Site::new();
    let mut live = site.start();
    site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\n---\n## Other\n\nBeta text.\n",
    );
    let errors = live.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("broken anchor") && e.path.ends_with("a.md")),
        "{errors:?}"
    );
}

#[test]
fn a_template_change_rebuilds_everything() {
    let site = Site::new();
    let mut live = site.start();
    let update = live.apply(&[Change::Everything]);
    assert!(update.full);
    assert!(update.written.contains_key("it/404.html"));
    // Two homes, two categories, two articles in two locales.
    assert_eq!(update.pages, 8);
}

#[test]
fn a_full_rebuild_keeps_its_pages_in_a_fraction_of_their_size() {
    let site = Site::new();
    let mut live = site.start();
    let update = live.apply(&[Change::Everything]);
    let pages = update.written.iter().filter(|(p, _)| p.ends_with(".html"));
    let (kept, whole) = pages.fold((0, 0), |(kept, whole), (_, stored)| {
        (kept + stored.stored_len(), whole + stored.bytes().len())
    });
    assert!(whole > 0 && kept * 3 < whole * 2, "{kept} of {whole} bytes");
}

#[test]
fn a_reindex_serves_the_new_index_and_the_headers_that_name_its_folder() {
    let site = Site::new();
    let (mut live, first) = LiveSite::new(site.root(), Overrides::default());
    let folder = |update: &Update| -> String {
        let shard = update
            .written
            .keys()
            .find(|f| f.starts_with("search/en/") && f.matches('/').count() == 3);
        let shard = shard.expect("a shard of the English index");
        shard.rsplit_once('/').unwrap().0.to_string()
    };
    let old = folder(&first);
    site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\n---\n## Steps\n\nBeta text about zeppelins.\n",
    );
    let update = live.reindex();
    let new = folder(&update);
    assert_ne!(new, old);
    assert!(
        update
            .removed
            .iter()
            .any(|f| f.starts_with(&format!("{old}/")))
    );
    let headers = html(&update, crate::host::HEADERS);
    assert!(
        headers.contains(&format!("/{new}/*")) && !headers.contains(&old),
        "{headers}"
    );
    // Nothing else site-wide depends on the index.
    let mut others: Vec<&str> = written(&update)
        .into_iter()
        .filter(|f| !f.starts_with("search/"))
        .collect();
    others.sort_unstable();
    assert_eq!(others, [crate::host::HEADERS]);
    assert!(live.reindex().written.is_empty(), "no edit since");
}

#[test]
fn files_that_are_not_content_are_ignored() {
    let site = Site::new();
    let mut live = site.start();
    site.write("content/en/help/notes.txt", "x");
    let update = live.apply(&[Change::Content(site.path("content/en/help/notes.txt"))]);
    assert_eq!(update.pages, 0);
    assert!(update.written.is_empty());
}

#[test]
fn a_category_title_renders_its_whole_locale() {
    let site = Site::new();
    let mut live = site.start();
    let update = site.edit(
        &mut live,
        "content/en/help/_index.md",
        "---\ntitle: Support\n---\n",
    );
    // Its title is in every page's navigation and breadcrumbs; Italian has its own.
    assert_eq!(update.pages, 4);
    for page in ["en/help/a/index.html", "en/404.html"] {
        assert!(html(&update, page).contains("Support"), "{page}");
    }
}

#[test]
fn a_broken_synonyms_file_is_an_error_and_edits_are_still_served() {
    let site = Site::new();
    site.write("locales/en/synonyms.yaml", "groups: [refund]\n");
    let (mut live, first) = LiveSite::new(site.root(), Overrides::default());
    assert!(
        live.errors()
            .iter()
            .any(|d| d.path.ends_with("locales/en/synonyms.yaml") && d.line == Some(1)),
        "{:?}",
        live.errors()
    );
    assert!(first.written.contains_key("en/help/b/index.html"));
    let update = site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\n---\n## Steps\n\nNew beta text.\n",
    );
    assert!(html(&update, "en/help/b/index.html").contains("New beta text."));
    // No index is made with a thesaurus that does not read; nothing stops either.
    assert!(live.reindex().written.is_empty());
    site.write(
        "locales/en/synonyms.yaml",
        "groups:\n  refund: [refund, repayment]\n",
    );
    let fixed = live.apply(&[Change::Everything]);
    assert!(live.errors().is_empty(), "{:?}", live.errors());
    assert!(fixed.written.keys().any(|f| f.starts_with("search/en/")));
}

#[test]
fn a_topic_contact_yaml_lacks_is_an_error_while_serving_as_in_the_build() {
    let site = Site::new();
    site.write(
        "contact.yaml",
        "channels:\n  email:\n    endpoint: https://help.test/contact\ntopics:\n  - { id: order, channels: [email] }\n  - { id: general, channels: [email] }\n",
    );
    let mut live = site.start();
    let page = "en/help/b/index.html";
    let update = site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\ntopic: refnds\n---\n## Steps\n\nBeta text.\n",
    );
    // The last good version stays served; the overlay names the file and line.
    assert!(!update.written.contains_key(page), "{:?}", written(&update));
    let errors = live.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("content/en/help/b.md"));
    assert_eq!(errors[0].line, Some(4));
    assert!(
        errors[0].message.contains("topic `refnds`"),
        "{}",
        errors[0]
    );
    let update = site.edit(
        &mut live,
        "content/en/help/b.md",
        "---\ntitle: Beta\norder: 2\ntopic: order\n---\n## Steps\n\nBeta text.\n",
    );
    assert!(html(&update, page).contains("topic=order"));
    assert!(live.errors().is_empty(), "{:?}", live.errors());
}

#[test]
fn a_draft_is_not_checked_while_serving_as_the_build_does_not_check_it() {
    let site = Site::new();
    site.write(
        "contact.yaml",
        "channels:\n  email:\n    endpoint: https://help.test/contact\ntopics:\n  - { id: general, channels: [email] }\n",
    );
    site.write(
        "content/en/help/c.md",
        "---\ntitle: Gamma\ndraft: true\n---\nDraft.\n",
    );
    let mut live = site.start();
    site.edit(
        &mut live,
        "content/en/help/c.md",
        "---\ntitle: Gamma\ndraft: true\ntopic: not-yet\n---\nDraft, edited.\n",
    );
    assert!(live.errors().is_empty(), "{:?}", live.errors());
}
