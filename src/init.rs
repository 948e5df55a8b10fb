//! `kbgen init`: a starter site (site.yaml, one category, one article per locale,
//! contact.yaml commented out) that builds and passes `kbgen check --strict` as it
//! is, so a new writer starts from something that works.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::{CONFIG_FILE, Config, Overrides};
use crate::diagnostic::{Diagnostic, Error, Result};

/// The starter text of one language, from `init/starters.yaml`.
#[derive(Debug, Deserialize)]
struct Starter {
    code: String,
    /// The language's name in itself, for the language switcher.
    name: String,
    home: Text,
    category: Text,
    article: Text,
    /// The article's first sentence, which ends with its own path.
    intro: String,
    /// The heading of its one section, and the section's text.
    next: String,
    steps: String,
}

/// A page's title and description.
#[derive(Debug, Deserialize)]
struct Text {
    title: String,
    description: String,
}

/// Every language with built-in UI strings: a starter in another one would fail
/// `check --strict` on its first run (every message missing).
const STARTERS: &str = include_str!("init/starters.yaml");

/// The locales a starter site gets without `--locales`.
pub const DEFAULT_LOCALES: &[&str] = &["en"];

const CATEGORY: &str = "getting-started";
const ARTICLE: &str = "welcome";

/// contact.yaml, commented out: a site has no contact flow until it is filled in.
const CONTACT: &str = "\
# The contact flow: uncomment and fill in to give every locale a contact page
# (see \"Contact flow\" in kbgen's README). While every line is a comment, the
# site has no contact flow.
#
# channels:
#   email:
#     endpoint: https://support.example.org/contact   # the form POSTs here
# topics:
#   - { id: general, channels: [email] }
";

/// Writes a starter site into `dir` (created if needed) with `locales`, the first
/// being the default. Nothing that exists is overwritten. Returns the files
/// written, relative to `dir`.
pub fn init(dir: &Path, locales: &[String]) -> Result<Vec<PathBuf>> {
    let all: Vec<Starter> = serde_yaml::from_str(STARTERS).map_err(|e| {
        Error::Config(Diagnostic::error(
            "init/starters.yaml",
            format!("kbgen's starter text is broken: {e}"),
        ))
    })?;
    let starters = starters(&all, locales)?;
    let files = files(&starters);
    let taken: Vec<String> = std::iter::once(PathBuf::from("content"))
        .chain(files.iter().map(|(p, _)| p.clone()))
        .filter(|p| dir.join(p).exists())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Config(Diagnostic::error(
            dir,
            format!(
                "this folder already has {}: kbgen init only starts new sites; pick an empty folder, e.g. `kbgen init help-center`",
                taken.join(", ")
            ),
        )));
    }
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    // Translations made from the current English text are up to date: stamp them,
    // so that `check --strict` passes from the start.
    let translations: Vec<String> = starters[1..].iter().map(|s| s.code.to_string()).collect();
    if !translations.is_empty() {
        let config = Config::load(dir, &Overrides::default())?;
        crate::stamp::stamp(&config, &translations)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// The starters of `codes`, in that order.
fn starters<'a>(all: &'a [Starter], codes: &[String]) -> Result<Vec<&'a Starter>> {
    let known: Vec<&str> = all.iter().map(|s| s.code.as_str()).collect();
    let mut out: Vec<&Starter> = Vec::new();
    for code in codes {
        let Some(s) = all.iter().find(|s| &s.code == code) else {
            return Err(usage(format!(
                "kbgen has no built-in UI strings for `{code}`; start with some of {} and add the locale later (site.yaml and locales/{code}/*.ftl)",
                known.join(", ")
            )));
        };
        if out.iter().any(|o| o.code == s.code) {
            return Err(usage(format!("locale `{code}` is listed twice")));
        }
        out.push(s);
    }
    if out.is_empty() {
        return Err(usage(
            "--locales is empty: name at least one, e.g. `--locales en,de`".into(),
        ));
    }
    Ok(out)
}

fn usage(message: String) -> Error {
    Error::Config(Diagnostic::error("--locales", message))
}

/// Every file of the starter site, relative to its folder.
fn files(starters: &[&Starter]) -> Vec<(PathBuf, String)> {
    let default = &starters[0].code;
    let mut site = format!(
        "# kbgen site configuration; see \"Content layout\" in kbgen's README.\n\
         base_url: https://help.example.org   # where the site will be published\n\
         default_locale: {default}\n\
         locales:                              # order = order of the language switcher\n"
    );
    for s in starters {
        site.push_str(&format!("  - {{ code: {}, name: {} }}\n", s.code, s.name));
    }
    let mut files = vec![
        (PathBuf::from(CONFIG_FILE), site),
        (PathBuf::from("contact.yaml"), CONTACT.to_string()),
        (PathBuf::from(".gitignore"), "/public/\n".to_string()),
    ];
    for s in starters {
        // The built-in site title is the example's: the starter names its own,
        // where the writer will look for it.
        let title = format!(
            "# UI strings of this site; they override kbgen's built-in ones.\nsite-title = {}\n",
            s.home.title
        );
        files.push((
            PathBuf::from("locales").join(&s.code).join("site.ftl"),
            title,
        ));
        let dir = PathBuf::from("content").join(&s.code);
        let article = dir.join(CATEGORY).join(format!("{ARTICLE}.md"));
        files.push((dir.join("_index.md"), page(&s.home, "")));
        files.push((
            dir.join(CATEGORY).join("_index.md"),
            page(&s.category, "order: 1\n"),
        ));
        let body = format!(
            "{} `{}`.\n\n## {} {{#next-steps}}\n\n{}\n",
            s.intro,
            article.display(),
            s.next,
            s.steps
        );
        files.push((article, page(&s.article, "order: 1\n") + "\n" + &body));
    }
    files
}

/// A Markdown file with front matter and no body.
fn page(text: &Text, extra: &str) -> String {
    format!(
        "---\ntitle: {}\ndescription: {}\n{extra}---\n",
        text.title, text.description
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_repeated_locales_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = init(dir.path(), &["en".into(), "xx".into()]).unwrap_err();
        assert!(
            err.to_string().contains("no built-in UI strings for `xx`"),
            "{err}"
        );
        let err = init(dir.path(), &["en".into(), "en".into()]).unwrap_err();
        assert!(err.to_string().contains("listed twice"), "{err}");
        assert!(!dir.path().join("site.yaml").exists(), "nothing written");
    }

    #[test]
    fn every_starter_language_builds_clean() {
        let dir = tempfile::tempdir().unwrap();
        let all: Vec<Starter> = serde_yaml::from_str(STARTERS).unwrap();
        let codes: Vec<String> = all.iter().map(|s| s.code.clone()).collect();
        init(dir.path(), &codes).unwrap();
        let config = Config::load(dir.path(), &Overrides::default()).unwrap();
        let report = crate::check::check(config, crate::check::Date::today()).unwrap();
        assert!(report.passes(true), "{:#?}", report.problems);
        assert_eq!(report.translations.len(), 3 * (codes.len() - 1));
    }
}
