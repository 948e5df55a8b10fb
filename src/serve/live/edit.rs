//! What an edit of a content file touches: the page alone, the listings that
//! show its title, or the site's structure (URLs, switchers, sitemaps), and the
//! re-render of just that.

use std::collections::HashSet;
use std::path::Path;

use super::{Impact, LiveSite, State, Update};
use crate::diagnostic::Severity;
use crate::load::{self, Kind, SourcePage};
use crate::pipeline::{self, Job, Role};
use crate::resolve::{self, Site};
use crate::write::Memory;

impl LiveSite {
    pub(super) fn content_changed(&mut self, path: &Path) -> Update {
        let Some(state) = self.state.as_mut() else {
            return self.rebuild_all();
        };
        if path.extension().is_none_or(|e| e != "md") {
            // An image or other file beside the pages: its URL (a hash of its
            // bytes) is in every page that shows it.
            // A new one matters only if a page links it (it may be a locale's own
            // version, or fix a broken link), and a link names the file.
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let known = state.site.media().knows(path);
            if let Some(name) = name.filter(|n| crate::media::is_media_name(n))
                && (known || path.is_file() && mentioned(state.site.sources(), &name))
            {
                return self.rebuild_all();
            }
            // A folder moved, created or removed: its files sent no events of
            // their own.
            let sources = state.site.sources();
            let holds_pages = if path.is_dir() {
                walkdir::WalkDir::new(path)
                    .into_iter()
                    .filter_map(|e| e.ok())
                    .any(|e| e.file_type().is_file())
            } else {
                sources.iter().any(|s| s.path.starts_with(path))
                    || state
                        .site
                        .media()
                        .files
                        .iter()
                        .any(|m| m.path.starts_with(path))
            };
            return if holds_pages {
                self.rebuild_all()
            } else {
                Update::default()
            };
        }
        let Some((locale, kind)) = load::classify(state.site.config(), path) else {
            return Update::default();
        };
        let existing = state.site.sources().iter().position(|s| s.path == path);
        if !path.exists() {
            self.file_errors.remove(path);
            return match existing {
                Some(i) => self.restructure(locale, kind, Edit::Remove(i)),
                None => Update::default(),
            };
        }
        let (page, diagnostics) = load::reload(locale, kind.clone(), path);
        let (errors, warnings): (Vec<_>, Vec<_>) = diagnostics
            .into_iter()
            .partition(|d| d.severity == Severity::Error);
        let page = match page {
            Some(page) if errors.is_empty() => page,
            _ => {
                // Keep serving the last good version; the overlay shows the errors.
                self.file_errors.insert(path.to_path_buf(), errors);
                return Update {
                    warnings,
                    ..Update::default()
                };
            }
        };
        self.file_errors.remove(path);
        let mut update = match existing {
            None => self.restructure(locale, kind, Edit::Add(Box::new(page))),
            Some(i) => match impact(&state.site.sources()[i], &page) {
                Impact::Page => {
                    if let Err(errors) = state.site.replace_source(i, page) {
                        // As with a page that does not load: keep serving the
                        // last good version; the overlay shows the errors.
                        self.file_errors.insert(path.to_path_buf(), errors);
                        return Update {
                            warnings,
                            ..Update::default()
                        };
                    }
                    // A translation's "may be outdated" notice compares it with the
                    // default locale's text, so an edit there can add or remove the
                    // notice on every translation of the page.
                    let update =
                        self.render(|job, site| job.page.source == i || translates(site, job, i));
                    self.check_anchors();
                    update
                }
                Impact::Listings => self.relist(i, page),
                Impact::Structure => {
                    self.restructure(locale, kind, Edit::Replace(i, Box::new(page)))
                }
            },
        };
        update.warnings.extend(warnings);
        update
    }

    /// A title, description or order changed: the page moves in its listings.
    fn relist(&mut self, index: usize, page: SourcePage) -> Update {
        let Some(State {
            site,
            renderer,
            pages,
            index_files,
            indexers,
            stale_indexes,
        }) = self.state.take()
        else {
            return Update::default();
        };
        let key = page.kind.key();
        let whole_locale = !matches!(page.kind, Kind::Article { .. });
        let (config, mut sources, media) = site.into_parts();
        sources[index] = page;
        let site = match resolve::resolve(config, sources) {
            Ok(site) => site.with_media(media),
            Err(e) => return self.unresolvable(e),
        };
        // Per locale that shows the source: the category it is listed in (or, for
        // a home or category page, whose title is in every page's breadcrumbs or
        // navigation, the whole locale).
        let shown: Vec<Option<Option<usize>>> = site
            .locales()
            .iter()
            .map(|ls| {
                ls.pages().find(|p| p.key == key && p.source == index)?;
                Some(
                    ls.articles
                        .iter()
                        .find(|a| a.page.key == key)
                        .map(|a| a.category),
                )
            })
            .collect();
        self.state = Some(State {
            site,
            renderer,
            pages,
            index_files,
            indexers,
            stale_indexes,
        });
        let mut update = self.render(|job, site| match shown[job.locale] {
            None => translates(site, job, index),
            Some(_) if whole_locale => true,
            Some(category) => match job.role {
                Role::Home => true,
                Role::Category(c) => Some(c) == category,
                Role::Article(a) => {
                    Some(site.locales()[job.locale].articles[a].category) == category
                }
            },
        });
        self.refresh_sources();
        self.write_special_pages(&mut update);
        self.check_anchors();
        update
    }

