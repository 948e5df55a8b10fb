//! Anchors across translations: every `#anchor` must name a heading of the page it
//! points to, as written in the link's own language.
//!
//! A page shown as a fallback (English text in Polish) links to the Polish pages,
//! whose heading ids are the translators'. The writer wrote the link against the
//! English page, so it is checked there; where a translation lacks the id, the
//! build still succeeds and one warning tells which heading of which translation
//! needs `{#id}`, so that the link lands on it. The same problem in several locales
//! is one message listing them.

use std::collections::{BTreeMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, AnchorRef};
use crate::resolve::Site;

/// What the anchor check found.
#[derive(Debug, Default)]
pub struct Found {
    /// Anchors that name no heading of the page as written: the build fails.
    pub errors: Vec<Diagnostic>,
    /// Right anchors that a translation shown beside a fallback lacks.
    pub warnings: Vec<Diagnostic>,
}

/// One link with an anchor, and the locales it failed in.
struct Failure<'a> {
    source: usize,
    anchor: &'a AnchorRef,
    locales: Vec<usize>,
}

/// Checks every anchor. `pages` gives each page's locale, source index and anchors;
/// `ids_of(locale, key)` the heading ids of a page as shown in a locale.
pub fn check<'a, 'i>(
    site: &Site,
    pages: impl Iterator<Item = (usize, usize, &'a [AnchorRef])>,
    ids_of: impl Fn(usize, &str) -> Option<&'i HashSet<String>>,
) -> Found {
    let has =
        |locale: usize, key: &str, id: &str| ids_of(locale, key).is_some_and(|k| k.contains(id));
    // By link (source file, offset), so each becomes one message.
    let mut broken: BTreeMap<(usize, usize), Failure> = BTreeMap::new();
    let mut untranslated: BTreeMap<(usize, usize), Failure> = BTreeMap::new();
    for (locale, source, anchors) in pages {
        let written_in = site.sources()[source].locale;
        for a in anchors {
            if has(locale, &a.key, &a.anchor) {
                continue;
            }
            let into = if locale != written_in && has(written_in, &a.key, &a.anchor) {
                &mut untranslated
            } else {
                &mut broken
            };
            into.entry((source, a.offset))
                .or_insert_with(|| Failure {
                    source,
                    anchor: a,
                    locales: Vec::new(),
                })
                .locales
                .push(locale);
        }
    }
    let mut found = Found::default();
    for f in broken.into_values() {
        let shown = *f.locales.iter().min().unwrap_or(&0);
        let mut available: Vec<&str> = ids_of(shown, &f.anchor.key)
            .map(|k| k.iter().map(String::as_str).collect())
            .unwrap_or_default();
        available.sort_unstable();
        let message = format!(
            "broken anchor `{}`: {}.md has no heading with id `{}` in {} (ids: {})",
            f.anchor.href,
            f.anchor.key,
            f.anchor.anchor,
            locale_list(site, &f.locales),
            if available.is_empty() {
                "none".into()
            } else {
                available.join(", ")
            }
        );
        found.errors.push(at_link(site, &f, message));
    }
    for f in untranslated.into_values() {
        found.warnings.push(untranslated_warning(site, &f));
    }
    found
}

/// "the locale pl" or "the locales de, fr, it", in site.yaml's order.
fn locale_list(site: &Site, locales: &[usize]) -> String {
    let mut sorted = locales.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let codes: Vec<&str> = sorted
        .iter()
        .map(|&l| site.config().locales[l].code.as_str())
        .collect();
    match codes.as_slice() {
        [one] => format!("locale {one}"),
        many => format!("locales {}", many.join(", ")),
    }
}

fn at_link(site: &Site, f: &Failure, message: String) -> Diagnostic {
    let source = &site.sources()[f.source];
    let (line, col) = markdown::position(source, f.anchor.offset);
    Diagnostic::error(&source.path, message).at(line, col)
}

/// The warning for a right anchor that translations lack: where to add `{#id}`.
fn untranslated_warning(site: &Site, f: &Failure) -> Diagnostic {
    let written_in = site.sources()[f.source].locale;
    let id = &f.anchor.anchor;
    let mut fixes = Vec::new();
    for &l in &f.locales {
        let Some(translation) = site
            .translations()
            .get(&f.anchor.key)
            .and_then(|t| t[l])
            .map(|s| &site.sources()[s])
        else {
            continue;
        };
        let original = site
            .translations()
            .get(&f.anchor.key)
            .and_then(|t| t[written_in])
            .map(|s| &site.sources()[s]);
        let fix = match original.and_then(|o| matching_heading(o, translation, id)) {
            Some((line, text)) => format!(
                "{}:{line}: `{} {{#{id}}}`",
                translation.path.display(),
                text.trim_end()
            ),
            None => format!("{}: the heading that matches", translation.path.display()),
        };
        fixes.push(fix);
    }
    let message = format!(
        "anchor `{}` is right in {}, but this page is shown untranslated in {} too, \
         where {}.md is translated and has no heading with id `{id}`, so the link lands \
         at the top of the page: add `{{#{id}}}` to the translated heading ({})",
        f.anchor.href,
        site.config().locales[written_in].code,
        locale_list(site, &f.locales),
        f.anchor.key,
        fixes.join("; ")
    );
    let mut d = at_link(site, f, message);
    d.severity = crate::diagnostic::Severity::Warning;
    d
}

/// The line (file line, 1-based) and text of the translation's heading at the same
/// place as the original's heading `id`, when both have the same h2/h3 outline.
fn matching_heading(
    original: &crate::load::SourcePage,
    translation: &crate::load::SourcePage,
    id: &str,
) -> Option<(usize, String)> {
    let ours = markdown::sections(original);
    let theirs = markdown::sections(translation);
    let ours: Vec<_> = ours.iter().filter(|s| s.id.is_some()).collect();
    let theirs: Vec<_> = theirs.iter().filter(|s| s.id.is_some()).collect();
    if ours.len() != theirs.len() {
        return None;
    }
    let i = ours.iter().position(|s| s.id.as_deref() == Some(id))?;
    let heading = &theirs[i].heading;
    // The heading's own line, so the writer can jump to it.
    let (n, line) = translation
        .body()
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with('#') && l.contains(heading.as_str()))?;
    Some((translation.body_line + n, line.trim().to_string()))
}
