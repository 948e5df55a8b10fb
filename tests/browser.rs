//! The contact flow in headless Chromium: the example site, served from 127.0.0.1,
//! walked with a fixed clock (contact.js's `?now=` and `?tz=` test hooks).
//!
//! Without /usr/bin/chromium each test prints "skipped: <name> (no Chromium)" and
//! passes, unless KBGEN_REQUIRE_BROWSER=1 (as in CI), when it fails.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::TestSite;
use headless_chrome::{Browser, Tab};
use kbgen::contact::ChannelKind;
use serde_json::Value;

/// Saturday 2026-06-13 20:00 in Amsterdam (CEST): chat closed (Sat 10-16), phone
/// closed; chat opens Monday 08:00 CEST = 06:00 UTC.
const SATURDAY_EVENING: &str = "2026-06-13T18:00:00Z";
/// Wednesday 2026-06-10 12:00 in Amsterdam: chat and phone open.
const WEDNESDAY_NOON: &str = "2026-06-10T10:00:00Z";

/// The built site, its server and one browser. One test owns it and walks every
/// scenario, so the build and the browser start once and Chromium is closed
/// (on drop) when the test ends.
struct Harness {
    _site: TestSite,
    base: String,
    posts: Arc<Mutex<Vec<String>>>,
    browser: Browser,
    _profile: tempfile::TempDir,
}

fn harness(name: &str) -> Option<Harness> {
    let (browser, profile) = common::browser::browser(name)?;
    let site = TestSite::example();
    // The e-mail form posts to this test's server instead of the example URL.
    site.edit(
        "contact.yaml",
        "endpoint: https://support.example.org/contact",
        "endpoint: /__contact",
    );
    site.build().assert_ok();
    let (base, posts) = serve(site.root().join("public"));
    Some(Harness {
        _site: site,
        base,
        posts,
        browser,
        _profile: profile,
    })
}

/// A static file server on 127.0.0.1 for `public`; POSTs are recorded.
fn serve(public: PathBuf) -> (String, Arc<Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let posts = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&posts);
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            if *request.method() == tiny_http::Method::Post {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                recorded.lock().unwrap().push(body);
                let _ = request.respond(tiny_http::Response::from_string("ok"));
                continue;
            }
            let path = request.url().split(['?', '#']).next().unwrap_or("/");
            let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
            let mut file = public.join(path.trim_start_matches('/'));
            if path.contains("..") {
                let _ = request.respond(tiny_http::Response::empty(403));
                continue;
            }
            if file.is_dir() {
                file = file.join("index.html");
            }
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js" | "mjs") => "text/javascript",
                Some("css") => "text/css",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            let response = match std::fs::read(&file) {
                Ok(bytes) => tiny_http::Response::from_data(bytes)
                    .with_header(tiny_http::Header::from_bytes("Content-Type", kind).unwrap()),
                Err(_) => {
                    tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                }
            };
            let _ = request.respond(response);
        }
    });
    (format!("http://127.0.0.1:{port}"), posts)
}

fn open(h: &Harness, path: &str) -> Arc<Tab> {
    let tab = h.browser.new_tab().unwrap();
    tab.navigate_to(&format!("{}{path}", h.base)).unwrap();
    tab.wait_until_navigated().unwrap();
    tab
}

