//! Segments: the pieces of a page a translator translates, one per title,
//! description, tag, heading, paragraph, list item, table cell, image alt text
//! and link or image title (`[text](url "Title")`), each with where it sits in the body so that import can put the
//! translation back into the source's own structure. Stamps hash them per block
//! (`source_blocks:`), and the translation exchange sends them to translators.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};

use crate::load::SourcePage;
use crate::markdown;

/// What a segment is. Its letter starts the segment's entry in `source_blocks:`,
/// so that a translation is paired with its source only block for like block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Title,
    Description,
    Tag,
    Heading,
    Paragraph,
    Item,
    Cell,
    Alt,
    /// The title of an inline link or image: inside its block's range, and
    /// protected there, so that it is translated on its own.
    LinkTitle,
}

impl Kind {
    pub fn letter(self) -> char {
        match self {
            Kind::Title => 't',
            Kind::Description => 'd',
            Kind::Tag => 'g',
            Kind::Heading => 'h',
            Kind::Paragraph => 'p',
            Kind::Item => 'i',
            Kind::Cell => 'c',
            Kind::Alt => 'a',
            Kind::LinkTitle => 'l',
        }
    }

    /// How `kbgen check` names it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::Description => "description",
            Kind::Tag => "tag",
            Kind::Heading => "heading",
            Kind::Paragraph => "paragraph",
            Kind::Item => "list item",
            Kind::Cell => "table cell",
            Kind::Alt => "image alt text",
            Kind::LinkTitle => "link title",
        }
    }
}

/// One translatable piece of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Where it sits: `title`, `description`, `tags.0`, or `b` and the index of
    /// each block on the way down (`b3.1` is the second item of the fourth block).
    pub path: String,
    pub kind: Kind,
    /// The Markdown as written, continuation-line prefixes (`> `, indentation)
    /// removed.
    pub text: String,
    /// Bytes of the body it replaces; `None` for front matter.
    pub range: Option<Range<usize>>,
    /// What starts each continuation line inside `range` (`> ` in a quote).
    pub prefix: String,
    /// The id of the section it is in (`_title`, `_intro` or a heading id), as in
    /// `source_sections:`.
    pub section: String,
    /// The headings above it, outermost first: context for the translator.
    pub headings: Vec<String>,
    /// For headings: the id readers link to, explicit (`{#id}`) or made from the text.
    pub heading_id: Option<String>,
    /// For headings: whether the source wrote `{#id}`.
    pub explicit_id: bool,
}

impl Segment {
    /// Eight characters: the kind's letter and seven of the text's hash.
    pub fn block_hash(&self) -> String {
        let h = blake3::hash(normalize(&self.text).as_bytes()).to_hex();
        format!("{}{}", self.kind.letter(), &h[..7])
    }

    /// The text with the continuation prefixes put back, for the body.
    pub fn to_body(text: &str, prefix: &str) -> String {
        if prefix.is_empty() {
            text.to_string()
        } else {
            text.replace('\n', &format!("\n{prefix}"))
        }
    }
}

fn normalize(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

/// The segments of `page`, in source order: [`super::outline`] without the
/// section hashes, for callers that only compare segments.
pub fn segments(page: &SourcePage) -> Vec<Segment> {
    let mut out = front_segments(page);
    body_segments(page.body(), &mut out);
    out
}

/// The segments of `page`'s front matter: its title, description and tags.
pub(super) fn front_segments(page: &SourcePage) -> Vec<Segment> {
    let mut out = Vec::new();
    let front = |path: String, kind, text: &str| Segment {
        path,
        kind,
        text: text.to_string(),
        range: None,
        prefix: String::new(),
        section: super::TITLE.to_string(),
        headings: Vec::new(),
        heading_id: None,
        explicit_id: false,
    };
    if let Some(t) = page.front.title.as_deref().filter(|t| !t.trim().is_empty()) {
        out.push(front("title".into(), Kind::Title, t));
    }
    if let Some(d) = page
        .front
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        out.push(front("description".into(), Kind::Description, d));
    }
    for (i, tag) in page.front.tags.iter().enumerate() {
        if !tag.trim().is_empty() {
            out.push(front(format!("tags.{i}"), Kind::Tag, tag));
        }
    }
    out
}

/// A leaf block being read.
struct Open {
    path: String,
    kind: Kind,
    start: Option<usize>,
    end: usize,
    prefix: Option<String>,
    after_break: Option<usize>,
    /// Top-level inline pieces, and the alt range when the one piece is an image.
    pieces: usize,
    alt: Option<Range<usize>>,
    /// Where the titles of its inline links and images are written.
    titles: Vec<Range<usize>>,
}

