//! `kbgen translate`: PO and XLIFF round trips on the example site, judged by
//! gettext's `msgfmt` and translate-toolkit (`pocount`, `xliff2po`). Those tools
//! are skipped, and say so, where they are not installed, unless
//! KBGEN_REQUIRE_TRANSLATE_TOOLS=1 (as in CI) makes them mandatory.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::TestSite;

const LOCALES: &str = "es,it,fr,nl,de,zh,pt,pl";

/// Whether `tool` runs here; a missing tool fails the test under CI.
fn tool(tool: &str, test: &str) -> bool {
    let found = Command::new(tool)
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("KBGEN_REQUIRE_TRANSLATE_TOOLS").as_deref() != Ok("1"),
            "{test}: KBGEN_REQUIRE_TRANSLATE_TOOLS=1 but `{tool}` is missing"
        );
        println!("skipped: {test}: the {tool} check (`{tool}` is not installed)");
    }
    found
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run tool");
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// A PO message as the tests read it: id, msgstr, fuzzy, previous msgid.
#[derive(Debug, Clone, PartialEq)]
struct Message {
    id: String,
    msgstr: String,
    fuzzy: bool,
    previous: String,
}

/// The messages of a PO file, read with polib (the crate kbgen imports with)
/// plus the `#|` lines polib does not keep.
fn messages(path: &Path) -> Vec<Message> {
    let catalog = polib::po_file::parse(path).expect("polib reads the PO file");
    let text = std::fs::read_to_string(path).unwrap();
    let mut previous: BTreeMap<String, String> = BTreeMap::new();
    for block in text.split("\n\n") {
        let prev: Vec<&str> = block
            .lines()
            .filter_map(|l| l.strip_prefix("#| "))
            .collect();
        if let Some(ctx) = block.lines().find_map(|l| l.strip_prefix("msgctxt \"")) {
            let joined: String = prev
                .iter()
                .map(|l| {
                    l.trim_start_matches("msgid ")
                        .trim_matches('"')
                        .replace("\\\"", "\"")
                        .replace("\\n", "\n")
                })
                .collect();
            previous.insert(ctx.trim_end_matches('"').to_string(), joined);
        }
    }
    catalog
        .messages()
        .map(|m| {
            let id = m.msgctxt().unwrap_or_default().to_string();
            Message {
                previous: previous.get(&id).cloned().unwrap_or_default(),
                msgstr: m.msgstr().unwrap_or_default().to_string(),
                fuzzy: m.is_fuzzy(),
                id,
            }
        })
        .collect()
}

/// Every file of the site's content, with its bytes.
fn content(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    TestSite::snapshot(&site.root().join("content"))
}

/// Every target replaced by a pseudo-translation of its source: letters swapped
/// in case, the whole in ⟦ ⟧, every inline code (`<g>`, `<x/>`) kept as it is.
fn pseudo(xliff: &str) -> String {
    let mut out = String::new();
    let mut rest = xliff;
    while let Some(start) = rest.find("<source>") {
        let end = rest.find("</source>").unwrap();
        let source = &rest[start + 8..end];
        out.push_str(&rest[..end + 10]);
        rest = &rest[end + 10..];
        if rest.starts_with("<target") {
            let t = rest.find("</target>\n").unwrap();
            rest = &rest[t + 10..];
        }
        let mut target = String::from("⟦");
        let mut in_markup = false;
        for c in source.chars() {
            match c {
                '<' | '&' => in_markup = true,
                '>' | ';' if in_markup => {
                    in_markup = false;
                    target.push(c);
                    continue;
                }
                _ => {}
            }
            if in_markup {
                target.push(c);
            } else if c.is_lowercase() {
                target.extend(c.to_uppercase());
            } else {
                target.extend(c.to_lowercase());
            }
        }
        target.push('⟧');
        out.push_str(&format!("<target state=\"translated\">{target}</target>\n"));
    }
    out.push_str(rest);
    out
}

fn export(site: &TestSite, args: &[&str]) {
    let mut all = vec!["translate", "export"];
    all.extend_from_slice(args);
    site.kbgen(&all).assert_ok();
}

fn import(site: &TestSite, files: &[String]) -> common::Run {
    let mut all = vec!["translate".to_string(), "import".to_string()];
    all.extend(files.iter().cloned());
    let args: Vec<&str> = all.iter().map(String::as_str).collect();
    site.kbgen(&args)
}

