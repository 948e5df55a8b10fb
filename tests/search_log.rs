//! The search log: the client in headless Chromium sends each finished search to
//! site.yaml's `search_log_endpoint`, and `kbgen report search` reads what it sent.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestSite;
use common::browser::{self, StaticServer, open, wait_for};

/// A log endpoint on 127.0.0.1: appends each POST body as a line to a file, and
/// remembers whether any request carried a cookie.
struct LogEndpoint {
    url: String,
    file: PathBuf,
    cookies: Arc<Mutex<bool>>,
    _dir: tempfile::TempDir,
}

impl LogEndpoint {
    fn start() -> LogEndpoint {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("search.jsonl");
        let cookies = Arc::new(Mutex::new(false));
        let (path, seen) = (file.clone(), Arc::clone(&cookies));
        std::thread::spawn(move || {
            for mut request in server.incoming_requests() {
                if request.headers().iter().any(|h| h.field.equiv("Cookie")) {
                    *seen.lock().unwrap() = true;
                }
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                if *request.method() == tiny_http::Method::Post {
                    let mut log = std::fs::read_to_string(&path).unwrap_or_default();
                    log.push_str(body.trim());
                    log.push('\n');
                    std::fs::write(&path, log).unwrap();
                }
                let _ = request.respond(tiny_http::Response::empty(204));
            }
        });
        LogEndpoint {
            url: format!("http://127.0.0.1:{port}/log"),
            file,
            cookies,
            _dir: dir,
        }
    }

    fn lines(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.file)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("each beacon is one JSON object"))
            .collect()
    }

    fn wait_for(&self, n: usize) -> Vec<serde_json::Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let lines = self.lines();
            if lines.len() >= n {
                return lines;
            }
            assert!(Instant::now() < deadline, "{n} beacons expected: {lines:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn finished_searches_are_logged_and_reported() {
    let Some((browser, _profile)) = browser::browser("finished_searches_are_logged_and_reported")
    else {
        return;
    };
    let endpoint = LogEndpoint::start();
    let site = TestSite::fixture("basic");
    let config = site.read_source("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}search_log_endpoint: {}\n", endpoint.url),
    );
    // A contact page, for the search page's way out to a person.
    site.write(
        "contact.yaml",
        "channels:\n  email:\n    endpoint: https://help.test/contact\ntopics:\n  - { id: payment, channels: [email] }\n  - { id: general, channels: [email] }\n",
    );
    site.build().assert_ok();
    let server = StaticServer::start(&site.root().join("public"));
    let tab = browser::tab(&browser);

    // A search whose first result the reader opens.
    open(&tab, &server.url("/en/search/?q=refund"));
    wait_for(&tab, "!!document.querySelector('.results a')", "results");
    tab.evaluate("document.querySelector('.results a').click()", false)
        .unwrap();
    let lines = endpoint.wait_for(1);
    assert_eq!(lines[0]["v"], 1);
    assert_eq!(lines[0]["locale"], "en");
    assert_eq!(lines[0]["query"], "refund");
    assert!(lines[0]["results"].as_u64().unwrap() >= 1, "{lines:?}");
    assert!(
        lines[0]["clicked"]
            .as_str()
            .is_some_and(|u| u.starts_with("/en/help/refunds/")),
        "{lines:?}"
    );
    assert_eq!(lines[0]["contact"], false);

    // A search that finds nothing, after which the reader asks for a person.
    wait_for(
        &tab,
        "location.pathname.startsWith('/en/help/refunds/')",
        "the article",
    );
    open(&tab, &server.url("/en/search/?q=zeppelinxq"));
    wait_for(
        &tab,
        "!!document.querySelector('a[data-contact]')",
        "the way out",
    );
    tab.evaluate("document.querySelector('a[data-contact]').click()", false)
        .unwrap();
    let lines = endpoint.wait_for(2);
    assert_eq!(lines[1]["query"], "zeppelinxq");
    assert_eq!(lines[1]["results"], 0);
    assert_eq!(lines[1]["clicked"], serde_json::Value::Null);
    assert_eq!(lines[1]["contact"], true);

    // The search box logs the query typed last when the reader picks a hit.
    wait_for(
        &tab,
        "!location.pathname.startsWith('/en/search/')",
        "leaving the search page",
    );
    open(&tab, &server.url("/en/"));
    let input = tab.wait_for_element("#search-q").unwrap();
    input.click().unwrap();
    tab.type_str("refund").unwrap();
    wait_for(
        &tab,
        "document.querySelectorAll('[role=option]').length > 0",
        "options",
    );
    tab.press_key("ArrowDown").unwrap();
    tab.press_key("Enter").unwrap();
    let lines = endpoint.wait_for(3);
    assert_eq!(lines.len(), 3, "one beacon per finished search: {lines:?}");
    assert_eq!(lines[2]["query"], "refund");
    assert!(lines[2]["clicked"].as_str().is_some(), "{lines:?}");
    for line in &lines {
        let mut keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            ["clicked", "contact", "locale", "query", "results", "v"],
            "no identifiers"
        );
    }
    assert!(
        !*endpoint.cookies.lock().unwrap(),
        "beacons carry no cookies"
    );

    // The report reads the browser's log.
    let log = endpoint.file.to_string_lossy().into_owned();
    let run = site.kbgen(&["report", "search", &log]);
    run.assert_ok()
        .assert_stdout_has(
            "en: 3 searches, 1 without results, 0 without a click, 1 followed by a contact",
        )
        .assert_stdout_has("  without results:\n       1  zeppelinxq\n")
        .assert_stdout_has("  followed by a contact:\n       1  zeppelinxq\n")
        .assert_stdout_has("        zeppelinxq: [zeppelinxq]\n");
}

#[test]
fn a_bad_log_line_is_an_error_with_its_position() {
    let site = TestSite::fixture("basic");
    site.write(
        "log.jsonl",
        "{\"v\":1,\"locale\":\"en\",\"query\":\"refund\",\"results\":2,\"clicked\":null,\"contact\":false}\n{\"v\":1,\"locale\":\"en\",\"query\":7}\n",
    );
    let log = site.root().join("log.jsonl").to_string_lossy().into_owned();
    site.kbgen(&["report", "search", &log])
        .assert_code(1)
        .assert_stderr_has("log.jsonl:2:")
        .assert_stderr_has("fix or remove the line");
}

#[test]
fn an_endpoint_that_is_no_url_is_a_configuration_error() {
    let site = TestSite::fixture("basic");
    let config = site.read_source("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}search_log_endpoint: log.example\n"),
    );
    site.build()
        .assert_code(2)
        .assert_stderr_has("search_log_endpoint: `log.example` is not an http(s) URL");
}
