//! Headless Chromium for tests, and a static file server for it to load the built
//! site from. Browser tests are skipped, and say so, where no Chromium is installed,
//! unless KBGEN_REQUIRE_BROWSER=1 (as in CI) makes them mandatory.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::sync::Arc;

const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless browser, or `None` (with a printed notice) where there is none.
pub fn browser(test: &str) -> Option<(Browser, tempfile::TempDir)> {
    if !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var("KBGEN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{test}: KBGEN_REQUIRE_BROWSER=1 but {CHROMIUM} is missing"
        );
        println!("skipped: {test} (no Chromium at {CHROMIUM})");
        eprintln!("skipped: {test} (no Chromium at {CHROMIUM})");
        return None;
    }
    let profile = tempfile::tempdir().expect("profile dir");
    let args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(PathBuf::from(CHROMIUM)))
        .headless(true)
        .sandbox(false)
        .user_data_dir(Some(profile.path().to_path_buf()))
        .args(args)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("start Chromium");
    Some((browser, profile))
}

/// A tab with a patient default timeout: the machine running tests may be busy.
pub fn tab(browser: &Browser) -> Arc<Tab> {
    let tab = browser.new_tab().expect("new tab");
    tab.set_default_timeout(Duration::from_secs(20));
    tab
}

/// Serves a folder over HTTP on 127.0.0.1, like a static host: `dir/` is
/// `dir/index.html`, unknown paths get the 404 page of their locale.
pub struct StaticServer {
    pub addr: SocketAddr,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().unwrap();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                std::thread::spawn(move || serve(&root, stream));
            }
        });
        StaticServer { addr }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

fn serve(root: &Path, mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned();
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        file = root.join("404.html");
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body) = match std::fs::read(&file) {
        Ok(b) => ("200 OK", b),
        Err(_) => (
            "404 Not Found",
            std::fs::read(root.join("404.html")).unwrap_or_default(),
        ),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// Opens `url` in `tab` and waits until it has loaded.
pub fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
}

/// Evaluates `js` until it is truthy, or fails naming `what` after 20 s.
pub fn wait_for(tab: &Tab, js: &str, what: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let check = format!("!!({js})");
    loop {
        let value = tab.evaluate(&check, false).ok().and_then(|r| r.value);
        if value == Some(serde_json::Value::Bool(true)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what} never happened ({js})"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Makes `tab` a screen `width` CSS pixels wide (a phone below 480), as the
/// reader's device would.
pub fn viewport(tab: &Tab, width: u32, height: u32) {
    use headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride;
    let metrics: SetDeviceMetricsOverride = serde_json::from_value(serde_json::json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 480,
    }))
    .expect("device metrics");
    tab.call_method(metrics).expect("set the viewport");
}

/// The example site, built and served, and a browser to look at it.
pub struct Served {
    pub browser: Browser,
    _profile: tempfile::TempDir,
    pub site: crate::common::TestSite,
    pub server: StaticServer,
}

impl Served {
    /// `None` where there is no Chromium (see [`browser`]).
    pub fn start(test: &str) -> Option<Served> {
        Served::site(test, crate::common::TestSite::example())
    }

    /// `site`, built and served.
    pub fn site(test: &str, site: crate::common::TestSite) -> Option<Served> {
        let (browser, profile) = browser(test)?;
        site.build().assert_ok();
        let server = StaticServer::start(&site.root().join("public"));
        Some(Served {
            browser,
            _profile: profile,
            site,
            server,
        })
    }
}

/// The value of `js` in `tab` (`null` when it has none).
pub fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .unwrap_or_else(|e| panic!("{js}: {e}"))
        .value
        .unwrap_or(serde_json::Value::Null)
}
