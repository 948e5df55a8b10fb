//! The files that describe what a build published, written once every page is:
//! redirect pages and host files, llms.txt, and the URL manifest, compared with
//! the previous build's so that no URL vanishes without a warning.

use std::path::Path;

use crate::aliases;
use crate::diagnostic::{Diagnostic, Result};
use crate::manifest::{self, Manifest};
use crate::render::Renderer;
use crate::resolve::Site;
use crate::write::Output;

/// Writes them into `output` and returns the warnings, one per URL of the
/// folder about to be replaced (`previous`) that this build loses.
pub fn finish(
    site: &Site,
    renderer: &Renderer,
    index_files: &[Vec<String>],
    previous: &Path,
    output: &dyn Output,
) -> Result<Vec<Diagnostic>> {
    // Alias errors were reported by `build::prepare`; a build with any stopped there.
    let (redirects, _) = aliases::resolve(site);
    let mut warnings = crate::host::write(site, renderer, &redirects, index_files, output)?;
    if site.config.hosting.llms {
        crate::llms::write(site, renderer, output)?;
    }
    let manifest = Manifest::of(site, &redirects);
    output.write(manifest::FILE, manifest.to_text().as_bytes())?;
    if previous.is_dir() {
        let old = Manifest::read(previous, &site.config)?;
        for v in manifest::vanished(&old, &manifest, &site.config) {
            warnings.push(manifest::diagnose(&v, &site.config, previous));
        }
    }
    Ok(warnings)
}
