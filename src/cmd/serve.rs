//! `kbgen serve`

use std::net::IpAddr;
use std::path::PathBuf;

use crate::Failed;
use kbgen::serve::Options;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site folder (with site.yaml, content/ and locales/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on. Anything but loopback shows the preview to the
    /// network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
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
