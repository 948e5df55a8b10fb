//! The search client that ships in the theme, run by Node against a built site
//! (tests/search/run-queries.mjs).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Hit {
    pub url: String,
    pub heading: String,
    pub passage: String,
}

/// Runs `(locale, query)` pairs through the client in Node.
pub fn run_queries(public: &Path, queries: &[(String, String)]) -> Vec<Vec<Hit>> {
    run_queries_with(public, queries, None)
}

/// Runs `(locale, query)` pairs through the client in Node, each locale but
/// `fallback` with the fallback's index for rescue, as the search page does.
pub fn run_queries_with(
    public: &Path,
    queries: &[(String, String)],
    fallback: Option<&str>,
) -> Vec<Vec<Hit>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/run-queries.mjs");
    let input = serde_json::json!({
        "public": public,
        "fallback": fallback,
        "queries": queries.iter().map(|(l, q)| serde_json::json!({"locale": l, "q": q})).collect::<Vec<_>>(),
    });
    let mut child = Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Node.js runs the search client in these tests; install nodejs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("client output is JSON")
}
