//! Contact facts for pages, all from the same checked config: the schedule as JSON
//! for contact.js, schema.org ContactPoint JSON-LD, and the channel / language /
//! hours table that replaces `<!-- kbgen:contact-channels -->` in articles.

use serde::Serialize;
use serde_json::{Value, json};

use super::hours::{DAYS, hhmm};
use super::{Channel, Contact, Target};
use crate::escape::html as escape;
use crate::intl::Intl;
use crate::locale::Locale;

use crate::sanitize::CHANNELS_MARKER;

/// The line writers put in Markdown where contact.yaml's channel table belongs.
pub const PLACEHOLDER: &str = "<!-- kbgen:contact-channels -->";

/// Looks up a UI string of the page's locale.
pub type Text<'a> = &'a dyn Fn(&str) -> String;

/// One channel as the contact page lists it without JavaScript.
#[derive(Debug, Serialize)]
pub struct ChannelFacts {
    pub id: &'static str,
    pub label: String,
    /// Lines such as `Mon–Fri 09:00–17:00`; one line for e-mail.
    pub hours: Vec<String>,
    /// The zone's city in the reader's language ("Amsterdam"), `None` for e-mail.
    pub zone: Option<String>,
    /// Where the channel leads: chat launcher, phone number; `None` for e-mail.
    pub href: Option<String>,
    pub number: Option<String>,
    pub languages: Vec<Language>,
    /// Closed days as the reader's language writes dates.
    pub closed: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Language {
    /// The BCP 47 tag, for `lang`.
    pub lang: String,
    pub name: String,
}

/// The channels serving `locale`, or with `all` every channel (the table in an
/// article says which languages each one serves).
pub fn channel_facts(
    contact: &Contact,
    locale: usize,
    all: bool,
    locales: &[Locale],
    t: Text<'_>,
) -> Vec<ChannelFacts> {
    let intl = Intl::new(&locales[locale].lang);
    contact
        .channels
        .iter()
        .filter(|c| all || c.serves(locale))
        .map(|c| {
            let (href, number) = match &c.target {
                Target::Email { .. } => (None, None),
                Target::Chat { launcher } => (Some(launcher.clone()), None),
                Target::Phone { numbers } => {
                    let n = numbers[locale].clone();
                    (n.as_ref().map(|n| format!("tel:{}", n.replace(' ', ""))), n)
                }
            };
            ChannelFacts {
                id: c.kind.id(),
                label: t(&format!("contact-channel-{}", c.kind.id())),
                hours: hours_lines(c, &intl, t),
                zone: (!c.schedule.is_always()).then(|| intl.zone(c.schedule.zone.name())),
                href,
                number,
                languages: c
                    .locales
                    .iter()
                    .map(|&l| Language {
                        lang: locales[l].lang.clone(),
                        name: locales[l].name.clone(),
                    })
                    .collect(),
                closed: c.schedule.closed.iter().map(|&d| intl.date(d)).collect(),
            }
        })
        .collect()
}

/// Days with the same hours grouped: `Mon–Fri 09:00–17:00`, `Sat 10:00–16:00`,
/// the times on the reader's clock.
fn hours_lines(c: &Channel, intl: &Intl, t: Text<'_>) -> Vec<String> {
    if c.schedule.is_always() {
        return vec![t("contact-always-open")];
    }
    let week = &c.schedule.week;
    let day = |i: usize| t(&format!("contact-day-{}", DAYS[i]));
    let mut lines = Vec::new();
    let mut i = 0;
    while i < 7 {
        let mut j = i;
        while j + 1 < 7 && week[j + 1] == week[i] {
            j += 1;
        }
        if !week[i].is_empty() {
            let days = if i == j {
                day(i)
            } else {
                format!("{}–{}", day(i), day(j))
            };
            let times: Vec<String> = week[i]
                .iter()
                .map(|span| format!("{}–{}", intl.time(span.open), intl.time(span.close)))
                .collect();
            lines.push(format!("{days} {}", times.join(", ")));
        }
        i = j + 1;
    }
    lines
}

/// The schedule of the channels serving `locale`, for contact.js.
pub fn schedule_json(contact: &Contact, locale: usize) -> String {
    let channels: Vec<Value> = contact
        .channels_for(locale)
        .map(|c| {
            let s = &c.schedule;
            json!({
                "id": c.kind.id(),
                "always": s.is_always(),
                "zone": s.zone.name(),
                "week": s.week.iter().map(|d| d.iter().map(|i| [i.open, i.close]).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "closed": s.closed.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let topics: serde_json::Map<String, Value> = contact
        .topics
        .iter()
        .map(|t| {
            let ids: Vec<&str> = t
                .channels
                .iter()
                .filter(|&&k| contact.channel(k).is_some_and(|c| c.serves(locale)))
                .map(|k| k.id())
                .collect();
            (t.id.clone(), json!(ids))
        })
        .collect();
    script_json(&json!({ "channels": channels, "topics": topics }))
}

/// schema.org ContactPoint JSON-LD for the channels serving `locale`.
pub fn json_ld(
    contact: &Contact,
    locale: usize,
    locales: &[Locale],
    site_url: &str,
    page_url: &str,
) -> String {
    const WEEKDAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let points: Vec<Value> = contact
        .channels_for(locale)
        .map(|c| {
            let mut hours = Vec::new();
            for (d, intervals) in c.schedule.week.iter().enumerate() {
                for i in intervals {
                    hours.push(json!({
                        "@type": "OpeningHoursSpecification",
                        "dayOfWeek": format!("https://schema.org/{}", WEEKDAYS[d]),
                        "opens": hhmm(i.open),
                        // schema.org has no 24:00; the last minute stands for it.
                        "closes": if i.close >= 24 * 60 { "23:59".to_string() } else { hhmm(i.close) },
                    }));
                }
            }
            let mut point = json!({
                "@type": "ContactPoint",
                "contactType": "customer support",
                "name": c.kind.id(),
                "availableLanguage": c.locales.iter().map(|&l| locales[l].lang.as_str()).collect::<Vec<_>>(),
                "hoursAvailable": hours,
            });
            match &c.target {
                Target::Email { .. } => point["url"] = json!(page_url),
                Target::Chat { launcher } => point["url"] = json!(launcher),
                Target::Phone { numbers } => {
                    if let Some(n) = &numbers[locale] {
                        point["telephone"] = json!(n);
                    }
                }
            }
            point
        })
        .collect();
    script_json(&json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "url": site_url,
        "contactPoint": points,
    }))
}

/// JSON that can sit inside `<script>`: `<`, `>` and `&` become `\u` escapes, so
/// no value can close the element or open a comment, and the JSON means the same.
pub fn script_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each placeholder in an article's HTML (the marker the parser wrote for
/// it) with the channel table.
pub fn fill_placeholder(html: &str, table: impl Fn() -> String) -> Option<String> {
    html.contains(CHANNELS_MARKER)
        .then(|| html.replace(CHANNELS_MARKER, &table()))
}

/// The channel / languages / hours table, localized, as HTML.
pub fn channel_table(facts: &[ChannelFacts], t: Text<'_>) -> String {
    let mut out = String::from("<table class=\"contact-channels\">\n<thead><tr>");
    for h in [
        "contact-table-channel",
        "contact-table-languages",
        "contact-table-hours",
    ] {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(&t(h))));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for f in facts {
        let languages: Vec<String> = f
            .languages
            .iter()
            .map(|l| {
                format!(
                    "<span lang=\"{}\">{}</span>",
                    escape(&l.lang),
                    escape(&l.name)
                )
            })
            .collect();
        let mut hours: Vec<String> = f.hours.iter().map(|h| escape(h)).collect();
        if let Some(zone) = &f.zone {
            hours.push(escape(&format!("({zone})")));
        }
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
            escape(&f.label),
            languages.join(", "),
            hours.join("<br>")
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = json!({ "a": "</script><!-- & \u{2028}" });
        let s = script_json(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
