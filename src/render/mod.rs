//! Render: Tera templates fed with one page's context and Fluent strings.

mod article;
mod contact;
pub mod home;
mod icons;
mod redirect;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use fluent::{FluentArgs, FluentValue};
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::i18n::Localizer;
use crate::markdown::Parsed;
use crate::resolve::{Page, Site};
use crate::theme::Theme;

pub struct Renderer {
    tera: Tera,
    theme: Theme,
    localizer: Arc<Localizer>,
    /// Per locale: where its search index and pages are.
    search: Vec<SearchLinks>,
}

/// What a page needs to search its locale.
#[derive(Debug, Clone, Serialize)]
pub struct SearchLinks {
    /// The locale's search page.
    pub page: String,
    /// The index's meta file (every locale has one, even without articles).
    pub meta: String,
    /// The default locale's index, searched when this one finds nothing.
    pub fallback: Option<String>,
    pub fallback_name: Option<String>,
    /// site.yaml `search_log_endpoint`.
    pub log: Option<String>,
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

#[derive(Serialize)]
struct SwitcherEntry<'a> {
    code: &'a str,
    /// The BCP 47 tag, for `lang` and hreflang.
    lang: &'a str,
    name: &'a str,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct NavEntry<'a> {
    title: &'a str,
    url: &'a str,
    current: bool,
}

#[derive(Serialize)]
struct Fallback<'a> {
    lang: &'a str,
    name: &'a str,
    url: &'a str,
}

/// The original of a translation that is out of date with it.
#[derive(Serialize)]
struct Outdated<'a> {
    lang: &'a str,
    name: &'a str,
    url: &'a str,
    /// The first words of the original's passages that changed or were added since
    /// the translation was stamped (with a `source_blocks:` stamp; else empty).
    changed: Vec<&'a str>,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

/// What every page template gets.
#[derive(Serialize)]
struct Common<'a> {
    /// The BCP 47 tag (`zh-Hans`), for `lang` attributes.
    lang: &'a str,
    /// The locale code (`zh`), its URL segment and the value forms send.
    locale: &'a str,
    dir: &'a str,
    locale_name: &'a str,
    page_title: &'a str,
    description: Option<&'a str>,
    canonical: String,
    alternates: Vec<Alternate>,
    home_url: &'a str,
    switcher: Vec<SwitcherEntry<'a>>,
    nav: Vec<NavEntry<'a>>,
    breadcrumbs: Vec<Link<'a>>,
    content: &'a str,
    fallback: Option<Fallback<'a>>,
    search: &'a SearchLinks,
    contact_url: Option<String>,
    /// A translation whose source changed since it was stamped: the original's link.
    outdated: Option<Outdated<'a>>,
}

impl Renderer {
    pub fn new(
        site: &Site,
        theme: Theme,
        localizer: Localizer,
        search: Vec<SearchLinks>,
    ) -> Result<Renderer> {
        let localizer = Arc::new(localizer);
        let mut tera = Tera::new();
        let codes: HashMap<String, usize> = site
            .config()
            .locales
            .iter()
            .enumerate()
            .map(|(i, l)| (l.code.clone(), i))
            .collect();
        let l10n = Arc::clone(&localizer);
        let default = site.config().default_locale;
        // A page asks for dozens of strings, most without arguments: those are
        // formatted once per locale.
        let plain: Vec<RwLock<HashMap<String, String>>> = site
            .config()
            .locales
            .iter()
            .map(|_| RwLock::default())
            .collect();
        tera.register_function(
            "t",
            move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
                let key: &str = kwargs.must_get("key")?;
                let code: Option<String> = state.get("locale")?;
                let locale = code.and_then(|l| codes.get(&l).copied()).unwrap_or(default);
                if kwargs.iter().count() == 1 {
                    let cache = &plain[locale];
                    if let Some(text) = cache.read().expect("not poisoned").get(key) {
                        return Ok(text.clone());
                    }
                    let text = l10n
                        .format(locale, key, Some(&FluentArgs::new()))
                        .map_err(tera::Error::message)?;
                    cache
                        .write()
                        .expect("not poisoned")
                        .insert(key.to_string(), text.clone());
                    return Ok(text);
                }
                let mut args = FluentArgs::new();
                for (name, value) in kwargs.iter() {
                    let name = name.to_string();
                    if name == "key" {
                        continue;
                    }
                    let value = match value.as_number() {
                        Some(n) => FluentValue::from(n.as_float()),
                        None => FluentValue::from(
                            value
                                .as_str()
                                .map_or_else(|| value.to_string(), str::to_string),
                        ),
                    };
                    args.set(name, value);
                }
                l10n.format(locale, key, Some(&args))
                    .map_err(tera::Error::message)
            },
        );
        tera.global_context()
            .insert("assets", &theme.asset_urls(&site.config().path_prefix));
        let (logo, favicon) = crate::media::site_images(site.media());
        tera.global_context().insert("site_logo", &logo);
        tera.global_context().insert("site_favicon", &favicon);
        tera.global_context()
            .insert("feedback_reasons", &contact::FEEDBACK_REASONS);
        let sources: Vec<(String, String)> = theme
            .templates
            .iter()
            .map(|(name, t)| (name.clone(), t.text.clone()))
            .collect();
        tera.add_raw_templates(sources)
            .map_err(|e| Error::Content(vec![theme.diagnose(&e)]))?;
        for required in [
            "search.html",
            "base.html",
            "home.html",
            "category.html",
            "article.html",
            "404.html",
            "root.html",
            "contact.html",
            "article-footer.html",
        ] {
            if !tera.contains_template(required) {
                return Err(Error::Content(vec![Diagnostic::error(
                    site.config().root.join("templates").join(required),
                    "the theme has no such template; add it or remove the override that hides it",
                )]));
            }
        }
        Ok(Renderer {
            tera,
            theme,
            localizer,
            search,
        })
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn localizer(&self) -> &Localizer {
        &self.localizer
    }

