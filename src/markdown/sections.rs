//! Search sections: a page's text cut at its h2 and h3 headings.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{heading_id, options};
use crate::load::SourcePage;
use crate::media;

/// A part of a page for search: the intro (no heading) or an h2/h3 section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's id; `None` for the text before the first heading.
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
}

/// The page's text cut at its h2 and h3 headings, with the same ids as [`super::parse`]
/// gives them. Raw HTML is left out.
pub fn sections(page: &SourcePage) -> Vec<Section> {
    let mut used = HashSet::new();
    let mut out = vec![Section::default()];
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    for event in Parser::new_ext(page.body(), options()) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level, id.map(|i| i.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let text = text.trim().to_string();
                    let id = heading_id(explicit.as_deref(), &text, &mut used);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        out.push(Section {
                            id: Some(id),
                            heading: text,
                            text: String::new(),
                        });
                    } else if let Some(last) = out.last_mut() {
                        last.text.push_str(&text);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut heading {
                Some((_, _, h)) => h.push_str(&t),
                None => {
                    if let Some(last) = out.last_mut() {
                        last.text.push_str(&t);
                    }
                }
            },
            // The alt text of a raw HTML image is text of its section, as a
            // Markdown image's is; the rest of the HTML (file names too) is not.
            Event::Html(h) | Event::InlineHtml(h) if heading.is_none() => {
                if let Some(last) = out.last_mut() {
                    media::html::alt_texts(&h, &mut last.text);
                }
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                if heading.is_none()
                    && let Some(last) = out.last_mut()
                    && !last.text.ends_with(' ')
                    && !last.text.is_empty()
                {
                    last.text.push(' ');
                }
            }
            _ => {}
        }
    }
    if out.len() > 1 && out[0].text.trim().is_empty() {
        out.remove(0);
    }
    for s in &mut out {
        s.text.truncate(s.text.trim_end().len());
    }
    out
}
