//! Import: content from other help-center systems into kbgen's content tree.

pub mod zendesk;
