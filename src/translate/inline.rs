//! Inline Markdown inside a segment as codes a translation tool protects: links,
//! images and emphasis are paired codes around translatable text; code spans,
//! raw HTML and hard breaks are standalone. Each code keeps the exact Markdown it
//! stands for, so the translated text is put back with the source's own markup.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown;
use crate::stamp::blocks::title_span;

/// One piece of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Markdown text as written (escapes included).
    Text(String),
    /// The start of a paired code: its id, kind and opening Markdown (`[`, `**`).
    Open { id: usize, ctype: &'static str },
    /// Its end.
    Close { id: usize },
    /// A standalone code.
    Code { id: usize, ctype: &'static str },
}

/// A segment cut into pieces, with the Markdown of each code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    pub pieces: Vec<Piece>,
    /// Code id -> (opening or whole Markdown, closing Markdown).
    pub markup: BTreeMap<usize, (String, String)>,
    /// Link and image code id -> where its title is written in the markup that
    /// holds it (the closing Markdown, or the whole of a standalone code). Titles
    /// are segments of their own, so they are not part of what must match.
    pub titles: BTreeMap<usize, Range<usize>>,
}

impl Inline {
    /// The link and image targets, for the translator's note.
    pub fn targets(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in &self.pieces {
            if let Piece::Open {
                id,
                ctype: "link" | "image",
            } = p
            {
                out.push(self.destination(*id).to_string());
            }
        }
        out
    }

    /// Where link or image code `id` points, its title left out.
    fn destination(&self, id: usize) -> &str {
        let (open, close) = &self.markup[&id];
        let held = if close.is_empty() { open } else { close };
        let held = match self.titles.get(&id) {
            Some(r) => &held[..r.start.saturating_sub(1)],
            None => held,
        };
        let dest = held.rsplit("](").next().unwrap_or(held);
        dest.trim_end_matches(')').trim_end()
    }

    /// The ids of the codes with a title, in the order they are written: the
    /// n-th is the one whose title is the block's segment `.t<n>`.
    pub fn titled(&self) -> Vec<usize> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Open { id, .. } | Piece::Code { id, .. } if self.titles.contains_key(id) => {
                    Some(*id)
                }
                _ => None,
            })
            .collect()
    }

    /// Gives link or image code `id` the title `title` (Markdown, as a segment
    /// holds it), its delimiter escaped where the text has it bare; a code that
    /// lost its title gets one back.
    pub fn set_title(&mut self, id: usize, title: &str) {
        let Some((open, close)) = self.markup.get_mut(&id) else {
            return;
        };
        let held = if close.is_empty() { open } else { close };
        let (start, end) = match self.titles.get(&id) {
            Some(r) => {
                let quote = held.as_bytes()[r.start - 1] as char;
                let escaped = escape_title(title, quote);
                held.replace_range(r.clone(), &escaped);
                (r.start, r.start + escaped.len())
            }
            // No title left: one in double quotes goes before the closing `)`.
            None => {
                let at = held.len().saturating_sub(1);
                let escaped = escape_title(title, '"');
                held.insert_str(at, &format!(" \"{escaped}\""));
                (at + 2, at + 2 + escaped.len())
            }
        };
        self.titles.insert(id, start..end);
    }

    /// The codes that must come back, each as a key a writer can read:
    /// `link to ../a.md`, `bold`, `code `x``.
    pub fn signature(&self) -> Vec<String> {
        let mut out: Vec<String> = self.markup.keys().map(|id| self.key(*id)).collect();
        out.sort();
        out
    }

    /// One code as a key: what must match between source and translation.
    pub fn key(&self, id: usize) -> String {
        let open = &self.markup[&id].0;
        match self.ctype(id) {
            // Emphasis may be written `*x*` or `_x_`: the kind is what counts.
            c @ ("bold" | "italic") => c.to_string(),
            "x-strike" => "strikethrough".into(),
            c @ ("link" | "image") => format!("{c} to {}", self.destination(id)),
            "lb" => "line break".into(),
            c => format!("{} {open}", c.trim_start_matches("x-")),
        }
    }

    fn ctype(&self, id: usize) -> &'static str {
        self.pieces
            .iter()
            .find_map(|p| match p {
                Piece::Open { id: i, ctype } | Piece::Code { id: i, ctype } if *i == id => {
                    Some(*ctype)
                }
                _ => None,
            })
            .unwrap_or("code")
    }
}

