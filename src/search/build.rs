//! Builds one locale's index from its analysed articles ([`super::analyse`]):
//! stem groups with counts -> BM25F impacts -> shards.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::analyse::{COMPOUND, FIELDS, Language, Partial, analyse};
use super::model::{Doc, Group, MAX_SECTIONS, Posting};
use super::synonyms::{self, Thesaurus};
use super::tokenize::Tokenizer;
use super::{compound, shard};
use crate::config::Config;
use crate::diagnostic::{Error, Result};
use crate::markdown::{self, Section};
use crate::resolve::Site;
use crate::write::Output;

/// Field weights for BM25F: a word in the title counts most, then headings, then
/// body text, then the text of links to other pages of the site (it names them: a
/// page that links to "How disputes are resolved" is not about resolving disputes).
/// Tuned on tests/search/queries.yaml and tests/search/readers.yaml.
const WEIGHTS: [f32; FIELDS] = [3.0, 2.0, 1.0, 0.25];
/// Length normalization per field.
const B: [f32; FIELDS] = [0.4, 0.5, 0.75, 0.75];
const K1: f32 = 1.2;

/// Root-relative URL of a locale's meta file. Every locale has one, empty or not,
/// so that no page depends on what the index holds.
pub fn meta_url(config: &Config, l: usize) -> String {
    let lang = &config.locales[l].code;
    format!("{}/search/{lang}/{}", config.path_prefix, shard::META)
}

/// What indexing a locale needs besides its articles: how its words are cut and
/// stemmed, and its thesaurus. It does not change with the content, so serve keeps
/// it from edit to edit.
pub struct Indexer {
    language: Language,
}

impl Indexer {
    /// Locale `l`'s indexer; an `Err` when its synonyms files do not read.
    pub fn new(config: &Config, l: usize) -> Result<Indexer> {
        let lang = &config.locales[l].code;
        Ok(Indexer {
            language: Language {
                tokenizer: Tokenizer::new(lang),
                thesaurus: Thesaurus::load(config, lang)?,
            },
        })
    }

    /// The indexers of every locale, by locale: an `Err` with every broken
    /// synonyms file.
    pub fn all(config: &Config) -> Result<Vec<Indexer>> {
        let mut indexers = Vec::new();
        let mut errors = Vec::new();
        for l in 0..config.locales.len() {
            match Indexer::new(config, l) {
                Ok(indexer) => indexers.push(indexer),
                Err(e) => errors.extend(e.diagnostics()),
            }
        }
        if errors.is_empty() {
            Ok(indexers)
        } else {
            Err(Error::Content(errors))
        }
    }

