//! Shards: the index cut by word form into files small enough that a one-word
//! query downloads a single one, in a folder named by a hash of their content.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use serde_json::json;

use super::model::{Doc, Group, MAX_SECTIONS};
use super::synonyms::Pointer;
use crate::diagnostic::Result;
use crate::write::Output;

mod json;
use json::{Json, Record};

/// The meta file's name: stable, so that pages do not change when the index does.
pub const META: &str = "meta.json";
/// Postings kept per stem group, best first: enough to rank the top of any query.
pub const MAX_POSTINGS: usize = 200;
/// A term shard is cut once its JSON would grow past this many bytes.
const SHARD_BUDGET: usize = 48 * 1024;
/// Articles per document shard.
pub const DOCS_PER_SHARD: usize = 16;
/// Articles whose display record a term shard carries for each of its groups: the
/// best section of each of the group's top articles. A one-word query then needs
/// no document shard for the hits the search box shows.
const INLINE_DOCS: usize = 6;

/// One word form and where its group is.
struct Form<'a> {
    text: &'a str,
    group: usize,
    /// Index into the group's forms; `None` for a synonym of the group's words.
    index: Option<u8>,
}

/// What a locale's index holds.
pub struct Index<'a> {
    pub lang: &'a str,
    pub groups: &'a [Group],
    pub docs: &'a [Doc],
    /// (title, URL) of each category, by [`Doc::category`].
    pub categories: &'a [(&'a str, &'a str)],
    /// Forms from the thesaurus: synonyms that point at another word's group, and
    /// forms of a group's stem that no article spells.
    pub synonyms: &'a [Pointer],
    /// (front matter `audience:`, the query words that say a reader is one), by
    /// [`Doc::audience`] minus one.
    pub audience: &'a [(String, Vec<String>)],
    /// Per article, the doc id of its original in the default locale's index.
    pub sources: &'a [Option<u32>],
    /// Folded words the client leaves out of queries.
    pub stopwords: &'a [String],
}

