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
    /// Root-relative URL of the meta file. Every locale has one, empty or not, so
    /// that no page depends on what the index holds.
    pub meta_url: Option<String>,
    pub documents: usize,
}

/// A stem group while the index is being built: counts, not yet scores.
#[derive(Default)]
struct RawGroup {
    forms: Vec<String>,
    /// (section id, count per field, the form used most in the section)
    postings: Vec<(u32, [u16; 3], u8)>,
}

/// The index of a part of the articles, built by one worker; parts are merged.
#[derive(Default)]
struct Partial {
    group_of: HashMap<String, usize>,
    groups: Vec<RawGroup>,
    /// (article number, display data, token count per field of each section)
    docs: Vec<(usize, Doc, Vec<[u32; 3]>)>,
}

impl Partial {
    fn group(&mut self, stem: &str) -> usize {
        if let Some(&g) = self.group_of.get(stem) {
            return g;
        }
        self.group_of.insert(stem.to_string(), self.groups.len());
        self.groups.push(RawGroup::default());
        self.groups.len() - 1
    }

    /// Index of `form` in group `g`, added if new (a group keeps at most 255).
    fn form(&mut self, g: usize, form: &str) -> u8 {
        let forms = &mut self.groups[g].forms;
        match forms.iter().position(|f| f == form) {
            Some(i) => i as u8,
            None if forms.len() < u8::MAX as usize => {
                forms.push(form.to_string());
                (forms.len() - 1) as u8
            }
            None => 0,
        }
    }

    fn merge(mut self, other: Partial) -> Partial {
        for (stem, g) in other.group_of {
            let mine = self.group(&stem);
            let theirs = &other.groups[g];
            let remap: Vec<u8> = theirs.forms.iter().map(|f| self.form(mine, f)).collect();
            let target = &mut self.groups[mine].postings;
            target.extend(
                theirs
                    .postings
                    .iter()
                    .map(|&(sid, c, f)| (sid, c, remap[f as usize])),
            );
        }
        self.docs.extend(other.docs);
        self
    }
}

pub fn index(site: &Site) -> Vec<LocaleIndex> {
    site.config
        .locales
        .par_iter()
        .enumerate()
        .map(|(l, _)| index_locale(site, l))
        .collect()
}

/// The index of one locale: its own articles, not the fallbacks it shows.
pub fn index_locale(site: &Site, l: usize) -> LocaleIndex {
    let lang = &site.config.locales[l].code;
    let ls = &site.locales[l];
    let articles: Vec<usize> = (0..ls.articles.len())
        .filter(|&a| !ls.articles[a].page.fallback)
        .collect();

    // Each worker tokenizes its articles into a partial index; the parts are merged.
    let tokenizer = Tokenizer::new(lang);
    let mut partial = articles
        .par_iter()
        .enumerate()
        .fold(
            || (tokenizer.clone(), Partial::default()),
            |(mut tok, mut part), (doc_id, &a)| {
                analyse(site, l, a, doc_id, &mut tok, &mut part);
                (tok, part)
            },
        )
        .map(|(_, part)| part)
        .reduce(Partial::default, Partial::merge);
    partial.docs.sort_by_key(|d| d.0);

    // Average field lengths over all sections.
    let n_sections: usize = partial.docs.iter().map(|d| d.2.len()).sum();
    let mut avg = [0f32; 3];
    for lens in partial.docs.iter().flat_map(|d| &d.2) {
        for (sum, len) in avg.iter_mut().zip(lens) {
            *sum += *len as f32;
        }
    }
    for a in &mut avg {
        *a = (*a / n_sections.max(1) as f32).max(1.0);
    }
    let lens: Vec<&[[u32; 3]]> = partial.docs.iter().map(|d| d.2.as_slice()).collect();

    let n = n_sections as f32;
    let groups: Vec<Group> = partial
        .groups
        .into_par_iter()
        .map(|raw| {
            let df = raw.postings.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let mut postings: Vec<(u32, u32, u8)> = raw
                .postings
                .into_iter()
                .map(|(sid, counts, form)| {
                    let section = lens[sid as usize / MAX_SECTIONS][sid as usize % MAX_SECTIONS];
                    let mut tf = 0.0;
                    for f in 0..3 {
                        let norm = 1.0 - B[f] + B[f] * section[f] as f32 / avg[f];
                        tf += WEIGHTS[f] * f32::from(counts[f]) / norm;
                    }
                    let score = idf * tf * (K1 + 1.0) / (tf + K1);
                    (sid, (score * 100.0).round().max(1.0) as u32, form)
                })
                .collect();
            postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            postings.truncate(shard::MAX_POSTINGS);
            Group {
                forms: raw.forms,
                postings,
            }
        })
        .collect();
    let groups = renumber(partial.group_of, groups);
    let docs: Vec<Doc> = partial.docs.into_iter().map(|d| d.1).collect();
    let base = format!("search/{lang}");
    let (files, meta_file) = shard::write(&base, lang, &groups, &docs);
    LocaleIndex {
        files,
        meta_url: Some(format!("{}/{meta_file}", site.config.path_prefix)),
        documents: docs.len(),
    }
}

/// A group's counts in one section: per field, and per form (to find the form
/// used most).
type SectionCounts = ([u16; 3], Vec<(u8, u16)>);

/// Tokenizes one article into `part`: its sections' postings and display data.
fn analyse(
    site: &Site,
    l: usize,
    a: usize,
    doc_id: usize,
    tok: &mut Tokenizer,
    part: &mut Partial,
) {
    let ls = &site.locales[l];
    let article = &ls.articles[a];
    let source = &site.sources[article.page.source];
    let title = source.front.title().to_string();
    let mut sections = markdown::sections(source);
    if sections.len() > MAX_SECTIONS {
        let rest: Vec<String> = sections.drain(MAX_SECTIONS..).map(|s| s.text).collect();
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
    let mut lens = Vec::with_capacity(sections.len());
    let mut here: HashMap<usize, SectionCounts> = HashMap::default();
    for (i, s) in sections.iter().enumerate() {
        let heading = if i == 0 {
            format!("{} {summary}", s.heading)
        } else {
            s.heading.clone()
        };
        let mut len = [0u32; 3];
        here.clear();
        for (field, text) in [
            (TITLE, title.as_str()),
            (HEADING, &heading),
            (BODY, &s.text),
        ] {
            tok.tokens(text, |form, stem| {
                let g = part.group(stem);
                let f = part.form(g, form);
                let entry = here.entry(g).or_default();
                entry.0[field] = entry.0[field].saturating_add(1);
                match entry.1.iter_mut().find(|(x, _)| *x == f) {
                    Some(c) => c.1 = c.1.saturating_add(1),
                    None => entry.1.push((f, 1)),
                }
                len[field] += 1;
            });
        }
        let sid = (doc_id * MAX_SECTIONS + i) as u32;
        for (&g, (counts, forms)) in &here {
            let form = forms
                .iter()
                .max_by_key(|(f, c)| (*c, std::cmp::Reverse(*f)))
                .map_or(0, |x| x.0);
            part.groups[g].postings.push((sid, *counts, form));
        }
        lens.push(len);
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
    part.docs.push((doc_id, doc, lens));
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
