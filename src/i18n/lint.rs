//! Fluent strings: syntax errors with file:line:col, messages a locale lacks,
//! messages nothing uses, and `$variables` that differ from the default locale's.
//!
//! The files are the ones the build layers (the built-in strings, then the site's
//! `locales/<locale>/*.ftl`); a later file's message replaces an earlier one's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use fluent_syntax::ast;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, line_col};
use crate::problem::{Kind, Level, Problem};
use crate::theme::Theme;

/// Messages the Rust code formats itself, outside templates. A test below reads
/// the source for message ids, so a new one cannot be forgotten here.
const USED_BY_CODE: &[&str] = &[
    "not-found-title",
    "search-page-title",
    "contact-page-title",
    "contact-always-open",
    "contact-table-channel",
    "contact-table-languages",
    "contact-table-hours",
];

/// Message ids the code builds from a prefix and a value of the config
/// (`contact-topic-<id>`, `contact-day-<mon>`, `contact-channel-<kind>`): every
/// message with such a prefix counts as used, since which ones are depends on
/// contact.yaml, and a site may keep labels for topics it adds later. The theme
/// builds the negative-vote reasons' ids in a loop (`feedback-reason-<reason>`).
const USED_PREFIXES: &[&str] = &[
    "contact-topic-",
    "contact-day-",
    "contact-channel-",
    "feedback-reason-",
];

/// Whether the code or a template asks for message `id`.
fn is_used(id: &str, used: &BTreeSet<String>) -> bool {
    used.contains(id) || USED_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// One message as last defined for a locale.
#[derive(Debug, Clone)]
struct Message {
    path: PathBuf,
    line: usize,
    variables: BTreeSet<String>,
    /// Messages its patterns refer to.
    references: BTreeSet<String>,
}

pub fn check(config: &Config, theme: &Theme) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut used: BTreeSet<String> = USED_BY_CODE.iter().map(|s| s.to_string()).collect();
    for t in theme.templates.values() {
        used.extend(template_keys(&t.text));
    }
    let mut locales: Vec<BTreeMap<String, Message>> = Vec::new();
    for locale in &config.locales {
        let mut messages = BTreeMap::new();
        for (path, text) in files(config, &locale.code, &mut problems) {
            if let Some(offset) = super::too_deep(&text) {
                let (line, col) = line_col(&text, offset);
                let message = format!(
                    "Fluent placeables nested more than {} levels deep: flatten the message",
                    super::MAX_FLUENT_DEPTH
                );
                problems.push(Problem::new(
                    Level::Error,
                    Kind::FluentSyntax,
                    Diagnostic::error(&path, message).at(line, col),
                ));
                continue;
            }
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        let (line, col) = line_col(&text, e.pos.start);
                        problems.push(Problem::new(
                            Level::Error,
                            Kind::FluentSyntax,
                            Diagnostic::error(&path, format!("Fluent syntax error: {e}"))
                                .at(line, col),
                        ));
                    }
                    r
                }
            };
            for entry in &resource.body {
                let ast::Entry::Message(m) = entry else {
                    continue;
                };
                let mut variables = BTreeSet::new();
                let mut references = BTreeSet::new();
                let patterns = m.value.iter().chain(m.attributes.iter().map(|a| &a.value));
                for p in patterns {
                    walk_pattern(p, &mut variables, &mut references);
                }
                used.extend(references.iter().cloned());
                let line = definition_line(&text, m.id.name);
                messages.insert(
                    m.id.name.to_string(),
                    Message {
                        path: path.clone(),
                        line,
                        variables,
                        references,
                    },
                );
            }
        }
        locales.push(messages);
    }

    let calls: Vec<Call> = theme.templates.values().flat_map(template_calls).collect();
    for messages in &locales {
        problems.extend(cycles(messages));
        problems.extend(unpassed_variables(messages, &calls));
    }

    let def = config.default_locale;
    let def_code = &config.default_locale().code;
    for (id, m) in &locales[def] {
        // A built-in string nothing uses is kbgen's to remove, not the writer's.
        if !is_used(id, &used) && !m.path.starts_with(super::BUILT_IN) {
            problems.push(Problem::new(
                Level::Info,
                Kind::FluentUnused,
                Diagnostic::warning(
                    &m.path,
                    format!("message `{id}` is not used by any template or message"),
                )
                .at(m.line, 1),
            ));
        }
    }
    for (l, locale) in config.locales.iter().enumerate() {
        if l == def {
            continue;
        }
        let dir = config.root.join("locales").join(&locale.code);
        for (id, m) in &locales[def] {
            match locales[l].get(id) {
                None => problems.push(Problem::new(
                    Level::Warning,
                    Kind::FluentMissing,
                    Diagnostic::warning(
                        &dir,
                        format!(
                            "message `{id}` is missing in {}: readers see the {def_code} text ({}:{})",
                            locale.code,
                            m.path.display(),
                            m.line
                        ),
                    ),
                )),
                Some(t) if t.variables != m.variables => problems.push(Problem::new(
                    Level::Warning,
                    Kind::FluentVariables,
                    Diagnostic::warning(
                        &t.path,
                        format!(
                            "message `{id}` uses {} but in {def_code} it uses {}",
                            list(&t.variables),
                            list(&m.variables)
                        ),
                    )
                    .at(t.line, 1),
                )),
                Some(_) => {}
            }
        }
        for (id, t) in &locales[l] {
            if !locales[def].contains_key(id) {
                problems.push(Problem::new(
                    Level::Info,
                    Kind::FluentUnused,
                    Diagnostic::warning(
                        &t.path,
                        format!("message `{id}` is not in {def_code}, so nothing uses it"),
                    )
                    .at(t.line, 1),
                ));
            }
        }
    }
    problems
}

