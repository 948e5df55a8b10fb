//! The output folder: `kbgen build` replaces only a folder it wrote itself, never
//! the site or anything holding it, one build at a time. Each test checks the exit
//! code, the message, and that nothing outside the output changed.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Run, TestSite};

/// A temporary folder with the basic fixture in `site/`, so that the folder around
/// the site can be checked too. Commands run in the outer folder.
fn world() -> TestSite {
    let world = TestSite::fixture("basic");
    let site = world.root().join("site");
    let entries: Vec<_> = std::fs::read_dir(world.root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    std::fs::create_dir(&site).unwrap();
    for entry in entries {
        std::fs::rename(&entry, site.join(entry.file_name().unwrap())).unwrap();
    }
    world
}

/// Every file, folder and link under `dir` with what it holds, except `skip`
/// (relative to `dir`) and what is under it.
fn tree(dir: &Path, skip: &[&str]) -> Vec<(String, String)> {
    let mut all = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if skip.iter().any(|s| Path::new(&rel).starts_with(s)) {
            continue;
        }
        let kind = entry.file_type();
        let what = if kind.is_symlink() {
            format!(
                "link to {}",
                std::fs::read_link(entry.path()).unwrap().display()
            )
        } else if kind.is_dir() {
            "folder".to_string()
        } else {
            format!(
                "file {}",
                blake3::hash(&std::fs::read(entry.path()).unwrap())
            )
        };
        all.push((rel, what));
    }
    all.sort();
    all
}

/// Fails naming what differs between two [`tree`]s: a whole listing would bury it.
#[track_caller]
fn assert_same(before: &[(String, String)], after: &[(String, String)], context: &str) {
    let gone = before.iter().filter(|e| !after.contains(e));
    let new = after.iter().filter(|e| !before.contains(e));
    let changes: Vec<String> = gone
        .map(|(p, w)| format!("- {p} ({w})"))
        .chain(new.map(|(p, w)| format!("+ {p} ({w})")))
        .collect();
    assert!(changes.is_empty(), "{}\n{context}", changes.join("\n"));
}

/// Runs `kbgen build --root site <args>` in the outer folder, checking that it
/// changed nothing but `output` (relative to the outer folder; `""` for nothing).
#[track_caller]
fn build_touching_only(world: &TestSite, output: &str, args: &[&str]) -> Run {
    let skip: Vec<&str> = [output].into_iter().filter(|s| !s.is_empty()).collect();
    let before = tree(world.root(), &skip);
    let mut all = vec!["build", "--root", "site"];
    all.extend_from_slice(args);
    let run = world.kbgen(&all);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let context = format!("outside {output:?} changed; stderr:\n{}", run.stderr);
    assert_same(&before, &tree(world.root(), &skip), &context);
    run
}

/// A refused build: exit 2, the reason, and not one file changed anywhere.
#[track_caller]
fn refused(world: &TestSite, args: &[&str], reason: &str) -> Run {
    let run = build_touching_only(world, "", args);
    run.assert_code(2).assert_stderr_has(reason);
    run
}

/// `public` in the outer folder as a relative link to `target`.
#[cfg(unix)]
fn link_public(world: &TestSite, target: &str) {
    std::os::unix::fs::symlink(target, world.root().join("public")).unwrap();
}

fn files_in(dir: &Path) -> usize {
    TestSite::snapshot(dir).len()
}

#[test]
fn output_inside_content_no_longer_deletes_the_sources() {
    let world = world();
    refused(
        &world,
        &["--output", "site/content"],
        "is inside the site's content/ folder",
    );
}

#[test]
fn output_in_a_locale_folder_no_longer_deletes_its_articles() {
    let world = world();
    refused(
        &world,
        &["--output", "site/content/en"],
        "is inside the site's content/ folder",
    );
}

#[test]
fn output_inside_locales_is_refused_even_before_it_exists() {
    let world = world();
    refused(
        &world,
        &["--output", "site/locales/public"],
        "is inside the site's locales/ folder",
    );
}

#[test]
fn output_reaching_content_through_dot_dot_is_refused() {
    let world = world();
    refused(
        &world,
        &["--output", "site/not-yet/../content"],
        "is inside the site's content/ folder",
    );
}

#[test]
fn output_as_the_site_root_no_longer_deletes_site_yaml() {
    let world = world();
    refused(
        &world,
        &["--output", "site"],
        "the output is the site's own folder",
    );
    refused(
        &world,
        &["--output", "site/."],
        "the output is the site's own folder",
    );
}

#[test]
fn output_holding_the_site_no_longer_deletes_everything_around_it() {
    let world = world();
    refused(
        &world,
        &["--output", "."],
        "the output contains the site's folder",
    );
    refused(
        &world,
        &["--output", "site/.."],
        "the output contains the site's folder",
    );
    let absolute = world.root().to_string_lossy().into_owned();
    refused(
        &world,
        &["--output", &absolute],
        "the output contains the site's folder",
    );
}

