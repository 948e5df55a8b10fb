//! Builds one locale's index: sections -> tokens -> stem groups -> BM25F impacts.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::shard;
use super::tokenize::Tokenizer;
use crate::markdown;
use crate::resolve::Site;

/// Field weights for BM25F: a word in the title counts most, then headings, then
/// body text. Tuned on tests/search/queries.yaml.
const WEIGHTS: [f32; 3] = [3.0, 2.0, 1.0];
/// Length normalization per field.
const B: [f32; 3] = [0.4, 0.5, 0.75];
const K1: f32 = 1.2;
/// Sections kept per article (more are folded into the last one).
pub const MAX_SECTIONS: usize = 64;
/// Characters of a section's text shown as its passage.
const PASSAGE: usize = 180;

const TITLE: usize = 0;
const HEADING: usize = 1;
const BODY: usize = 2;

/// An article as the client shows it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub url: String,
    pub category: String,
    /// (anchor, heading, passage) per section; the intro has an empty anchor.
    pub sections: Vec<(String, String, String)>,
}

/// A stem group: the word forms that share a stem, and where they occur.
#[derive(Debug, Default)]
pub struct Group {
    pub forms: Vec<String>,
    /// (section id, impact, index into `forms` of the form used most there),
    /// best first, truncated to [`shard::MAX_POSTINGS`].
    pub postings: Vec<(u32, u32, u8)>,
}

/// What `build` writes and what the pages need to find it.
pub struct LocaleIndex {
    /// Relative to the output folder.
    pub files: Vec<(String, Vec<u8>)>,
    /// Root-relative URL of the meta file; `None` when the locale has no article.
    pub meta_url: Option<String>,
    pub documents: usize,
}

/// Term counts of one section, per field.
struct SectionTerms {
    /// form -> (stem, count per field)
    counts: HashMap<String, (String, [u16; 3])>,
    lens: [u32; 3],
}

pub fn index(site: &Site) -> Vec<LocaleIndex> {
    site.config
        .locales
        .par_iter()
        .enumerate()
        .map(|(l, locale)| index_locale(site, l, &locale.code))
        .collect()
}

