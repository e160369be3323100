//! Making untrusted text safe to show: everything a server sent (banners, replies, certificate
//! fields) and everything a user typed goes through here before it reaches a report.
//!
//! - [`bound`] cuts over-long values with a visible marker (bounded output size);
//! - [`crate::sanitize::visible`] (the one sanitizer) shows control and invisible formatting
//!   characters (`\u{1b}`, `‹U+202E›`) before any escaping below;
//! - [`markdown`] neutralises Markdown and HTML syntax (HTML escaping is maud's, in `html.rs`).

use crate::sanitize::visible;

/// Longest value kept in a report, in characters (a 1 MB banner becomes this plus a marker).
pub const MAX_VALUE_CHARS: usize = 4096;
/// Most transcript lines kept per step.
pub const MAX_TRANSCRIPT_LINES: usize = 400;
/// Most items kept in a list (resolved addresses, SANs, certificates, verification lines).
pub const MAX_LIST_ITEMS: usize = 100;

/// Cuts `text` to `max_chars` characters; `marker(total_chars)` is appended when it was cut.
pub fn bound(text: &str, max_chars: usize, marker: impl FnOnce(usize) -> String) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_string(),
        Some((cut, _)) => {
            let total = text.chars().count();
            let mut out = String::with_capacity(cut + 64);
            out.push_str(&text[..cut]);
            out.push_str(&marker(total));
            out
        }
    }
}

/// Inline Markdown escaping, safe in a paragraph, a list item and a table cell: `<`, `>` and
/// `&` become entities (no HTML tag or autolink can form); `\ ` * _ [ ] | ~` get a backslash
/// (no emphasis, code span, link, image, table cell break or strikethrough: without `[` there is
/// no link, so `(` and `!` can stay); a line start that could open a block (`#`, `-`, `+`, `=`,
/// `1.`) is escaped too; control characters are made visible, so no new line can be injected.
/// Dots, hyphens and parentheses stay as they are so host names and sentences stay readable in
/// a helpdesk tool that shows the Markdown source.
pub fn markdown(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<char> = text.chars().collect();
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    // A block marker only counts when followed by a space or the end of the line.
    let marker_at = |i: usize| chars.get(i + 1).is_none_or(|c| c.is_whitespace());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 && marker_at(i) => {
                out.push('\\');
                out.push(c);
            }
            // "1. " or "1) " at the start would open an ordered list.
            '.' | ')' if i == leading_digits && i > 0 && marker_at(i) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// [`markdown`] for a text of several lines: each line escaped, joined by `joiner` (e.g. a
/// new line plus the indentation of a list item).
pub fn markdown_lines(text: &str, joiner: &str) -> String {
    text.lines()
        .map(|l| markdown(l.trim_end()))
        .collect::<Vec<_>>()
        .join(joiner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_cuts_on_a_character_boundary() {
        let text = "é".repeat(10);
        let cut = bound(&text, 3, |total| format!("[+{total}]"));
        assert_eq!(cut, "ééé[+10]");
        assert_eq!(bound("abc", 3, |_| "x".into()), "abc");
    }

    #[test]
    fn markdown_neutralises_syntax() {
        assert_eq!(
            markdown("[x](http://e) | `c` *b* <i>"),
            "\\[x\\](http://e) \\| \\`c\\` \\*b\\* &lt;i&gt;"
        );
        assert_eq!(markdown("1. one"), "1\\. one");
        assert_eq!(markdown("a\nb"), "a\\\\u{a}b");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("0.1.0"), "0.1.0");
        assert_eq!(markdown("-1 s"), "-1 s");
        assert_eq!(markdown("mail.contoso-eu.com"), "mail.contoso-eu.com");
    }
}
