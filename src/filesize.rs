//! File sizes as site.yaml writes them (`5 MB`) and as a writer reads them: a leaf
//! module, so that config can hold the media limits without importing media.

use serde::{Deserialize, Deserializer};

/// Size limits per file, from site.yaml:
///
/// ```yaml
/// media:
///   warn_size: 5 MB    # a warning names the file and its size
///   max_size: 50 MB    # an error
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    #[serde(default = "default_warn", deserialize_with = "bytes")]
    pub warn_size: u64,
    #[serde(default = "default_max", deserialize_with = "bytes")]
    pub max_size: u64,
}

const MB: u64 = 1_000_000;

fn default_warn() -> u64 {
    5 * MB
}

fn default_max() -> u64 {
    50 * MB
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            warn_size: default_warn(),
            max_size: default_max(),
        }
    }
}

/// A size as a number of bytes or as text with a unit: `800 KB`, `5 MB`, `1 GB`
/// (powers of 1000, as file managers show them).
fn bytes<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(u64),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Number(n) => return Ok(n),
        Raw::Text(t) => t,
    };
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let factor = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "KB" => 1_000,
        "MB" => MB,
        "GB" => 1_000 * MB,
        _ => 0,
    };
    match number.parse::<u64>() {
        Ok(n) if factor > 0 => Ok(n.saturating_mul(factor)),
        _ => Err(serde::de::Error::custom(format!(
            "`{text}` is not a size; write it as bytes or as `5 MB`, `800 KB`"
        ))),
    }
}

/// Bytes as a writer reads them: `7.3 MB`.
pub fn human(bytes: u64) -> String {
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{:.1} KB", bytes as f64 / 1_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_units() {
        let limits: Limits = serde_yaml::from_str("warn_size: 800 KB\nmax_size: 1000").unwrap();
        assert_eq!((limits.warn_size, limits.max_size), (800_000, 1000));
        let err = serde_yaml::from_str::<Limits>("warn_size: lots").unwrap_err();
        assert!(err.to_string().contains("`lots` is not a size"), "{err}");
        assert_eq!(Limits::default().max_size, 50_000_000);
        assert_eq!(human(7_340_000), "7.3 MB");
    }
}