fn list(vars: &BTreeSet<String>) -> String {
    if vars.is_empty() {
        return "no variables".into();
    }
    vars.iter()
        .map(|v| format!("${v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The built-in files of a locale, then the site's, in the order the build layers them.
fn files(config: &Config, code: &str, problems: &mut Vec<Problem>) -> Vec<(PathBuf, String)> {
    let (sources, unreadable) = super::sources(config, code);
    problems.extend(
        unreadable
            .into_iter()
            .map(|d| Problem::new(Level::Error, Kind::FluentSyntax, d)),
    );
    sources
}

/// Message ids a template asks for: `t(key="...")`.
fn template_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for quote in ['"', '\''] {
        let needle = format!("key={quote}");
        for (i, _) in text.match_indices(&needle) {
            let rest = &text[i + needle.len()..];
            if let Some(end) = rest.find(quote) {
                let id = &rest[..end];
                keys.push(id.split('.').next().unwrap_or(id).to_string());
            }
        }
    }
    keys
}

/// A template's `t(key="...", name=value, ...)`: the message and the variables
/// it is given.
struct Call {
    key: String,
    passed: BTreeSet<String>,
    path: PathBuf,
    line: usize,
}

fn template_calls(template: &crate::theme::TemplateSource) -> Vec<Call> {
    let text = &template.text;
    let mut calls = Vec::new();
    for (start, _) in text.match_indices("t(key=") {
        let args = &text[start + 2..];
        let Some(end) = call_end(args) else { continue };
        let args = &args[..end];
        let Some(key) = args
            .strip_prefix("key=")
            .and_then(|r| {
                let q = r.chars().next()?;
                r[1..].split(q).next()
            })
            .map(|k| k.split('.').next().unwrap_or(k).to_string())
        else {
            continue;
        };
        let passed = argument_names(args)
            .into_iter()
            .filter(|n| n != "key")
            .collect();
        calls.push(Call {
            key,
            passed,
            path: template.path.clone(),
            line: text[..start].matches('\n').count() + 1,
        });
    }
    calls
}

/// Where the argument list that starts `args` closes, outside string literals.
fn call_end(args: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in args.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')') if depth == 0 => return Some(i),
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The `name=` keyword arguments at the top level of a call's argument list.
fn argument_names(args: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut chars = args.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            (None, '=') if depth == 0 && chars.peek() != Some(&'=') && !word.is_empty() => {
                names.push(std::mem::take(&mut word));
            }
            (None, c) if c.is_alphanumeric() || c == '_' => word.push(c),
            (None, ' ') if !word.is_empty() && chars.peek() == Some(&'=') => {}
            _ => word.clear(),
        }
    }
    names
}

/// Messages that refer to themselves, directly or through others: Fluent cannot
/// format them, and every page that shows one would fail.
fn cycles(messages: &BTreeMap<String, Message>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (id, m) in messages {
        // Depth-first from each message, looking for a way back to it.
        let mut stack: Vec<(String, Vec<String>)> = m
            .references
            .iter()
            .map(|r| (r.clone(), vec![id.clone(), r.clone()]))
            .collect();
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            if at == *id {
                problems.push(Problem::new(
                    Level::Error,
                    Kind::FluentSyntax,
                    Diagnostic::error(
                        &m.path,
                        format!(
                            "message `{id}` refers to itself ({}): Fluent cannot show it; remove the reference",
                            path.join(" -> ")
                        ),
                    )
                    .at(m.line, 1),
                ));
                break;
            }
            if !seen.insert(at.clone()) {
                continue;
            }
            if let Some(next) = messages.get(&at) {
                for r in &next.references {
                    let mut p = path.clone();
                    p.push(r.clone());
                    stack.push((r.clone(), p));
                }
            }
        }
    }
    problems
}