/// `title` with a backslash before each bare `delimiter` (the character that
/// opens the title: `"`, `'` or `(`), so that it cannot end the title early.
pub fn escape_title(title: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(title.len() + 2);
    let mut backslashes = 0;
    for c in title.chars() {
        let ends = match delimiter {
            '(' => matches!(c, '(' | ')'),
            d => c == d,
        };
        if ends && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// The pieces of `text`. Text that does not read as one paragraph on its own
/// (`1. x` would be a list) is one text piece: nothing in it is protected.
pub fn parse(text: &str) -> Inline {
    // Most segments hold no Markdown at all: no parser needed to say so.
    let plain = !text.contains(['[', ']', '*', '_', '`', '<', '\\', '!', '~', '&', '\n', '^'])
        && !text.starts_with(|c: char| {
            c.is_ascii_digit() || matches!(c, '#' | '-' | '+' | '>' | '|' | '=' | ' ')
        });
    let plain_text = || Inline {
        pieces: vec![Piece::Text(text.to_string())],
        ..Inline::default()
    };
    if plain {
        return plain_text();
    }
    try_parse(text).unwrap_or_else(plain_text)
}

fn try_parse(text: &str) -> Option<Inline> {
    let mut out = Inline::default();
    let mut cursor = 0usize;
    let mut next_id = 1usize;
    // (id, end of the element, opening still pending from this offset, title)
    let mut stack: Vec<(usize, usize, Option<usize>, String)> = Vec::new();
    let mut paragraphs = 0;
    let push_text = |out: &mut Inline, s: &str| {
        if s.is_empty() {
            return;
        }
        if let Some(Piece::Text(t)) = out.pieces.last_mut() {
            t.push_str(s);
        } else {
            out.pieces.push(Piece::Text(s.to_string()));
        }
    };
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        // A pending opening ends where the first thing inside it starts.
        if !matches!(event, Event::End(_))
            && let Some((id, _, pending, _)) = stack.last_mut()
            && let Some(start) = pending.take()
        {
            out.markup
                .insert(*id, (text[start..range.start].to_string(), String::new()));
            cursor = range.start;
        }
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return None;
                }
                cursor = range.start;
                push_text(&mut out, &text[..range.start]);
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(tag) => {
                let (ctype, title) = match tag {
                    Tag::Emphasis => ("italic", None),
                    Tag::Strong => ("bold", None),
                    Tag::Strikethrough => ("x-strike", None),
                    Tag::Link {
                        link_type, title, ..
                    } => ("link", (link_type == LinkType::Inline).then_some(title)),
                    Tag::Image {
                        link_type, title, ..
                    } => ("image", (link_type == LinkType::Inline).then_some(title)),
                    _ => return None,
                };
                let title = title.map(|t| t.to_string()).unwrap_or_default();
                push_text(&mut out, &text[cursor..range.start]);
                let id = next_id;
                next_id += 1;
                out.pieces.push(Piece::Open { id, ctype });
                stack.push((id, range.end, Some(range.start), title));
                cursor = range.start;
            }
            Event::End(_) => {
                let (id, end, pending, title) = stack.pop()?;
                let held = if let Some(start) = pending {
                    // Nothing inside: the whole element is one standalone code.
                    let Some(Piece::Open { ctype, .. }) = out.pieces.pop() else {
                        return None;
                    };
                    out.pieces.push(Piece::Code { id, ctype });
                    out.markup
                        .insert(id, (text[start..end].to_string(), String::new()));
                    &out.markup[&id].0
                } else {
                    // Everything read so far is inside; what is left up to
                    // the element's end is its closing Markdown (`](url)`, `**`).
                    out.markup.get_mut(&id)?.1 = text[cursor..end].to_string();
                    out.pieces.push(Piece::Close { id });
                    &out.markup[&id].1
                };
                if !title.is_empty()
                    && let Some(r) = title_span(held, &title)
                {
                    out.titles.insert(id, r);
                }
                cursor = end;
            }
            Event::Text(_) | Event::SoftBreak => {
                push_text(&mut out, &text[cursor..range.end]);
                cursor = range.end;
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::HardBreak
            | Event::FootnoteReference(_) => {
                let ctype = match event {
                    Event::Code(_) => "x-code",
                    Event::InlineHtml(_) => "x-html",
                    Event::HardBreak => "lb",
                    _ => "x-footnote",
                };
                push_text(&mut out, &text[cursor..range.start]);
                let id = next_id;
                next_id += 1;
                out.pieces.push(Piece::Code { id, ctype });
                out.markup
                    .insert(id, (text[range.clone()].to_string(), String::new()));
                cursor = range.end;
            }
            _ => return None,
        }
    }
    if !stack.is_empty() {
        return None;
    }
    push_text(&mut out, &text[cursor.min(text.len())..]);
    (render(&out) == text).then_some(out)
}

