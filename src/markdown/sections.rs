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
/// gives them. Raw HTML is left out. The render collects the same with
/// [`Sections`] from its own parse; this is for a page that is not rendered.
pub fn sections(page: &SourcePage) -> Vec<Section> {
    let mut sections = Sections::default();
    for event in Parser::new_ext(page.body(), options()) {
        sections.event(&event);
    }
    sections.finish()
}

/// Cuts a page into [`Section`]s from the events of a parse of its body, in order.
pub struct Sections {
    used: HashSet<String>,
    out: Vec<Section>,
    heading: Option<(HeadingLevel, Option<String>, String)>,
    /// Where the text of the open link to a page of the site starts.
    link: Option<usize>,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            used: HashSet::new(),
            out: vec![Section::default()],
            heading: None,
            link: None,
        }
    }
}

impl Sections {
    pub fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some((*level, id.as_ref().map(|i| i.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = self.heading.take() {
                    let text = text.trim().to_string();
                    let id = heading_id(explicit.as_deref(), &text, &mut self.used);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        self.out.push(Section {
                            id: Some(id),
                            heading: text,
                            ..Section::default()
                        });
                    } else if let Some(last) = self.out.last_mut() {
                        last.text.push_str(&text);
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if self.heading.is_none() && is_internal(dest_url) =>
            {
                self.link = self.out.last().map(|s| s.text.len());
            }
            Event::End(TagEnd::Link) => {
                if let (Some(start), Some(last)) = (self.link.take(), self.out.last_mut())
                    && last.text.len() > start
                {
                    last.links.push(start..last.text.len());
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut self.heading {
                Some((_, _, h)) => h.push_str(t),
                None => {
                    if let Some(last) = self.out.last_mut() {
                        last.text.push_str(t);
                    }
                }
            },
            // The alt text of a raw HTML image is text of its section, as a
            // Markdown image's is; the rest of the HTML (file names too) is not.
            Event::Html(h) | Event::InlineHtml(h) if self.heading.is_none() => {
                if let Some(last) = self.out.last_mut() {
                    media::html::alt_texts(h, &mut last.text);
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
                if self.heading.is_none()
                    && let Some(last) = self.out.last_mut()
                    && !last.text.ends_with(' ')
                    && !last.text.is_empty()
                {
                    last.text.push(' ');
                }
            }
            _ => {}
        }
    }

    pub fn finish(self) -> Vec<Section> {
        let mut out = self.out;
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
