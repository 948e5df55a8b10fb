//! URL segments: which names can become part of a page's URL (and a folder of the
//! output), the key under which two of them would be the same file on the hosts
//! help centers are served from, and which configured URLs stay where they say.

use unicode_normalization::UnicodeNormalization;

/// Longest slug, in UTF-8 bytes: file systems stop at 255 per name, some (eCryptfs)
/// well before, and long URLs are cut in e-mails and chat replies.
pub const MAX_BYTES: usize = 200;

/// Names of files kbgen writes inside page folders: a page with one of these as its
/// slug would become a folder where the file should be.
const FILE_NAMES: &[&str] = &["index.html", "index.md", "404.html"];

/// Why `s` cannot be a URL segment, or `None` when it can. Besides what would climb
/// out of a folder, this refuses what looks the same as another name but is not
/// (bidi controls, zero-width characters) and names kbgen writes itself.
pub fn problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("it is empty".into());
    }
    if s == "." || s == ".." {
        return Some(format!("`{s}` means a folder, not a page"));
    }
    if s.starts_with('.') {
        return Some("it starts with `.`, which hides it on most hosts".into());
    }
    if let Some(c) = s.chars().find(|&c| {
        matches!(
            c,
            '/' | '\\' | ':' | '?' | '#' | '%' | '"' | '<' | '>' | '*' | '|'
        ) || c.is_control()
            || c.is_whitespace()
    }) {
        return Some(format!(
            "it contains {}: use letters, digits and `-`",
            describe(c)
        ));
    }
    if let Some(c) = s.chars().find(|&c| is_invisible(c)) {
        return Some(format!(
            "it contains the invisible character U+{:04X}, which makes it look like another URL",
            c as u32
        ));
    }
    if s.len() > MAX_BYTES {
        return Some(format!(
            "it is {} bytes long; keep it under {MAX_BYTES}",
            s.len()
        ));
    }
    let lower = s.to_lowercase();
    if FILE_NAMES.contains(&lower.as_str()) {
        return Some(format!("`{s}` is the name of a file kbgen writes"));
    }
    None
}

/// [`problem`] for a segment of a URL path that may end in a file name
/// (`index.html` is fine as the last segment of an alias).
pub fn path_problem(s: &str) -> Option<String> {
    problem(s).filter(|_| !FILE_NAMES.contains(&s.to_lowercase().as_str()))
}

/// The form under which two names are one file or one URL somewhere: macOS and
/// Windows ignore case, macOS stores names decomposed, and many CDNs fold width
/// and compatibility forms. Two slugs with the same key collide.
pub fn collision_key(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).nfc().collect()
}

/// `s` in Unicode normalization form C, as URLs and file names should be: the
/// same word typed on a Mac and on a PC then gives the same URL.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Why a URL from configuration (a form's endpoint, a chat launcher) could lead
/// somewhere other than it seems, or `None` when it is an absolute http(s) URL or
/// a path on this site. Browsers drop tabs and newlines and read `\` as `/`, so
/// `/\evil.example` and `/<tab>/evil.example` are other hosts.
pub fn endpoint_problem(url: &str) -> Option<String> {
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    {
        return Some(format!(
            "`{}` contains a space, a control character or a backslash, which browsers may read as a link to another site: write the URL without them",
            url.escape_debug()
        ));
    }
    if let Some(path) = url.strip_prefix('/') {
        if path.starts_with('/') {
            return Some(format!(
                "`{url}` starts with `//`, which browsers read as another host: write https://host/... or a path with one `/`"
            ));
        }
        return None;
    }
    match url::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => None,
        _ => Some(format!(
            "`{url}` is not an http(s) URL or a path starting with `/`"
        )),
    }
}

/// Format characters that render as nothing: bidi controls, zero-width spaces and
/// joiners, the byte-order mark, invisible operators, tags.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

fn describe(c: char) -> String {
    if c.is_whitespace() {
        "a space".into()
    } else if c.is_control() {
        format!("the control character U+{:04X}", c as u32)
    } else {
        format!("`{c}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_slugs_in_any_script_are_fine() {
        for ok in [
            "refunds",
            "rozwiązanie-sporu",
            "如何联系",
            "café",
            "a.b",
            "faq-2",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn what_climbs_hides_or_deceives_is_refused() {
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "a/b",
            "a\\b",
            "C:",
            "a b",
            "a?b",
            "a%2e",
            "pay\u{202E}fdp.exe",
            "re\u{200B}funds",
            "\u{FEFF}bom",
            "index.html",
            "INDEX.HTML",
            "404.html",
        ] {
            assert!(problem(bad).is_some(), "{bad:?}");
        }
        assert!(problem(&"a".repeat(300)).unwrap().contains("300 bytes"));
    }

    #[test]
    fn endpoints_that_browsers_send_elsewhere_are_refused() {
        for bad in [
            "/\\evil.example/steal",
            "/\t/evil.example/steal",
            "//evil.example/steal",
            "/\n/evil.example",
            "javascript:alert(1)",
        ] {
            assert!(endpoint_problem(bad).is_some(), "{bad:?}");
        }
        for ok in ["/contact/send", "https://support.example.org/contact"] {
            assert_eq!(endpoint_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn case_normalization_and_width_collide() {
        let nfd = "cafe\u{301}";
        assert_eq!(collision_key("café"), collision_key(nfd));
        assert_eq!(collision_key("Refunds"), collision_key("refunds"));
        assert_eq!(collision_key("ｒｅｆｕｎｄｓ"), collision_key("refunds"));
        assert_ne!(collision_key("refund"), collision_key("refunds"));
        assert_eq!(nfc(nfd), "café");
    }
}
