//! `kbgen serve` against hostile clients: folder redirects never send a browser to
//! another host, and a client that stalls while sending its headers is cut off.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::TestSite;

/// `kbgen serve --port 0` on a site; the child is killed when dropped.
struct Preview {
    child: Child,
    addr: SocketAddr,
}

const PATIENCE: Duration = Duration::from_secs(30);

impl Preview {
    fn of(site: &TestSite) -> Preview {
        let mut child = site
            .command(&["serve", "--port", "0"])
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kbgen serve");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let addr = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| {
                let rest = l.split_once("serving http://")?.1;
                rest.split('/').next()?.parse().ok()
            })
            .expect("kbgen serve printed its address");
        // Keep reading, so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Preview { child, addr }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// The response head to a GET of `path`, sent byte for byte as given.
    fn head_of(&self, path: &str) -> String {
        let raw = common::http::get(self.addr, path, PATIENCE);
        raw.split("\r\n\r\n").next().unwrap_or_default().to_string()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn location(head: &str) -> Option<&str> {
    head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("location").then(|| value.trim())
    })
}

#[test]
fn double_slash_paths_no_longer_redirect_to_another_host() {
    let site = TestSite::example();
    let preview = Preview::of(&site);
    let head = preview.head_of("//en/orders");
    assert_eq!(location(&head), Some("/en/orders/"), "{head}");
    for path in [
        "//en/orders",
        "///en/orders",
        "//en/orders/",
        "/\\evil.example",
        "/\\evil.example/en/orders",
        "/%5Cevil.example",
        "//evil.example",
        "//evil.example/en/orders",
        "/%2F%2Fevil.example/en/orders",
        "/\\/evil.example/en/orders",
        "/en/orders",
    ] {
        let head = preview.head_of(path);
        let status = head.lines().next().unwrap_or_default();
        assert!(status.starts_with("HTTP/1.1 "), "{path}: {head}");
        if let Some(to) = location(&head) {
            assert!(
                to.starts_with('/') && !to.starts_with("//") && !to.starts_with("/\\"),
                "{path} redirects off the site, to {to}"
            );
        }
    }
}

/// Sends `header` a few bytes at a time, `pause` apart, never finishing it; returns
/// how long the server took to close the connection.
fn time_until_closed(preview: &Preview, header: &[u8], pause: Duration) -> Duration {
    let mut stream = preview.connect();
    let started = Instant::now();
    for chunk in header.chunks(4) {
        if stream.write_all(chunk).is_err() {
            return started.elapsed();
        }
        std::thread::sleep(pause);
        if started.elapsed() > PATIENCE {
            break;
        }
    }
    // Whatever the server says (a 408, or nothing), it must then hang up.
    let mut rest = Vec::new();
    let _ = stream.read_to_end(&mut rest);
    let reply = String::from_utf8_lossy(&rest);
    assert!(
        !reply.contains(" 200 "),
        "a half request was answered: {reply}"
    );
    started.elapsed()
}

#[test]
fn a_half_sent_header_is_timed_out() {
    let site = TestSite::fixture("basic");
    let preview = Preview::of(&site);
    // Stalls after half a header.
    let waited = time_until_closed(
        &preview,
        b"GET /en/ HTTP/1.1\r\nHost: x\r\n",
        Duration::ZERO,
    );
    assert!(waited < Duration::from_secs(15), "closed after {waited:?}");
    // Trickles a long header, a few bytes a second, for longer than the limit.
    let slow = "GET /en/ HTTP/1.1\r\nHost: x\r\nX-Padding: ".to_string() + &"a".repeat(200);
    let waited = time_until_closed(&preview, slow.as_bytes(), Duration::from_millis(250));
    assert!(waited < Duration::from_secs(15), "closed after {waited:?}");
    // The server still answers everyone else.
    let head = preview.head_of("/en/");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}
