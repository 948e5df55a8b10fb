//! `kbgen translate import`: translations from PO or XLIFF files written back as
//! Markdown with the source's structure. Everything is checked before anything is
//! written: one wrong file, segment or inline code and no page changes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::inline::{self, Inline, Piece};
use super::pages::{Pages, Source, Sources};
use super::pair::{self, State};
use super::{Target, TargetPiece, po, xliff};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::load::SourcePage;
use crate::stamp::blocks::{Kind, Segment};
use crate::stamp::write::stamp_lines;
use crate::stamp::{restamp, write_atomically};

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
    let sources = pages.sources(config);
    let mut errors = Vec::new();
    // (locale, key) -> segment path -> finished Markdown
    let mut targets: BTreeMap<(usize, String), BTreeMap<String, String>> = BTreeMap::new();
    // As many files at a time as there are threads: a file's messages are let go
    // once checked, so a locale's catalog is never held beside all the others.
    for chunk in files.chunks(rayon::current_num_threads().max(1)) {
        let read_all: Vec<Result<Read>> = chunk.par_iter().map(|f| read(f)).collect();
        for (file, read) in chunk.iter().zip(read_all) {
            check_file(config, &sources, file, read, &mut targets, &mut errors)?;
        }
    }
    if !errors.is_empty() {
        errors.sort();
        errors.dedup();
        return Err(Error::Content(errors));
    }
    let done: Vec<Done> = targets
        .into_par_iter()
        .filter_map(|((locale, key), done)| {
            let source = sources.get(&key)?;
            Some(page(config, source, locale, &done))
        })
        .collect();
    let mut out = Imported::default();
    let mut writes: Vec<(PathBuf, String)> = Vec::new();
    for d in done {
        match d {
            Done::Write(path, text) => writes.push((path, text)),
            Done::Incomplete(locale, key, missing) => out.incomplete.push((locale, key, missing)),
            Done::Same => {}
        }
    }
    writes
        .par_iter()
        .map(|(path, text)| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            write_atomically(path, text)
        })
        .collect::<Result<()>>()?;
    out.written = writes.into_iter().map(|(p, _)| p).collect();
    Ok(out)
}

