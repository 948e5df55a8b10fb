//! Parse: Markdown to HTML, with heading ids and internal links resolved.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::contact::facts::PLACEHOLDER as CHANNELS_DIRECTIVE;
use crate::diagnostic::{Diagnostic, line_col};
use crate::load::{Kind, SourcePage};
use crate::media::{self, Catalog, html::ImageWriter};
use crate::sanitize::{CHANNELS_MARKER, HtmlPolicy, is_plain_url};

mod headings;
mod links;
mod sections;
pub use headings::{HeadingIds, Named, slugify};
use links::Links;
use sections::Sections;
pub use sections::{Section, sections};

/// A heading with the id it got in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// An anchor that can only be checked once every page is parsed.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// The page key the link goes to.
    pub key: String,
    pub anchor: String,
    /// Byte offset of the link in the page body; see [`position`].
    pub offset: usize,
    pub href: String,
}

/// A link left as written (external, root-relative, not a page), for `kbgen check`.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub href: String,
    /// Byte offset of the link in the page body; see [`position`].
    pub offset: usize,
}

/// An image, for `kbgen check`: does it exist, does it have alt text.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
    /// Byte offset of the image in the page body; see [`position`].
    pub offset: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchors: Vec<AnchorRef>,
    pub errors: Vec<Diagnostic>,
    pub links: Vec<LinkRef>,
    pub images: Vec<ImageRef>,
    /// Byte offsets of `<!-- kbgen:contact-channels -->` lines in the page body.
    pub channel_tables: Vec<usize>,
    /// Media files the page links, as ids of the [`Catalog`]: what to publish.
    pub media: Vec<usize>,
    /// Links to files that are missing, symbolic links or too large.
    pub media_errors: Vec<Diagnostic>,
    /// The page cut into search sections, when asked for: see [`Sections`].
    pub sections: Option<Vec<Section>>,
}

/// How deep lists, quotes and HTML elements may nest. Browsers stop at 512 (Blink's
/// parser limit), so deeper content cannot be shown as written; and sanitizing it
/// takes time quadratic in its depth, which a hostile page could use to stall a build.
pub const MAX_DEPTH: usize = 512;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_FOOTNOTES
}

/// Renders `page`'s body with the default HTML policy and no media files; see
/// [`parse_with`].
pub fn parse<'u>(page: &SourcePage, key: &str, url_of: &dyn Fn(&str) -> Option<&'u str>) -> Parsed {
    let none = Catalog::default();
    let media = media::Shown {
        catalog: &none,
        locale: page.locale,
    };
    parse_with(page, key, url_of, &HtmlPolicy::default(), media, false)
}

