//! The source a translation was made from, found again in git history by its
//! `source_hash:` stamp: what lets an export show a translator the previous
//! source text next to a changed segment (PO `#| msgid`, an XLIFF note).

use std::path::Path;
use std::process::Command;

use crate::load::SourcePage;
use crate::stamp::source_hash;

/// How far back to look: a stamp older than this many commits of the file gets
/// no previous text (the segment is still marked fuzzy).
const DEPTH: usize = 200;

/// The version of `source` whose hash is `stamped`, from the commits that touched
/// its file; `None` when the site is not in git, git is missing, or no commit has it.
pub fn previous(source: &SourcePage, stamped: &str) -> Option<SourcePage> {
    let dir = source.path.parent()?;
    let name = source.path.file_name()?.to_str()?;
    let log = git(
        dir,
        &["log", "--format=%H", &format!("-{DEPTH}"), "--", name],
    )?;
    for commit in log.lines() {
        let Some(text) = git(dir, &["show", &format!("{commit}:./{name}")]) else {
            continue;
        };
        let (page, _) =
            SourcePage::from_text(source.locale, source.kind.clone(), &source.path, text);
        if source_hash(&page) == stamped {
            return Some(page);
        }
    }
    None
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
