//! kbgen: a static site generator for multilingual help centers.
//!
//! The pipeline, one module per stage: [`load`] (walk content, split front matter)
//! -> [`markdown`] (parse) -> [`resolve`] (translations, URLs) -> [`render`] (Tera +
//! Fluent) -> [`write`] (staging folder, atomic swap). [`build`] runs them in order;
//! [`serve`] keeps the site in memory and rebuilds what each edit reaches.

pub mod aliases;
pub mod anchors;
pub mod base_path;
pub mod brand;
pub mod build;
pub mod check;
pub mod config;
pub mod contact;
pub mod date;
pub mod diagnostic;
pub mod escape;
pub mod filesize;
pub mod frontmatter;
pub mod frontmatter_edit;
pub mod host;
pub mod i18n;
pub mod import;
pub mod init;
pub mod intl;
pub mod llms;
pub mod load;
pub mod locale;
pub mod manifest;
pub mod markdown;
pub mod media;
pub mod pipeline;
pub mod problem;
pub mod publish;
pub mod render;
pub mod resolve;
pub mod sanitize;
pub mod search;
pub mod segment;
pub mod serve;
pub mod sitemap;
pub mod stamp;
pub mod theme;
pub mod timings;
pub mod translate;
pub mod write;
pub mod yaml;
