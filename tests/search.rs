//! Search: the client's own code (themes/default/static/kbgen.js, run by Node) against
//! indexes built by kbgen, for the index format and for relevance per locale.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use common::TestSite;
use common::search::{Hit, run_queries, run_queries_with};
use serde::Deserialize;

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.url.as_str()).collect()
}

#[test]
fn client_reads_the_index_format() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let public = site.root().join("public");
    let q = |l: &str, q: &str| (l.to_string(), q.to_string());
    let results = run_queries(
        &public,
        &[
            q("en", "refund outcomes"),
            q("en", "Partial"),
            q("en", "refnds"),
            q("en", "refu"),
            q("en", "channels email"),
            q("it", "rimborso parziale"),
            q("zh", "客服"),
            q("zh", "联系方"),
            q("pl", "kanaly"),
            q("en", "zzzzzz"),
        ],
    );
    // A hit on a section links to its anchor and carries its passage.
    assert_eq!(results[0][0].url, "/en/help/refunds/#outcomes");
    assert_eq!(results[0][0].heading, "Possible outcomes");
    assert!(results[0][0].passage.contains("Partial refund"));
    assert_eq!(
        results[1][0].url, "/en/help/refunds/#outcomes",
        "case-insensitive"
    );
    assert!(
        results[2][0].url.starts_with("/en/help/refunds/"),
        "one typo is tolerated"
    );
    assert!(
        urls(&results[3])
            .iter()
            .any(|u| u.starts_with("/en/help/refunds/")),
        "prefix of the last word"
    );
    assert_eq!(results[4][0].url, "/en/help/contact/#channels");
    assert_eq!(
        results[5][0].url, "/it/aiuto/rimborsi/#outcomes",
        "stems: rimborso ~ rimborsi"
    );
    assert!(
        results[6][0].url.starts_with("/zh/help/contact/"),
        "Chinese word"
    );
    assert!(
        urls(&results[7])
            .iter()
            .any(|u| u.starts_with("/zh/help/contact/")),
        "Chinese prefix"
    );
    assert_eq!(
        results[8][0].url, "/pl/help/kontakt/#channels",
        "no Polish letters needed"
    );
    assert!(results[9].is_empty());
}

