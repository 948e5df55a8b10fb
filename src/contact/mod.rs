//! The contact flow's options: `contact.yaml` turned into checked channels and
//! topics before any work starts, and the facts pages show from them.
//!
//! A site without contact.yaml has no contact page and no "Contact us" links.

pub mod facts;
pub mod hours;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::locale::Locale;
pub use hours::Schedule;
use hours::{DAYS, Date, Interval};

pub const CONTACT_FILE: &str = "contact.yaml";

/// The topic of a "Contact us" link from an article without `topic:`; every
/// contact link may use it, whatever the articles declare.
pub const GENERAL: &str = "general";

/// The ways to reach a person. Each leads somewhere different, so the set is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Email,
    Chat,
    Phone,
}

impl ChannelKind {
    pub fn id(self) -> &'static str {
        match self {
            ChannelKind::Email => "email",
            ChannelKind::Chat => "chat",
            ChannelKind::Phone => "phone",
        }
    }
}

/// Where a channel leads.
#[derive(Debug, Clone)]
pub enum Target {
    /// The URL the e-mail form POSTs to; there is no address to show.
    Email { endpoint: String },
    /// The URL that starts a chat.
    Chat { launcher: String },
    /// Per locale (parallel to the site's locales), the number to call.
    Phone { numbers: Vec<Option<String>> },
}

#[derive(Debug, Clone)]
pub struct Channel {
    pub kind: ChannelKind,
    /// The locales served, as indices into the site's locales, in site order.
    pub locales: Vec<usize>,
    pub schedule: Schedule,
    pub target: Target,
}

impl Channel {
    pub fn serves(&self, locale: usize) -> bool {
        self.locales.contains(&locale)
    }
}

#[derive(Debug, Clone)]
pub struct Topic {
    /// `order`; its label is the Fluent message `contact-topic-<id>`.
    pub id: String,
    /// Suitable channels, most suitable first.
    pub channels: Vec<ChannelKind>,
}

/// The checked contact options of a site.
#[derive(Debug, Clone)]
pub struct Contact {
    pub path: PathBuf,
    /// In the order email, chat, phone; only those configured.
    pub channels: Vec<Channel>,
    pub topics: Vec<Topic>,
    pub feedback_endpoint: Option<String>,
}

