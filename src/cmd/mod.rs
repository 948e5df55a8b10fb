//! One file per command.

pub mod build;
pub mod check;
pub mod report;
pub mod serve;