/// Writes the index's files under `base`, each shard as soon as it is made, and
/// returns their paths, meta file last.
pub fn write(base: &str, index: &Index, output: &dyn Output) -> Result<Vec<String>> {
    let Index {
        lang,
        groups,
        docs,
        categories,
        synonyms,
        audience,
        sources,
        stopwords,
    } = *index;
    let mut forms: Vec<Form> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group.forms.iter().enumerate().map(move |(i, f)| Form {
                text: f,
                group: g,
                index: Some(i as u8),
            })
        })
        .chain(synonyms.iter().map(|p| {
            Form {
                text: &p.form,
                group: p.group,
                // A form index no posting has: the form matches as another form of
                // the word, never as the exact one.
                index: p
                    .variant
                    .then(|| groups[p.group].forms.len().min(usize::from(u8::MAX - 1)) as u8),
            }
        }))
        .collect();
    forms.sort_unstable_by(|a, b| js_order(a.text, b.text).then(a.group.cmp(&b.group)));

    let inline: Vec<Vec<u32>> = groups.par_iter().map(inline_sections).collect();
    let costs: Vec<usize> = groups
        .par_iter()
        .zip(&inline)
        .map(|(group, sections)| {
            let records: usize = sections
                .iter()
                .map(|&sid| record_size(&docs[sid as usize / MAX_SECTIONS], sid))
                .sum();
            // 12 bytes a posting, what one took in decimal JSON: a shard holds the
            // groups the cold-query budget was tuned on, and its gzip stays as it
            // was (the digits, about 6 bytes, compress no better than decimals).
            group.postings.len() * 12 + records + 8
        })
        .collect();
    let buckets = partition(&forms, &costs);
    let bounds: Vec<&str> = buckets
        .iter()
        .map(|r| match r.start {
            0 => "",
            s => bound(forms[s - 1].text, forms[s].text),
        })
        .collect();

    // The shards go to a folder named by a hash of them all, so they can be cached
    // forever; written as they are made, then the folder is renamed.
    let building = format!("{base}/.building");
    let put = |name: String, json: Vec<u8>| -> Result<blake3::Hash> {
        let hash = blake3::hash(&json);
        output.write(&format!("{building}/{name}"), &json)?;
        Ok(hash)
    };
    let records: Vec<Record> = docs
        .par_iter()
        .map(|d| Record::new(d, categories))
        .collect();
    let term_hashes: Vec<blake3::Hash> = buckets
        .par_iter()
        .enumerate()
        .map(|(i, range)| {
            let json = term_shard(&forms[range.clone()], index, &inline, &records);
            put(format!("t{i}.json"), json)
        })
        .collect::<Result<_>>()?;
    let doc_hashes: Vec<blake3::Hash> = docs
        .par_chunks(DOCS_PER_SHARD)
        .enumerate()
        .map(|(chunk, slice)| {
            let mut out = Json::default();
            out.raw("{\"d\":{");
            for i in 0..slice.len() {
                out.comma(i);
                out.key(chunk * DOCS_PER_SHARD + i);
                records[chunk * DOCS_PER_SHARD + i].push(&mut out, None);
            }
            out.raw("}}");
            put(format!("d{chunk}.json"), out.0)
        })
        .collect::<Result<_>>()?;
    // Runs of (own doc, original's doc, length): translations mostly keep the
    // original's order, so a few numbers map a whole locale.
    let runs = source_runs(sources);
    let map_hash = if runs.is_empty() {
        None
    } else {
        let json = serde_json::to_vec(&json!({ "x": runs })).expect("JSON of numbers");
        Some(put("x.json".into(), json)?)
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(term_hashes.len() as u64).to_le_bytes());
    for hash in term_hashes.iter().chain(&doc_hashes).chain(&map_hash) {
        hasher.update(hash.as_bytes());
    }
    let dir = hasher.finalize().to_hex()[..12].to_string();
    // A locale without articles of its own has no shards, and no folder.
    if !doc_hashes.is_empty() {
        output.rename_dir(&building, &format!("{base}/{dir}"))?;
    }

    // The meta file keeps its name and is revalidated.
    let mut meta = json!({
        "v": 2,
        "lang": lang,
        "sections": MAX_SECTIONS,
        "chunk": DOCS_PER_SHARD,
        "dir": dir,
        "cats": categories,
        "bounds": bounds,
        "docs": doc_hashes.len(),
    });
    // Who each article is for, one character per article ("-": nobody in
    // particular, "a": the first audience...): a few bytes once compressed.
    if docs.iter().any(|d| d.audience > 0) {
        let codes: String = docs
            .iter()
            .map(|d| match d.audience {
                0 => '-',
                n => char::from(b'a' + (n - 1).min(25)),
            })
            .collect();
        meta["aud"] = json!(audience);
        meta["ad"] = json!(codes.trim_end_matches('-'));
    }
    if map_hash.is_some() {
        meta["x"] = json!(1);
    }
    if !stopwords.is_empty() {
        meta["stop"] = json!(stopwords);
    }
    // The client splits a query's unknown compounds with the same linking elements.
    if let Some(links) = super::compound::links(lang) {
        meta["links"] = json!(links);
    }
    let meta_file = format!("{base}/{META}");
    output.write(
        &meta_file,
        &serde_json::to_vec(&meta).expect("JSON of plain data"),
    )?;
    let terms = (0..term_hashes.len()).map(|i| format!("{base}/{dir}/t{i}.json"));
    let docs = (0..doc_hashes.len()).map(|i| format!("{base}/{dir}/d{i}.json"));
    let map = map_hash.map(|_| format!("{base}/{dir}/x.json"));
    Ok(terms.chain(docs).chain(map).chain([meta_file]).collect())
}

/// `[own start, original start, length, ...]` for the runs of consecutive
/// articles whose originals are consecutive too.
fn source_runs(sources: &[Option<u32>]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for (own, original) in sources.iter().enumerate() {
        let Some(original) = *original else { continue };
        let own = own as u32;
        match out.len() {
            n if n >= 3
                && out[n - 3] + out[n - 1] == own
                && out[n - 2] + out[n - 1] == original =>
            {
                out[n - 1] += 1;
            }
            _ => out.extend([own, original, 1]),
        }
    }
    out
}

