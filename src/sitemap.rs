//! sitemap.xml with hreflang alternates, and robots.txt.

use crate::escape::{html as escape, html_into as escape_into};
use crate::resolve::Site;

/// The protocol's limits per file: 50,000 URLs and 50 MB.
const MAX_URLS: usize = 50_000;
const MAX_BYTES: usize = 45 * 1024 * 1024;

const URLSET_START: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
const URLSET_END: &str = "</urlset>\n";

/// The sitemap files to write, as (file name, XML). One file while it fits,
/// otherwise numbered parts plus an index at `sitemap.xml`.
pub fn sitemaps(site: &Site) -> Vec<(String, String)> {
    // Absolute URLs are the origin then the root-relative URL, escaped as they
    // are appended: 90,000 pages with nine alternates each add up.
    let origin = site.config().origin();
    let absolute = |out: &mut String, url: &str| {
        escape_into(out, origin);
        escape_into(out, url);
    };
    let mut parts = Parts::new(MAX_URLS, MAX_BYTES);
    let mut entry = String::with_capacity(4096);
    for ls in site.locales() {
        for page in ls.pages() {
            if page.fallback {
                // A fallback's canonical is the original: it is not a URL of its own.
                continue;
            }
            entry.clear();
            entry.push_str("<url><loc>");
            absolute(&mut entry, &page.url);
            entry.push_str("</loc>");
            let alternates = site.alternates(&page.key);
            if alternates.len() > 1 {
                let default = site.locales()[site.config().default_locale]
                    .urls
                    .get(&page.key);
                let codes = alternates
                    .iter()
                    .map(|(alt, url)| (site.config().locales[*alt].lang.as_str(), *url));
                for (lang, url) in codes.chain(default.map(|u| ("x-default", u.as_str()))) {
                    entry.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
                    escape_into(&mut entry, lang);
                    entry.push_str("\" href=\"");
                    absolute(&mut entry, url);
                    entry.push_str("\"/>");
                }
            }
            entry.push_str("</url>\n");
            parts.push(&entry);
        }
    }
    let mut parts = parts.finish();
    if parts.len() == 1 {
        return vec![("sitemap.xml".into(), parts.swap_remove(0))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, body) in parts.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            escape(&site.absolute(&format!("{}/{name}", site.config().path_prefix)))
        ));
        files.push((name, body));
    }
    index.push_str("</sitemapindex>\n");
    files.push(("sitemap.xml".into(), index));
    files
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.absolute(&format!("{}/sitemap.xml", site.config().path_prefix))
    )
}

/// `<urlset>` files filled in order, each with at most `max_urls` entries and
/// `max_bytes` of them.
struct Parts {
    done: Vec<String>,
    current: String,
    count: usize,
    max_urls: usize,
    max_bytes: usize,
}

impl Parts {
    fn new(max_urls: usize, max_bytes: usize) -> Parts {
        Parts {
            done: Vec::new(),
            current: String::from(URLSET_START),
            count: 0,
            max_urls,
            max_bytes,
        }
    }

    fn push(&mut self, entry: &str) {
        let body = self.current.len() - URLSET_START.len();
        if self.count > 0 && (self.count == self.max_urls || body + entry.len() > self.max_bytes) {
            self.current.push_str(URLSET_END);
            let full = std::mem::replace(&mut self.current, String::from(URLSET_START));
            self.done.push(full);
            self.count = 0;
        }
        self.current.push_str(entry);
        self.count += 1;
    }

    fn finish(mut self) -> Vec<String> {
        self.current.push_str(URLSET_END);
        self.done.push(self.current);
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(parts: &[String]) -> Vec<usize> {
        parts.iter().map(|p| p.matches("<url>").count()).collect()
    }

    #[test]
    fn a_part_is_closed_at_the_url_limit() {
        let mut parts = Parts::new(2, MAX_BYTES);
        for _ in 0..5 {
            parts.push("<url><loc>https://h.test/a/</loc></url>\n");
        }
        let parts = parts.finish();
        assert_eq!(entries(&parts), [2, 2, 1]);
        for p in &parts {
            assert!(
                p.starts_with(URLSET_START) && p.ends_with(URLSET_END),
                "{p}"
            );
        }
    }

    #[test]
    fn a_part_is_closed_before_the_byte_limit() {
        let entry = "<url><loc>https://h.test/abc/</loc></url>\n";
        let mut parts = Parts::new(MAX_URLS, 2 * entry.len() + 1);
        for _ in 0..4 {
            parts.push(entry);
        }
        let parts = parts.finish();
        assert_eq!(entries(&parts), [2, 2]);
        // An entry larger than the limit still gets a part of its own.
        let mut parts = Parts::new(MAX_URLS, 4);
        parts.push(entry);
        parts.push(entry);
        assert_eq!(entries(&parts.finish()), [1, 1]);
    }
}
