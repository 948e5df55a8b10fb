//! `kbgen translate export` and `kbgen translate import`

use std::path::PathBuf;

use crate::Failed;
use kbgen::config::{Config, Overrides};
use kbgen::diagnostic::{count, relative_path};
use kbgen::translate::{export, import};

pub const AFTER_HELP: &str = "\
Examples:
  kbgen translate export --to it,de                 translations/it.po and translations/de.po
  kbgen translate export --to zh --format xliff     translations/zh.xlf (XLIFF 1.2)
  kbgen translate export --to pl --only outdated    only what changed or is new since the last pass
  kbgen translate import translations/it.po         the finished translations back into content/it/

A segment is imported once it is translated and not fuzzy (PO) or its target's
state is `translated`, `signed-off` or `final` (XLIFF). A page is written only when
every one of its segments is, and is left untouched when nothing in it changed.";

#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    #[command(subcommand)]
    pub command: TranslateCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum TranslateCommand {
    /// Write the default locale's segments for translators, one file per locale.
    Export(ExportArgs),
    /// Write the translations of PO or XLIFF files back into content/<locale>/.
    Import(ImportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Po,
    Xliff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OnlyArg {
    All,
    Outdated,
    Missing,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Locales to translate into, comma-separated.
    #[arg(long, required = true, value_delimiter = ',', value_name = "LOCALE")]
    pub to: Vec<String>,
    #[arg(long, value_enum, default_value = "po")]
    pub format: FormatArg,
    /// `all` segments, only `outdated` ones (changed or new in translated pages),
    /// or only pages `missing` in the locale.
    #[arg(long, value_enum, default_value = "all")]
    pub only: OnlyArg,
    /// Where the files go.
    #[arg(short, long, default_value = "translations", value_name = "DIR")]
    pub output: PathBuf,
    /// One file per page (DIR/<locale>/<page>.po) instead of one per locale.
    #[arg(long)]
    pub split: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// PO (.po) or XLIFF (.xlf, .xliff) files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

pub fn run(args: TranslateArgs) -> Result<(), Failed> {
    match args.command {
        TranslateCommand::Export(a) => run_export(a),
        TranslateCommand::Import(a) => run_import(a),
    }
}

fn run_export(args: ExportArgs) -> Result<(), Failed> {
    let in_site = Failed::in_site(&args.root);
    let config = Config::load(&args.root, &Overrides::default()).map_err(&in_site)?;
    let options = export::Options {
        locales: args.to,
        format: match args.format {
            FormatArg::Po => export::Format::Po,
            FormatArg::Xliff => export::Format::Xliff,
        },
        only: match args.only {
            OnlyArg::All => export::Only::All,
            OnlyArg::Outdated => export::Only::Outdated,
            OnlyArg::Missing => export::Only::Missing,
        },
        out: args.output,
        split: args.split,
    };
    let written = export::export(&config, &options).map_err(&in_site)?;
    for path in &written {
        eprintln!("wrote {}", path.display());
    }
    eprintln!("{} written", count(written.len(), "file"));
    Ok(())
}

fn run_import(args: ImportArgs) -> Result<(), Failed> {
    let in_site = Failed::in_site(&args.root);
    let config = Config::load(&args.root, &Overrides::default()).map_err(&in_site)?;
    let done = import::import(&config, &args.files).map_err(&in_site)?;
    for path in &done.written {
        eprintln!("wrote {}", relative_path(&args.root, path).display());
    }
    eprintln!(
        "{} written; {} left as they were until every segment is translated",
        count(done.written.len(), "page"),
        count(done.incomplete.len(), "page"),
    );
    Ok(())
}