#[test]
fn output_as_an_existing_file_is_refused_and_the_file_kept() {
    let world = world();
    world.write("notes.txt", "my notes\n");
    let run = refused(
        &world,
        &["--output", "notes.txt"],
        "notes.txt: error: the output is a file, not a folder",
    );
    assert!(!run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(world.read_source("notes.txt"), "my notes\n");
}

#[test]
fn non_empty_folder_kbgen_did_not_write_is_refused() {
    let world = world();
    world.write("docs/plan.md", "the plan\n");
    refused(
        &world,
        &["--output", "docs"],
        "docs: error: the output is not empty and kbgen did not write it (it has no .kbgen-output file)",
    )
    .assert_stderr_has("pass --force to replace it anyway");
}

#[test]
fn force_replaces_a_folder_kbgen_did_not_write() {
    let world = world();
    world.write("docs/plan.md", "the plan\n");
    build_touching_only(&world, "docs", &["--output", "docs", "--force"])
        .assert_ok()
        .assert_stderr_has("replacing a folder that kbgen did not write");
    assert!(!world.root().join("docs/plan.md").exists());
    assert!(world.root().join("docs/en/index.html").is_file());
}

#[test]
fn force_does_not_allow_replacing_the_sources() {
    let world = world();
    refused(
        &world,
        &["--output", "site/content", "--force"],
        "is inside the site's content/ folder",
    );
    refused(
        &world,
        &["--output", "site", "--force"],
        "the output is the site's own folder",
    );
}

#[test]
fn a_folder_kbgen_wrote_is_replaced() {
    let world = world();
    build_touching_only(&world, "out", &["--output", "out"]).assert_ok();
    let marker = world.read_source("out/.kbgen-output");
    assert!(marker.contains("written by kbgen"), "{marker}");
    world.write("out/stale.html", "from an older build");
    build_touching_only(&world, "out", &["--output", "out"]).assert_ok();
    assert!(!world.root().join("out/stale.html").exists());
    assert_eq!(world.read_source("out/.kbgen-output"), marker);
}

#[test]
fn an_empty_folder_is_replaced() {
    let world = world();
    std::fs::create_dir(world.root().join("out")).unwrap();
    build_touching_only(&world, "out", &["--output", "out"]).assert_ok();
    assert!(world.root().join("out/en/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn symlinked_output_is_built_into_its_target_and_stays_a_link() {
    let world = world();
    build_touching_only(&world, "deploy", &["--output", "deploy"]).assert_ok();
    world.write("deploy/stale.html", "from an older build");
    link_public(&world, "deploy");
    build_touching_only(&world, "deploy", &["--output", "public"]).assert_ok();
    let link = world.root().join("public");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("deploy"));
    assert!(world.root().join("deploy/en/index.html").is_file());
    assert!(!world.root().join("deploy/stale.html").exists());
}

#[cfg(unix)]
#[test]
fn symlinked_output_no_longer_deletes_a_folder_kbgen_did_not_write() {
    let world = world();
    world.write("photos/cat.jpg", "not really a cat");
    link_public(&world, "photos");
    refused(
        &world,
        &["--output", "public"],
        "public: error: the output's link target ",
    )
    .assert_stderr_has("photos is not empty and kbgen did not write it");
    assert_eq!(world.read_source("photos/cat.jpg"), "not really a cat");
}

#[cfg(unix)]
#[test]
fn symlinked_output_into_the_sources_is_refused() {
    let world = world();
    link_public(&world, "site/content/en");
    refused(
        &world,
        &["--output", "public", "--force"],
        "is inside the site's content/ folder",
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlinked_output_is_refused() {
    let world = world();
    link_public(&world, "nowhere");
    refused(
        &world,
        &["--output", "public"],
        "public: error: the output is a symbolic link whose target cannot be used",
    );
}

#[test]
fn leftovers_of_a_killed_build_are_removed_with_a_warning() {
    let world = world();
    build_touching_only(&world, "out", &["--output", "out"]).assert_ok();
    world.write(".out.kbgen-staging-4242/en/index.html", "half a build");
    world.write(".out.kbgen-old/en/index.html", "an old build");
    world.write(".out.kbgen-lock", "4242");
    // What another output's build left is not this build's to remove.
    world.write(".other.kbgen-staging-4242/x.html", "not ours");
    let before = tree(
        world.root(),
        &["out", ".out.kbgen-staging-4242", ".out.kbgen-old"],
    );
    let run = world.kbgen(&["build", "--root", "site", "--output", "out"]);
    run.assert_ok()
        .assert_stderr_has(
            ".out.kbgen-staging-4242: warning: removed what a stopped build left behind",
        )
        .assert_stderr_has(".out.kbgen-old: warning: removed what a stopped build left behind");
    let mut before = before;
    before.retain(|(rel, _)| rel != ".out.kbgen-lock");
    assert_same(&before, &tree(world.root(), &["out"]), "only leftovers go");
    assert!(world.root().join("out/en/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn leftover_old_output_as_a_link_no_longer_empties_its_target() {
    let world = world();
    world.write("keep/important.txt", "keep me");
    std::os::unix::fs::symlink("keep", world.root().join(".out.kbgen-old")).unwrap();
    let run = world.kbgen(&["build", "--root", "site", "--output", "out"]);
    run.assert_ok().assert_stderr_has(".out.kbgen-old: warning");
    assert_eq!(world.read_source("keep/important.txt"), "keep me");
    assert!(
        world
            .root()
            .join(".out.kbgen-old")
            .symlink_metadata()
            .is_err()
    );
}

/// Adds `n` English articles, so that a build takes long enough to be caught
/// while it runs.
fn grow(world: &TestSite, n: usize) {
    for i in 0..n {
        world.write(
            &format!("site/content/en/help/bulk-{i}.md"),
            &format!("---\ntitle: Bulk article {i}\n---\n## Part {i}\n\nWords about orders, refunds and parcel {i}.\n"),
        );
    }
}

#[test]
fn a_killed_build_leaves_nothing_the_next_build_does_not_clean() {
    let world = world();
    grow(&world, 400);
    build_touching_only(&world, "out", &["--output", "out"]).assert_ok();
    let mut killed = world
        .command(&["build", "--root", "site", "--output", "out"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = world
        .root()
        .join(format!(".out.kbgen-staging-{}", killed.id()));
    let deadline = Instant::now() + Duration::from_secs(60);
    while files_in_or_zero(&staging) < 50 && Instant::now() < deadline {
        assert!(
            killed.try_wait().unwrap().is_none(),
            "the build ended first"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    killed.kill().unwrap();
    killed.wait().unwrap();
    assert!(staging.is_dir(), "a killed build leaves its staging folder");
    let name = format!(".out.kbgen-staging-{}", killed.id());
    // The lock file stays too; the kernel released the lock itself.
    let before = tree(world.root(), &["out", &name, ".out.kbgen-lock"]);
    world
        .kbgen(&["build", "--root", "site", "--output", "out"])
        .assert_ok()
        .assert_stderr_has(&format!(
            "{name}: warning: removed what a stopped build left behind"
        ));
    assert_same(
        &before,
        &tree(world.root(), &["out"]),
        "only the leftovers go",
    );
    assert!(files_in(&world.root().join("out")) > 400);
}

fn files_in_or_zero(dir: &Path) -> usize {
    if dir.is_dir() {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .count()
    } else {
        0
    }
}

#[test]
fn of_two_concurrent_builds_one_fails_and_the_output_stays_complete() {
    let world = world();
    grow(&world, 400);
    build_touching_only(&world, "clean", &["--output", "clean"]).assert_ok();
    let lock = world.root().join(".out.kbgen-lock");
    // Polls for the first build's lock, then starts the second; tries again in
    // the rare case that the first finished before it could be seen.
    for _ in 0..3 {
        let mut first = world
            .command(&["build", "--root", "site", "--output", "out"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while !lock.exists() && Instant::now() < deadline {
            if first.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let second = world.kbgen(&["build", "--root", "site", "--output", "out"]);
        let first = first.wait_with_output().unwrap();
        let first_err = String::from_utf8_lossy(&first.stderr).into_owned();
        // Either may win: the first build makes the lock file before it locks it,
        // so the second, started once the file is seen, can lock it first.
        let (code, loser) = match (first.status.code(), second.code) {
            (Some(0), 0) => continue,
            (Some(0), code) => (code, second.stderr.clone()),
            (Some(code), 0) => (code, first_err),
            (code, _) => panic!(
                "both builds failed ({code:?}, {}):\n{first_err}\n{}",
                second.code, second.stderr
            ),
        };
        assert_eq!(code, 2, "{loser}");
        assert!(
            loser.contains("another build is writing out (process ")
                && loser.contains("wait for it to finish"),
            "{loser}"
        );
        assert_eq!(
            TestSite::snapshot(&world.root().join("out")),
            TestSite::snapshot(&world.root().join("clean")),
            "the output of the build that won is complete"
        );
        assert!(!lock.exists(), "the lock goes with the build");
        let left: Vec<String> = std::fs::read_dir(world.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kbgen"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        assert!(files_in(&world.root().join("out")) > 400);
        return;
    }
    panic!("the builds never overlapped: the first always finished before the second started");
}
