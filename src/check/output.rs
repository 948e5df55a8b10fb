//! `kbgen check`'s output: a locale × status table with the problems as
//! `file:line:col: level: message` lines, or one stable JSON document (version 1,
//! described in the README).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Level, Problem, Report, Status, Translation};

/// The JSON document's layout version; bumped on any incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    today: String,
    default_locale: &'a str,
    locales: &'a [String],
    strict: bool,
    passed: bool,
    summary: Summary,
    translations: &'a [Translation],
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    info: usize,
    /// Locale -> status -> count, for every locale but the default.
    translations: BTreeMap<String, BTreeMap<Status, usize>>,
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    level: Level,
    kind: super::Kind,
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

fn counts(report: &Report) -> BTreeMap<String, BTreeMap<Status, usize>> {
    let mut out: BTreeMap<String, BTreeMap<Status, usize>> = BTreeMap::new();
    for code in report
        .locales
        .iter()
        .filter(|c| **c != report.default_locale)
    {
        out.insert(code.clone(), Status::ALL.iter().map(|s| (*s, 0)).collect());
    }
    for t in &report.translations {
        if let Some(n) = out.get_mut(&t.locale).and_then(|m| m.get_mut(&t.status)) {
            *n += 1;
        }
    }
    out
}

pub fn json(report: &Report, strict: bool) -> String {
    let doc = Json {
        version: JSON_VERSION,
        today: report.today.to_string(),
        default_locale: &report.default_locale,
        locales: &report.locales,
        strict,
        passed: report.passes(strict),
        summary: Summary {
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warning),
            info: report.count(Level::Info),
            translations: counts(report),
        },
        translations: &report.translations,
        problems: report
            .problems
            .iter()
            .map(|p| JsonProblem {
                level: p.level,
                kind: p.kind,
                path: p.diagnostic.path.display().to_string(),
                line: p.diagnostic.line,
                column: p.diagnostic.col,
                message: &p.diagnostic.message,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// One problem as `file:line:col: level: message`.
pub fn line(p: &Problem) -> String {
    let d = &p.diagnostic;
    let mut s = d.path.display().to_string();
    if let Some(line) = d.line {
        let _ = write!(s, ":{line}");
        if let Some(col) = d.col {
            let _ = write!(s, ":{col}");
        }
    }
    let label = match p.level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
    };
    let _ = write!(s, ": {label}: {}", d.message);
    s
}

pub fn text(report: &Report, strict: bool) -> String {
    let mut out = String::new();
    let counts = counts(report);
    let _ = writeln!(
        out,
        "translations of {} pages, by locale:",
        report.default_locale
    );
    let header: Vec<&str> = Status::ALL.iter().map(|s| s.label()).collect();
    let _ = writeln!(
        out,
        "{:<8} {:>10} {:>10} {:>10} {:>10}",
        "locale", header[0], header[1], header[2], header[3]
    );
    for (code, by_status) in &counts {
        let n: Vec<usize> = Status::ALL.iter().map(|s| by_status[s]).collect();
        let _ = writeln!(
            out,
            "{code:<8} {:>10} {:>10} {:>10} {:>10}",
            n[0], n[1], n[2], n[3]
        );
    }
    for t in report
        .translations
        .iter()
        .filter(|t| t.status != Status::UpToDate)
    {
        let file = t
            .path
            .as_ref()
            .or(t.source.as_ref())
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut detail = match t.status {
            Status::Outdated => format!("outdated ({})", t.reason.unwrap_or("source changed")),
            Status::Missing => format!("missing in {}", t.locale),
            Status::Orphan => format!("orphan: no {}.md in {}", t.key, report.default_locale),
            Status::UpToDate => String::new(),
        };
        if !t.sections.is_empty() {
            let list: Vec<String> = t
                .sections
                .iter()
                .map(|s| format!("{} {}", s.id, s.change))
                .collect();
            let _ = write!(detail, "; sections: {}", list.join(", "));
        }
        for b in &t.blocks {
            let _ = match (&b.section, &b.excerpt) {
                (Some(s), Some(x)) => write!(
                    detail,
                    "; {} {} in {s}: \u{201c}{x}\u{201d}",
                    b.kind, b.change
                ),
                _ => write!(detail, "; a {} {}", b.kind, b.change),
            };
        }
        let _ = writeln!(out, "{file}: {detail}");
    }
    for p in &report.problems {
        out.push_str(&line(p));
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} errors, {} warnings, {} notes; {} translations not up to date{}",
        report.count(Level::Error),
        report.count(Level::Warning),
        report.count(Level::Info),
        report.stale(),
        match (report.passes(strict), strict) {
            (true, true) => "; passed (strict)",
            (true, false) => "; passed",
            (false, true) => "; failed (strict)",
            (false, false) => "; failed",
        }
    );
    out
}
