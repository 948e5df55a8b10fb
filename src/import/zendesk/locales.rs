//! Zendesk's locale codes (`en-us`, `pt-br`, `zh-cn`, `es-419`) to the site's:
//! `--locale-map` first, then the same code, then the one site locale with the
//! same language.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error};

use super::export::Export;

/// Zendesk locale (lower case) -> site locale index; `None` for `=skip`.
#[derive(Debug, Default)]
pub struct Mapping(BTreeMap<String, Option<usize>>);

impl Mapping {
    pub fn get(&self, zendesk: &str) -> Option<usize> {
        self.0.get(&zendesk.to_ascii_lowercase()).copied().flatten()
    }

    pub fn skipped(&self, zendesk: &str) -> bool {
        matches!(self.0.get(&zendesk.to_ascii_lowercase()), Some(None))
    }
}

/// `en-us=en,pt-br=pt,fr-ca=skip` as given to `--locale-map`.
pub fn parse_locale_map(text: &str) -> Result<BTreeMap<String, String>, Error> {
    let mut map = BTreeMap::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((from, to)) = pair.split_once('=') else {
            return Err(Error::Config(Diagnostic::error(
                "--locale-map",
                format!("`{pair}` is not ZENDESK=SITE: write it as `pt-br=pt` (or `pt-br=skip`)"),
            )));
        };
        map.insert(from.trim().to_ascii_lowercase(), to.trim().to_string());
    }
    Ok(map)
}

/// Maps every locale the export uses. A locale with no site locale is an error
/// naming where it is used and what to pass.
pub fn map(
    config: &Config,
    given: &BTreeMap<String, String>,
    export: &Export,
) -> Result<Mapping, Vec<Diagnostic>> {
    let mut used: BTreeMap<String, (std::path::PathBuf, String)> = BTreeMap::new();
    let mut seen = |locale: Option<&str>, file: &std::path::Path, id: &dyn std::fmt::Display| {
        if let Some(l) = locale {
            used.entry(l.to_ascii_lowercase())
                .or_insert_with(|| (file.to_path_buf(), id.to_string()));
        }
    };
    for a in &export.articles {
        seen(a.item.source_locale.as_deref(), &a.file, &a.item.id);
        seen(a.item.locale.as_deref(), &a.file, &a.item.id);
    }
    for (id, ts) in &export.translations {
        for t in ts {
            seen(t.item.locale.as_deref(), &t.file, id);
        }
    }
    let codes: Vec<&str> = config.locales.iter().map(|l| l.code.as_str()).collect();
    let mut errors = Vec::new();
    for (from, to) in given {
        if to != "skip" && config.locale_index(to).is_none() {
            errors.push(Diagnostic::error(
                "--locale-map",
                format!(
                    "`{from}={to}`: site.yaml has no locale `{to}` (it has {}); map to one of them or to `skip`",
                    codes.join(", ")
                ),
            ));
        }
    }
    let mut mapping = Mapping::default();
    for (zendesk, (file, id)) in &used {
        let found = match given.get(zendesk) {
            Some(to) if to == "skip" => Ok(None),
            Some(to) => Ok(config.locale_index(to)),
            None => guess(config, zendesk).map(Some),
        };
        match found {
            Ok(l) => {
                mapping.0.insert(zendesk.clone(), l);
            }
            Err(why) => errors.push(Diagnostic::error(
                file,
                format!(
                    "article {id}: locale `{zendesk}` {why} (site locales: {}): add it to site.yaml's `locales:`, or pass --locale-map {zendesk}=<site locale> (or {zendesk}=skip)",
                    codes.join(", ")
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(mapping)
    } else {
        Err(errors)
    }
}

fn guess(config: &Config, zendesk: &str) -> Result<usize, &'static str> {
    if let Some(i) = config
        .locales
        .iter()
        .position(|l| l.code.eq_ignore_ascii_case(zendesk))
    {
        return Ok(i);
    }
    let language = zendesk.split(['-', '_']).next().unwrap_or_default();
    let same: Vec<usize> = config
        .locales
        .iter()
        .enumerate()
        .filter(|(_, l)| l.langid.language.as_str().eq_ignore_ascii_case(language))
        .map(|(i, _)| i)
        .collect();
    match same.as_slice() {
        [i] => Ok(*i),
        [] => Err("is not in site.yaml"),
        _ => Err("matches several site locales by language"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn config(locales: &str) -> Config {
        let yaml = format!("base_url: https://h.test\ndefault_locale: en\nlocales: [{locales}]\n");
        Config::parse(
            std::path::Path::new("."),
            std::path::Path::new("site.yaml"),
            &yaml,
            &Overrides::default(),
        )
        .unwrap()
    }

    #[test]
    fn zendesk_codes_map_by_language_when_unambiguous() {
        let c = config(
            "{code: en, name: E}, {code: zh, name: Z}, {code: pt, name: P}, {code: es, name: S}",
        );
        assert_eq!(guess(&c, "en-us"), Ok(0));
        assert_eq!(guess(&c, "zh-cn"), Ok(1));
        assert_eq!(guess(&c, "zh-tw"), Ok(1));
        assert_eq!(guess(&c, "pt-br"), Ok(2));
        assert_eq!(guess(&c, "es-419"), Ok(3));
        assert!(guess(&c, "nl").is_err());
        let c = config("{code: en, name: E}, {code: pt-br, name: B}, {code: pt-pt, name: P}");
        assert_eq!(guess(&c, "PT-BR"), Ok(1));
        assert_eq!(
            guess(&c, "pt"),
            Err("matches several site locales by language")
        );
    }

    #[test]
    fn the_map_is_pairs_and_says_how_when_not() {
        let m = parse_locale_map("en-US=en, pt-br=skip").unwrap();
        assert_eq!(m["en-us"], "en");
        assert_eq!(m["pt-br"], "skip");
        assert!(parse_locale_map("en-us").is_err());
    }
}
