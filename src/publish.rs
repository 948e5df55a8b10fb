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

/// Writes the site-wide files (everything but the pages' Markdown copies, which
/// are written with their pages) and returns the warnings and the manifest.
/// `kbgen serve` calls it after each change, `kbgen build` through [`finish`].
pub fn write_site_wide(
    site: &Site,
    renderer: &Renderer,
    index_files: &[Vec<String>],
    output: &dyn Output,
) -> Result<(Vec<Diagnostic>, Manifest)> {
    // Alias errors were reported by the resolve stage (`pipeline`); a build with any stopped there.
    let (redirects, _) = aliases::resolve(site);
    let warnings = crate::host::write(site, renderer, &redirects, index_files, output)?;
    if site.config().hosting.llms {
        output.write("llms.txt", crate::llms::llms_txt(site, renderer).as_bytes())?;
    }
    let manifest = Manifest::of(site, &redirects);
    output.write(manifest::FILE, manifest.to_text().as_bytes())?;
    Ok((warnings, manifest))
}

/// Writes them into `output` and returns the warnings, one per URL of the
/// folder about to be replaced (`previous`) that this build loses.
pub fn finish(
    site: &Site,
    renderer: &Renderer,
    index_files: &[Vec<String>],
    previous: &Path,
    output: &dyn Output,
) -> Result<Vec<Diagnostic>> {
    let (mut warnings, manifest) = write_site_wide(site, renderer, index_files, output)?;
    if previous.is_dir() {
        let old = Manifest::read(previous, site.config())?;
        for v in manifest::vanished(&old, &manifest, site.config()) {
            warnings.push(manifest::diagnose(&v, site.config(), previous));
        }
    }
    Ok(warnings)
}
