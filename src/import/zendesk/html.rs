//! An article body, HTML as Zendesk stores it, to CommonMark with htmd. Links and
//! images are rewritten by the caller ([`Rewrite`]); what Markdown cannot say is
//! kept as raw HTML that kbgen's sanitizer keeps, or dropped and reported.

use std::sync::{Arc, Mutex};

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BrStyle, BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};

use crate::sanitize::HtmlPolicy;

/// What the importer does with an article's URLs.
pub trait Rewrite: Send + Sync {
    /// The Markdown destination of a link (`href`).
    fn link(&self, href: &str) -> String;
    /// The Markdown destination of an image (`src`).
    fn image(&self, src: &str) -> String;
}

/// A converted body and what could not be carried over faithfully.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Converted {
    pub markdown: String,
    pub lost: Vec<String>,
}

/// Hosts whose players an `<iframe>` may embed.
const VIDEO_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "player.vimeo.com",
    "fast.wistia.net",
    "www.loom.com",
];

/// Inline tags ammonia keeps that Markdown has no syntax for: kept as raw HTML.
const KEPT_INLINE: &[&str] = &["sup", "sub", "kbd", "mark", "u", "ins", "abbr", "small"];

/// Tags whose content is not text to read: dropped with a report line.
const DROPPED: &[&str] = &[
    "script", "style", "form", "input", "button", "select", "textarea", "object", "embed",
    "canvas", "svg", "noscript", "video", "audio", "map",
];

/// Converts `html` to Markdown. `policy` is the site's `html:` allow-list: an
/// iframe from a video host is kept only when it allows `iframe` with `src`.
pub fn convert(html: &str, rewrite: Arc<dyn Rewrite>, policy: &HtmlPolicy) -> Converted {
    let lost = Arc::new(Mutex::new(Vec::<String>::new()));
    let iframes = policy.tags.iter().any(|t| t == "iframe")
        && policy
            .attributes
            .get("iframe")
            .is_some_and(|a| a.iter().any(|a| a == "src"));
    let options = Options {
        br_style: BrStyle::Backslash,
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Options::default()
    };
    let (r1, r2) = (rewrite.clone(), rewrite);
    let (l1, l2) = (lost.clone(), lost.clone());
    let policy = policy.clone();
    let converter = HtmlToMarkdown::builder()
        .options(options)
        .add_handler(vec!["a"], move |h: &dyn Handlers, e: Element| {
            anchor(h, &e, r1.as_ref())
        })
        .add_handler(vec!["img"], move |_: &dyn Handlers, e: Element| {
            image(&e, r2.as_ref())
        })
        .add_handler(
            vec!["h1", "h2", "h3", "h4", "h5", "h6"],
            |h: &dyn Handlers, e: Element| heading(h, &e),
        )
        .add_handler(vec!["div", "aside"], |h: &dyn Handlers, e: Element| {
            if attr(&e, "class").is_some_and(|c| c.split_whitespace().any(is_callout)) {
                Some(quote(&h.walk_children(e.node).content).into())
            } else {
                h.fallback(e)
            }
        })
        .add_handler(KEPT_INLINE.to_vec(), |h: &dyn Handlers, e: Element| {
            let inner = h.walk_children(e.node).content;
            Some(format!("<{0}>{1}</{0}>", e.tag, inner.trim()).into())
        })
        .add_handler(vec!["details"], |h: &dyn Handlers, e: Element| {
            let inner = h.walk_children(e.node).content;
            Some(format!("\n\n<details>\n\n{}\n\n</details>\n\n", inner.trim()).into())
        })
        .add_handler(vec!["summary"], |h: &dyn Handlers, e: Element| {
            let inner = h.walk_children(e.node).content;
            let inner = inner.trim().replace('\n', " ");
            Some(format!("<summary>{}</summary>\n\n", escape_html(&inner)).into())
        })
        .add_handler(vec!["iframe"], move |_: &dyn Handlers, e: Element| {
            iframe(&e, iframes, &policy, &l1)
        })
        .add_handler(DROPPED.to_vec(), move |_: &dyn Handlers, e: Element| {
            let src = attr(&e, "src")
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            push(
                &l2,
                format!("`<{}>`{src} dropped: Markdown cannot show it", e.tag),
            );
            Some("".into())
        })
        .build();
    let markdown = converter.convert(html).unwrap_or_default();
    // htmd reads table cells itself, past any handler: spans are found here.
    if spans_cells(html) {
        push(
            &lost,
            "a table cell spanning several columns or rows became one cell".to_string(),
        );
    }
    let mut lost = std::mem::take(&mut *lost.lock().unwrap_or_else(|e| e.into_inner()));
    lost.dedup();
    Converted {
        markdown: tidy(&markdown),
        lost,
    }
}