    /// The template context of a page: what every page shows, then its own parts.
    fn context(&self, common: &Common) -> Result<Context, Diagnostic> {
        Context::from_serialize(common).map_err(|e| self.theme.diagnose(&e))
    }

    fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|e| self.theme.diagnose(&e))
    }

    fn common<'a>(
        &'a self,
        site: &'a Site,
        locale: usize,
        page: &'a Page,
        parsed: &'a Parsed,
    ) -> Common<'a> {
        let config = site.config();
        let loc = &config.locales[locale];
        let ls = &site.locales()[locale];
        let source = &site.sources()[page.source];
        let def = config.default_locale;
        let mut alternates: Vec<Alternate> = site
            .alternates(&page.key)
            .into_iter()
            .map(|(l, url)| Alternate {
                lang: config.locales[l].lang.clone(),
                href: site.absolute(url),
            })
            .collect();
        if let Some(default_url) = site.locales()[def].urls.get(&page.key) {
            alternates.push(Alternate {
                lang: "x-default".into(),
                href: site.absolute(default_url),
            });
        }
        let original_url = if page.fallback {
            site.locales()[def].urls.get(&page.key)
        } else {
            None
        };
        let canonical = site.absolute(original_url.unwrap_or(&page.url));
        let fallback = original_url.map(|url| {
            let d = &config.locales[def];
            Fallback {
                lang: &d.lang,
                name: &d.name,
                url,
            }
        });
        let outdated = outdated(site, page);
        let switcher = config
            .locales
            .iter()
            .enumerate()
            .map(|(l, other)| SwitcherEntry {
                code: &other.code,
                lang: &other.lang,
                name: &other.name,
                url: site.locales()[l]
                    .urls
                    .get(&page.key)
                    .cloned()
                    .unwrap_or_else(|| site.locales()[l].home.url.clone()),
                current: l == locale,
            })
            .collect();
        let nav = ls
            .categories
            .iter()
            .map(|c| NavEntry {
                title: &c.title,
                url: &c.page.url,
                current: c.page.key == page.key,
            })
            .collect();
        Common {
            lang: &loc.lang,
            locale: &loc.code,
            dir: loc.dir(),
            locale_name: &loc.name,
            page_title: source.front.title(),
            description: source.front.description.as_deref(),
            canonical,
            alternates,
            home_url: &ls.home.url,
            switcher,
            nav,
            breadcrumbs: Vec::new(),
            content: &parsed.html,
            fallback,
            search: &self.search[locale],
            contact_url: site.locales()[locale]
                .contact
                .as_ref()
                .map(|c| c.url.clone()),
            outdated,
        }
    }

    fn home_title<'a>(&self, site: &'a Site, locale: usize) -> Link<'a> {
        let ls = &site.locales()[locale];
        Link {
            title: site.sources()[ls.home.source].front.title(),
            url: &ls.home.url,
            description: None,
        }
    }

    /// Home › category: the start of the breadcrumbs of a category and its articles.
    fn category_crumbs<'a>(
        &self,
        site: &'a Site,
        locale: usize,
        c: &'a crate::resolve::Category,
    ) -> Vec<Link<'a>> {
        vec![
            self.home_title(site, locale),
            Link {
                title: &c.title,
                url: &c.page.url,
                description: None,
            },
        ]
    }

    pub fn category(
        &self,
        site: &Site,
        locale: usize,
        index: usize,
        parsed: &Parsed,
    ) -> Result<String, Diagnostic> {
        let ls = &site.locales()[locale];
        let c = &ls.categories[index];
        let mut common = self.common(site, locale, &c.page, parsed);
        common.breadcrumbs = self.category_crumbs(site, locale, c);
        let articles: Vec<Link> = c
            .articles
            .iter()
            .map(|&a| article_link(site, locale, a))
            .collect();
        let mut ctx = self.context(&common)?;
        ctx.insert("articles", &articles);
        self.render("category.html", &ctx)
    }

    /// `/<locale>/search/`: results come from JavaScript; without it, the categories.
    pub fn search_page(&self, site: &Site, locale: usize) -> Result<String, Diagnostic> {
        let ls = &site.locales()[locale];
        let empty = Parsed::default();
        let mut common = self.common(site, locale, &ls.home, &empty);
        let title = self
            .localizer
            .text(locale, "search-page-title")
            .map_err(|e| Diagnostic::error("locales", e))?;
        common.page_title = &title;
        common.description = None;
        common.alternates.clear();
        common.canonical = site.absolute(&self.search[locale].page);
        for (l, entry) in common.switcher.iter_mut().enumerate() {
            entry.url = self.search[l].page.clone();
        }
        let ctx = self.context(&common)?;
        self.render("search.html", &ctx)
    }

    /// `index.html` at the root: a language chooser that JavaScript turns into a redirect.
    pub fn root(&self, site: &Site) -> Result<String, Diagnostic> {
        let config = site.config();
        let def = config.default_locale;
        let mut ctx = Context::new();
        ctx.insert("lang", &config.locales[def].lang);
        ctx.insert("locale", &config.locales[def].code);
        ctx.insert(
            "canonical",
            &site.absolute(&format!("{}/", config.path_prefix)),
        );
        let switcher: Vec<SwitcherEntry> = config
            .locales
            .iter()
            .enumerate()
            .map(|(l, loc)| SwitcherEntry {
                code: &loc.code,
                lang: &loc.lang,
                name: &loc.name,
                url: site.locales()[l].home.url.clone(),
                current: l == def,
            })
            .collect();
        let mut alternates: Vec<Alternate> = switcher
            .iter()
            .map(|s| Alternate {
                lang: s.lang.to_string(),
                href: site.absolute(&s.url),
            })
            .collect();
        alternates.push(Alternate {
            lang: "x-default".into(),
            href: site.absolute(&format!("{}/", config.path_prefix)),
        });
        ctx.insert("switcher", &switcher);
        ctx.insert("alternates", &alternates);
        self.render("root.html", &ctx)
    }
}

/// The default locale's original of a translation that is out of date with it
/// (resolve decides which are).
fn outdated<'a>(site: &'a Site, page: &'a Page) -> Option<Outdated<'a>> {
    let outdated = page.outdated.as_ref()?;
    let def = site.config().default_locale;
    let d = &site.config().locales[def];
    Some(Outdated {
        lang: &d.lang,
        name: &d.name,
        url: site.locales()[def].urls.get(&page.key)?,
        changed: outdated
            .changes
            .blocks
            .iter()
            .filter_map(|c| c.excerpt.as_deref())
            .take(MAX_CHANGED_SHOWN)
            .collect(),
    })
}

/// Changed passages the outdated notice names; `kbgen check` lists them all.
const MAX_CHANGED_SHOWN: usize = 3;

fn article_link(site: &Site, locale: usize, index: usize) -> Link<'_> {
    let a = &site.locales()[locale].articles[index];
    let front = &site.sources()[a.page.source].front;
    Link {
        title: front.title(),
        url: &a.page.url,
        description: front.description.as_deref(),
    }
}
