//! `kbgen report search LOG.jsonl`: what readers searched for and did not find.

use std::path::PathBuf;

use crate::Failed;
use kbgen::diagnostic::Error;
use kbgen::search::report;

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub what: Report,
}

#[derive(Debug, clap::Subcommand)]
pub enum Report {
    /// Per locale: top queries without results, without a click, or followed by a
    /// contact, and synonym or tag lines to add (the log of site.yaml
    /// `search_log_endpoint`, one JSON object a line).
    Search {
        /// The log file (JSON Lines).
        log: PathBuf,
        /// Queries listed per kind and locale.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
}

pub fn run(args: ReportArgs) -> Result<(), Failed> {
    let Report::Search { log, top } = args.what;
    let text = std::fs::read_to_string(&log).map_err(|e| Error::io(&log, e))?;
    let entries = report::read(&log, &text)?;
    print!("{}", report::report(&entries, top));
    Ok(())
}
