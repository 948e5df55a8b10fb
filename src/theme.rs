//! The theme: Tera templates and static assets, looked up in the site's `templates/`,
//! then the site's theme folder, then the default theme embedded in the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A data file of the embedded default theme, such as `synonyms/de.yaml`.
pub fn builtin_file(path: &str) -> Option<&'static str> {
    DEFAULT_THEME.get_file(path).and_then(|f| f.contents_utf8())
}

/// A template's source and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub path: PathBuf,
    pub text: String,
}

/// A static file to publish, under a fingerprinted name for CSS and JS.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The name templates ask for: `kbgen.css`.
    pub name: String,
    /// Relative to the output folder: `assets/kbgen.3f2a9c01de.css`.
    pub file: String,
    pub bytes: Vec<u8>,
}

pub struct Theme {
    pub templates: BTreeMap<String, TemplateSource>,
    pub assets: Vec<Asset>,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme> {
        let mut templates = BTreeMap::new();
        let mut statics: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
            for f in dir.files() {
                let name = rel_name(f.path(), Path::new("templates"));
                templates.insert(
                    name,
                    TemplateSource {
                        path: Path::new("(built-in)/themes/default").join(f.path()),
                        text: f.contents_utf8().unwrap_or_default().to_string(),
                    },
                );
            }
        }
        if let Some(dir) = DEFAULT_THEME.get_dir("static") {
            for f in dir.files() {
                statics.insert(
                    rel_name(f.path(), Path::new("static")),
                    f.contents().to_vec(),
                );
            }
        }
        let mut overrides = Vec::new();
        if let Some(theme) = &config.theme_dir {
            overrides.push((theme.join("templates"), theme.join("static")));
        }
        overrides.push((config.root.join("templates"), config.root.join("static")));
        for (tpl_dir, static_dir) in overrides {
            for (name, path) in files_under(&tpl_dir)? {
                let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                templates.insert(name, TemplateSource { path, text });
            }
            for (name, path) in files_under(&static_dir)? {
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                statics.insert(name, bytes);
            }
        }
        if let Some(brand) = &config.brand {
            let (css, _) = brand.stylesheet(&config.root.join(crate::config::CONFIG_FILE));
            if !css.is_empty() {
                statics.insert("brand.css".into(), css.into_bytes());
            }
            if let Some(rel) = &brand.css {
                let path = config.root.join(rel);
                let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                statics.insert("site.css".into(), bytes);
            }
        }
        let assets = statics
            .into_iter()
            .map(|(name, bytes)| Asset {
                file: fingerprint(&name, &bytes),
                name,
                bytes,
            })
            .collect();
        Ok(Theme { templates, assets })
    }

    /// Name -> root-relative URL of every asset, for templates.
    pub fn asset_urls(&self, prefix: &str) -> BTreeMap<String, String> {
        self.assets
            .iter()
            .map(|a| (a.name.clone(), format!("{prefix}/{}", a.file)))
            .collect()
    }

    /// The file a template name came from, for error messages.
    pub fn template_path(&self, name: &str) -> PathBuf {
        self.templates
            .get(name)
            .map_or_else(|| PathBuf::from(name), |t| t.path.clone())
    }

    /// Turns a Tera error into a diagnostic pointing at the template file.
    pub fn diagnose(&self, err: &tera::Error) -> Diagnostic {
        match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let span = report.span();
                Diagnostic::error(
                    self.template_path(report.filename()),
                    format!("template error: {}", report.message()),
                )
                .at(span.start_line.max(1), span.start_col + 1)
            }
            _ => {
                let mut message = format!("template error: {err}");
                let mut source = std::error::Error::source(err);
                while let Some(s) = source {
                    message.push_str(&format!(": {s}"));
                    source = s.source();
                }
                Diagnostic::error("templates", message)
            }
        }
    }
}

/// CSS and JS get a content hash in their name, so they can be cached forever.
fn fingerprint(name: &str, bytes: &[u8]) -> String {
    let hashed = matches!(
        Path::new(name).extension().and_then(|e| e.to_str()),
        Some("css" | "js")
    );
    match name.rsplit_once('.') {
        Some((stem, ext)) if hashed => {
            let hash = blake3::hash(bytes).to_hex();
            format!("assets/{stem}.{}.{ext}", &hash[..10])
        }
        _ => format!("assets/{name}"),
    }
}

fn rel_name(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .iter()
        .map(|c| c.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        if entry.file_type().is_file() {
            out.push((rel_name(entry.path(), dir), entry.into_path()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_and_js_are_fingerprinted_by_content() {
        let a = fingerprint("kbgen.css", b"body{}");
        let b = fingerprint("kbgen.css", b"body{color:red}");
        assert!(a.starts_with("assets/kbgen.") && a.ends_with(".css"));
        assert_ne!(a, b);
        assert_eq!(fingerprint("logo.svg", b"<svg/>"), "assets/logo.svg");
    }
}
