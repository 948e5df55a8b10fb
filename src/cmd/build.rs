//! `kbgen build`

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::Failed;
use crate::cmd::Verbosity;
use kbgen::config::{Config, Overrides};
use kbgen::diagnostic::{count, relative_path};

/// Examples and exit codes, at the end of `kbgen help build`.
pub const AFTER_HELP: &str = "\
Examples:
  kbgen build                                    build ./ into ./public/
  kbgen build -r help-center -o /tmp/site        another site folder and output
  kbgen build -u https://example.org/help        a preview under another base URL
  kbgen build --drafts                           include `draft: true` pages
  kbgen build --timings                          time each stage, show peak memory

Exit codes:
  0  built
  1  content, translation or template errors (all listed, as file:line:col)
  2  usage or configuration errors (site.yaml, contact.yaml, flags)";

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public]. Written atomically: the
    /// old output stays until the new one is complete.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's base_url, e.g. for a preview deployment; its path
    /// (`/help`) becomes a prefix of every URL.
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Replace the output even if it is a non-empty folder that kbgen did not
    /// write (without its .kbgen-output file).
    #[arg(long)]
    pub force: bool,
    /// At the end, print the wall and CPU time of each stage (load, resolve,
    /// pages, index, finish, swap) and the peak memory.
    #[arg(long)]
    pub timings: bool,
    #[command(flatten)]
    pub verbosity: Verbosity,
}

pub fn run(args: BuildArgs) -> Result<(), Failed> {
    let root = args.root;
    let in_site = Failed::in_site(&root);
    let overrides = Overrides {
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let config = Config::load(&root, &overrides).map_err(&in_site)?;
    let v = args.verbosity;
    if v.verbose {
        super::print_config(&config);
    }
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let shown = relative_path(&root, &output).display().to_string();
    let claim = kbgen::write::Claim::new(&config.root, &output, args.force).map_err(&in_site)?;
    // Shown at once: they are about the output, not the content, and the build
    // may still fail.
    if !v.quiet {
        for w in claim.warnings() {
            eprintln!("{}", w.clone().relative_to(&root));
        }
    }
    let progress = !v.quiet && std::io::stderr().is_terminal();
    let report = kbgen::build::build(config, claim, progress).map_err(|error| Failed {
        note: format!("build failed; {shown} was left as it was"),
        ..in_site(error)
    })?;
    if !v.quiet {
        print_summary(&report, &root, &shown, v.verbose);
    }
    // Asked for, so shown with --quiet too.
    if args.timings {
        eprint!("{}", report.timings.table());
    }
    Ok(())
}

/// The build's warnings, with `verbose` the pages each locale shows untranslated,
/// and the summary line.
fn print_summary(report: &kbgen::build::Report, root: &Path, shown: &str, verbose: bool) {
    for w in &report.warnings {
        eprintln!("{}", w.clone().relative_to(root));
    }
    if verbose {
        for (code, keys) in &report.fallback_keys {
            if !keys.is_empty() {
                eprintln!("{code}: shown untranslated: {}", keys.join(", "));
            }
        }
    }
    let per_locale: Vec<String> = report
        .locales
        .iter()
        .map(|(code, pages, fallbacks)| {
            if *fallbacks > 0 {
                format!("{code} {pages} ({fallbacks} fallback)")
            } else {
                format!("{code} {pages}")
            }
        })
        .collect();
    let fallbacks: usize = report.locales.iter().map(|l| l.2).sum();
    eprintln!(
        "built {} in {} ({}); {}; {}; {:.2} s -> {shown}",
        count(report.pages(), "page"),
        count(report.locales.len(), "locale"),
        per_locale.join(", "),
        count(fallbacks, "fallback page"),
        count(report.warnings.len(), "warning"),
        report.elapsed.as_secs_f64(),
    );
}
