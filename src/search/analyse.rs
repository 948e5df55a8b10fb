//! The analysis of articles into a partial index: sections -> tokens -> stem
//! groups with per-field counts, which [`super::build`] merges and scores.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::compound;
use super::model::{Doc, MAX_SECTIONS};
use super::synonyms::{self, Thesaurus};
use super::tokenize::{Run, Tokenizer};
use crate::markdown::Section;
use crate::resolve::Site;

/// Columns of a section's text shown as its passage.
const PASSAGE: usize = 160;

const TITLE: usize = 0;
const HEADING: usize = 1;
const BODY: usize = 2;
const LINK: usize = 3;
pub(super) const FIELDS: usize = 4;

/// A stem group while the index is being built: counts, not yet scores.
#[derive(Default)]
pub(super) struct RawGroup {
    pub(super) stem: String,
    pub(super) forms: Vec<String>,
    pub(super) postings: Vec<RawPosting>,
}

#[derive(Clone, Copy)]
pub(super) struct RawPosting {
    pub(super) section: u32,
    /// Occurrences per field.
    pub(super) counts: [u16; FIELDS],
    pub(super) form: u8,
}

/// The form of a compound's posting copied into its part's group: no form of the
/// group, so that the part matches it as another form of the word.
pub const COMPOUND: u8 = u8::MAX;

/// A word form: its group and its index in the group's forms.
#[derive(Clone, Copy)]
struct Term {
    group: u32,
    form: u8,
}

/// The index of a run of articles, built by one task; parts are merged in order.
#[derive(Default)]
pub(super) struct Partial {
    /// Word as written (case kept) -> its term: one lookup per token.
    words: HashMap<Box<str>, Term>,
    /// Han bigram, as two code points -> its term: most Chinese tokens.
    bigrams: HashMap<u64, Term>,
    group_of: HashMap<String, u32>,
    pub(super) groups: Vec<RawGroup>,
    /// (display data, token count per field of each section), by article.
    pub(super) docs: Vec<(Doc, Vec<[u32; FIELDS]>)>,
}

impl Partial {
    fn group(&mut self, stem: &str) -> u32 {
        if let Some(&g) = self.group_of.get(stem) {
            return g;
        }
        let g = self.groups.len() as u32;
        self.group_of.insert(stem.to_string(), g);
        self.groups.push(RawGroup {
            stem: stem.to_string(),
            ..RawGroup::default()
        });
        g
    }

    /// Index of `form` in group `g`, added if new (a group keeps at most 255).
    fn form(&mut self, g: u32, form: &str) -> u8 {
        let forms = &mut self.groups[g as usize].forms;
        match forms.iter().position(|f| f == form) {
            Some(i) => i as u8,
            None if forms.len() < u8::MAX as usize => {
                forms.push(form.to_string());
                (forms.len() - 1) as u8
            }
            None => 0,
        }
    }

    fn term(&mut self, word: &str, analyse: impl FnOnce() -> (String, String)) -> Term {
        if let Some(&t) = self.words.get(word) {
            return t;
        }
        let (form, stem) = analyse();
        let group = self.group(&stem);
        let term = Term {
            group,
            form: self.form(group, &form),
        };
        self.words.insert(word.into(), term);
        term
    }

