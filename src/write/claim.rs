//! Claiming the output folder before a build: kbgen replaces only a folder it wrote
//! itself (marked with [`MARKER`]), never the site's sources or a folder holding
//! them, and only one build at a time writes to it.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Error, Result};

/// The file in the root of every output that says kbgen wrote it, like Cargo's
/// `CACHEDIR.TAG` in `target/`.
pub const MARKER: &str = ".kbgen-output";

/// What the marker says. Constant, so that the same input still gives
/// byte-identical output.
pub const MARKER_TEXT: &str = "This folder was written by kbgen (`kbgen build`), which replaces it as a whole on every build.\nkbgen refuses to replace a non-empty folder without this file.\n";

/// The folders of a site that hold what writers and designers edit.
const SOURCES: [&str; 5] = ["content", "locales", "templates", "themes", "static"];

/// An output folder checked and locked for one build. Holding it keeps other
/// builds out; dropping it releases the lock.
#[derive(Debug)]
pub struct Claim {
    /// The folder that is replaced: absolute, symbolic links resolved.
    path: PathBuf,
    /// The output as the writer named it, for messages.
    shown: PathBuf,
    /// Whether `shown` is a symbolic link to `path`.
    linked: bool,
    force: bool,
    warnings: Vec<Diagnostic>,
    _lock: Lock,
}

impl Claim {
    /// Checks that `output` may be replaced by a build of the site at `root` and
    /// locks it. `force` allows replacing a non-empty folder kbgen did not write;
    /// nothing allows replacing the site, a folder that holds it or one inside its
    /// sources, or a file.
    pub fn new(root: &Path, output: &Path, force: bool) -> Result<Claim> {
        let refuse = |message: String| Error::Output(Diagnostic::error(output, message));
        let io_error = |e: io::Error| Error::io(output, e);
        let written = resolve(output)
            .map_err(|e| refuse(format!("cannot tell where the output is ({e})")))?;
        let linked = written
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        // A link is followed on purpose: its target is the output, checked and
        // replaced like any other, and the link keeps pointing at it.
        let path = if linked {
            std::fs::canonicalize(&written).map_err(|e| {
                refuse(format!(
                    "the output is a symbolic link whose target cannot be used ({e}); point it at a folder or remove it"
                ))
            })?
        } else {
            written
        };
        let target = linked.then_some(path.as_path());
        let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        if let Some(message) = overlap(&path, &root) {
            return Err(refuse(message));
        }
        let mut warnings = Vec::new();
        if let Some(state) = state(&path, force).map_err(io_error)? {
            if state == State::Forced {
                warnings.push(Diagnostic::warning(
                    output,
                    "replacing a folder that kbgen did not write, as --force asks",
                ));
            }
        } else {
            return Err(refuse(refusal(&path, target)));
        }
        let (parent, name) = split(&path).ok_or_else(|| refuse("cannot replace /".into()))?;
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let lock = Lock::acquire(parent.join(format!(".{name}.kbgen-lock")), output)?;
        // Leftovers are named as the writer named the output, unless it is a link.
        let shown_parent = match output.parent() {
            Some(p) if !linked => p.to_path_buf(),
            _ => parent.clone(),
        };
        warnings.extend(remove_leftovers(&parent, &name, &shown_parent)?);
        Ok(Claim {
            linked,
            path,
            shown: output.to_path_buf(),
            force,
            warnings,
            _lock: lock,
        })
    }

    /// The folder that is replaced, symbolic links resolved.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Leftovers of stopped builds that were removed, and --force at work.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The folder the build is staged in, beside the output, unique to the process.
    pub(crate) fn staging_dir(&self) -> PathBuf {
        self.beside("kbgen-staging")
    }

    /// Where the previous output goes while the new one is moved in.
    pub(crate) fn old_dir(&self) -> PathBuf {
        self.beside("kbgen-old")
    }

    fn beside(&self, what: &str) -> PathBuf {
        let (parent, name) = split(&self.path).unwrap_or_default();
        parent.join(format!(".{name}.{what}-{}", std::process::id()))
    }

    /// Checks again, just before the swap, that the output may still be replaced:
    /// something may have been put there while the site was built.
    pub(crate) fn recheck(&self) -> Result<()> {
        match state(&self.path, self.force).map_err(|e| Error::io(&self.shown, e))? {
            Some(_) => Ok(()),
            None => Err(Error::Output(Diagnostic::error(
                &self.shown,
                refusal(&self.path, self.linked.then_some(self.path.as_path())),
            ))),
        }
    }
}

