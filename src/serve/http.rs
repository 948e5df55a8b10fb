//! The HTTP side of `kbgen serve`: files from memory, the reload stream, the error
//! overlay, and request paths that cannot leave the site.

use std::borrow::Cow;
use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use percent_encoding::percent_decode_str;
use tokio::sync::{broadcast, watch};
use tokio_stream::wrappers::BroadcastStream;

use super::live::Update;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::escape::html as escape;
use crate::write::Stored;

/// Where the reload script and the event stream live; no page can have these URLs,
/// since `__kbgen` is not a locale code.
const EVENTS: &str = "/__kbgen/events";
const SCRIPT: &str = "/__kbgen/live.js";

/// How long a client may take to send a request's headers (and, on a kept-alive
/// connection, the next request). Without a limit, a connection that sends half a
/// header stays open forever, and enough of them exhaust the server.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);

/// Reloads the page when the site is rebuilt; added to pages by `kbgen serve` only.
/// Each page knows the version it was served at: a tab that was hidden, or lost
/// its connection, reloads on reconnecting if the site changed meanwhile.
const LIVE_JS: &str = r#"// kbgen serve: reloads this page whenever the site is rebuilt.
(() => {
  const served = document.currentScript && document.currentScript.dataset.version;
  let events = null;
  const connect = () => {
    if (events) return;
    events = new EventSource("/__kbgen/events");
    events.addEventListener("ready", (e) => {
      if (e.data !== served) location.reload();
    });
    events.addEventListener("reload", () => location.reload());
  };
  // Browsers open at most six connections per host: hidden tabs let go of theirs.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      if (events) events.close();
      events = null;
    } else {
      connect();
    }
  });
  if (!document.hidden) connect();
})();
"#;

/// The site as served: the files of the last rebuild and its errors.
pub struct Served {
    root: PathBuf,
    inner: RwLock<Inner>,
    /// Carries the new version after each rebuild.
    reload: broadcast::Sender<String>,
    stopping: AtomicBool,
    shutdown: watch::Sender<bool>,
    /// When this server started (µs since 1970), so that versions differ from
    /// those of earlier runs too.
    started: u128,
}

struct Inner {
    files: HashMap<String, Stored>,
    /// The error overlay, while the site has errors.
    overlay: Option<String>,
    /// The path part of the base URL: `` or `/help`.
    prefix: String,
    locales: Vec<String>,
    /// Names the state of the site: `<started>-<rebuilds published>`.
    version: String,
    published: u64,
}

impl Served {
    pub fn new(root: &Path, config: &Config) -> Served {
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros());
        Served {
            root: root.to_path_buf(),
            inner: RwLock::new(Inner {
                files: HashMap::new(),
                overlay: None,
                prefix: config.path_prefix.clone(),
                locales: config.locales.iter().map(|l| l.code.clone()).collect(),
                version: format!("{started}-0"),
                published: 0,
            }),
            reload: broadcast::channel(16).0,
            stopping: AtomicBool::new(false),
            shutdown: watch::channel(false).0,
            started,
        }
    }

    /// Swaps in a rebuild's files and errors, then tells open tabs to reload if
    /// anything they could show changed.
    pub fn update(&self, update: Update, errors: Vec<Diagnostic>, config: Option<&Config>) {
        let changed = update.full || !update.written.is_empty() || !update.removed.is_empty();
        let overlay = (!errors.is_empty()).then(|| overlay(&self.root, &errors));
        let overlay_changed;
        let replaced;
        let version_now;
        {
            let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
            // A full rebuild with errors lacks the pages that failed: keep their last
            // good version rather than answer 404.
            if update.full && errors.is_empty() {
                replaced = std::mem::replace(&mut inner.files, update.written);
            } else {
                replaced = HashMap::new();
                inner.files.extend(update.written);
            }
            for path in &update.removed {
                inner.files.remove(path);
            }
            overlay_changed = inner.overlay != overlay;
            inner.overlay = overlay;
            if changed || overlay_changed {
                inner.published += 1;
                inner.version = format!("{}-{}", self.started, inner.published);
            }
            version_now = inner.version.clone();
            if let Some(config) = config {
                inner.prefix = config.path_prefix.clone();
                inner.locales = config.locales.iter().map(|l| l.code.clone()).collect();
            }
        }
        // Freeing a large site's pages takes a moment: not while requests wait.
        drop(replaced);
        if changed || overlay_changed {
            // No tab open is not an error.
            let _ = self.reload.send(version_now);
        }
    }

    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.shutdown.send_replace(true);
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn respond(&self, path: &str, head: bool) -> Response {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        let rel = match file_for(path, &inner.prefix) {
            Lookup::File(rel) => rel,
            Lookup::Outside => return not_found(&inner, None, head),
            Lookup::Refused => {
                return (StatusCode::BAD_REQUEST, "bad request path\n").into_response();
            }
        };
        if let Some(stored) = inner.files.get(&rel) {
            return file(&inner, &rel, stored.bytes(), StatusCode::OK, head);
        }
        // `/en/help` -> `/en/help/`, as static hosts do.
        if !rel.is_empty() && inner.files.contains_key(&format!("{rel}/index.html")) {
            return match HeaderValue::from_str(&folder_location(path)) {
                Ok(v) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, v)]).into_response(),
                Err(_) => (StatusCode::BAD_REQUEST, "bad request path\n").into_response(),
            };
        }
        let locale = rel
            .split('/')
            .next()
            .filter(|first| inner.locales.iter().any(|l| l == first));
        not_found(&inner, locale, head)
    }
}

