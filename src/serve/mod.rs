//! `kbgen serve`: the site built in memory and served over HTTP, rebuilt as its
//! files change, with open tabs reloaded over server-sent events.
//!
//! Three parts: [`live`] keeps the site and rebuilds what a change reaches,
//! [`watch`] turns file events into changes, [`http`] serves the files. The
//! rebuild runs on its own thread; the server only reads the finished files.

pub mod http;
pub mod live;
pub mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

use crate::config::{Config, Overrides};
use crate::diagnostic::{Diagnostic, Error, Result};
use http::Served;
use live::{Change, LiveSite, Update};

/// What `kbgen serve` was asked to do, checked.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// Serves the site until Ctrl-C.
pub fn serve(options: Options) -> Result<()> {
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    // A site.yaml that cannot be read at all is a usage error, as for `build`; any
    // later mistake in it is shown in the browser instead.
    let config = Config::load(&root, &Overrides::default())?;
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port)).map_err(|e| {
        Error::Config(Diagnostic::error(
            &root,
            format!("cannot listen on {}:{}: {e}", options.bind, options.port),
        ))
    })?;
    let addr = listener.local_addr().map_err(|e| Error::io(&root, e))?;
    let url = format!("http://{addr}{}/", config.path_prefix);
    let overrides = Overrides {
        base_url: Some(format!("http://{addr}{}", config.path_prefix)),
        drafts: options.drafts,
    };

    // Watch before the first build: an edit made while it runs is not lost.
    let (changes_tx, changes_rx) = mpsc::channel();
    let wake = changes_tx.clone();
    let watcher = watch::Watcher::start(&root, changes_tx).map_err(|e| {
        Error::Config(Diagnostic::error(
            &root,
            format!("cannot watch the site: {e}"),
        ))
    })?;

    let started = Instant::now();
    let (live, update) = LiveSite::new(&root, overrides);
    let served = Arc::new(Served::new(&root, &config));
    let errors = live.errors();
    report(&root, &update, &errors, &[]);
    served.update(update, errors, live.config());
    eprintln!(
        "serving {url} (built in {:.2} s); Ctrl-C to stop",
        started.elapsed().as_secs_f64()
    );
    let (done_tx, done_rx) = mpsc::channel::<()>();
    {
        let served = Arc::clone(&served);
        let site_root = root.clone();
        std::thread::Builder::new()
            .name("kbgen rebuild".into())
            .spawn(move || {
                rebuild_loop(&site_root, live, watcher, changes_rx, &served);
                let _ = done_tx.send(());
            })
            .map_err(|e| Error::io(&root, e))?;
    }
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: anyone who can reach this machine can see the preview",
            options.bind
        );
    }

    if options.open
        && let Err(e) = open::that_detached(&url)
    {
        eprintln!("cannot open a browser: {e}");
    }
    let result = http::run(listener, Arc::clone(&served)).map_err(|e| Error::io(&root, e));
    // The server has stopped: wake the rebuild thread so that it drops the watcher.
    // A full rebuild of a large site can take a while; it only fills memory, so
    // there is nothing to wait for beyond a moment.
    served.stop();
    let _ = wake.send(Vec::new());
    let _ = done_rx.recv_timeout(std::time::Duration::from_millis(500));
    eprintln!("stopped");
    result
}

/// Applies each batch of changes and publishes the result, until the watcher stops.
fn rebuild_loop(
    root: &Path,
    mut live: LiveSite,
    mut watcher: watch::Watcher,
    changes: mpsc::Receiver<Vec<Change>>,
    served: &Served,
) {
    while let Ok(mut batch) = changes.recv() {
        if served.is_stopping() {
            break;
        }
        if batch.is_empty() {
            continue;
        }
        // Changes that came in while the last rebuild ran are handled together.
        while let Ok(more) = changes.try_recv() {
            for c in more {
                if !batch.contains(&c) {
                    batch.push(c);
                }
            }
        }
        let before = live.errors();
        let update = live.apply(&batch);
        if batch.contains(&Change::Everything)
            && let Err(e) = watcher.watch_new_dirs()
        {
            eprintln!("cannot watch a new folder: {e}");
        }
        let errors = live.errors();
        report(root, &update, &errors, &before);
        served.update(update, errors, live.config());
        // The search index follows the pages it indexes.
        let index = live.reindex();
        if !index.written.is_empty() {
            served.update(index, live.errors(), live.config());
        }
    }
}

/// Tells the terminal what a rebuild did: warnings, errors, or that all is well.
fn report(root: &Path, update: &Update, errors: &[Diagnostic], before: &[Diagnostic]) {
    for w in &update.warnings {
        eprintln!("{}", relative(root, w));
    }
    if update.pages > 0 || update.full {
        eprintln!(
            "rebuilt {} page{} in {} ms",
            update.pages,
            if update.pages == 1 { "" } else { "s" },
            update.elapsed.as_millis()
        );
    }
    if errors != before {
        for e in errors {
            eprintln!("{}", relative(root, e));
        }
        match errors.len() {
            0 if !before.is_empty() => eprintln!("all errors fixed"),
            0 => {}
            n => eprintln!(
                "{n} error{}; the browser shows {} until fixed",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            ),
        }
    }
}

/// A diagnostic with its path relative to the site, as the writer knows it.
pub fn relative(root: &Path, d: &Diagnostic) -> Diagnostic {
    let mut d = d.clone();
    if let Ok(rel) = d.path.strip_prefix(root) {
        d.path = rel.to_path_buf();
    }
    d
}
