//! Inline Markdown inside a segment as codes a translation tool protects: links,
//! images and emphasis are paired codes around translatable text; code spans,
//! raw HTML and hard breaks are standalone. Each code keeps the exact Markdown it
//! stands for, so the translated text is put back with the source's own markup.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;

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
                let close = &self.markup[id].1;
                out.push(
                    close
                        .trim_start_matches("](")
                        .trim_end_matches(')')
                        .to_string(),
                );
            }
        }
        out
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
        let (open, close) = &self.markup[&id];
        match self.ctype(id) {
            // Emphasis may be written `*x*` or `_x_`: the kind is what counts.
            c @ ("bold" | "italic") => c.to_string(),
            "x-strike" => "strikethrough".into(),
            c @ ("link" | "image") => {
                let dest = if close.is_empty() { open } else { close };
                let dest = dest.rsplit("](").next().unwrap_or(dest);
                format!("{c} to {}", dest.trim_end_matches(')'))
            }
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

/// The pieces of `text`. Text that does not read as one paragraph on its own
/// (`1. x` would be a list) is one text piece: nothing in it is protected.
pub fn parse(text: &str) -> Inline {
    // Most segments hold no Markdown at all: no parser needed to say so.
    let plain = !text.contains(['[', ']', '*', '_', '`', '<', '\\', '!', '~', '&', '\n', '^'])
        && !text.starts_with(|c: char| {
            c.is_ascii_digit() || matches!(c, '#' | '-' | '+' | '>' | '|' | '=' | ' ')
        });
    if plain {
        return Inline {
            pieces: vec![Piece::Text(text.to_string())],
            markup: BTreeMap::new(),
        };
    }
    try_parse(text).unwrap_or_else(|| Inline {
        pieces: vec![Piece::Text(text.to_string())],
        markup: BTreeMap::new(),
    })
}

fn try_parse(text: &str) -> Option<Inline> {
    let mut out = Inline::default();
    let mut cursor = 0usize;
    let mut next_id = 1usize;
    // (id, end of the element, opening still pending from this offset)
    let mut stack: Vec<(usize, usize, Option<usize>)> = Vec::new();
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
            && let Some((id, _, pending)) = stack.last_mut()
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
                let ctype = match tag {
                    Tag::Emphasis => "italic",
                    Tag::Strong => "bold",
                    Tag::Strikethrough => "x-strike",
                    Tag::Link { .. } => "link",
                    Tag::Image { .. } => "image",
                    _ => return None,
                };
                push_text(&mut out, &text[cursor..range.start]);
                let id = next_id;
                next_id += 1;
                out.pieces.push(Piece::Open { id, ctype });
                stack.push((id, range.end, Some(range.start)));
                cursor = range.start;
            }
            Event::End(_) => {
                let (id, end, pending) = stack.pop()?;
                if let Some(start) = pending {
                    // Nothing inside: the whole element is one standalone code.
                    let Some(Piece::Open { ctype, .. }) = out.pieces.pop() else {
                        return None;
                    };
                    out.pieces.push(Piece::Code { id, ctype });
                    out.markup
                        .insert(id, (text[start..end].to_string(), String::new()));
                } else {
                    // Everything read so far is inside; what is left up to
                    // the element's end is its closing Markdown (`](url)`, `**`).
                    out.markup.get_mut(&id)?.1 = text[cursor..end].to_string();
                    out.pieces.push(Piece::Close { id });
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
    fn text_that_is_not_one_paragraph_is_plain() {
        let i = parse("1. not a list here");
        assert_eq!(i.pieces, vec![Piece::Text("1. not a list here".into())]);
    }
}