/// What a request path names.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    /// A file of the site, relative to its root, decoded: `it/aiuto/index.html`.
    File(String),
    /// A path outside the base URL's path.
    Outside,
    /// `..`, `.`, backslashes, NUL or bytes that are not UTF-8: never a page.
    Refused,
}

fn file_for(path: &str, prefix: &str) -> Lookup {
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Lookup::Refused;
    };
    if decoded.contains(['\\', '\0'])
        || decoded.split('/').any(|s| s == ".." || s == ".")
        || path.split('/').any(|s| s == ".." || s == ".")
    {
        return Lookup::Refused;
    }
    let Some(rest) = decoded.strip_prefix(prefix) else {
        return Lookup::Outside;
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return Lookup::Outside;
    }
    let rel = rest.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        Lookup::File(format!("{rel}index.html"))
    } else {
        Lookup::File(rel.to_string())
    }
}

/// Where `/en/help` redirects: `/en/help/`. Always one leading slash: `//host/x`
/// (or `/\host/x`) in a `Location` is a URL on another host to browsers, which
/// would make the preview an open redirect.
fn folder_location(path: &str) -> String {
    let rest = path.trim_start_matches(['/', '\\']).trim_end_matches('/');
    format!("/{rest}/")
}

fn not_found(inner: &Inner, locale: Option<&str>, head: bool) -> Response {
    let page = match locale {
        Some(code) => format!("{code}/404.html"),
        None => "404.html".to_string(),
    };
    match inner.files.get(&page) {
        Some(stored) => file(inner, &page, stored.bytes(), StatusCode::NOT_FOUND, head),
        // The site has not built yet: a bare page that still shows the errors.
        None => {
            let html: &[u8] =
                b"<!DOCTYPE html>\n<title>Not found</title>\n<body>\n<h1>Not found</h1>\n</body>\n";
            file(
                inner,
                "404.html",
                Cow::Borrowed(html),
                StatusCode::NOT_FOUND,
                head,
            )
        }
    }
}

fn file(
    inner: &Inner,
    rel: &str,
    bytes: Cow<'_, [u8]>,
    status: StatusCode,
    head: bool,
) -> Response {
    let kind = content_type(rel);
    let body = if kind.starts_with("text/html") {
        Bytes::from(inject(&bytes, inner.overlay.as_deref(), &inner.version))
    } else {
        Bytes::from(bytes.into_owned())
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
        // A preview must never show a cached page.
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    if head {
        let len = HeaderValue::from(body.len());
        (status, headers, [(header::CONTENT_LENGTH, len)]).into_response()
    } else {
        (status, headers, Body::from(body)).into_response()
    }
}

/// Adds the reload script, and the error overlay if any, before `</body>`: pages
/// are stored exactly as `kbgen build` writes them.
fn inject(html: &[u8], overlay: Option<&str>, version: &str) -> Vec<u8> {
    let tail = format!(
        "{}<script src=\"{SCRIPT}\" data-version=\"{version}\"></script>\n",
        overlay.unwrap_or("")
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tail.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tail.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The errors as a full-window panel, one `file:line:col: error: message` a line.
fn overlay(root: &Path, errors: &[Diagnostic]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|d| escape(&super::relative(root, d).to_string()))
        .collect();
    format!(
        "<div id=\"kbgen-errors\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace\">\
<p style=\"margin:0 0 1rem;color:#fca5a5;font-weight:bold\">kbgen: {} error{} (showing the last good build until fixed)</p>\
<pre style=\"margin:0;white-space:pre-wrap\">{}</pre></div>\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        lines.join("\n")
    )
}

fn content_type(rel: &str) -> &'static str {
    match rel
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("pdf") => "application/pdf",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Serves until Ctrl-C (or SIGTERM).
pub fn run(listener: std::net::TcpListener, served: Arc<Served>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = Router::new()
            .route(EVENTS, get(events))
            .route(SCRIPT, get(script))
            .fallback(page)
            .with_state(Arc::clone(&served));
        // hyper's own connection loop rather than axum::serve, which has no way
        // to time out a client that stalls while sending its headers.
        let connections = GracefulShutdown::new();
        let mut stop = std::pin::pin!(stop_signal());
        loop {
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        wait_after_accept_error(&e).await;
                        continue;
                    }
                },
                () = &mut stop => break,
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
            let connection = connections.watch(connection);
            tokio::spawn(async move {
                // A client that went away or timed out is not the server's error.
                let _ = connection.await;
            });
        }
        // Ends the event streams, which would otherwise keep the server open.
        served.stop();
        connections.shutdown().await;
        Ok(())
    })
}