/// Whether the output may be replaced, and why.
#[derive(Debug, PartialEq, Eq)]
enum State {
    Missing,
    Empty,
    Marked,
    Forced,
}

/// What is at `path` now; `None` when kbgen must not replace it.
fn state(path: &Path, force: bool) -> io::Result<Option<State>> {
    let meta = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Some(State::Missing)),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(None);
    }
    if path
        .join(MARKER)
        .symlink_metadata()
        .is_ok_and(|m| m.is_file())
    {
        return Ok(Some(State::Marked));
    }
    if std::fs::read_dir(path)?.next().is_none() {
        return Ok(Some(State::Empty));
    }
    Ok(force.then_some(State::Forced))
}

/// Why `path`, which [`state`] refused, cannot be the output; `target` is set when
/// the output named is a link to `path`.
fn refusal(path: &Path, target: Option<&Path>) -> String {
    let what = match target {
        Some(t) => format!("the output's link target {}", t.display()),
        None => "the output".to_string(),
    };
    if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
        format!(
            "{what} is not empty and kbgen did not write it (it has no {MARKER} file); a build replaces the whole folder, which would delete what is in it. Choose another --output, empty the folder, or pass --force to replace it anyway"
        )
    } else {
        format!(
            "{what} is a file, not a folder; kbgen writes the site into a folder of its own: choose another --output"
        )
    }
}

/// Why `output` would destroy part of the site at `root`, if it would.
fn overlap(output: &Path, root: &Path) -> Option<String> {
    if within(root, output) {
        let what = if same_dir(root, output) {
            "is the site's own folder"
        } else {
            "contains the site's folder"
        };
        return Some(format!(
            "the output {what} ({}); a build replaces the whole output and would delete the site's sources. Choose a folder of its own, such as the default <root>/public",
            root.display()
        ));
    }
    for source in SOURCES {
        let plain = root.join(source);
        // A source folder may be a link to somewhere else: compare with both.
        let real = std::fs::canonicalize(&plain).unwrap_or_else(|_| plain.clone());
        for folder in [&plain, &real] {
            if within(output, folder) || within(folder, output) {
                return Some(format!(
                    "the output {} the site's {source}/ folder ({}); a build replaces the whole output and would delete the site's sources. Choose a folder outside content/, locales/, templates/, themes/ and static/, such as the default <root>/public",
                    if within(output, folder) {
                        "is inside"
                    } else {
                        "contains"
                    },
                    folder.display()
                ));
            }
        }
    }
    None
}

/// Whether `inner` is `outer` or inside it: by their paths, and by the identity of
/// the folders on disk, which also sees through a bind mount or another spelling
/// of the same folder on a case-insensitive file system.
fn within(inner: &Path, outer: &Path) -> bool {
    inner.starts_with(outer) || inner.ancestors().any(|a| same_dir(a, outer))
}

/// Whether two paths name the same existing folder, or are the same path.
fn same_dir(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (a.metadata(), b.metadata()) {
            return a.is_dir() && a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}

/// `path` made absolute, with `..` and symbolic links resolved in every component
/// but the last, which is kept as written (it may not exist yet, or be a link the
/// caller follows on purpose). Comparing such paths tells whether one folder is
/// inside another.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut out = PathBuf::new();
    let mut parts = absolute.components().peekable();
    while let Some(part) = parts.next() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            // `out` has no links in it, so going up is plain path arithmetic.
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                // Anything followed by more, `..` included, is a folder above the
                // output: where it really is counts.
                let is_link = out
                    .symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink());
                if is_link && parts.peek().is_some() {
                    out = std::fs::canonicalize(&out)?;
                }
            }
        }
    }
    Ok(out)
}

/// The parent folder and the name of `path`; `None` for `/`.
fn split(path: &Path) -> Option<(PathBuf, String)> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some((path.parent()?.to_path_buf(), name))
}

