//! Dates, times of day and time zones as a reader of each locale writes them, from
//! CLDR through ICU4X's compiled data (nothing is downloaded at build or run time).

use chrono::{Datelike, NaiveDate};
use icu_datetime::fieldsets::{T, YMD, zone::ExemplarCity};
use icu_datetime::input::{Date, Time};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_locale_core::Locale;
use icu_time::zone::IanaParser;

use icu_calendar::Gregorian;

/// The formatters of one locale, made once per page that needs them.
pub struct Intl {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    time: NoCalendarFormatter<T>,
    zone: NoCalendarFormatter<ExemplarCity>,
}

impl Intl {
    /// The formatters for a BCP 47 tag such as `fr`, `pl` or `zh-Hans`. A tag ICU
    /// cannot read, or a language CLDR lacks, falls back to CLDR's root data.
    pub fn new(tag: &str) -> Intl {
        let locale = Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN);
        let date = FixedCalendarDateTimeFormatter::try_new(locale.clone().into(), YMD::long())
            .expect("compiled data has a root date format");
        let time = NoCalendarFormatter::try_new(locale.clone().into(), T::hm())
            .expect("compiled data has a root time format");
        let zone = NoCalendarFormatter::try_new(locale.into(), ExemplarCity)
            .expect("compiled data has root zone names");
        Intl { date, time, zone }
    }

    /// `2026-11-20` as "20 novembre 2026", "2026年11月20日", "20 listopada 2026".
    pub fn date(&self, day: NaiveDate) -> String {
        let month = u8::try_from(day.month()).expect("a month is 1-12");
        let d = u8::try_from(day.day()).expect("a day is 1-31");
        match Date::try_new_gregorian(day.year(), month, d) {
            Ok(date) => self.date.format(&date).to_string(),
            Err(_) => day.to_string(),
        }
    }

    /// Minutes after midnight as the locale's clock shows them: "08:00", "8:00 AM".
    /// The end of the day (24:00) stays as written: no clock shows it.
    pub fn time(&self, minutes: u16) -> String {
        let (h, m) = ((minutes / 60) as u8, (minutes % 60) as u8);
        match Time::try_new(h, m, 0, 0) {
            Ok(time) => self.time.format(&time).to_string(),
            Err(_) => format!("{h:02}:{m:02}"),
        }
    }

    /// An IANA zone by its city in the reader's language: "Amsterdam", "阿姆斯特丹".
    pub fn zone(&self, iana: &str) -> String {
        let zone = IanaParser::new().parse(iana).without_offset();
        self.zone.format(&zone).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn dates_read_as_in_each_language() {
        let expected = [
            ("en", "November 20, 2026"),
            ("es", "20 de noviembre de 2026"),
            ("it", "20 novembre 2026"),
            ("fr", "20 novembre 2026"),
            ("nl", "20 november 2026"),
            ("de", "20. November 2026"),
            ("zh-Hans", "2026年11月20日"),
            ("pt", "20 de novembro de 2026"),
            // The genitive month, as Polish dates require.
            ("pl", "20 listopada 2026"),
        ];
        for (tag, want) in expected {
            assert_eq!(Intl::new(tag).date(day()), want, "{tag}");
        }
    }

    #[test]
    fn zones_are_cities_in_the_readers_language() {
        assert_eq!(Intl::new("en").zone("Europe/Amsterdam"), "Amsterdam");
        assert_eq!(Intl::new("zh-Hans").zone("Europe/Amsterdam"), "阿姆斯特丹");
        assert_eq!(Intl::new("es").zone("Europe/Amsterdam"), "Ámsterdam");
        assert!(!Intl::new("pl").zone("Europe/Amsterdam").contains('/'));
    }

    #[test]
    fn times_follow_the_locales_clock() {
        assert_eq!(Intl::new("de").time(8 * 60), "08:00");
        assert_eq!(Intl::new("en").time(20 * 60 + 30), "8:30\u{202f}PM");
        assert_eq!(Intl::new("fr").time(24 * 60), "24:00");
    }
}
