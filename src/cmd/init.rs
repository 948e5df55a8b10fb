//! `kbgen init`

use std::path::PathBuf;

use crate::Failed;
use crate::cmd::Verbosity;

/// Examples and exit codes, at the end of `kbgen help init`.
pub const AFTER_HELP: &str = "\
Examples:
  kbgen init help-center                         English only, in ./help-center/
  kbgen init help-center --locales en,de,fr      English first (the default locale)
  kbgen init                                     in the current folder

Exit codes:
  0  created
  1  a file could not be written
  2  usage errors: an unknown locale, or the folder already has a site";

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder of the new site (created if needed); nothing in it is replaced.
    #[arg(default_value = ".", value_name = "DIR")]
    pub dir: PathBuf,
    /// The site's locales, the default first: any of en, es, it, fr, nl, de, zh,
    /// pt, pl (the languages kbgen has UI strings for).
    #[arg(
        short,
        long,
        value_delimiter = ',',
        default_values_t = kbgen::init::DEFAULT_LOCALES.iter().map(|s| s.to_string()),
        value_name = "CODES"
    )]
    pub locales: Vec<String>,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

pub fn run(args: InitArgs) -> Result<(), Failed> {
    let written =
        kbgen::init::init(&args.dir, &args.locales).map_err(Failed::in_site(&args.dir))?;
    if args.verbosity.quiet {
        return Ok(());
    }
    if args.verbosity.verbose {
        for file in &written {
            eprintln!("created {}", file.display());
        }
    }
    let cd = if args.dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", args.dir.display())
    };
    eprintln!(
        "created a site with {} in {}\nnext: {cd}kbgen serve   (a live preview; then kbgen build and kbgen check --strict)",
        args.locales.join(", "),
        args.dir.display()
    );
    Ok(())
}
