use super::*;

/// Rewrites nothing: the conversion alone.
struct Same;

impl Rewrite for Same {
    fn link(&self, href: &str) -> String {
        href.to_string()
    }
    fn image(&self, src: &str) -> String {
        format!("local/{}", src.rsplit('/').next().unwrap_or(src))
    }
}

fn md(html: &str) -> Converted {
    convert(html, Arc::new(Same), &HtmlPolicy::default())
}

fn iframes() -> HtmlPolicy {
    HtmlPolicy {
        tags: vec!["iframe".into()],
        attributes: [(
            "iframe".to_string(),
            vec!["src".to_string(), "width".to_string()],
        )]
        .into_iter()
        .collect(),
        url_schemes: Vec::new(),
    }
}

#[test]
fn headings_keep_their_zendesk_ids() {
    assert_eq!(
        md("<h2 id=\"h_01HB1\">Placing a <em>bid</em></h2><h3>Plain</h3>").markdown,
        "## Placing a *bid* {#h_01HB1}\n\n### Plain\n"
    );
}

#[test]
fn callouts_and_blockquotes_become_quotes() {
    let out = md(
        "<div class=\"callout callout--warning\"><p><strong>Note:</strong> final.</p><p>Two.</p></div><blockquote><p>Q</p></blockquote>",
    );
    assert_eq!(out.markdown, "> **Note:** final.\n>\n> Two.\n\n> Q\n");
    assert!(out.lost.is_empty());
}

#[test]
fn tables_become_pipe_tables() {
    let out =
        md("<table><tr><th>Country</th><th>Fee</th></tr><tr><td>EU</td><td>free</td></tr></table>");
    assert_eq!(
        out.markdown,
        "| Country | Fee  |\n| ------- | ---- |\n| EU      | free |\n"
    );
    let spanned =
        md("<table><tr><th colspan=\"2\">A</th></tr><tr><td>1</td><td>2</td></tr></table>");
    assert_eq!(spanned.lost.len(), 1, "{:?}", spanned.lost);
}

#[test]
fn nested_lists_are_indented_under_their_item() {
    assert_eq!(
        md("<ol><li>One<ul><li>a</li><li>b</li></ul></li><li>Two</li></ol>").markdown,
        "1. One\n   - a\n   - b\n2. Two\n"
    );
}

#[test]
fn code_blocks_keep_their_blank_lines_and_inline_code_stays_code() {
    let out = md("<pre><code>a = 1\n\nb = 2</code></pre><p>Use <code>AUC-1</code>.</p>");
    assert_eq!(out.markdown, "```\na = 1\n\nb = 2\n```\n\nUse `AUC-1`.\n");
}

#[test]
fn line_breaks_are_backslashes() {
    assert_eq!(md("<p>one<br>two</p>").markdown, "one\\\ntwo\n");
}

#[test]
fn links_and_images_go_through_the_rewriter() {
    let out = md(
        "<p><a href=\"https://x.test/a b\" title=\"T\">go</a> <img src=\"https://x.test/i/p.png\" alt=\"A [b]\"></p>",
    );
    assert_eq!(
        out.markdown,
        "[go](<https://x.test/a b> \"T\") ![A \\[b\\]](local/p.png)\n"
    );
}

#[test]
fn video_iframes_are_kept_only_when_the_site_allows_them() {
    let html =
        "<iframe src=\"https://www.youtube.com/embed/xyz\" width=\"560\" onload=\"x()\"></iframe>";
    let kept = convert(html, Arc::new(Same), &iframes());
    assert_eq!(
        kept.markdown,
        "<iframe src=\"https://www.youtube.com/embed/xyz\" width=\"560\"></iframe>\n"
    );
    assert!(kept.lost.is_empty());
    let link = md(html);
    assert_eq!(
        link.markdown,
        "[Video](https://www.youtube.com/embed/xyz)\n"
    );
    assert!(link.lost[0].contains("html:"), "{:?}", link.lost);
    let other = convert(
        "<iframe src=\"https://forms.example/f\"></iframe>",
        Arc::new(Same),
        &iframes(),
    );
    assert_eq!(other.markdown, "[Video](https://forms.example/f)\n");
    assert!(other.lost[0].contains("forms.example"));
}

#[test]
fn inline_html_markdown_lacks_is_kept_and_scripts_are_dropped_with_a_report() {
    let out = md(
        "<p>H<sub>2</sub>O, <kbd>Ctrl</kbd></p><script>alert(1)</script><form><input name=q></form>",
    );
    assert_eq!(out.markdown, "H<sub>2</sub>O, <kbd>Ctrl</kbd>\n");
    assert_eq!(out.lost.len(), 2, "{:?}", out.lost);
    assert!(out.lost[0].contains("<script>"));
}

#[test]
fn details_keep_their_summary() {
    assert_eq!(
        md("<details><summary>More</summary><p>Hidden <b>text</b></p></details>").markdown,
        "<details>\n\n<summary>More</summary>\n\nHidden **text**\n\n</details>\n"
    );
}
