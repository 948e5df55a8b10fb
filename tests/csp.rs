//! The Content-Security-Policy of `_headers`, enforced by headless Chromium: the
//! example site is served with the headers the build wrote, and searching and the
//! contact flow must not trip a single `securitypolicyviolation`.
//!
//! Without /usr/bin/chromium the test prints "skipped: ..." and passes, unless
//! KBGEN_REQUIRE_BROWSER=1 (as in CI).

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestSite;
use common::browser::wait_for;
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument;
use serde_json::Value;

/// Records every violation in the page, before any of the page's own scripts run.
const RECORDER: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));";

/// `_headers` as a host reads it: path pattern (`*` at the end matches any
/// rest) -> header lines.
fn parse_headers(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix("  ") {
            let (name, value) = header.split_once(':').expect("Name: value");
            let rule = rules.last_mut().expect("a header belongs to a path");
            rule.1.push((name.to_string(), value.trim().to_string()));
        } else {
            rules.push((line.to_string(), Vec::new()));
        }
    }
    rules
}

fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

/// Serves `public` with the headers of its `_headers`; POSTs are recorded.
fn serve(public: PathBuf) -> (String, Arc<Mutex<Vec<String>>>) {
    let rules = parse_headers(&std::fs::read_to_string(public.join("_headers")).unwrap());
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let posts = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&posts);
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let path = request
                .url()
                .split(['?', '#'])
                .next()
                .unwrap_or("/")
                .to_string();
            let mut response = if *request.method() == tiny_http::Method::Post {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                recorded.lock().unwrap().push(body);
                tiny_http::Response::from_data(b"ok".to_vec())
            } else {
                file_response(&public, &path)
            };
            for (_, headers) in rules.iter().filter(|(p, _)| matches(p, &path)) {
                for (name, value) in headers {
                    response.add_header(
                        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap(),
                    );
                }
            }
            let _ = request.respond(response);
        }
    });
    (format!("http://127.0.0.1:{port}"), posts)
}

fn file_response(public: &Path, path: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file = public.join(decoded.trim_start_matches('/'));
    if file.is_dir() {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    match std::fs::read(&file)
        .ok()
        .filter(|_| !decoded.contains(".."))
    {
        Some(bytes) => tiny_http::Response::from_data(bytes)
            .with_header(tiny_http::Header::from_bytes("Content-Type", kind).unwrap()),
        None => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
    }
}

fn eval(tab: &Tab, js: &str) -> Value {
    let wrapped = format!("JSON.stringify((() => {{ return {js}; }})())");
    match tab.evaluate(&wrapped, false).unwrap().value {
        Some(Value::String(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn violations(tab: &Tab) -> Value {
    eval(tab, "window.__csp")
}

#[test]
fn default_theme_satisfies_its_content_security_policy() {
    let Some((browser, _profile)) = common::browser::browser("csp") else {
        return;
    };
    let site = TestSite::example();
    site.edit(
        "contact.yaml",
        "endpoint: https://support.example.org/contact",
        "endpoint: /__contact",
    );
    // Table alignment is the one inline style the output has.
    site.write(
        "content/en/orders/aligned-table.md",
        "---\ntitle: Fees by country\n---\n\n| Country | Fee |\n| :--- | ---: |\n| NL | 1 |\n\n| Centred |\n| :---: |\n| x |\n",
    );
    site.build().assert_ok();
    let public = site.root().join("public");
    // A page that breaks the policy on purpose: the recorder must see it.
    std::fs::write(
        public.join("probe.html"),
        "<!DOCTYPE html><p style=\"color: red\">x</p><script>1</script>",
    )
    .unwrap();
    let (base, posts) = serve(public);
    let tab = common::browser::tab(&browser);
    tab.call_method(AddScriptToEvaluateOnNewDocument {
        source: RECORDER.to_string(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();
    let open = |path: &str| {
        tab.navigate_to(&format!("{base}{path}")).unwrap();
        tab.wait_until_navigated().unwrap();
    };

    open("/probe.html");
    wait_for(&tab, "window.__csp.length >= 2", "the probe's violations");

    // The header is really there, and an aligned table keeps its alignment.
    open("/en/orders/aligned-table/");
    let cells = eval(
        &tab,
        "[...document.querySelectorAll('th')].map((th) => getComputedStyle(th).textAlign)",
    );
    assert_eq!(cells, serde_json::json!(["left", "right", "center"]));
    assert_eq!(violations(&tab), serde_json::json!([]));

    // Searching: the combobox, then the search page with its answer card.
    open("/en/");
    eval(
        &tab,
        "(() => { const q = document.getElementById('search-q'); q.focus(); q.value = 'refund'; q.dispatchEvent(new Event('input')); return true; })()",
    );
    wait_for(
        &tab,
        "document.querySelectorAll('#search-q-list [role=option]').length > 0",
        "search suggestions",
    );
    assert_eq!(violations(&tab), serde_json::json!([]));
    open("/en/search/?q=refund");
    wait_for(
        &tab,
        "document.querySelectorAll('.search-page a').length > 2",
        "search results",
    );
    assert_eq!(violations(&tab), serde_json::json!([]));

    // The contact flow: JSON-LD and the schedule are data, not script.
    open("/en/contact/?topic=order&now=2026-06-10T10:00:00Z&tz=Europe/Amsterdam");
    wait_for(
        &tab,
        "document.querySelector('[data-channel=email]').dataset.open",
        "contact.js",
    );
    eval(
        &tab,
        "(() => { const q = document.getElementById('contact-question'); q.value = 'refund'; q.dispatchEvent(new Event('input')); return true; })()",
    );
    wait_for(
        &tab,
        "document.querySelector('.suggestions a')",
        "suggestions",
    );
    eval(
        &tab,
        "(() => { document.getElementById('contact-order').value = 'A-1'; document.getElementById('contact-email').value = 'a@example.org'; return true; })()",
    );
    tab.find_element("#step-support button[type=submit]")
        .unwrap()
        .click()
        .unwrap();
    let start = Instant::now();
    while posts.lock().unwrap().is_empty() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(posts.lock().unwrap().len(), 1, "the form posted");
    assert_eq!(violations(&tab), serde_json::json!([]));

    // An article's feedback form and footer.
    open("/en/disputes/how-disputes-are-resolved/");
    wait_for(&tab, "document.readyState === 'complete'", "the article");
    assert_eq!(violations(&tab), serde_json::json!([]));
}
