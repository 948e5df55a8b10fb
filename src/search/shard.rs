//! Shards: the index cut by word prefix into files small enough that a query
//! downloads only a few kilobytes, each named by a hash of its content.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use std::fmt::Write;

use serde_json::json;

use super::build::{Doc, Group, MAX_SECTIONS};

/// Postings kept per stem group, best first: enough to rank the top of any query.
pub const MAX_POSTINGS: usize = 200;
/// A term shard is split by a longer prefix once its JSON grows past this.
const SHARD_BUDGET: usize = 40 * 1024;
/// Articles per document shard.
pub const DOCS_PER_SHARD: usize = 24;
/// Display records inlined per group in a term shard, so that the best hits of a
/// one-word query need no document shard.
const INLINE_HITS: usize = 3;

/// One word form and where its group is.
struct Form<'a> {
    text: &'a str,
    group: usize,
    index: u8,
}

/// Returns the files (relative to the output folder) and the meta file's path.
pub fn write(
    base: &str,
    lang: &str,
    groups: &[Group],
    docs: &[Doc],
) -> (Vec<(String, Vec<u8>)>, String) {
    let mut forms: Vec<Form> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.forms.iter().enumerate().map(move |(i, f)| Form {
                text: f,
                group: g,
                index: i as u8,
            })
        })
        .collect();
    forms.sort_by(|a, b| a.text.cmp(b.text).then(a.group.cmp(&b.group)));

    let buckets = partition(&forms, groups);
    let mut files = Vec::new();
    let mut bounds = Vec::with_capacity(buckets.len());
    let mut names = Vec::with_capacity(buckets.len());
    for bucket in &buckets {
        let json = term_shard(bucket, groups, docs);
        let name = named("t", &json);
        bounds.push(bucket[0].text);
        names.push(name.clone());
        files.push((format!("{base}/{name}"), json));
    }
    let mut doc_files = Vec::new();
    for (chunk, slice) in docs.chunks(DOCS_PER_SHARD).enumerate() {
        let mut out = String::from("{\"d\":{");
        for (i, doc) in slice.iter().enumerate() {
            let _ = write!(
                out,
                "{}\"{}\":",
                if i > 0 { "," } else { "" },
                chunk * DOCS_PER_SHARD + i
            );
            push_record(&mut out, doc, None);
        }
        out.push_str("}}");
        let json = out.into_bytes();
        let name = named("d", &json);
        doc_files.push(name.clone());
        files.push((format!("{base}/{name}"), json));
    }
    let meta = json!({
        "v": 1,
        "lang": lang,
        "sections": MAX_SECTIONS,
        "chunk": DOCS_PER_SHARD,
        "bounds": bounds,
        "terms": names,
        "docs": doc_files,
    });
    // The meta file keeps its name, so pages do not change when the index does; it
    // is small and names the hashed shards, which can be cached forever.
    let meta = serde_json::to_vec(&meta).expect("JSON of plain data");
    let meta_name = format!("{base}/meta.json");
    files.push((meta_name.clone(), meta));
    (files, meta_name)
}

fn named(folder: &str, json: &[u8]) -> String {
    format!("{folder}/{}.json", &blake3::hash(json).to_hex()[..10])
}

/// Cuts the sorted forms into runs whose shards stay under budget. A shard is
/// found by the first form of each run (`bounds` in the meta file), so words that
/// share a prefix, and most typos of them, land in the same shard.
fn partition<'a>(forms: &'a [Form<'a>], groups: &[Group]) -> Vec<&'a [Form<'a>]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    let mut seen: HashSet<usize> = HashSet::new();
    for (i, f) in forms.iter().enumerate() {
        let mut cost = f.text.len() + 10;
        if !seen.contains(&f.group) {
            let postings = groups[f.group].postings.len();
            cost += postings * 9 + INLINE_HITS.min(postings) * 240 + 20;
        }
        // Cut between forms only, never inside a run of one form.
        if size + cost > SHARD_BUDGET && i > start && forms[i - 1].text != f.text {
            out.push(&forms[start..i]);
            start = i;
            size = 0;
            seen.clear();
        }
        seen.insert(f.group);
        size += cost;
    }
    if start < forms.len() {
        out.push(&forms[start..]);
    }
    out
}

fn term_shard(bucket: &[Form], groups: &[Group], docs: &[Doc]) -> Vec<u8> {
    let mut local: BTreeMap<usize, usize> = BTreeMap::new();
    for f in bucket {
        let next = local.len();
        local.entry(f.group).or_insert(next);
    }
    let mut order: Vec<(usize, usize)> = local.iter().map(|(&g, &l)| (l, g)).collect();
    order.sort();
    // Written by hand: serde_json's Value tree costs more than the rest of the index.
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("{\"f\":[");
    for (i, f) in bucket.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_str(&mut out, f.text);
        let _ = write!(out, ",{},{}]", local[&f.group], f.index);
    }
    out.push_str("],\"g\":[");
    let mut inline: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (n, &(_, g)) in order.iter().enumerate() {
        let group = &groups[g];
        for &(sid, _, _) in group.postings.iter().take(INLINE_HITS) {
            let sid = sid as usize;
            inline
                .entry(sid / MAX_SECTIONS)
                .or_default()
                .insert(sid % MAX_SECTIONS);
        }
        // Sorted by section and delta-encoded: small numbers compress well.
        let mut by_section = group.postings.clone();
        by_section.sort_by_key(|p| p.0);
        out.push_str(if n > 0 { ",[" } else { "[" });
        let mut last = 0;
        for (i, (sid, impact, form)) in by_section.into_iter().enumerate() {
            let _ = write!(
                out,
                "{}{},{impact},{form}",
                if i > 0 { "," } else { "" },
                sid - last
            );
            last = sid;
        }
        out.push(']');
    }
    out.push_str("],\"d\":{");
    for (i, (doc, sections)) in inline.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{doc}\":");
        push_record(&mut out, &docs[doc], Some(&sections));
    }
    out.push_str("}}");
    out.into_bytes()
}

/// `[title, url, category, {section: [anchor, heading, passage]}]`, with all sections
/// or only `only`.
fn push_record(out: &mut String, doc: &Doc, only: Option<&BTreeSet<usize>>) {
    out.push('[');
    for s in [&doc.title, &doc.url, &doc.category] {
        push_str(out, s);
        out.push(',');
    }
    out.push('{');
    let mut first = true;
    for (i, (anchor, heading, passage)) in doc.sections.iter().enumerate() {
        if only.is_some_and(|o| !o.contains(&i)) {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        let _ = write!(out, "\"{i}\":[");
        push_str(out, anchor);
        out.push(',');
        push_str(out, heading);
        out.push(',');
        push_str(out, passage);
        out.push(']');
    }
    out.push_str("}]");
}

/// A JSON string literal.
fn push_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("a string serializes"));
}
