//! The type of each front matter key, checked before serde sees the YAML, so that
//! every wrong value of a file is reported at once, in the writer's words ("order
//! must be a whole number"), never in Rust's ("expected i64").

use serde_yaml::{Mapping, Value};

/// What a key's value must be.
#[derive(Debug, Clone, Copy)]
enum Type {
    Text,
    Integer,
    Bool,
    /// A list of text.
    List,
    /// Text keys to text values.
    Map,
}

/// Keys with a checked type, and an example of a right value. A key not listed
/// here is left to serde (and its message to [`humanize`]).
const RULES: &[(&str, Type, &str)] = &[
    ("title", Type::Text, "title: How refunds work"),
    (
        "description",
        Type::Text,
        "description: When and how you get your money back",
    ),
    ("slug", Type::Text, "slug: refunds"),
    ("order", Type::Integer, "order: 3"),
    ("audience", Type::Text, "audience: buyer"),
    ("tags", Type::List, "tags: [refund, money back]"),
    ("updated", Type::Text, "updated: 2026-03-01"),
    ("draft", Type::Bool, "draft: true"),
    ("topic", Type::Text, "topic: order"),
    ("review_by", Type::Text, "review_by: 2027-01-31"),
    (
        "source_hash",
        Type::Text,
        "source_hash: 1a2b3c (written by `kbgen stamp`)",
    ),
    (
        "source_sections",
        Type::Map,
        "source_sections: { refunds: 1a2b3c } (written by `kbgen stamp`)",
    ),
    (
        "source_blocks",
        Type::Text,
        "source_blocks: \"t1a2b3c4 p5d6e7f8\" (written by `kbgen stamp`)",
    ),
];

/// A value of the wrong type: the key and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongType {
    pub key: String,
    pub message: String,
}

/// Every key of `map` with a rule whose value does not fit it. Plain values fit
/// text (`title: 2024` is the text `2024`, as serde reads it).
pub fn check(map: &Mapping) -> Vec<WrongType> {
    let mut wrong = Vec::new();
    for &(key, ty, example) in RULES {
        let Some(value) = map.get(key) else {
            continue;
        };
        if fits(value, ty) {
            continue;
        }
        let what = match ty {
            Type::Text => "text",
            Type::Integer => "a whole number",
            Type::Bool => "`true` or `false`",
            Type::List => "a list of text",
            Type::Map => "a map of text",
        };
        wrong.push(WrongType {
            key: key.to_string(),
            message: format!(
                "`{key}` must be {what}, like `{example}`; found {}",
                describe(value)
            ),
        });
    }
    wrong
}

fn fits(value: &Value, ty: Type) -> bool {
    let scalar = |v: &Value| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_));
    match (ty, value) {
        (_, Value::Null) => true,
        (Type::Text, v) => scalar(v),
        (Type::Integer, Value::Number(n)) => n.as_i64().is_some(),
        (Type::Bool, Value::Bool(_)) => true,
        (Type::List, Value::Sequence(items)) => items.iter().all(scalar),
        (Type::Map, Value::Mapping(m)) => m.iter().all(|(k, v)| scalar(k) && scalar(v)),
        _ => false,
    }
}

/// What a value is, for the writer: `text "first"`, `a list`.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{s}\""),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map (`key: value` pairs)".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

/// Rewrites a serde message without Rust's type names, for keys no rule covers.
pub fn humanize(message: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected text"),
        ("expected a boolean", "expected `true` or `false`"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected `key: value` pairs"),
        ("invalid type: string", "found the text"),
        ("invalid type: integer", "found the number"),
        ("invalid type: floating point", "found the number"),
        ("invalid type: boolean", "found"),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a map"),
        ("struct FrontMatter", "front matter"),
    ];
    WORDS
        .iter()
        .fold(message.to_string(), |m, (from, to)| m.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(yaml: &str) -> Vec<WrongType> {
        check(&serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn every_wrong_value_is_reported() {
        let wrong = run("title: A\norder: first\ndraft: maybe\ntags: refund\n");
        let keys: Vec<&str> = wrong.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, ["order", "tags", "draft"]);
        assert_eq!(
            wrong[0].message,
            "`order` must be a whole number, like `order: 3`; found the text \"first\""
        );
    }

    #[test]
    fn plain_values_are_text() {
        let wrong = run("title: 2024\ntags: [1, true]\nsource_sections: { a: 1e5 }\n");
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn serde_messages_lose_their_rust_types() {
        let m = humanize("invalid type: string \"x\", expected i64");
        assert_eq!(m, "found the text \"x\", expected a whole number");
    }
}
