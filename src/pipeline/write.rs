//! The write stage: everything besides the pages themselves.

use super::{Outcome, content_errors};
use crate::diagnostic::{Diagnostic, Result};
use crate::render::Renderer;
use crate::resolve::Site;
use crate::sitemap;
use crate::write::Output;

/// Publishes the media files the rendered pages link (and the logo and favicon).
/// Returns warnings about files over the size a file should stay under.
pub fn write_media(
    site: &Site,
    outcomes: &[Outcome],
    output: &dyn Output,
) -> Result<Vec<Diagnostic>> {
    let used = outcomes
        .iter()
        .flat_map(|o| o.media.iter().copied())
        .collect();
    site.media().publish(&used, output)
}

/// Everything besides the pages and the search indexes: root, 404 and search
/// pages, assets, sitemaps, robots.txt.
pub fn write_site_files(site: &Site, renderer: &Renderer, output: &dyn Output) -> Result<()> {
    let pages = write_special_pages(site, renderer, output);
    write_assets(renderer, output)?;
    write_sitemaps(site, output)?;
    pages
}

/// The language chooser at the root and the 404 page of every locale: they show
/// the locales' home pages and categories, not any one page.
pub fn write_special_pages(site: &Site, renderer: &Renderer, output: &dyn Output) -> Result<()> {
    let mut errors = Vec::new();
    match renderer.root(site) {
        Ok(html) => output.write("index.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for (l, locale) in site.config().locales.iter().enumerate() {
        match renderer.not_found(site, l) {
            Ok(html) => output.write(&format!("{}/404.html", locale.code), html.as_bytes())?,
            Err(d) => errors.push(d),
        }
    }
    // The default locale's 404 also at the root, where most hosts look for it.
    match renderer.not_found(site, site.config().default_locale) {
        Ok(html) => output.write("404.html", html.as_bytes())?,
        Err(d) => errors.push(d),
    }
    for (l, ls) in site.locales().iter().enumerate() {
        match renderer.search_page(site, l) {
            Ok(html) => output.write(&ls.search.file, html.as_bytes())?,
            Err(d) => errors.push(d),
        }
        if let Some(contact) = &ls.contact {
            match renderer.contact_page(site, l) {
                Ok(html) => output.write(&contact.file, html.as_bytes())?,
                Err(d) => errors.push(d),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(content_errors(errors))
    }
}

pub fn write_assets(renderer: &Renderer, output: &dyn Output) -> Result<()> {
    for asset in &renderer.theme().assets {
        output.write(&asset.file, &asset.bytes)?;
    }
    Ok(())
}

/// sitemap.xml (or its parts and index) and robots.txt.
pub fn write_sitemaps(site: &Site, output: &dyn Output) -> Result<()> {
    for (name, xml) in sitemap::sitemaps(site) {
        output.write(&name, xml.as_bytes())?;
    }
    output.write("robots.txt", sitemap::robots(site).as_bytes())
}
