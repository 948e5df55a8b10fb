//! One file per command.

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod report;
pub mod serve;
pub mod translate;

/// `--quiet` and `--verbose`, for the commands that report as they go.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Verbosity {
    /// Print errors only: no warnings, notes or summary line.
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print what was read: the site folder, base URL and locales, and
    /// which pages are shown untranslated (fallbacks).
    #[arg(short, long)]
    pub verbose: bool,
}

/// What `--verbose` says first: the site as configured.
pub fn print_config(config: &kbgen::config::Config) {
    let locales: Vec<String> = config
        .locales
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == config.default_locale {
                format!("{} (default)", l.code)
            } else {
                l.code.clone()
            }
        })
        .collect();
    eprintln!(
        "site {}; base URL {}; locales {}; drafts {}; contact flow {}",
        config.root.display(),
        config.base_url,
        locales.join(", "),
        if config.drafts {
            "included"
        } else {
            "left out"
        },
        if config.contact.is_some() {
            "on"
        } else {
            "off (no contact.yaml)"
        },
    );
}
