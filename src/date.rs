//! Calendar dates as writers type them in front matter: `YYYY-MM-DD`, a day that
//! exists. The build and `kbgen check` share this one reading.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

/// A calendar date, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD` exactly (four, two and two digits), checking that the
    /// day exists: `2026-02-30` is not a date.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return None;
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(Date)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let now = chrono::DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0)
            .unwrap_or_default();
        Date(now.date_naive())
    }

    pub fn naive(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates_written_in_full() {
        assert_eq!(Date::parse("2027-06-30").unwrap().to_string(), "2027-06-30");
        for bad in [
            "2027-02-29",
            "2026-02-30",
            "2027-13-01",
            "27-06-30",
            "2027-6-30",
            "soon",
            "2027-06-3x",
            "+2027-06-30",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2028-02-29").is_some());
    }

    #[test]
    fn today_is_a_plausible_date() {
        assert!(Date::today() > Date::parse("2025-01-01").unwrap());
    }
}
