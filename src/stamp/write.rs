//! Writing stamps into translations' front matter: `kbgen stamp`, and the
//! byte-preserving edit it and `kbgen translate import` share.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{outline, source_hash};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::load::{self, SourcePage};

/// Stamps translations with their source's current hashes. Each target is a
/// locale code (every translation in it) or a file under `content/<locale>/`.
/// Returns the files that were rewritten.
pub fn stamp(config: &Config, targets: &[String]) -> Result<Vec<PathBuf>> {
    let loaded = load::load(config)?;
    if !loaded.errors.is_empty() {
        return Err(Error::Content(loaded.errors));
    }
    let def = config.default_locale;
    let sources: BTreeMap<String, &SourcePage> = loaded
        .pages
        .iter()
        .filter(|p| p.locale == def)
        .map(|p| (p.kind.key(), p))
        .collect();
    let mut chosen: Vec<&SourcePage> = Vec::new();
    let mut errors = Vec::new();
    for target in targets {
        if let Some(l) = config.locale_index(target) {
            if l == def {
                errors.push(Diagnostic::error(
                    config.content_dir().join(target),
                    "the default locale holds the sources: only translations are stamped",
                ));
            }
            chosen.extend(loaded.pages.iter().filter(|p| p.locale == l && l != def));
            continue;
        }
        let path = Path::new(target);
        let found = loaded.pages.iter().find(|p| same_file(&p.path, path));
        match found {
            Some(p) if p.locale == def => errors.push(Diagnostic::error(
                path,
                "this is a source in the default locale: stamp its translations instead",
            )),
            Some(p) => chosen.push(p),
            None => errors.push(Diagnostic::error(
                path,
                "neither a locale code from site.yaml nor a Markdown file under content/<locale>/",
            )),
        }
    }
    let mut written = Vec::new();
    for page in chosen {
        let Some(source) = sources.get(&page.kind.key()) else {
            errors.push(Diagnostic::error(
                &page.path,
                format!(
                    "orphan: there is no {}.md in {} to stamp it from",
                    page.kind.key(),
                    config.default_locale().code
                ),
            ));
            continue;
        };
        let now = outline(source);
        let blocks = crate::stamp::blocks::block_hashes(&now.segments);
        let text = restamp(page.text(), &source_hash(source), &now.sections, &blocks);
        match text {
            Some(text) if text != page.text() => {
                write_atomically(&page.path, &text)?;
                written.push(page.path.clone());
            }
            Some(_) => {}
            None => errors.push(Diagnostic::error(&page.path, "no front matter to stamp").at(1, 1)),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(Error::Content(errors));
    }
    Ok(written)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// `text` with its `source_hash:` and `source_sections:` entries replaced, or added
/// at the end of the front matter; every other byte stays as it was. Entries are
/// found on the YAML structure, so a multi-line value that happens to hold a line
/// such as `source_hash: x` is kept whole. `None` when the front matter is missing
/// or is not a YAML mapping.
pub fn restamp(
    text: &str,
    hash: &str,
    sections: &BTreeMap<String, String>,
    blocks: &str,
) -> Option<String> {
    let split = crate::frontmatter::split(Path::new(""), text).ok()?;
    let yaml_start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let yaml_end = yaml_start + split.yaml.len();
    let newline = if split.yaml.contains("\r\n") || text[..yaml_start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let entries = crate::yaml::entries(split.yaml)?;
    let mut yaml = String::with_capacity(split.yaml.len() + 256);
    let mut kept = 0;
    for e in entries.iter().filter(|e| {
        matches!(
            e.key.as_str(),
            "source_hash" | "source_sections" | "source_blocks"
        )
    }) {
        yaml.push_str(&split.yaml[kept..e.span.start]);
        kept = e.span.end;
    }
    yaml.push_str(&split.yaml[kept..]);
    if !yaml.is_empty() && !yaml.ends_with('\n') {
        yaml.push_str(newline);
    }
    yaml.push_str(&stamp_lines(hash, sections, blocks, newline));
    Some(format!(
        "{}{yaml}{}",
        &text[..yaml_start],
        &text[yaml_end..]
    ))
}

/// The stamp entries, each ending with `newline`: `source_hash:`,
/// `source_sections:` and, when there are blocks, `source_blocks:`.
pub fn stamp_lines(
    hash: &str,
    sections: &BTreeMap<String, String>,
    blocks: &str,
    newline: &str,
) -> String {
    let map: Vec<String> = sections
        .iter()
        .map(|(id, h)| format!("{}: {h}", yaml_key(id)))
        .collect();
    let mut out = format!("source_hash: {hash}{newline}");
    out.push_str(&format!("source_sections: {{{}}}{newline}", map.join(", ")));
    if !blocks.is_empty() {
        out.push_str(&format!("source_blocks: \"{blocks}\"{newline}"));
    }
    out
}

/// A heading id as a YAML flow-map key: quoted unless plainly safe.
fn yaml_key(id: &str) -> String {
    if id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && !id.is_empty()
    {
        id.to_string()
    } else {
        serde_json::to_string(id).unwrap_or_default()
    }
}

/// Writes beside the file, then renames over it: a crash never leaves half a file.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("md.kbgen-stamp");
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restamp_replaces_or_appends_and_keeps_the_rest() {
        let sections = BTreeMap::from([("_intro".to_string(), "aa".to_string())]);
        let text =
            "---\ntitle: T\nsource_hash: old\nsource_sections:\n  x: 1\norder: 2\n---\nBody\n";
        let out = restamp(text, "new", &sections, "").unwrap();
        assert_eq!(
            out,
            "---\ntitle: T\norder: 2\nsource_hash: new\nsource_sections: {_intro: aa}\n---\nBody\n"
        );
        let crlf = "---\r\ntitle: T\r\n---\r\nBody\r\n";
        let out = restamp(crlf, "h", &sections, "").unwrap();
        assert!(
            out.starts_with("---\r\ntitle: T\r\nsource_hash: h\r\n"),
            "{out:?}"
        );
        assert!(out.ends_with("---\r\nBody\r\n"));
    }

    #[test]
    fn stamp_keeps_a_quoted_description_line_that_looks_like_a_key() {
        let sections = BTreeMap::from([("_intro".to_string(), "aa".to_string())]);
        let text = "---\ntitle: T\ndescription: \"Prima riga\nsource_hash: parte del testo\nfine\"\nsource_hash: old\n---\nBody\n";
        let out = restamp(text, "new", &sections, "").unwrap();
        assert_eq!(
            out,
            "---\ntitle: T\ndescription: \"Prima riga\nsource_hash: parte del testo\nfine\"\nsource_hash: new\nsource_sections: {_intro: aa}\n---\nBody\n"
        );
    }

    #[test]
    fn yaml_keys_are_quoted_when_needed() {
        assert_eq!(yaml_key("联系方式"), "联系方式");
        assert_eq!(yaml_key("a: b"), "\"a: b\"");
    }
}
