//! The one sanitizer for foreign text — anything that came from a server, a certificate, a log
//! file, a paste or the command line — before a person sees it: in the terminal, the wizard or a
//! report. No UI here; every face calls these functions.
//!
//! What it makes visible (never deletes, so nothing is hidden from the reader):
//! - C0 and C1 controls and DEL, ESC included, as `\u{1b}`: no escape sequence can clear the
//!   screen, retitle the window or move the cursor;
//! - bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), zero-width and invisible
//!   characters (U+200B–200F, U+2060–2064, U+FEFF, U+FFF9–FFFB) and the line and paragraph
//!   separators (U+2028/2029), as `‹U+202E›`: no text is reordered, hidden or broken into lines.
//!
//! A tab is kept as it is: it only moves to the next column. Line breaks: [`visible`] is for one
//! value shown on one line (a subject, a reply line, a file name) and shows every CR and LF;
//! [`visible_lines`] is for a text that has lines (a multi-line server reply, a whole terminal
//! output): LF and CR LF stay a line break (written as LF), any other CR is shown, so no line can
//! be overwritten from its start.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that act on the reader instead of being read (see the module doc). Tab, LF and CR
/// are decided by the caller's mode.
fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Is `c` a character the sanitizer rewrites (in one-line mode)?
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t') || is_format_char(c)
}

fn push_visible(out: &mut String, c: char) {
    if c.is_control() {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    } else {
        let _ = write!(out, "‹U+{:04X}›", c as u32);
    }
}

/// One value on one line: every control (CR and LF included, tab excepted) and every invisible
/// or reordering character becomes visible. Borrowed when nothing needed changing.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text with lines: like [`visible`], but LF and CR LF stay line breaks (written as LF). A CR
/// not followed by LF is shown, so a line cannot be overwritten from its start.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    let needs_change = text
        .char_indices()
        .any(|(i, c)| c != '\n' && is_hidden(c) && !(c == '\r' && text[i + 1..].starts_with('\n')))
        || text.contains("\r\n");
    if !needs_change {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_hidden(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Bytes as received (lossy UTF-8: an invalid sequence becomes U+FFFD), then [`visible`], cut to
/// `max_chars` characters of the original text with `…` when longer.
pub fn visible_bytes(bytes: &[u8], max_chars: usize) -> String {
    visible_cut(&String::from_utf8_lossy(bytes), max_chars)
}

/// [`visible`] on at most `max_chars` characters of `text`, `…` appended when it was cut: for a
/// place with a fixed budget (a label in the wizard, a transcript line). The cut is made before
/// the escapes, so an escape is never cut in half.
pub fn visible_cut(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => visible(text).into_owned(),
        Some((cut, _)) => {
            let mut out = visible(&text[..cut]).into_owned();
            out.push('…');
            out
        }
    }
}

/// Longest foreign value shown in one place (a label, a line of the terminal output), in
/// characters; a 1 MB banner or subject becomes this plus `…`.
pub const MAX_SHOWN_CHARS: usize = 2000;

/// One foreign value as a face shows it: [`visible`], cut to [`MAX_SHOWN_CHARS`].
pub fn shown(text: &str) -> String {
    visible_cut(text, MAX_SHOWN_CHARS)
}

/// Serialised JSON whose strings may hold foreign text: the characters [`visible`] flags that
/// serde_json leaves as they are (it escapes only C0 controls) are written as `\uXXXX` escapes.
/// They can only occur inside JSON strings, so the data parses back identical (a script gets
/// the exact bytes) while a person reading the file or the terminal sees no reordered, hidden
/// or acting text.
pub fn json_escape_hidden(json: String) -> String {
    if !json
        .chars()
        .any(|c| is_hidden(c) && !matches!(c, '\n' | '\r'))
    {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden(c) && !matches!(c, '\n' | '\r') {
            // Every such character is in the Basic Multilingual Plane: one escape suffices.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_format_characters_become_visible() {
        assert_eq!(
            visible("a\u{0}b\u{1b}[31m\r\n"),
            "a\\u{0}b\\u{1b}[31m\\u{d}\\u{a}"
        );
        assert_eq!(visible("x\u{202e}y"), "x‹U+202E›y");
        assert_eq!(visible("x\u{7f}\u{9b}"), "x\\u{7f}\\u{9b}");
        assert_eq!(visible("a\u{2028}b\u{2064}c"), "a‹U+2028›b‹U+2064›c");
        assert_eq!(visible("tab\there"), "tab\there");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn visible_is_idempotent() {
        let once = visible("\u{1b}]0;pwned\u{7}\u{202e}").into_owned();
        assert_eq!(visible(&once), once);
    }

    #[test]
    fn lines_keep_line_breaks_but_no_carriage_return() {
        assert_eq!(visible_lines("250-a\r\n250 b\n"), "250-a\n250 b\n");
        assert_eq!(visible_lines("fake\rline"), "fake\\u{d}line");
        assert_eq!(visible_lines("end\r"), "end\\u{d}");
        assert_eq!(visible_lines("\u{1b}[2J\n"), "\\u{1b}[2J\n");
        assert!(matches!(visible_lines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn cut_counts_characters_before_escaping() {
        assert_eq!(visible_cut("ééé\u{1b}x", 4), "ééé\\u{1b}…");
        assert_eq!(visible_cut("abc", 3), "abc");
        assert_eq!(visible_bytes(b"220 \xff\x1b", 10), "220 \u{fffd}\\u{1b}");
    }

    #[test]
    fn json_keeps_data_and_hides_nothing() {
        let json = serde_json::to_string(&"a\u{1b}b\u{202e}c").unwrap_or_default();
        let escaped = json_escape_hidden(json);
        assert_eq!(escaped, "\"a\\u001bb\\u202ec\"");
        let back: String = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back, "a\u{1b}b\u{202e}c");
    }
}
