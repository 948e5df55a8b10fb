//! Careful edits of front matter: add an entry to a top-level list (`aliases:`)
//! found through the YAML structure, keeping every other byte of the file.
//!
//! Lines that merely look like keys (inside a block scalar, a quoted string or a
//! nested map) are never matched: the key's position comes from a YAML parser's
//! events, and the result is parsed again and compared before it is accepted.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Where a top-level key's value sits, from the parser's events.
#[derive(Debug, PartialEq)]
enum Value {
    /// The key is not in the front matter.
    Missing,
    /// `key:`, `key: ~` or `key: null`: the byte range of the written value,
    /// empty (right after the colon) when nothing is written.
    Null { start: usize, end: usize },
    /// `key: [a, b]`: the byte offset of the closing `]`.
    Flow { close: usize },
    /// `key:\n  - a`: the column of the `-` and the offset where the list ends.
    Block { indent: usize, end: usize },
    /// Anything else (a string, a map): not a list that can be extended.
    Other,
}

/// The byte range of the YAML between the front matter fences of `text`.
fn yaml_range(text: &str) -> Result<(usize, usize), String> {
    let split = crate::frontmatter::split(std::path::Path::new(""), text).map_err(|d| d.message)?;
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    Ok((start, start + split.yaml.len()))
}

/// Adds `entry` to the top-level list `key` of the file's front matter (creating
/// the key when it is missing) and returns the new text; every other byte stays.
pub fn add_list_entry(text: &str, key: &str, entry: &str) -> Result<String, String> {
    let (start, end) = yaml_range(text)?;
    let yaml = &text[start..end];
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let item = yaml_scalar(entry);
    // Replace yaml[at..until] with `insert`.
    let (at, until, insert) = match find(yaml, key)? {
        Value::Missing => (yaml.len(), yaml.len(), format!("{key}: [{item}]{eol}")),
        // `key: ~  # note` becomes `key: [entry]  # note`.
        Value::Null { start, end } if start == end => (start, end, format!(" [{item}]")),
        Value::Null { start, end } => (start, end, format!("[{item}]")),
        Value::Flow { close } => {
            let before = yaml[..close].trim_end();
            if before.ends_with('[') {
                (close, close, item)
            } else if before.ends_with(',') {
                // `[a,\n]`: right after the trailing comma.
                (before.len(), before.len(), format!(" {item}"))
            } else {
                (close, close, format!(", {item}"))
            }
        }
        Value::Block { indent, end } => {
            let line_start = yaml[..end].rfind('\n').map_or(0, |i| i + 1);
            let item_line = format!("{}- {item}{eol}", " ".repeat(indent));
            if yaml[line_start..end].trim().is_empty() {
                let at = before_blank_lines(yaml, line_start);
                (at, at, item_line)
            } else {
                // Something follows the list on its last line (cannot happen at the
                // top level, but a new line is always safe).
                (end, end, format!("{eol}{item_line}"))
            }
        }
        Value::Other => {
            return Err(format!(
                "`{key}:` is not a list; write it as `{key}: [{item}]`"
            ));
        }
    };
    let edited = format!("{}{insert}{}", &yaml[..at], &yaml[until..]);
    check_edit(yaml, &edited, key, entry)?;
    Ok(format!("{}{edited}{}", &text[..start], &text[end..]))
}

/// The start of the blank and comment-only lines that end at `line_start`: they
/// belong with what follows the list, so the new item goes before them.
fn before_blank_lines(yaml: &str, mut line_start: usize) -> usize {
    while line_start > 0 {
        let prev = yaml[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = yaml[prev..line_start].trim();
        if !(line.is_empty() || line.starts_with('#')) {
            break;
        }
        line_start = prev;
    }
    line_start
}

/// The 1-based line and column (in the file) of each entry of the top-level list
/// `key`, or of the key itself when it is not a list; empty when it is missing.
pub fn entry_positions(text: &str, key: &str) -> Vec<(usize, usize)> {
    let Ok((start, end)) = yaml_range(text) else {
        return Vec::new();
    };
    let first_line = text[..start].matches('\n').count();
    let Ok(events) = events(&text[start..end]) else {
        return Vec::new();
    };
    let Some(value) = top_level_value(&events, key) else {
        return Vec::new();
    };
    let at = |m: &Marker| (first_line + m.line(), m.col() + 1);
    match &events[value].0 {
        Event::SequenceStart(..) => {
            let mut depth = 0;
            let mut out = Vec::new();
            for (event, mark) in &events[value + 1..] {
                match event {
                    Event::SequenceEnd | Event::MappingEnd if depth == 0 => break,
                    Event::SequenceEnd | Event::MappingEnd => depth -= 1,
                    Event::SequenceStart(..) | Event::MappingStart(..) => {
                        if depth == 0 {
                            out.push(at(mark));
                        }
                        depth += 1;
                    }
                    _ if depth == 0 => out.push(at(mark)),
                    _ => {}
                }
            }
            out
        }
        _ => vec![at(&events[value - 1].1)],
    }
}

fn events(yaml: &str) -> Result<Vec<(Event, Marker)>, String> {
    let mut parser = Parser::new_from_str(yaml);
    let mut out = Vec::new();
    loop {
        let (event, mark) = parser.next_token().map_err(|e| e.to_string())?;
        let end = event == Event::StreamEnd;
        out.push((event, mark));
        if end {
            return Ok(out);
        }
    }
}

/// The index in `events` of the value of the top-level `key`.
fn top_level_value(events: &[(Event, Marker)], key: &str) -> Option<usize> {
    let mut depth = 0usize;
    // In the top-level map (depth 1), nodes alternate between key and value.
    let mut is_key = true;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && !matches!(event, Event::MappingStart(..)) {
                    return None;
                }
                if depth == 1 {
                    is_key = !is_key;
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(v, ..) if depth == 1 => {
                if is_key && v == key {
                    return Some(i + 1);
                }
                is_key = !is_key;
            }
            Event::Alias(..) if depth == 1 => is_key = !is_key,
            _ => {}
        }
    }
    None
}

