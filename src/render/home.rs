//! A locale's front doors: its home page (hero search, category cards, popular
//! articles) and its 404 page, which offers the same ways in.

use serde::Serialize;

use super::{Link, Renderer, article_link, icons};
use crate::diagnostic::Diagnostic;
use crate::markdown::Parsed;
use crate::resolve::{Category, Site};

/// Number of articles listed per category on a home page.
const HOME_ARTICLES: usize = 5;
/// Number of promoted articles listed under "Popular articles".
const POPULAR: usize = 8;

#[derive(Serialize)]
struct CategoryCard<'a> {
    title: &'a str,
    url: &'a str,
    description: Option<&'a str>,
    /// The inline SVG of the category's `icon:`.
    icon: Option<String>,
    count: usize,
    articles: Vec<Link<'a>>,
}

/// The published file and URL of a category's `icon:` that names a file, shown
/// in `locale`; `None` for a built-in name or a file that is not there (the page
/// pass reports it).
pub fn icon_file(site: &Site, locale: usize, category: &Category) -> Option<String> {
    let id = icon_file_id(site, locale, category)?.ok()?;
    let published = site.media().published(id)?;
    Some(format!("{}{}", site.config().path_prefix, published.url))
}

/// The media id of a category's icon file, or what is wrong with it.
pub fn icon_file_id(
    site: &Site,
    locale: usize,
    category: &Category,
) -> Option<Result<usize, String>> {
    let source = &site.sources()[category.page.source];
    let value = source.front.icon.as_deref()?;
    let rel = match icons::file(&category.name, value)? {
        Ok(rel) => rel,
        Err(message) => return Some(Err(message)),
    };
    Some(site.media().find(locale, &rel).map_err(|_| {
        format!(
            "icon `{value}`: there is no file {rel} in this locale's folder or the default locale's (a built-in icon is one of {})",
            icons::names()
        )
    }))
}

/// The locale's categories as cards; an `icon:` the theme lacks is an error at its line.
fn cards(site: &Site, locale: usize) -> Result<Vec<CategoryCard<'_>>, Diagnostic> {
    site.locales()[locale]
        .categories
        .iter()
        .map(|c| {
            let source = &site.sources()[c.page.source];
            let icon = match source.front.icon.as_deref() {
                None => None,
                // A file: its URL, found and published by the page pass.
                Some(value) if icons::file(&c.name, value).is_some() => {
                    icon_file(site, locale, c).map(|url| icons::img(&url))
                }
                Some(name) => Some(icons::svg(name).ok_or_else(|| {
                    Diagnostic::error(
                        &source.path,
                        format!("unknown icon `{name}`; the theme has {}", icons::names()),
                    )
                    .at(source.key_line("icon"), 1)
                })?),
            };
            Ok(CategoryCard {
                title: &c.title,
                url: &c.page.url,
                description: source.front.description.as_deref(),
                icon,
                count: c.articles.len(),
                articles: c
                    .articles
                    .iter()
                    .take(HOME_ARTICLES)
                    .map(|&a| article_link(site, locale, a))
                    .collect(),
            })
        })
        .collect()
}

/// The locale's `promoted: true` articles, by `order`, then title.
fn popular(site: &Site, locale: usize) -> Vec<Link<'_>> {
    let ls = &site.locales()[locale];
    let mut promoted: Vec<usize> = (0..ls.articles.len())
        .filter(|&i| site.sources()[ls.articles[i].page.source].front.promoted)
        .collect();
    promoted.sort_by_cached_key(|&i| {
        let front = &site.sources()[ls.articles[i].page.source].front;
        (front.order.unwrap_or(i64::MAX), front.title().to_string())
    });
    promoted
        .into_iter()
        .take(POPULAR)
        .map(|i| article_link(site, locale, i))
        .collect()
}

impl Renderer {
    pub fn home(&self, site: &Site, locale: usize, parsed: &Parsed) -> Result<String, Diagnostic> {
        let ls = &site.locales()[locale];
        let common = self.common(site, locale, &ls.home, parsed);
        let mut ctx = self.context(&common)?;
        ctx.insert("categories", &cards(site, locale)?);
        ctx.insert("popular", &popular(site, locale));
        self.render("home.html", &ctx)
    }

    pub fn not_found(&self, site: &Site, locale: usize) -> Result<String, Diagnostic> {
        let ls = &site.locales()[locale];
        let empty = Parsed::default();
        let mut common = self.common(site, locale, &ls.home, &empty);
        let title = self
            .localizer
            .text(locale, "not-found-title")
            .unwrap_or_default();
        common.page_title = &title;
        common.description = None;
        common.alternates.clear();
        let mut ctx = self.context(&common)?;
        ctx.insert(
            "canonical",
            &site.absolute(&format!("{}404.html", ls.home.url)),
        );
        ctx.insert("categories", &cards(site, locale)?);
        ctx.insert("popular", &popular(site, locale));
        self.render("404.html", &ctx)
    }
}
