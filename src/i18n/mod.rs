//! UI strings: Fluent bundles per locale, layered (embedded default strings, then the
//! site's own `locales/<locale>/*.ftl`), with fallback to the default locale.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use include_dir::{Dir, include_dir};

pub mod lint;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result, line_col};

/// The default theme's strings, compiled in so that a site needs no `locales/` of its own.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// How deep `{ ... }` placeables may nest in a Fluent file. fluent-syntax parses
/// them recursively, so a hostile file nested 100,000 deep overflows the stack.
pub const MAX_FLUENT_DEPTH: usize = 64;

/// The byte offset where `{` placeables (and, inside them, `(` call arguments)
/// first nest deeper than [`MAX_FLUENT_DEPTH`]. String literals (`{ "{" }`) and
/// comment lines do not count.
pub fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = true;
    let mut comment = false;
    for (i, c) in text.char_indices() {
        if line_start {
            comment = c == '#';
        }
        line_start = c == '\n';
        if comment {
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '{' => {
                depth += 1;
                if depth > MAX_FLUENT_DEPTH {
                    return Some(i);
                }
            }
            '(' if depth > 0 => {
                depth += 1;
                if depth > MAX_FLUENT_DEPTH {
                    return Some(i);
                }
            }
            '}' | ')' => depth = depth.saturating_sub(1),
            '"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

pub struct Localizer {
    bundles: Vec<FluentBundle<FluentResource>>,
    /// Message ids per locale, to know when to fall back.
    ids: Vec<BTreeSet<String>>,
    default: usize,
}

/// Where the built-in UI strings appear to be, in messages.
pub const BUILT_IN: &str = "(built-in)";

/// A locale's Fluent files in the order they are layered: the built-in ones, then
/// the site's `locales/<code>/*.ftl`, each sorted by name. A file that cannot be
/// read is an error instead.
pub fn sources(config: &Config, code: &str) -> (Vec<(PathBuf, String)>, Vec<Diagnostic>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if let Some(dir) = EMBEDDED.get_dir(code) {
        let mut files: Vec<_> = dir
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort_by_key(|f| f.path());
        for f in files {
            let text = f.contents_utf8().unwrap_or_default().to_string();
            sources.push((Path::new(BUILT_IN).join("locales").join(f.path()), text));
        }
    }
    let site_dir = config.root.join("locales").join(code);
    if site_dir.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&site_dir)
            .max_depth(1)
            .into_iter()
            .filter_map(|e| e.ok())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        for path in files {
            match std::fs::read_to_string(&path) {
                // Editors on Windows start files with a byte-order mark; Fluent's
                // parser would read it as the start of a message.
                Ok(text) => match text.strip_prefix('\u{feff}') {
                    Some(rest) => sources.push((path, rest.to_string())),
                    None => sources.push((path, text)),
                },
                Err(e) => errors.push(Diagnostic::error(&path, format!("cannot read: {e}"))),
            }
        }
    }
    (sources, errors)
}

