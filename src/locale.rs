//! One language of a site: a leaf module, so that config and the modules it loads
//! (contact) can both name it without importing each other.

use unic_langid::LanguageIdentifier;

/// One language of the site, as configured.
#[derive(Debug, Clone)]
pub struct Locale {
    /// The folder name and URL segment, e.g. `pt`.
    pub code: String,
    /// The language's name in itself, e.g. `Português`.
    pub name: String,
    /// The BCP 47 tag of `lang`, hreflang and date formats, e.g. `zh-Hans`; the
    /// code unless site.yaml gives `lang:`.
    pub lang: String,
    pub langid: LanguageIdentifier,
}

impl Locale {
    /// Text direction for `<html dir>`.
    pub fn dir(&self) -> &'static str {
        if self.langid.character_direction() == unic_langid::CharacterDirection::RTL {
            "rtl"
        } else {
            "ltr"
        }
    }
}