fn files(site: &TestSite, ext: &str) -> Vec<String> {
    LOCALES
        .split(',')
        .map(|l| {
            site.root()
                .join(format!("tr/{l}.{ext}"))
                .display()
                .to_string()
        })
        .collect()
}

#[test]
fn round_trip_of_the_example_site_changes_no_byte_in_any_locale() {
    let site = TestSite::example();
    let before = content(&site);
    export(&site, &["--to", LOCALES, "-o", "tr"]);
    export(&site, &["--to", LOCALES, "--format", "xliff", "-o", "tr"]);
    let po_files = files(&site, "po");
    let xliff_files = files(&site, "xlf");
    let msgfmt = tool("msgfmt", "round trip");
    let toolkit = tool("xliff2po", "round trip") && tool("pocount", "round trip");
    for (po, xlf) in po_files.iter().zip(&xliff_files) {
        let ours = messages(Path::new(po));
        assert!(ours.len() > 250, "{po}: {} messages", ours.len());
        if msgfmt {
            let out = run(Command::new("msgfmt").args(["--check", "-o", "/dev/null", po]));
            assert!(!out.contains("error"), "{po}: {out}");
        }
        if toolkit {
            // translate-toolkit reads the XLIFF: the same segments, in the same
            // states, as the PO export.
            let from_xliff = format!("{xlf}.po");
            run(Command::new("xliff2po").args(["--duplicates=msgctxt", xlf, &from_xliff]));
            let text = std::fs::read_to_string(&from_xliff).unwrap();
            let mut theirs: BTreeMap<String, (bool, bool)> = BTreeMap::new();
            for block in text.split("\n\n").skip(1) {
                let id = block
                    .lines()
                    .find_map(|l| l.strip_prefix("#: "))
                    .unwrap_or_else(|| panic!("no location in {block}"));
                let id = percent_encoding::percent_decode_str(id.rsplit_once(':').unwrap().0)
                    .decode_utf8_lossy()
                    .into_owned();
                let fuzzy = block.lines().any(|l| l == "#, fuzzy");
                let empty = block.trim_end().ends_with("msgstr \"\"");
                theirs.insert(id, (fuzzy, empty));
            }
            let mine: BTreeMap<String, (bool, bool)> = ours
                .iter()
                .map(|m| (m.id.clone(), (m.fuzzy, m.msgstr.is_empty())))
                .collect();
            assert_eq!(
                mine, theirs,
                "{xlf}: translate-toolkit sees other segments or states"
            );
            let counts = |file: &str| -> Vec<String> {
                let out = run(Command::new("pocount").args(["--csv", file]));
                let line = out
                    .lines()
                    .find(|l| l.starts_with(file))
                    .unwrap()
                    .to_string();
                // Messages translated, fuzzy, untranslated, in all.
                let cols: Vec<&str> = line.split(',').collect();
                [1, 4, 6, 8].iter().map(|&i| cols[i].to_string()).collect()
            };
            assert_eq!(counts(po), counts(xlf), "pocount on {po} and {xlf}");
        }
    }
    let mut all = po_files.clone();
    all.extend(xliff_files);
    import(&site, &all).assert_ok();
    assert_eq!(
        content(&site),
        before,
        "an unchanged round trip changed a file"
    );
}

#[test]
fn pseudo_translation_round_trip_builds_with_every_link_anchor_and_explicit_id() {
    let site = TestSite::example();
    export(&site, &["--to", LOCALES, "--format", "xliff", "-o", "tr"]);
    let xliff_files = files(&site, "xlf");
    for f in &xliff_files {
        let text = std::fs::read_to_string(f).unwrap();
        std::fs::write(f, pseudo(&text)).unwrap();
    }
    let run = import(&site, &xliff_files);
    run.assert_ok();
    assert!(
        run.stderr.contains("0 pages left as they were"),
        "{}",
        run.stderr
    );
    site.build().assert_ok();
    // kbgen check resolves every link and anchor of every page.
    let check = site.check(&[]);
    check.assert_ok().assert_stdout_has("0 errors");
    // Every explicit heading id of the source is in each translation.
    let en = site.root().join("content/en");
    for entry in walkdir::WalkDir::new(&en).into_iter().map(Result::unwrap) {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = entry.path().strip_prefix(&en).unwrap();
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let ids: Vec<&str> = source
            .match_indices("{#")
            .map(|(i, _)| &source[i..i + source[i..].find('}').unwrap() + 1])
            .collect();
        for locale in LOCALES.split(',') {
            let tr = site.read_source(&format!("content/{locale}/{}", rel.display()));
            assert!(
                tr.contains('⟦'),
                "{locale}/{}: not translated",
                rel.display()
            );
            for id in &ids {
                assert!(tr.contains(id), "{locale}/{} lost {id}", rel.display());
            }
        }
    }
    // A translation keeps its own slug.
    let it = site.read_source("content/it/disputes/how-disputes-are-resolved.md");
    assert!(
        it.contains("slug: \"come-vengono-risolte-le-controversie\""),
        "{it}"
    );
    assert!(it.contains("source_blocks: \""), "{it}");
}

