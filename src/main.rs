//! The `kbgen` command line: parses arguments, calls the library, maps errors to exit codes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kbgen::diagnostic::{Severity, count};

mod cmd;

// The build allocates many small strings from two threads; mimalloc is much
// faster at that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "kbgen",
    version,
    about = "A static site generator for multilingual help centers"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start a new site: site.yaml, one category, one article per locale.
    #[command(after_help = cmd::init::AFTER_HELP)]
    Init(cmd::init::InitArgs),
    /// Build the site into public/ (or --output).
    #[command(after_help = cmd::build::AFTER_HELP)]
    Build(cmd::build::BuildArgs),
    /// Serve the site from memory, rebuilding and reloading as files change.
    #[command(after_help = cmd::serve::AFTER_HELP)]
    Serve(cmd::serve::ServeArgs),
    /// Report translation status, broken links, Fluent and front matter problems.
    #[command(after_help = cmd::check::AFTER_HELP)]
    Check(cmd::check::CheckArgs),
    /// Record in translations which version of their source they were made from.
    Stamp(cmd::check::StampArgs),
    /// Move a help center from another system: `kbgen import zendesk EXPORT_DIR`.
    Import(cmd::import::ImportArgs),
    /// Reports from logs: `kbgen report search LOG.jsonl`.
    Report(cmd::report::ReportArgs),
    /// Send segments to translators (PO, XLIFF) and take their work back.
    #[command(after_help = cmd::translate::AFTER_HELP)]
    Translate(cmd::translate::TranslateArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => cmd::init::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => match cmd::check::run(args) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Command::Stamp(args) => cmd::check::stamp(args),
        Command::Report(args) => cmd::report::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Translate(args) => cmd::translate::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.print();
            ExitCode::from(e.error.exit_code())
        }
    }
}

/// A failed command: the library's error plus a closing line for the writer.
struct Failed {
    /// Boxed: a `Result<(), Failed>` stays small on the happy path.
    error: Box<kbgen::diagnostic::Error>,
    note: String,
    /// The site folder: paths are printed relative to it.
    root: PathBuf,
}

impl From<kbgen::diagnostic::Error> for Failed {
    fn from(error: kbgen::diagnostic::Error) -> Self {
        Failed {
            error: Box::new(error),
            note: String::new(),
            root: PathBuf::from("."),
        }
    }
}

impl Failed {
    /// The error of a command run on the site at `root`.
    fn in_site(root: &Path) -> impl Fn(kbgen::diagnostic::Error) -> Failed {
        move |error| Failed {
            root: root.to_path_buf(),
            ..Failed::from(error)
        }
    }

    /// Prints every diagnostic, one `file:line:col: error: message` per line
    /// (warnings of a failed build among them), then how many there were.
    fn print(&self) {
        let diagnostics = self.error.diagnostics();
        for d in &diagnostics {
            eprintln!("{}", d.clone().relative_to(&self.root));
        }
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        if diagnostics.len() > 1 {
            let mut summary = count(errors, "error");
            if warnings > 0 {
                summary = format!("{summary}, {}", count(warnings, "warning"));
            }
            eprintln!("{summary}");
        }
        if !self.note.is_empty() {
            eprintln!("{}", self.note);
        }
    }
}
