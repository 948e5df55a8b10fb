//! The `kbgen` command line: parses arguments, calls the library, maps errors to exit codes.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(e.exit_code()),
    }
}

/// Prints every diagnostic of an error, one `file:line:col: error: message` per line.
pub fn print_error(err: &kbgen::diagnostic::Error) {
    let diagnostics = err.diagnostics();
    for d in &diagnostics {
        eprintln!("{d}");
    }
    if diagnostics.len() > 1 {
        eprintln!("{} errors", diagnostics.len());
    }
}