#[test]
fn index_is_sharded_in_a_folder_named_by_its_content() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let en = site.root().join("public/search/en");
    let meta = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(en.join("meta.json")).unwrap()).unwrap()
    };
    let before = meta();
    let dir = before["dir"].as_str().unwrap().to_string();
    let shards = before["bounds"].as_array().unwrap().len();
    assert!(shards >= 1);
    let mut files: Vec<String> = std::fs::read_dir(en.join(&dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let docs = before["docs"].as_u64().unwrap() as usize;
    let mut expected: Vec<String> = (0..shards)
        .map(|i| format!("t{i}.json"))
        .chain((0..docs).map(|i| format!("d{i}.json")))
        .collect();
    expected.sort();
    assert_eq!(files, expected, "the meta file names every shard");

    // The same content gives the same folder; changed content a new one, so that
    // shards can be cached forever.
    site.build().assert_ok();
    assert_eq!(meta()["dir"], before["dir"]);
    site.edit("content/en/help/contact.md", "title:", "title: New");
    site.build().assert_ok();
    assert_ne!(meta()["dir"], before["dir"]);
    assert!(!en.join(&dir).exists(), "the old shards are gone");

    // Pages point at the index, and at the default locale's as a fallback.
    let page = site.output("it/index.html");
    assert!(page.contains(r#"data-search="/search/it/meta.json""#));
    assert!(page.contains(r#"data-fallback="/search/en/meta.json""#));
}

/// Splitting a locale's articles into parallel parts is a matter of speed only, and
/// so is where their sections come from: the build cuts them from the parse that
/// renders each page, serve's reindex from the sources.
#[test]
fn the_index_does_not_depend_on_how_the_work_is_split() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = kbgen::config::Config::load(root, &Default::default()).unwrap();
    let loaded = kbgen::load::load(&config).unwrap();
    let site = kbgen::resolve::resolve(config, loaded.pages).unwrap();
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_kbgen"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(status.success());
    for (l, locale) in site.config().locales.iter().enumerate() {
        let index = |parts| {
            let memory = kbgen::write::Memory::new();
            kbgen::search::index_locale(&site, l, parts, &memory).unwrap();
            memory.into_files()
        };
        let whole = index(1);
        assert!(whole.len() > 2, "{}: {whole:?}", locale.code);
        for parts in [2, 5] {
            assert!(index(parts) == whole, "{} in {parts} parts", locale.code);
        }
        for (rel, stored) in &whole {
            let built = std::fs::read(out.path().join(rel))
                .unwrap_or_else(|e| panic!("{rel}: the build wrote no such file: {e}"));
            assert!(stored.bytes() == built, "{rel} differs from the build's");
        }
        let prefix = format!("search/{}/", locale.code);
        let written = walkdir::WalkDir::new(out.path().join(&prefix))
            .into_iter()
            .filter(|e| e.as_ref().unwrap().file_type().is_file())
            .count();
        assert_eq!(
            written,
            whole.len(),
            "{}: the build wrote other files",
            locale.code
        );
    }
}

#[derive(Debug, Deserialize)]
struct Query {
    q: String,
    expect: Vec<String>,
}

/// hit@3 and MRR per locale of a query set on the built example site, searched as
/// the search page does (with the default locale's index for rescue). Every hit
/// must link to a page and an anchor that exist.
fn relevance(set: &str) -> BTreeMap<String, (f64, f64)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_kbgen"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path().join("public"))
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(root.join("tests/search").join(set)).unwrap();
    let queries: BTreeMap<String, Vec<Query>> = serde_yaml::from_str(&text).unwrap();

    // Expected articles are page keys; the client returns localized URLs.
    let config = kbgen::config::Config::load(root, &Default::default()).unwrap();
    let loaded = kbgen::load::load(&config).unwrap();
    let site = kbgen::resolve::resolve(config, loaded.pages).unwrap();
    assert_eq!(
        queries.len(),
        site.config().locales.len(),
        "{set}: queries for every locale"
    );

    let flat: Vec<(String, String)> = queries
        .iter()
        .flat_map(|(locale, qs)| qs.iter().map(|q| (locale.clone(), q.q.clone())))
        .collect();
    let fallback = site.config().default_locale().code.clone();
    let results = run_queries_with(&out.path().join("public"), &flat, Some(&fallback));
    let mut results = results.into_iter();
    let mut scores = BTreeMap::new();
    println!("{set}\nlocale  queries  hit@3  MRR");
    for (locale, qs) in &queries {
        let l = site
            .config()
            .locale_index(locale)
            .unwrap_or_else(|| panic!("unknown locale {locale}"));
        let pages = &site.locales()[l].urls;
        assert!(qs.len() >= 15, "{locale}: at least 15 queries");
        let (mut hits, mut rr) = (0.0, 0.0);
        for q in qs {
            let expected: Vec<&str> = q
                .expect
                .iter()
                .map(|k| {
                    pages
                        .get(k)
                        .unwrap_or_else(|| panic!("{locale}: no page {k}"))
                        .as_str()
                })
                .collect();
            let got = results.next().unwrap();
            // Every hit links to a page and an anchor that exist: the client
            // derives most anchors from headings, as the build does.
            for hit in &got {
                let (path, anchor) = hit.url.split_once('#').unwrap_or((&hit.url, ""));
                let file = out.path().join("public").join(path.trim_start_matches('/'));
                let html = std::fs::read_to_string(file.join("index.html"))
                    .unwrap_or_else(|e| panic!("{locale}: {:?} -> {}: {e}", q.q, hit.url));
                assert!(
                    anchor.is_empty() || html.contains(&format!(r#"id="{anchor}""#)),
                    "{locale}: {:?} -> {}: no such anchor",
                    q.q,
                    hit.url
                );
            }
            let rank = got
                .iter()
                .position(|h| expected.iter().any(|e| h.url.split('#').next() == Some(*e)));
            if rank.is_some_and(|r| r < 3) {
                hits += 1.0;
            } else {
                println!(
                    "  {locale} miss@3: {:?} -> {:?}",
                    q.q,
                    urls(&got[..got.len().min(3)])
                );
            }
            rr += rank.map_or(0.0, |r| 1.0 / (r as f64 + 1.0));
        }
        let n = qs.len() as f64;
        let (hit3, mrr) = (hits / n, rr / n);
        println!("{locale:<7} {:>7}  {hit3:>5.2}  {mrr:.2}", qs.len());
        scores.insert(locale.clone(), (hit3, mrr));
    }
    scores
}

/// The locales of `scores` below (hit@3, MRR) `floor`.
fn below(scores: &BTreeMap<String, (f64, f64)>, floor: (f64, f64)) -> Vec<String> {
    scores
        .iter()
        .filter(|(_, (h, m))| *h < floor.0 || *m < floor.1)
        .map(|(l, (h, m))| format!("{l}: hit@3 {h:.2}, MRR {m:.2}"))
        .collect()
}

/// tests/search/queries.yaml, written beside the articles: the issue's target.
#[test]
fn relevance_on_the_example_site() {
    let scores = relevance("queries.yaml");
    let failures = below(&scores, (0.9, 0.8));
    assert!(
        failures.is_empty(),
        "below hit@3 0.9 / MRR 0.8: {failures:?}"
    );
}

/// tests/search/readers.yaml, written from a topic list by someone who never saw
/// the articles: the same target as the set written beside them.
#[test]
fn relevance_on_readers_own_words() {
    let scores = relevance("readers.yaml");
    let failures = below(&scores, (0.9, 0.8));
    assert!(
        failures.is_empty(),
        "below hit@3 0.9 / MRR 0.8: {failures:?}"
    );
}
