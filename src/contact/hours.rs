//! Office hours: when a channel is open, and when it opens next.
//!
//! Hours are wall-clock times in the support team's IANA time zone, so a channel
//! open 09:00-18:00 in Europe/Amsterdam stays open 09:00-18:00 across both DST
//! changes. `themes/default/static/contact.js` mirrors these rules in the browser;
//! keep the two in step.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, de};

/// Days of the week as written in contact.yaml, Monday first (ISO 8601).
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// How far ahead to look for the next opening: past any run of closed dates a
/// help center would plausibly configure.
const LOOKAHEAD_DAYS: u64 = 62;

/// One opening on one day: `09:00-18:00`, in minutes after midnight. `24:00` may
/// end a day; an interval never crosses midnight (write it as two).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    pub open: u16,
    pub close: u16,
}

impl Interval {
    pub fn parse(text: &str) -> Result<Interval, String> {
        let bad = || {
            format!(
                "hours `{text}` must look like `09:00-18:00` (24-hour clock, opening before closing)"
            )
        };
        let (a, b) = text.split_once('-').ok_or_else(bad)?;
        let open = minutes(a.trim()).ok_or_else(bad)?;
        let close = minutes(b.trim()).ok_or_else(bad)?;
        if open >= 24 * 60 {
            return Err(bad());
        }
        if close <= open {
            return Err(format!(
                "hours `{text}` close before they open; an interval cannot cross midnight, split it in two"
            ));
        }
        Ok(Interval { open, close })
    }

    fn contains(&self, minute: u16) -> bool {
        self.open <= minute && minute < self.close
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", hhmm(self.open), hhmm(self.close))
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Interval::parse(&text).map_err(de::Error::custom)
    }
}

/// `HH:MM` -> minutes after midnight; `24:00` is allowed as an end.
fn minutes(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    match (h, m) {
        (0..=23, 0..=59) | (24, 0) => Some(h * 60 + m),
        _ => None,
    }
}

pub fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A `YYYY-MM-DD` date in contact.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| de::Error::custom(format!("`{text}` is not a date like 2026-12-25")))
    }
}

/// A channel's weekly hours and closed dates, in its time zone.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub zone: Tz,
    /// Monday first; sorted, non-overlapping.
    pub week: [Vec<Interval>; 7],
    pub closed: BTreeSet<NaiveDate>,
}

impl Schedule {
    /// Open around the clock, every day: e-mail.
    pub fn always() -> Schedule {
        Schedule {
            zone: Tz::UTC,
            week: std::array::from_fn(|_| {
                vec![Interval {
                    open: 0,
                    close: 24 * 60,
                }]
            }),
            closed: BTreeSet::new(),
        }
    }

    pub fn is_always(&self) -> bool {
        self.closed.is_empty()
            && self.week.iter().all(|d| {
                d == &[Interval {
                    open: 0,
                    close: 24 * 60,
                }]
            })
    }

    /// Open at `now`: the opening minute counts, the closing minute does not.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&self.zone).naive_local();
        if self.closed.contains(&local.date()) {
            return false;
        }
        let minute = (local.time().num_seconds_from_midnight() / 60) as u16;
        self.day(local.date()).iter().any(|i| i.contains(minute))
    }

    /// The next time the channel opens after `now`, or `None` when open now or
    /// when it opens at no time within the next two months.
    pub fn next_opening(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if self.is_open(now) {
            return None;
        }
        let today = now.with_timezone(&self.zone).date_naive();
        (0..=LOOKAHEAD_DAYS)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .filter(|date| !self.closed.contains(date))
            .flat_map(|date| {
                self.day(date)
                    .iter()
                    .filter_map(move |i| self.instant(date, i.open))
            })
            .find(|&t| t > now)
    }

    fn day(&self, date: NaiveDate) -> &[Interval] {
        &self.week[date.weekday().num_days_from_monday() as usize]
    }

    /// The instant a wall-clock time happens in the zone. In the spring-forward
    /// gap the clock skips, so an opening at 02:30 happens when it resumes at
    /// 03:00; in the autumn overlap it happens the first time.
    fn instant(&self, date: NaiveDate, minute: u16) -> Option<DateTime<Utc>> {
        let midnight = NaiveDateTime::new(date, NaiveTime::MIN);
        // Gaps last an hour in most zones and never more than three.
        (0..=180)
            .find_map(|k| {
                let wall = midnight + chrono::Duration::minutes(i64::from(minute) + k);
                self.zone.from_local_datetime(&wall).earliest()
            })
            .map(|t| t.with_timezone(&Utc))
    }
}

