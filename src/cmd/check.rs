//! `kbgen check` and `kbgen stamp`

use std::io::Write as _;
use std::path::PathBuf;

use crate::Failed;
use kbgen::check::{self, Date};
use kbgen::config::{Config, Overrides};
use kbgen::diagnostic::{Diagnostic, Error};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Also fail (exit 1) on outdated, missing or orphan translations, broken
    /// images or contact links, missing Fluent messages and expired `review_by`.
    #[arg(long)]
    pub strict: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The date `review_by:` is compared with, YYYY-MM-DD [default: today, UTC].
    #[arg(long)]
    pub today: Option<String>,
    /// The previous build (its output folder) or a file of URLs, one a line: list
    /// every URL of it that the site neither publishes nor redirects now.
    #[arg(long, value_name = "DIR|FILE")]
    pub against: Option<PathBuf>,
    /// With --against: add the `aliases:` that bring moved pages' old URLs back.
    #[arg(long, requires = "against")]
    pub fix: bool,
}

#[derive(Debug, clap::Args)]
pub struct StampArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(long, default_value = ".")]
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
    let config = Config::load(&args.root, &Overrides::default())?;
    let mut report = check::check(config.clone(), today)?;
    if let Some(previous) = &args.against {
        let fixed = check::against::against(&mut report, &config, previous, args.fix)?;
        for f in fixed.iter().filter(|f| !f.aliases.is_empty()) {
            eprintln!(
                "added `aliases: [{}]` to {}",
                f.aliases.join(", "),
                f.path.display()
            );
        }
    }
    let out = match args.format {
        Format::Text => check::output::text(&report, args.strict),
        Format::Json => check::output::json(&report, args.strict),
    };
    // Not print!: it panics when the reader of a pipe (`| head`) has gone away.
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(report.passes(args.strict))
}

pub fn stamp(args: StampArgs) -> Result<(), Failed> {
    let config = Config::load(&args.root, &Overrides::default())?;
    let written = check::stamp::stamp(&config, &args.targets)?;
    for path in &written {
        eprintln!("stamped {}", path.display());
    }
    eprintln!("{} files stamped", written.len());
    Ok(())
}
