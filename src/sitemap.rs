//! sitemap.xml with hreflang alternates, and robots.txt.

use crate::escape::html as escape;
use crate::resolve::Site;

/// The protocol's limits per file: 50,000 URLs and 50 MB.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 45 * 1024 * 1024;

/// The sitemap files to write, as (file name, XML). One file while it fits,
/// otherwise numbered parts plus an index at `sitemap.xml`.
pub fn sitemaps(site: &Site) -> Vec<(String, String)> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    for ls in &site.locales {
        for page in ls.pages() {
            if page.fallback {
                // A fallback's canonical is the original: it is not a URL of its own.
                continue;
            }
            let mut entry = String::with_capacity(512);
            entry.push_str("<url><loc>");
            entry.push_str(&escape(&site.absolute(&page.url)));
            entry.push_str("</loc>");
            let alternates = site.alternates(&page.key);
            if alternates.len() > 1 {
                for (alt, url) in &alternates {
                    push_alternate(
                        &mut entry,
                        &site.config.locales[*alt].code,
                        &site.absolute(url),
                    );
                }
                if let Some(url) = site.locales[site.config.default_locale].urls.get(&page.key) {
                    push_alternate(&mut entry, "x-default", &site.absolute(url));
                }
            }
            entry.push_str("</url>\n");
            if count == MAX_URLS || current.len() + entry.len() > MAX_BYTES {
                parts.push(std::mem::take(&mut current));
                count = 0;
            }
            current.push_str(&entry);
            count += 1;
        }
    }
    parts.push(current);
    let wrap = |body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n{body}</urlset>\n"
        )
    };
    if parts.len() == 1 {
        return vec![("sitemap.xml".into(), wrap(&parts[0]))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, body) in parts.iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&site.absolute(&format!("{}/{name}", site.config.path_prefix)))
        ));
        files.push((name, wrap(body)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

fn push_alternate(out: &mut String, lang: &str, href: &str) {
    out.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
    out.push_str(&escape(lang));
    out.push_str("\" href=\"");
    out.push_str(&escape(href));
    out.push_str("\"/>");
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.absolute(&format!("{}/sitemap.xml", site.config.path_prefix))
    )
}
