//! The `kbgen` command line: parses arguments, calls the library, maps errors to exit codes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Build the site into public/ (or --output).
    Build(cmd::build::BuildArgs),
    /// Serve the site from memory, rebuilding and reloading as files change.
    Serve(cmd::serve::ServeArgs),
    /// Report translation status, broken links, Fluent and front matter problems.
    Check(cmd::check::CheckArgs),
    /// Record in translations which version of their source they were made from.
    Stamp(cmd::check::StampArgs),
    /// Reports from logs: `kbgen report search LOG.jsonl`.
    Report(cmd::report::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Check(args) => match cmd::check::run(args) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Command::Stamp(args) => cmd::check::stamp(args),
        Command::Report(args) => cmd::report::run(args),
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
    error: kbgen::diagnostic::Error,
    note: String,
}

impl From<kbgen::diagnostic::Error> for Failed {
    fn from(error: kbgen::diagnostic::Error) -> Self {
        Failed {
            error,
            note: String::new(),
        }
    }
}

impl Failed {
    /// Prints every diagnostic, one `file:line:col: error: message` per line.
    fn print(&self) {
        let diagnostics = self.error.diagnostics();
        for d in &diagnostics {
            eprintln!("{d}");
        }
        if diagnostics.len() > 1 {
            eprintln!("{} errors", diagnostics.len());
        }
        if !self.note.is_empty() {
            eprintln!("{}", self.note);
        }
    }
}
