//! `kbgen translate import`: translations from PO or XLIFF files written back as
//! Markdown with the source's structure. Everything is checked before anything is
//! written: one wrong file, segment or inline code and no page changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::export::Pages;
use super::inline::{self, Inline, Piece};
use super::pair::{self, State};
use super::{Target, TargetPiece, po, xliff};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::load::SourcePage;
use crate::stamp::blocks::{Kind, Segment, block_hashes};
use crate::stamp::{restamp, section_hashes, source_hash, write_atomically};

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Pages written (new or changed).
    pub written: Vec<PathBuf>,
    /// Pages left as they were because some segment is still untranslated or
    /// fuzzy: (locale, key, how many).
    pub incomplete: Vec<(String, String, usize)>,
}

/// Reads every file, checks every segment, then writes the pages that changed.
pub fn import(config: &Config, files: &[PathBuf]) -> Result<Imported> {
    let pages = Pages::load(config)?;
    let mut errors = Vec::new();
    // (locale, key) -> segment path -> finished Markdown
    let mut targets: BTreeMap<(usize, String), BTreeMap<String, String>> = BTreeMap::new();
    let def = config.default_locale;
    let read_all: Vec<Result<Read>> = files.par_iter().map(|f| read(f)).collect();
    let mut by_locale: BTreeMap<usize, BTreeMap<String, (&SourcePage, Option<&SourcePage>)>> =
        BTreeMap::new();
    for (file, read) in files.iter().zip(read_all) {
        let (code, plurals, entries) = match read {
            Ok(r) => r,
            Err(Error::Content(d)) => {
                errors.extend(d);
                continue;
            }
            Err(e) => return Err(e),
        };
        let locale = match config.locale_index(&code) {
            Some(l) if l != def => l,
            Some(_) => {
                errors.push(Diagnostic::error(
                    file,
                    format!("this file is for `{code}`, the default locale: it holds the sources, translations cannot go there"),
                ));
                continue;
            }
            None => {
                let known: Vec<&str> = config.locales.iter().map(|l| l.code.as_str()).collect();
                errors.push(Diagnostic::error(
                    file,
                    format!(
                        "this file is for `{code}`, which is not a locale of this site (site.yaml has {}): add it to site.yaml or fix the file's language",
                        known.join(", ")
                    ),
                ));
                continue;
            }
        };
        if let Some(d) = plurals.and_then(|n| po::check_plurals(file, &code, n)) {
            errors.push(d);
            continue;
        }
        let sources = by_locale.entry(locale).or_insert_with(|| {
            pages
                .pairs(config, locale)
                .into_iter()
                .map(|(k, s, t)| (k, (s, t)))
                .collect()
        });
        let mut segs: BTreeMap<String, Vec<Segment>> = BTreeMap::new();
        for (id, target, done) in entries {
            if !done {
                continue;
            }
            let Some((key, rest)) = id.split_once('#') else {
                errors.push(unknown(
                    file,
                    &id,
                    "it is not a kbgen segment id (page#block@hash)",
                ));
                continue;
            };
            let Some(&(source, _)) = sources.get(key) else {
                errors.push(unknown(
                    file,
                    &id,
                    &format!("the site has no page `{key}` in its default locale"),
                ));
                continue;
            };
            let (path, hash) = rest.split_once('@').unwrap_or((rest, ""));
            let list = segs
                .entry(key.to_string())
                .or_insert_with(|| crate::stamp::blocks::segments(source));
            let Some(seg) = list.iter().find(|s| s.path == path) else {
                errors.push(unknown(
                    file,
                    &id,
                    &format!("`{key}` has no segment `{path}`"),
                ));
                continue;
            };
            if seg.block_hash() != hash {
                errors.push(unknown(file, &id, "its source text changed since the export: export again and translate the new text"));
                continue;
            }
            match markdown(&seg.text, &target) {
                Ok(md) => {
                    targets
                        .entry((locale, key.to_string()))
                        .or_default()
                        .insert(path.to_string(), md);
                }
                Err(what) => errors.push(Diagnostic::error(
                    file,
                    format!("segment {id}: {what}; nothing was written for this page"),
                )),
            }
        }
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(Error::Content(errors));
    }
    let mut out = Imported::default();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for ((locale, key), done) in &targets {
        let Some(&(source, translation)) = by_locale.get(locale).and_then(|m| m.get(key)) else {
            continue;
        };
        let units = pair::units(source, translation);
        let mut texts = Vec::new();
        let mut missing = 0;
        for u in &units {
            match (done.get(&u.seg.path), u.state, &u.target) {
                (Some(t), _, _) => texts.push(t.clone()),
                (None, State::Translated, Some(t)) => texts.push(t.clone()),
                _ => missing += 1,
            }
        }
        if missing > 0 {
            out.incomplete
                .push((config.locales[*locale].code.clone(), key.clone(), missing));
            continue;
        }
        let same = units
            .iter()
            .zip(&texts)
            .all(|(u, t)| u.target.as_ref() == Some(t));
        let all_current = units.iter().all(|u| u.state == State::Translated)
            && translation.is_some_and(|t| {
                t.front.source_hash.as_deref().map(str::trim) == Some(source_hash(source).as_str())
            });
        if same && all_current {
            continue;
        }
        let segs: Vec<Segment> = units.iter().map(|u| u.seg.clone()).collect();
        let hash = source_hash(source);
        let sections = section_hashes(source);
        let blocks = block_hashes(&segs);
        let base = match (translation, same) {
            (Some(t), true) => t.text().to_string(),
            _ => rebuild(source, translation, &segs, &texts),
        };
        let Some(text) = restamp(&base, &hash, &sections, &blocks) else {
            continue;
        };
        let path = translation.map_or_else(
            || {
                config
                    .content_dir()
                    .join(&config.locales[*locale].code)
                    .join(format!("{key}.md"))
            },
            |t| t.path.clone(),
        );
        if translation.is_none_or(|t| t.text() != text) {
            writes.push((path, text));
        }
    }
    for (path, text) in &writes {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        write_atomically(path, text)?;
    }
    out.written = writes.into_iter().map(|(p, _)| p).collect();
    Ok(out)
}

