//! The HTML side of media: the `<img>` kbgen writes for a Markdown image, and the
//! `<img src>` and `<a href>` of raw HTML, found and rewritten in place.
//!
//! Raw HTML is rewritten before it is sanitized, so the sanitizer sees the final
//! URLs and attributes; a tag is read only when written on one line (an HTML block
//! reaches the parser line by line).

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag as MdTag, TagEnd};

use crate::escape::html_into;

/// Turns each Markdown image (its start, alt text events and end) into one `<img>`
/// written by [`Img::to_html`], and counts a page's images, raw HTML ones too.
#[derive(Default)]
pub struct ImageWriter {
    /// The resolved `src` and size of the image whose start comes next.
    pub next: Option<(String, Option<(u32, u32)>)>,
    open: Option<OpenImage>,
    count: usize,
}

struct OpenImage {
    src: String,
    dims: Option<(u32, u32)>,
    title: String,
    alt: String,
    /// Images nest in Markdown (`![a ![b](c)](d)`); only the outermost is shown.
    depth: usize,
}

impl ImageWriter {
    /// Counts an image; true for all but a page's first.
    pub fn next_is_lazy(&mut self) -> bool {
        self.count += 1;
        self.count > 1
    }

    /// The event to write instead of `event`, if any: an image's events are held
    /// back until its end, which becomes the whole `<img>`.
    pub fn pass<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Start(MdTag::Image { title, .. }) => {
                let next = self.next.take();
                match &mut self.open {
                    Some(open) => open.depth += 1,
                    None => {
                        let (src, dims) = next.unwrap_or_default();
                        self.open = Some(OpenImage {
                            src,
                            dims,
                            title: title.to_string(),
                            alt: String::new(),
                            depth: 1,
                        });
                    }
                }
                None
            }
            Event::End(TagEnd::Image) => {
                let open = self.open.as_mut()?;
                open.depth -= 1;
                if open.depth > 0 {
                    return None;
                }
                let open = self.open.take()?;
                let lazy = self.next_is_lazy();
                let img = Img {
                    src: &open.src,
                    alt: &open.alt,
                    title: &open.title,
                    dims: open.dims,
                    lazy,
                };
                Some(Event::InlineHtml(CowStr::from(img.to_html())))
            }
            other => {
                let Some(open) = &mut self.open else {
                    return Some(other);
                };
                match other {
                    Event::Text(t) | Event::Code(t) => open.alt.push_str(&t),
                    Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                    _ => {}
                }
                None
            }
        }
    }
}

/// What a Markdown image becomes.
pub struct Img<'a> {
    pub src: &'a str,
    pub alt: &'a str,
    pub title: &'a str,
    pub dims: Option<(u32, u32)>,
    /// Every image but a page's first loads lazily: the first is likely in view.
    pub lazy: bool,
}

impl Img<'_> {
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(64 + self.src.len() + self.alt.len());
        out.push_str("<img src=\"");
        pulldown_cmark_escape::escape_href(&mut out, self.src).expect("writing to a String");
        out.push_str("\" alt=\"");
        html_into(&mut out, self.alt);
        out.push('"');
        if !self.title.is_empty() {
            out.push_str(" title=\"");
            html_into(&mut out, self.title);
            out.push('"');
        }
        out.push_str(&extra_attributes(self.dims, self.lazy));
        out.push('>');
        out
    }
}

/// ` width=".." height=".."` (when known) and the lazy-loading pair.
fn extra_attributes(dims: Option<(u32, u32)>, lazy: bool) -> String {
    let mut out = String::new();
    if let Some((w, h)) = dims {
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    if lazy {
        out.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    out
}

/// Appends the alt text of every `<img>` in `html` to `text`, space-separated.
pub fn alt_texts(html: &str, text: &mut String) {
    if !html.contains('<') {
        return;
    }
    for tag in tags(html).iter().filter(|t| t.name == "img") {
        if let Some(alt) = tag.attr("alt").filter(|a| !a.value.trim().is_empty()) {
            if !text.is_empty() && !text.ends_with(' ') {
                text.push(' ');
            }
            text.push_str(alt.value.trim());
            text.push(' ');
        }
    }
}

/// An attribute of a raw HTML tag.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Lowercase.
    pub name: String,
    pub value: String,
    /// Where the value is in the HTML, quotes excluded.
    pub span: Range<usize>,
}

/// An `<img>` or `<a>` tag in raw HTML.
#[derive(Debug, Clone)]
pub struct Tag {
    /// `img` or `a`.
    pub name: &'static str,
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset just past the tag's name: where attributes can be added.
    pub name_end: usize,
    pub attrs: Vec<Attr>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The attribute that holds the tag's URL: `src` or `href`.
    pub fn url(&self) -> Option<&Attr> {
        self.attr(if self.name == "img" { "src" } else { "href" })
    }
}

/// Every `<img>` and `<a>` tag in a piece of raw HTML, with its attributes.
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        i = start + 1;
        let name_end = html[i..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| i + e);
        let name = match html[i..name_end].to_ascii_lowercase().as_str() {
            "img" => "img",
            "a" => "a",
            _ => continue,
        };
        if !matches!(
            bytes.get(name_end),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') | None
        ) {
            continue;
        }
        let (attrs, end) = attributes(html, name_end);
        out.push(Tag {
            name,
            start,
            name_end,
            attrs,
        });
        i = end;
    }
    out
}