/// Where the value of `key` is written in `yaml`.
fn find(yaml: &str, key: &str) -> Result<Value, String> {
    let events = events(yaml).map_err(|e| format!("the front matter is not valid YAML: {e}"))?;
    let Some(value) = top_level_value(&events, key) else {
        return Ok(Value::Missing);
    };
    let byte = |m: &Marker| char_to_byte(yaml, m.index());
    let (event, mark) = &events[value];
    Ok(match event {
        Event::SequenceStart(..) => {
            let end = matching_end(&events, value);
            let start = byte(mark);
            if yaml[start..].starts_with('[') {
                let close = byte(&events[end].1);
                if !yaml[close..].starts_with(']') {
                    return Err(format!("cannot find the end of `{key}: [...]`"));
                }
                Value::Flow { close }
            } else {
                // The mark is at the first item (past `- ` in an indentless
                // list): the indent is that of the line's `-`.
                let line_start = yaml[..start].rfind('\n').map_or(0, |i| i + 1);
                let indent =
                    yaml[line_start..].len() - yaml[line_start..].trim_start_matches(' ').len();
                Value::Block {
                    indent,
                    end: byte(&events[end].1),
                }
            }
        }
        Event::Scalar(v, style, ..)
            if matches!(v.as_str(), "~" | "null" | "")
                && *style == yaml_rust2::scanner::TScalarStyle::Plain =>
        {
            let key_at = byte(&events[value - 1].1);
            let colon = yaml[key_at..]
                .find(':')
                .map(|i| key_at + i + 1)
                .ok_or_else(|| format!("cannot find the colon after `{key}`"))?;
            let start = byte(mark);
            // An empty value's event sits at the next token, past the line.
            if v.is_empty() || yaml[colon..start].contains('\n') || start < colon {
                Value::Null {
                    start: colon,
                    end: colon,
                }
            } else {
                Value::Null {
                    start,
                    end: start + v.len(),
                }
            }
        }
        _ => Value::Other,
    })
}

