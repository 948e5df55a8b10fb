//! A site kept in memory between edits. A change to one content file re-renders
//! only the pages that depend on it; a template, string or config change rebuilds
//! everything. Each rebuild says which output files changed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use crate::config::{Config, Overrides};
use crate::diagnostic::Diagnostic;
use crate::markdown::AnchorRef;
use crate::pipeline::{self, Job, Keep, Outcome, Prepared};
use crate::render::Renderer;
use crate::resolve::Site;
use crate::search::{self, Indexer};
use crate::write::{Memory, Stored};

/// What changed on disk, as the watcher reports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Change {
    /// A Markdown file under `content/` was written, created or removed.
    Content(PathBuf),
    /// Templates, assets, UI strings or configuration: everything depends on them.
    Everything,
}

/// How far a content change reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Impact {
    /// Only the body or article-only front matter: the pages that show this source.
    Page,
    /// Title, description or order: also the listings that show it.
    Listings,
    /// URL, draft state, a new or removed file: links, switchers and sitemaps too.
    Structure,
}

/// The output files to change in the served site after a rebuild.
#[derive(Debug, Default)]
pub struct Update {
    /// The files replace every file served so far (a full rebuild).
    pub full: bool,
    pub written: HashMap<String, Stored>,
    pub removed: Vec<String>,
    /// Pages rendered (not counting root, 404 pages and sitemaps).
    pub pages: usize,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// What rendering a page left behind, kept to check anchors after later edits.
struct PageState {
    source: usize,
    ids: HashSet<String>,
    anchors: Vec<AnchorRef>,
    errors: Vec<Diagnostic>,
}

/// A resolved site with what renders it.
struct State {
    site: Site,
    renderer: Option<Renderer>,
    /// Per locale: page key -> its last render.
    pages: Vec<HashMap<String, PageState>>,
    /// Per locale: the search index files served now.
    index_files: Vec<Vec<String>>,
    /// By locale; `None` while a synonyms file is broken, when no index is made.
    indexers: Option<Vec<Indexer>>,
    /// Locales whose search index is older than their pages.
    stale_indexes: BTreeSet<usize>,
}

pub struct LiveSite {
    root: PathBuf,
    overrides: Overrides,
    /// `None` until a full build gets as far as a resolved site; then every change
    /// is a full rebuild.
    state: Option<State>,
    /// Errors of the configuration, theme, UI strings and site-wide files, and
    /// errors that made the site unresolvable: cleared by the next full rebuild.
    setup_errors: Vec<Diagnostic>,
    /// Errors found while reading a content file, replaced when it is read again.
    file_errors: BTreeMap<PathBuf, Vec<Diagnostic>>,
    anchor_errors: Vec<Diagnostic>,
}

impl LiveSite {
    /// Builds the whole site in memory. `root` should be absolute, so that paths
    /// match the ones the watcher reports.
    pub fn new(root: &Path, overrides: Overrides) -> (LiveSite, Update) {
        let mut live = LiveSite {
            root: root.to_path_buf(),
            overrides,
            state: None,
            setup_errors: Vec::new(),
            file_errors: BTreeMap::new(),
            anchor_errors: Vec::new(),
        };
        let update = live.rebuild_all();
        (live, update)
    }

    /// Every error the site has now, sorted, in `file:line:col` form.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self.setup_errors.clone();
        errors.extend(self.file_errors.values().flatten().cloned());
        errors.extend(self.anchor_errors.iter().cloned());
        if let Some(state) = &self.state {
            for pages in &state.pages {
                errors.extend(pages.values().flat_map(|p| p.errors.iter().cloned()));
            }
        }
        errors.sort();
        errors.dedup();
        errors
    }

    /// The configuration of the last successful full build.
    pub fn config(&self) -> Option<&Config> {
        self.state.as_ref().map(|s| s.site.config())
    }

    /// Applies a batch of changes, rebuilding as little as they allow.
    pub fn apply(&mut self, changes: &[Change]) -> Update {
        let started = Instant::now();
        let mut update = if self.state.is_none() || changes.contains(&Change::Everything) {
            self.rebuild_all()
        } else {
            let mut update = Update::default();
            for change in changes {
                if let Change::Content(path) = change {
                    let next = self.content_changed(path);
                    merge(&mut update, next);
                }
            }
            update
        };
        update.elapsed = started.elapsed();
        update
    }

