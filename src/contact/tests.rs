use super::*;

fn locales() -> Vec<Locale> {
    ["en", "zh", "pt", "pl"]
        .iter()
        .map(|c| Locale {
            code: c.to_string(),
            name: c.to_string(),
            lang: c.to_string(),
            langid: c.parse().unwrap(),
        })
        .collect()
}

const OK: &str = "\
channels:
  email:
    endpoint: https://x.org/contact
  chat:
    launcher: /chat
    locales: [en, zh, pt, pl]
    timezone: Europe/Amsterdam
    hours:
      mon: [\"09:00-18:00\"]
  phone:
    locales: [en]
    numbers: { en: \"+31 20 000 0001\" }
    timezone: Europe/Amsterdam
    hours:
      mon: [\"09:00-12:00\", \"13:00-17:00\"]
    closed: [2026-12-25]
topics:
  - { id: order, channels: [phone, chat, email] }
  - { id: general, channels: [chat, email] }
";

fn parse(text: &str) -> Result<Contact> {
    Contact::parse(Path::new("contact.yaml"), text, &locales())
}

#[track_caller]
fn fails(text: &str, line: usize, needle: &str) {
    let err = parse(text).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let d = &err.diagnostics()[0];
    assert!(d.message.contains(needle), "{d}");
    assert_eq!(d.line, Some(line), "{d}");
}

#[test]
fn checks_a_good_config() {
    let c = parse(OK).unwrap();
    let kinds: Vec<_> = c.channels.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChannelKind::Email, ChannelKind::Chat, ChannelKind::Phone]
    );
    assert_eq!(c.channel(ChannelKind::Email).unwrap().locales, [0, 1, 2, 3]);
    assert!(c.channel(ChannelKind::Email).unwrap().schedule.is_always());
    assert_eq!(c.channel(ChannelKind::Phone).unwrap().locales, [0]);
    assert_eq!(c.channels_for(1).count(), 2, "no phone in zh");
    assert_eq!(c.topic("order").unwrap().channels[0], ChannelKind::Phone);
}

#[test]
fn unknown_locale_points_at_its_line() {
    fails(
        &OK.replace("[en, zh, pt, pl]", "[en, zh, pt, xx]"),
        6,
        "unknown locale `xx`",
    );
    fails(&OK.replace("{ en: ", "{ fr: "), 12, "unknown locale `fr`");
}

#[test]
fn bad_hours_point_at_their_line() {
    fails(
        &OK.replace("09:00-18:00", "09:00-25:00"),
        9,
        "must look like `09:00-18:00`",
    );
    fails(
        &OK.replace("09:00-18:00", "18:00-09:00"),
        9,
        "close before they open",
    );
    fails(
        &OK.replace("\"13:00-17:00\"", "\"11:00-17:00\""),
        15,
        "overlap",
    );
    fails(
        &OK.replace("mon: [\"09:00-18", "monday: [\"09:00-18"),
        9,
        "monday",
    );
    fails(&OK.replace("2026-12-25", "2026-13-25"), 16, "not a date");
    fails(
        &OK.replacen("Europe/Amsterdam", "Europe/Amsterdma", 1),
        7,
        "IANA time zone",
    );
}

#[test]
fn unknown_channel_or_topic_is_a_config_error() {
    fails(&OK.replace("  phone:\n", "  fax:\n"), 10, "fax");
    fails(
        &OK.replace("[chat, email] }", "[chat, pigeon] }"),
        19,
        "pigeon",
    );
    // Phone removed, but a topic still names it.
    let start = OK.find("  phone:").unwrap();
    let end = OK.find("topics:").unwrap();
    let without_phone = format!("{}{}", &OK[..start], &OK[end..]);
    fails(
        &without_phone,
        11,
        "channel `phone`, which is not configured",
    );
    fails(
        &OK.replace("id: general", "id: other"),
        17,
        "add a `general` topic",
    );
}

#[test]
fn every_served_locale_needs_a_phone_number() {
    fails(
        &OK.replace("locales: [en]", "locales: [en, pl]"),
        12,
        "no number for it",
    );
}

#[test]
fn email_has_no_hours() {
    fails(
        &OK.replace(
            "    endpoint: https://x.org/contact\n",
            "    endpoint: https://x.org/contact\n    timezone: UTC\n",
        ),
        4,
        "always available",
    );
}

#[test]
fn the_example_site_config_is_valid() {
    let text = include_str!("../../contact.yaml");
    let locales: Vec<Locale> = ["en", "es", "it", "fr", "nl", "de", "zh", "pt", "pl"]
        .iter()
        .map(|c| Locale {
            code: c.to_string(),
            name: c.to_string(),
            lang: c.to_string(),
            langid: c.parse().unwrap(),
        })
        .collect();
    let c = Contact::parse(Path::new("contact.yaml"), text, &locales).unwrap();
    let phone = c.channel(ChannelKind::Phone).unwrap();
    assert_eq!(
        phone.locales,
        [0, 1, 2, 3, 4, 5],
        "phone: en es it fr nl de"
    );
    assert_eq!(c.channel(ChannelKind::Chat).unwrap().locales.len(), 9);
    assert_eq!(c.channel(ChannelKind::Email).unwrap().locales.len(), 9);
}