/// The order of JavaScript's string comparison (UTF-16 code units), which the
/// client's binary search over `bounds` relies on.
fn js_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() || b.is_ascii() {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// The shortest prefix of `first` that sorts after `prev`: where the client starts
/// looking for a word in the shard that begins with `first`.
fn bound<'a>(prev: &str, first: &'a str) -> &'a str {
    first
        .char_indices()
        .map(|(i, c)| &first[..i + c.len_utf8()])
        .find(|p| js_order(p, prev) == Ordering::Greater)
        .unwrap_or(first)
}

/// The best section of each of the group's top articles, best first.
fn inline_sections(group: &Group) -> Vec<u32> {
    let mut docs = Vec::with_capacity(INLINE_DOCS);
    let mut out = Vec::with_capacity(INLINE_DOCS);
    for p in &group.postings {
        let doc = p.section as usize / MAX_SECTIONS;
        if !docs.contains(&doc) {
            docs.push(doc);
            out.push(p.section);
            if docs.len() == INLINE_DOCS {
                break;
            }
        }
    }
    out
}

/// About the JSON bytes of one section's display record (most anchors are
/// derived, most URLs relative to their category's).
fn record_size(doc: &Doc, sid: u32) -> usize {
    let (_, heading, passage) = &doc.sections[sid as usize % MAX_SECTIONS];
    doc.title.len() + doc.url.len() / 2 + heading.len() + passage.len() + 24
}

/// Cuts the sorted forms into runs whose shards stay under budget. A shard is
/// found by where its first form sorts (`bounds` in the meta file), so words that
/// share a prefix, and most typos of them, land in the same shard. Past half the
/// budget, the cut goes where neighbouring forms share the shortest prefix, so
/// that what a reader has typed so far rarely spans two shards.
fn partition(forms: &[Form], costs: &[usize]) -> Vec<Range<usize>> {
    struct Run {
        start: usize,
        size: usize,
        groups: HashSet<usize>,
        /// (shared prefix length, position) of the best place to cut so far.
        cut: Option<(usize, usize)>,
    }
    impl Run {
        fn new(start: usize) -> Run {
            Run {
                start,
                size: 0,
                groups: HashSet::default(),
                cut: None,
            }
        }
        fn cost(&self, forms: &[Form], costs: &[usize], i: usize) -> usize {
            let f = &forms[i];
            let group = if self.groups.contains(&f.group) {
                0
            } else {
                costs[f.group]
            };
            f.text.len() + 10 + group
        }
        fn add(&mut self, forms: &[Form], costs: &[usize], i: usize) {
            if i > self.start && self.size >= SHARD_BUDGET / 2 && forms[i - 1].text != forms[i].text
            {
                let shared = common_prefix(forms[i - 1].text, forms[i].text);
                if self.cut.is_none_or(|(best, _)| shared <= best) {
                    self.cut = Some((shared, i));
                }
            }
            self.size += self.cost(forms, costs, i);
            self.groups.insert(forms[i].group);
        }
    }

    let mut out = Vec::new();
    let mut run = Run::new(0);
    for i in 0..forms.len() {
        if i > run.start && run.size + run.cost(forms, costs, i) > SHARD_BUDGET {
            let at = match run.cut {
                Some((_, at)) => Some(at),
                // Never cut inside a run of one form.
                None => (forms[i - 1].text != forms[i].text).then_some(i),
            };
            if let Some(at) = at {
                out.push(run.start..at);
                run = Run::new(at);
                for j in at..i {
                    run.add(forms, costs, j);
                }
            }
        }
        run.add(forms, costs, i);
    }
    if run.start < forms.len() {
        out.push(run.start..forms.len());
    }
    out
}

