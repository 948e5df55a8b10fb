//! `llms.txt` (the llmstxt.org convention) and a plain Markdown copy of each
//! article beside its page (`/en/orders/get-support/index.md`), so that AI
//! assistants and support tools can read the help center without its HTML.

use std::fmt::Write as _;

use crate::render::Renderer;
use crate::resolve::{Page, Site};

/// The Markdown copy's file, beside the page's `index.html`.
pub fn copy_file(page: &Page) -> String {
    let dir = page.file.strip_suffix("index.html").unwrap_or(&page.file);
    format!("{dir}index.md")
}

/// One line of text: front matter values may hold line breaks.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An article as Markdown: its title as the heading, its description, its text
/// as written (front matter left out).
pub fn article_copy(site: &Site, page: &Page) -> String {
    let source = &site.sources()[page.source];
    let mut out = format!("# {}\n\n", one_line(source.front.title()));
    if let Some(d) = source
        .front
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
    {
        let _ = write!(out, "> {}\n\n", one_line(d));
    }
    out.push_str(source.body().trim_start_matches(['\r', '\n']));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Square brackets would end a Markdown link text early.
fn link_text(s: &str) -> String {
    one_line(s).replace('[', "\\[").replace(']', "\\]")
}

/// `llms.txt`: the site's name and summary, then per locale its articles (its
/// own translations, not fallbacks), each with a link to its Markdown copy.
pub fn llms_txt(site: &Site, renderer: &Renderer) -> String {
    let def = site.config().default_locale;
    let home = &site.sources()[site.locales()[def].home.source].front;
    let name = renderer
        .localizer()
        .text(def, "site-title")
        .unwrap_or_else(|_| home.title().to_string());
    let mut out = format!("# {}\n\n", one_line(&name));
    if let Some(d) = home.description.as_deref() {
        let _ = write!(out, "> {}\n\n", one_line(d));
    }
    for (l, ls) in site.locales().iter().enumerate() {
        let locale = &site.config().locales[l];
        let mut lines = String::new();
        for c in &ls.categories {
            for &a in &c.articles {
                let page = &ls.articles[a].page;
                if page.fallback {
                    continue;
                }
                let front = &site.sources()[page.source].front;
                let url = site.absolute(&format!("{}index.md", page.url));
                let _ = write!(
                    lines,
                    "- [{} › {}]({url})",
                    link_text(&c.title),
                    link_text(front.title())
                );
                if let Some(d) = front
                    .description
                    .as_deref()
                    .filter(|d| !d.trim().is_empty())
                {
                    let _ = write!(lines, ": {}", one_line(d));
                }
                lines.push('\n');
            }
        }
        if !lines.is_empty() {
            let _ = write!(out, "## {} ({})\n\n{lines}\n", locale.name, locale.code);
        }
    }
    out
}
