//! Host files: `_redirects` and `_headers` (the Netlify and Cloudflare Pages
//! formats) and the pages that redirect old URLs, written after everything else
//! because they list what the build published. site.yaml's `hosting:` turns each
//! file off or extends it.

use std::fmt::Write as _;

use crate::aliases::Redirect;
use crate::diagnostic::{Diagnostic, Result};
use crate::render::Renderer;
use crate::resolve::Site;
use crate::write::Output;

/// Cloudflare Pages reads at most this many static rules from `_redirects`.
pub const CLOUDFLARE_STATIC_RULES: usize = 2000;

/// CSP hashes of the only inline styles the default output has: pulldown-cmark's
/// table alignment (`style="text-align: left"`), allowed by hash rather than with
/// `'unsafe-inline'`. tests/csp.rs checks them in Chromium.
const TABLE_ALIGN_HASHES: [&str; 3] = [
    "'sha256-6l+tpow5lGPV0MHWZlDv8nD7HrL77FGFldqQ7zc5gxY='",
    "'sha256-Y9v1MZrln1N8aPBY5lmpxYKwFkcp/nyBMMEnn7WFjuw='",
    "'sha256-i0JPB0qmRu5AViJTxOIzqXnfGoiWFw+oNAm4uJd7ZQk='",
];

/// `_redirects`: one 301 rule per alias, in URL order. Hosts without it still
/// have the alias pages.
pub fn redirects_file(redirects: &[Redirect]) -> String {
    let mut out = String::from("# Written by kbgen from front matter `aliases:`.\n");
    for r in redirects {
        let _ = writeln!(out, "{} {} 301", r.from, r.to);
    }
    out
}

/// The warning for a `_redirects` longer than Cloudflare Pages reads.
pub fn too_many_rules(site: &Site, count: usize) -> Option<Diagnostic> {
    (count > CLOUDFLARE_STATIC_RULES).then(|| {
        Diagnostic::warning(
            site.config().root.join("content"),
            format!(
                "{count} aliases: Cloudflare Pages reads only the first {CLOUDFLARE_STATIC_RULES} rules of _redirects (Netlify reads all); the alias pages redirect on every host"
            ),
        )
    })
}

/// The Content-Security-Policy the default theme satisfies: no inline script or
/// style (bar the table alignment hashes), no eval; the contact flow may post
/// and fetch to its endpoints.
pub fn content_security_policy(site: &Site) -> String {
    let mut endpoints: Vec<String> = Vec::new();
    if let Some(contact) = &site.config().contact {
        let mut urls: Vec<&str> = contact
            .feedback_endpoint
            .iter()
            .map(String::as_str)
            .collect();
        for channel in &contact.channels {
            if let crate::contact::Target::Email { endpoint } = &channel.target {
                urls.push(endpoint);
            }
        }
        for u in urls {
            if let Ok(url) = url::Url::parse(u) {
                let origin = url.origin().ascii_serialization();
                if origin != "null" && !endpoints.contains(&origin) {
                    endpoints.push(origin);
                }
            }
        }
    }
    let mut policy: Vec<(&str, Vec<String>)> = vec![
        ("default-src", vec!["'self'".into()]),
        ("script-src", vec!["'self'".into()]),
        ("style-src", vec!["'self'".into(), "'unsafe-hashes'".into()]),
        (
            "img-src",
            vec!["'self'".into(), "data:".into(), "https:".into()],
        ),
        ("connect-src", vec!["'self'".into()]),
        ("form-action", vec!["'self'".into()]),
        ("frame-ancestors", vec!["'self'".into()]),
        ("base-uri", vec!["'self'".into()]),
        ("object-src", vec!["'none'".into()]),
    ];
    for (directive, sources) in &mut policy {
        match *directive {
            "style-src" => sources.extend(TABLE_ALIGN_HASHES.iter().map(|h| h.to_string())),
            "connect-src" | "form-action" => sources.extend(endpoints.iter().cloned()),
            _ => {}
        }
    }
    for (directive, extra) in &site.config().hosting.csp {
        match policy.iter_mut().find(|(d, _)| *d == directive.as_str()) {
            Some((_, sources)) => sources.extend(extra.iter().cloned()),
            // Directives left out fall back to default-src: start from it.
            None => {
                let mut sources = vec!["'self'".to_string()];
                sources.extend(extra.iter().cloned());
                policy.push((directive.as_str(), sources));
            }
        }
    }
    policy
        .iter()
        .map(|(d, s)| format!("{d} {}", s.join(" ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The headers file's name (Netlify and Cloudflare Pages read it).
pub const HEADERS: &str = "_headers";

/// `_headers`: security headers for every path, long caching for the files whose
/// names change with their content (fingerprinted assets, search shards), and
/// revalidation for the search index's entry point.
pub fn headers_file(site: &Site, renderer: &Renderer, index_files: &[Vec<String>]) -> String {
    let prefix = &site.config().path_prefix;
    let mut out = String::from("# Written by kbgen: security and caching headers.\n");
    let _ = writeln!(
        out,
        "{prefix}/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin",
        content_security_policy(site)
    );
    let immutable = "  Cache-Control: public, max-age=31536000, immutable";
    for asset in &renderer.theme().assets {
        if asset.file != format!("assets/{}", asset.name) {
            let _ = writeln!(out, "{prefix}/{}\n{immutable}", asset.file);
        }
    }
    let mut folders: Vec<&str> = index_files
        .iter()
        .flatten()
        .filter_map(|f| f.rsplit_once('/').map(|(dir, _)| dir))
        .filter(|dir| dir.matches('/').count() == 2)
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for dir in folders {
        let _ = writeln!(out, "{prefix}/{dir}/*\n{immutable}");
    }
    for locale in &site.config().locales {
        let _ = writeln!(
            out,
            "{prefix}/search/{}/meta.json\n  Cache-Control: public, max-age=0, must-revalidate",
            locale.code
        );
    }
    for (pattern, lines) in &site.config().hosting.extra_headers {
        let _ = writeln!(out, "{pattern}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// The redirect pages, `_redirects` and `_headers`; returns the warnings.
pub fn write(
    site: &Site,
    renderer: &Renderer,
    redirects: &[Redirect],
    index_files: &[Vec<String>],
    output: &dyn Output,
) -> Result<Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for r in redirects {
        match renderer.redirect(site, r) {
            Ok(html) => output.write(&r.file, html.as_bytes())?,
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(crate::diagnostic::Error::Content(errors));
    }
    let hosting = &site.config().hosting;
    if hosting.redirects && !redirects.is_empty() {
        output.write("_redirects", redirects_file(redirects).as_bytes())?;
        warnings.extend(too_many_rules(site, redirects.len()));
    }
    write_headers(site, renderer, index_files, output)?;
    Ok(warnings)
}

/// Writes `_headers` when the site has it (`hosting.headers`). `kbgen serve` calls
/// it alone after a reindex: no other host file depends on the search index.
pub fn write_headers(
    site: &Site,
    renderer: &Renderer,
    index_files: &[Vec<String>],
    output: &dyn Output,
) -> Result<()> {
    if site.config().hosting.headers {
        output.write(
            HEADERS,
            headers_file(site, renderer, index_files).as_bytes(),
        )?;
    }
    Ok(())
}