/// The Markdown of `inline`: the inverse of [`parse`].
pub fn render(inline: &Inline) -> String {
    let mut out = String::new();
    for p in &inline.pieces {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Open { id, .. } | Piece::Code { id, .. } => out.push_str(&inline.markup[id].0),
            Piece::Close { id } => out.push_str(&inline.markup[id].1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_emphasis_are_paired_codes_that_render_back() {
        let text = "See **Orders** and [Refunds](../payments/refunds.md) or `kbgen`.";
        let i = parse(text);
        assert_eq!(render(&i), text);
        assert_eq!(
            i.pieces,
            vec![
                Piece::Text("See ".into()),
                Piece::Open {
                    id: 1,
                    ctype: "bold"
                },
                Piece::Text("Orders".into()),
                Piece::Close { id: 1 },
                Piece::Text(" and ".into()),
                Piece::Open {
                    id: 2,
                    ctype: "link"
                },
                Piece::Text("Refunds".into()),
                Piece::Close { id: 2 },
                Piece::Text(" or ".into()),
                Piece::Code {
                    id: 3,
                    ctype: "x-code"
                },
                Piece::Text(".".into()),
            ]
        );
        assert_eq!(
            i.markup[&2],
            ("[".to_string(), "](../payments/refunds.md)".to_string())
        );
        assert_eq!(i.targets(), vec!["../payments/refunds.md".to_string()]);
        assert_eq!(i.key(2), "link to ../payments/refunds.md");
    }

    #[test]
    fn a_title_is_not_part_of_its_code_and_is_written_back_escaped() {
        let text = "Read [the rules](../a.md 'Rules') and ![](x.png \"A \\\"b\\\"\").";
        let mut i = parse(text);
        assert_eq!(i.key(1), "link to ../a.md");
        assert_eq!(i.key(2), "image to x.png");
        assert_eq!(i.targets(), vec!["../a.md".to_string()]);
        assert_eq!(i.titled(), vec![1, 2]);
        let (close, r) = (&i.markup[&1].1, i.titles[&1].clone());
        assert_eq!(&close[r], "Rules");
        i.set_title(1, "Le regole d'oro");
        i.set_title(2, "Un \"b\"");
        assert_eq!(
            render(&i),
            "Read [the rules](../a.md 'Le regole d\\'oro') and ![](x.png \"Un \\\"b\\\"\")."
        );
        // A code whose title went missing gets one back.
        let mut bare = parse("See [x](a.md).");
        bare.set_title(1, "T");
        assert_eq!(render(&bare), "See [x](a.md \"T\").");
    }

    #[test]
    fn text_that_is_not_one_paragraph_is_plain() {
        let i = parse("1. not a list here");
        assert_eq!(i.pieces, vec![Piece::Text("1. not a list here".into())]);
    }
}
