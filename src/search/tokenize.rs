//! Tokenize text for the search index, per language: fold case and diacritics, stem
//! with Snowball where a stemmer exists, and cut Chinese (and other Han text) into
//! jieba words plus overlapping character bigrams.
//!
//! The browser never stems: the index maps every word form to its stem group, and
//! the client only has to [`fold`] the query the same way (see `kbgen.js`).

use std::sync::OnceLock;

use jieba_rs::Jieba;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercases and removes diacritics, including the letters Unicode decomposition
/// leaves alone (ł, ø, ß, đ, æ, œ, ı, þ). Must match `fold` in kbgen.js.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        for c in c.to_lowercase() {
            match c {
                'ł' => out.push('l'),
                'ø' => out.push('o'),
                'ß' => out.push_str("ss"),
                'đ' | 'ð' => out.push('d'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ı' => out.push('i'),
                'þ' => out.push_str("th"),
                c => out.push(c),
            }
        }
    }
    out
}

/// Han ideographs: cut into words and bigrams instead of split at spaces.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

static JIEBA: OnceLock<Jieba> = OnceLock::new();

fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// Whether a language is cut into words by jieba rather than stemmed.
fn is_cjk(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    matches!(primary, "zh" | "ja")
}

/// Starts loading jieba's dictionary on a thread of its own when one of `langs`
/// needs it. Loading takes about 0.2 s of CPU, most of a small site's indexing, so
/// the build overlaps it with loading and rendering; a tokenizer made before it is
/// done waits for it when it first meets a Han run.
pub fn preload(mut langs: impl Iterator<Item = impl AsRef<str>>) {
    if JIEBA.get().is_none() && langs.any(|l| is_cjk(l.as_ref())) {
        std::thread::spawn(jieba);
    }
}

/// One language's tokenizer: cheap to clone and stateless, so that callers can
/// cache its answers however suits them (see `search::build`).
#[derive(Clone)]
pub struct Tokenizer {
    stemmer: Option<frostem::Stemmer>,
    /// Whether Han runs are also cut into jieba's words; the dictionary is loaded
    /// when first needed, so that making a tokenizer never waits for it.
    jieba: bool,
}

