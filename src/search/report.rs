//! The search log report (`kbgen report search LOG.jsonl`): per locale, the queries
//! readers found nothing for, clicked nothing for, or went on to contact support
//! after, and the synonym or tag lines that would teach the index their words.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Error, Result};

/// One finished search, as the client sends it (version 1; fields are only ever
/// added within a version, so unknown ones are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub v: u32,
    pub locale: String,
    pub query: String,
    pub results: u64,
    #[serde(default)]
    pub clicked: Option<String>,
    #[serde(default)]
    pub contact: bool,
}

/// Reads a JSON Lines log; every line that is not an entry is an error naming
/// its line and column. Blank lines are skipped.
pub fn read(path: &Path, text: &str) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Entry>(line) {
            Ok(e) if e.v == 1 => entries.push(e),
            Ok(e) => errors.push(
                Diagnostic::error(
                    path,
                    format!(
                        "search log version {} is not known to this kbgen (it reads version 1); update kbgen",
                        e.v
                    ),
                )
                .at(n + 1, 1),
            ),
            Err(e) => errors.push(
                Diagnostic::error(
                    path,
                    format!(
                        "not a search log entry ({e}); each line must be one JSON object such as \
                         {{\"v\":1,\"locale\":\"en\",\"query\":\"refund\",\"results\":3,\"clicked\":null,\"contact\":false}}: fix or remove the line"
                    ),
                )
                .at(n + 1, e.column().max(1)),
            ),
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(Error::Content(errors))
    }
}

/// A query as readers typed it, give or take case and spaces.
fn normalize(query: &str) -> String {
    query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Default)]
struct Stats {
    searches: usize,
    no_results: BTreeMap<String, usize>,
    no_click: BTreeMap<String, usize>,
    contact: BTreeMap<String, usize>,
    /// Query -> clicked URL -> how often.
    clicks: BTreeMap<String, BTreeMap<String, usize>>,
}

/// The most frequent first, then alphabetical; at most `top`.
fn ranked(counts: &BTreeMap<String, usize>, top: usize) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(q, n)| (q.as_str(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(top);
    v
}

/// The report as text: per locale (alphabetical), the `top` queries of each kind
/// and the lines to add.
pub fn report(entries: &[Entry], top: usize) -> String {
    let mut by_locale: BTreeMap<&str, Stats> = BTreeMap::new();
    for e in entries {
        let s = by_locale.entry(e.locale.as_str()).or_default();
        let q = normalize(&e.query);
        if q.is_empty() {
            continue;
        }
        s.searches += 1;
        if e.results == 0 {
            *s.no_results.entry(q.clone()).or_default() += 1;
        } else if e.clicked.is_none() && !e.contact {
            *s.no_click.entry(q.clone()).or_default() += 1;
        }
        if e.contact {
            *s.contact.entry(q.clone()).or_default() += 1;
        }
        if let Some(url) = &e.clicked {
            *s.clicks
                .entry(q)
                .or_default()
                .entry(url.clone())
                .or_default() += 1;
        }
    }
    let mut out = String::new();
    for (locale, s) in &by_locale {
        let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>();
        let _ = writeln!(
            out,
            "{locale}: {} searches, {} without results, {} without a click, {} followed by a contact",
            s.searches,
            total(&s.no_results),
            total(&s.no_click),
            total(&s.contact)
        );
        for (title, counts) in [
            ("without results", &s.no_results),
            ("without a click", &s.no_click),
            ("followed by a contact", &s.contact),
        ] {
            if counts.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {title}:");
            for (q, n) in ranked(counts, top) {
                let _ = writeln!(out, "    {n:>4}  {q}");
            }
        }
        let proposals = propose(locale, s, top);
        if !proposals.is_empty() {
            let _ = writeln!(out, "  proposals:");
            out.push_str(&proposals);
        }
    }
    if by_locale.is_empty() {
        out.push_str("no searches in the log\n");
    }
    out
}

/// Where the same query led other readers to an article, a tag for it; where
/// it never found anything, a synonym group to complete.
fn propose(locale: &str, s: &Stats, top: usize) -> String {
    let mut tags: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut groups = Vec::new();
    let mut failed: BTreeMap<String, usize> = s.no_results.clone();
    for (q, n) in s.no_click.iter().chain(&s.contact) {
        *failed.entry(q.clone()).or_default() += n;
    }
    for (q, _) in ranked(&failed, top) {
        let best = s
            .clicks
            .get(q)
            .and_then(|urls| urls.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))));
        match best {
            Some((url, _)) => tags.entry(url.as_str()).or_default().push(q),
            None if s.no_results.contains_key(q) => groups.push(q),
            None => {}
        }
    }
    let mut out = String::new();
    if !groups.is_empty() {
        let _ = writeln!(
            out,
            "    locales/{locale}/synonyms.yaml: add each word, with the words your articles use for it:"
        );
        let _ = writeln!(out, "      groups:");
        for q in groups {
            let words: Vec<&str> = q.split(' ').collect();
            let name = words.join("-");
            let _ = writeln!(out, "        {name}: [{}]", words.join(", "));
        }
    }
    for (url, queries) in tags {
        let quoted: Vec<String> = queries
            .iter()
            .map(|q| serde_json::to_string(q).expect("JSON of a string"))
            .collect();
        let _ = writeln!(
            out,
            "    the article at {url}: other readers clicked it for these; add to its front matter:"
        );
        let _ = writeln!(out, "      tags: [{}]", quoted.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_names_its_line_and_column() {
        let log = "{\"v\":1,\"locale\":\"en\",\"query\":\"a\",\"results\":0}\n\n{\"v\":1,\"locale\":\"en\"\nnot json\n";
        let Err(Error::Content(d)) = read(Path::new("log.jsonl"), log) else {
            panic!("bad lines must fail")
        };
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].line, Some(3));
        assert_eq!(d[1].line, Some(4));
        assert!(d[1].message.contains("fix or remove the line"), "{}", d[1]);
    }

    #[test]
    fn report_counts_kinds_and_proposes_tags_and_groups() {
        let e = |q: &str, results, clicked: Option<&str>, contact| Entry {
            v: 1,
            locale: "en".into(),
            query: q.into(),
            results,
            clicked: clicked.map(String::from),
            contact,
        };
        let entries = [
            e("Hotline", 0, None, false),
            e("hotline ", 0, None, false),
            e("money back", 4, None, true),
            e("money back", 4, Some("/en/payments/refunds/"), false),
            e("refund", 4, Some("/en/payments/refunds/"), false),
        ];
        let text = report(&entries, 10);
        assert!(
            text.starts_with(
                "en: 5 searches, 2 without results, 0 without a click, 1 followed by a contact"
            ),
            "{text}"
        );
        assert!(text.contains("       2  hotline\n"), "{text}");
        assert!(text.contains("        hotline: [hotline]\n"), "{text}");
        assert!(
            text.contains("the article at /en/payments/refunds/: other readers clicked it for these; add to its front matter:\n      tags: [\"money back\"]"),
            "{text}"
        );
    }
}
