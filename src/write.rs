//! Write: where rendered files go. `kbgen build` writes to a staging folder beside the
//! output, swapped in only when the build succeeds, so a failed build leaves the
//! previous output untouched; `kbgen serve` keeps them in memory. [`claim`] checks
//! and locks the output before anything is written.

pub mod claim;
mod memory;

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};
pub use claim::{Claim, MARKER, MARKER_TEXT};
pub use memory::{Memory, Stored};

/// A sink for the files of a build, written to from many threads at once.
pub trait Output: Sync {
    /// Stores `bytes` at `rel`, a relative path (`en/help/index.html`) that must stay
    /// inside the output.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;

    /// Moves the folder `from`, written to before, to `to`, which must not exist.
    fn rename_dir(&self, from: &str, to: &str) -> Result<()>;
}

/// An output that keeps nothing, for `kbgen check`: pages are rendered, for their
/// errors, and dropped. Paths are still checked as the build checks them.
pub struct Discard;

impl Output for Discard {
    fn write(&self, rel: &str, _bytes: &[u8]) -> Result<()> {
        inside(rel)
    }

    fn rename_dir(&self, _from: &str, to: &str) -> Result<()> {
        inside(to)
    }
}

/// Refuses a relative path that would leave the output (`..`, `/x`, `C:`): content
/// decides these paths, so this is an error for the writer, not a panic.
fn inside(rel: &str) -> Result<()> {
    if Path::new(rel)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        Ok(())
    } else {
        Err(Error::OutsideOutput(rel.to_string()))
    }
}

/// A build's files on disk, in a folder of their own until [`Staging::commit`]
/// swaps them in for the output.
pub struct Staging {
    dir: PathBuf,
    /// Held until the swap is done: no other build touches the output meanwhile.
    claim: Claim,
    committed: bool,
}

impl Staging {
    /// A fresh staging folder beside the claimed output, with the marker in it.
    pub fn new(claim: Claim) -> Result<Staging> {
        let dir = claim.staging_dir();
        // Only a killed build of this same process id could have left it; the
        // claim has removed such leftovers already.
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let staging = Staging {
            dir,
            claim,
            committed: false,
        };
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<()> {
        self.claim.recheck()?;
        let output = self.claim.path().to_path_buf();
        let old = self.claim.old_dir();
        let had_output = output.exists();
        if had_output {
            std::fs::rename(&output, &old).map_err(|e| Error::io(&output, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &output) {
            if had_output {
                // Put the previous output back: a failed build must lose nothing.
                let _ = std::fs::rename(&old, &output);
            }
            return Err(Error::io(&output, e));
        }
        self.committed = true;
        if had_output {
            remove_tree(&old).map_err(|e| Error::io(&old, e))?;
        }
        Ok(())
    }
}

impl Output for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        inside(rel)?;
        let path = self.dir.join(rel);
        // Most files go into a folder that exists by then (a page's Markdown copy
        // beside its index.html, search shards), so the folder is made only when
        // the write finds it missing: asking first costs two system calls a file.
        match std::fs::write(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                std::fs::write(&path, bytes)
            }
            written => written,
        }
        .map_err(|e| Error::io(&path, e))
    }

    fn rename_dir(&self, from: &str, to: &str) -> Result<()> {
        inside(to)?;
        let (from, to) = (self.dir.join(from), self.dir.join(to));
        std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Removes whatever is at `path`: a link or a file itself (never what a link points
/// to), a folder with everything in it.
fn remove_any(path: &Path) -> std::io::Result<()> {
    if path.symlink_metadata()?.is_dir() {
        remove_tree(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Removes a folder and everything in it, its top-level entries in parallel: on a
/// large site, unlinking the previous output is a good part of a rebuild. Links
/// are removed, not followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    if !dir.symlink_metadata()?.is_dir() {
        return std::fs::remove_file(dir);
    }
    let entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|path| {
        if path.symlink_metadata()?.is_dir() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder with an empty content/, and the claim on its public/.
    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("content")).unwrap();
        let out = tmp.path().join("public");
        (tmp, out)
    }

    #[test]
    fn staging_makes_the_folders_a_file_needs_and_writes_into_those_it_has() {
        let (tmp, out) = site();
        let staging = Staging::new(Claim::new(tmp.path(), &out, false).unwrap()).unwrap();
        staging
            .write("en/orders/refunds/index.html", b"page")
            .unwrap();
        staging
            .write("en/orders/refunds/index.md", b"copy")
            .unwrap();
        staging.write("top.txt", b"top").unwrap();
        staging.commit().unwrap();
        for (rel, text) in [
            ("en/orders/refunds/index.html", "page"),
            ("en/orders/refunds/index.md", "copy"),
            ("top.txt", "top"),
        ] {
            assert_eq!(std::fs::read_to_string(out.join(rel)).unwrap(), text);
        }
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let (tmp, out) = site();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();

        let failed = Staging::new(Claim::new(tmp.path(), &out, false).unwrap()).unwrap();
        failed.write("en/index.html", b"new").unwrap();
        drop(failed);
        assert!(
            out.join("old.html").exists(),
            "a dropped build keeps the old output"
        );

        let ok = Staging::new(Claim::new(tmp.path(), &out, false).unwrap()).unwrap();
        ok.write("en/index.html", b"new").unwrap();
        ok.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("en/index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        let mut left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["content", "public"],
            "no staging, old or lock file is left behind"
        );
    }

    #[test]
    fn refuses_to_write_outside() {
        let (tmp, out) = site();
        let s = Staging::new(Claim::new(tmp.path(), &out, false).unwrap()).unwrap();
        for bad in ["../evil.html", "/tmp/evil.html", "en/../../evil.html"] {
            let e = s.write(bad, b"x").unwrap_err();
            assert!(matches!(e, Error::OutsideOutput(_)), "{bad}: {e}");
        }
        assert!(!tmp.path().join("evil.html").exists());
    }
}