/// A stretch of text between non-word characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    /// A word as written (case kept): normalize it with [`Tokenizer::word`].
    Word(&'a str),
    /// Han characters, cut with [`Tokenizer::han`].
    Han(&'a str),
}

impl Tokenizer {
    /// A tokenizer for a language code such as `pl` or `zh`. Languages without a
    /// Snowball stemmer are folded but not stemmed.
    pub fn new(lang: &str) -> Tokenizer {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        let is_cjk = is_cjk(primary);
        Tokenizer {
            stemmer: if is_cjk {
                None
            } else {
                frostem::Stemmer::try_from_name(primary).ok()
            },
            jieba: is_cjk,
        }
    }

    /// Splits `text` into runs of word characters, Han apart from the rest.
    pub fn runs<'a>(text: &'a str, mut emit: impl FnMut(Run<'a>)) {
        let bytes = text.as_bytes();
        let mut start: Option<(usize, bool)> = None;
        let mut i = 0;
        while i <= bytes.len() {
            // (word character, Han), and its width; ASCII without decoding.
            let (kind, width) = match bytes.get(i) {
                None => (None, 1),
                Some(b) if b.is_ascii() => (b.is_ascii_alphanumeric().then_some(false), 1),
                Some(_) => {
                    let c = text[i..].chars().next().expect("a char starts here");
                    let kind = if is_han(c) {
                        Some(true)
                    } else {
                        is_word_char(c).then_some(false)
                    };
                    (kind, c.len_utf8())
                }
            };
            match (start, kind) {
                (None, Some(h)) => start = Some((i, h)),
                (Some((s, h)), k) if k != Some(h) => {
                    let run = &text[s..i];
                    emit(if h { Run::Han(run) } else { Run::Word(run) });
                    start = k.map(|h| (i, h));
                }
                _ => {}
            }
            i += width;
        }
    }

    /// `(form, stem)` of a word: `form` is the folded word as a reader would type
    /// it; `stem` names its group.
    pub fn word(&self, word: &str) -> (String, String) {
        let lower = word.to_lowercase();
        let form = fold(&lower);
        // Stem the accented word (Snowball expects it), then fold the stem.
        let stem = match &self.stemmer {
            Some(stemmer) => fold(&stemmer.stem(&lower)),
            None => form.clone(),
        };
        (form, stem)
    }

    /// The tokens of a Han run, each its own form and stem: overlapping bigrams
    /// (or the lone character), plus the jieba words longer than two characters.
    pub fn han<'a>(&self, run: &'a str, mut emit: impl FnMut(&'a str)) {
        // Each bigram runs from the start of one character to the end of the next.
        let mut start = 0;
        let mut bigrams = 0;
        for (i, c) in run.char_indices().skip(1) {
            emit(&run[start..i + c.len_utf8()]);
            start = i;
            bigrams += 1;
        }
        if bigrams == 0 {
            emit(run);
        } else if bigrams > 1 && self.jieba {
            for token in jieba().cut(run, false) {
                if token.word.chars().nth(2).is_some() {
                    emit(token.word);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (form, stem) of every token of `text`, as the index builder cuts it.
    fn tokens(lang: &str, text: &str) -> Vec<(String, String)> {
        let tok = Tokenizer::new(lang);
        let mut out = Vec::new();
        Tokenizer::runs(text, |run| match run {
            Run::Word(w) => out.push(tok.word(w)),
            Run::Han(h) => tok.han(h, |t| out.push((t.to_string(), t.to_string()))),
        });
        out
    }

    fn stems(lang: &str, text: &str) -> Vec<String> {
        tokens(lang, text).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn runs_split_words_han_and_punctuation() {
        let mut runs = Vec::new();
        Tokenizer::runs("Zwrot—płatności, ACM是荷兰的机构 3x!", |r| {
            runs.push(r)
        });
        assert_eq!(
            runs,
            [
                Run::Word("Zwrot"),
                Run::Word("płatności"),
                Run::Word("ACM"),
                Run::Han("是荷兰的机构"),
                Run::Word("3x"),
            ]
        );
        Tokenizer::runs("", |r| panic!("{r:?}"));
    }

    #[test]
    fn folds_letters_decomposition_misses() {
        assert_eq!(
            fold("Łódź Øre Straße Đakovo Ærø Œuvre"),
            "lodz ore strasse dakovo aero oeuvre"
        );
        assert_eq!(fold("Réclamation ÀÉÎÕÜ"), "reclamation aeiou");
    }

    #[test]
    fn polish_inflections_share_a_stem() {
        let s = stems("pl", "zamówienie zamówienia zamówieniu zamówień");
        assert!(s.iter().all(|x| x == &s[0]), "{s:?}");
        let s = stems("pl", "zwrot zwrotu zwrotem");
        assert!(s.iter().all(|x| x == &s[0]), "{s:?}");
        // The form is what a reader types without Polish letters.
        assert_eq!(tokens("pl", "spór")[0].0, "spor");
    }

    #[test]
    fn german_inflections_and_compounds() {
        let s = stems("de", "Rückerstattung Rückerstattungen");
        assert_eq!(s[0], s[1]);
        assert_eq!(tokens("de", "Rückerstattung")[0].0, "ruckerstattung");
        // Compounds stay one token; prefix search in the client finds them from
        // their first part ("kunden" -> "kundenservice").
        assert_eq!(tokens("de", "Kundenservice").len(), 1);
    }

    #[test]
    fn romance_and_english_stems() {
        for (lang, a, b) in [
            ("en", "refunds", "refund"),
            ("es", "reembolsos", "reembolso"),
            ("it", "rimborsi", "rimborso"),
            ("fr", "remboursements", "remboursement"),
            ("pt", "reembolsos", "reembolso"),
            ("nl", "geschillen", "geschil"),
        ] {
            assert_eq!(stems(lang, a), stems(lang, b), "{lang}: {a} vs {b}");
        }
    }

    #[test]
    fn chinese_gets_words_and_overlapping_bigrams() {
        let t: Vec<String> = tokens("zh", "联系客服团队")
            .into_iter()
            .map(|t| t.0)
            .collect();
        for bigram in ["联系", "系客", "客服", "服团", "团队"] {
            assert!(t.contains(&bigram.to_string()), "{bigram} in {t:?}");
        }
        // A two-character word inside a longer one is a bigram of it.
        let t: Vec<String> = tokens("zh", "退款申请").into_iter().map(|t| t.0).collect();
        assert!(t.contains(&"退款".to_string()));
        // Mixed text: Latin words are still words.
        let t: Vec<String> = tokens("zh", "ACM是荷兰").into_iter().map(|t| t.0).collect();
        assert!(
            t.contains(&"acm".to_string()) && t.contains(&"荷兰".to_string()),
            "{t:?}"
        );
    }
}
