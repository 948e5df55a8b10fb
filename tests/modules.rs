//! The picture of the code: which module imports which. Two modules that import
//! each other (directly or round a longer circle) cannot be read, tested or
//! changed one at a time, so the picture must have no circles.
//!
//! Modules are files under src/. An import from `a::b::c` to `a::d::e` is an edge
//! between the siblings `a::b` and `a::d`, the children of the modules' common
//! ancestor that hold them; a module may use its ancestors and its descendants,
//! which are not siblings. Test modules are left out. The files are read as Rust
//! with `syn`, so comments and strings name nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use syn::visit::Visit;

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
        out.insert(module, text);
    }
    out
}

/// The paths `code` names after `crate::`, `super::` or `self::`, in `use` items
/// (`crate::search::{model, shard::MAX}` names two) and in expressions and types,
/// with the word they start from. Items under `#[cfg(test)]` are left out.
fn paths(code: &str) -> Vec<(&'static str, Vec<String>)> {
    let file = syn::parse_file(code).expect("src/ parses as Rust");
    let mut found = Found(Vec::new());
    found.visit_file(&file);
    found.0
}

struct Found(Vec<(&'static str, Vec<String>)>);

impl Found {
    fn add(&mut self, words: Vec<String>) {
        let Some((first, rest)) = words.split_first() else {
            return;
        };
        let start = match first.as_str() {
            "crate" => "crate",
            "super" => "super",
            "self" => "self",
            _ => return,
        };
        let rest = rest.iter().map(|w| {
            if w == "super" {
                "..".to_string()
            } else {
                w.clone()
            }
        });
        self.0.push((start, rest.collect()));
    }

    fn use_tree(&mut self, tree: &syn::UseTree, mut prefix: Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(&p.tree, prefix);
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.add(prefix);
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.add(prefix);
            }
            syn::UseTree::Glob(_) => self.add(prefix),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(tree, prefix.clone());
                }
            }
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl<'ast> Visit<'ast> for Found {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if !is_test(&item.attrs) {
            self.use_tree(&item.tree, Vec::new());
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        self.add(path.segments.iter().map(|s| s.ident.to_string()).collect());
        syn::visit::visit_path(self, path);
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
    modules.insert(m("a::z"), "// use super::x;".to_string());
    modules.insert(m("b"), "use crate::{a::x};".to_string());
    let edges = sibling_edges(&modules);
    assert_eq!(circle(&edges), Some(vec![m("a::x"), m("a::y")]));
    modules.insert(m("a::y"), "pub struct Other;".to_string());
    assert_eq!(circle(&sibling_edges(&modules)), None);
}
