//! `kbgen build`: every stage of the [`pipeline`](crate::pipeline) into a staging
//! folder, which replaces the output only when nothing failed.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result};
use crate::pipeline::{
    PendingIndex, Prepared, check_anchors_of, content_errors, jobs, load, render_and_index,
    write_media, write_site_files,
};
use crate::timings::Timings;
use crate::write::{Claim, Staging};

/// What a finished build reports.
#[derive(Debug)]
pub struct Report {
    /// Per locale code: (pages, of which fallbacks).
    pub locales: Vec<(String, usize, usize)>,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// Per locale code: the keys of the pages it shows untranslated.
    pub fallback_keys: Vec<(String, Vec<String>)>,
    /// Wall and CPU time per stage (`kbgen build --timings`).
    pub timings: Timings,
}

impl Report {
    pub fn pages(&self) -> usize {
        self.locales.iter().map(|l| l.1).sum()
    }
}

/// Builds the site into the claimed output, atomically. `progress` shows a bar (on a
/// terminal).
pub fn build(config: Config, output: Claim, progress: bool) -> Result<Report> {
    let mut timings = Timings::start();
    crate::search::tokenize::preload(config.locales.iter().map(|l| &l.code));
    let loaded = load(config)?;
    timings.stage("load");
    let Prepared {
        site,
        renderer,
        indexers,
        mut warnings,
        mut errors,
    } = loaded.resolve().prepared()?;
    timings.stage("resolve");

    let jobs = jobs(&site);
    let bar = progress_bar(progress, jobs.len() as u64);
    // The folder about to be replaced, whose URLs this build must not lose.
    let previous = output.path().to_path_buf();
    let staging = Staging::new(output)?;

    // The parse that renders an article also cuts it into search sections, and
    // each locale's index is written once its pages are; a build that has
    // already failed needs no index. Anchors are checked once every page is
    // parsed; if anything failed, the staging folder is dropped.
    let indexers = indexers.filter(|_| errors.is_empty());
    let (outcomes, pending) = render_and_index(
        &site,
        renderer.as_ref(),
        indexers.as_deref(),
        &jobs,
        &staging,
        true,
        &bar,
    );
    errors.extend(outcomes.iter().flat_map(|o| o.errors().cloned()));
    timings.stage("pages");
    // What needs every page, beside the last locale's index.
    let ((media, anchors), indexed) = rayon::join(
        || {
            let media = write_media(&site, &outcomes, &staging);
            let mut anchors = check_anchors_of(&site, &jobs, &outcomes);
            if let Some(renderer) = &renderer
                && let Err(e) = write_site_files(&site, renderer, &staging)
            {
                anchors.errors.extend(e.diagnostics());
            }
            (media, anchors)
        },
        || pending.map(PendingIndex::finish),
    );
    drop(indexers);
    timings.stage("site");
    match media {
        Ok(w) => warnings.extend(w),
        Err(e) => errors.extend(e.diagnostics()),
    }
    errors.extend(anchors.errors);
    warnings.extend(anchors.warnings);
    bar.finish_and_clear();
    if !errors.is_empty() {
        // The warnings too: the writer should not learn of them one fix later.
        errors.extend(warnings);
        return Err(content_errors(errors));
    }
    let index_files = match indexed {
        Some(indexed) => indexed?,
        None => Vec::new(),
    };
    if let Some(renderer) = &renderer {
        warnings.extend(crate::publish::finish(
            &site,
            renderer,
            &index_files,
            &previous,
            &staging,
        )?);
    }
    timings.stage("finish");
    staging.commit()?;
    timings.stage("swap");

    let locales = site
        .config()
        .locales
        .iter()
        .zip(site.locales())
        .map(|(l, ls)| (l.code.clone(), ls.pages().count(), ls.fallbacks))
        .collect();
    let fallback_keys = site
        .config()
        .locales
        .iter()
        .zip(site.locales())
        .map(|(l, ls)| {
            let keys = ls.pages().filter(|p| p.fallback).map(|p| p.key.clone());
            (l.code.clone(), keys.collect())
        })
        .collect();
    Ok(Report {
        locales,
        warnings,
        elapsed: timings.elapsed(),
        fallback_keys,
        timings,
    })
}

fn progress_bar(enabled: bool, len: u64) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    bar
}
