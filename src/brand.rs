//! site.yaml `brand:`: the accent color the theme's palette is derived from, kept
//! at WCAG AA contrast (4.5:1 for text) in light and dark mode, and a site's own
//! stylesheet linked after the theme's.

use std::path::PathBuf;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// AA for normal text (WCAG 2.x, 1.4.3).
pub const AA: f64 = 4.5;
/// The lightest background text in the light theme sits on (`--panel`), and the
/// white the warning names.
const LIGHT_BG: Rgb = Rgb(0xf4, 0xf6, 0xf8);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The dark theme's lightest background (`--panel`) and its page color (`--bg`).
const DARK_BG: Rgb = Rgb(0x1f, 0x22, 0x26);
const DARK_PAGE: Rgb = Rgb(0x15, 0x17, 0x1a);

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBrand {
    pub accent: Option<String>,
    pub logo: Option<PathBuf>,
    pub css: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (or `#rgb`), case-insensitive.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digits: Vec<u8> = match hex.len() {
            6 => (0..3)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
                .collect::<Option<_>>()?,
            3 => hex
                .chars()
                .map(|c| c.to_digit(16).map(|d| (d * 17) as u8))
                .collect::<Option<_>>()?,
            _ => return None,
        };
        Some(Rgb(digits[0], digits[1], digits[2]))
    }

    /// Relative luminance, WCAG 2.x.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// `self` moved `t` (0..=1) of the way to `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The WCAG contrast ratio of two colors, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `color`, or the first shade of it towards `towards` that reaches AA on `bg`.
fn readable(color: Rgb, bg: Rgb, towards: Rgb) -> Rgb {
    (0..=100)
        .map(|i| color.mix(towards, f64::from(i) / 100.0))
        .find(|c| contrast(*c, bg) >= AA)
        .unwrap_or(towards)
}

/// A checked `brand:`.
#[derive(Debug, Clone)]
pub struct Brand {
    pub accent: Option<Rgb>,
    /// The line of `accent:` in site.yaml, for the warning.
    pub accent_line: usize,
    /// The site's stylesheet, relative to the site root.
    pub css: Option<PathBuf>,
}

impl Brand {
    /// `accent:` checked; `line` is where it is written.
    pub fn check(raw: &RawBrand, line: usize) -> Result<Brand, String> {
        let accent = match &raw.accent {
            None => None,
            Some(text) => Some(Rgb::parse(text.trim()).ok_or_else(|| {
                format!("brand.accent `{text}` is not a color; write it as #rrggbb, like #0b57d0")
            })?),
        };
        Ok(Brand {
            accent,
            accent_line: line,
            css: raw.css.clone(),
        })
    }

    /// The palette's custom properties, after the theme's stylesheet, and a warning
    /// when the accent itself is too light for text on white.
    pub fn stylesheet(&self, site_yaml: &std::path::Path) -> (String, Option<Diagnostic>) {
        let Some(accent) = self.accent else {
            return (String::new(), None);
        };
        let light = readable(accent, LIGHT_BG, Rgb(0, 0, 0));
        let dark = readable(accent, DARK_BG, WHITE);
        let fg = |bg: Rgb| {
            if contrast(WHITE, bg) >= contrast(DARK_PAGE, bg) {
                WHITE
            } else {
                DARK_PAGE
            }
        };
        let css = format!(
            "/* site.yaml brand.accent {accent}, kept at WCAG AA contrast. */\n:root {{ --accent: {light}; --accent-fg: {}; }}\n@media (prefers-color-scheme: dark) {{ :root {{ --accent: {dark}; --accent-fg: {}; }} }}\n",
            fg(light),
            fg(dark)
        );
        let ratio = contrast(accent, WHITE);
        let warning = (ratio < AA).then(|| {
            Diagnostic::warning(
                site_yaml,
                format!(
                    "brand.accent {accent} has contrast {:.1}:1 on white, under the 4.5:1 text needs; links and buttons use a darker shade {light}",
                    (ratio * 10.0).floor() / 10.0
                ),
            )
            .at(self.accent_line, 1)
        });
        (css, warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with AA on white (4.54:1).
        assert!((contrast(Rgb::parse("#767676").unwrap(), WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn colors_parse_as_hex_only() {
        assert_eq!(Rgb::parse("#0B57d0"), Some(Rgb(0x0b, 0x57, 0xd0)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        for bad in ["0b57d0", "#0b57d", "#gggggg", "blue", "#0b57d0ff", "#ééé"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_light_accent_is_darkened_for_text_and_warned_about() {
        let brand = Brand::check(
            &RawBrand {
                accent: Some("#ffeb3b".into()),
                ..RawBrand::default()
            },
            12,
        )
        .unwrap();
        let (css, warning) = brand.stylesheet(std::path::Path::new("site.yaml"));
        let light = readable(Rgb(0xff, 0xeb, 0x3b), LIGHT_BG, Rgb(0, 0, 0));
        assert!(contrast(light, LIGHT_BG) >= AA && contrast(light, WHITE) >= AA);
        assert!(css.contains(&format!("--accent: {light}")), "{css}");
        let w = warning.unwrap();
        assert_eq!(w.line, Some(12));
        assert!(
            w.message.contains("has contrast 1.2:1 on white"),
            "{}",
            w.message
        );
        // Dark mode keeps the bright yellow: it reads on the dark panel.
        assert!(
            css.contains("--accent: #ffeb3b; --accent-fg: #15171a"),
            "{css}"
        );
        let dark_blue = Brand::check(
            &RawBrand {
                accent: Some("#0b57d0".into()),
                ..RawBrand::default()
            },
            1,
        )
        .unwrap();
        let (css, warning) = dark_blue.stylesheet(std::path::Path::new("site.yaml"));
        assert!(warning.is_none());
        assert!(css.starts_with("/* site.yaml brand.accent #0b57d0"));
        assert!(
            css.contains(":root { --accent: #0b57d0; --accent-fg: #ffffff; }"),
            "{css}"
        );
        assert!(
            Brand::check(
                &RawBrand {
                    accent: Some("#12345".into()),
                    ..RawBrand::default()
                },
                1
            )
            .is_err()
        );
    }
}
