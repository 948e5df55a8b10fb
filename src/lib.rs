//! kbgen: a static site generator for multilingual help centers.
//!
//! The pipeline, one module per stage: [`load`] (walk content, split front matter)
//! -> [`markdown`] (parse) -> [`resolve`] (translations, URLs) -> [`render`] (Tera +
//! Fluent) -> [`write`] (staging folder, atomic swap). [`build`] runs them in order.

pub mod build;
pub mod config;
pub mod contact;
pub mod diagnostic;
pub mod frontmatter;
pub mod i18n;
pub mod load;
pub mod markdown;
pub mod render;
pub mod resolve;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod write;