fn index_locale(site: &Site, l: usize, lang: &str) -> LocaleIndex {
    let ls = &site.locales[l];
    let articles: Vec<usize> = (0..ls.articles.len())
        .filter(|&a| !ls.articles[a].page.fallback)
        .collect();
    if articles.is_empty() {
        return LocaleIndex {
            files: Vec::new(),
            meta_url: None,
            documents: 0,
        };
    }

    let tokenizer = Tokenizer::new(lang);
    let analysed: Vec<(Doc, Vec<SectionTerms>)> = articles
        .par_iter()
        .map_init(
            || tokenizer.clone(),
            |tok, &a| {
                let article = &ls.articles[a];
                let source = &site.sources[article.page.source];
                let title = source.front.title().to_string();
                let mut sections = markdown::sections(source);
                if sections.len() > MAX_SECTIONS {
                    let rest: Vec<String> =
                        sections.drain(MAX_SECTIONS..).map(|s| s.text).collect();
                    let last = sections.last_mut().expect("MAX_SECTIONS > 0");
                    last.text.push(' ');
                    last.text.push_str(&rest.join(" "));
                }
                // Description and tags are the writer's own summary: they count like a
                // heading of the intro.
                let mut summary = source.front.description.clone().unwrap_or_default();
                for tag in &source.front.tags {
                    summary.push(' ');
                    summary.push_str(tag);
                }
                let mut terms = Vec::with_capacity(sections.len());
                for (i, s) in sections.iter().enumerate() {
                    let heading = if i == 0 {
                        format!("{} {summary}", s.heading)
                    } else {
                        s.heading.clone()
                    };
                    let mut st = SectionTerms {
                        counts: HashMap::default(),
                        lens: [0; 3],
                    };
                    for (field, text) in [
                        (TITLE, title.as_str()),
                        (HEADING, &heading),
                        (BODY, &s.text),
                    ] {
                        tok.tokens(text, |form, stem| {
                            match st.counts.get_mut(form) {
                                Some(entry) => entry.1[field] += 1,
                                None => {
                                    let mut counts = [0; 3];
                                    counts[field] = 1;
                                    st.counts
                                        .insert(form.to_string(), (stem.to_string(), counts));
                                }
                            }
                            st.lens[field] += 1;
                        });
                    }
                    terms.push(st);
                }
                let doc = Doc {
                    title,
                    url: article.page.url.clone(),
                    category: ls.categories[article.category].title.clone(),
                    sections: sections
                        .into_iter()
                        .map(|s| (s.id.unwrap_or_default(), s.heading, passage(&s.text)))
                        .collect(),
                };
                (doc, terms)
            },
        )
        .collect();

    // Average field lengths over all sections.
    let n_sections: usize = analysed.iter().map(|(_, t)| t.len()).sum();
    let mut avg = [0f32; 3];
    for (_, terms) in &analysed {
        for st in terms {
            for (sum, len) in avg.iter_mut().zip(st.lens) {
                *sum += len as f32;
            }
        }
    }
    for a in &mut avg {
        *a = (*a / n_sections.max(1) as f32).max(1.0);
    }

    // Stem groups with their raw postings.
    let mut group_of: HashMap<String, usize> = HashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    let mut raw: Vec<Vec<(u32, f32, u8)>> = Vec::new();
    for (doc_id, (_, terms)) in analysed.iter().enumerate() {
        for (sec, st) in terms.iter().enumerate() {
            let sid = (doc_id * MAX_SECTIONS + sec) as u32;
            // Per group in this section: weighted tf and the form used most.
            let mut here: HashMap<usize, (f32, u8, u16)> = HashMap::default();
            // Encounter order does not matter: groups and forms are renumbered in
            // sorted order below, so the output is the same from build to build.
            for (form, (stem, counts)) in &st.counts {
                let counts = *counts;
                let g = match group_of.get(stem) {
                    Some(&g) => g,
                    None => {
                        group_of.insert(stem.clone(), groups.len());
                        groups.push(Group::default());
                        raw.push(Vec::new());
                        groups.len() - 1
                    }
                };
                let forms = &mut groups[g].forms;
                let fi = match forms.iter().position(|f| f == form) {
                    Some(i) => i,
                    None if forms.len() < u8::MAX as usize => {
                        forms.push(form.clone());
                        forms.len() - 1
                    }
                    None => 0,
                } as u8;
                let mut tf = 0.0;
                for f in 0..3 {
                    let norm = 1.0 - B[f] + B[f] * st.lens[f] as f32 / avg[f];
                    tf += WEIGHTS[f] * counts[f] as f32 / norm;
                }
                let total: u16 = counts.iter().sum();
                let e = here.entry(g).or_insert((0.0, fi, 0));
                e.0 += tf;
                if total > e.2 {
                    e.1 = fi;
                    e.2 = total;
                }
            }
            for (g, (tf, fi, _)) in here {
                raw[g].push((sid, tf, fi));
            }
        }
    }
    let n = n_sections as f32;
    for (g, postings) in raw.into_iter().enumerate() {
        let df = postings.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let mut scored: Vec<(u32, u32, u8)> = postings
            .into_iter()
            .map(|(sid, tf, fi)| {
                let score = idf * tf * (K1 + 1.0) / (tf + K1);
                (sid, (score * 100.0).round().max(1.0) as u32, fi)
            })
            .collect();
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(shard::MAX_POSTINGS);
        groups[g].postings = scored;
    }

    let groups = renumber(group_of, groups);
    let docs: Vec<Doc> = analysed.into_iter().map(|(d, _)| d).collect();
    let base = format!("search/{lang}");
    let (files, meta_file) = shard::write(&base, lang, &groups, &docs);
    LocaleIndex {
        files,
        meta_url: Some(format!("{}/{meta_file}", site.config.path_prefix)),
        documents: docs.len(),
    }
}

/// Orders groups by stem and each group's forms alphabetically, so that nothing in
/// the output depends on hash map order.
fn renumber(group_of: HashMap<String, usize>, mut groups: Vec<Group>) -> Vec<Group> {
    let mut stems: Vec<(String, usize)> = group_of.into_iter().collect();
    stems.sort();
    stems
        .into_iter()
        .map(|(_, g)| {
            let mut group = std::mem::take(&mut groups[g]);
            let mut order: Vec<usize> = (0..group.forms.len()).collect();
            order.sort_by(|&a, &b| group.forms[a].cmp(&group.forms[b]));
            let mut new_index = vec![0u8; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old] = new as u8;
            }
            group.forms = order
                .iter()
                .map(|&i| std::mem::take(&mut group.forms[i]))
                .collect();
            for p in &mut group.postings {
                p.2 = new_index[p.2 as usize];
            }
            // Ties in impact are broken by section, whatever the encounter order.
            group
                .postings
                .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            group
        })
        .collect()
}

/// The start of a section's text, cut at a word boundary.
fn passage(text: &str) -> String {
    if text.chars().count() <= PASSAGE {
        return text.to_string();
    }
    let cut: String = text.chars().take(PASSAGE).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > PASSAGE / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{cut}…")
}