    fn rebuild_all(&mut self) -> Update {
        let started = Instant::now();
        self.file_errors.clear();
        self.anchor_errors.clear();
        let config = match Config::load(&self.root, &self.overrides) {
            Ok(c) => c,
            Err(e) => {
                // Keep the last good site: the writer is fixing site.yaml.
                self.setup_errors = e.diagnostics();
                return Update::default();
            }
        };
        let content = config.content_dir();
        search::tokenize::preload(config.locales.iter().map(|l| &l.code));
        let Prepared {
            site,
            renderer,
            indexers,
            warnings,
            errors,
        } = match pipeline::prepare(config) {
            Ok(p) => p,
            Err(e) => {
                self.state = None;
                // The build's warnings come along with its errors; the overlay
                // shows errors only.
                self.setup_errors = e.diagnostics();
                self.setup_errors
                    .retain(|d| d.severity == crate::diagnostic::Severity::Error);
                return Update::default();
            }
        };
        // Everything is made again from the new site: the old one need not stay in
        // memory meanwhile (its files are still served, from `Served`).
        self.state = None;
        // Content errors belong to their file, so that fixing it clears them.
        self.setup_errors.clear();
        for e in errors {
            if e.path.starts_with(&content) {
                self.file_errors.entry(e.path.clone()).or_default().push(e);
            } else {
                self.setup_errors.push(e);
            }
        }
        let memory = Memory::new();
        let jobs = pipeline::jobs(&site);
        // A page that fails is still served, with its error, and searched.
        let (outcomes, pending) = pipeline::render_and_index(
            &site,
            renderer.as_ref(),
            indexers.as_deref(),
            &jobs,
            &memory,
            false,
            &ProgressBar::hidden(),
        );
        let indexed = pending.map(pipeline::PendingIndex::finish);
        let mut warnings = warnings;
        match pipeline::write_media(&site, &outcomes, &memory) {
            Ok(w) => warnings.extend(w),
            Err(e) => self.setup_errors.extend(e.diagnostics()),
        }
        let mut pages: Vec<HashMap<String, PageState>> =
            site.locales().iter().map(|_| HashMap::new()).collect();
        for (job, outcome) in jobs.iter().zip(outcomes) {
            pages[job.locale].insert(job.page.key.clone(), page_state(job, outcome));
        }
        let rendered = jobs.len();
        drop(jobs);
        if let Some(r) = &renderer
            && let Err(e) = pipeline::write_site_files(&site, r, &memory)
        {
            self.setup_errors.extend(e.diagnostics());
        }
        let index_files = match indexed {
            Some(Ok(files)) => files,
            Some(Err(e)) => {
                self.setup_errors.extend(e.diagnostics());
                vec![Vec::new(); site.locales().len()]
            }
            None => vec![Vec::new(); site.locales().len()],
        };
        if let Some(r) = &renderer {
            self.write_site_wide(&site, r, &index_files, &memory);
        }
        self.state = Some(State {
            site,
            renderer,
            pages,
            index_files,
            indexers,
            stale_indexes: BTreeSet::new(),
        });
        self.check_anchors();
        Update {
            full: true,
            written: memory.into_files(),
            removed: Vec::new(),
            pages: rendered,
            warnings,
            elapsed: started.elapsed(),
        }
    }

