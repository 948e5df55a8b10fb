//! Heading ids. Every walk over a page's events names its headings with
//! [`HeadingIds`], so that a heading has one id in the HTML, the search
//! sections, the stamps and the translation exchange.

use std::collections::HashSet;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// A heading, named at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub level: HeadingLevel,
    pub id: String,
    /// Its text and code spans, trimmed: what the id is made from.
    pub text: String,
    /// Whether the page wrote `{#id}`.
    pub explicit: bool,
}

/// Follows a page's events in order and names each heading as it ends.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
    /// The open heading's level, explicit id and text so far.
    open: Option<(HeadingLevel, Option<String>, String)>,
}

impl HeadingIds {
    /// Follows one event. At a heading's end, returns it with its id.
    pub fn event(&mut self, event: &Event<'_>) -> Option<Named> {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.open = Some((*level, id.as_ref().map(|i| i.to_string()), String::new()));
                None
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = &mut self.open {
                    text.push_str(t);
                }
                None
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, explicit, text) = self.open.take()?;
                let text = text.trim().to_string();
                let id = self.id(explicit.as_deref(), &text);
                Some(Named {
                    level,
                    id,
                    text,
                    explicit: explicit.is_some(),
                })
            }
            _ => None,
        }
    }

    /// Whether the events go by inside a heading.
    pub fn in_heading(&self) -> bool {
        self.open.is_some()
    }

    /// An explicit `{#id}` wins; otherwise a slug of the text, made unique on
    /// the page.
    fn id(&mut self, explicit: Option<&str>, text: &str) -> String {
        let chosen = match explicit {
            Some(explicit) => explicit.to_string(),
            None => {
                let base = slugify(text);
                let mut candidate = base.clone();
                let mut n = 1;
                while self.used.contains(&candidate) {
                    n += 1;
                    candidate = format!("{base}-{n}");
                }
                candidate
            }
        };
        self.used.insert(chosen.clone());
        chosen
    }
}

/// An id for any script: lowercase letters and digits of every alphabet (Chinese
/// included), other characters collapsed to single dashes.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}