/// Removes what killed builds of the output `name` left in `parent`: their staging
/// folders and previous outputs. Called with the lock held, so none of them belongs
/// to a build that is still running.
fn remove_leftovers(parent: &Path, name: &str, shown_parent: &Path) -> Result<Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let entries = std::fs::read_dir(parent).map_err(|e| Error::io(parent, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(parent, e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !is_leftover(&file_name, name) {
            continue;
        }
        let path = entry.path();
        let bytes = size_of(&path);
        super::remove_any(&path).map_err(|e| Error::io(&path, e))?;
        warnings.push(Diagnostic::warning(
            shown_parent.join(&file_name),
            format!(
                "removed what a stopped build left behind ({})",
                human_size(bytes)
            ),
        ));
    }
    warnings.sort();
    Ok(warnings)
}

/// `.<name>.kbgen-staging` and `.<name>.kbgen-old`, with or without a process id.
fn is_leftover(file_name: &str, name: &str) -> bool {
    let Some(rest) = file_name
        .strip_prefix('.')
        .and_then(|r| r.strip_prefix(name))
    else {
        return false;
    };
    [".kbgen-staging", ".kbgen-old"].iter().any(|kind| {
        rest.strip_prefix(kind).is_some_and(|pid| {
            pid.is_empty()
                || pid
                    .strip_prefix('-')
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
    })
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// Bytes in the files under `path`, links not followed.
fn size_of(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// An exclusive lock on a file beside the output, removed when dropped.
#[derive(Debug)]
struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Fails at once, rather than waits, when another build holds the lock: the
    /// writer learns that two builds are running.
    fn acquire(path: PathBuf, output: &Path) -> Result<Lock> {
        loop {
            let mut file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&path)
                .map_err(|e| Error::io(&path, e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    let holder = holder.trim();
                    let process = if holder.is_empty() {
                        String::new()
                    } else {
                        format!(" (process {holder})")
                    };
                    return Err(Error::Output(Diagnostic::error(
                        output,
                        format!(
                            "another build is writing {}{process}; wait for it to finish, or stop it (its lock is {})",
                            output.display(),
                            path.display()
                        ),
                    )));
                }
                Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
            }
            // A build that finished between the open and the lock removed the
            // file it held: lock the one at the path now instead.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(|e| Error::io(&path, e))?;
            write!(file, "{}", std::process::id()).map_err(|e| Error::io(&path, e))?;
            return Ok(Lock { path, _file: file });
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked: the next build locks a new file, never one
        // that someone else is about to remove.
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), path.metadata()) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_named_after_their_output_only() {
        for yes in [
            ".public.kbgen-staging",
            ".public.kbgen-staging-123",
            ".public.kbgen-old",
            ".public.kbgen-old-9",
        ] {
            assert!(is_leftover(yes, "public"), "{yes}");
        }
        for no in [
            ".public.kbgen-lock",
            ".public.kbgen-staging-",
            ".public.kbgen-staging-12a",
            ".publicx.kbgen-old",
            ".other.kbgen-old",
            "public.kbgen-old",
            ".public.kbgen-staging-1.kbgen-staging-2",
        ] {
            assert!(!is_leftover(no, "public"), "{no}");
        }
    }

    #[test]
    fn resolve_goes_up_through_folders_that_do_not_exist_yet() {
        let tmp = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir(base.join("content")).unwrap();
        let out = resolve(&base.join("new/../content")).unwrap();
        assert_eq!(out, base.join("content"));
        assert!(overlap(&out, &base).is_some());
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_above_the_last_name() {
        let tmp = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site"), base.join("link")).unwrap();
        let out = resolve(&base.join("link/content/en")).unwrap();
        assert_eq!(out, base.join("site/content/en"));
        // The last name stays a link, for the caller to follow on purpose.
        let out = resolve(&base.join("link")).unwrap();
        assert_eq!(out, base.join("link"));
        // Unless `..` goes up past it.
        let out = resolve(&base.join("link/..")).unwrap();
        assert_eq!(out, base);
    }

    #[cfg(unix)]
    #[test]
    fn folders_are_compared_by_identity_not_only_by_spelling() {
        let tmp = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir_all(base.join("site/content/en")).unwrap();
        std::os::unix::fs::symlink(base.join("site"), base.join("other-name")).unwrap();
        let inner = base.join("site/content/en");
        assert!(within(&inner, &base.join("other-name")));
        assert!(within(&inner, &base.join("other-name/content")));
        assert!(!within(&base.join("site"), &inner));
        assert!(!within(
            &base.join("elsewhere/en"),
            &base.join("other-name")
        ));
    }

    #[test]
    fn a_second_lock_on_the_same_output_fails_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(".public.kbgen-lock");
        let first = Lock::acquire(path.clone(), Path::new("public")).unwrap();
        let second = Lock::acquire(path.clone(), Path::new("public")).unwrap_err();
        assert!(
            second
                .to_string()
                .contains("another build is writing public"),
            "{second}"
        );
        drop(first);
        assert!(!path.exists(), "the lock file goes with the lock");
        Lock::acquire(path, Path::new("public")).unwrap();
    }
}