    fn han_term(&mut self, token: &str) -> Term {
        let mut chars = token.chars();
        let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) else {
            return self.term(token, || (token.to_string(), token.to_string()));
        };
        let pair = (u64::from(a) << 32) | u64::from(b);
        if let Some(&t) = self.bigrams.get(&pair) {
            return t;
        }
        let group = self.group(token);
        let term = Term {
            group,
            form: self.form(group, token),
        };
        self.bigrams.insert(pair, term);
        term
    }

    /// Appends a sort key per token of `text`: group, then form, then field.
    fn keys(&mut self, tok: &Tokenizer, text: &str, field: usize, keys: &mut Vec<u64>) {
        let key = |t: Term| (u64::from(t.group) << 16) | (u64::from(t.form) << 8) | field as u64;
        Tokenizer::runs(text, |run| match run {
            Run::Word(w) => keys.push(key(self.term(w, || tok.word(w)))),
            Run::Han(h) => tok.han(h, |t| keys.push(key(self.han_term(t)))),
        });
    }

    /// Indexes every compound under its parts as well (see [`compound`]): its
    /// postings are copied into each part's group with the form [`COMPOUND`].
    pub(super) fn decompound(&mut self, tok: &Tokenizer, thesaurus: &Thesaurus, links: &[&str]) {
        let extra: Vec<String> = thesaurus
            .groups
            .values()
            .flatten()
            .map(|w| synonyms::analyse(tok, w).0)
            .collect();
        let mut additions: Vec<(String, usize, Option<u32>)> = Vec::new();
        {
            let mut group_of: HashMap<&str, u32> = HashMap::default();
            for (g, group) in self.groups.iter().enumerate() {
                for f in &group.forms {
                    group_of.entry(f.as_str()).or_insert(g as u32);
                }
            }
            let mut vocab: HashSet<&str> = group_of.keys().copied().collect();
            vocab.extend(extra.iter().map(String::as_str));
            for (g, group) in self.groups.iter().enumerate() {
                // The shortest form stands for the group: its other forms are the
                // same compound, inflected.
                let Some(form) = group.forms.iter().min_by_key(|f| (f.len(), f.as_str())) else {
                    continue;
                };
                for part in compound::parts(form, &vocab, links) {
                    let known = group_of.get(part.as_str()).copied();
                    additions.push((part, g, known));
                }
            }
        }
        let mut touched = HashSet::default();
        for (part, from, known) in additions {
            let target = known.unwrap_or_else(|| {
                let (form, stem) = tok.word(&part);
                let g = self.group(&stem);
                self.form(g, &form);
                g
            });
            if target as usize == from {
                continue;
            }
            let copied: Vec<RawPosting> = self.groups[from]
                .postings
                .iter()
                .map(|p| RawPosting {
                    form: COMPOUND,
                    ..*p
                })
                .collect();
            self.groups[target as usize].postings.extend(copied);
            touched.insert(target);
        }
        // One posting per section: a word and a compound of it in one section add up.
        for g in touched {
            let postings = &mut self.groups[g as usize].postings;
            postings.sort_by_key(|p| (p.section, p.form == COMPOUND));
            postings.dedup_by(|later, kept| {
                if later.section != kept.section {
                    return false;
                }
                for (k, l) in kept.counts.iter_mut().zip(later.counts) {
                    *k = k.saturating_add(l);
                }
                true
            });
        }
    }

    /// Drops the word lookups, once every article of the part is analysed.
    pub(super) fn forget_words(&mut self) {
        self.words = HashMap::default();
        self.bigrams = HashMap::default();
    }

    /// Appends `other`, whose articles come after this part's.
    pub(super) fn merge(&mut self, other: Partial) {
        for theirs in other.groups {
            let mine = self.group(&theirs.stem);
            let remap: Vec<u8> = theirs.forms.iter().map(|f| self.form(mine, f)).collect();
            let target = &mut self.groups[mine as usize].postings;
            target.extend(theirs.postings.into_iter().map(|p| RawPosting {
                form: remap[p.form as usize],
                ..p
            }));
        }
        self.docs.extend(other.docs);
    }
}

/// How a locale's words are cut, stemmed and grouped: what analysing an article
/// needs besides the article.
pub(super) struct Language {
    pub(super) tokenizer: Tokenizer,
    pub(super) thesaurus: Thesaurus,
}

