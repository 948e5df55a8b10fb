//! Files kept in memory, for `kbgen serve`. They are kept compressed: HTML and the
//! search index's JSON take about half their size, so that a full rebuild of a
//! large site can hold the files still served and the new ones at once.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use super::{Output, inside};
use crate::diagnostic::Result;

/// Files kept in memory, path -> contents, for `kbgen serve`.
#[derive(Default)]
pub struct Memory {
    files: Mutex<HashMap<String, Stored>>,
}

impl Memory {
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Everything written so far.
    pub fn into_files(self) -> HashMap<String, Stored> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Output for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        inside(rel)?;
        // Compressed before the lock: the page pass writes from every thread.
        let stored = Stored::new(bytes);
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_string(), stored);
        Ok(())
    }

    fn rename_dir(&self, from: &str, to: &str) -> Result<()> {
        inside(to)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let prefix = format!("{from}/");
        let moved: Vec<String> = files
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        for old in moved {
            let stored = files.remove(&old).expect("listed above");
            files.insert(format!("{to}/{}", &old[prefix.len()..]), stored);
        }
        Ok(())
    }
}

/// A file's contents, LZ4-compressed unless that would not save an eighth of them
/// (images, fonts and tiny files are kept as they are).
#[derive(Clone)]
pub struct Stored {
    data: Box<[u8]>,
    compressed: bool,
}

/// Below this size compressing saves too little to be worth a copy per request.
const SMALL: usize = 256;

impl Stored {
    pub fn new(bytes: &[u8]) -> Stored {
        if bytes.len() >= SMALL {
            let packed = lz4_flex::compress_prepend_size(bytes);
            if packed.len() <= bytes.len() - bytes.len() / 8 {
                return Stored {
                    data: packed.into_boxed_slice(),
                    compressed: true,
                };
            }
        }
        Stored {
            data: bytes.into(),
            compressed: false,
        }
    }

    /// The file's contents, as written.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.compressed {
            return Cow::Borrowed(&self.data);
        }
        Cow::Owned(
            lz4_flex::decompress_size_prepended(&self.data)
                .expect("kbgen compressed these bytes itself"),
        )
    }

    /// The bytes it takes in memory.
    pub fn stored_len(&self) -> usize {
        self.data.len()
    }
}

impl PartialEq for Stored {
    fn eq(&self, other: &Stored) -> bool {
        match (self.compressed, other.compressed) {
            // One compressor, so the same contents compress the same.
            (true, true) | (false, false) => self.data == other.data,
            _ => self.bytes() == other.bytes(),
        }
    }
}

impl Eq for Stored {}

impl fmt::Debug for Stored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stored")
            .field("len", &self.bytes().len())
            .field("stored_len", &self.data.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keeps_what_was_written() {
        let m = Memory::new();
        m.write("en/index.html", b"a").unwrap();
        m.write("en/index.html", b"b").unwrap();
        assert_eq!(&*m.into_files()["en/index.html"].bytes(), b"b");
    }

    #[test]
    fn memory_refuses_paths_outside() {
        let m = Memory::new();
        let e = m.write("en/../../x", b"x").unwrap_err();
        assert!(e.to_string().contains("escapes the output"), "{e}");
        assert!(m.rename_dir("en", "/tmp/x").is_err());
        assert!(m.into_files().is_empty());
    }

    #[test]
    fn a_page_is_kept_in_a_fraction_of_its_size_and_read_back_as_written() {
        let row = "<li><a href=\"/en/help/refunds/\">How refunds work</a></li>\n";
        let page = format!("<!DOCTYPE html>\n<ul>\n{}</ul>\n", row.repeat(200));
        let stored = Stored::new(page.as_bytes());
        assert!(
            stored.stored_len() * 4 < page.len(),
            "{} of {}",
            stored.stored_len(),
            page.len()
        );
        assert_eq!(&*stored.bytes(), page.as_bytes());
    }

    #[test]
    fn what_does_not_compress_is_kept_as_it_is() {
        // Bytes with no repeats, as in a PNG or a font: compressing would grow them.
        let mut state = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        for bytes in [&noise[..], b"", b"tiny"] {
            let stored = Stored::new(bytes);
            assert_eq!(stored.stored_len(), bytes.len());
            assert_eq!(&*stored.bytes(), bytes);
        }
        assert_eq!(Stored::new(&noise), Stored::new(&noise));
        assert_ne!(Stored::new(b"a"), Stored::new(b"b"));
    }
}
