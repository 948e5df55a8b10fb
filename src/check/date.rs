//! Dates in front matter: `updated:` and `review_by:` must be `YYYY-MM-DD`, and a
//! `review_by:` in the past means the facts must be checked again.

use std::fmt;

use serde::Serialize;

use super::{Kind, Level, Problem};
use crate::diagnostic::Diagnostic;
use crate::load::SourcePage;

/// A calendar date, ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
        let days = match date.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&date.day).then_some(date)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Bad dates are front matter errors; a `review_by:` before `today` is expired.
pub fn check_dates(page: &SourcePage, today: Date) -> Vec<Problem> {
    let mut problems = Vec::new();
    let fields = [
        ("updated", page.front.updated.as_deref()),
        ("review_by", page.front.review_by.as_deref()),
    ];
    for (key, value) in fields {
        let Some(value) = value else { continue };
        let line = key_line(page, key);
        match Date::parse(value) {
            None => problems.push(Problem::new(
                Level::Error,
                Kind::FrontMatter,
                Diagnostic::error(
                    &page.path,
                    format!("`{key}: {value}` is not a date: write it as YYYY-MM-DD"),
                )
                .at(line, 1),
            )),
            Some(date) if key == "review_by" && date < today => problems.push(Problem::new(
                Level::Warning,
                Kind::Expired,
                Diagnostic::warning(
                    &page.path,
                    format!("review_by {date} has passed (today is {today}): check the facts, then move the date"),
                )
                .at(line, 1),
            )),
            Some(_) => {}
        }
    }
    problems
}

/// The file line of a top-level front matter key (1 when not found).
fn key_line(page: &SourcePage, key: &str) -> usize {
    page.text()
        .lines()
        .take(page.body_line)
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2027-06-30"),
            Some(Date {
                year: 2027,
                month: 6,
                day: 30
            })
        );
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "27-06-30",
            "2027-6-30",
            "soon",
            "2027-06-3x",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2028-02-29").is_some());
    }

    #[test]
    fn days_since_epoch_to_civil() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_416).to_string(), "2025-11-24");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }
}