    /// Writes locale `l`'s index: its own articles, not the fallbacks it shows.
    /// `sections` holds, by article of the locale, the sections the page pass cut
    /// it into; an article it lacks is cut from its source. Returns the files
    /// written, relative to the output folder.
    ///
    /// The articles are analysed in `parts` parallel runs, merged in order. Each
    /// part stems its own words, so use more than one only when the cores would
    /// otherwise idle. The index is the same whatever `parts` and `sections`.
    pub fn write(
        &self,
        site: &Site,
        l: usize,
        mut sections: Vec<Option<Vec<Section>>>,
        parts: usize,
        output: &dyn Output,
    ) -> Result<Vec<String>> {
        let lang = &site.config().locales[l].code;
        let ls = &site.locales()[l];
        let articles: Vec<usize> = (0..ls.articles.len())
            .filter(|&a| !ls.articles[a].page.fallback)
            .collect();
        let mut by_doc: Vec<Option<Vec<Section>>> = articles
            .iter()
            .map(|&a| sections.get_mut(a).and_then(Option::take))
            .collect();
        drop(sections);
        let chunk = by_doc.len().div_ceil(parts.max(1)).max(1);
        let parts: Vec<Partial> = by_doc
            .par_chunks_mut(chunk)
            .enumerate()
            .map(|(c, docs)| {
                let mut part = Partial::default();
                for (i, cut) in docs.iter_mut().enumerate() {
                    let doc = c * chunk + i;
                    let a = articles[doc];
                    let sections = cut.take().unwrap_or_else(|| {
                        markdown::sections(&site.sources()[ls.articles[a].page.source])
                    });
                    analyse(site, l, a, doc, sections, &self.language, &mut part);
                }
                part.forget_words();
                part
            })
            .collect();
        drop(by_doc);
        let mut parts = parts.into_iter();
        let mut partial = parts.next().unwrap_or_default();
        for part in parts {
            partial.merge(part);
        }
        let tokenizer = &self.language.tokenizer;
        let thesaurus = &self.language.thesaurus;
        if let Some(links) = compound::links(lang) {
            partial.decompound(tokenizer, thesaurus, links);
        }

        // Average field lengths over all sections.
        let n_sections: usize = partial.docs.iter().map(|d| d.1.len()).sum();
        let mut avg = [0f32; FIELDS];
        for lens in partial.docs.iter().flat_map(|d| &d.1) {
            for (sum, len) in avg.iter_mut().zip(lens) {
                *sum += *len as f32;
            }
        }
        for a in &mut avg {
            *a = (*a / n_sections.max(1) as f32).max(1.0);
        }
        let lens: Vec<&[[u32; FIELDS]]> = partial.docs.iter().map(|d| d.1.as_slice()).collect();

        let n = n_sections as f32;
        let mut groups: Vec<(String, Group)> = partial
            .groups
            .into_par_iter()
            .map(|raw| {
                let df = raw.postings.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let mut postings: Vec<Posting> = raw
                    .postings
                    .into_iter()
                    .map(|p| {
                        let sid = p.section as usize;
                        let section = lens[sid / MAX_SECTIONS][sid % MAX_SECTIONS];
                        let mut tf = 0.0;
                        for f in 0..FIELDS {
                            let norm = 1.0 - B[f] + B[f] * section[f] as f32 / avg[f];
                            tf += WEIGHTS[f] * f32::from(p.counts[f]) / norm;
                        }
                        let score = idf * tf * (K1 + 1.0) / (tf + K1);
                        Posting {
                            section: p.section,
                            impact: (score * 100.0).round().max(1.0) as u32,
                            form: p.form,
                        }
                    })
                    .collect();
                postings.sort_unstable_by(|a, b| {
                    b.impact.cmp(&a.impact).then(a.section.cmp(&b.section))
                });
                postings.truncate(shard::MAX_POSTINGS);
                (raw.stem, sort_forms(raw.forms, postings))
            })
            .collect();
        // Nothing in the output depends on the order tasks met the stems in.
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (stems, groups): (Vec<String>, Vec<Group>) = groups.into_iter().unzip();
        let pointers = synonyms::pointers(thesaurus, tokenizer, &stems, &groups);
        drop(stems);
        let audience: Vec<(String, Vec<String>)> = thesaurus
            .audience
            .iter()
            .map(|(who, words)| {
                let forms = words.iter().map(|w| synonyms::audience_form(tokenizer, w));
                (who.clone(), forms.collect())
            })
            .collect();
        let docs: Vec<Doc> = partial.docs.into_iter().map(|d| d.0).collect();
        let stopwords: Vec<String> = thesaurus
            .stopwords
            .iter()
            .map(|w| synonyms::analyse(tokenizer, w).0)
            .collect();
        let sources = default_locale_docs(site, l, &articles);
        let categories: Vec<(&str, &str)> = ls
            .categories
            .iter()
            .map(|c| (c.title.as_str(), c.page.url.as_str()))
            .collect();
        let index = shard::Index {
            lang,
            groups: &groups,
            docs: &docs,
            categories: &categories,
            synonyms: &pointers,
            audience: &audience,
            sources: &sources,
            stopwords: &stopwords,
        };
        shard::write(&format!("search/{lang}"), &index, output)
    }
}

/// Writes one locale's index from the sources of its articles: what serve does
/// after an edit. See [`Indexer::write`].
pub fn index_locale(
    site: &Site,
    l: usize,
    parts: usize,
    output: &dyn Output,
) -> Result<Vec<String>> {
    Indexer::new(site.config(), l)?.write(site, l, Vec::new(), parts, output)
}

/// For each article of locale `l` (by doc id), the doc id of its original in the
/// default locale's index, so that the client can show a locale's own translation
/// of a hit in the default locale (cross-locale rescue). Empty for the default.
fn default_locale_docs(site: &Site, l: usize, articles: &[usize]) -> Vec<Option<u32>> {
    let def = site.config().default_locale;
    if l == def {
        return Vec::new();
    }
    let originals: HashMap<&str, u32> = site.locales()[def]
        .articles
        .iter()
        .filter(|a| !a.page.fallback)
        .zip(0..)
        .map(|(a, id)| (a.page.key.as_str(), id))
        .collect();
    let own = &site.locales()[l].articles;
    articles
        .iter()
        .map(|&a| originals.get(own[a].page.key.as_str()).copied())
        .collect()
}

/// Orders a group's forms alphabetically, and renumbers its postings' forms.
fn sort_forms(forms: Vec<String>, mut postings: Vec<Posting>) -> Group {
    let mut order: Vec<(String, u8)> = forms.into_iter().zip(0..).collect();
    order.sort_unstable();
    let mut new_index = vec![0u8; order.len()];
    for (new, (_, old)) in order.iter().enumerate() {
        new_index[*old as usize] = new as u8;
    }
    for p in postings.iter_mut().filter(|p| p.form != COMPOUND) {
        p.form = new_index[p.form as usize];
    }
    Group {
        forms: order.into_iter().map(|(f, _)| f).collect(),
        postings,
    }
}
