//! The JSON of the shards, written by hand, and a doc's record in it.

use std::collections::BTreeSet;

use crate::search::model::Doc;

/// A doc's record, encoded once: every term shard that inlines the doc, and its
/// doc shard, copy pieces of it (escaping the same strings again for each shard
/// cost more than the rest of the writing).
///
/// The record is `[title, category, url, {section: entry}]`, with all sections or
/// only some. The URL is relative to the category's (`cats` in the meta file)
/// when it starts there. A section's entry is `[passage]` for an intro without
/// heading, `[heading, passage]` when the client can derive the anchor from the
/// heading (see [`derived_anchor`]), and `[anchor, heading, passage]` otherwise.
pub(super) struct Record {
    /// `[title,category,url,{` then each section's entry, one after the other.
    json: Vec<u8>,
    /// Where the head ends and each section's entry ends in `json`.
    ends: Vec<usize>,
}

impl Record {
    pub(super) fn new(doc: &Doc, categories: &[(&str, &str)]) -> Record {
        let mut out = Json::default();
        out.raw("[");
        out.str(&doc.title);
        out.raw(",");
        out.num(doc.category);
        out.raw(",");
        let base = categories.get(doc.category).map_or("", |c| c.1);
        match doc.url.strip_prefix(base) {
            Some(tail) if !base.is_empty() && !tail.starts_with('/') => out.str(tail),
            _ => out.str(&doc.url),
        }
        out.raw(",{");
        let mut ends = vec![out.0.len()];
        for (anchor, heading, passage) in &doc.sections {
            out.raw("[");
            let intro = anchor.is_empty() && heading.is_empty();
            if !intro && *anchor != derived_anchor(heading) {
                out.str(anchor);
                out.raw(",");
            }
            if !intro {
                out.str(heading);
                out.raw(",");
            }
            out.str(passage);
            out.raw("]");
            ends.push(out.0.len());
        }
        Record { json: out.0, ends }
    }

    /// The record with all its sections, or only those in `only`.
    pub(super) fn push(&self, out: &mut Json, only: Option<&BTreeSet<usize>>) {
        out.0.extend_from_slice(&self.json[..self.ends[0]]);
        let shown = self
            .ends
            .windows(2)
            .enumerate()
            .filter(|(i, _)| only.is_none_or(|o| o.contains(i)));
        for (n, (i, range)) in shown.enumerate() {
            out.comma(n);
            out.key(i);
            out.0.extend_from_slice(&self.json[range[0]..range[1]]);
        }
        out.raw("}]");
    }
}

/// The anchor the client derives from a heading, as `slug` in kbgen.js does:
/// lowercase, runs of letters and digits joined by `-`. Where it differs from the
/// page's id (an explicit `{#id}`, a repeated heading), the record spells the id.
pub(super) fn derived_anchor(heading: &str) -> String {
    let lower = heading.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "section".into()
    } else {
        words.join("-")
    }
}

/// JSON written by hand: a `serde_json::Value` tree of the shards costs more than
/// the rest of the index.
#[derive(Default)]
pub(super) struct Json(pub(super) Vec<u8>);

impl Json {
    pub(super) fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    pub(super) fn comma(&mut self, i: usize) {
        if i > 0 {
            self.0.push(b',');
        }
    }

    pub(super) fn num(&mut self, n: impl itoa::Integer) {
        self.raw(itoa::Buffer::new().format(n));
    }

    /// `"n":`
    pub(super) fn key(&mut self, n: usize) {
        self.0.push(b'"');
        self.num(n);
        self.raw("\":");
    }

    pub(super) fn str(&mut self, s: &str) {
        serde_json::to_writer(&mut self.0, s).expect("writing to memory");
    }

    /// `n` as digits of [`DIGITS`], the last one first: 5 bits a digit, the
    /// digits of the upper half saying that more follow. 0–31 take one byte,
    /// up to 1,023 two, up to 32,767 three: a posting's section gap, impact and
    /// form take about 6 bytes, where decimal numbers and commas took 13.
    /// `decodePostings` in kbgen.js reads them back.
    pub(super) fn digits(&mut self, mut n: u64) {
        while n >= 32 {
            self.0.push(DIGITS[32 + (n & 31) as usize]);
            n >>= 5;
        }
        self.0.push(DIGITS[n as usize]);
    }
}

/// 64 characters that JSON strings hold without escaping.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_five_bits_each_the_last_first() {
        let written = |numbers: &[u64]| {
            let mut out = Json::default();
            for &n in numbers {
                out.digits(n);
            }
            String::from_utf8(out.0).unwrap()
        };
        assert_eq!(written(&[0, 9, 31]), "09V");
        // 32 = 0 + 1 * 32: a digit that says more follow (32 + 0), then 1.
        assert_eq!(written(&[32]), "W1");
        assert_eq!(written(&[1023]), "_V");
        assert_eq!(written(&[32_767]), "__V");
        assert_eq!(written(&[u64::from(u32::MAX)]), "______3");
    }

    #[test]
    fn anchors_are_derived_as_the_client_derives_them() {
        assert_eq!(derived_anchor("Before you write"), "before-you-write");
        assert_eq!(
            derived_anchor("Zwrot pieniędzy: kiedy?"),
            "zwrot-pieniędzy-kiedy"
        );
        assert_eq!(derived_anchor("联系客服"), "联系客服");
        assert_eq!(derived_anchor("—"), "section");
    }

    #[test]
    fn records_spell_only_what_the_client_cannot_derive() {
        let doc = Doc {
            title: "Refunds".into(),
            url: "/en/help/refunds/".into(),
            category: 0,
            sections: vec![
                (String::new(), String::new(), "Intro.".into()),
                (
                    "outcomes".into(),
                    "What happens next".into(),
                    "Then.".into(),
                ),
                ("who-pays".into(), "Who pays".into(), "You.".into()),
            ],
            audience: 0,
        };
        let mut out = Json::default();
        Record::new(&doc, &[("Help", "/en/help/")]).push(&mut out, None);
        assert_eq!(
            String::from_utf8(out.0).unwrap(),
            r#"["Refunds",0,"refunds/",{"0":["Intro."],"1":["outcomes","What happens next","Then."],"2":["Who pays","You."]}]"#
        );
        // A URL outside its category's folder is spelled out.
        let mut out = Json::default();
        Record::new(&doc, &[("Other", "/en/other/")]).push(&mut out, Some(&BTreeSet::from([0, 2])));
        assert_eq!(
            String::from_utf8(out.0).unwrap(),
            r#"["Refunds",0,"/en/help/refunds/",{"0":["Intro."],"2":["Who pays","You."]}]"#
        );
    }
}
