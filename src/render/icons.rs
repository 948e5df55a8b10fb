//! The category icons a site can name in front matter (`icon: payment`): small
//! line drawings written for the default theme, inlined into the home page so
//! they cost no request and take the text color.

/// Name -> the SVG's inner elements, drawn on a 24×24 grid with a 2 px stroke.
pub const ICONS: [(&str, &str); 8] = [
    (
        "account",
        r#"<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>"#,
    ),
    (
        "payment",
        r#"<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>"#,
    ),
    (
        "shipping",
        r#"<path d="M3 6h11v10H3zM14 10h4l3 3v3h-7"/><circle cx="7" cy="18" r="2"/><circle cx="17" cy="18" r="2"/>"#,
    ),
    (
        "dispute",
        r#"<path d="M12 3v18M5 21h14M4 7h16M7 7l-3 7h6zM17 7l-3 7h6z"/>"#,
    ),
    (
        "contact",
        r#"<path d="M4 5h16v11H9l-5 4z"/><path d="M8 10h8"/>"#,
    ),
    (
        "security",
        r#"<path d="M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6z"/><path d="M8.5 12l2.5 2.5 4.5-5"/>"#,
    ),
    (
        "seller",
        r#"<path d="M3 9l2-5h14l2 5M4 9v11h16V9M3 9h18"/><path d="M9 20v-6h6v6"/>"#,
    ),
    (
        "buyer",
        r#"<path d="M5 8h14l-1 12H6z"/><path d="M9 8V6a3 3 0 0 1 6 0v2"/>"#,
    ),
];

/// The `<svg>` of a built-in icon, hidden from screen readers (the category's
/// title says what it is), or `None` for a name the theme does not have.
pub fn svg(name: &str) -> Option<String> {
    let (_, inner) = ICONS.iter().find(|(n, _)| *n == name)?;
    Some(format!(
        r#"<svg class="icon" viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">{inner}</svg>"#
    ))
}

/// Where an `icon:` that names a file (it has a `.` or a `/`, as `truck.svg` or
/// `img/truck.png`) is, inside the locale folder: beside the category's `_index.md`.
/// `None` for a built-in name; `Err` for a path that leaves the category's folder.
pub fn file(category: &str, value: &str) -> Option<Result<String, String>> {
    if !value.contains(['.', '/']) {
        return None;
    }
    let mut parts = vec![category];
    for segment in value.split('/') {
        match segment {
            "" | "." => {}
            s if s == ".." || s.contains(['\\', ':']) => {
                return Some(Err(format!(
                    "icon `{value}` must be a file inside the category's folder, such as `truck.svg` beside its _index.md"
                )));
            }
            s => parts.push(s),
        }
    }
    Some(Ok(parts.join("/")))
}

/// An icon file as the home page shows it: decorative, the size of the built-in ones.
pub fn img(url: &str) -> String {
    format!(
        r#"<img class="icon" src="{}" alt="" width="32" height="32">"#,
        crate::escape::html(url)
    )
}

/// The built-in names, for the error about one that is not among them.
pub fn names() -> String {
    ICONS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_one_svg_and_unknown_names_have_none() {
        for (name, _) in ICONS {
            let svg = svg(name).unwrap();
            assert_eq!(svg.matches("<svg").count(), 1, "{name}");
            assert!(svg.ends_with("</svg>"));
        }
        assert!(svg("rocket").is_none());
        assert_eq!(file("orders", "payment"), None);
        assert_eq!(
            file("orders", "truck.svg"),
            Some(Ok("orders/truck.svg".into()))
        );
        assert_eq!(
            file("orders", "./img/t.png"),
            Some(Ok("orders/img/t.png".into()))
        );
        for outside in ["../x.svg", "img/../../x.svg", "c:x.svg"] {
            assert!(matches!(file("orders", outside), Some(Err(_))), "{outside}");
        }
        assert!(names().starts_with("account, payment"));
    }
}