/// Appends the segments of `body` to `out`, and returns where each heading
/// starts, with its id: the sections of [`super::outline`].
pub(super) fn body_segments(body: &str, out: &mut Vec<Segment>) -> Vec<(usize, String)> {
    let mut counters: Vec<usize> = vec![0];
    let mut path: Vec<usize> = Vec::new();
    let mut open: Option<Open> = None;
    let mut inline_depth = 0usize;
    // The alt text's bytes inside an image being read: (first start, last end).
    let mut image_inner: Option<(usize, usize)> = None;
    let mut section = super::INTRO.to_string();
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut ids = markdown::HeadingIds::default();
    let mut heading_start = 0;
    let mut starts = Vec::new();
    let path_text = |path: &[usize]| {
        let parts: Vec<String> = path.iter().map(ToString::to_string).collect();
        format!("b{}", parts.join("."))
    };
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        let named = ids.event(&event);
        let inline_start = match &event {
            Event::Start(t) => is_inline(t),
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_)
            | Event::InlineMath(_) => true,
            _ => false,
        };
        if inline_start {
            if inline_depth == 0 {
                if let Some(o) = &mut open {
                    if o.start.is_none() {
                        o.start = Some(range.start);
                    }
                    if let Some(b) = o.after_break.take()
                        && o.prefix.is_none()
                    {
                        o.prefix = Some(body[b..range.start].to_string());
                    }
                    o.end = o.end.max(range.end);
                    if matches!(event, Event::SoftBreak | Event::HardBreak) {
                        o.after_break = Some(range.end);
                    } else {
                        o.pieces += 1;
                    }
                    if matches!(event, Event::Start(Tag::Image { .. })) {
                        image_inner = Some((usize::MAX, 0));
                    }
                }
                if let Some(o) = &mut open
                    && let Event::Start(
                        Tag::Link {
                            link_type: LinkType::Inline,
                            title,
                            ..
                        }
                        | Tag::Image {
                            link_type: LinkType::Inline,
                            title,
                            ..
                        },
                    ) = &event
                    && !title.is_empty()
                    && let Some(r) = title_span(&body[range.clone()], title)
                {
                    o.titles.push(range.start + r.start..range.start + r.end);
                }
            } else if let Some((start, end)) = &mut image_inner {
                *start = (*start).min(range.start);
                *end = (*end).max(range.end);
            }
            if matches!(event, Event::Start(_)) {
                inline_depth += 1;
            }
            continue;
        }
        match event {
            Event::End(t) if is_inline_end(&t) => {
                inline_depth = inline_depth.saturating_sub(1);
                if inline_depth == 0
                    && matches!(t, TagEnd::Image)
                    && let Some((start, end)) = image_inner.take()
                    && let Some(o) = &mut open
                    && o.pieces == 1
                {
                    o.alt = Some(if start <= end { start..end } else { 0..0 });
                }
            }
            Event::Start(tag) => {
                if let Some(o) = open.take() {
                    close(body, o, &section, &headings, None, out);
                }
                if matches!(tag, Tag::Heading { .. }) {
                    heading_start = range.start;
                }
                let index = counters.last().copied().unwrap_or(0);
                if let Some(c) = counters.last_mut() {
                    *c += 1;
                }
                path.push(index);
                counters.push(0);
                let kind = match &tag {
                    Tag::Paragraph => Some(Kind::Paragraph),
                    Tag::Heading { .. } => Some(Kind::Heading),
                    Tag::Item => Some(Kind::Item),
                    Tag::TableCell => Some(Kind::Cell),
                    _ => None,
                };
                if let Some(kind) = kind {
                    open = Some(Open {
                        path: path_text(&path),
                        kind,
                        start: None,
                        end: 0,
                        prefix: None,
                        after_break: None,
                        pieces: 0,
                        alt: None,
                        titles: Vec::new(),
                    });
                }
            }
            Event::End(_) => {
                if let Some(heading) = &named {
                    section = heading.id.clone();
                    starts.push((heading_start, heading.id.clone()));
                    headings.retain(|(l, _)| *l < heading.level);
                    headings.push((heading.level, heading.text.clone()));
                }
                if let Some(o) = open.take() {
                    close(body, o, &section, &headings, named.as_ref(), out);
                }
                path.pop();
                counters.pop();
            }
            Event::Rule | Event::Html(_) | Event::DisplayMath(_) | Event::TaskListMarker(_) => {
                if let Some(c) = counters.last_mut()
                    && !matches!(event, Event::Html(_) | Event::TaskListMarker(_))
                {
                    *c += 1;
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open.take() {
        close(body, o, &section, &headings, None, out);
    }
    starts
}

fn close(
    body: &str,
    o: Open,
    section: &str,
    headings: &[(HeadingLevel, String)],
    heading: Option<&markdown::Named>,
    out: &mut Vec<Segment>,
) {
    let Some(start) = o.start else { return };
    let (kind, range) = match o.alt {
        Some(alt) if body[start..o.end].trim_start().starts_with("![") => (Kind::Alt, alt),
        _ => (o.kind, start..o.end),
    };
    let raw = &body[range.clone()];
    if raw.trim().is_empty() {
        return;
    }
    let prefix = o.prefix.unwrap_or_default();
    let text = if prefix.is_empty() {
        raw.to_string()
    } else {
        raw.replace(&format!("\n{prefix}"), "\n")
    };
    let is_heading = heading.is_some();
    let mut headings: Vec<String> = headings.iter().map(|(_, t)| t.clone()).collect();
    if is_heading {
        headings.pop();
    }
    let titles = o.titles.into_iter().enumerate().map(|(n, r)| Segment {
        path: format!("{}.t{n}", o.path),
        kind: Kind::LinkTitle,
        text: body[r.clone()].to_string(),
        range: Some(r),
        prefix: String::new(),
        section: section.to_string(),
        headings: headings.clone(),
        heading_id: None,
        explicit_id: false,
    });
    let titles: Vec<Segment> = titles.collect();
    out.push(Segment {
        path: o.path,
        kind,
        text,
        range: Some(range),
        prefix,
        section: section.to_string(),
        headings,
        heading_id: heading.map(|h| h.id.clone()),
        explicit_id: heading.is_some_and(|h| h.explicit),
    });
    out.extend(titles);
}

/// Where the title of an inline link or image is written in its Markdown
/// (`[text](url "Title")`, `'Title'` or `(Title)`): the bytes between the
/// delimiters, when they read back as `title` once escapes are taken out and
/// stay on one line. Anything else (entities, a title over two lines) is left
/// inside its code, untranslated rather than put back wrong.
pub fn title_span(element: &str, title: &str) -> Option<Range<usize>> {
    let inner = element.strip_suffix(')')?.trim_end();
    let open = match inner.as_bytes().last()? {
        b'"' => b'"',
        b'\'' => b'\'',
        b')' => b'(',
        _ => return None,
    };
    let bytes = inner.as_bytes();
    let end = inner.len() - 1;
    let escaped = |i: usize| bytes[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 1;
    let start = (0..end).rev().find(|&i| bytes[i] == open && !escaped(i))? + 1;
    let raw = &inner[start..end];
    let mut unescaped = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '\\' && n.is_ascii_punctuation() => {
                unescaped.push(n);
                chars.next();
            }
            _ => unescaped.push(c),
        }
    }
    (!raw.contains('\n') && unescaped == title).then_some(start..end)
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// The segments' block hashes, space-separated: the value of `source_blocks:`.
pub fn block_hashes(segments: &[Segment]) -> String {
    let all: Vec<String> = segments.iter().map(Segment::block_hash).collect();
    all.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tests_support::article as page;

    fn listed(s: &[Segment]) -> Vec<(&str, Kind, &str)> {
        s.iter()
            .map(|s| (s.path.as_str(), s.kind, s.text.as_str()))
            .collect()
    }

    #[test]
    fn every_block_kind_is_a_segment_and_code_is_not() {
        let p = page(
            "---\ntitle: T\ndescription: D\ntags: [x, y]\n---\nIntro *para*.\n\n## Head {#h}\n\n- one\n- two [link](a.md)\n\n> quoted\n> on two lines\n\n| a | b |\n|---|---|\n| c | d |\n\n![Alt text](img.png)\n\n```\ncode\n```\n",
        );
        let s = segments(&p);
        assert_eq!(
            listed(&s),
            vec![
                ("title", Kind::Title, "T"),
                ("description", Kind::Description, "D"),
                ("tags.0", Kind::Tag, "x"),
                ("tags.1", Kind::Tag, "y"),
                ("b0", Kind::Paragraph, "Intro *para*."),
                ("b1", Kind::Heading, "Head"),
                ("b2.0", Kind::Item, "one"),
                ("b2.1", Kind::Item, "two [link](a.md)"),
                ("b3.0", Kind::Paragraph, "quoted\non two lines"),
                ("b4.0.0", Kind::Cell, "a"),
                ("b4.0.1", Kind::Cell, "b"),
                ("b4.1.0", Kind::Cell, "c"),
                ("b4.1.1", Kind::Cell, "d"),
                ("b5", Kind::Alt, "Alt text"),
            ]
        );
        assert_eq!(s[5].heading_id.as_deref(), Some("h"));
        assert!(s[5].explicit_id);
        assert_eq!(s[6].headings, vec!["Head".to_string()]);
        assert_eq!(s[8].prefix, "> ");
        // Every body segment's range holds its text, prefixes put back.
        for seg in &s[4..] {
            let r = seg.range.clone().unwrap();
            assert_eq!(&p.body()[r], Segment::to_body(&seg.text, &seg.prefix));
        }
    }

    #[test]
    fn link_and_image_titles_are_segments_after_their_block() {
        let p = page(
            "---\ntitle: T\n---\nSee [a](a.md \"Title \\\"one\\\"\") and [b](b.md).\n\n![Alt](i.png 'Pic')\n\n[c][r]\n\n[r]: c.md \"Not here\"\n",
        );
        let s = segments(&p);
        assert_eq!(
            listed(&s),
            vec![
                ("title", Kind::Title, "T"),
                (
                    "b0",
                    Kind::Paragraph,
                    "See [a](a.md \"Title \\\"one\\\"\") and [b](b.md)."
                ),
                ("b0.t0", Kind::LinkTitle, "Title \\\"one\\\""),
                ("b1", Kind::Alt, "Alt"),
                ("b1.t0", Kind::LinkTitle, "Pic"),
                ("b2", Kind::Paragraph, "[c][r]"),
            ]
        );
        for seg in &s[1..] {
            assert_eq!(&p.body()[seg.range.clone().unwrap()], seg.text);
        }
    }
}