fn unknown(file: &Path, id: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        format!("unknown segment id `{id}`: {why}; nothing was written"),
    )
}

/// A file's locale, its PO plural count, and its entries.
type Read = (String, Option<usize>, super::Returned<Target>);

fn read(file: &Path) -> Result<Read> {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "po" => {
            let (code, plurals, entries) = po::read(file)?;
            let entries = entries
                .into_iter()
                .map(|(id, t, d)| (id, Target::Markdown(t), d))
                .collect();
            Ok((code, Some(plurals), entries))
        }
        "xlf" | "xliff" | "xml" => {
            let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
            let (code, entries) = xliff::read(file, &text)?;
            Ok((code, None, entries))
        }
        _ => Err(Error::Content(vec![Diagnostic::error(
            file,
            "neither a PO (.po) nor an XLIFF (.xlf, .xliff) file",
        )])),
    }
}

/// The translation as Markdown, its inline codes checked against the source's.
fn markdown(source: &str, target: &Target) -> std::result::Result<String, String> {
    let src = inline::parse(source);
    match target {
        Target::Markdown(md) => {
            let mine = inline::parse(md);
            compare(&src.signature(), &mine.signature())?;
            Ok(md.clone())
        }
        Target::Codes(pieces) => from_codes(&src, pieces),
    }
}

fn compare(source: &[String], target: &[String]) -> std::result::Result<(), String> {
    let mut missing = source.to_vec();
    let mut extra = Vec::new();
    for t in target {
        match missing.iter().position(|s| s == t) {
            Some(i) => {
                missing.remove(i);
            }
            None => extra.push(t.clone()),
        }
    }
    let mut what = Vec::new();
    if !missing.is_empty() {
        what.push(format!("the translation lost {}", missing.join(", ")));
    }
    if !extra.is_empty() {
        what.push(format!("the translation has an extra {}", extra.join(", ")));
    }
    if what.is_empty() {
        Ok(())
    } else {
        Err(what.join("; "))
    }
}

fn from_codes(src: &Inline, pieces: &[TargetPiece]) -> std::result::Result<String, String> {
    let ctype = |id: usize| {
        src.pieces.iter().find_map(|p| match p {
            Piece::Open { id: i, ctype } if *i == id => Some(("g", *ctype)),
            Piece::Code { id: i, ctype } if *i == id => Some(("x", *ctype)),
            _ => None,
        })
    };
    let mut out = String::new();
    let mut seen = Vec::new();
    for p in pieces {
        match p {
            TargetPiece::Text(t) => out.push_str(t),
            TargetPiece::Open(id) | TargetPiece::Code(id) => {
                let want = if matches!(p, TargetPiece::Open(_)) {
                    "g"
                } else {
                    "x"
                };
                match ctype(*id) {
                    Some((kind, _)) if kind == want => {}
                    _ => {
                        return Err(format!(
                            "the translation has an inline code <{want} id=\"{id}\"> that the source does not have"
                        ));
                    }
                }
                if seen.contains(id) {
                    return Err(format!(
                        "the translation has the inline code {} twice",
                        src.key(*id)
                    ));
                }
                seen.push(*id);
                out.push_str(&src.markup[id].0);
            }
            TargetPiece::Close(id) => out.push_str(&src.markup[id].1),
        }
    }
    let lost: Vec<String> = src
        .markup
        .keys()
        .filter(|id| !seen.contains(id))
        .map(|id| src.key(*id))
        .collect();
    if !lost.is_empty() {
        return Err(format!("the translation lost {}", lost.join(", ")));
    }
    Ok(out)
}

