//! Search sections: a page's text cut at its h2 and h3 headings.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::{HeadingIds, options};
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
    ids: HeadingIds,
    out: Vec<Section>,
    /// Where the text of the open link to a page of the site starts.
    link: Option<usize>,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            ids: HeadingIds::default(),
            out: vec![Section::default()],
            link: None,
        }
    }
}

impl Sections {
    pub fn event(&mut self, event: &Event<'_>) {
        if let Some(heading) = self.ids.event(event) {
            if matches!(heading.level, HeadingLevel::H2 | HeadingLevel::H3) {
                self.out.push(Section {
                    id: Some(heading.id),
                    heading: heading.text,
                    ..Section::default()
                });
            } else if let Some(last) = self.out.last_mut() {
                last.text.push_str(&heading.text);
            }
            return;
        }
        let in_heading = self.ids.in_heading();
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if !in_heading && is_internal(dest_url) => {
                self.link = self.out.last().map(|s| s.text.len());
            }
            Event::End(TagEnd::Link) => {
                if let (Some(start), Some(last)) = (self.link.take(), self.out.last_mut())
                    && last.text.len() > start
                {
                    last.links.push(start..last.text.len());
                }
            }
            Event::Text(t) | Event::Code(t) if !in_heading => {
                if let Some(last) = self.out.last_mut() {
                    last.text.push_str(t);
                }
            }
            // The alt text of a raw HTML image is text of its section, as a
            // Markdown image's is; the rest of the HTML (file names too) is not.
            Event::Html(h) | Event::InlineHtml(h) if !in_heading => {
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
                if !in_heading
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
