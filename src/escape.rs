//! Escaping text for HTML and XML that kbgen writes by hand, outside Tera.

/// `text` with `& < > " '` escaped: safe in element content and in quoted
/// attributes, in HTML and in XML alike.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(&mut out, text);
    out
}

/// [`html`], appended to `out`.
pub fn html_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(out, text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::html(r#"<a href="x">Q&A's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Q&amp;A&#39;s&lt;/a&gt;"
        );
    }
}