impl Contact {
    /// Reads `<root>/contact.yaml`, if there is one.
    pub fn load(root: &Path, locales: &[Locale]) -> Result<Option<Contact>> {
        let path = root.join(CONTACT_FILE);
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        // A contact.yaml that is all comments (as `kbgen init` writes it) is one
        // the site has not filled in yet: no contact flow.
        let commented_out = text.lines().all(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('#')
        });
        if commented_out {
            return Ok(None);
        }
        Contact::parse(&path, &text, locales).map(Some)
    }

    pub fn parse(path: &Path, text: &str, locales: &[Locale]) -> Result<Contact> {
        let raw: RawContact = serde_yaml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(path, e.to_string());
            if let Some(loc) = e.location() {
                d = d.at(loc.line(), loc.column());
            }
            Error::Config(d)
        })?;
        // serde_yaml keeps no positions once parsed: find the line of a value by
        // its section and text, so the message still points where to fix it.
        let fail = |section: &[&str], token: &str, message: String| {
            let mut d = Diagnostic::error(path, message);
            if let Some(line) = locate(text, section, token) {
                d = d.at(line, 1);
            }
            Error::Config(d)
        };
        let codes: Vec<&str> = locales.iter().map(|l| l.code.as_str()).collect();
        let locale_of = |section: &[&str], code: &str| {
            codes.iter().position(|c| *c == code).ok_or_else(|| {
                fail(
                    section,
                    code,
                    format!(
                        "unknown locale `{code}`; site.yaml lists {}",
                        codes.join(", ")
                    ),
                )
            })
        };
        if let Some(url) = &raw.feedback_endpoint {
            check_url(url).map_err(|m| fail(&["feedback_endpoint"], url, m))?;
        }

        let mut channels = Vec::new();
        for (kind, raw) in [
            (ChannelKind::Email, raw.channels.email),
            (ChannelKind::Chat, raw.channels.chat),
            (ChannelKind::Phone, raw.channels.phone),
        ] {
            let Some(raw) = raw else { continue };
            let section = ["channels", kind.id()];
            let at = |token: &str, message: String| fail(&section, token, message);
            let mut served = Vec::new();
            match &raw.locales {
                Some(list) => {
                    for code in list {
                        let l = locale_of(&section, code)?;
                        if served.contains(&l) {
                            return Err(at(code, format!("locale `{code}` is listed twice")));
                        }
                        served.push(l);
                    }
                    served.sort_unstable();
                }
                None => served.extend(0..locales.len()),
            }
            let schedule = match kind {
                ChannelKind::Email => {
                    for (key, given) in [
                        ("timezone", raw.timezone.is_some()),
                        ("hours", raw.hours.is_some()),
                        ("closed", !raw.closed.is_empty()),
                    ] {
                        if given {
                            return Err(at(
                                key,
                                format!("e-mail is always available: remove `{key}`"),
                            ));
                        }
                    }
                    Schedule::always()
                }
                ChannelKind::Chat | ChannelKind::Phone => {
                    let name = raw.timezone.as_deref().ok_or_else(|| {
                        at(
                            kind.id(),
                            format!("{} needs a `timezone`, e.g. Europe/Amsterdam", kind.id()),
                        )
                    })?;
                    let zone: chrono_tz::Tz = name.parse().map_err(|_| {
                        at(
                            name,
                            format!("`{name}` is not an IANA time zone such as Europe/Amsterdam"),
                        )
                    })?;
                    let week = raw.hours.ok_or_else(|| {
                        at(
                            kind.id(),
                            format!("{} needs `hours`, e.g. mon: [\"09:00-18:00\"]", kind.id()),
                        )
                    })?;
                    let week = week
                        .into_days()
                        .map_err(|(day, m)| fail(&[kind.id(), "hours"], day, m))?;
                    Schedule {
                        zone,
                        week,
                        closed: raw.closed.iter().map(|d| d.0).collect(),
                    }
                }
            };
            let wrong = |key: &str| at(key, format!("`{key}` does not apply to {}", kind.id()));
            let target = match kind {
                ChannelKind::Email => {
                    if raw.launcher.is_some() {
                        return Err(wrong("launcher"));
                    }
                    if raw.numbers.is_some() {
                        return Err(wrong("numbers"));
                    }
                    let endpoint = raw.endpoint.ok_or_else(|| {
                        at(
                            "email",
                            "email needs the `endpoint` its form POSTs to".into(),
                        )
                    })?;
                    check_url(&endpoint).map_err(|m| at("endpoint", m))?;
                    Target::Email { endpoint }
                }
                ChannelKind::Chat => {
                    if raw.endpoint.is_some() {
                        return Err(wrong("endpoint"));
                    }
                    if raw.numbers.is_some() {
                        return Err(wrong("numbers"));
                    }
                    let launcher = raw.launcher.ok_or_else(|| {
                        at(
                            "chat",
                            "chat needs the `launcher` URL that starts a chat".into(),
                        )
                    })?;
                    check_url(&launcher).map_err(|m| at("launcher", m))?;
                    Target::Chat { launcher }
                }
                ChannelKind::Phone => {
                    if raw.endpoint.is_some() {
                        return Err(wrong("endpoint"));
                    }
                    if raw.launcher.is_some() {
                        return Err(wrong("launcher"));
                    }
                    let given = raw.numbers.unwrap_or_default();
                    let mut numbers = vec![None; locales.len()];
                    for (code, number) in given {
                        let l = locale_of(&["phone", "numbers"], &code)?;
                        if !served.contains(&l) {
                            return Err(fail(
                                &["phone", "numbers"],
                                &code,
                                format!(
                                    "phone has a number for `{code}` but does not serve it; add it to `locales`"
                                ),
                            ));
                        }
                        numbers[l] = Some(number);
                    }
                    if let Some(&l) = served.iter().find(|&&l| numbers[l].is_none()) {
                        return Err(at(
                            "numbers",
                            format!("phone serves `{}` but has no number for it", codes[l]),
                        ));
                    }
                    Target::Phone { numbers }
                }
            };
            channels.push(Channel {
                kind,
                locales: served,
                schedule,
                target,
            });
        }
        if !channels.iter().any(|c| c.kind == ChannelKind::Email) {
            return Err(fail(
                &["channels"],
                "channels",
                "configure the `email` channel: it is the one always available".into(),
            ));
        }

        let mut topics: Vec<Topic> = Vec::new();
        for t in raw.topics {
            let at =
                |token: &str, message: String| fail(&["topics", t.id.as_str()], token, message);
            if !is_id(&t.id) {
                return Err(at(
                    &t.id,
                    format!("topic `{}` must be lowercase letters, digits and `-`", t.id),
                ));
            }
            if topics.iter().any(|x| x.id == t.id) {
                return Err(at(&t.id, format!("topic `{}` is listed twice", t.id)));
            }
            for &k in &t.channels {
                if !channels.iter().any(|c| c.kind == k) {
                    return Err(at(
                        k.id(),
                        format!(
                            "topic `{}` names channel `{}`, which is not configured under `channels`",
                            t.id,
                            k.id()
                        ),
                    ));
                }
            }
            if t.channels.is_empty() {
                return Err(at(&t.id, format!("topic `{}` lists no channels", t.id)));
            }
            topics.push(Topic {
                id: t.id,
                channels: t.channels,
            });
        }
        if !topics.iter().any(|t| t.id == GENERAL) {
            return Err(fail(
                &["topics"],
                "topics",
                format!("add a `{GENERAL}` topic: articles without `topic:` link to it"),
            ));
        }

        Ok(Contact {
            path: path.to_path_buf(),
            channels,
            topics,
            feedback_endpoint: raw.feedback_endpoint,
        })
    }

    pub fn channel(&self, kind: ChannelKind) -> Option<&Channel> {
        self.channels.iter().find(|c| c.kind == kind)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The channels that serve `locale`, in the order email, chat, phone.
    pub fn channels_for(&self, locale: usize) -> impl Iterator<Item = &Channel> {
        self.channels.iter().filter(move |c| c.serves(locale))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    #[serde(default)]
    feedback_endpoint: Option<String>,
    channels: RawChannels,
    topics: Vec<RawTopic>,
}

/// One field per channel kind, so an unknown channel is an unknown field with
/// its line and column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannels {
    email: Option<RawChannel>,
    chat: Option<RawChannel>,
    phone: Option<RawChannel>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChannel {
    locales: Option<Vec<String>>,
    /// Checked after parsing: serde_yaml places errors of optional values poorly.
    timezone: Option<String>,
    hours: Option<RawWeek>,
    #[serde(default)]
    closed: Vec<Date>,
    endpoint: Option<String>,
    launcher: Option<String>,
    numbers: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeek {
    #[serde(default)]
    mon: Vec<Interval>,
    #[serde(default)]
    tue: Vec<Interval>,
    #[serde(default)]
    wed: Vec<Interval>,
    #[serde(default)]
    thu: Vec<Interval>,
    #[serde(default)]
    fri: Vec<Interval>,
    #[serde(default)]
    sat: Vec<Interval>,
    #[serde(default)]
    sun: Vec<Interval>,
}

impl RawWeek {
    /// Monday first, each day sorted; overlapping intervals are an error.
    fn into_days(self) -> std::result::Result<[Vec<Interval>; 7], (&'static str, String)> {
        let mut week = [
            self.mon, self.tue, self.wed, self.thu, self.fri, self.sat, self.sun,
        ];
        for (day, intervals) in DAYS.iter().zip(week.iter_mut()) {
            intervals.sort();
            if let Some(w) = intervals.windows(2).find(|w| w[1].open < w[0].close) {
                return Err((
                    day,
                    format!("hours on {day} overlap: {} and {}", w[0], w[1]),
                ));
            }
        }
        Ok(week)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    channels: Vec<ChannelKind>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An endpoint is absolute http(s), or root-relative on the help center's host.
fn check_url(url: &str) -> std::result::Result<(), String> {
    match crate::segment::endpoint_problem(url) {
        None => Ok(()),
        Some(message) => Err(message),
    }
}

/// The 1-based line of `token` (a whole word) in the block of nested `section`
/// keys, e.g. `["channels", "phone"]`; the first line of the section otherwise.
fn locate(text: &str, section: &[&str], token: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0;
    for key in section {
        let found = lines[start..].iter().position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
                || l.strip_prefix("id:").is_some_and(|r| r.trim() == *key)
                || l.strip_prefix("{ id:")
                    .or_else(|| l.strip_prefix("{id:"))
                    .is_some_and(|r| r.trim_start().starts_with(&format!("{key},")))
        });
        if let Some(i) = found {
            start += i;
        }
    }
    let word = |l: &str| {
        l.match_indices(token).any(|(i, _)| {
            let before = l[..i].chars().next_back();
            let after = l[i + token.len()..].chars().next();
            let edge = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            edge(before) && edge(after)
        })
    };
    lines[start..]
        .iter()
        .position(|l| !l.trim_start().starts_with('#') && word(l))
        .map(|i| start + i + 1)
        .or(Some(start + 1))
}

#[cfg(test)]
mod tests;
