//! The picture of the code: which module imports which. Two modules that import
//! each other (directly or round a longer circle) cannot be read, tested or
//! changed one at a time, so the picture must have no circles.
//!
//! Modules are files under src/. An import from `a::b::c` to `a::d::e` is an edge
//! between the siblings `a::b` and `a::d`, the children of the modules' common
//! ancestor that hold them; a module may use its ancestors and its descendants,
//! which are not siblings. Test modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module under src/ (by path, `[]` for the crate root) and its text.
fn modules() -> BTreeMap<Module, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut module: Module = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if matches!(
            module.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            module.pop();
        }
        if module.iter().any(|m| m == "tests") || rel == Path::new("main") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        out.insert(module, code_of(&text));
    }
    out
}

/// The text without comments and without the test module at its end.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths `code` names after `crate::`, `super::` or `self::`, as written
/// (`crate::search::{model, shard::MAX}` names two), with the word they start from.
fn paths(code: &str) -> Vec<(&'static str, Vec<String>)> {
    let mut out = Vec::new();
    for start in ["crate", "super", "self"] {
        let needle = format!("{start}::");
        let mut from = 0;
        while let Some(i) = code[from..].find(&needle) {
            let at = from + i;
            from = at + needle.len();
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut trees = Vec::new();
            use_tree(&code[from..], Vec::new(), &mut trees);
            out.extend(trees.into_iter().map(|p| (start, p)));
        }
    }
    out
}

/// Reads a path or a `{…}` group of paths at the start of `rest` into `out`.
fn use_tree(rest: &str, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        let mut depth = 0;
        let mut item = 0;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    use_tree(&group[item..i], prefix.clone(), out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    use_tree(&group[item..i], prefix.clone(), out);
                    item = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if end > 0 {
        let word = &rest[..end];
        if word != "super" {
            prefix.push(word.to_string());
        } else {
            prefix.push("..".to_string());
        }
        if let Some(next) = rest[end..].strip_prefix("::") {
            return use_tree(next, prefix, out);
        }
    }
    if !prefix.is_empty() {
        out.push(prefix);
    }
}

/// The module `path` (written in `module`, starting from `start`) lands in: the
/// longest of its prefixes that is a module.
fn target(
    modules: &BTreeMap<Module, String>,
    module: &Module,
    start: &str,
    path: &[String],
) -> Option<Module> {
    let mut full: Module = match start {
        "crate" => Vec::new(),
        "super" => module[..module.len().saturating_sub(1)].to_vec(),
        _ => module.clone(),
    };
    for word in path {
        if word == ".." {
            full.pop();
        } else {
            full.push(word.clone());
        }
    }
    (0..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

/// Edges between siblings, from each import of one module by another.
fn sibling_edges(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (module, code) in modules {
        for (start, path) in paths(code) {
            let Some(to) = target(modules, module, start, &path) else {
                continue;
            };
            let common = module.iter().zip(&to).take_while(|(a, b)| a == b).count();
            // An ancestor or a descendant: not a sibling.
            if common == module.len() || common == to.len() {
                continue;
            }
            let (a, b) = (module[..=common].to_vec(), to[..=common].to_vec());
            edges.entry(a).or_default().insert(b);
        }
    }
    edges
}

/// A circle of `edges`, if there is one: each module imports the next, the last the
/// first.
fn circle(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        edges: &BTreeMap<Module, BTreeSet<Module>>,
        done: &mut BTreeSet<Module>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(i) = stack.iter().position(|m| m == node) {
            return Some(stack[i..].to_vec());
        }
        if !done.insert(node.clone()) {
            return None;
        }
        stack.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, done, stack) {
                return Some(found);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

fn name(m: &Module) -> String {
    m.join("::")
}

#[test]
fn modules_import_each_other_without_circles() {
    let modules = modules();
    assert!(
        modules.len() > 50,
        "src/ was read: {} modules",
        modules.len()
    );
    let edges = sibling_edges(&modules);
    // The reading is checked against imports known to be there.
    for (from, to) in [("build", "pipeline"), ("search::build", "search::analyse")] {
        let (from, to): (Module, Module) = (
            from.split("::").map(String::from).collect(),
            to.split("::").map(String::from).collect(),
        );
        assert!(
            edges.get(&from).is_some_and(|e| e.contains(&to)),
            "{} imports {}",
            name(&from),
            name(&to)
        );
    }
    if let Some(found) = circle(&edges) {
        let names: Vec<String> = found.iter().map(name).collect();
        panic!(
            "these modules import each other in a circle: {} -> {}; move what they share into a module of its own",
            names.join(" -> "),
            names[0]
        );
    }
}

#[test]
fn a_circle_is_found_through_groups_and_super() {
    let mut modules = BTreeMap::new();
    let m = |p: &str| -> Module { p.split("::").map(String::from).collect() };
    modules.insert(Vec::new(), String::new());
    modules.insert(m("a"), String::new());
    modules.insert(m("a::x"), "use super::{y::Thing, z};".to_string());
    modules.insert(m("a::y"), "use crate::a::x::Other;".to_string());
    modules.insert(m("a::z"), code_of("// use super::x;"));
    modules.insert(m("b"), "use crate::{a::x};".to_string());
    let edges = sibling_edges(&modules);
    assert_eq!(circle(&edges), Some(vec![m("a::x"), m("a::y")]));
    modules.insert(m("a::y"), "pub struct Other;".to_string());
    assert_eq!(circle(&sibling_edges(&modules)), None);
}