/// Checks the finished entries of one file read, adding them to `targets` and
/// what is wrong to `errors`; fails only on what stops the import (I/O).
fn check_file(
    config: &Config,
    sources: &Sources<'_>,
    file: &Path,
    read: Result<Read>,
    targets: &mut BTreeMap<(usize, String), BTreeMap<String, String>>,
    errors: &mut Vec<Diagnostic>,
) -> Result<()> {
    let (code, plurals, entries) = match read {
        Ok(r) => r,
        Err(Error::Content(d)) => {
            errors.extend(d);
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let locale = match file_locale(config, file, &code) {
        Ok(l) => l,
        Err(d) => {
            errors.push(d);
            return Ok(());
        }
    };
    if let Some(d) = plurals.and_then(|n| po::check_plurals(file, &code, n)) {
        errors.push(d);
        return Ok(());
    }
    let checked: Vec<std::result::Result<(&str, &str, String), Diagnostic>> = entries
        .par_iter()
        .filter(|(_, _, done)| *done)
        .map(|(id, target, _)| segment(sources, file, id, target))
        .collect();
    for c in checked {
        match c {
            Ok((key, path, md)) => {
                // Entries come page by page: look the page up once per run.
                match targets.last_entry() {
                    Some(mut e) if e.key().0 == locale && e.key().1 == key => {
                        e.get_mut().insert(path.to_string(), md);
                    }
                    _ => {
                        targets
                            .entry((locale, key.to_string()))
                            .or_default()
                            .insert(path.to_string(), md);
                    }
                }
            }
            Err(d) => errors.push(d),
        }
    }
    Ok(())
}

/// What importing one page comes to.
enum Done {
    Write(PathBuf, String),
    /// (locale, key, segments still missing)
    Incomplete(String, String, usize),
    Same,
}

/// The locale a file is for: one of the site's, not the default.
fn file_locale(config: &Config, file: &Path, code: &str) -> std::result::Result<usize, Diagnostic> {
    match config.locale_index(code) {
        Some(l) if l != config.default_locale => Ok(l),
        Some(_) => Err(Diagnostic::error(
            file,
            format!(
                "this file is for `{code}`, the default locale: it holds the sources, translations cannot go there"
            ),
        )),
        None => {
            let known: Vec<&str> = config.locales.iter().map(|l| l.code.as_str()).collect();
            Err(Diagnostic::error(
                file,
                format!(
                    "this file is for `{code}`, which is not a locale of this site (site.yaml has {}): add it to site.yaml or fix the file's language",
                    known.join(", ")
                ),
            ))
        }
    }
}

/// One finished entry checked against its source segment: (page key, segment
/// path, the translation as Markdown).
fn segment<'s>(
    sources: &Sources<'_>,
    file: &Path,
    id: &'s str,
    target: &Target,
) -> std::result::Result<(&'s str, &'s str, String), Diagnostic> {
    let Some((key, rest)) = id.split_once('#') else {
        return Err(unknown(
            file,
            id,
            "it is not a kbgen segment id (page#block@hash)",
        ));
    };
    let Some(source) = sources.get(key) else {
        return Err(unknown(
            file,
            id,
            &format!("the site has no page `{key}` in its default locale"),
        ));
    };
    let (path, hash) = rest.split_once('@').unwrap_or((rest, ""));
    let Some(i) = source.segments.iter().position(|s| s.path == path) else {
        return Err(unknown(
            file,
            id,
            &format!("`{key}` has no segment `{path}`"),
        ));
    };
    if source.block_hashes[i] != hash {
        return Err(unknown(
            file,
            id,
            "its source text changed since the export: export again and translate the new text",
        ));
    }
    markdown(&source.inline[i], target)
        .map(|md| (key, path, md))
        .map_err(|what| {
            Diagnostic::error(
                file,
                format!("segment {id}: {what}; nothing was written for this page"),
            )
        })
}

/// The page `source` in `locale` with the finished translations `done` (by
/// segment path) and what it already had: written when every segment is
/// translated and something changed.
fn page(
    config: &Config,
    source: &Source<'_>,
    locale: usize,
    done: &BTreeMap<String, String>,
) -> Done {
    let translation = source.translation(locale);
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
        let code = config.locales[locale].code.clone();
        return Done::Incomplete(code, source.key.clone(), missing);
    }
    let same = units
        .iter()
        .zip(&texts)
        .all(|(u, t)| u.target.as_ref() == Some(t));
    let all_current = units.iter().all(|u| u.state == State::Translated)
        && translation
            .is_some_and(|t| t.front.source_hash.as_deref().map(str::trim) == Some(&source.hash));
    if same && all_current {
        return Done::Same;
    }
    let blocks = source.block_hashes.join(" ");
    let stamps = (source.hash.as_str(), source.sections(), blocks.as_str());
    let text = match (translation, same) {
        (Some(t), true) => restamp(t.text(), stamps.0, stamps.1, stamps.2),
        _ => rebuild(source, translation, &texts, stamps),
    };
    let Some(text) = text else {
        return Done::Same;
    };
    let path = translation.map_or_else(
        || {
            config
                .content_dir()
                .join(&config.locales[locale].code)
                .join(format!("{}.md", source.key))
        },
        |t| t.path.clone(),
    );
    if translation.is_some_and(|t| t.text() == text) {
        return Done::Same;
    }
    Done::Write(path, text)
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
fn markdown(src: &Inline, target: &Target) -> std::result::Result<String, String> {
    match target {
        Target::Markdown(md) => {
            let mine = inline::parse(md);
            compare(&src.signature(), &mine.signature())?;
            Ok(md.clone())
        }
        Target::Codes(pieces) => from_codes(src, pieces),
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

/// `texts` with each link or image title that sits inside its block's text
/// written into the block's translation, in the code the title belongs to.
fn with_titles(source: &Source<'_>, texts: &[String]) -> Vec<String> {
    let mut out = texts.to_vec();
    let segs = &source.segments;
    for (i, seg) in segs.iter().enumerate() {
        if seg.kind != Kind::LinkTitle {
            continue;
        }
        let Some((block_path, n)) = seg.path.rsplit_once(".t") else {
            continue;
        };
        let Some(b) = segs[..i].iter().rposition(|s| s.path == block_path) else {
            continue;
        };
        let nested = matches!((&segs[b].range, &seg.range), (Some(outer), Some(inner))
            if outer.start <= inner.start && inner.end <= outer.end);
        let source_code = n
            .parse::<usize>()
            .ok()
            .and_then(|n| source.inline[b].titled().get(n).copied());
        if let (true, Some(code)) = (nested, source_code) {
            let mut block = inline::parse(&out[b]);
            let ids = super::map_ids(&block, &source.inline[b]);
            if let Some((&mine, _)) = ids.iter().find(|(_, s)| **s == code) {
                block.set_title(mine, &texts[i]);
                out[b] = inline::render(&block);
            }
        }
    }
    out
}

/// The source page with every segment replaced by its translation: the body
/// keeps the source's structure; headings keep the source's ids (links copied
/// from the source point at them); the front matter is the translation's own
/// (its slug, order, dates) when there is one, else the source's.
/// Stamped as made from `source` now: its (hash, sections, blocks).
fn rebuild(
    source: &Source<'_>,
    translation: Option<&SourcePage>,
    texts: &[String],
    (hash, sections, blocks): (&str, &BTreeMap<String, String>, &str),
) -> Option<String> {
    let segs = &source.segments;
    let texts = &with_titles(source, texts);
    let src = source.page.body();
    let mut body = String::with_capacity(src.len() + src.len() / 4);
    let mut kept = 0;
    for (seg, text) in segs.iter().zip(texts) {
        let Some(r) = &seg.range else { continue };
        if r.start < kept {
            // A title inside its block: already in the block's text.
            continue;
        }
        body.push_str(&src[kept..r.start]);
        if seg.kind == Kind::LinkTitle {
            let delimiter = src[..r.start].chars().next_back().unwrap_or('"');
            body.push_str(&inline::escape_title(text, delimiter));
        } else {
            body.push_str(&Segment::to_body(text, &seg.prefix));
        }
        if seg.kind == Kind::Heading
            && !seg.explicit_id
            && let Some(id) = &seg.heading_id
        {
            body.push_str(" {#");
            body.push_str(id);
            body.push('}');
        }
        kept = r.end;
    }
    body.push_str(&src[kept..]);
    let base = translation.unwrap_or(source.page).text();
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
    }
    // Stamped below, after everything else.
    replace.push(("source_hash", None));
    replace.push(("source_sections", None));
    replace.push(("source_blocks", None));
    let entries = crate::yaml::entries(yaml)?;
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
    let newline = if new_yaml.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    new_yaml.push_str(&stamp_lines(hash, sections, blocks, newline));
    Some(format!("---\n{new_yaml}---\n{body}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_link_and_an_extra_emphasis_are_named() {
        let src = &inline::parse("See [Refunds](../payments/refunds.md) now.");
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