    /// Renders the pages `select` picks, into the update.
    fn render(&mut self, select: impl Fn(&Job<'_>, &Site) -> bool + Sync) -> Update {
        let Some(state) = self.state.as_mut() else {
            return Update::default();
        };
        let site = &state.site;
        let jobs: Vec<Job<'_>> = pipeline::jobs(site)
            .into_iter()
            .filter(|job| select(job, site))
            .collect();
        let memory = Memory::new();
        let outcomes = pipeline::render_pages(
            site,
            state.renderer.as_ref(),
            &jobs,
            &memory,
            Keep::Outline,
            &ProgressBar::hidden(),
        );
        // Pages are served with the files they link; sizes were reported by the
        // full build.
        let _ = pipeline::write_media(site, &outcomes, &memory);
        for (job, outcome) in jobs.iter().zip(outcomes) {
            state.pages[job.locale].insert(job.page.key.clone(), page_state(job, outcome));
            if !job.page.fallback {
                state.stale_indexes.insert(job.locale);
            }
        }
        Update {
            written: memory.into_files(),
            pages: jobs.len(),
            ..Update::default()
        }
    }

    /// Rebuilds the search index of every locale whose pages changed since the last
    /// call. Run after the pages are published: indexing a large locale takes
    /// longer than rendering a page, and pages do not depend on it.
    pub fn reindex(&mut self) -> Update {
        let started = Instant::now();
        let Some(state) = self.state.as_mut() else {
            return Update::default();
        };
        let mut update = Update::default();
        let Some(indexers) = &state.indexers else {
            // The synonyms file's error is shown; fixing it rebuilds everything.
            return update;
        };
        for l in std::mem::take(&mut state.stale_indexes) {
            let memory = Memory::new();
            let parts = rayon::current_num_threads();
            let files = indexers[l]
                .write(&state.site, l, Vec::new(), parts, &memory)
                .expect("writing to memory does not fail");
            let new: HashSet<&str> = files.iter().map(String::as_str).collect();
            update.removed.extend(
                state.index_files[l]
                    .iter()
                    .filter(|f| !new.contains(f.as_str()))
                    .cloned(),
            );
            state.index_files[l] = files;
            update.written.extend(memory.into_files());
        }
        // `_headers` names the new shard folders; no other site-wide file depends
        // on the index (writing them all, llms.txt and the URL list included, took
        // as long as indexing a locale of 10,000 articles).
        if !update.written.is_empty()
            && let Some(state) = &self.state
            && let Some(renderer) = &state.renderer
        {
            let memory = Memory::new();
            if let Err(e) =
                crate::host::write_headers(&state.site, renderer, &state.index_files, &memory)
            {
                self.setup_errors.extend(e.diagnostics());
            }
            update.written.extend(memory.into_files());
        }
        update.elapsed = started.elapsed();
        update
    }

    /// After a re-resolve, source indices may have moved and pages may be gone.
    fn refresh_sources(&mut self) {
        let Some(state) = self.state.as_mut() else {
            return;
        };
        let mut current: Vec<HashMap<&str, usize>> = state
            .site
            .locales()
            .iter()
            .map(|_| HashMap::new())
            .collect();
        for job in pipeline::jobs(&state.site) {
            current[job.locale].insert(&job.page.key, job.page.source);
        }
        for (pages, current) in state.pages.iter_mut().zip(&current) {
            pages.retain(|key, page| match current.get(key.as_str()) {
                Some(&source) => {
                    page.source = source;
                    true
                }
                None => false,
            });
        }
    }

    /// Root and 404 pages show the categories of each locale.
    fn write_special_pages(&mut self, update: &mut Update) {
        let Some(state) = &self.state else {
            return;
        };
        let Some(renderer) = &state.renderer else {
            return;
        };
        let memory = Memory::new();
        if let Err(e) = pipeline::write_special_pages(&state.site, renderer, &memory) {
            self.setup_errors.extend(e.diagnostics());
        }
        let (site, index_files) = (&state.site, &state.index_files);
        let mut errors = Vec::new();
        if let Err(e) = crate::publish::write_site_wide(site, renderer, index_files, &memory) {
            errors = e.diagnostics();
        }
        self.setup_errors.extend(errors);
        update.written.extend(memory.into_files());
    }

    /// Alias pages, host files, llms.txt and the URL list, as a build writes them.
    fn write_site_wide(
        &mut self,
        site: &Site,
        renderer: &Renderer,
        index_files: &[Vec<String>],
        memory: &Memory,
    ) {
        if let Err(e) = crate::publish::write_site_wide(site, renderer, index_files, memory) {
            self.setup_errors.extend(e.diagnostics());
        }
    }

    fn check_anchors(&mut self) {
        let Some(state) = &self.state else {
            return;
        };
        let pages = state.pages.iter().enumerate().flat_map(|(locale, pages)| {
            pages
                .values()
                .filter(|p| !p.anchors.is_empty())
                .map(move |p| (locale, p.source, p.anchors.as_slice()))
        });
        self.anchor_errors = pipeline::check_anchors(&state.site, pages, |locale, key| {
            state.pages[locale].get(key).map(|p| &p.ids)
        });
    }
}

fn page_state(job: &Job<'_>, outcome: Outcome) -> PageState {
    PageState {
        source: job.page.source,
        errors: outcome.problems.into_iter().map(|p| p.diagnostic).collect(),
        ids: outcome.ids,
        anchors: outcome.anchors,
    }
}

/// Folds a later update into an earlier one of the same batch.
fn merge(into: &mut Update, next: Update) {
    if next.full {
        let warnings = std::mem::take(&mut into.warnings);
        *into = next;
        into.warnings.splice(0..0, warnings);
        return;
    }
    for file in &next.removed {
        into.written.remove(file);
    }
    into.removed.extend(next.removed);
    into.written.extend(next.written);
    into.pages += next.pages;
    into.warnings.extend(next.warnings);
}

mod edit;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod media_tests;
