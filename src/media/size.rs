//! Image sizes, read from a file's header (no decoding): `imagesize` for raster
//! formats, the root element's `width`, `height` and `viewBox` for SVG.

use quick_xml::events::Event;

/// File extensions (lowercase) that browsers show in `<img>`.
pub const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "ico",
];

/// The pixel size of an image, `None` when the bytes do not say (or lie: zero).
pub fn dimensions(bytes: &[u8], ext: &str) -> Option<(u32, u32)> {
    let (w, h) = if ext == "svg" {
        svg(bytes)?
    } else {
        let size = imagesize::blob_size(bytes).ok()?;
        (
            u32::try_from(size.width).ok()?,
            u32::try_from(size.height).ok()?,
        )
    };
    (w > 0 && h > 0).then_some((w, h))
}

/// An SVG's size in CSS pixels: `width` and `height` when both are plain lengths,
/// otherwise the `viewBox`, scaled to the one length that is given. Relative
/// units (`%`, `em`) say nothing about the picture, so they are ignored.
fn svg(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        let element = match event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => return None,
            // The prolog (declaration, comments, doctype) is short: `buf` keeps it.
            _ => continue,
        };
        if element.local_name().as_ref() != b"svg" {
            return None;
        }
        let (mut width, mut height, mut view) = (None, None, None);
        for attribute in element.attributes().flatten() {
            let value = String::from_utf8_lossy(&attribute.value).into_owned();
            match attribute.key.local_name().as_ref() {
                b"width" => width = length(&value),
                b"height" => height = length(&value),
                b"viewBox" => view = view_box(&value),
                _ => {}
            }
        }
        let (w, h) = match (width, height, view) {
            (Some(w), Some(h), _) => (w, h),
            (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
            (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
            (_, _, Some(v)) => v,
            _ => return None,
        };
        return Some((w.round() as u32, h.round() as u32));
    }
}

/// `120`, `120px` or `120.5` in CSS pixels; anything else is not absolute enough.
fn length(value: &str) -> Option<f64> {
    let v = value.trim();
    let number = v.strip_suffix("px").unwrap_or(v).trim();
    let n: f64 = number.parse().ok()?;
    (n.is_finite() && n > 0.0).then_some(n)
}

/// The width and height of `viewBox="min-x min-y width height"`.
fn view_box(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite() => Some((w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_lengths_or_the_view_box() {
        let size = |s: &str| dimensions(s.as_bytes(), "svg");
        assert_eq!(
            size(
                r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="640" height="200px"/>"#
            ),
            Some((640, 200))
        );
        assert_eq!(
            size(r#"<!-- a --><svg viewBox="0 0 800 300"><rect/></svg>"#),
            Some((800, 300))
        );
        assert_eq!(
            size(r#"<svg width="400" viewBox="0,0,800,300"></svg>"#),
            Some((400, 150))
        );
        assert_eq!(
            size(r#"<svg width="100%" height="50%" viewBox="0 0 80 30"/>"#),
            Some((80, 30))
        );
        assert_eq!(size(r#"<svg width="100%"/>"#), None);
        assert_eq!(size(r#"<html><svg width="1" height="1"/></html>"#), None);
        assert_eq!(size("not xml at all"), None);
    }

    #[test]
    fn raster_sizes_come_from_the_header() {
        // A PNG's size is in its IHDR chunk, right after the signature.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend(320u32.to_be_bytes());
        png.extend(200u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0]);
        assert_eq!(dimensions(&png, "png"), Some((320, 200)));
        assert_eq!(dimensions(b"garbage", "png"), None);
    }
}
