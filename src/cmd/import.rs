//! `kbgen import zendesk`

use std::path::PathBuf;

use crate::Failed;
use kbgen::config::{Config, Overrides};
use kbgen::import::zendesk;

/// Examples and exit codes, at the end of `kbgen help import zendesk`.
pub const AFTER_HELP: &str = "\
Examples:
  kbgen import zendesk export/ --dry-run                  the report, nothing written
  kbgen import zendesk export/ -r help-center             into help-center/content/
  kbgen import zendesk export/ --locale-map en-gb=en,fr-ca=skip

Exit codes:
  0  imported (or, with --dry-run, would import)
  1  the export cannot be imported as it is (all problems listed); nothing written
  2  usage or configuration errors (site.yaml, --locale-map)";

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub from: From,
}

#[derive(Debug, clap::Subcommand)]
pub enum From {
    /// A Zendesk Guide export: the Help Center API's JSON saved to a folder.
    #[command(after_help = AFTER_HELP)]
    Zendesk(ZendeskArgs),
}

#[derive(Debug, clap::Args)]
pub struct ZendeskArgs {
    /// The export: categories.json, sections.json, articles.json (or
    /// articles-1.json, ...), translations/<article id>.json, attachments/.
    #[arg(value_name = "EXPORT_DIR")]
    pub export: PathBuf,
    /// The site folder (with site.yaml); only its content/ is written.
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Zendesk locale = site locale (or `skip`), comma-separated, before the
    /// automatic mapping by language: `en-gb=en,pt-br=pt,fr-ca=skip`.
    #[arg(long, value_name = "ZENDESK=SITE,...")]
    pub locale_map: Option<String>,
    /// Print the report, write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: ImportArgs) -> Result<(), Failed> {
    let From::Zendesk(args) = args.from;
    let config =
        Config::load(&args.root, &Overrides::default()).map_err(Failed::in_site(&args.root))?;
    let locale_map = match &args.locale_map {
        Some(text) => zendesk::parse_locale_map(text)?,
        None => Default::default(),
    };
    let options = zendesk::Options {
        export: args.export.clone(),
        locale_map,
        dry_run: args.dry_run,
    };
    let report = zendesk::import(&config, &options).map_err(|e| Failed {
        note: "nothing was written: fix the export (or the flags) and import again".into(),
        ..Failed::in_site(&args.root)(e)
    })?;
    print!("{}", report.render(args.dry_run));
    Ok(())
}
