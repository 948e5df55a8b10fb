//! `kbgen build`

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::Failed;
use kbgen::config::{Config, Overrides};

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: <root>/public].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Overrides site.yaml's base_url, e.g. for a preview deployment.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Replace the output even if it is a non-empty folder that kbgen did not
    /// write (without its .kbgen-output file).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: BuildArgs) -> Result<(), Failed> {
    let overrides = Overrides {
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let config = Config::load(&args.root, &overrides)?;
    let output = args.output.unwrap_or_else(|| args.root.join("public"));
    let claim = kbgen::write::Claim::new(&config.root, &output, args.force)?;
    // Shown at once: they are about the output, not the content, and the build
    // may still fail.
    for w in claim.warnings() {
        eprintln!("{w}");
    }
    let result = kbgen::build::build(config, claim, std::io::stderr().is_terminal());
    let report = result.map_err(|error| Failed {
        error,
        note: format!("build failed; {} was left as it was", output.display()),
    })?;
    for w in &report.warnings {
        eprintln!("{w}");
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
        "built {} pages in {} locales ({}); {} fallback pages; {} warnings; {:.2} s -> {}",
        report.pages(),
        report.locales.len(),
        per_locale.join(", "),
        fallbacks,
        report.warnings.len(),
        report.elapsed.as_secs_f64(),
        output.display()
    );
    Ok(())
}