/// The attributes from `i` to the end of the tag, and where the tag ends.
fn attributes(html: &str, mut i: usize) -> (Vec<Attr>, usize) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, i);
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let span = if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(q as char)
                        .map_or(html.len(), |e| i + 1 + e);
                    let span = i + 1..end;
                    i = (end + 1).min(html.len());
                    span
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    start..i
                }
            }
        } else {
            i..i
        };
        attrs.push(Attr {
            name,
            value: html[span.clone()].to_string(),
            span,
        });
    }
}

/// Changes to make to one tag of raw HTML.
pub struct Edit {
    /// Where the tag's name ends ([`Tag::name_end`]).
    pub insert_at: usize,
    /// The URL attribute's span and its new value.
    pub url: Option<(Range<usize>, String)>,
    /// Pixel size to add, when the tag has neither `width` nor `height`.
    pub dims: Option<(u32, u32)>,
    pub lazy: bool,
}

/// `html` with `edits` (in tag order) applied.
pub fn apply(html: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(html.len() + edits.len() * 48);
    let mut at = 0;
    for e in edits {
        // Attributes go right after the tag name, before any the writer gave.
        out.push_str(&html[at..e.insert_at]);
        out.push_str(&extra_attributes(e.dims, e.lazy));
        at = e.insert_at;
        if let Some((span, value)) = &e.url {
            out.push_str(&html[at..span.start]);
            html_into(&mut out, value);
            at = span.end;
        }
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_their_attributes_are_found_with_positions() {
        let html = r#"<p><IMG SRC='a b.png' ALT="A cat"><img src=b.png/><image><a class=x href="f.pdf">f</a><abbr title=x>"#;
        let found = tags(html);
        let urls: Vec<(&str, &str)> = found
            .iter()
            .map(|t| (t.name, t.url().map_or("", |a| a.value.as_str())))
            .collect();
        assert_eq!(
            urls,
            [("img", "a b.png"), ("img", "b.png/"), ("a", "f.pdf")]
        );
        assert_eq!(found[0].attr("alt").unwrap().value, "A cat");
        let span = found[2].url().unwrap().span.clone();
        assert_eq!(&html[span], "f.pdf");
    }

    #[test]
    fn edits_replace_urls_and_add_sizes() {
        let html = r#"x <img alt="a" src="shot.png"> <a href='f.pdf'>f</a>"#;
        let t = tags(html);
        let edits = [
            Edit {
                insert_at: t[0].name_end,
                url: Some((t[0].url().unwrap().span.clone(), "/m/shot.1.png".into())),
                dims: Some((10, 20)),
                lazy: true,
            },
            Edit {
                insert_at: t[1].name_end,
                url: Some((t[1].url().unwrap().span.clone(), "/m/f.2.pdf".into())),
                dims: None,
                lazy: false,
            },
        ];
        assert_eq!(
            apply(html, &edits),
            r#"x <img width="10" height="20" loading="lazy" decoding="async" alt="a" src="/m/shot.1.png"> <a href='/m/f.2.pdf'>f</a>"#
        );
    }

    #[test]
    fn markdown_images_escape_what_they_show() {
        let img = Img {
            src: "/a b.png",
            alt: "\"quoted\" <b>",
            title: "",
            dims: Some((3, 4)),
            lazy: false,
        };
        assert_eq!(
            img.to_html(),
            r#"<img src="/a%20b.png" alt="&quot;quoted&quot; &lt;b&gt;" width="3" height="4">"#
        );
    }
}
