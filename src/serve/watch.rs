//! Watching the site folder: debounced file events turned into [`Change`]s.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode, event};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::live::Change;

/// Folders under the site root whose files the site is made of. `static/` holds
/// the site's own assets (see `theme.rs`).
const WATCHED_DIRS: &[&str] = &["content", "locales", "themes", "templates", "static"];
/// Files at the site root the site is made of.
const WATCHED_FILES: &[&str] = &["site.yaml", "contact.yaml"];

/// How long a file must stay quiet before its change is reported: editors save in
/// bursts (write a temporary file, rename it over the original) within a few ms.
const QUIET: Duration = Duration::from_millis(20);
const TICK: Duration = Duration::from_millis(5);

pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root` (absolute); each debounced batch of changes is sent
    /// to `changes`.
    pub fn start(
        root: &Path,
        changes: Sender<Vec<Change>>,
    ) -> notify_debouncer_full::notify::Result<Watcher> {
        let events_root = root.to_path_buf();
        let mut debouncer =
            new_debouncer(QUIET, Some(TICK), move |result: DebounceEventResult| {
                let batch = match result {
                    Ok(events) => {
                        let mut batch: Vec<Change> = Vec::new();
                        for e in events.iter().filter(|e| relevant(&e.kind)) {
                            for path in &e.paths {
                                if let Some(c) = classify(&events_root, path)
                                    && !batch.contains(&c)
                                {
                                    batch.push(c);
                                }
                            }
                        }
                        batch
                    }
                    // The watcher lost track (say, a queue overflow): start over.
                    Err(_) => vec![Change::Everything],
                };
                if !batch.is_empty() {
                    let _ = changes.send(batch);
                }
            })?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: HashSet::new(),
        };
        watcher.watch_new_dirs()?;
        Ok(watcher)
    }

    /// Watches the site's folders that did not exist when watching started; call
    /// after a change at the root of the site.
    pub fn watch_new_dirs(&mut self) -> notify_debouncer_full::notify::Result<()> {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

fn relevant(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(event::ModifyKind::Metadata(_))
    )
}

/// What a changed path means for the site; `None` for files the site does not
/// read, such as an editor's swap and backup files.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    let name = path.file_name()?.to_string_lossy();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name == "4913" {
        return None;
    }
    let first = rel.iter().next()?.to_string_lossy();
    let nested = rel.iter().nth(1).is_some();
    match first.as_ref() {
        "content" => Some(Change::Content(path.to_path_buf())),
        dir if WATCHED_DIRS.contains(&dir) => Some(Change::Everything),
        file if !nested && WATCHED_FILES.contains(&file) => Some(Change::Everything),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_what_the_site_is_made_of() {
        let root = Path::new("/site");
        let md = Path::new("/site/content/en/help/a.md");
        assert_eq!(classify(root, md), Some(Change::Content(md.into())));
        for everything in [
            "/site/site.yaml",
            "/site/contact.yaml",
            "/site/templates/base.html",
            "/site/locales/en/main.ftl",
            "/site/themes/x/static/a.css",
            "/site/templates",
        ] {
            assert_eq!(
                classify(root, Path::new(everything)),
                Some(Change::Everything),
                "{everything}"
            );
        }
        for ignored in [
            "/site/public/en/index.html",
            "/site/README.md",
            "/site/content/en/help/.a.md.swp",
            "/site/content/en/help/a.md~",
            "/site/templates/4913",
            "/elsewhere/site.yaml",
            "/site/content/site.yaml/x",
        ] {
            let c = classify(root, Path::new(ignored));
            assert!(
                c.is_none() || matches!(c, Some(Change::Content(_))),
                "{ignored}: {c:?}"
            );
        }
        assert_eq!(classify(root, Path::new("/site/public/site.yaml")), None);
    }
}
