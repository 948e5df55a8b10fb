//! The contact flow's pages: `/<locale>/contact/`, the footer of every article
//! and the channel table that replaces `<!-- kbgen:contact-channels -->`.

use serde::Serialize;

use super::{Alternate, Renderer};
use crate::contact::facts::{self, ChannelFacts};
use crate::contact::{ChannelKind, Contact, GENERAL, Target};
use crate::diagnostic::Diagnostic;
use crate::load::SourcePage;
use crate::markdown::Parsed;
use crate::resolve::Site;

/// What a reader can say went wrong after answering "No" under an article, each
/// with a `feedback-reason-<id>` string; the id is what the feedback endpoint and
/// the contact form receive as `reason`.
pub(super) const FEEDBACK_REASONS: [&str; 4] = ["unclear", "outdated", "unanswered", "other"];

/// What an article shows below its text.
#[derive(Serialize)]
pub(super) struct Footer {
    /// The article's id (its page key), sent with feedback.
    id: String,
    /// Where feedback is POSTed; kept in the browser when `None`.
    feedback_endpoint: Option<String>,
    /// Into the contact flow with the article's topic; `None` without contact.yaml.
    contact_link: Option<String>,
}

#[derive(Serialize)]
struct TopicOption {
    id: String,
    label: String,
}

/// The URL of a locale's contact page, as resolve gave it; empty when the site
/// has none (no contact.yaml), which only a page without a contact flow asks.
fn contact_url(site: &Site, locale: usize) -> &str {
    site.locales()[locale]
        .contact
        .as_ref()
        .map_or("", |c| c.url.as_str())
}

impl Renderer {
    fn contact<'a>(&self, site: &'a Site) -> Option<&'a Contact> {
        site.config().contact.as_ref()
    }

    fn text(&self, locale: usize, id: &str) -> Result<String, Diagnostic> {
        self.localizer
            .text(locale, id)
            .map_err(|e| Diagnostic::error("locales", e))
    }

    /// The article HTML with the channel table in place of the placeholder, or
    /// `None` when it has none.
    pub(super) fn fill_contact_facts(
        &self,
        site: &Site,
        locale: usize,
        source: &SourcePage,
        html: &str,
    ) -> Result<Option<String>, Diagnostic> {
        if !html.contains(crate::sanitize::CHANNELS_MARKER) {
            return Ok(None);
        }
        let Some(contact) = self.contact(site) else {
            return Err(Diagnostic::error(
                &source.path,
                format!(
                    "{} shows facts from contact.yaml, and this site has none",
                    facts::PLACEHOLDER
                ),
            )
            .at(line_of(source.text(), facts::PLACEHOLDER), 1));
        };
        let t = |id: &str| {
            self.localizer
                .text(locale, id)
                .unwrap_or_else(|_| id.into())
        };
        let rows = facts::channel_facts(contact, locale, true, &site.config().locales, &t);
        Ok(facts::fill_placeholder(html, || {
            facts::channel_table(&rows, &t)
        }))
    }

    pub(super) fn article_footer(
        &self,
        site: &Site,
        locale: usize,
        key: &str,
        source: &SourcePage,
    ) -> Footer {
        let Some(contact) = self.contact(site) else {
            return Footer {
                id: key.to_string(),
                feedback_endpoint: None,
                contact_link: None,
            };
        };
        // Resolve made sure the topic is one of contact.yaml's, and contact.yaml
        // always has the general one.
        let topic = source.front.topic.as_deref().unwrap_or(GENERAL);
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("topic", topic)
            .append_pair("from", key)
            .finish();
        Footer {
            id: key.to_string(),
            feedback_endpoint: contact.feedback_endpoint.clone(),
            contact_link: Some(format!("{}?{query}", contact_url(site, locale))),
        }
    }

    /// `/<locale>/contact/`, when the site has contact.yaml.
    pub fn contact_page(&self, site: &Site, locale: usize) -> Result<String, Diagnostic> {
        let Some(contact) = self.contact(site) else {
            return Ok(String::new());
        };
        let config = site.config();
        let ls = &site.locales()[locale];
        let empty = Parsed::default();
        let mut common = self.common(site, locale, &ls.home, &empty);
        let title = self.text(locale, "contact-page-title")?;
        common.page_title = &title;
        common.description = None;
        let url = contact_url(site, locale);
        common.canonical = site.absolute(url);
        common.alternates = (0..config.locales.len())
            .map(|l| Alternate {
                lang: config.locales[l].lang.clone(),
                href: site.absolute(contact_url(site, l)),
            })
            .collect();
        common.alternates.push(Alternate {
            lang: "x-default".into(),
            href: site.absolute(contact_url(site, config.default_locale)),
        });
        for (l, entry) in common.switcher.iter_mut().enumerate() {
            entry.url = contact_url(site, l).to_string();
        }
        let topics = contact
            .topics
            .iter()
            .map(|t| {
                Ok(TopicOption {
                    id: t.id.clone(),
                    label: self.text(locale, &format!("contact-topic-{}", t.id))?,
                })
            })
            .collect::<Result<Vec<_>, Diagnostic>>()?;
        let t = |id: &str| {
            self.localizer
                .text(locale, id)
                .unwrap_or_else(|_| id.into())
        };
        let channels: Vec<ChannelFacts> =
            facts::channel_facts(contact, locale, false, &config.locales, &t);
        let endpoint = contact
            .channel(ChannelKind::Email)
            .map(|c| match &c.target {
                Target::Email { endpoint } => endpoint.as_str(),
                _ => "",
            });
        let mut ctx = self.context(&common)?;
        ctx.insert("topics", &topics);
        ctx.insert("channels", &channels);
        ctx.insert("email_endpoint", &endpoint);
        ctx.insert("schedule_json", &facts::schedule_json(contact, locale));
        ctx.insert(
            "json_ld",
            &facts::json_ld(
                contact,
                locale,
                &config.locales,
                &site.absolute(&format!("{}/", config.path_prefix)),
                &common.canonical,
            ),
        );
        self.render("contact.html", &ctx)
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}
