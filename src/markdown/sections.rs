//! Search sections: a page's text cut at its h2 and h3 headings.

use std::collections::HashSet;
use std::ops::Range;

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
    /// Byte ranges of `text` that are the text of links to pages of the site: they
    /// name another page ("see [How refunds work](refunds.md)") more than they say
    /// what this section is about.
    pub links: Vec<Range<usize>>,
}

/// The page's text cut at its h2 and h3 headings, with the same ids as [`super::parse`]
/// gives them. Raw HTML is left out.
pub fn sections(page: &SourcePage) -> Vec<Section> {
    let mut used = HashSet::new();
    let mut out = vec![Section::default()];
    let mut heading: Option<(HeadingLevel, Option<String>, String)> = None;
    // Where the text of the open link to a page of the site starts.
    let mut link: Option<usize> = None;
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
                            ..Section::default()
                        });
                    } else if let Some(last) = out.last_mut() {
                        last.text.push_str(&text);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if heading.is_none() && is_internal(&dest_url) =>
            {
                link = out.last().map(|s| s.text.len());
            }
            Event::End(TagEnd::Link) => {
                if let (Some(start), Some(last)) = (link.take(), out.last_mut())
                    && last.text.len() > start
                {
                    last.links.push(start..last.text.len());
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
        let end = s.text.len();
        s.links.retain_mut(|r| {
            r.end = r.end.min(end);
            r.start < r.end
        });
    }
    out
}

/// A link to a page or section of this site: no scheme (`https:`, `mailto:`).
fn is_internal(dest: &str) -> bool {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !scheme && !dest.starts_with("//")
}
