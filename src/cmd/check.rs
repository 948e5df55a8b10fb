//! `kbgen check` and `kbgen stamp`

use std::io::Write as _;
use std::path::PathBuf;

use crate::Failed;
use crate::cmd::Verbosity;
use kbgen::check::{self, Date, Level};
use kbgen::config::{Config, Overrides};
use kbgen::diagnostic::{Diagnostic, Error, count, relative_path};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Examples and exit codes, at the end of `kbgen help check`.
pub const AFTER_HELP: &str = "\
Examples:
  kbgen check                                    errors fail; warnings and notes are listed
  kbgen check --strict                           CI: warnings and stale translations fail too
  kbgen check --format json --today 2026-01-31   for scripts, on a fixed date
  kbgen check -r help-center --drafts            another site folder, drafts included

Exit codes:
  0  passed
  1  errors (with --strict also warnings, or translations not up to date)
  2  usage or configuration errors (site.yaml, contact.yaml, flags)";

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Also fail (exit 1) on outdated, missing or orphan translations, broken
    /// images or contact links, missing Fluent messages and expired `review_by`.
    #[arg(long)]
    pub strict: bool,
    /// `text` for people, `json` for scripts (one document, described in the
    /// README).
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The date `review_by:` is compared with, YYYY-MM-DD [default: today, UTC].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// The previous build (its output folder) or a file of URLs, one a line: list
    /// every URL of it that the site neither publishes nor redirects now.
    #[arg(long, value_name = "DIR|FILE")]
    pub against: Option<PathBuf>,
    /// With --against: add the `aliases:` that bring moved pages' old URLs back.
    #[arg(long, requires = "against")]
    pub fix: bool,
    /// Check pages marked `draft: true` as published pages too.
    #[arg(long)]
    pub drafts: bool,
    /// Also list, per locale, the segments and words still to translate, new and
    /// changed apart (what `kbgen translate export` would send; Chinese, Japanese
    /// and Korean counted by characters).
    #[arg(long)]
    pub words: bool,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

#[derive(Debug, clap::Args)]
pub struct StampArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Translations to stamp: locale codes (every translation in the locale) or
    /// Markdown files under content/<locale>/.
    #[arg(required = true, value_name = "LOCALE|FILE")]
    pub targets: Vec<String>,
}

/// Runs the check; `Ok(false)` when it ran but did not pass.
pub fn run(args: CheckArgs) -> Result<bool, Failed> {
    let today = match &args.today {
        Some(s) => Date::parse(s).ok_or_else(|| {
            Failed::from(Error::Config(Diagnostic::error(
                "--today",
                format!("`{s}` is not a date: write it as YYYY-MM-DD"),
            )))
        })?,
        None => Date::today(),
    };
    let in_site = Failed::in_site(&args.root);
    let overrides = Overrides {
        drafts: args.drafts,
        ..Overrides::default()
    };
    let config = Config::load(&args.root, &overrides).map_err(&in_site)?;
    let v = args.verbosity;
    if v.verbose && args.format == Format::Text {
        super::print_config(&config);
    }
    let mut report = check::check(config.clone(), today).map_err(&in_site)?;
    if let Some(previous) = &args.against {
        let fixed =
            check::against::against(&mut report, &config, previous, args.fix).map_err(&in_site)?;
        for f in fixed.iter().filter(|f| !f.aliases.is_empty()) {
            eprintln!(
                "added `aliases: [{}]` to {}",
                f.aliases.join(", "),
                f.path.display()
            );
        }
    }
    let out = match args.format {
        // Errors and warnings only, one per line: what must be fixed.
        Format::Text if v.quiet => report
            .problems
            .iter()
            .filter(|p| p.level != Level::Info)
            .map(|p| check::output::line(p) + "\n")
            .collect(),
        Format::Text => check::output::text(&report, args.strict),
        Format::Json => check::output::json(&report, args.strict),
    };
    let out = if args.words {
        let pages = kbgen::translate::pages::Pages::load(&config).map_err(&in_site)?;
        let table = kbgen::translate::words::table(&config, &pages);
        match args.format {
            Format::Json => words_json(&out, &table),
            Format::Text => out + &words_text(&table),
        }
    } else {
        out
    };
    // Not print!: it panics when the reader of a pipe (`| head`) has gone away.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(report.passes(args.strict))
}

pub fn stamp(args: StampArgs) -> Result<(), Failed> {
    let in_site = Failed::in_site(&args.root);
    let config = Config::load(&args.root, &Overrides::default()).map_err(&in_site)?;
    let written = kbgen::stamp::stamp(&config, &args.targets).map_err(&in_site)?;
    for path in &written {
        eprintln!("stamped {}", relative_path(&args.root, path).display());
    }
    eprintln!("{} stamped", count(written.len(), "file"));
    Ok(())
}

/// The words table under the report.
fn words_text(table: &[kbgen::translate::words::Words]) -> String {
    let mut out = String::from(
        "\nTo translate   new segments   new words   changed segments   changed words\n",
    );
    for w in table {
        out.push_str(&format!(
            "{:<14} {:>12} {:>11} {:>18} {:>15}\n",
            w.locale, w.new_segments, w.new_words, w.changed_segments, w.changed_words
        ));
    }
    out
}

/// The JSON report with a `words` array added.
fn words_json(report: &str, table: &[kbgen::translate::words::Words]) -> String {
    match serde_json::from_str::<serde_json::Value>(report) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert(
                "words".into(),
                serde_json::to_value(table).unwrap_or_default(),
            );
            serde_json::to_string_pretty(&map).unwrap_or_default() + "\n"
        }
        _ => report.to_string(),
    }
}