/// `t` as `HH:MM` on the wall clock of `zone`, e.g. a reader's.
pub fn local_hhmm(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMS: Tz = chrono_tz::Europe::Amsterdam;

    /// The example: Monday to Friday 09:00-18:00, Saturday 10:00-14:00.
    fn office() -> Schedule {
        let weekday = vec![Interval::parse("09:00-18:00").unwrap()];
        Schedule {
            zone: AMS,
            week: [
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday.clone(),
                weekday,
                vec![Interval::parse("10:00-14:00").unwrap()],
                vec![],
            ],
            closed: [NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()]
                .into_iter()
                .collect(),
        }
    }

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn parses_hours_and_rejects_bad_ones() {
        assert_eq!(
            Interval::parse("09:00-18:00"),
            Ok(Interval {
                open: 540,
                close: 1080
            })
        );
        assert_eq!(Interval::parse("20:00-24:00").unwrap().close, 1440);
        for bad in [
            "25:00-26:00",
            "09:00-25:00",
            "9:00-18:00",
            "09:60-10:00",
            "0900-1800",
            "24:00-24:00",
        ] {
            assert!(Interval::parse(bad).is_err(), "{bad}");
        }
        let err = Interval::parse("18:00-09:00").unwrap_err();
        assert!(err.contains("close before they open"), "{err}");
    }

    #[test]
    fn opening_minute_is_open_closing_minute_is_not() {
        let s = office();
        // Wednesday 2026-06-10, CEST (UTC+2).
        assert!(!s.is_open(utc("2026-06-10T06:59:59Z")));
        assert!(s.is_open(utc("2026-06-10T07:00:00Z")));
        assert!(s.is_open(utc("2026-06-10T15:59:59Z")));
        assert!(!s.is_open(utc("2026-06-10T16:00:00Z")));
        assert_eq!(
            s.next_opening(utc("2026-06-10T06:59:00Z")),
            Some(utc("2026-06-10T07:00:00Z"))
        );
        assert_eq!(s.next_opening(utc("2026-06-10T07:00:00Z")), None);
        assert_eq!(
            s.next_opening(utc("2026-06-10T16:00:00Z")),
            Some(utc("2026-06-11T07:00:00Z"))
        );
    }

    #[test]
    fn spring_forward_keeps_wall_clock_hours() {
        let s = office();
        // Friday 2026-03-27 is still CET (UTC+1): opens 08:00 UTC.
        assert!(!s.is_open(utc("2026-03-27T07:59:00Z")));
        assert!(s.is_open(utc("2026-03-27T08:00:00Z")));
        // Saturday 10:00-14:00 CET.
        assert!(s.is_open(utc("2026-03-28T09:00:00Z")));
        assert!(!s.is_open(utc("2026-03-28T13:00:00Z")));
        // Sunday 2026-03-29, 01:30 UTC is just before the change (02:00 CET -> 03:00
        // CEST at 01:00 UTC has passed): closed on Sundays either way.
        let sunday = utc("2026-03-29T01:30:00Z");
        assert!(!s.is_open(sunday));
        // Monday opens at 09:00 CEST = 07:00 UTC, an hour earlier in UTC than Friday.
        let next = s.next_opening(sunday).unwrap();
        assert_eq!(next, utc("2026-03-30T07:00:00Z"));
        assert_eq!(local_hhmm(next, AMS), "09:00");
    }

    #[test]
    fn fall_back_keeps_wall_clock_hours() {
        let s = office();
        // Friday 2026-10-23, CEST: 09:00 = 07:00 UTC.
        assert!(s.is_open(utc("2026-10-23T07:00:00Z")));
        // Sunday 2026-10-25 the clocks go back; Monday 09:00 CET = 08:00 UTC.
        assert_eq!(
            s.next_opening(utc("2026-10-24T11:59:00Z")),
            None,
            "open on Saturday at 13:59 CEST"
        );
        let next = s.next_opening(utc("2026-10-25T01:30:00Z")).unwrap();
        assert_eq!(next, utc("2026-10-26T08:00:00Z"));
        assert!(!s.is_open(utc("2026-10-26T07:30:00Z")));
        assert!(s.is_open(utc("2026-10-26T08:00:00Z")));
    }

    #[test]
    fn weekends_and_closed_dates() {
        let s = office();
        // Sunday 2026-06-14: closed all day, opens Monday.
        assert!(!s.is_open(utc("2026-06-14T10:00:00Z")));
        assert_eq!(
            s.next_opening(utc("2026-06-14T10:00:00Z")),
            Some(utc("2026-06-15T07:00:00Z"))
        );
        // Christmas 2026 is a Friday and closed: next is Saturday 10:00 CET.
        assert!(!s.is_open(utc("2026-12-25T10:00:00Z")));
        assert_eq!(
            s.next_opening(utc("2026-12-24T17:30:00Z")),
            Some(utc("2026-12-26T09:00:00Z"))
        );
    }

    #[test]
    fn readers_elsewhere_see_their_own_clock() {
        let s = office();
        // Sunday evening in Amsterdam (CEST): Monday's 09:00 opening is 15:00 in
        // Shanghai (UTC+8) and 04:00 in São Paulo (UTC-3).
        let next = s.next_opening(utc("2026-06-14T18:00:00Z")).unwrap();
        assert_eq!(local_hhmm(next, chrono_tz::Asia::Shanghai), "15:00");
        assert_eq!(local_hhmm(next, chrono_tz::America::Sao_Paulo), "04:00");
        // In winter (CET) the same opening is 16:00 and 05:00.
        let next = s.next_opening(utc("2026-11-15T18:00:00Z")).unwrap();
        assert_eq!(local_hhmm(next, chrono_tz::Asia::Shanghai), "16:00");
        assert_eq!(local_hhmm(next, chrono_tz::America::Sao_Paulo), "05:00");
        // At 16:30 Monday in Shanghai (08:30 UTC, CEST) it is open in Amsterdam.
        assert!(s.is_open(utc("2026-06-15T08:30:00Z")));
    }

    #[test]
    fn opening_in_the_spring_gap_happens_when_the_clock_resumes() {
        let mut s = office();
        s.week[6] = vec![Interval::parse("02:30-05:00").unwrap()];
        // Sunday 2026-03-29: 02:30 does not exist in Amsterdam; 03:00 CEST = 01:00 UTC.
        assert_eq!(
            s.next_opening(utc("2026-03-29T00:00:00Z")),
            Some(utc("2026-03-29T01:00:00Z"))
        );
    }

    #[test]
    fn always_is_always_open() {
        let s = Schedule::always();
        assert!(s.is_always());
        assert!(s.is_open(utc("2026-12-25T23:59:00Z")));
        assert_eq!(s.next_opening(utc("2026-12-25T23:59:00Z")), None);
        assert!(!office().is_always());
    }
}
