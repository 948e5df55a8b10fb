//! An article's page: its text, the list of its category's articles beside it, and
//! its footer.

use serde::Serialize;

use super::{Link, NavEntry, Renderer, TocEntry};
use crate::diagnostic::Diagnostic;
use crate::markdown::Parsed;
use crate::resolve::Site;

/// The category's articles beside an article, the current one marked.
#[derive(Serialize)]
struct Sidebar<'a> {
    title: &'a str,
    url: &'a str,
    articles: Vec<NavEntry<'a>>,
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
        let footer = self.article_footer(site, locale, &a.page.key, source)?;
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
        let sidebar = Sidebar {
            title: &c.title,
            url: &c.page.url,
            articles: c
                .articles
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
