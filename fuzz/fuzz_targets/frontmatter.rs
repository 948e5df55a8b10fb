//! Front matter: splitting at the `---` fences and parsing the YAML must never
//! panic, and every diagnostic must point inside the file.

#![no_main]

use std::path::Path;

use kbgen::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let path = Path::new("a.md");
    let lines = text.lines().count().max(1) + 1;
    let mut diagnostics = Vec::new();
    match frontmatter::split(path, text) {
        Ok(split) => {
            assert!(split.body_line <= lines + 1, "body line past the end");
            let front = frontmatter::parse(path, &split, &mut diagnostics);
            let _ = front.title();
        }
        Err(d) => diagnostics.push(d),
    }
    for d in diagnostics {
        if let Some(line) = d.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {d}"
            );
        }
        let _ = d.to_string();
    }
});
