//! Words to translate per locale, new and changed apart: the figure a translation
//! vendor quotes on.

use serde::Serialize;

use rayon::prelude::*;

use super::Entry;
use super::export::{Only, entries};
use super::pages::Pages;
use super::pair::State;
use crate::config::Config;

/// One locale's work still to do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Words {
    pub locale: String,
    pub new_segments: usize,
    pub new_words: usize,
    pub changed_segments: usize,
    pub changed_words: usize,
}

/// Per locale but the default, in site.yaml order: the same states as an export.
pub fn table(config: &Config, pages: &Pages) -> Vec<Words> {
    let sources = pages.sources(config);
    let mut out = Vec::new();
    for (l, locale) in config.locales.iter().enumerate() {
        if l == config.default_locale {
            continue;
        }
        let mut w = Words {
            locale: locale.code.clone(),
            ..Words::default()
        };
        let all: Vec<Entry> = sources
            .list
            .par_iter()
            .flat_map_iter(|source| entries(source, l, Only::All))
            .collect();
        {
            for e in all {
                let n = words(&e.source);
                match e.state {
                    State::New => {
                        w.new_segments += 1;
                        w.new_words += n;
                    }
                    State::Fuzzy => {
                        w.changed_segments += 1;
                        w.changed_words += n;
                    }
                    State::Translated => {}
                }
            }
        }
        out.push(w);
    }
    out
}

/// Words a vendor counts: runs of letters and digits, and each Chinese, Japanese
/// or Korean character on its own (those scripts do not put spaces between words).
pub fn words(text: &str) -> usize {
    let plain: String = super::inline::parse(text)
        .pieces
        .iter()
        .filter_map(|p| match p {
            super::inline::Piece::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut count = 0;
    let mut in_word = false;
    for c in plain.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count += 1;
            }
            in_word = true;
        } else if !(in_word && matches!(c, '\'' | '’' | '-')) {
            in_word = false;
        }
    }
    count
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_count_chinese_by_characters() {
        assert_eq!(words("See [the seller's page](a.md), **now**."), 5);
        assert_eq!(words("联系卖家"), 4);
        assert_eq!(words("用 kbgen 构建"), 4);
    }
}
