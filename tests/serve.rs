//! `kbgen serve` on the fixture site, over real HTTP: pages, live edits with a
//! reload event, the error overlay, traversal attempts and 404 pages.
//!
//! Every wait polls with a deadline of several seconds, never a bare sleep: the
//! tests share a loaded two-core machine.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestSite;

const REFUNDS: &str = "content/en/help/refunds.md";
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `kbgen serve` on a free port, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    /// Everything the server printed so far.
    log: Arc<Mutex<String>>,
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Server {
    fn start(site: &TestSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kbgen"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kbgen serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut server = Server {
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            log,
        };
        let line = server.wait_for_log("serving http://");
        let addr = line
            .split("serving http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .expect("address in the serving line");
        server.addr = addr.parse().expect("a socket address");
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the server printed a line containing `needle`; returns that line.
    #[track_caller]
    fn wait_for_log(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(line) = self.log().lines().find(|l| l.contains(needle)) {
                return line.to_string();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("kbgen serve exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in the log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// GET with the path sent exactly as given, as an attacker would.
    fn get(&self, path: &str) -> Reply {
        let raw = common::http::get(self.addr, path, PATIENCE);
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {raw:?}"));
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    /// Fetches `path` until `ok` holds for the reply.
    #[track_caller]
    fn poll(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let reply = self.get(path);
            if ok(&reply) {
                return reply;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: {what} never happened; last reply {}:\n{}\nserver log:\n{}",
                reply.status,
                reply.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Opens the reload stream and waits for its `ready` event.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        write!(
            stream,
            "GET /__kbgen/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for("event: ready");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A reload stream, read as raw text.
struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    #[track_caller]
    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut buf = [0u8; 4096];
        while !self.seen.contains(needle) {
            assert!(
                Instant::now() < deadline,
                "no {needle:?} on the event stream; got:\n{}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("event stream closed; got:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("event stream: {e}"),
            }
        }
    }
}

/// A served page as `kbgen build` writes it: without serve's reload script.
fn without_script(html: &str) -> String {
    let start = html.find("<script src=\"/__kbgen/live.js\"");
    match start {
        Some(start) => {
            let end = start + html[start..].find("</script>\n").expect("script end") + 10;
            format!("{}{}", &html[..start], &html[end..])
        }
        None => html.to_string(),
    }
}

#[test]
fn edits_are_served_and_open_tabs_told_to_reload() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let page = server.get("/en/help/refunds/");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Refunds follow a case."),
        "{}",
        page.body
    );
    assert!(page.head.contains("text/html"), "{}", page.head);
    assert!(
        page.body
            .contains(r#"<script src="/__kbgen/live.js" data-version=""#),
        "serve adds the reload script"
    );
    let script = server.get("/__kbgen/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"), "{}", script.body);

    let mut events = server.events();
    site.edit(
        REFUNDS,
        "Refunds follow a case.",
        "Refunds now follow an edited case.",
    );
    server.poll("/en/help/refunds/", "the edit", |r| {
        r.body.contains("Refunds now follow an edited case.")
    });
    events.wait_for("event: reload");
    // Polish shows the English text as a fallback: it follows the edit too.
    server.poll("/pl/help/refunds/", "the fallback edit", |r| {
        r.body.contains("Refunds now follow an edited case.")
    });
    assert!(
        !site.root().join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn a_new_title_reaches_the_listings() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    site.edit(REFUNDS, "title: Refunds", "title: Money back");
    for listing in ["/en/help/", "/en/", "/en/help/refunds/"] {
        server.poll(listing, "the new title", |r| r.body.contains("Money back"));
    }
}

#[test]
fn a_new_slug_moves_the_page_and_its_links() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    site.edit(
        REFUNDS,
        "title: Refunds",
        "title: Refunds\nslug: money-back",
    );
    server.poll("/en/help/money-back/", "the page at its new URL", |r| {
        r.status == 200
    });
    server.poll("/en/help/refunds/", "the old URL gone", |r| r.status == 404);
    // The Italian translation's language switcher and the English page linking to
    // it follow.
    server.poll("/it/aiuto/rimborsi/", "the switcher", |r| {
        r.body.contains(r#"href="/en/help/money-back/""#)
    });
}

#[test]
fn a_build_error_shows_as_an_overlay_until_fixed() {
    let site = TestSite::fixture("basic");
    let mut server = Server::start(&site);
    let good = site.read_source(REFUNDS);
    site.edit(REFUNDS, "title: Refunds", "title: [Refunds");
    let page = server.poll("/en/help/", "the overlay", |r| {
        r.body.contains("kbgen-errors")
    });
    assert!(
        page.body.contains("content/en/help/refunds.md:2:"),
        "the overlay names file and line:\n{}",
        page.body
    );
    assert_eq!(page.status, 200, "the last good page is still served");
    server.wait_for_log("content/en/help/refunds.md:2:");

    site.write(REFUNDS, &good);
    server.poll("/en/help/", "the overlay gone", |r| {
        r.status == 200 && !r.body.contains("kbgen-errors")
    });
    server.wait_for_log("all errors fixed");
}

#[test]
fn a_removed_heading_breaks_the_anchors_pointing_at_it() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    site.edit(REFUNDS, "## Possible outcomes {#outcomes}", "## Results");
    let page = server.poll("/en/", "the broken anchor", |r| {
        r.body.contains("broken anchor")
    });
    assert!(page.body.contains("#outcomes"), "{}", page.body);
    site.edit(REFUNDS, "## Results", "## Possible outcomes {#outcomes}");
    server.poll("/en/", "the overlay gone", |r| {
        !r.body.contains("kbgen-errors")
    });
}

#[test]
fn traversal_cannot_leave_the_site() {
    let site = TestSite::fixture("basic");
    site.write("Cargo.toml", "[package]\nname = \"secret\"\n");
    let server = Server::start(&site);
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/en/%2e%2e/%2e%2e/site.yaml",
        "/en/..%2f..%2fsite.yaml",
        "/en/..%5c..%5csite.yaml",
        "/en/%252e%252e/%252e%252e/site.yaml",
        "/site.yaml",
        "/content/en/_index.md",
    ] {
        let reply = server.get(path);
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: {}",
            reply.status
        );
        for secret in ["name = \"secret\"", "base_url:", "default_locale"] {
            assert!(!reply.body.contains(secret), "{path} leaked {secret}");
        }
    }
}

#[test]
fn unknown_paths_get_the_locale_404_page() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    let it = server.get("/it/non-esiste/");
    assert_eq!(it.status, 404);
    assert!(it.body.contains(r#"<html lang="it""#), "{}", it.body);
    let root = server.get("/nowhere");
    assert_eq!(root.status, 404);
    assert!(root.body.contains(r#"<html lang="en""#), "{}", root.body);
    let redirect = server.get("/en/help");
    assert_eq!(redirect.status, 308);
    assert!(
        redirect.head.contains("/en/help/"),
        "redirects to the folder: {}",
        redirect.head
    );
}

#[test]
fn build_output_has_no_reload_script() {
    let site = TestSite::fixture("basic");
    site.build().assert_ok();
    for (path, bytes) in TestSite::snapshot(&site.root().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__kbgen"), "{path} has serve's script");
        assert!(!text.contains("EventSource"), "{path} has serve's script");
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let site = TestSite::fixture("basic");
    let mut server = Server::start(&site);
    // An open event stream must not keep the server from stopping.
    let _events = server.events();
    let sent = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}: {}", server.log());
    server.wait_for_log("stopped");
}

#[test]
fn incremental_rebuilds_match_a_full_build() {
    let site = TestSite::fixture("basic");
    let server = Server::start(&site);
    // One edit of each reach: body, listings, structure; a new and a removed file.
    site.edit(
        REFUNDS,
        "Refunds follow a case.",
        "Refunds follow one case.",
    );
    server.poll("/en/help/refunds/", "the body edit", |r| {
        r.body.contains("Refunds follow one case.")
    });
    site.edit(REFUNDS, "title: Refunds", "title: Money back");
    server.poll("/en/help/", "the title edit", |r| {
        r.body.contains("Money back")
    });
    site.edit(REFUNDS, "order: 2", "order: 2\nslug: money-back");
    server.poll("/en/help/money-back/", "the slug edit", |r| r.status == 200);
    site.write(
        "content/it/help/only-english.md",
        "---\ntitle: Solo inglese\n---\nOra tradotto.\n",
    );
    server.poll("/it/aiuto/only-english/", "the new file", |r| {
        r.body.contains("Ora tradotto.")
    });
    site.remove("content/zh/help/contact.md");
    server.poll("/zh/help/contact/", "the fallback", |r| {
        r.body.contains("Email is always available.")
    });

    let base = format!("http://{}", server.addr);
    site.kbgen(&["build", "--base-url", &base]).assert_ok();
    let built = TestSite::snapshot(&site.root().join("public"));
    assert!(built.len() > 40, "{} files", built.len());
    // The marker says which folder on disk kbgen may replace; serve writes none.
    for (path, bytes) in built.into_iter().filter(|(p, _)| p != kbgen::write::MARKER) {
        let url = format!("/{}", path.trim_end_matches("index.html"));
        let expected = String::from_utf8_lossy(&bytes).into_owned();
        // Search indexes follow their pages shortly after; poll rather than race.
        server.poll(
            &url,
            &format!("serving {path} as a full build has it"),
            |r| r.status == 200 && without_script(&r.body) == expected,
        );
    }
}
