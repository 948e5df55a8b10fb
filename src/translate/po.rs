//! gettext PO: one message per segment, the segment id as `msgctxt`, the Markdown
//! as `msgid`, context and link targets as extracted comments (`#.`), the old
//! translation of a changed segment as a fuzzy `msgstr`. Read back with `polib`.

use std::fmt::Write as _;
use std::path::Path;

use super::Entry;
use crate::diagnostic::{Diagnostic, Error, Result};

/// `Plural-Forms:` for a locale code: what msgfmt and translation tools expect.
/// kbgen's segments have no plurals, but tools refuse a file whose header is
/// wrong for its language, and a wrong one on import means a file mixed up.
pub fn plural_forms(code: &str) -> (usize, &'static str) {
    let lang = code.split(['-', '_']).next().unwrap_or(code);
    match lang {
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "tr" => (1, "0"),
        "pl" => (
            3,
            "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
        ),
        "ru" | "uk" | "be" | "sr" | "hr" | "bs" => (
            3,
            "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
        ),
        "cs" | "sk" => (3, "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"),
        "fr" | "pt" if code != "pt-PT" => (2, "(n > 1)"),
        _ => (2, "(n != 1)"),
    }
}

/// Appends `s` with PO's escapes, without allocating: export escapes every line
/// of every segment for every locale, and four `replace` calls per line were
/// four new Strings each.
fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc = match b {
            b'\\' => "\\\\",
            b'"' => "\\\"",
            b'\t' => "\\t",
            b'\r' => "\\r",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(esc);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

fn quote(out: &mut String, keyword: &str, text: &str) {
    if text.contains('\n') {
        out.push_str(keyword);
        out.push_str(" \"\"\n");
        for line in text.split_inclusive('\n') {
            out.push('"');
            match line.strip_suffix('\n') {
                Some(l) => {
                    escape_into(out, l);
                    out.push_str("\\n\"\n");
                }
                None => {
                    escape_into(out, line);
                    out.push_str("\"\n");
                }
            }
        }
    } else {
        out.push_str(keyword);
        out.push_str(" \"");
        escape_into(out, text);
        out.push_str("\"\n");
    }
}

/// The header of a PO file for `locale`; [`entries`] follow it.
pub fn header(source_locale: &str, locale: &str) -> String {
    let (n, plural) = plural_forms(locale);
    let mut out = String::with_capacity(512);
    let _ = writeln!(
        out,
        "# Translation of the help center from {source_locale} to {locale}, written by kbgen.\n\
         # Import it back with: kbgen translate import FILE\n\
         msgid \"\"\n\
         msgstr \"\"\n\
         \"Project-Id-Version: kbgen\\n\"\n\
         \"PO-Revision-Date: 2000-01-01 00:00+0000\\n\"\n\
         \"Last-Translator: \\n\"\n\
         \"Language-Team: {locale}\\n\"\n\
         \"Language: {locale}\\n\"\n\
         \"MIME-Version: 1.0\\n\"\n\
         \"Content-Type: text/plain; charset=UTF-8\\n\"\n\
         \"Content-Transfer-Encoding: 8bit\\n\"\n\
         \"Plural-Forms: nplurals={n}; plural={plural};\\n\"\n\
         \"X-Generator: kbgen\\n\"\n\
         \"X-Source-Language: {source_locale}\\n\""
    );
    out
}

/// `entries` as PO messages, appended to `out`.
pub fn entries(out: &mut String, entries: &[Entry]) {
    for e in entries {
        out.push('\n');
        for note in &e.notes {
            for line in note.lines() {
                let _ = writeln!(out, "#. {line}");
            }
        }
        let _ = writeln!(out, "#: {}", e.reference);
        if e.state == super::pair::State::Fuzzy {
            out.push_str("#, fuzzy\n");
            if let Some(prev) = &e.previous {
                quote(out, "#| msgid", prev);
                // Each line of a multi-line previous msgid is a `#|` line too.
                if prev.contains('\n') {
                    fix_previous(out);
                }
            }
        }
        quote(out, "msgctxt", &e.id);
        quote(out, "msgid", &e.source);
        quote(out, "msgstr", e.target.as_deref().unwrap_or(""));
    }
}

/// `#| msgid ""` followed by plain `"..."` lines: prefix those with `#| ` too.
fn fix_previous(out: &mut String) {
    let start = out.rfind("#| msgid \"\"\n").unwrap_or(out.len());
    let tail: String = out[start..]
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{l}\n")
            } else {
                format!("#| {l}\n")
            }
        })
        .collect();
    out.truncate(start);
    out.push_str(&tail);
}

/// An error when a PO file's `Plural-Forms:` does not fit its locale.
pub fn check_plurals(path: &Path, locale: &str, found: usize) -> Option<Diagnostic> {
    let (n, plural) = plural_forms(locale);
    (found != n).then(|| {
        Diagnostic::error(
            path,
            format!(
                "the PO header says `Plural-Forms: nplurals={found}`, but {locale} has {n} plural form{}: \
                 is this file really for {locale}? Fix the header (kbgen writes \
                 `Plural-Forms: nplurals={n}; plural={plural};`) or export again",
                if n == 1 { "" } else { "s" },
            ),
        )
    })
}

/// What a PO file brings back: its locale, its number of plural forms and, per
/// segment id, the translation
/// and whether it is finished (translated and not fuzzy).
pub fn read(path: &Path) -> Result<(String, usize, super::Returned<String>)> {
    let catalog = polib::po_file::parse(path).map_err(|e| {
        Error::Content(vec![Diagnostic::error(
            path,
            format!("not a readable PO file: {e}; export it again with `kbgen translate export`"),
        )])
    })?;
    let locale = catalog.metadata.language.trim().to_string();
    if locale.is_empty() {
        return Err(Error::Content(vec![Diagnostic::error(
            path,
            "the PO header has no `Language:`: kbgen cannot tell which locale this file is for",
        )]));
    }
    let found = catalog.metadata.plural_rules.nplurals;
    let entries = catalog
        .messages()
        .map(|m| {
            let target = m.msgstr().unwrap_or_default().to_string();
            (
                m.msgctxt().unwrap_or_default().to_string(),
                target,
                m.is_translated() && !m.is_fuzzy(),
            )
        })
        .collect();
    Ok((locale, found, entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_like_gettext() {
        let mut out = String::new();
        quote(&mut out, "msgid", "a \"b\"\t\\c\r");
        assert_eq!(out, "msgid \"a \\\"b\\\"\\t\\\\c\\r\"\n");
        let mut out = String::new();
        quote(&mut out, "msgstr", "one \"x\"\ntwo\\");
        assert_eq!(out, "msgstr \"\"\n\"one \\\"x\\\"\\n\"\n\"two\\\\\"\n");
    }
}
