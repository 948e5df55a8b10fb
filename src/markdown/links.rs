//! Where a page's links and images go: other pages by their source file
//! (`../disputes/outcomes.md#x`), files beside the pages by their path
//! (`img/get-support.png`, in the locale shown or else the default one), anything
//! external or root-relative as written. Markdown and raw HTML alike.

use percent_encoding::percent_decode_str;

use super::{AnchorRef, ImageRef, LinkRef, Parsed, error_at};
use crate::load::SourcePage;
use crate::media::html::{self, Edit, ImageWriter};
use crate::media::{self, Missing, human};

/// What resolving the links of one page, shown in one locale, needs.
pub(super) struct Links<'p, 'u> {
    pub page: &'p SourcePage,
    /// The page key the body is shown under.
    pub key: &'p str,
    /// The page's folder inside its locale folder.
    pub dir: &'p [&'p str],
    pub url_of: &'p dyn Fn(&str) -> Option<&'u str>,
    pub media: media::Shown<'p>,
}

enum Target<'a> {
    /// External or root-relative: left as written.
    Keep,
    SamePage(&'a str),
    Page {
        key: String,
        anchor: Option<&'a str>,
    },
    /// A file beside the pages, by its path inside the locale folder; `suffix` is
    /// the query and fragment as written.
    File {
        rel: String,
        suffix: &'a str,
    },
    Outside,
}

fn resolve_link<'a>(href: &'a str, dir: &[&str]) -> Target<'a> {
    let (path, anchor) = match href.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (href, None),
    };
    if path.is_empty() {
        return anchor.map_or(Target::Keep, Target::SamePage);
    }
    let has_scheme = path
        .split_once(':')
        .is_some_and(|(scheme, _)| !scheme.contains('/'));
    if has_scheme || path.starts_with('/') {
        return Target::Keep;
    }
    let page = path.ends_with(".md");
    let path = if page {
        path
    } else {
        path.split('?').next().unwrap_or(path)
    };
    let mut parts: Vec<&str> = dir.to_vec();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Outside;
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if page {
        let key = joined.strip_suffix(".md").unwrap_or(&joined).to_string();
        return Target::Page { key, anchor };
    }
    Target::File {
        rel: percent_decode_str(&joined).decode_utf8_lossy().into_owned(),
        suffix: &href[path.len()..],
    }
}

impl Links<'_, '_> {
    /// The output href of a link, with anchors and errors recorded in `out`;
    /// `None` keeps it as written.
    pub fn href(&self, href: &str, offset: usize, out: &mut Parsed) -> Option<String> {
        match resolve_link(href, self.dir) {
            Target::Keep => {
                out.links.push(LinkRef {
                    href: href.to_string(),
                    offset,
                });
                None
            }
            Target::SamePage(anchor) => {
                out.anchors.push(AnchorRef {
                    key: self.key.to_string(),
                    anchor: anchor.to_string(),
                    offset,
                    href: href.to_string(),
                });
                None
            }
            Target::Page {
                key: target,
                anchor,
            } => match (self.url_of)(&target) {
                Some(url) => {
                    let mut new = url.to_string();
                    if let Some(a) = anchor {
                        out.anchors.push(AnchorRef {
                            key: target.clone(),
                            anchor: a.to_string(),
                            offset,
                            href: href.to_string(),
                        });
                        new.push('#');
                        new.push_str(a);
                    }
                    Some(new)
                }
                None => {
                    out.errors.push(error_at(self.page, offset, format!("broken link `{href}`: there is no page {target}.md in this locale or the default one")));
                    None
                }
            },
            Target::File { rel, suffix } => self
                .file("link", href, &rel, offset, out)
                .map(|(url, _)| url + suffix),
            Target::Outside => {
                out.errors.push(error_at(
                    self.page,
                    offset,
                    format!("broken link `{href}`: it climbs out of the locale folder; link to a file inside it"),
                ));
                None
            }
        }
    }

