//! Search in readers' own words: thesaurus synonyms (built in and per site),
//! compounds, swapped letters, who is asking, and rescue from the default locale,
//! each through the client that ships in the theme.

mod common;

use common::TestSite;
use common::search::{Hit, run_queries_with};

/// Builds `site` and runs `(locale, query)` pairs as the search page does.
fn search(site: &TestSite, queries: &[(&str, &str)]) -> Vec<Vec<Hit>> {
    site.build().assert_ok();
    let queries: Vec<(String, String)> = queries
        .iter()
        .map(|(l, q)| (l.to_string(), q.to_string()))
        .collect();
    run_queries_with(&site.root().join("public"), &queries, Some("en"))
}

fn urls(hits: &[Hit]) -> Vec<&str> {
    hits.iter()
        .map(|h| h.url.split('#').next().unwrap_or(""))
        .collect()
}

#[test]
fn a_synonym_finds_the_writers_word_and_ranks_below_it() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/en/help/reimbursement.md",
        "---\ntitle: Travel costs\n---\n\nA reimbursement of travel costs, in words that mean it.\n",
    );
    let results = search(&site, &[("en", "reimbursement"), ("en", "scammed")]);
    // "reimbursement" is in the refund group of the built-in thesaurus.
    assert_eq!(
        urls(&results[0])[..2],
        ["/en/help/reimbursement/", "/en/help/refunds/"],
        "the reader's own word first, then the synonym"
    );
    assert!(
        results[1].is_empty(),
        "no fraud article, no hit: {:?}",
        urls(&results[1])
    );
}

#[test]
fn a_site_adds_replaces_and_removes_synonym_groups() {
    let site = TestSite::fixture("basic");
    site.write(
        "locales/en/synonyms.yaml",
        "groups:\n  refund: []\n  money: [payback, refunds]\n",
    );
    let results = search(&site, &[("en", "payback"), ("en", "reimbursement")]);
    assert_eq!(
        urls(&results[0])[0],
        "/en/help/refunds/",
        "a site's own group"
    );
    assert!(
        results[1].is_empty(),
        "the built-in refund group is removed: {:?}",
        urls(&results[1])
    );
}

#[test]
fn a_synonym_that_is_a_phrase_is_an_error_with_its_position() {
    let site = TestSite::fixture("basic");
    site.write(
        "locales/en/synonyms.yaml",
        "groups:\n  refund: [refund, money back]\n",
    );
    site.build()
        .assert_code(1)
        .assert_stderr_has("locales/en/synonyms.yaml:2:20: error:")
        .assert_stderr_has("\"money back\" is not one word");
}

/// The thesaurus is read where the site is resolved, so `kbgen check` rejects what
/// the build rejects, at the same line.
#[test]
fn a_synonyms_file_that_does_not_read_fails_check_as_it_fails_the_build() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    let before = site.output("en/index.html");
    site.write("locales/en/synonyms.yaml", "groups: [refund, refunds]\n");
    let at = "locales/en/synonyms.yaml:1:9: error: synonyms: groups: invalid type: sequence, expected a map; ";
    let fix = "`groups:` and `audience:` map a name to a list of words";
    site.build()
        .assert_code(1)
        .assert_stderr_has(at)
        .assert_stderr_has(fix);
    site.check(&[])
        .assert_code(1)
        .assert_stdout_has(at)
        .assert_stdout_has(fix);
    assert_eq!(
        site.output("en/index.html"),
        before,
        "the output is left as it was"
    );
    let (_, report) = site.check_json(&[]);
    let kinds: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"synonyms"), "{report}");
}

#[test]
fn swapped_letters_count_as_one_typo() {
    let site = TestSite::fixture("basic");
    let results = search(
        &site,
        &[("en", "refnud outcomes"), ("en", "partial refnud")],
    );
    for hits in &results {
        assert_eq!(urls(hits)[0], "/en/help/refunds/", "{:?}", urls(hits));
    }
}

/// The basic fixture with a German locale whose refund article uses compounds.
fn german() -> TestSite {
    let site = TestSite::fixture("basic");
    let config = site.read_source("site.yaml");
    site.write(
        "site.yaml",
        &config.replace(
            "  - { code: zh, name: 中文 }",
            "  - { code: zh, name: 中文 }\n  - { code: de, name: Deutsch }",
        ),
    );
    site.write("content/de/_index.md", "---\ntitle: Hilfe\n---\n");
    site.write(
        "content/de/help/_index.md",
        "---\ntitle: Hilfe\nslug: hilfe\n---\n",
    );
    site.write(
        "content/de/help/refunds.md",
        "---\ntitle: Rückerstattungen\nslug: rueckerstattungen\n---\n\n\
         Eine Rückerstattung folgt einem Fall. Unsere Telefonnummer steht unten.\n\n\
         ## Mögliche Ergebnisse {#outcomes}\n\nDas Telefon hilft Kunden weiter.\n",
    );
    site
}

