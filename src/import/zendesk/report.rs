//! What an import did, or with `--dry-run` would do: pages, translations,
//! attachments and redirects per locale, and every construct that could not be
//! carried over faithfully, by article.

use std::fmt;
use std::path::PathBuf;

use crate::config::Config;

use super::export::Id;

/// Counts for one site locale.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    pub translations: usize,
    pub attachments: usize,
    pub redirects: usize,
}

#[derive(Debug)]
pub struct Report {
    /// Site locale code and its counts, in site.yaml's order.
    pub locales: Vec<(String, Counts)>,
    /// `article <id> (<zendesk locale>): what was lost`.
    pub lost: Vec<String>,
    /// Things skipped or decided, each naming the file and the id.
    pub notes: Vec<String>,
    /// Files under `content/` written (or, in a dry run, that would be).
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
}

impl Report {
    pub fn new(config: &Config) -> Self {
        Report {
            locales: config
                .locales
                .iter()
                .map(|l| (l.code.clone(), Counts::default()))
                .collect(),
            lost: Vec::new(),
            notes: Vec::new(),
            written: Vec::new(),
            unchanged: 0,
        }
    }

    pub fn page(&mut self, locale: usize, translation: bool, redirects: usize) {
        let c = &mut self.locales[locale].1;
        if translation {
            c.translations += 1;
        } else {
            c.articles += 1;
        }
        c.redirects += redirects;
    }

    pub fn attachment(&mut self, locale: usize) {
        self.locales[locale].1.attachments += 1;
    }

    pub fn redirects(&mut self, locale: usize, n: usize) {
        self.locales[locale].1.redirects += n;
    }

    pub fn lost(&mut self, id: &Id, zendesk_locale: &str, what: &str) {
        self.lost
            .push(format!("article {id} ({zendesk_locale}): {what}"));
    }

    pub fn note(&mut self, what: String) {
        self.notes.push(what);
    }

    /// Prints the report; `dry_run` words it as what would happen.
    pub fn render(&self, dry_run: bool) -> String {
        struct Out<'a>(&'a Report, bool);
        impl fmt::Display for Out<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let Out(r, dry) = self;
                writeln!(
                    f,
                    "{:<8} {:>8} {:>12} {:>11} {:>9}",
                    "locale", "articles", "translations", "attachments", "redirects"
                )?;
                for (code, c) in &r.locales {
                    if c == &Counts::default() {
                        continue;
                    }
                    writeln!(
                        f,
                        "{code:<8} {:>8} {:>12} {:>11} {:>9}",
                        c.articles, c.translations, c.attachments, c.redirects
                    )?;
                }
                for line in &r.lost {
                    writeln!(f, "not converted faithfully: {line}")?;
                }
                for line in &r.notes {
                    writeln!(f, "note: {line}")?;
                }
                let verb = if *dry { "would write" } else { "wrote" };
                write!(
                    f,
                    "{verb} {} file(s) under content/, {} unchanged",
                    r.written.len(),
                    r.unchanged
                )?;
                if *dry {
                    write!(f, " (dry run: nothing written)")?;
                }
                writeln!(f)
            }
        }
        Out(self, dry_run).to_string()
    }
}