/// Evaluates `js` (an expression) and returns its value, JSON-encoded in the page.
fn eval(tab: &Tab, js: &str) -> Value {
    let wrapped = format!("JSON.stringify((() => {{ return {js}; }})())");
    let result = tab.evaluate(&wrapped, false).unwrap();
    match result.value {
        Some(Value::String(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// Like [`eval`], for a promise.
fn eval_async(tab: &Tab, js: &str) -> Value {
    let wrapped = format!("(async () => JSON.stringify(await (async () => {{ {js} }})()))()");
    let result = tab.evaluate(&wrapped, true).unwrap();
    match result.value {
        Some(Value::String(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
        other => panic!("{js}: {other:?}"),
    }
}

/// Waits until `js` is truthy in the page; panics with `what` after 10 s.
fn wait_for(tab: &Tab, js: &str, what: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if eval(tab, &format!("!!({js})")) == Value::Bool(true) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen = eval(
        tab,
        "document.querySelector('main')?.innerText.slice(0, 2000)",
    );
    panic!("timed out waiting for {what}: {js}\npage: {seen}");
}

/// The channels as contact.js left them: id, shown, open, best, status text.
fn channels(tab: &Tab) -> Value {
    wait_for(
        tab,
        "document.querySelector('[data-channel=email]').dataset.open",
        "contact.js to mark the channels",
    );
    eval(
        tab,
        "[...document.querySelectorAll('[data-channel]')].map((li) => ({ id: li.dataset.channel, shown: !li.hidden, open: li.dataset.open === 'true', best: li.classList.contains('best'), opens: li.dataset.opens || null, status: li.querySelector('.status').textContent }))",
    )
}

fn channel<'a>(all: &'a Value, id: &str) -> Option<&'a Value> {
    all.as_array().unwrap().iter().find(|c| c["id"] == id)
}

fn zh_walks_the_flow_and_is_never_offered_phone(h: &Harness) {
    // Saturday evening in Amsterdam is Sunday 02:00 in Shanghai.
    let tab = open(
        h,
        &format!("/zh/contact/?topic=order&now={SATURDAY_EVENING}&tz=Asia/Shanghai"),
    );
    let all = channels(&tab);
    assert!(channel(&all, "phone").is_none(), "{all}");
    let chat = channel(&all, "chat").unwrap();
    assert_eq!(chat["open"], false, "{all}");
    assert_eq!(chat["opens"], "2026-06-15T06:00:00.000Z");
    let status = chat["status"].as_str().unwrap();
    assert!(
        status.contains("14:00") && status.contains("起可用"),
        "chat opens Monday 14:00 in Shanghai: {status}"
    );
    assert_eq!(channel(&all, "email").unwrap()["best"], true, "{all}");

    // Step 2: the question brings suggestions from the zh index.
    eval(
        &tab,
        "(() => { const q = document.getElementById('contact-question'); q.value = '退款'; q.dispatchEvent(new Event('input')); return true; })()",
    );
    wait_for(
        &tab,
        "document.querySelector('.suggestions .answer')",
        "the answer card",
    );
    let talk = eval(
        &tab,
        "document.querySelector('.suggestions .answer .still a').getAttribute('href')",
    );
    assert_eq!(talk, "#step-support");

    // At noon on a weekday chat is open and is the best channel for an order.
    let tab = open(
        h,
        &format!("/zh/contact/?topic=order&now={WEDNESDAY_NOON}&tz=Asia/Shanghai"),
    );
    let all = channels(&tab);
    assert!(channel(&all, "phone").is_none());
    assert_eq!(channel(&all, "chat").unwrap()["best"], true, "{all}");
}

fn pt_is_never_offered_phone(h: &Harness) {
    let tab = open(
        h,
        &format!("/pt/contact/?topic=payment&now={WEDNESDAY_NOON}&tz=America/Sao_Paulo"),
    );
    let all = channels(&tab);
    assert!(channel(&all, "phone").is_none(), "{all}");
    assert_eq!(channel(&all, "chat").unwrap()["best"], true, "{all}");
    // The same time where phone serves the locale: phone first.
    let tab = open(
        h,
        &format!("/it/contact/?topic=payment&now={WEDNESDAY_NOON}"),
    );
    let all = channels(&tab);
    assert_eq!(channel(&all, "phone").unwrap()["best"], true, "{all}");
}

fn pl_walks_the_flow_and_sends_the_email_form(h: &Harness) {
    let tab = open(
        h,
        &format!(
            "/pl/contact/?topic=order&from=orders%2Fget-support-for-an-order&now={SATURDAY_EVENING}&tz=Europe/Warsaw"
        ),
    );
    let all = channels(&tab);
    let chat = channel(&all, "chat").unwrap();
    assert_eq!(chat["open"], false);
    let status = chat["status"].as_str().unwrap();
    assert!(
        status.starts_with("Dostępne od") && status.contains("08:00"),
        "{status}"
    );
    assert!(channel(&all, "phone").is_none());

    // Submitting empty shows every error, in Polish, and does not post.
    tab.find_element("#step-support button[type=submit]")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "!document.querySelector('.contact-errors').hidden",
        "the error summary",
    );
    let errors = eval(
        &tab,
        "[...document.querySelectorAll('.contact-errors li')].map((li) => li.textContent)",
    );
    assert_eq!(
        errors,
        serde_json::json!([
            "Wpisz numer zamówienia.",
            "Opisz swoje pytanie.",
            "Wpisz swój adres e-mail, na przykład imie@przyklad.pl."
        ])
    );
    assert_eq!(
        eval(
            &tab,
            "document.getElementById('contact-email').getAttribute('aria-invalid')"
        ),
        "true"
    );

    let before = h.posts.lock().unwrap().len();
    eval(
        &tab,
        "(() => { document.getElementById('contact-order').value = 'A-1234'; document.getElementById('contact-question').value = 'Paczka nie dotarła'; document.getElementById('contact-email').value = 'ola@example.org'; return true; })()",
    );
    tab.find_element("#step-support button[type=submit]")
        .unwrap()
        .click()
        .unwrap();
    let start = Instant::now();
    while h.posts.lock().unwrap().len() == before && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let posts = h.posts.lock().unwrap();
    let body = posts.last().expect("the form posted");
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("locale"), Some("pl"), "{body}");
    assert_eq!(get("topic"), Some("order"));
    assert_eq!(get("order"), Some("A-1234"));
    assert_eq!(get("from"), Some("orders/get-support-for-an-order"));
    assert_eq!(get("question"), Some("Paczka nie dotarła"));
    assert_eq!(get("email"), Some("ola@example.org"));
}

fn contact_us_link_preselects_the_article_topic(h: &Harness) {
    let tab = open(h, "/en/disputes/how-disputes-are-resolved/");
    tab.find_element(".contact-us a").unwrap().click().unwrap();
    wait_for(
        &tab,
        "location.pathname === '/en/contact/' && document.querySelector('[data-channel=email]').dataset.open",
        "the contact page",
    );
    assert_eq!(
        eval(&tab, "document.getElementById('contact-topic').value"),
        "dispute"
    );
    assert_eq!(
        eval(&tab, "document.querySelector('input[name=from]').value"),
        "disputes/how-disputes-are-resolved"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('input[name=about]:checked').value"
        ),
        "general"
    );
    // The dispute topic suits phone and e-mail, not chat.
    let all = channels(&tab);
    assert_eq!(channel(&all, "chat").unwrap()["shown"], false, "{all}");
}

fn the_search_answer_card_leads_to_the_contact_page(h: &Harness) {
    let tab = open(h, "/en/search/?q=refund");
    wait_for(
        &tab,
        "!!document.querySelector('.answer .still a')",
        "the answer card's contact link",
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelector('.answer .still a').getAttribute('href')"
        ),
        "/en/contact/?q=refund"
    );
    tab.find_element(".answer .still a")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "location.pathname === '/en/contact/' && !!document.querySelector('[data-channel=email]')",
        "the contact page",
    );
}