/// Renders `page`'s body. `key` is the page key the body is shown under and
/// `url_of` maps a page key to its URL in the locale being rendered; `media` finds
/// the files beside the pages in that locale. Raw HTML and links with unusual
/// schemes send the page's HTML through `policy`. With `sections`, the same parse
/// also cuts the page into search sections.
pub fn parse_with<'u>(
    page: &SourcePage,
    key: &str,
    url_of: &dyn Fn(&str) -> Option<&'u str>,
    policy: &HtmlPolicy,
    media: media::Shown<'_>,
    sections: bool,
) -> Parsed {
    let body = page.body();
    let dir: Vec<&str> = match &page.kind {
        Kind::Home => Vec::new(),
        Kind::Category { category } | Kind::Article { category, .. } => vec![category.as_str()],
    };
    let cx = Links {
        page,
        key,
        dir: &dir,
        url_of,
        media,
    };
    let mut images = ImageWriter::default();
    let mut out = Parsed::default();
    let mut ids = HeadingIds::default();
    let mut pending: VecDeque<Event<'_>> = VecDeque::new();
    // Where the open heading's start waits in `pending` for its id.
    let mut open_heading: Option<usize> = None;
    // Images nest (`![a ![b](c)](d)`): the alt text goes to the innermost one open.
    let mut open_images: Vec<usize> = Vec::new();
    let mut unsafe_html = false;
    let mut depth = 0usize;
    let mut html_depth = 0usize;
    let mut too_deep = false;
    let mut cut = sections.then(Sections::default);

    let mut parser = Parser::new_ext(body, options()).into_offset_iter();
    // Events stream into the HTML writer; only a heading's are held back until its
    // text is known and it can get its id, so memory does not grow with a list of
    // every event of the page (a 50 MB page has millions).
    let next = || -> Option<Event<'_>> {
        loop {
            if open_heading.is_none()
                && let Some(event) = pending.pop_front()
            {
                return Some(event);
            }
            if too_deep {
                return None;
            }
            let Some((event, range)) = parser.next() else {
                return pending.pop_front();
            };
            if let Some(cut) = &mut cut {
                cut.event(&event);
            }
            let named = ids.event(&event);
            let mut deepest = html_depth;
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Html(html) | Event::InlineHtml(html) => {
                    (html_depth, deepest) = html_nesting(html, html_depth);
                }
                _ => {}
            }
            if !too_deep && depth + deepest.max(html_depth) > MAX_DEPTH {
                too_deep = true;
                out.errors.push(error_at(
                    page,
                    range.start,
                    format!("nested more than {MAX_DEPTH} levels deep (lists, quotes or HTML elements): browsers cannot show that; flatten it"),
                ));
            }
            let event = match event {
                // The channel directive, exactly: kbgen's own marker takes its place
                // (comments do not survive sanitizing) and the page stays unsanitized.
                Event::Html(ref html) | Event::InlineHtml(ref html)
                    if html.trim() == CHANNELS_DIRECTIVE =>
                {
                    out.channel_tables.push(range.start);
                    Event::Html(CowStr::Borrowed(CHANNELS_MARKER))
                }
                Event::Html(ref html) | Event::InlineHtml(ref html) => {
                    // Any other raw HTML, a comment too, goes through the sanitizer:
                    // browsers end comments in ways a quick look cannot tell.
                    unsafe_html = true;
                    // Where the event's text starts in the body, for positions of its tags.
                    let at = body[range.start..]
                        .starts_with(html.as_ref())
                        .then_some(range.start);
                    match cx.raw_html(
                        html,
                        at.unwrap_or(range.start),
                        at.is_some(),
                        &mut images,
                        &mut out,
                    ) {
                        Some(new) if matches!(event, Event::Html(_)) => Event::Html(new.into()),
                        Some(new) => Event::InlineHtml(new.into()),
                        None => event,
                    }
                }
                Event::Start(Tag::Image { ref dest_url, .. }) => {
                    unsafe_html |= !is_plain_url(dest_url);
                    open_images.push(out.images.len());
                    out.images.push(ImageRef {
                        src: dest_url.to_string(),
                        alt: String::new(),
                        offset: range.start,
                    });
                    images.next = Some(cx.image_src(dest_url, range.start, &mut out));
                    event
                }
                Event::End(TagEnd::Image) => {
                    open_images.pop();
                    event
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    if !classes.is_empty() || !attrs.is_empty() {
                        out.errors.push(error_at(
                            page,
                            range.start,
                            heading_attributes_error(&classes, &attrs),
                        ));
                    }
                    open_heading = Some(pending.len());
                    // Only the id is ever written: classes and attributes could
                    // style the page or carry an event handler.
                    Event::Start(Tag::Heading {
                        level,
                        id,
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    })
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    if let Some(&i) = open_images.last() {
                        out.images[i].alt.push_str(t);
                    }
                    event
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let (Some(start), Some(named)) = (open_heading.take(), named) {
                        if let Event::Start(Tag::Heading { id, .. }) = &mut pending[start] {
                            *id = Some(CowStr::from(named.id.clone()));
                        }
                        out.headings.push(Heading {
                            level: named.level as u8,
                            id: named.id,
                            text: named.text,
                        });
                    }
                    event
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    unsafe_html |= !is_plain_url(&dest_url);
                    let dest_url = match cx.href(&dest_url, range.start, &mut out) {
                        Some(href) => CowStr::from(href),
                        None => dest_url,
                    };
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                other => other,
            };
            // Images are written by hand, with their size and lazy loading.
            if let Some(event) = images.pass(event) {
                pending.push_back(event);
            }
        }
    };
    let mut html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html, std::iter::from_fn(next));
    if too_deep {
        // The page fails; leave no half-checked HTML behind for anyone to show.
        return out;
    }
    out.sections = cut.map(Sections::finish);
    out.html = if unsafe_html {
        policy.clean(&html)
    } else {
        html
    };
    out
}

/// Elements that never take content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The element depth after a piece of raw HTML that starts at `depth`, and the
/// deepest it reached on the way. An estimate (no parser), good enough for a bound.
fn html_nesting(html: &str, mut depth: usize) -> (usize, usize) {
    let mut deepest = depth;
    let bytes = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        match bytes.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let rest = &html[i + 1..];
                let name_end = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                let name = rest[..name_end].to_ascii_lowercase();
                let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
                if !self_closing && !VOID.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    (depth, deepest)
}

/// What to tell a writer whose heading has `{.class}` or `{key=value}` attributes.
fn heading_attributes_error(
    classes: &[CowStr<'_>],
    attrs: &[(CowStr<'_>, Option<CowStr<'_>>)],
) -> String {
    let mut written: Vec<String> = classes.iter().map(|c| format!(".{c}")).collect();
    written.extend(attrs.iter().map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k.to_string(),
    }));
    format!(
        "heading attributes other than `{{#id}}` are not allowed (found `{}`): keep only the id, e.g. `## Shipping {{#shipping}}`",
        written.join(" ")
    )
}

/// File line and column of a byte offset in `page`'s body.
pub fn position(page: &SourcePage, offset: usize) -> (usize, usize) {
    let (line, col) = line_col(page.body(), offset);
    (page.body_line + line - 1, col)
}

fn error_at(page: &SourcePage, offset: usize, message: String) -> Diagnostic {
    let (line, col) = position(page, offset);
    Diagnostic::error(&page.path, message).at(line, col)
}

#[cfg(test)]
mod tests;