impl Localizer {
    /// Loads every locale's strings. Fluent syntax errors are content errors with
    /// file:line:col; a message missing in one locale is a warning.
    pub fn load(config: &Config, warnings: &mut Vec<Diagnostic>) -> Result<Localizer> {
        let mut errors = Vec::new();
        let mut bundles = Vec::new();
        let mut ids = Vec::new();
        for locale in &config.locales {
            let mut bundle = FluentBundle::new_concurrent(vec![locale.langid.clone()]);
            // Bidi isolation marks would end up inside HTML attributes and URLs.
            bundle.set_use_isolating(false);
            let mut names = BTreeSet::new();
            let (sources, unreadable) = sources(config, &locale.code);
            errors.extend(unreadable);
            for (path, text) in sources {
                if let Some(offset) = too_deep(&text) {
                    let (line, col) = line_col(&text, offset);
                    let message = format!(
                        "Fluent placeables nested more than {MAX_FLUENT_DEPTH} levels deep: flatten the message"
                    );
                    errors.push(Diagnostic::error(&path, message).at(line, col));
                    continue;
                }
                let resource = match FluentResource::try_new(text) {
                    Ok(r) => r,
                    Err((r, parse_errors)) => {
                        for e in parse_errors {
                            let (line, col) = line_col(r.source(), e.pos.start);
                            errors.push(
                                Diagnostic::error(&path, format!("Fluent syntax error: {e}"))
                                    .at(line, col),
                            );
                        }
                        r
                    }
                };
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry {
                        names.insert(m.id.name.to_string());
                    }
                }
                bundle.add_resource_overriding(resource);
            }
            bundles.push(bundle);
            ids.push(names);
        }
        if !errors.is_empty() {
            return Err(Error::Content(errors));
        }
        let default = config.default_locale;
        for (l, locale) in config.locales.iter().enumerate() {
            for missing in ids[default].difference(&ids[l]) {
                warnings.push(Diagnostic::warning(
                    config.root.join("locales").join(&locale.code),
                    format!(
                        "message `{missing}` is missing in {}; showing the {} text",
                        locale.code,
                        config.default_locale().code
                    ),
                ));
            }
        }
        Ok(Localizer {
            bundles,
            ids,
            default,
        })
    }

    /// Formats message `id` (or `id.attribute`) in `locale`, falling back to the
    /// default locale. An id known nowhere, or a missing variable, is an error.
    pub fn format(
        &self,
        locale: usize,
        id: &str,
        args: Option<&FluentArgs<'_>>,
    ) -> Result<String, String> {
        let (message_id, attribute) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let locale = if self.ids[locale].contains(message_id) {
            locale
        } else {
            self.default
        };
        let bundle = &self.bundles[locale];
        let message = bundle
            .get_message(message_id)
            .ok_or_else(|| format!("no Fluent message `{message_id}` in any locale"))?;
        let pattern = match attribute {
            Some(a) => message
                .get_attribute(a)
                .map(|a| a.value())
                .ok_or_else(|| format!("Fluent message `{message_id}` has no attribute `{a}`"))?,
            None => message
                .value()
                .ok_or_else(|| format!("Fluent message `{message_id}` has no value"))?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if let Some(e) = errors.first() {
            return Err(format!("Fluent message `{id}`: {e}"));
        }
        Ok(text.into_owned())
    }

    /// Shorthand for messages without arguments.
    pub fn text(&self, locale: usize, id: &str) -> Result<String, String> {
        self.format(locale, id, None)
    }

    /// Formats with numeric arguments, for plural forms.
    pub fn count(
        &self,
        locale: usize,
        id: &str,
        name: &'static str,
        n: i64,
    ) -> Result<String, String> {
        let mut args = FluentArgs::new();
        args.set(name, FluentValue::from(n));
        self.format(locale, id, Some(&args))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let yaml = "base_url: https://x.org\ndefault_locale: en\nlocales:\n  - {code: en, name: English}\n  - {code: pl, name: Polski}\n  - {code: zh, name: 中文}\n";
        let config = Config::parse(
            dir.path(),
            &dir.path().join("site.yaml"),
            yaml,
            &Overrides::default(),
        )
        .unwrap();
        (dir, config)
    }

    #[test]
    fn polish_plurals_follow_cldr() {
        let ftl = "n = { $count ->\n    [one] one\n    [few] few\n    [many] many\n   *[other] other\n}\n";
        let (_d, c) = site(&[
            ("locales/pl/t.ftl", ftl),
            ("locales/en/t.ftl", ftl),
            ("locales/zh/t.ftl", ftl),
        ]);
        let l = Localizer::load(&c, &mut Vec::new()).unwrap();
        let pl: Vec<String> = [1, 2, 5, 12, 22, 25, 101]
            .iter()
            .map(|&n| l.count(1, "n", "count", n).unwrap())
            .collect();
        assert_eq!(pl, ["one", "few", "many", "many", "few", "many", "many"]);
        let en: Vec<String> = [1, 2, 5]
            .iter()
            .map(|&n| l.count(0, "n", "count", n).unwrap())
            .collect();
        assert_eq!(en, ["one", "other", "other"]);
        assert_eq!(
            l.count(2, "n", "count", 1).unwrap(),
            "other",
            "Chinese has no plural forms"
        );
    }

    #[test]
    fn site_strings_override_and_missing_ones_fall_back() {
        let (_d, c) = site(&[(
            "locales/en/extra.ftl",
            "only-en = Only English\nsite-title = My help\n",
        )]);
        let mut warnings = Vec::new();
        let l = Localizer::load(&c, &mut warnings).unwrap();
        assert_eq!(l.text(0, "site-title").unwrap(), "My help");
        assert_eq!(l.text(1, "only-en").unwrap(), "Only English");
        assert!(
            warnings
                .iter()
                .any(|w| w.message.contains("`only-en` is missing in pl"))
        );
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let (_d, c) = site(&[("locales/pl/bad.ftl", "ok = fine\n\nbroken message\n")]);
        let err = Localizer::load(&c, &mut Vec::new()).err().unwrap();
        let d = &err.diagnostics()[0];
        assert!(d.path.ends_with("locales/pl/bad.ftl"));
        assert_eq!(d.line, Some(3));
        assert!(d.col.is_some());
    }

    #[test]
    fn deeply_nested_placeables_are_an_error_not_a_stack_overflow() {
        let deep = format!(
            "deep = {}\"x\"{}\n",
            "{ ".repeat(100_000),
            " }".repeat(100_000)
        );
        assert_eq!(too_deep(&deep), Some(7 + 2 * 64));
        assert_eq!(too_deep("a = { \"{{{{\" } {{ b }}\n# {{{{{{{{\n"), None);
        let calls = format!(
            "n = {{ {}1{} }}\n",
            "NUMBER(".repeat(1000),
            ")".repeat(1000)
        );
        assert!(too_deep(&calls).is_some());
        assert_eq!(too_deep("n = (((( { NUMBER($n) } ))))\n"), None);
        let (_d, c) = site(&[("locales/pl/deep.ftl", &deep)]);
        let err = Localizer::load(&c, &mut Vec::new()).err().unwrap();
        assert!(err.diagnostics()[0].message.contains("nested more than 64"));
    }

    #[test]
    fn unknown_message_is_an_error() {
        let (_d, c) = site(&[]);
        let l = Localizer::load(&c, &mut Vec::new()).unwrap();
        assert!(l.text(0, "no-such-message").is_err());
    }
}