/// True when a cell has `colspan` or `rowspan` above 1.
fn spans_cells(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    ["colspan=", "rowspan="].iter().any(|attr| {
        lower.match_indices(attr).any(|(i, _)| {
            let value: String = lower[i + attr.len()..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            value.parse::<u32>().is_ok_and(|n| n > 1)
        })
    })
}

fn push(lost: &Mutex<Vec<String>>, what: String) {
    lost.lock().unwrap_or_else(|e| e.into_inner()).push(what);
}

fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn is_callout(class: &str) -> bool {
    class == "callout" || class.starts_with("callout--") || class.starts_with("callout-")
}

fn quote(inner: &str) -> String {
    let body: Vec<String> = inner
        .trim()
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect();
    format!("\n\n{}\n\n", body.join("\n"))
}

/// A Markdown link destination: in `<...>` when it holds spaces or parentheses.
fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

fn title_part(title: Option<&str>) -> String {
    title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!(" \"{}\"", t.replace('"', "\\\"").replace('\n', " ")))
        .unwrap_or_default()
}

fn anchor(h: &dyn Handlers, e: &Element, rewrite: &dyn Rewrite) -> Option<HandlerResult> {
    let content = h.walk_children(e.node).content;
    let Some(href) = attr(e, "href").map(str::trim).filter(|h| !h.is_empty()) else {
        // A named anchor (`<a name="x">`) marks a place: its text stays.
        return Some(content.into());
    };
    let text = content.trim();
    if text.is_empty() {
        return Some("".into());
    }
    let dest = destination(&rewrite.link(href));
    Some(format!("[{text}]({dest}{})", title_part(attr(e, "title"))).into())
}

fn image(e: &Element, rewrite: &dyn Rewrite) -> Option<HandlerResult> {
    let src = attr(e, "src").map(str::trim).filter(|s| !s.is_empty())?;
    let alt = attr(e, "alt")
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('[', "\\[")
        .replace(']', "\\]");
    let dest = destination(&rewrite.image(src));
    Some(format!("![{alt}]({dest}{})", title_part(attr(e, "title"))).into())
}

fn heading(h: &dyn Handlers, e: &Element) -> Option<HandlerResult> {
    let level = e.tag[1..].parse::<usize>().unwrap_or(2);
    let text = h.walk_children(e.node).content;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Some("".into());
    }
    // Zendesk's own ids (`h_01H...`) are what old links' #anchors name: keep them.
    let id = attr(e, "id")
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)))
        .map(|id| format!(" {{#{id}}}"))
        .unwrap_or_default();
    Some(format!("\n\n{} {text}{id}\n\n", "#".repeat(level)).into())
}

fn iframe(
    e: &Element,
    allowed: bool,
    policy: &HtmlPolicy,
    lost: &Mutex<Vec<String>>,
) -> Option<HandlerResult> {
    let src = attr(e, "src").unwrap_or_default().trim();
    let full = if src.starts_with("//") {
        format!("https:{src}")
    } else {
        src.to_string()
    };
    let host = url::Url::parse(&full)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    if host.is_empty() {
        push(
            lost,
            "`<iframe>` without a usable `src` dropped".to_string(),
        );
        return Some("".into());
    }
    let title = attr(e, "title").unwrap_or("Video");
    let video = VIDEO_HOSTS.contains(&host.as_str());
    if video && allowed {
        let mut tag = format!("<iframe src=\"{}\"", escape_html(&full));
        for name in ["width", "height", "title", "allow", "allowfullscreen"] {
            if let Some(v) = attr(e, name) {
                tag.push_str(&format!(" {name}=\"{}\"", escape_html(v)));
            }
        }
        tag.push_str("></iframe>");
        // What the site's allow-list keeps is what the page will show.
        return Some(format!("\n\n{}\n\n", policy.clean(&tag)).into());
    }
    push(
        lost,
        if video {
            format!(
                "video from {host} became a link: site.yaml's `html:` does not allow `iframe` with `src`"
            )
        } else {
            format!("`<iframe>` from {host} became a link: only video players are embedded")
        },
    );
    Some(
        format!(
            "\n\n[{}]({})\n\n",
            title.replace(['[', ']'], ""),
            destination(&full)
        )
        .into(),
    )
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Trailing spaces off, at most one blank line in a row (code blocks as they
/// are), one final newline.
fn tidy(markdown: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    let mut fence: Option<&str> = None;
    for line in markdown.trim_matches('\n').lines() {
        let trimmed = line.trim_end();
        if let Some(f) = fence {
            out.push('\n');
            out.push_str(line);
            if trimmed.trim_start().starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(trimmed);
        let start = trimmed.trim_start();
        if start.starts_with("```") {
            fence = Some("```");
        } else if start.starts_with("~~~") {
            fence = Some("~~~");
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests;