#[test]
fn german_compounds_are_found_by_their_parts_and_parts_by_compounds() {
    let site = german();
    let results = search(
        &site,
        &[
            ("de", "Erstattung"),
            ("de", "nummer"),
            ("de", "Kundentelefon"),
        ],
    );
    for hits in &results {
        assert_eq!(
            urls(hits).first(),
            Some(&"/de/hilfe/rueckerstattungen/"),
            "{:?}",
            urls(hits)
        );
    }
}

/// Adds one article for buyers and one for sellers, alike but for `audience:`, and
/// returns the first result of a seller's and of a buyer's query.
fn first_for_seller_and_buyer(title: &str, body: &str, seller: &str, buyer: &str) -> [String; 2] {
    let site = TestSite::fixture("basic");
    let article = |who: &str| format!("---\ntitle: {title}\naudience: {who}\n---\n\n{body}\n");
    site.write("content/en/more/for-buyers.md", &article("buyer"));
    site.write("content/en/more/for-sellers.md", &article("seller"));
    let results = search(&site, &[("en", seller), ("en", buyer)]);
    [0, 1].map(|i| urls(&results[i])[0].to_string())
}

#[test]
fn audience_words_rank_the_articles_for_that_reader_first() {
    let first = first_for_seller_and_buyer(
        "Help with an item",
        "Help with an item and its order.",
        "sold an item need help",
        "bought an item need help",
    );
    assert_eq!(first, ["/en/more/for-sellers/", "/en/more/for-buyers/"]);
}

#[test]
fn audience_phrases_say_who_is_asking_where_the_noun_alone_does_not() {
    let first = first_for_seller_and_buyer(
        "Contact support",
        "How to contact support, and the seller or buyer first.",
        "i'm a seller, contact support",
        "contact support as a buyer",
    );
    assert_eq!(first, ["/en/more/for-sellers/", "/en/more/for-buyers/"]);
}

#[test]
fn a_page_linking_to_another_by_its_title_ranks_below_it() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/en/more/disputes.md",
        "---\ntitle: Resolution\n---\n\nWhen there is a dispute, we open a case and review it.\n",
    );
    // Says "open" as often, and "disputes" twice, both times naming the other page.
    site.write(
        "content/en/more/outside.md",
        "---\ntitle: Going to an outside body\n---\n\nOpen a case first: see \
         [How disputes are resolved](disputes.md) and [Disputes](disputes.md).\n",
    );
    let results = search(&site, &[("en", "open a dispute")]);
    assert_eq!(
        urls(&results[0])[..2],
        ["/en/more/disputes/", "/en/more/outside/"],
        "the page about disputes first, then the page that links to it"
    );
}

#[test]
fn a_synonym_that_only_shares_a_stem_with_the_articles_word_does_not_match_it() {
    // Snowball stems "operator" (a person) and "operations" alike, as French
    // stems "conseiller" (an adviser) and "conseils" (tips).
    let site = TestSite::fixture("basic");
    site.write(
        "locales/en/synonyms.yaml",
        "groups:\n  agent: [operator, operators, human, person]\n",
    );
    site.write(
        "content/en/more/tips.md",
        "---\ntitle: Operations on your account\n---\n\nWhat the operations do.\n",
    );
    site.write(
        "content/en/more/person.md",
        "---\ntitle: Talk to a person\n---\n\nA person of our team answers.\n",
    );
    let results = search(&site, &[("en", "operator")]);
    assert_eq!(
        urls(&results[0]),
        ["/en/more/person/"],
        "the concept's own word, not the homograph"
    );
}

#[test]
fn weak_results_are_rescued_with_the_locales_own_translations() {
    let site = TestSite::fixture("basic");
    // Italian readers typing the English word get the Italian article; a hit
    // without a translation is shown as it is only when nothing else is found.
    let results = search(&site, &[("it", "refunds"), ("it", "translation")]);
    assert_eq!(
        urls(&results[0]).first(),
        Some(&"/it/aiuto/rimborsi/"),
        "{:?}",
        urls(&results[0])
    );
    assert_eq!(
        urls(&results[1]).first(),
        Some(&"/en/help/only-english/"),
        "{:?}",
        urls(&results[1])
    );
}
