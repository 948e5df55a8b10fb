//! `kbgen check --against <previous output or URL list> [--fix]`: every URL the
//! previous build published that this site neither publishes nor redirects, with
//! the alias that brings it back; `--fix` writes those aliases into the moved
//! pages' front matter, leaving every other byte of the files as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Kind, Level, Problem, Report};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Result};
use crate::frontmatter;
use crate::frontmatter_edit::add_list_entry;
use crate::manifest::{self, Manifest, Vanished};

/// One file `--fix` changed, with the aliases it added.
#[derive(Debug)]
pub struct Fixed {
    pub path: PathBuf,
    pub aliases: Vec<String>,
}

/// Adds a problem to `report` for each URL of `previous` that vanished; with
/// `fix`, first adds the aliases that can be told and reports those as fixed.
pub fn against(
    report: &mut Report,
    config: &Config,
    previous: &Path,
    fix: bool,
) -> Result<Vec<Fixed>> {
    let old = Manifest::read(previous, config)?;
    // A site that does not resolve has its errors in the report already.
    let Some(new) = &report.manifest else {
        return Ok(Vec::new());
    };
    let vanished = manifest::vanished(&old, new, config);
    let mut fixed = Vec::new();
    let mut failed: BTreeMap<String, String> = BTreeMap::new();
    if fix {
        let mut by_file: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for m in vanished.iter().filter_map(|v| v.now.as_ref()) {
            let list = by_file.entry(&m.source).or_default();
            if !list.contains(&m.alias.as_str()) {
                list.push(&m.alias);
            }
        }
        for (source, aliases) in by_file {
            let path = config.root.join(source);
            match add_aliases(&path, &aliases) {
                Ok(added) => fixed.push(Fixed {
                    path,
                    aliases: added,
                }),
                Err(why) => {
                    failed.insert(source.to_string(), why);
                }
            }
        }
    }
    for v in &vanished {
        report
            .problems
            .push(problem(v, config, previous, fix, &failed));
    }
    report
        .problems
        .sort_by(|a, b| (a.level, &a.diagnostic, a.kind).cmp(&(b.level, &b.diagnostic, b.kind)));
    report.problems.dedup();
    Ok(fixed)
}

fn problem(
    v: &Vanished,
    config: &Config,
    previous: &Path,
    fix: bool,
    failed: &BTreeMap<String, String>,
) -> Problem {
    let d = manifest::diagnose(v, config, previous);
    match &v.now {
        Some(m) if fix => match failed.get(&m.source) {
            Some(why) => Problem::new(
                Level::Error,
                Kind::VanishedUrl,
                Diagnostic::error(
                    &d.path,
                    format!("could not add alias `{}` for {}: {why}", m.alias, v.url),
                ),
            ),
            None => Problem::new(
                Level::Info,
                Kind::VanishedUrl,
                Diagnostic::warning(
                    &d.path,
                    format!(
                        "published URL {} redirects to {} again: --fix added `{}` to `aliases:`",
                        v.url, m.url, m.alias
                    ),
                ),
            ),
        },
        _ => Problem::new(Level::Warning, Kind::VanishedUrl, d),
    }
}

/// Adds each of `aliases` the file does not list yet; returns those added.
fn add_aliases(path: &Path, aliases: &[&str]) -> std::result::Result<Vec<String>, String> {
    let mut text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    let present = {
        let split = frontmatter::split(path, &text).map_err(|d| d.message)?;
        let mut diagnostics = Vec::new();
        frontmatter::parse(path, &split, &mut diagnostics).aliases
    };
    let mut added = Vec::new();
    for alias in aliases {
        if present.iter().any(|p| p.trim() == *alias) {
            continue;
        }
        text = add_list_entry(&text, "aliases", alias)?;
        added.push(alias.to_string());
    }
    if !added.is_empty() {
        std::fs::write(path, &text).map_err(|e| format!("cannot write it: {e}"))?;
    }
    Ok(added)
}