fn git(site: &TestSite, args: &[&str]) {
    run(Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(site.root()));
}

#[test]
fn one_changed_english_paragraph_is_one_fuzzy_segment_named_by_check_and_counted() {
    let site = TestSite::example();
    export(&site, &["--to", "it", "--format", "xliff", "-o", "tr"]);
    let xlf = site.root().join("tr/it.xlf");
    std::fs::write(&xlf, pseudo(&std::fs::read_to_string(&xlf).unwrap())).unwrap();
    import(&site, &[xlf.display().to_string()]).assert_ok();
    git(&site, &["init", "-q", "."]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-qm", "translated"]);
    let old = "It helps if you have already tried to solve the issue with the other party.";
    let new = "It helps a lot if you have first tried to settle the issue with the other party.";
    site.edit("content/en/disputes/how-disputes-are-resolved.md", old, new);

    export(&site, &["--to", "it", "-o", "tr"]);
    let all = messages(&site.root().join("tr/it.po"));
    let fuzzy: Vec<&Message> = all.iter().filter(|m| m.fuzzy).collect();
    assert_eq!(fuzzy.len(), 1, "{fuzzy:#?}");
    let m = fuzzy[0];
    assert!(
        m.id.starts_with("disputes/how-disputes-are-resolved#b"),
        "{}",
        m.id
    );
    assert!(
        m.msgstr.starts_with("⟦iT HELPS IF YOU HAVE ALREADY"),
        "{}",
        m.msgstr
    );
    assert!(m.previous.starts_with(old), "{}", m.previous);
    assert!(
        all.iter()
            .filter(|m| !m.fuzzy)
            .all(|m| !m.msgstr.is_empty())
    );

    let check = site.check(&["--words"]);
    check.assert_stdout_has(
        "outdated (source changed); sections: how-we-review-a-case changed; paragraph changed in how-we-review-a-case: \u{201c}It helps a lot if you have first tried to settle…\u{201d}",
    );
    // The paragraph as readers see it: link targets are not words.
    let paragraph = format!(
        "{new} Sellers can message the buyer and buyers can message the seller; \
         that conversation also gives our team useful context."
    );
    let words = paragraph.split_whitespace().count();
    let table = &check.stdout[check.stdout.find("To translate").expect("a words table")..];
    let line = table
        .lines()
        .find(|l| l.starts_with("it "))
        .unwrap_or_else(|| panic!("no `it` line:\n{}", check.stdout));
    let cols: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(
        cols,
        vec!["it", "0", "0", "1", &words.to_string()],
        "{line}"
    );

    // Readers of the Italian page are told which passage of the original changed.
    site.build().assert_ok();
    let page = site.output("it/controversie/come-vengono-risolte-le-controversie/index.html");
    let notice = &page[page
        .find(r#"<p class="notice" role="note">"#)
        .expect("a notice")..];
    let notice = &notice[..notice.find("</p>").unwrap()];
    assert!(
        notice.contains(
            "<span class=\"changed\">Modificato dopo la traduzione: <q lang=\"en\">It helps a lot if you have first tried to settle…</q>"
        ),
        "{notice}"
    );
    assert_eq!(
        notice.matches("<q ").count(),
        1,
        "only the changed paragraph: {notice}"
    );
}

/// Imports `text` as `name` and expects a failure naming `what`, nothing written.
fn refused(site: &TestSite, name: &str, text: &str, what: &[&str]) {
    let before = content(site);
    let path = site.root().join("tr").join(name);
    std::fs::write(&path, text).unwrap();
    let run = import(site, &[path.display().to_string()]);
    assert_ne!(run.code, 0, "{name} was accepted");
    for w in what {
        assert!(
            run.stderr.contains(w),
            "{name}: stderr lacks {w:?}:\n{}",
            run.stderr
        );
    }
    assert_eq!(content(site), before, "{name}: a page was written");
}

#[test]
fn broken_codes_unknown_ids_locales_and_plural_headers_are_errors_that_write_nothing() {
    let site = TestSite::example();
    export(&site, &["--to", "it,pl", "-o", "tr"]);
    export(&site, &["--to", "it", "--format", "xliff", "-o", "tr"]);
    let po = site.read_source("tr/it.po");
    // Translate every segment, so that a page would be written if accepted.
    let translated = po.replace("msgstr \"\"\n\n", "msgstr \"x\"\n\n");
    let at = translated
        .find("[message the buyer](../orders/message-the-buyer.md)")
        .unwrap();
    let msgstr = at + translated[at..].find("\nmsgstr ").unwrap();
    let end = msgstr + translated[msgstr + 1..].find("\n\n").unwrap() + 1;
    let lost = format!(
        "{}\nmsgstr \"Senza collegamento.\"{}",
        &translated[..msgstr],
        &translated[end..]
    );
    refused(
        &site,
        "lost-link.po",
        &lost,
        &[
            "lost-link.po",
            "segment disputes/how-disputes-are-resolved#b",
            "the translation lost link to ../orders/message-the-buyer.md",
        ],
    );
    let unknown = translated.replacen(
        "msgctxt \"_index#title@",
        "msgctxt \"no/such-page#title@",
        1,
    );
    refused(
        &site,
        "unknown.po",
        &unknown,
        &[
            "unknown segment id `no/such-page#title@",
            "no page `no/such-page`",
        ],
    );
    let ja = translated.replace("Language: it\\n", "Language: ja\\n");
    refused(
        &site,
        "ja.po",
        &ja,
        &["ja.po", "`ja`, which is not a locale of this site"],
    );
    let pl = site
        .read_source("tr/pl.po")
        .replace("msgstr \"\"\n\n", "msgstr \"x\"\n\n")
        .replace("nplurals=3", "nplurals=2");
    refused(
        &site,
        "pl-plural.po",
        &pl,
        &["pl-plural.po", "nplurals=2", "pl has 3 plural forms"],
    );
    let xlf = pseudo(&site.read_source("tr/it.xlf")).replacen(
        "⟧</target>",
        "<x id=\"99\"/>⟧</target>",
        1,
    );
    refused(
        &site,
        "extra.xlf",
        &xlf,
        &["extra.xlf", "<x id=\"99\"> that the source does not have"],
    );
}

#[test]
fn link_and_image_titles_are_segments_of_their_own_and_come_back_in_their_codes() {
    let site = TestSite::example();
    let page = "content/en/disputes/how-disputes-are-resolved.md";
    site.edit(
        page,
        "(img/dispute-process.svg)",
        "(img/dispute-process.svg \"How a dispute goes\")",
    );
    let text = site.read_source(page)
        + "\nRead [the cancellation rules](../payments/order-cancellation.md 'When an order can be cancelled') first.\n";
    site.write(page, &text);

    export(&site, &["--to", "it", "-o", "tr"]);
    let po = site.root().join("tr/it.po");
    let catalog = polib::po_file::parse(&po).expect("polib reads the PO file");
    let titles: Vec<&str> = catalog
        .messages()
        .filter(|m| {
            m.msgctxt().is_some_and(|c| {
                c.starts_with("disputes/how-disputes-are-resolved#") && c.contains(".t0@l")
            })
        })
        .map(|m| m.msgid())
        .collect();
    assert_eq!(
        titles,
        ["How a dispute goes", "When an order can be cancelled"]
    );
    // The link's note names where it goes, not its title.
    let text = std::fs::read_to_string(&po).unwrap();
    assert!(
        text.contains("#. Links: ../payments/order-cancellation.md\n"),
        "{text}"
    );

    export(&site, &["--to", "it", "--format", "xliff", "-o", "tr"]);
    let xlf = site.root().join("tr/it.xlf");
    std::fs::write(&xlf, pseudo(&std::fs::read_to_string(&xlf).unwrap())).unwrap();
    import(&site, &[xlf.display().to_string()]).assert_ok();
    let it = site.read_source("content/it/disputes/how-disputes-are-resolved.md");
    assert!(
        it.contains("(img/dispute-process.svg \"⟦hOW A DISPUTE GOES⟧\")"),
        "{it}"
    );
    assert!(
        it.contains(
            "⟦rEAD [THE CANCELLATION RULES](../payments/order-cancellation.md '⟦wHEN AN ORDER CAN BE CANCELLED⟧') FIRST.⟧"
        ),
        "{it}"
    );
    site.build().assert_ok();
    site.check(&[]).assert_ok().assert_stdout_has("0 errors");
}