/// Messages that use a `$variable` some template does not pass: the page that
/// shows them would fail to build.
fn unpassed_variables(messages: &BTreeMap<String, Message>, calls: &[Call]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for call in calls {
        let Some(m) = messages.get(&call.key) else {
            continue;
        };
        let missing: Vec<String> = m
            .variables
            .difference(&call.passed)
            .map(|v| format!("${v}"))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let passed = if call.passed.is_empty() {
            "none".to_string()
        } else {
            list(&call.passed)
        };
        problems.push(Problem::new(
            Level::Error,
            Kind::FluentVariables,
            Diagnostic::error(
                &m.path,
                format!(
                    "message `{}` uses {}, which the theme does not give it ({}:{} passes {passed}): remove it from the message",
                    call.key,
                    missing.join(", "),
                    call.path.display(),
                    call.line
                ),
            )
            .at(m.line, 1),
        ));
    }
    problems
}

/// The line on which `id = ...` is written (1 when not found).
fn definition_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(id)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

fn walk_pattern(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>, refs: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, vars, refs);
        }
    }
}

fn walk_expression(
    e: &ast::Expression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match e {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, vars, refs);
            for v in variants {
                walk_pattern(&v.value, vars, refs);
            }
        }
        ast::Expression::Inline(i) => walk_inline(i, vars, refs),
    }
}

fn walk_inline(
    e: &ast::InlineExpression<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            refs.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            walk_arguments(arguments, vars, refs);
        }
        ast::InlineExpression::TermReference { arguments, .. } => {
            if let Some(a) = arguments {
                walk_arguments(a, vars, refs);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, vars, refs),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. } => {}
    }
}

fn walk_arguments(
    a: &ast::CallArguments<&str>,
    vars: &mut BTreeSet<String>,
    refs: &mut BTreeSet<String>,
) {
    for p in &a.positional {
        walk_inline(p, vars, refs);
    }
    for n in &a.named {
        walk_inline(&n.value, vars, refs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_calls_name_the_variables_they_pass() {
        let t = crate::theme::TemplateSource {
            path: PathBuf::from("base.html"),
            text: "a\n{{ t(key=\"x\") }}\n{{ t(key=\"y\", count=a | length, name=f(b=1)) }}".into(),
        };
        let calls = template_calls(&t);
        assert_eq!(calls.len(), 2);
        assert!(calls[0].passed.is_empty());
        assert_eq!(calls[0].line, 2);
        assert_eq!(
            calls[1].passed.iter().collect::<Vec<_>>(),
            ["count", "name"]
        );
    }

    #[test]
    fn finds_template_keys_and_variables() {
        assert_eq!(
            template_keys(r#"{{ t(key="a") }} {{ t(key='b.attr', n=1) }}"#),
            ["a", "b"]
        );
        let r = fluent_syntax::parser::parse(
            "m = { $count ->\n    [one] { $count } { other }\n   *[other] { NUMBER($total) }\n}\n",
        )
        .unwrap();
        let ast::Entry::Message(m) = &r.body[0] else {
            panic!()
        };
        let (mut vars, mut refs) = (BTreeSet::new(), BTreeSet::new());
        walk_pattern(m.value.as_ref().unwrap(), &mut vars, &mut refs);
        assert_eq!(vars.into_iter().collect::<Vec<_>>(), ["count", "total"]);
        assert_eq!(refs.into_iter().collect::<Vec<_>>(), ["other"]);
    }

    /// Every message id the Rust code names, as a literal or as a `format!` prefix,
    /// must be known to the unused-message check, or `kbgen check` calls it unused.
    #[test]
    fn every_message_the_code_uses_is_known() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ids = BTreeSet::new();
        for entry in walkdir::WalkDir::new(root.join("locales/en")) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let resource = fluent_syntax::parser::parse(text.as_str()).unwrap();
                for e in &resource.body {
                    if let ast::Entry::Message(m) = e {
                        ids.insert(m.id.name.to_string());
                    }
                }
            }
        }
        let templates: String = walkdir::WalkDir::new(root.join("themes/default/templates"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect();
        let used: BTreeSet<String> = template_keys(&templates).into_iter().collect();
        for entry in walkdir::WalkDir::new(root.join("src")) {
            let entry = entry.unwrap();
            if entry.path().ends_with("check/fluent.rs") || !entry.file_type().is_file() {
                continue;
            }
            let code = std::fs::read_to_string(entry.path()).unwrap();
            for literal in code.split('"').skip(1).step_by(2) {
                let prefix = literal
                    .strip_suffix("{}")
                    .or(literal.split_once('{').map(|p| p.0));
                if let Some(prefix) = prefix.filter(|p| p.ends_with('-'))
                    && ids.iter().any(|id| id.starts_with(prefix))
                {
                    assert!(
                        USED_PREFIXES.contains(&prefix),
                        "{} builds message ids from `{prefix}`: add it to USED_PREFIXES",
                        entry.path().display()
                    );
                }
                if ids.contains(literal) && !used.contains(literal) {
                    assert!(
                        USED_BY_CODE.contains(&literal),
                        "{} uses message `{literal}`: add it to USED_BY_CODE",
                        entry.path().display()
                    );
                }
            }
        }
    }
}