/// The source page with every segment replaced by its translation: the body
/// keeps the source's structure; headings keep the source's ids (links copied
/// from the source point at them); the front matter is the translation's own
/// (its slug, order, dates) when there is one, else the source's.
fn rebuild(
    source: &SourcePage,
    translation: Option<&SourcePage>,
    segs: &[Segment],
    texts: &[String],
) -> String {
    let mut body = source.body().to_string();
    for (seg, text) in segs.iter().zip(texts).rev() {
        let Some(r) = &seg.range else { continue };
        let mut new = Segment::to_body(text, &seg.prefix);
        if seg.kind == Kind::Heading
            && !seg.explicit_id
            && let Some(id) = &seg.heading_id
        {
            new.push_str(&format!(" {{#{id}}}"));
        }
        body.replace_range(r.clone(), &new);
    }
    let base = translation.unwrap_or(source).text();
    let split = crate::frontmatter::split(Path::new(""), base).ok();
    let yaml = split.as_ref().map_or("", |s| s.yaml);
    let mut title = None;
    let mut description = None;
    let mut tags = Vec::new();
    for (seg, text) in segs.iter().zip(texts) {
        match seg.kind {
            Kind::Title => title = Some(text.as_str()),
            Kind::Description => description = Some(text.as_str()),
            Kind::Tag => tags.push(text.as_str()),
            _ => {}
        }
    }
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut replace: Vec<(&str, Option<String>)> = vec![
        ("title", title.map(|t| format!("title: {}\n", quoted(t)))),
        (
            "description",
            description.map(|d| format!("description: {}\n", quoted(d))),
        ),
        (
            "tags",
            (!tags.is_empty()).then(|| {
                format!(
                    "tags: [{}]\n",
                    tags.iter()
                        .map(|t| quoted(t))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        ),
    ];
    if translation.is_none() {
        // The source's old URLs are not this locale's.
        replace.push(("aliases", None));
        replace.push(("source_hash", None));
        replace.push(("source_sections", None));
        replace.push(("source_blocks", None));
    }
    let entries = crate::yaml::entries(yaml).unwrap_or_default();
    let mut new_yaml = String::new();
    let mut kept = 0;
    for e in &entries {
        if let Some((_, value)) = replace.iter_mut().find(|(k, _)| *k == e.key) {
            new_yaml.push_str(&yaml[kept..e.span.start]);
            if let Some(v) = value.take() {
                new_yaml.push_str(&v);
            }
            kept = e.span.end;
        }
    }
    new_yaml.push_str(&yaml[kept..]);
    if !new_yaml.is_empty() && !new_yaml.ends_with('\n') {
        new_yaml.push('\n');
    }
    for (_, value) in replace {
        if let Some(v) = value {
            new_yaml.push_str(&v);
        }
    }
    format!("---\n{new_yaml}---\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_link_and_an_extra_emphasis_are_named() {
        let src = "See [Refunds](../payments/refunds.md) now.";
        let err = markdown(src, &Target::Markdown("Vedi i rimborsi **ora**.".into())).unwrap_err();
        assert_eq!(
            err,
            "the translation lost link to ../payments/refunds.md; the translation has an extra bold"
        );
        let ok = markdown(
            src,
            &Target::Codes(vec![
                TargetPiece::Text("Vedi ".into()),
                TargetPiece::Open(1),
                TargetPiece::Text("Rimborsi".into()),
                TargetPiece::Close(1),
                TargetPiece::Text(" ora.".into()),
            ]),
        )
        .unwrap();
        assert_eq!(ok, "Vedi [Rimborsi](../payments/refunds.md) ora.");
        let err =
            markdown(src, &Target::Codes(vec![TargetPiece::Text("Vedi.".into())])).unwrap_err();
        assert_eq!(err, "the translation lost link to ../payments/refunds.md");
    }
}