/// A failed accept: a client that gave up before it was accepted is nothing; for
/// anything else (out of file descriptors), pause rather than spin.
async fn wait_after_accept_error(e: &std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if !matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

async fn page(State(served): State<Arc<Served>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    served.respond(uri.path(), method == Method::HEAD)
}

async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

/// The reload stream: a `ready` event on connect, then a `reload` per rebuild.
async fn events(
    State(served): State<Arc<Served>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let reloads = BroadcastStream::new(served.reload.subscribe())
        // A lagging client missed some rebuilds: one reload covers them all.
        .map(|version| {
            let version = version.unwrap_or_default();
            Ok(Event::default().event("reload").data(version))
        });
    let version = served
        .inner
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .version
        .clone();
    let ready = stream::once(async move { Ok(Event::default().event("ready").data(version)) });
    let mut shutdown = served.shutdown.subscribe();
    let stopped = async move {
        let _ = shutdown.wait_for(|stop| *stop).await;
    };
    Sse::new(ready.chain(reloads).take_until(Box::pin(stopped))).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files_inside_the_site() {
        let file = |p: &str| Lookup::File(p.to_string());
        assert_eq!(file_for("/", ""), file("index.html"));
        assert_eq!(file_for("/en/help/", ""), file("en/help/index.html"));
        assert_eq!(file_for("/en/help", ""), file("en/help"));
        assert_eq!(
            file_for("/zh/help/%E8%81%94%E7%B3%BB/", ""),
            file("zh/help/联系/index.html")
        );
        assert_eq!(file_for("/kb/en/", "/kb"), file("en/index.html"));
        assert_eq!(file_for("/kb", "/kb"), file("index.html"));
        assert_eq!(file_for("/kbx/en/", "/kb"), Lookup::Outside);
        assert_eq!(file_for("/en/", "/kb"), Lookup::Outside);
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/en/%2e%2e/%2e%2e/site.yaml",
            "/en/..%2f..%2fsite.yaml",
            "/en/..%5c..%5csite.yaml",
            "/en/%00",
            "/en/./index.html",
            "/%ff/",
        ] {
            assert_eq!(file_for(bad, ""), Lookup::Refused, "{bad}");
        }
    }

    #[test]
    fn folder_redirects_stay_on_this_host() {
        assert_eq!(folder_location("/en/help"), "/en/help/");
        assert_eq!(folder_location("//en/orders"), "/en/orders/");
        assert_eq!(folder_location("///evil.example/x/"), "/evil.example/x/");
        assert_eq!(folder_location("/\\evil.example"), "/evil.example/");
        assert_eq!(folder_location("/\\/evil.example"), "/evil.example/");
    }

    #[test]
    fn script_and_overlay_go_before_the_body_ends() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, Some("<div>E</div>"), "1-2")).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><div>E</div><script src=\"/__kbgen/live.js\" data-version=\"1-2\"></script>\n</body></html>"
        );
    }

    #[test]
    fn overlay_escapes_messages() {
        let d = Diagnostic::error("/site/content/en/a.md", "bad <tag>").at(2, 3);
        let html = overlay(Path::new("/site"), &[d]);
        assert!(
            html.contains("content/en/a.md:2:3: error: bad &lt;tag&gt;"),
            "{html}"
        );
    }
}