/// Bytes two words share at their start.
fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// `{"f": [[form, group, form index] or [synonym, group]], "g": [postings],
/// "d": {article: record}}`, groups numbered in order of first appearance in `f`.
/// A group's postings are one string: section gap, impact and form of each, in
/// [`Json::digits`].
fn term_shard(forms: &[Form], index: &Index, inline: &[Vec<u32>], encoded: &[Record]) -> Vec<u8> {
    let groups = index.groups;
    let mut local: Vec<usize> = Vec::new();
    let mut local_of = rustc_hash::FxHashMap::default();
    let mut out = Json(Vec::with_capacity(SHARD_BUDGET + SHARD_BUDGET / 4));
    out.raw("{\"f\":[");
    for (i, f) in forms.iter().enumerate() {
        let n = *local_of.entry(f.group).or_insert_with(|| {
            local.push(f.group);
            local.len() - 1
        });
        out.comma(i);
        out.raw("[");
        out.str(f.text);
        out.raw(",");
        out.num(n);
        // A synonym has no form index: the client ranks it below the word's own forms.
        if let Some(index) = f.index {
            out.raw(",");
            out.num(index);
        }
        out.raw("]");
    }
    out.raw("],\"g\":[");
    let mut records: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (n, &g) in local.iter().enumerate() {
        for &sid in &inline[g] {
            let sid = sid as usize;
            records
                .entry(sid / MAX_SECTIONS)
                .or_default()
                .insert(sid % MAX_SECTIONS);
        }
        // Sorted by section and delta-encoded: small numbers take fewer digits.
        let mut by_section = groups[g].postings.clone();
        by_section.sort_unstable_by_key(|p| p.section);
        out.comma(n);
        out.raw("\"");
        let mut last = 0;
        for p in by_section {
            out.digits(u64::from(p.section - last));
            out.digits(u64::from(p.impact));
            out.digits(u64::from(p.form));
            last = p.section;
        }
        out.raw("\"");
    }
    out.raw("],\"d\":{");
    for (i, (doc, sections)) in records.into_iter().enumerate() {
        out.comma(i);
        out.key(doc);
        encoded[doc].push(&mut out, Some(&sections));
    }
    out.raw("}}");
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str, group: usize) -> Form<'_> {
        Form {
            text,
            group,
            index: Some(0),
        }
    }

    #[test]
    fn translations_map_to_originals_in_runs() {
        let sources = [Some(0), Some(1), None, Some(2), Some(5), Some(6)];
        assert_eq!(source_runs(&sources), [0, 0, 2, 3, 2, 1, 4, 5, 2]);
        assert!(source_runs(&[None, None]).is_empty());
    }

    #[test]
    fn bounds_are_the_shortest_prefix_after_the_previous_shard() {
        assert_eq!(bound("reform", "refund"), "refu");
        assert_eq!(bound("rda", "refund"), "re");
        assert_eq!(bound("退", "退款"), "退款");
        assert_eq!(bound("a", "b"), "b");
    }

    #[test]
    fn js_order_matches_utf16_for_astral_characters() {
        // U+20000 (Han, astral) sorts before U+FF01 in UTF-16, after it in UTF-8.
        assert_eq!(js_order("\u{20000}", "\u{ff01}"), Ordering::Less);
        assert_eq!(js_order("abc", "abd"), Ordering::Less);
    }

    #[test]
    fn cuts_prefer_words_that_share_little() {
        // Each group costs a quarter of the budget, so a shard holds four; past half
        // the budget, the cut goes between "ca…" and "da…", not inside "ca…".
        let words = ["caa", "cab", "cac", "daa", "dab", "dac", "dad", "eaa"];
        let forms: Vec<Form> = words.iter().enumerate().map(|(g, w)| form(w, g)).collect();
        let costs = vec![SHARD_BUDGET / 4 - 20; words.len()];
        let shards = partition(&forms, &costs);
        assert_eq!(shards[0], 0..3, "{shards:?}");
        assert!(shards.iter().all(|r| !r.is_empty()));
        assert_eq!(shards.last().unwrap().end, words.len());
    }

    #[test]
    fn one_form_is_never_split_across_shards() {
        let forms: Vec<Form> = (0..10).map(|g| form("same", g)).collect();
        let costs = vec![SHARD_BUDGET / 3; 10];
        assert_eq!(partition(&forms, &costs), vec![0..10]);
    }
}
