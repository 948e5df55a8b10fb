//! YAML syntax errors where the writer must look. The YAML parser notices an
//! unclosed quote or bracket only where the text ends ("unexpected end of
//! stream"); the opening one is what needs fixing.

/// A quote or bracket that is opened and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// Byte offset of the opening character in the YAML.
    pub offset: usize,
    pub opener: char,
}

impl Unclosed {
    pub fn message(&self) -> String {
        match self.opener {
            '"' | '\'' => format!(
                "this {} is never closed: end the value with {0} too, or leave both out",
                quote_name(self.opener)
            ),
            '[' => "this `[` is never closed: end the list with `]`".into(),
            _ => "this `{` is never closed: end the map with `}`".into(),
        }
    }
}

fn quote_name(c: char) -> &'static str {
    if c == '"' { "`\"`" } else { "`'`" }
}

/// The first quote, or innermost bracket, that the YAML opens and never closes.
/// An estimate of YAML's own rules (quotes and brackets open a value; `#` after a
/// space starts a comment; `|` and `>` blocks are skipped), enough to place an error.
pub fn unclosed(yaml: &str) -> Option<Unclosed> {
    let mut stack: Vec<Unclosed> = Vec::new();
    let mut quote: Option<Unclosed> = None;
    // Inside a `|` or `>` block: the indent of its key's line.
    let mut block_indent: Option<usize> = None;
    let mut line_start = 0;
    for line in yaml.split_inclusive('\n') {
        let offset = line_start;
        line_start += line.len();
        let indent = line.len() - line.trim_start().len();
        if quote.is_none()
            && let Some(block) = block_indent
        {
            // A block's lines are text, whatever they hold.
            if line.trim().is_empty() || indent > block {
                continue;
            }
            block_indent = None;
        }
        // Where a value may start: the beginning of a line, after `: `, `- `, or
        // inside brackets after `[`, `{` or `,`.
        let mut value_start = true;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = quote {
                match (q.opener, c) {
                    ('"', '\\') => {
                        chars.next();
                    }
                    ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    ('"', '"') | ('\'', '\'') => quote = None,
                    _ => {}
                }
                continue;
            }
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            let opened = Unclosed {
                offset: offset + i,
                opener: c,
            };
            match c {
                c if c.is_whitespace() => {}
                '#' if i == 0 || line[..i].ends_with(char::is_whitespace) => break,
                '"' | '\'' if value_start => quote = Some(opened),
                '[' | '{' if value_start || !stack.is_empty() => {
                    stack.push(opened);
                    value_start = true;
                }
                ']' | '}' => {
                    stack.pop();
                    value_start = false;
                }
                ',' if !stack.is_empty() => value_start = true,
                ':' | '-' if next_is_space => value_start = true,
                '|' | '>' if value_start && stack.is_empty() => {
                    block_indent = Some(indent);
                    break;
                }
                _ => value_start = false,
            }
        }
    }
    quote.or(stack.last().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str) -> Option<(usize, char)> {
        unclosed(yaml).map(|u| (u.offset, u.opener))
    }

    #[test]
    fn finds_the_opening_quote() {
        assert_eq!(at("title: \"Refunds\norder: 1\n"), Some((7, '"')));
        assert_eq!(at("title: 'It''s\n"), Some((7, '\'')));
        assert_eq!(at("tags: [a, \"b\nc: 1\n"), Some((10, '"')));
    }

    #[test]
    fn finds_the_opening_bracket() {
        assert_eq!(at("title: A\ntags: [a, b\n"), Some((15, '[')));
    }

    #[test]
    fn closed_and_inner_quotes_are_fine() {
        assert_eq!(at("title: \"A \\\" b\"\ndescription: it's fine\n"), None);
        assert_eq!(at("title: 'It''s'\ntags: [\"a]\", b]\n"), None);
        assert_eq!(at("title: \"two\n  lines\"\n# it's a comment\n"), None);
        assert_eq!(at("description: |\n  it's [open\ntitle: A\n"), None);
    }
}