fn article_feedback_is_kept_locally_without_an_endpoint(h: &Harness) {
    let tab = open(h, "/de/streitfaelle/wie-streitfaelle-geloest-werden/");
    wait_for(
        &tab,
        "!document.querySelector('form.feedback').hidden",
        "the feedback form",
    );
    tab.find_element("form.feedback button[value=yes]")
        .unwrap()
        .click()
        .unwrap();
    wait_for(
        &tab,
        "document.querySelector('form.feedback .thanks').textContent",
        "thanks",
    );
    assert_eq!(
        eval(
            &tab,
            "localStorage.getItem('kbgen-helpful:disputes/how-disputes-are-resolved')"
        ),
        "yes"
    );
}

/// contact.js and src/contact/hours.rs agree on the example's chat and phone
/// hours: across both DST changes, closed dates, and the opening and closing minute.
fn browser_and_rust_agree_on_hours(h: &Harness) {
    const INSTANTS: [&str; 10] = [
        "2026-03-28T15:30:00Z",
        "2026-03-29T01:30:00Z",
        "2026-03-30T05:59:00Z",
        "2026-10-24T14:30:00Z",
        "2026-10-25T01:30:00Z",
        "2026-10-26T07:00:00Z",
        "2026-12-24T19:30:00Z",
        "2026-06-10T06:00:00Z",
        "2026-06-10T18:00:00Z",
        "2026-06-14T12:00:00Z",
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = kbgen::config::Config::load(root, &Default::default()).unwrap();
    let contact = config.contact.expect("the example has contact.yaml");
    let tab = open(h, "/en/contact/");
    for kind in [ChannelKind::Chat, ChannelKind::Phone] {
        let schedule = &contact.channel(kind).unwrap().schedule;
        let expected: Vec<Value> = INSTANTS
            .iter()
            .map(|t| {
                let now = chrono::DateTime::parse_from_rfc3339(t).unwrap().to_utc();
                serde_json::json!([
                    schedule.is_open(now),
                    schedule
                        .next_opening(now)
                        .map(|n| n.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
                ])
            })
            .collect();
        let js = format!(
            "const m = await import(document.querySelector('script[src*=\"/contact.\"]').src); \
             const c = JSON.parse(document.getElementById('contact-schedule').textContent).channels.find((c) => c.id === '{}'); \
             return {}.map((t) => {{ const now = Date.parse(t); const n = m.nextOpening(c, now); return [m.isOpen(c, now), n === null ? null : new Date(n).toISOString()]; }});",
            kind.id(),
            serde_json::to_string(&INSTANTS).unwrap()
        );
        let got = eval_async(&tab, &js);
        assert_eq!(got, Value::Array(expected), "{kind:?} at {INSTANTS:?}");
    }
}

#[test]
fn contact_flow_in_chromium() {
    let Some(h) = harness("contact_flow_in_chromium") else {
        return;
    };
    type Scenario = (&'static str, fn(&Harness));
    let scenarios: [Scenario; 7] = [
        ("hours", browser_and_rust_agree_on_hours),
        ("zh", zh_walks_the_flow_and_is_never_offered_phone),
        ("pt", pt_is_never_offered_phone),
        ("pl", pl_walks_the_flow_and_sends_the_email_form),
        ("topic", contact_us_link_preselects_the_article_topic),
        ("search", the_search_answer_card_leads_to_the_contact_page),
        (
            "feedback",
            article_feedback_is_kept_locally_without_an_endpoint,
        ),
    ];
    for (name, scenario) in scenarios {
        eprintln!("contact_flow_in_chromium: {name}");
        scenario(&h);
    }
}