    /// A page appeared, disappeared or changed its URL: re-resolve, re-render the
    /// locales that can show it and its translations' pages (their language
    /// switchers and hreflang links), and the sitemaps.
    fn restructure(&mut self, locale: usize, kind: Kind, edit: Edit) -> Update {
        let Some(State {
            site,
            renderer,
            pages,
            index_files,
            indexers,
            stale_indexes,
        }) = self.state.take()
        else {
            return self.rebuild_all();
        };
        let old_files: HashSet<String> = site
            .locales()
            .iter()
            .flat_map(|ls| ls.pages().map(|p| p.file.clone()))
            .collect();
        let default = site.config().default_locale;
        let (config, mut sources, media) = site.into_parts();
        match edit {
            Edit::Add(page) => sources.push(*page),
            Edit::Replace(i, page) => sources[i] = *page,
            Edit::Remove(i) => {
                sources.remove(i);
            }
        }
        let site = match resolve::resolve(config, sources) {
            Ok(site) => site.with_media(media),
            Err(e) => return self.unresolvable(e),
        };
        let key = kind.key();
        let new_files: HashSet<&str> = site
            .locales()
            .iter()
            .flat_map(|ls| ls.pages().map(|p| p.file.as_str()))
            .collect();
        let removed: Vec<String> = old_files
            .into_iter()
            .filter(|f| !new_files.contains(f.as_str()))
            .collect();
        drop(new_files);
        self.state = Some(State {
            site,
            renderer,
            pages,
            index_files,
            indexers,
            stale_indexes,
        });
        let mut update =
            self.render(|job, _| job.locale == locale || locale == default || job.page.key == key);
        update.removed = removed;
        self.refresh_sources();
        self.write_special_pages(&mut update);
        if let Some(state) = &self.state {
            let memory = Memory::new();
            if let Err(e) = pipeline::write_sitemaps(&state.site, &memory) {
                self.setup_errors.extend(e.diagnostics());
            }
            update.written.extend(memory.into_files());
        }
        self.check_anchors();
        update
    }

    /// The edit left a site that cannot be resolved (say, two pages with one URL):
    /// show why, keep serving the last good pages, rebuild fully on the next change.
    fn unresolvable(&mut self, error: crate::diagnostic::Error) -> Update {
        self.state = None;
        self.setup_errors = error.diagnostics();
        Update::default()
    }
}

enum Edit {
    Add(Box<SourcePage>),
    Replace(usize, Box<SourcePage>),
    Remove(usize),
}

fn impact(old: &SourcePage, new: &SourcePage) -> Impact {
    let (a, b) = (&old.front, &new.front);
    if a.slug != b.slug || a.draft != b.draft || a.aliases != b.aliases {
        Impact::Structure
    } else if a.title != b.title || a.description != b.description || a.order != b.order {
        Impact::Listings
    } else {
        Impact::Page
    }
}

/// True when `job` renders a stamped translation of the default locale's
/// `source`, whose "may be outdated" notice compares the two: an edit of the
/// source can add or remove it.
fn translates(site: &Site, job: &Job<'_>, source: usize) -> bool {
    let def = site.config().default_locale;
    job.page.source != source
        && site.sources()[job.page.source].front.source_hash.is_some()
        && site
            .translations()
            .get(&job.page.key)
            .is_some_and(|t| t[def] == Some(source))
}

/// True when some page's text has `name` in it, as written or percent-encoded.
fn mentioned(sources: &[SourcePage], name: &str) -> bool {
    // How a link writes a name with spaces or other characters URLs escape.
    const ESCAPED: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?');
    let encoded = percent_encoding::utf8_percent_encode(name, ESCAPED).to_string();
    sources
        .iter()
        .any(|s| s.body().contains(name) || s.body().contains(&encoded))
}