    /// An image's output `src` and pixel size: a file beside the pages gets its
    /// published URL; anything else is kept as written.
    pub fn image_src(
        &self,
        src: &str,
        offset: usize,
        out: &mut Parsed,
    ) -> (String, Option<(u32, u32)>) {
        match resolve_link(src, self.dir) {
            Target::File { rel, suffix } => match self.file("image", src, &rel, offset, out) {
                Some((url, dims)) => (url + suffix, dims),
                None => (src.to_string(), None),
            },
            Target::Outside => {
                out.media_errors.push(error_at(
                    self.page,
                    offset,
                    format!("broken image `{src}`: it climbs out of the locale folder; keep images inside it"),
                ));
                (src.to_string(), None)
            }
            // A page is no picture: browsers would show a broken image.
            Target::Page { .. } => {
                out.media_errors.push(error_at(
                    self.page,
                    offset,
                    format!("broken image `{src}`: it points at a page (.md), not an image file; link the page with [text]({src}) or point the image at a .png, .jpg, .svg or .webp file"),
                ));
                (src.to_string(), None)
            }
            _ => (src.to_string(), None),
        }
    }

    /// The URL and size of the file at `rel`, recorded as used; or an error.
    fn file(
        &self,
        what: &str,
        written: &str,
        rel: &str,
        offset: usize,
        out: &mut Parsed,
    ) -> Option<(String, Option<(u32, u32)>)> {
        let catalog = self.media.catalog;
        let message = match catalog.find(self.media.locale, rel) {
            Ok(id) => {
                out.media.push(id);
                let published = catalog.published(id)?;
                return Some((published.url.clone(), published.dims));
            }
            // A name without an extension that names no file (`x`, `../`) is not
            // taken for one: such links stay as written, as before media existed.
            Err(Missing::NotFound) if !rel.rsplit('/').next().is_some_and(|n| n.contains('.')) => {
                return None;
            }
            Err(Missing::NotFound) => format!(
                "broken {what} `{written}`: there is no file {rel} in this locale's folder or the default locale's"
            ),
            Err(Missing::Symlink(path)) => format!(
                "broken {what} `{written}`: {} is a symbolic link, and kbgen does not follow links in content/; copy the file instead",
                path.display()
            ),
            Err(Missing::TooLarge(path, size)) => format!(
                "{what} `{written}`: {} is {}, over the {} limit (site.yaml `media: max_size`); make it smaller",
                path.display(),
                human(size),
                human(catalog.limits.max_size)
            ),
            Err(Missing::Unreadable(path, e)) => {
                format!("{what} `{written}`: cannot read {}: {e}", path.display())
            }
        };
        out.media_errors.push(error_at(self.page, offset, message));
        None
    }

