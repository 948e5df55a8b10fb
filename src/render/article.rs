//! An article's page: its text, the list of its category's articles beside it, and
//! its footer.

use serde::Serialize;

use super::{Link, NavEntry, Renderer, TocEntry};
use crate::diagnostic::Diagnostic;
use crate::markdown::Parsed;
use crate::resolve::Site;

/// The category's articles beside an article, the current one marked: at most
/// [`SIDEBAR`] of them around the current one, and the category's count when it
/// has more (a category of a thousand articles would otherwise put a thousand
/// links on each of its pages).
#[derive(Serialize)]
struct Sidebar<'a> {
    title: &'a str,
    url: &'a str,
    articles: Vec<NavEntry<'a>>,
    /// How many articles the category has, when the list shows only some.
    more: Option<usize>,
}

/// How many of its category's articles an article's sidebar lists.
pub const SIDEBAR: usize = 10;

/// The run of at most `width` positions of `0..len` that holds `at`, as near the
/// middle of the run as the ends allow.
fn window(len: usize, at: usize, width: usize) -> std::ops::Range<usize> {
    if len <= width {
        return 0..len;
    }
    let start = at.saturating_sub(width / 2).min(len - width);
    start..start + width
}

impl Renderer {
    pub fn article(
        &self,
        site: &Site,
        locale: usize,
        index: usize,
        parsed: &Parsed,
    ) -> Result<String, Diagnostic> {
        let ls = &site.locales()[locale];
        let a = &ls.articles[index];
        let c = &ls.categories[a.category];
        let source = &site.sources()[a.page.source];
        let filled = self.fill_contact_facts(site, locale, source, &parsed.html)?;
        let footer = self.article_footer(site, locale, &a.page.key, source);
        let mut common = self.common(site, locale, &a.page, parsed);
        if let Some(html) = &filled {
            common.content = html;
        }
        common.breadcrumbs = self.category_crumbs(site, locale, c);
        common.breadcrumbs.push(Link {
            title: source.front.title(),
            url: &a.page.url,
            description: None,
        });
        let toc: Vec<TocEntry> = parsed
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| TocEntry {
                level: h.level,
                id: &h.id,
                text: &h.text,
            })
            .collect();
        let at = c.articles.iter().position(|&i| i == index).unwrap_or(0);
        let shown = window(c.articles.len(), at, SIDEBAR);
        let sidebar = Sidebar {
            title: &c.title,
            url: &c.page.url,
            more: (shown.len() < c.articles.len()).then_some(c.articles.len()),
            articles: c.articles[shown]
                .iter()
                .map(|&i| {
                    let a = &ls.articles[i];
                    NavEntry {
                        title: site.sources()[a.page.source].front.title(),
                        url: &a.page.url,
                        current: i == index,
                    }
                })
                .collect(),
        };
        let mut ctx = self.context(&common)?;
        ctx.insert("toc", &toc);
        ctx.insert("sidebar", &sidebar);
        ctx.insert("updated", &source.front.updated);
        // The date as the reader's language writes it; `datetime` keeps the ISO date.
        let updated_text = source.front.updated.as_deref().map(|d| {
            crate::date::Date::parse(d).map_or_else(
                || d.to_string(),
                |day| crate::intl::Intl::new(&site.config().locales[locale].lang).date(day.naive()),
            )
        });
        ctx.insert("updated_text", &updated_text);
        ctx.insert("topic", &source.front.topic);
        ctx.insert("audience", &source.front.audience);
        ctx.insert("footer", &footer);
        self.render("article.html", &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::window;

    #[test]
    fn the_sidebar_window_holds_the_current_article_near_its_middle() {
        assert_eq!(window(4, 3, 10), 0..4);
        assert_eq!(window(1000, 0, 10), 0..10);
        assert_eq!(window(1000, 500, 10), 495..505);
        assert_eq!(window(1000, 999, 10), 990..1000);
        for at in 0..30 {
            let w = window(30, at, 10);
            assert!(w.contains(&at) && w.len() == 10, "{at}: {w:?}");
        }
    }
}