/// The index of the event that closes the node opened at `open`.
fn matching_end(events: &[(Event, Marker)], open: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(open) {
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// yaml-rust2 counts positions in characters.
fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// `entry` as a YAML scalar that stays a string in flow and block lists alike.
fn yaml_scalar(entry: &str) -> String {
    let plain = !entry.is_empty()
        && entry
            .chars()
            .all(|c| c.is_alphanumeric() || "/-_.~%+".contains(c))
        && !entry.starts_with(['-', '.', '~', '%'])
        && !matches!(
            entry,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off"
        );
    if plain && entry.parse::<f64>().is_err() {
        entry.to_string()
    } else {
        format!("'{}'", entry.replace('\'', "''"))
    }
}

/// The edit must keep every key as it was and only add `entry` to `key`.
fn check_edit(before: &str, after: &str, key: &str, entry: &str) -> Result<(), String> {
    let parse = |s: &str| -> Result<serde_yaml::Mapping, String> {
        if s.trim().is_empty() {
            return Ok(serde_yaml::Mapping::new());
        }
        serde_yaml::from_str(s).map_err(|e| e.to_string())
    };
    let mut old = parse(before)?;
    let mut new = parse(after).map_err(|e| format!("the edit would break the YAML ({e})"))?;
    let list = |m: &mut serde_yaml::Mapping| match m.remove(key) {
        Some(serde_yaml::Value::Sequence(s)) => Ok(s),
        None | Some(serde_yaml::Value::Null) => Ok(Vec::new()),
        Some(_) => Err(format!("`{key}:` is not a list")),
    };
    let mut expected = list(&mut old)?;
    expected.push(serde_yaml::Value::String(entry.to_string()));
    if list(&mut new)? != expected || old != new {
        return Err(format!(
            "could not add `{entry}` to `{key}:` without changing anything else; add it by hand"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str) -> String {
        add_list_entry(text, "aliases", "/en/old/").unwrap()
    }

    #[test]
    fn missing_key_is_appended_before_the_fence() {
        assert_eq!(
            add("---\ntitle: A\n---\nBody\n"),
            "---\ntitle: A\naliases: [/en/old/]\n---\nBody\n"
        );
    }

    #[test]
    fn crlf_files_stay_crlf() {
        assert_eq!(
            add("---\r\ntitle: A\r\n---\r\nBody\r\n"),
            "---\r\ntitle: A\r\naliases: [/en/old/]\r\n---\r\nBody\r\n"
        );
        assert_eq!(
            add("---\r\naliases:\r\n  - a/\r\ntitle: A\r\n---\r\n"),
            "---\r\naliases:\r\n  - a/\r\n  - /en/old/\r\ntitle: A\r\n---\r\n"
        );
    }

    #[test]
    fn flow_lists_get_one_more_item() {
        assert_eq!(
            add("---\naliases: [a/, b/]  # old\ntitle: A\n---\n"),
            "---\naliases: [a/, b/, /en/old/]  # old\ntitle: A\n---\n"
        );
        assert_eq!(
            add("---\naliases: []\n---\n"),
            "---\naliases: [/en/old/]\n---\n"
        );
        assert_eq!(
            add("---\naliases: [\n  a/,\n]\n---\n"),
            "---\naliases: [\n  a/, /en/old/\n]\n---\n"
        );
    }

    #[test]
    fn block_lists_keep_their_indent() {
        assert_eq!(
            add("---\ntitle: A\naliases:\n  - a/\n  - b/\ntags: [x]\n---\n"),
            "---\ntitle: A\naliases:\n  - a/\n  - b/\n  - /en/old/\ntags: [x]\n---\n"
        );
        assert_eq!(
            add("---\naliases:\n- a/\n---\n"),
            "---\naliases:\n- a/\n- /en/old/\n---\n"
        );
    }

    #[test]
    fn block_lists_grow_before_blank_lines_and_comments() {
        assert_eq!(
            add("---\naliases:\n  - a/\n\n# About the page\ntitle: A\n---\n"),
            "---\naliases:\n  - a/\n  - /en/old/\n\n# About the page\ntitle: A\n---\n"
        );
    }

    #[test]
    fn empty_values_become_a_list() {
        assert_eq!(
            add("---\naliases:\ntitle: A\n---\n"),
            "---\naliases: [/en/old/]\ntitle: A\n---\n"
        );
        assert_eq!(
            add("---\naliases: ~ # none yet\n---\n"),
            "---\naliases: [/en/old/] # none yet\n---\n"
        );
    }

    #[test]
    fn lines_that_only_look_like_the_key_are_left_alone() {
        let text = "---\ntitle: A\ndescription: |\n  aliases: [not, this]\nnested:\n  aliases: [nor, this]\n---\naliases: [body]\n";
        assert_eq!(
            add(text),
            "---\ntitle: A\ndescription: |\n  aliases: [not, this]\nnested:\n  aliases: [nor, this]\naliases: [/en/old/]\n---\naliases: [body]\n"
        );
    }

    #[test]
    fn keys_after_multibyte_text_are_found_at_the_right_byte() {
        assert_eq!(
            add("---\ntitle: 如何联系我们\naliases: [旧/]\n---\n"),
            "---\ntitle: 如何联系我们\naliases: [旧/, /en/old/]\n---\n"
        );
    }

    #[test]
    fn odd_entries_are_quoted() {
        let out = add_list_entry("---\ntitle: A\n---\n", "aliases", "a, b/").unwrap();
        assert_eq!(out, "---\ntitle: A\naliases: ['a, b/']\n---\n");
    }

    #[test]
    fn a_string_value_is_an_error_not_a_guess() {
        let err = add_list_entry("---\naliases: /x/\n---\n", "aliases", "y/").unwrap_err();
        assert!(err.contains("not a list"), "{err}");
    }

    #[test]
    fn positions_of_entries() {
        let text = "---\ntitle: A\naliases:\n  - a/\n  - b/\n---\n";
        assert_eq!(entry_positions(text, "aliases"), vec![(4, 5), (5, 5)]);
        let text = "---\naliases: [a/, b/]\n---\n";
        assert_eq!(entry_positions(text, "aliases"), vec![(2, 11), (2, 15)]);
        assert!(entry_positions("---\ntitle: A\n---\n", "aliases").is_empty());
    }
}