    /// Raw HTML with its `<img src>` and `<a href>` resolved like Markdown's, and
    /// sizes and lazy loading added to its images; `None` when nothing changes.
    /// `base` is where `html` starts in the body; `exact` says that tag offsets
    /// can be added to it.
    pub fn raw_html(
        &self,
        html: &str,
        base: usize,
        exact: bool,
        images: &mut ImageWriter,
        out: &mut Parsed,
    ) -> Option<String> {
        if !html.contains('<') {
            return None;
        }
        let mut edits = Vec::new();
        for tag in html::tags(html) {
            let offset = if exact { base + tag.start } else { base };
            let url = tag.url();
            if tag.name == "img" {
                let src = url.map_or("", |a| a.value.as_str());
                out.images.push(ImageRef {
                    src: src.to_string(),
                    alt: tag
                        .attr("alt")
                        .map_or_else(String::new, |a| a.value.clone()),
                    offset,
                });
                let (new, dims) = match url {
                    Some(_) => self.image_src(src, offset, out),
                    None => (String::new(), None),
                };
                let sized = tag.attr("width").is_none() && tag.attr("height").is_none();
                let lazy = images.next_is_lazy() && tag.attr("loading").is_none();
                edits.push(Edit {
                    insert_at: tag.name_end,
                    url: url
                        .filter(|a| a.value != new)
                        .map(|a| (a.span.clone(), new)),
                    dims: dims.filter(|_| sized),
                    lazy,
                });
            } else if let Some(a) = url
                && let Some(new) = self.href(&a.value, offset, out)
            {
                edits.push(Edit {
                    insert_at: tag.name_end,
                    url: Some((a.span.clone(), new)),
                    dims: None,
                    lazy: false,
                });
            }
        }
        edits.retain(|e| e.url.is_some() || e.dims.is_some() || e.lazy);
        (!edits.is_empty()).then(|| html::apply(html, &edits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::FrontMatter;
    use crate::load::Kind;

    fn file(href: &str) -> Option<(String, &str)> {
        match resolve_link(href, &["help"]) {
            Target::File { rel, suffix } => Some((rel, suffix)),
            _ => None,
        }
    }

    /// `content/en/help/a.md` with `body`.
    fn help_page(body: &str) -> crate::load::SourcePage {
        crate::load::tests_support::page(
            Kind::Article {
                category: "help".into(),
                name: "a".into(),
            },
            "content/en/help/a.md".into(),
            FrontMatter::default(),
            body,
        )
    }

    #[test]
    fn relative_paths_that_are_not_pages_are_files() {
        assert_eq!(
            file("img/My%20shot.png?v=2#top"),
            Some(("help/img/My shot.png".into(), "?v=2#top"))
        );
        assert_eq!(
            file("./../orders/form.pdf"),
            Some(("orders/form.pdf".into(), ""))
        );
        assert!(matches!(
            resolve_link("../../x.png", &["help"]),
            Target::Outside
        ));
        for kept in [
            "/assets/logo.svg",
            "https://cdn.example/x.png",
            "data:image/png;base64,AA",
        ] {
            assert!(
                matches!(resolve_link(kept, &["help"]), Target::Keep),
                "{kept}"
            );
        }
        assert!(matches!(
            resolve_link("a.md#b", &["help"]),
            Target::Page { .. }
        ));
    }

    #[test]
    fn a_name_without_extension_that_is_no_file_stays_as_written() {
        let page = help_page("[up](../) ![x](x) ![y](y.png)\n");
        let parsed = crate::markdown::parse(&page, "help/a", &|_| None);
        assert!(parsed.html.contains("href=\"../\""), "{}", parsed.html);
        assert!(parsed.html.contains("src=\"x\""), "{}", parsed.html);
        let errors: Vec<&str> = parsed
            .media_errors
            .iter()
            .map(|e| e.message.as_str())
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("broken image `y.png`"), "{errors:?}");
    }

    #[test]
    fn an_image_that_points_at_a_page_is_a_broken_image() {
        let page =
            help_page("See ![the form](../orders/form.md) and [the form](../orders/form.md).\n");
        let urls = |key: &str| (key == "orders/form").then_some("/en/orders/form/");
        let parsed = crate::markdown::parse(&page, "help/a", &urls);
        let errors: Vec<(&str, Option<usize>)> = parsed
            .media_errors
            .iter()
            .map(|e| (e.message.as_str(), e.col))
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .0
                .starts_with("broken image `../orders/form.md`: it points at a page"),
            "{errors:?}"
        );
        assert_eq!(errors[0].1, Some(5));
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    }

    #[test]
    fn raw_html_links_to_pages_resolve_like_markdown_ones() {
        let page = help_page("<p><a href=\"b.md#steps\">B</a> <a href=\"gone.md\">C</a></p>\n");
        let urls = |key: &str| (key == "help/b").then_some("/en/help/b/");
        let parsed = crate::markdown::parse(&page, "help/a", &urls);
        assert!(
            parsed.html.contains("href=\"/en/help/b/#steps\""),
            "{}",
            parsed.html
        );
        assert_eq!(parsed.anchors[0].anchor, "steps");
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(parsed.errors[0].col, Some(31));
    }
}
