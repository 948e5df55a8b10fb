//! XLIFF 1.2: one `<file>` per page, one `<trans-unit>` per segment. Inline
//! Markdown becomes `<g>` (links, images, emphasis: the text inside stays
//! translatable) and `<x/>` (code spans, raw HTML, hard breaks), numbered as in
//! the source, so a translation tool keeps them and kbgen puts the source's own
//! Markdown back on import.

use std::fmt::Write as _;
use std::path::Path;

use quick_xml::escape::escape;
use quick_xml::events::Event;

use super::inline::{Inline, Piece};
use super::pair::State;
use super::{Entry, Target, TargetPiece};
use crate::diagnostic::{Diagnostic, Error, Result};

/// The start of an XLIFF document; a [`page`] per page follows, then [`FOOTER`].
pub const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
     <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n";

pub const FOOTER: &str = "</xliff>\n";

/// One page's `<file>` for `locale`, holding `entries` (all of one page),
/// appended to `out`; nothing when there are none.
pub fn page(out: &mut String, source_locale: &str, locale: &str, entries: &[Entry]) {
    let Some(first) = entries.first() else {
        return;
    };
    let _ = writeln!(
        out,
        "<file original=\"{}\" source-language=\"{source_locale}\" target-language=\"{locale}\" datatype=\"x-markdown\">\n<body>",
        escape(first.key.as_str())
    );
    for e in entries {
        let source = super::inline::parse(&e.source);
        let _ = write!(
            out,
            "<trans-unit id=\"{}\" xml:space=\"preserve\"{}>\n<source>{}</source>\n",
            escape(e.id.as_str()),
            if e.state == State::Translated {
                " approved=\"yes\""
            } else {
                ""
            },
            codes(&source, &source)
        );
        if let Some(t) = &e.target {
            let state = match e.state {
                State::Translated => "translated",
                _ => "needs-review-translation",
            };
            let target = super::inline::parse(t);
            let _ = writeln!(
                out,
                "<target state=\"{state}\">{}</target>",
                codes(&target, &source)
            );
        }
        // Where it comes from, as translate-toolkit reads it (`xliff2po` writes
        // it as the PO location): the segment id and the source line.
        let line = e.reference.rsplit(':').next().unwrap_or("1");
        let _ = writeln!(
            out,
            "<context-group purpose=\"location\"><context context-type=\"sourcefile\">{}</context><context context-type=\"linenumber\">{line}</context></context-group>",
            escape(e.id.as_str())
        );
        for note in &e.notes {
            let _ = writeln!(out, "<note from=\"kbgen\">{}</note>", escape(note.as_str()));
        }
        if let Some(prev) = &e.previous {
            let _ = writeln!(
                out,
                "<note from=\"kbgen\">Previous source: {}</note>",
                escape(prev.as_str())
            );
        }
        out.push_str("</trans-unit>\n");
    }
    out.push_str("</body>\n</file>\n");
}

/// `inline` as XLIFF content, its codes numbered as the matching codes of
/// `source` (the export checks beforehand that they match).
fn codes(inline: &Inline, source: &Inline) -> String {
    let ids = super::map_ids(inline, source);
    let mut out = String::new();
    for p in &inline.pieces {
        match p {
            Piece::Text(t) => out.push_str(&escape(t.as_str())),
            Piece::Open { id, ctype } => {
                let _ = write!(out, "<g id=\"{}\" ctype=\"{ctype}\">", ids[id]);
            }
            Piece::Close { .. } => out.push_str("</g>"),
            Piece::Code { id, ctype } => {
                let _ = write!(
                    out,
                    "<x id=\"{}\" ctype=\"{ctype}\" equiv-text=\"{}\"/>",
                    ids[id],
                    escape(inline.markup[id].0.as_str())
                );
            }
        }
    }
    out
}

/// What an XLIFF file brings back: its locale and, per unit id, the target and
/// whether it is finished (state `translated`, `signed-off` or `final`).
pub fn read(path: &Path, text: &str) -> Result<(String, super::Returned<Target>)> {
    let err = |msg: String| Error::Content(vec![Diagnostic::error(path, msg)]);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut locale: Option<String> = None;
    let mut out = Vec::new();
    let mut unit: Option<String> = None;
    let mut target: Option<(Vec<TargetPiece>, bool)> = None;
    let mut stack: Vec<usize> = Vec::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &[u8]| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    };
    let id_of = |e: &quick_xml::events::BytesStart| -> std::result::Result<usize, String> {
        attr(e, b"id")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| "an inline code without a numeric id".to_string())
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            err(format!(
                "not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == b"file" && locale.is_none() =>
            {
                locale = attr(&e, b"target-language");
            }
            Event::Start(e) if e.local_name().as_ref() == b"trans-unit" => {
                unit = attr(&e, b"id");
            }
            Event::Start(e) if e.local_name().as_ref() == b"target" && unit.is_some() => {
                let state = attr(&e, b"state").unwrap_or_default();
                let done = matches!(state.as_str(), "translated" | "signed-off" | "final");
                target = Some((Vec::new(), done));
            }
            Event::End(e) if e.local_name().as_ref() == b"target" => {
                if let (Some(id), Some((pieces, done))) = (&unit, target.take()) {
                    out.push((id.clone(), Target::Codes(pieces), done));
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"trans-unit" => unit = None,
            Event::Start(e) if target.is_some() && e.local_name().as_ref() == b"g" => {
                let id = id_of(&e).map_err(err)?;
                stack.push(id);
                if let Some(t) = target.as_mut() {
                    t.0.push(TargetPiece::Open(id));
                }
            }
            Event::End(e) if target.is_some() && e.local_name().as_ref() == b"g" => {
                if let Some(id) = stack.pop()
                    && let Some(t) = target.as_mut()
                {
                    t.0.push(TargetPiece::Close(id));
                }
            }
            Event::Empty(e) if target.is_some() && e.local_name().as_ref() == b"x" => {
                let id = id_of(&e).map_err(err)?;
                if let Some(t) = target.as_mut() {
                    t.0.push(TargetPiece::Code(id));
                }
            }
            Event::Text(t) if target.is_some() => {
                let s = t
                    .decode()
                    .map_err(|e| err(format!("bad text in a target: {e}")))?;
                push_text(&mut target, &s);
            }
            Event::GeneralRef(r) if target.is_some() => {
                let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_xml_entity(&name)
                        .map(str::to_string)
                        .ok_or_else(|| err(format!("unknown entity &{name};")))?,
                };
                push_text(&mut target, &s);
            }
            Event::CData(t) if target.is_some() => {
                push_text(&mut target, &String::from_utf8_lossy(&t));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let locale = locale.ok_or_else(|| {
        err(
            "no `target-language` on `<file>`: kbgen cannot tell which locale this file is for"
                .into(),
        )
    })?;
    Ok((locale, out))
}

fn push_text(target: &mut Option<(Vec<TargetPiece>, bool)>, s: &str) {
    if let Some((pieces, _)) = target {
        if let Some(TargetPiece::Text(t)) = pieces.last_mut() {
            t.push_str(s);
        } else {
            pieces.push(TargetPiece::Text(s.to_string()));
        }
    }
}
