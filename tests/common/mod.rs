//! A small harness: copy a fixture site into a temporary folder, change it, build it
//! with the real `kbgen` binary, and read what came out.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of the harness"
)]

pub mod browser;
pub mod http;
pub mod search;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The date the check tests run on.
pub const TODAY: &str = "2026-11-24";

pub struct TestSite {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, 0, "expected success; stderr:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "unexpected exit code; stderr:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite::empty();
        copy_tree(&fixture_dir(name), site.root());
        site
    }

    /// A copy of the example site at the repository root.
    pub fn example() -> TestSite {
        let site = TestSite::empty();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["content", "locales", "themes"] {
            copy_tree(&root.join(dir), &site.root().join(dir));
        }
        for file in ["site.yaml", "contact.yaml"] {
            std::fs::copy(root.join(file), site.root().join(file)).unwrap();
        }
        site
    }

    pub fn empty() -> TestSite {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &TestSite {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &TestSite {
        std::fs::remove_file(self.root().join(rel)).unwrap();
        self
    }

    /// Replaces `from` with `to` in a file, which must contain it.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &TestSite {
        let text = self.read_source(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn read_source(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `kbgen <args>` in the site folder.
    pub fn kbgen(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().expect("run kbgen"))
    }

    /// `kbgen <args>` in the site folder, to be started by the caller: for a run
    /// that goes on beside the test.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kbgen"));
        command.args(args).current_dir(self.root());
        command
    }

    pub fn build(&self) -> Run {
        self.kbgen(&["build"])
    }

    /// Runs `kbgen check <args>` on 2026-11-24, so that `review_by` dates are stable.
    pub fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--today", TODAY];
        all.extend_from_slice(args);
        self.kbgen(&all)
    }

    /// `kbgen check --format json <args>`, parsed.
    pub fn check_json(&self, args: &[&str]) -> (Run, serde_json::Value) {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let run = self.check(&all);
        let json = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr));
        (run, json)
    }

    /// A file of the built site, under public/.
    pub fn output(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The path of each translation of the built page `rel`, in the order of
    /// site.yaml, from its hreflang links (category and article slugs are localized).
    pub fn translations(&self, rel: &str) -> Vec<String> {
        let html = self.output(rel);
        html.split("<link rel=\"alternate\" hreflang=\"")
            .skip(1)
            .filter(|link| !link.starts_with("x-default"))
            .map(|link| {
                let href = link.split("href=\"").nth(1).unwrap();
                let href = &href[..href.find('"').unwrap()];
                let path = href.split_once("://").map_or(href, |(_, rest)| rest);
                path[path.find('/').unwrap_or(path.len())..].to_string()
            })
            .collect()
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.root().join("public").join(rel).exists()
    }

    /// Every file under `dir`, relative, sorted, with its bytes.
    pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