/// Tokenizes one article, cut into `sections`, into `part`: its sections'
/// postings and display data.
pub(super) fn analyse(
    site: &Site,
    l: usize,
    a: usize,
    doc_id: usize,
    mut sections: Vec<Section>,
    language: &Language,
    part: &mut Partial,
) {
    let tok = &language.tokenizer;
    let ls = &site.locales()[l];
    let article = &ls.articles[a];
    let source = &site.sources()[article.page.source];
    let title = source.front.title().to_string();
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
    // The title counts in every section.
    let mut title_keys = Vec::new();
    part.keys(tok, &title, TITLE, &mut title_keys);
    let mut keys = Vec::new();
    let mut lens = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        keys.clear();
        keys.extend_from_slice(&title_keys);
        part.keys(tok, &s.heading, HEADING, &mut keys);
        if i == 0 {
            part.keys(tok, &summary, HEADING, &mut keys);
        }
        let mut at = 0;
        for link in &s.links {
            part.keys(tok, &s.text[at..link.start], BODY, &mut keys);
            part.keys(tok, &s.text[link.clone()], LINK, &mut keys);
            at = link.end;
        }
        part.keys(tok, &s.text[at..], BODY, &mut keys);
        let mut len = [0u32; FIELDS];
        for k in &keys {
            len[(k & 0xff) as usize] += 1;
        }
        // Link text is text of the section: it makes the body as long as it reads.
        len[BODY] += len[LINK];
        lens.push(len);

        // Sorted keys come in runs: one per group, inside it one per form.
        keys.sort_unstable();
        let section = (doc_id * MAX_SECTIONS + i) as u32;
        for by_group in keys.chunk_by(|a, b| a >> 16 == b >> 16) {
            let mut counts = [0u16; FIELDS];
            let mut best = (0, 0u8);
            for by_form in by_group.chunk_by(|a, b| a >> 8 == b >> 8) {
                for k in by_form {
                    let field = (k & 0xff) as usize;
                    counts[field] = counts[field].saturating_add(1);
                }
                // The form used most; on a tie, the first in alphabetical order,
                // whatever order this part met them in.
                let form = (by_form[0] >> 8) as u8;
                let forms = &part.groups[(by_group[0] >> 16) as usize].forms;
                if by_form.len() > best.0
                    || (by_form.len() == best.0 && forms[form as usize] < forms[best.1 as usize])
                {
                    best = (by_form.len(), form);
                }
            }
            part.groups[(by_group[0] >> 16) as usize]
                .postings
                .push(RawPosting {
                    section,
                    counts,
                    form: best.1,
                });
        }
    }
    let doc = Doc {
        title,
        url: article.page.url.clone(),
        category: article.category,
        sections: sections
            .into_iter()
            .map(|s| (s.id.unwrap_or_default(), s.heading, passage(&s.text)))
            .collect(),
        audience: source
            .front
            .audience
            .as_deref()
            .and_then(|who| language.thesaurus.audience.keys().position(|a| a == who))
            .map_or(0, |i| (i + 1).min(usize::from(u8::MAX)) as u8),
    };
    part.docs.push((doc, lens));
}

/// The start of a section's text, about [`PASSAGE`] columns wide (a Han character
/// takes two), cut at a word boundary where there are spaces.
fn passage(text: &str) -> String {
    let mut width = 0;
    let end = text.char_indices().find_map(|(i, c)| {
        width += if super::tokenize::is_han(c) { 2 } else { 1 };
        (width > PASSAGE).then_some(i)
    });
    let Some(end) = end else {
        return text.to_string();
    };
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(i) if i > end / 2 => &cut[..i],
        _ => cut,
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::{PASSAGE, passage};

    #[test]
    fn passages_are_cut_by_width() {
        let latin = "word ".repeat(100);
        let p = passage(&latin);
        assert!(
            p.ends_with("word…") && p.chars().count() <= PASSAGE + 1,
            "{p}"
        );
        let han = "退款".repeat(100);
        let p = passage(&han);
        // A Han character is two columns wide: half as many, and the ellipsis.
        assert_eq!(p.chars().count(), PASSAGE / 2 + 1, "{p}");
        assert_eq!(passage("short"), "short");
    }
}
