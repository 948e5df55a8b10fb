//! Write: where rendered files go. `kbgen build` writes to a staging folder beside the
//! output, swapped in only when the build succeeds, so a failed build leaves the
//! previous output untouched; `kbgen serve` keeps them in memory.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};

/// A sink for the files of a build, written to from many threads at once.
pub trait Output: Sync {
    /// Stores `bytes` at `rel`, a relative path (`en/help/index.html`) that must stay
    /// inside the output.
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;

    /// Moves the folder `from`, written to before, to `to`, which must not exist.
    fn rename_dir(&self, from: &str, to: &str) -> Result<()>;
}

/// Files kept in memory, path -> bytes, for `kbgen serve`.
#[derive(Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Everything written so far.
    pub fn into_files(self) -> HashMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        assert_inside(rel);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), bytes.to_vec());
        Ok(())
    }

    fn rename_dir(&self, from: &str, to: &str) -> Result<()> {
        assert_inside(to);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let prefix = format!("{from}/");
        let moved: Vec<String> = files
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        for old in moved {
            let bytes = files.remove(&old).expect("listed above");
            files.insert(format!("{to}/{}", &old[prefix.len()..]), bytes);
        }
        Ok(())
    }
}

fn assert_inside(rel: &str) {
    assert!(
        Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_))),
        "output path {rel} escapes the output folder"
    );
}

pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let dir = parent.join(format!(".{name}.kbgen-staging"));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<()> {
        let old = self.dir.with_file_name(format!(
            "{}.kbgen-old",
            self.dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .trim_end_matches(".kbgen-staging")
        ));
        if old.exists() {
            remove_tree(&old).map_err(|e| Error::io(&old, e))?;
        }
        let had_output = self.output.exists();
        if had_output {
            std::fs::rename(&self.output, &old).map_err(|e| Error::io(&self.output, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.output) {
            if had_output {
                // Put the previous output back: a failed build must lose nothing.
                let _ = std::fs::rename(&old, &self.output);
            }
            return Err(Error::io(&self.output, e));
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
        assert_inside(rel);
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    fn rename_dir(&self, from: &str, to: &str) -> Result<()> {
        assert_inside(to);
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

/// Removes a folder and everything in it, its top-level entries in parallel: on a
/// large site, unlinking the previous output is a good part of a rebuild.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
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

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();

        let failed = Staging::new(&out).unwrap();
        failed.write("en/index.html", b"new").unwrap();
        drop(failed);
        assert!(
            out.join("old.html").exists(),
            "a dropped build keeps the old output"
        );

        let ok = Staging::new(&out).unwrap();
        ok.write("en/index.html", b"new").unwrap();
        ok.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("en/index.html")).unwrap(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(
            leftovers.len(),
            1,
            "no staging or old folder is left behind"
        );
    }

    #[test]
    fn memory_keeps_what_was_written() {
        let m = Memory::new();
        m.write("en/index.html", b"a").unwrap();
        m.write("en/index.html", b"b").unwrap();
        assert_eq!(m.into_files()["en/index.html"], b"b");
    }

    #[test]
    #[should_panic(expected = "escapes")]
    fn memory_refuses_paths_outside() {
        let _ = Memory::new().write("en/../../x", b"x");
    }

    #[test]
    #[should_panic(expected = "escapes")]
    fn refuses_to_write_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::new(&tmp.path().join("public")).unwrap();
        let _ = s.write("../evil.html", b"x");
    }
}
