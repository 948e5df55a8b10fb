//! Synonyms: the support-domain thesaurus of the theme (`synonyms/<locale>.yaml`),
//! with a site's own groups from `locales/<locale>/synonyms.yaml` on top, applied
//! at build time as extra word forms that point at the groups of the other words
//! of a concept, so the client fetches no more than for any other word.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::model::Group;
use super::tokenize::{Tokenizer, is_han};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};

/// Index groups a concept may point at, and forms of each that get pointers: a
/// concept whose words are everywhere would otherwise copy half the index.
const MAX_TARGETS: usize = 16;
const MAX_FORMS: usize = 16;

/// A locale's concept groups and audience words, as written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Thesaurus {
    /// Concept name -> its words.
    pub groups: BTreeMap<String, Vec<String>>,
    /// Front matter `audience:` value -> the words or phrases that say a reader is
    /// one ("sold", "as a seller": "seller" alone is also said by buyers).
    pub audience: BTreeMap<String, Vec<String>>,
    /// Words too common to say what a query is about: the client leaves them out
    /// of a query that has other words.
    pub stopwords: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    groups: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    audience: BTreeMap<String, Vec<String>>,
    /// Replaces the list read before, when present.
    #[serde(default)]
    stopwords: Option<Vec<String>>,
}

impl Thesaurus {
    /// The theme's thesaurus for `lang` (the embedded default theme's, or the site
    /// theme's file when it has one), then the site's `locales/<lang>/synonyms.yaml`:
    /// a group of a later file replaces the group of that name; `name: []` removes it.
    pub fn load(config: &Config, lang: &str) -> Result<Thesaurus> {
        let mut out = Thesaurus::default();
        let name = format!("synonyms/{lang}.yaml");
        let theme_file = config.theme_dir.as_ref().map(|d| d.join(&name));
        match theme_file.filter(|f| f.is_file()) {
            Some(file) => out.layer(&file, &read(&file)?)?,
            None => {
                if let Some(text) = crate::theme::builtin_file(&name) {
                    let path = Path::new("(built-in)/themes/default").join(&name);
                    out.layer(&path, text)?;
                }
            }
        }
        let site = config.root.join("locales").join(lang).join("synonyms.yaml");
        if site.is_file() {
            out.layer(&site, &read(&site)?)?;
        }
        Ok(out)
    }

    /// Adds one file's groups over the ones read before.
    pub fn layer(&mut self, path: &Path, text: &str) -> Result<()> {
        let fail = |d: Diagnostic| Error::Content(vec![d]);
        let raw: Raw = serde_yaml::from_str(text).map_err(|e| {
            // serde_yaml appends "at line X column Y", which the diagnostic carries.
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            let mut d = Diagnostic::error(
                path,
                format!(
                    "synonyms: {message}; `groups:` and `audience:` map a name to a list of words ({{refund: [refund, refunds]}}), `stopwords:` is a list of words"
                ),
            );
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            fail(d)
        })?;
        let mut lists: Vec<(String, &Vec<String>)> = Vec::new();
        for (kind, map) in [("groups", &raw.groups), ("audience", &raw.audience)] {
            lists.extend(
                map.iter()
                    .map(|(name, words)| (format!("{kind}.{name}"), words)),
            );
        }
        lists.extend(raw.stopwords.iter().map(|w| ("stopwords".to_string(), w)));
        for (list, words) in lists {
            let fits = |w: &String| match list.starts_with("audience.") {
                true => w.split(' ').all(is_one_word),
                false => is_one_word(w),
            };
            if let Some(bad) = words.iter().find(|w| !fits(w)) {
                let (line, col) = locate(text, bad);
                return Err(fail(
                    Diagnostic::error(
                        path,
                        format!(
                            "synonyms: {list}: {bad:?} is not one word; list single words \
                             (a reader's words are matched one by one; only audience \
                             entries may be phrases, words separated by one space)"
                        ),
                    )
                    .at(line, col),
                ));
            }
        }
        if let Some(stopwords) = raw.stopwords {
            self.stopwords = stopwords;
        }
        for (mine, theirs) in [
            (&mut self.groups, raw.groups),
            (&mut self.audience, raw.audience),
        ] {
            for (name, words) in theirs {
                if words.is_empty() {
                    mine.remove(&name);
                } else {
                    mine.insert(name, words);
                }
            }
        }
        Ok(())
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// Letters and digits only, as the client cuts a query into words.
fn is_one_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphanumeric)
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or(0);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    (line, text[line_start..at].chars().count() + 1)
}

/// The folded form and stem of a thesaurus word, as the index has them.
pub fn analyse(tok: &Tokenizer, word: &str) -> (String, String) {
    if word.chars().next().is_some_and(is_han) {
        (word.to_string(), word.to_string())
    } else {
        tok.word(word)
    }
}

/// An audience word or phrase as the client compares it with a query: each word
/// folded, separated by one space.
pub fn audience_form(tok: &Tokenizer, entry: &str) -> String {
    let words: Vec<String> = entry.split(' ').map(|w| analyse(tok, w).0).collect();
    words.join(" ")
}

