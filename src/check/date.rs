//! `review_by:` in the past means the facts must be checked again.

use super::{Kind, Level, Problem};
use crate::diagnostic::Diagnostic;
use crate::load::SourcePage;

pub use crate::date::Date;

/// A `review_by:` before `today` is expired. A date that is no date is a front
/// matter error of the load stage, for the build and the check alike.
pub fn check_dates(page: &SourcePage, today: Date) -> Vec<Problem> {
    let Some(date) = page.front.review_by.as_deref().and_then(Date::parse) else {
        return Vec::new();
    };
    if date >= today {
        return Vec::new();
    }
    vec![Problem::new(
        Level::Warning,
        Kind::Expired,
        Diagnostic::warning(
            &page.path,
            format!("review_by {date} has passed (today is {today}): check the facts, then move the date"),
        )
        .at(page.key_line("review_by"), 1),
    )]
}
