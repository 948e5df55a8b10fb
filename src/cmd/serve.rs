//! `kbgen serve`

use std::net::IpAddr;
use std::path::PathBuf;

use crate::Failed;
use kbgen::serve::Options;

/// Examples, at the end of `kbgen help serve`.
pub const AFTER_HELP: &str = "\
Examples:
  kbgen serve                                    http://127.0.0.1:1111/
  kbgen serve -O -p 8000                         another port, opened in the browser
  kbgen serve -r help-center --drafts            another site folder, drafts included

Exit codes:
  0  stopped with Ctrl-C
  1  the server failed (content errors do not stop it: they show in the browser)
  2  usage or configuration errors, or the port is taken";

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(short, long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but loopback shows the preview to the
    /// network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(short = 'O', long)]
    pub open: bool,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: ServeArgs) -> Result<(), Failed> {
    kbgen::serve::serve(Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    })?;
    Ok(())
}