/// A form to add to the index's term shards.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pointer {
    pub form: String,
    pub group: usize,
    /// True for a form of the group's own stem that the articles never use
    /// ("cancel" beside "cancelled"): it matches as another form of the word,
    /// and typos of it find the group. False for a synonym.
    pub variant: bool,
}

/// Forms to add to the index: for every concept, each of its words, and each form
/// of the index groups its words fall in, points at the concept's other groups;
/// a word whose stem is a group's but which no article spells becomes a form of
/// that group. `stems` are the groups' stems, sorted.
pub fn pointers(
    thesaurus: &Thesaurus,
    tok: &Tokenizer,
    stems: &[String],
    groups: &[Group],
) -> Vec<Pointer> {
    let find = |stem: &str| stems.binary_search_by(|s| s.as_str().cmp(stem)).ok();
    let mut out: Vec<(String, usize, bool)> = Vec::new();
    for words in thesaurus.groups.values() {
        let mut analysed: Vec<(String, Option<usize>)> = words
            .iter()
            .map(|w| {
                let (form, stem) = analyse(tok, w);
                (form, find(&stem))
            })
            .collect();
        // A group the articles spell with a word of the concept is the concept's; a
        // group that only shares a stem with one ("conseiller", an adviser, stems as
        // "conseils", tips) is a homograph, unless the articles spell none of the
        // concept's words at all (then a shared stem is all there is to go on).
        let attested = |g: usize| {
            groups[g]
                .forms
                .iter()
                .any(|f| analysed.iter().any(|a| a.0 == *f))
        };
        let spelled: Vec<bool> = analysed.iter().map(|a| a.1.is_some_and(attested)).collect();
        if spelled.contains(&true) {
            for (a, spelled) in analysed.iter_mut().zip(spelled) {
                if !spelled {
                    a.1 = None;
                }
            }
        }
        let mut targets: Vec<usize> = analysed.iter().filter_map(|a| a.1).collect();
        targets.sort_unstable();
        targets.dedup();
        // The groups the concept's words occur most in are the ones worth pointing at.
        targets.sort_by_key(|&g| std::cmp::Reverse(groups[g].postings.len()));
        targets.truncate(MAX_TARGETS);
        for (form, own) in &analysed {
            if let Some(g) = *own {
                out.push((form.clone(), g, true));
            }
        }
        let mut forms: Vec<(String, Option<usize>)> = analysed;
        for &t in &targets {
            for form in groups[t].forms.iter().take(MAX_FORMS) {
                forms.push((form.clone(), Some(t)));
            }
        }
        for (form, own) in forms {
            for &t in &targets {
                if own != Some(t) {
                    out.push((form.clone(), t, false));
                }
            }
        }
    }
    // Variants first: a form that is its group's own does not also point at it.
    out.sort_unstable_by(|a, b| (&a.0, a.1, !a.2).cmp(&(&b.0, b.1, !b.2)));
    out.dedup_by(|later, kept| later.0 == kept.0 && later.1 == kept.1);
    // A form that is a word of the target group already matches it as a word.
    out.into_iter()
        .filter(|(form, g, _)| !groups[*g].forms.contains(form))
        .map(|(form, group, variant)| Pointer {
            form,
            group,
            variant,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_file_replaces_adds_and_removes_groups() {
        let mut t = Thesaurus::default();
        t.layer(
            Path::new("a.yaml"),
            "groups:\n  refund: [refund, reimbursement]\n  cancel: [cancel, undo]\n",
        )
        .unwrap();
        t.layer(
            Path::new("b.yaml"),
            "groups:\n  refund: [refund, payback]\n  cancel: []\n  scam: [scam, fraud]\n",
        )
        .unwrap();
        assert_eq!(t.groups["refund"], ["refund", "payback"]);
        assert!(!t.groups.contains_key("cancel"));
        assert_eq!(t.groups["scam"], ["scam", "fraud"]);
    }

    #[test]
    fn a_phrase_is_an_error_naming_line_and_column() {
        let mut t = Thesaurus::default();
        let err = t
            .layer(
                Path::new("locales/en/synonyms.yaml"),
                "groups:\n  refund: [refund, money back]\n",
            )
            .unwrap_err();
        let Error::Content(d) = err else {
            panic!("{err}")
        };
        assert_eq!((d[0].line, d[0].col), (Some(2), Some(20)));
        assert!(
            d[0].message.contains("\"money back\" is not one word"),
            "{}",
            d[0]
        );
    }

    #[test]
    fn every_built_in_thesaurus_parses() {
        for lang in ["en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl"] {
            let name = format!("synonyms/{lang}.yaml");
            let text = crate::theme::builtin_file(&name).expect("a thesaurus per locale");
            let mut t = Thesaurus::default();
            t.layer(Path::new(&name), text).unwrap();
            assert!(t.groups.len() >= 12, "{lang}");
            assert!(t.audience.contains_key("buyer") && t.audience.contains_key("seller"));
        }
    }
}
